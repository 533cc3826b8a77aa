"""Reads of the brede intake. The dossier comes from dossiers.selectors.dossier_get_for_user (the scope)."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.dossiers.constants import Relatie
from openinburgering.dossiers.models import Dossier
from openinburgering.rules.dossiertermijnen import OproepFacts
from openinburgering.rules.intake import (
    GEZONDHEID_AANDACHTSPUNTEN,
    OPROEP_OVERTREDINGEN,
    Aandachtspunt,
    OproepUitkomst,
)
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN

from .constants import GEZONDHEID_ROLES
from .models import BredeIntake, IntakeGezondheid, Leerbaarheidstoets, Oproep

# VVE is for children before primary school (Bi 5.2(1)(d)): the page hints at it for a child under four.
VVE_LEEFTIJD = 4


def can_see_health(user: User) -> bool:
    """Whether the user may see and change health information (AVG art. 9; Wi 17(1); Bi 9.11)."""
    return user.is_active and user.has_role(*GEZONDHEID_ROLES)


def brede_intake_for(*, dossier: Dossier) -> BredeIntake | None:
    return BredeIntake.objects.filter(dossier=dossier).first()


def gezondheid_for(*, intake: BredeIntake, user: User) -> IntakeGezondheid | None:
    """The health section for a user who may see it; 404 for anyone else (it does not exist for them)."""
    if not can_see_health(user):
        raise Http404("Niet gevonden")
    return IntakeGezondheid.objects.filter(brede_intake=intake).first()


def aandachtspunten_for(*, intake: BredeIntake, user: User) -> list[Aandachtspunt]:
    """The intake's aandachtspunten the user may see: the health-related ones only for GEZONDHEID_ROLES."""
    punten = [Aandachtspunt(value) for value in intake.aandachtspunten]
    if can_see_health(user):
        return punten
    return [punt for punt in punten if punt not in GEZONDHEID_AANDACHTSPUNTEN]


def oproepen_for(*, dossier: Dossier) -> QuerySet[Oproep]:
    return (
        Oproep.objects.filter(dossier=dossier)
        .select_related("overtreding", "brief")
        .defer("brief__content")
        .order_by("volgnummer")
    )


def oproep_get(*, dossier: Dossier, pk: int) -> Oproep:
    """One summons of this (already scoped) dossier, or 404."""
    oproep = Oproep.objects.filter(dossier=dossier, pk=pk).first()
    if oproep is None:
        raise Http404("Oproep niet gevonden")
    return oproep


def oproep_facts_for(*, dossier: Dossier) -> tuple[OproepFacts, ...]:
    """The summonses of a dossier as the deadline engine (rules.dossiertermijnen) reads them."""
    return tuple(
        OproepFacts(
            volgnummer=oproep.volgnummer,
            verzonden_op=oproep.verzonden_op,
            uiterste_datum=oproep.uiterste_datum,
            uitkomst=OproepUitkomst(oproep.uitkomst) if oproep.uitkomst else None,
            uitkomst_op=oproep.uitkomst_op,
        )
        for oproep in Oproep.objects.filter(dossier=dossier).order_by("volgnummer")
    )


def lbt_for(*, dossier: Dossier) -> Leerbaarheidstoets | None:
    return Leerbaarheidstoets.objects.filter(dossier=dossier).first()


@dataclass(frozen=True)
class OproepStand:
    """Where the summons procedure stands: what the page may offer next."""

    oproepen: list[Oproep]
    latest: Oproep | None
    can_send: bool
    reason: str  # why no next summons can be sent ("" when it can)
    can_complete_without_cooperation: bool

    @property
    def next_volgnummer(self) -> int:
        return (self.latest.volgnummer if self.latest else 0) + 1

    @property
    def awaiting_uitkomst(self) -> Oproep | None:
        return self.latest if self.latest and not self.latest.uitkomst else None


def oproep_send_blocked(*, dossier: Dossier, intake: BredeIntake | None, latest: Oproep | None) -> str | None:
    """Why no next summons can be sent now (Wi 14(1)-(2)), or None if one can."""
    if not dossier.is_open:
        return _("Dit dossier is gesloten.")
    if intake is not None and intake.is_afgerond:
        return _("De brede intake is afgerond; er kan geen oproep meer worden verstuurd.")
    if latest is None:
        return None
    if latest.volgnummer >= BREDE_INTAKE_OPROEPEN.value:
        return _(
            "Er zijn al %(max)s oproepen verstuurd; na de laatste wordt de brede intake zonder medewerking "
            "afgerond (Wi 14 lid 2)."
        ) % {"max": BREDE_INTAKE_OPROEPEN.value}
    if not latest.uitkomst:
        return _("Leg eerst de uitkomst van oproep %(n)s vast.") % {"n": latest.volgnummer}
    if latest.uitkomst not in OPROEP_OVERTREDINGEN.value:
        return _(
            "Oproep %(n)s had als uitkomst ‘%(uitkomst)s’; een volgende oproep volgt alleen als iemand niet "
            "verscheen of onvoldoende meewerkte (Wi 14 lid 2)."
        ) % {"n": latest.volgnummer, "uitkomst": latest.get_uitkomst_display()}
    return None


def oproep_stand(*, dossier: Dossier, intake: BredeIntake | None) -> OproepStand:
    oproepen = list(oproepen_for(dossier=dossier))
    latest = oproepen[-1] if oproepen else None
    reason = oproep_send_blocked(dossier=dossier, intake=intake, latest=latest)
    without = (
        intake is not None
        and not intake.is_afgerond
        and latest is not None
        and latest.volgnummer >= BREDE_INTAKE_OPROEPEN.value
        and latest.uitkomst in OPROEP_OVERTREDINGEN.value
    )
    return OproepStand(
        oproepen=oproepen,
        latest=latest,
        can_send=reason is None,
        reason=reason or "",
        can_complete_without_cooperation=without,
    )


def young_children(*, dossier: Dossier, today: date | None = None) -> int:
    """How many children in the household are younger than VVE_LEEFTIJD (for the VVE hint)."""
    limit = (today or timezone.localdate()) - relativedelta(years=VVE_LEEFTIJD)
    return dossier.inburgeraar.gezinsleden.filter(relatie=Relatie.KIND, geboortedatum__gt=limit).count()
