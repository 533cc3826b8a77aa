"""Test data for users, with their roles (Django groups) and scope (gemeenten)."""

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory, Password

from .constants import Role
from .models import Team, User

PASSWORD = "Kleurrijke-Brug-2026"


def _forget_cached(user: User, *names: str) -> None:
    for name in names:
        user.__dict__.pop(name, None)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    naam = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    """A user; `roles=[Role.KLANTREGISSEUR]` adds the groups, `gemeenten=[gemeente]` sets the scope."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = factory.Sequence(lambda n: f"Achternaam{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@gemeente.example")
    password = Password(PASSWORD)
    is_active = True

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        names = {str(role) for role in extracted}
        assert names <= set(Role.values), f"unknown roles: {names - set(Role.values)}"
        # The groups come from migration accounts/0002_role_groups; a transactional (browser) test
        # flushes the database, so create a missing one again.
        groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(names)]
        self.groups.add(*groups)
        _forget_cached(self, "roles")

    @factory.post_generation
    def gemeenten(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        self.gemeenten.set(extracted)
        _forget_cached(self, "scope")
