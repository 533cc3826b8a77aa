"""Which users a functioneel beheerder manages, and what they may hand out.

The rule (README, Tenancy):
- A user is inside a beheerder's scope when they have at least one gemeente and all their gemeenten
  lie within the beheerder's gemeenten. Someone who also works for another gemeente is managed by a
  beheerder whose scope covers that gemeente too.
- A user without a gemeente — an aanbieder's employee, or an account that has no scope yet — is
  managed only by a beheerder whose scope covers every gemeente of the installation (for the usual
  installation of one uitvoeringsorganisatie: the whole organisation). An aanbieder's employee sees
  the placements of every gemeente that buys from that aanbieder, so only someone answerable for all
  of them may give out that access; and a user without a gemeente belongs to no gemeente's beheerder.
- A superuser is managed only by a superuser. A superuser manages everyone.
- A beheerder grants a group only if its permissions are a subset of their own (they cannot hand
  out admin rights they do not have), never changes their own groups or scope, and never grants
  staff, superuser or single permissions (those fields are not in their form at all).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from openinburgering.gemeenten.models import Gemeente
from openinburgering.gemeenten.selectors import beheerder_covers_every_gemeente

from .constants import PORTAAL_ACCOUNT_ROLES, Role
from .models import ApiToken, User


def users_for_beheerder(*, beheerder: User) -> QuerySet[User]:
    """The users this beheerder may see and change in the admin (themselves included, if inside)."""
    users = User.objects.all()
    if beheerder.is_superuser:
        return users
    users = users.filter(is_superuser=False)
    gemeente_ids = beheerder.scope.gemeente_ids
    counted = users.annotate(
        gemeenten_total=Count("gemeenten", distinct=True),
        gemeenten_outside=Count("gemeenten", filter=~Q(gemeenten__in=gemeente_ids), distinct=True),
    )
    inside = Q(gemeenten_total__gt=0, gemeenten_outside=0)
    if beheerder_covers_every_gemeente(beheerder):
        inside |= Q(gemeenten_total=0)
    return users.filter(pk__in=counted.filter(inside).values("pk"))


def user_in_scope_of(*, beheerder: User, user: User) -> bool:
    return users_for_beheerder(beheerder=beheerder).filter(pk=user.pk).exists()


def gemeenten_for_beheerder(*, beheerder: User) -> QuerySet[Gemeente]:
    """The gemeenten this beheerder may give to a user."""
    if beheerder.is_superuser:
        return Gemeente.objects.all()
    return Gemeente.objects.in_scope(beheerder.scope)


def groups_grantable_by(*, beheerder: User) -> QuerySet[Group]:
    """The groups (roles) whose every permission the beheerder holds themselves."""
    if beheerder.is_superuser:
        return Group.objects.all()
    own = beheerder.get_all_permissions()
    ungrantable = [
        pk
        for pk, app_label, codename in Permission.objects.filter(group__isnull=False)
        .values_list("pk", "content_type__app_label", "codename")
        .distinct()
        if f"{app_label}.{codename}" not in own
    ]
    return Group.objects.exclude(permissions__in=ungrantable)


def system_accounts_for_beheerder(*, beheerder: User) -> QuerySet[User]:
    return users_for_beheerder(beheerder=beheerder).filter(is_system=True, is_active=True)


def api_tokens_for_beheerder(*, beheerder: User) -> QuerySet[ApiToken]:
    """The tokens of the system accounts this beheerder manages: who holds which, until when."""
    return ApiToken.objects.filter(user__in=users_for_beheerder(beheerder=beheerder)).select_related(
        "user", "created_by", "revoked_by"
    )


# --- the aanbiedersportaal: the accounts a school's coordinator manages ---------------------------------


def portaal_accounts_for_coordinator(*, coordinator: User) -> QuerySet[User]:
    """The docenten and leerlingen of the coordinator's own aanbieder (none without the aanbieder role or an
    aanbieder). Every portal page that reads an account goes through here, so another school's account is
    simply not there."""
    if not coordinator.has_role(Role.AANBIEDER) or coordinator.aanbieder_id is None:
        return User.objects.none()
    return (
        User.objects.filter(aanbieder_id=coordinator.aanbieder_id, groups__name__in=PORTAAL_ACCOUNT_ROLES)
        .exclude(pk=coordinator.pk)
        .prefetch_related("groups")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def portaal_account_get_for_coordinator(*, coordinator: User, pk: int) -> User:
    """One docent or leerling of the coordinator's aanbieder; 404 for anything else, as if it did not exist."""
    return get_object_or_404(portaal_accounts_for_coordinator(coordinator=coordinator), pk=pk)


@dataclass(frozen=True)
class PortaalAccountCounts:
    docenten: int
    leerlingen: int
    leerlingen_zonder_eigen_wachtwoord: int  # start code handed out, not yet replaced


def portaal_account_counts(*, coordinator: User) -> PortaalAccountCounts:
    active = User.objects.filter(
        pk__in=portaal_accounts_for_coordinator(coordinator=coordinator).order_by().values("pk"), is_active=True
    )
    counts = active.aggregate(
        docenten=Count("pk", filter=Q(groups__name=Role.DOCENT), distinct=True),
        leerlingen=Count("pk", filter=Q(groups__name=Role.LEERLING), distinct=True),
        wachtend=Count("pk", filter=Q(groups__name=Role.LEERLING, must_change_password=True), distinct=True),
    )
    return PortaalAccountCounts(
        docenten=counts["docenten"],
        leerlingen=counts["leerlingen"],
        leerlingen_zonder_eigen_wachtwoord=counts["wachtend"],
    )
