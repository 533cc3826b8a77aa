from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.core.scope import Scope

from .constants import Role


class Team(models.Model):
    """A team of klantregisseurs led by one or more teamleiders."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class User(AbstractUser):
    """A member of staff, an aanbieder's employee (coordinator, docent), a leerling or a system account (API token).

    Scope: a set of gemeenten, or (for the aanbieder, docent and leerling roles) exactly one aanbieder.
    """

    gemeenten = models.ManyToManyField(
        "gemeenten.Gemeente", blank=True, related_name="users", verbose_name=_("gemeenten (scope)")
    )
    aanbieder = models.ForeignKey(
        "aanbod.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("aanbieder (scope)"),
    )
    is_system = models.BooleanField(
        _("systeemaccount"),
        default=False,
        help_text=_(
            "Een ander systeem dat de API gebruikt. Het meldt zich alleen aan met een API-token, nooit met "
            "wachtwoord of OIDC; alleen een systeemaccount kan een API-token krijgen."
        ),
    )
    must_change_password = models.BooleanField(
        _("moet eigen wachtwoord kiezen"),
        default=False,
        help_text=_(
            "Het wachtwoord is een startcode die de school heeft uitgegeven: bij de volgende aanmelding kiest de "
            "gebruiker eerst een eigen wachtwoord en kan daarvoor niets anders openen."
        ),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("team"),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.aanbieder_id and self.pk and self.gemeenten.exists():
            raise ValidationError(
                {"aanbieder": _("Een gebruiker heeft als scope óf gemeenten óf één aanbieder, niet beide.")}
            )

    @cached_property
    def roles(self) -> frozenset[str]:
        names = {group.name for group in self.groups.all()}
        return frozenset(role for role in Role.values if role in names)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @cached_property
    def scope(self) -> Scope:
        if self.aanbieder_id is not None:
            return Scope(aanbieder_id=self.aanbieder_id)
        return Scope(gemeente_ids=frozenset(self.gemeenten.values_list("pk", flat=True)))

    @property
    def is_leerling_only(self) -> bool:
        """A learner's account and nothing more: the one kind of login without a second factor
        (accounts/permissions.py `second_factor_exempt`)."""
        return self.roles == frozenset({Role.LEERLING.value}) and not self.is_staff and not self.is_superuser

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in sorted(self.roles)]

    @property
    def primary_role(self) -> str:
        """The role recorded in the processing log: the first of the user's roles, by weight."""
        for role in Role.values:
            if role in self.roles:
                return role
        return "systeem" if not self.is_staff else "beheer"


class ApiToken(models.Model):
    """A system account's key to the API (`Authorization: Token <key>`).

    Only the SHA-256 digest of the key is stored: the key is shown once, when it is made, and cannot
    be read back. A key has 256 random bits, so a fast hash is enough (nothing to brute-force). Each
    token expires (API_TOKEN_DAYS) and can be revoked; only a system account can hold one.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        limit_choices_to={"is_system": True},
        verbose_name=_("systeemaccount"),
    )
    description = models.CharField(
        _("omschrijving"),
        max_length=200,
        help_text=_("Welk systeem dit token gebruikt, bijvoorbeeld 'Suite DUO-import'."),
    )
    prefix = models.CharField(_("begin van het token"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", editable=False, verbose_name=_("gemaakt door")
    )
    expires_at = models.DateTimeField(_("verloopt op"), editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", editable=False, verbose_name=_("ingetrokken door")
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
