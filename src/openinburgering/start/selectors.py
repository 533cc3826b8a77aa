"""What each start page shows, read through the user's scope. Aggregates and counts only: a start page
names no inburgeraar, so it writes no processing-log row (the pages it links to do)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from openinburgering.aanbod.models import Aanbieder
from openinburgering.aanbod.selectors import aanbieders_for_user
from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.dossiers.constants import DoelgroepChoices, Status
from openinburgering.dossiers.models import Dossier
from openinburgering.duo.constants import NotificatieStatus
from openinburgering.duo.models import DuoBericht, DuoBerichtStatus, Notificatie
from openinburgering.gemeenten.models import Gemeente
from openinburgering.letters.models import LetterTemplate
from openinburgering.taken.constants import TaakStatus
from openinburgering.taken.selectors import taken_for_user

# --- functioneel beheerder -------------------------------------------------------------------------


@dataclass
class BeheerOverzicht:
    berichten: dict[str, int]  # DUO outbox: status → count, for the statuses that need attention
    notificaties: dict[str, int]  # DUO notificaties: status → count, idem
    gebruikers_per_rol: list[tuple[str, int]]
    gebruikers_zonder_rol: int
    brief_ontbreekt: list[tuple[Gemeente, list[str]]]  # gemeente → what its letters lack
    open_taken: int


ATTENTION_BERICHTEN = (DuoBerichtStatus.WACHTEND, DuoBerichtStatus.GEWEIGERD, DuoBerichtStatus.VASTGELOPEN)
ATTENTION_NOTIFICATIES = (NotificatieStatus.FOUT, NotificatieStatus.ONBEKENDE_GEBEURTENIS, NotificatieStatus.ONTVANGEN)


def users_in_scope(*, user: User) -> QuerySet[User]:
    """Staff whose gemeenten all lie within the user's: the people a scoped beheerder looks after."""
    outside = Gemeente.objects.exclude(pk__in=user.scope.gemeente_ids)
    return (
        User.objects.filter(is_active=True, gemeenten__in=user.scope.gemeente_ids)
        .exclude(gemeenten__in=outside)
        .distinct()
    )


def _letter_gaps(gemeente: Gemeente) -> list[str]:
    """What the gemeente's letters lack (the letters app decides what a letter needs)."""
    template: LetterTemplate | None = getattr(gemeente, "letter_template", None)
    if template is None:
        return [str(_("briefsjabloon"))]
    return template.missing_for_letters()


def beheer_overzicht(*, user: User) -> BeheerOverzicht:
    gemeente_ids = user.scope.gemeente_ids
    berichten = dict(
        DuoBericht.objects.filter(gemeente_id__in=gemeente_ids, status__in=ATTENTION_BERICHTEN)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    gemeenten = list(
        Gemeente.objects.in_scope(user.scope)
        .select_related("letter_template", "uitvoeringsorganisatie")
        .order_by("naam")
    )
    oins = {oin for g in gemeenten for oin in (g.oin, g.uitvoeringsorganisatie.oin) if oin}
    notificaties = dict(
        Notificatie.objects.filter(Q(doel__in=oins) | Q(dossier__gemeente_id__in=gemeente_ids))
        .filter(status__in=ATTENTION_NOTIFICATIES)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = users_in_scope(user=user)
    per_rol = dict(
        User.groups.through.objects.filter(user__in=people, group__name__in=Role.values)
        .values_list("group__name")
        .annotate(n=Count("user", distinct=True))
        .order_by()
    )
    return BeheerOverzicht(
        berichten={status: berichten.get(status, 0) for status in ATTENTION_BERICHTEN},
        notificaties={status: notificaties.get(status, 0) for status in ATTENTION_NOTIFICATIES},
        gebruikers_per_rol=[(str(role.label), per_rol.get(role.value, 0)) for role in Role],
        gebruikers_zonder_rol=people.exclude(groups__name__in=Role.values).count(),
        brief_ontbreekt=[(g, gaps) for g in gemeenten if (gaps := _letter_gaps(g))],
        open_taken=taken_for_user(user=user).filter(status=TaakStatus.OPEN).count(),
    )


# --- beleidsmedewerker ----------------------------------------------------------------------------


@dataclass
class Cijfers:
    """Counts of dossiers per gemeente in scope: by stage and by doelgroep."""

    statussen: list[tuple[str, str]]  # (value, label), in the order of the chain
    doelgroepen: list[tuple[str, str]]
    per_status: list[tuple[Gemeente, list[int], int]] = field(default_factory=list)  # gemeente, counts, total
    per_doelgroep: list[tuple[Gemeente, list[int], int]] = field(default_factory=list)
    totaal_per_status: list[int] = field(default_factory=list)
    totaal_per_doelgroep: list[int] = field(default_factory=list)
    totaal: int = 0


def cijfers(*, user: User) -> Cijfers:
    gemeenten = list(Gemeente.objects.in_scope(user.scope).order_by("naam"))
    dossiers = Dossier.objects.in_scope(user.scope)
    by_status = {
        (g, s): n for g, s, n in dossiers.values_list("gemeente_id", "status").annotate(n=Count("pk")).order_by()
    }
    by_doelgroep = {
        (g, d): n for g, d, n in dossiers.values_list("gemeente_id", "doelgroep").annotate(n=Count("pk")).order_by()
    }
    result = Cijfers(
        statussen=[(value, str(label)) for value, label in Status.choices],
        doelgroepen=[(value, str(label)) for value, label in DoelgroepChoices.choices],
    )
    for gemeente in gemeenten:
        row = [by_status.get((gemeente.pk, s), 0) for s, _ in result.statussen]
        result.per_status.append((gemeente, row, sum(row)))
        row = [by_doelgroep.get((gemeente.pk, d), 0) for d, _ in result.doelgroepen]
        result.per_doelgroep.append((gemeente, row, sum(row)))
    result.totaal_per_status = [sum(r[1][i] for r in result.per_status) for i in range(len(result.statussen))]
    result.totaal_per_doelgroep = [sum(r[1][i] for r in result.per_doelgroep) for i in range(len(result.doelgroepen))]
    result.totaal = sum(result.totaal_per_status)
    return result


# --- contractmanager ------------------------------------------------------------------------------

AANBIEDERS_ON_START = 50


@dataclass
class AanbiedersOverzicht:
    aanbieders: list[Aanbieder]
    totaal: int
    actief: int
    met_keurmerk: int
    taalschakel: int


def aanbieders_overzicht(*, user: User) -> AanbiedersOverzicht:
    register = aanbieders_for_user(user=user)
    counts = register.aggregate(
        n_totaal=Count("pk"),
        n_actief=Count("pk", filter=Q(actief=True)),
        n_keurmerk=Count("pk", filter=Q(actief=True, heeft_bow_keurmerk=True)),
        n_taalschakel=Count("pk", filter=Q(actief=True, is_taalschakelinstelling=True)),
    )
    return AanbiedersOverzicht(
        aanbieders=list(register[:AANBIEDERS_ON_START]),
        totaal=counts["n_totaal"],
        actief=counts["n_actief"],
        met_keurmerk=counts["n_keurmerk"],
        taalschakel=counts["n_taalschakel"],
    )
