"""Reporting progress to DUO: results MAP, PVT and Z-route, gevolgde uren and the contactpersoon.

Every change is one transaction: DUO's acceptance rules (rules.duo_acceptatie) are checked first, so a
refusal by DUO is the exception; then the change, a line on the dossier's timeline, and the message in
the outbox (duo.outbox.outbox_plaats), committed together.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, Role
from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import field_change
from openinburgering.dossiers.constants import RedenEindeChoices
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.duo.clients.map_pvt_zroute import ResultaatMap, ResultaatPvt, ResultaatZroute
from openinburgering.duo.models import DuoBericht, DuoBerichtStatus
from openinburgering.duo.outbox import outbox_plaats
from openinburgering.pip.models import Pip
from openinburgering.rules.base import Violation
from openinburgering.rules.duo_acceptatie import (
    PARTICIPATIEACTIVITEITEN_DOELGROEPEN,
    ResultaatFacts,
    Verwijtbaar,
    ZrouteFacts,
    contactpersoon_violations,
    resultaat_violations,
    uren_violations,
    zroute_violations,
)
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.leerroute import Leerroute
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from .messages import violation_message
from .models import ContactpersoonKoppeling, DuoContactpersoon, Resultaten
from .selectors import pip_current

logger = logging.getLogger(__name__)

RESULTATEN_FIELDS = ("map_datum", "map_verwijtbaar", "pvt_datum", "pvt_verwijtbaar", "zroute_datum")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


class DuoRefused(DomainError):
    """The change breaks one or more of DUO's acceptance rules; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        message = (
            first.message
            if len(problems) == 1
            else _("Deze gegevens voldoen aan %(aantal)s regels van DUO niet.") % {"aantal": len(problems)}
        )
        super().__init__(message, field=first.field, code="rules")
        self.problems = problems


def _problems(violations: list[Violation]) -> list[Problem]:
    return [Problem(v.field, v.code, violation_message(v)) for v in violations]


# --- facts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Termijn:
    start: date | None
    last_day: date | None


def termijn_of(dossier: Dossier, pip: Pip | None) -> Termijn:
    """DUO's inburgeringstermijn when we fetched it (its einddatum is exclusive), else the current PIP's."""
    if dossier.duo_termijn_start is not None:
        einde = dossier.duo_termijn_einde
        return Termijn(dossier.duo_termijn_start, einde - timedelta(days=1) if einde else None)
    if pip is not None:
        return Termijn(pip.inburgeringstermijn_start, pip.inburgeringstermijn_einde)
    return Termijn(None, None)


def _voldaan_via_zroute(dossier: Dossier, pip: Pip | None) -> bool:
    return (
        dossier.plicht_reden_einde == RedenEindeChoices.INBURGERINGSPLICHT_VOLDAAN
        and pip is not None
        and pip.leerroute == Leerroute.Z_ROUTE
    )


def resultaten_for(dossier: Dossier) -> Resultaten:
    """The dossier's results (an unsaved empty row when nothing was recorded yet)."""
    return Resultaten.objects.filter(dossier=dossier).first() or Resultaten(dossier=dossier)


def _verwijtbaar(value: str) -> Verwijtbaar | None:
    return Verwijtbaar(value) if value else None


def resultaten_problems(*, dossier: Dossier, old: Resultaten, new: dict[str, Any], today: date) -> list[Problem]:
    """Every DUO acceptance rule that reporting `new` (the whole resource) would break, for the parts that change."""
    pip = pip_current(dossier=dossier)
    termijn = termijn_of(dossier, pip)
    z_first = _zroute_first(old, new)
    zroute_bij_duo = new["zroute_datum"] if z_first else old.zroute_datum
    violations: list[Violation] = []
    for onderdeel in ("map", "pvt"):
        if not _part_changed(old, new, onderdeel):
            continue
        facts = ResultaatFacts(
            datum=new[f"{onderdeel}_datum"],
            verwijtbaar=_verwijtbaar(new[f"{onderdeel}_verwijtbaar"]),
            vandaag=today,
            vorige_datum=getattr(old, f"{onderdeel}_datum"),
            eerder_door_andere_gemeente=_andere_gemeente_leverde(dossier, old, onderdeel),
            gemeente_heeft_actuele_pip=pip is not None,
            voldaan_via_zroute=_voldaan_via_zroute(dossier, pip),
            termijn_start=termijn.start,
            termijn_last_day=termijn.last_day,
            datum_afronding_zroute=zroute_bij_duo,
        )
        violations += resultaat_violations(facts, onderdeel=cast(Any, onderdeel))
    if _part_changed(old, new, "zroute"):
        violations += zroute_violations(
            ZrouteFacts(
                datum=new["zroute_datum"],
                vandaag=today,
                leerroute=Leerroute(pip.leerroute) if pip is not None and pip.leerroute else None,
                termijn_start=termijn.start,
                map_datum=new["map_datum"],
                pvt_datum=new["pvt_datum"],
            )
        )
    return _problems(violations)


def _andere_gemeente_leverde(dossier: Dossier, old: Resultaten, onderdeel: str) -> bool:
    """DUO holds a date another gemeente reported: one we know of from the person's earlier dossier there
    (warme overdracht), while we have reported none ourselves (ours would have replaced it)."""
    if getattr(old, f"{onderdeel}_datum") is not None:
        return False
    return (
        Resultaten.objects.filter(
            dossier__inburgeraar_id=dossier.inburgeraar_id, **{f"{onderdeel}_datum__isnull": False}
        )
        .exclude(dossier__gemeente_id=dossier.gemeente_id)
        .exists()
    )


def _part_changed(old: Resultaten, new: dict[str, Any], onderdeel: str) -> bool:
    fields = [f for f in RESULTATEN_FIELDS if f.startswith(onderdeel)]
    return any(getattr(old, f) != new[f] for f in fields)


def _zroute_first(old: Resultaten, new: dict[str, Any]) -> bool:
    """Withdrawing the Z-route date goes to DUO before the MAP and PVT (a withdrawal of those needs no
    Z-route date); setting it goes after them (DUO refuses MAP and PVT once the plicht is voldaan)."""
    return old.zroute_datum is not None and new["zroute_datum"] is None


# --- DUO bodies ----------------------------------------------------------------------------------


def map_to_duo(resultaten: Resultaten) -> ResultaatMap:
    """The MAP resource as DUO's PUT wants it (API MAP,PVT,Zroute, ResultaatMap): a field left out is withdrawn."""
    body: ResultaatMap = {}
    if resultaten.map_datum is not None:
        body["datumEindgesprekMap"] = resultaten.map_datum.isoformat()
    if resultaten.map_verwijtbaar:
        body["verwijtbaar"] = cast(Any, resultaten.map_verwijtbaar)
    return body


def pvt_to_duo(resultaten: Resultaten) -> ResultaatPvt:
    body: ResultaatPvt = {}
    if resultaten.pvt_datum is not None:
        body["datumOndertekeningPvt"] = resultaten.pvt_datum.isoformat()
    if resultaten.pvt_verwijtbaar:
        body["verwijtbaar"] = cast(Any, resultaten.pvt_verwijtbaar)
    return body


def zroute_to_duo(resultaten: Resultaten) -> ResultaatZroute:
    body: ResultaatZroute = {}
    if resultaten.zroute_datum is not None:
        body["datumAfrondingZroute"] = resultaten.zroute_datum.isoformat()
    return body


# --- results MAP, PVT, Z-route --------------------------------------------------------------------


def _require_editor(actor: User, dossier: Dossier) -> None:
    if not actor.has_role(*DOSSIER_EDIT_ROLES) or not actor.scope.covers_gemeente(dossier.gemeente_id):
        raise DomainError(
            _("Alleen een klantregisseur of teamleider van deze gemeente kan dit doen."), code="forbidden"
        )
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")


def _claim(dossier: Dossier, versie: int) -> Resultaten:
    """The dossier's row, claimed: its versie moves on only if nobody changed it since the form was shown."""
    try:
        with transaction.atomic():
            Resultaten.objects.get_or_create(dossier=dossier)
    except IntegrityError:  # created a moment ago by another request
        pass
    claimed = Resultaten.objects.filter(dossier=dossier, versie=versie).update(versie=F("versie") + 1)
    if claimed != 1:
        raise StaleTransition(_("De resultaten zijn intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    return Resultaten.objects.get(dossier=dossier)


@transaction.atomic
def resultaten_update(
    *,
    dossier: Dossier,
    actor: User,
    versie: int,
    map_datum: date | None,
    map_verwijtbaar: str,
    pvt_datum: date | None,
    pvt_verwijtbaar: str,
    zroute_datum: date | None,
) -> Resultaten:
    """Record (or clear) the MAP, PVT and Z-route results and report each changed part to DUO (PUT, whole
    resource). `versie` is the row's versie when the form was shown (0 for a new row)."""
    _require_editor(actor, dossier)
    new: dict[str, Any] = {
        "map_datum": map_datum,
        "map_verwijtbaar": map_verwijtbaar or "",
        "pvt_datum": pvt_datum,
        "pvt_verwijtbaar": pvt_verwijtbaar or "",
        "zroute_datum": zroute_datum,
    }
    old = resultaten_for(dossier)
    if old.versie != versie:
        raise StaleTransition(_("De resultaten zijn intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    if problems := resultaten_problems(dossier=dossier, old=old, new=new, today=timezone.localdate()):
        raise DuoRefused(problems)
    changed_parts = [part for part in ("map", "pvt", "zroute") if _part_changed(old, new, part)]
    if not changed_parts:
        return old
    z_first = _zroute_first(old, new)
    resultaten = _claim(dossier, versie)
    changes = []
    for field, value in new.items():
        before = getattr(resultaten, field)
        if before != value:
            changes.append(field_change(Resultaten, field, before, value))
            setattr(resultaten, field, value)
    resultaten.updated_by = actor
    resultaten.save()
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="resultaten",
        summary=_("Resultaten MAP, PVT en Z-route gewijzigd en aan DUO doorgegeven"),
        changes=changes,
        subject="resultaten",
    )
    order = sorted(changed_parts, key=lambda part: (part != "zroute") if z_first else (part == "zroute"))
    bsn = dossier.inburgeraar.bsn
    bodies = {"map": map_to_duo, "pvt": pvt_to_duo, "zroute": zroute_to_duo}
    for part in order:
        outbox_plaats(
            dossier=dossier,
            api="map_pvt_zroute",
            operatie=f"put_{part}",
            args={"bsn": bsn, "resultaat": bodies[part](resultaten)},
        )
    return resultaten


# --- gevolgde uren -------------------------------------------------------------------------------


def gevolgde_uren_melden(
    *,
    dossier: Dossier,
    taalles_knm_brede_intake: int | None = None,
    participatieactiviteiten: int | None = None,
    participatie_als_taalles: int | None = None,
) -> list[DuoBericht]:
    """Report hours to DUO (API GevolgdeUren): each given total replaces the one DUO holds. Call inside
    the transaction of the change that holds the hours; the caller checked the actor's rights.

    * taalles_knm_brede_intake: taalles and KNM during the brede intake (BredeIntake.uren_taal_knm_intake).
    * participatieactiviteiten: all participatie-activiteiten for the Z-route of an asielstatushouder,
      including those of the brede intake.
    * participatie_als_taalles: taalles and KNM at a cursusinstelling for the leerroute (not the brede intake).
    """
    given = {
        "uren_taalles_knm": ("put_uren_taalles_knm", taalles_knm_brede_intake),
        "uren_participatieactiviteiten": ("put_uren_participatieactiviteiten", participatieactiviteiten),
        "uren_participatie_als_taalles": ("put_uren_participatie_taalles", participatie_als_taalles),
    }
    violations: list[Violation] = []
    for field, (_operatie, uren) in given.items():
        if uren is not None:
            violations += uren_violations(uren, field=field)
    if participatieactiviteiten is not None and (
        Doelgroep(dossier.doelgroep) not in PARTICIPATIEACTIVITEITEN_DOELGROEPEN.value
    ):
        raise DomainError(
            _("Uren participatieactiviteiten geeft u alleen door voor een asielstatushouder (DUO Gevolgde Uren API)."),
            field="uren_participatieactiviteiten",
        )
    if violations:
        raise DuoRefused(_problems(violations))
    berichten = []
    for operatie, uren in given.values():
        if uren is not None:
            berichten.append(
                outbox_plaats(
                    dossier=dossier,
                    api="gevolgde_uren",
                    operatie=operatie,
                    args={"bsn": dossier.inburgeraar.bsn, "uren": {"uren": uren}},
                )
            )
    return berichten


# --- contactpersoon ------------------------------------------------------------------------------


def contactpersoon_gegevens(*, user: User, gemeente_id: int) -> dict[str, str]:
    """What DUO gets for a contactpersoon (Contactpersoongegevens): the user's name and e-mail, and the
    gemeente's telephone number from its letter template (we keep no personal numbers)."""
    from openinburgering.letters.models import LetterTemplate

    telefoon = LetterTemplate.objects.filter(gemeente_id=gemeente_id).values_list("telefoon", flat=True).first() or ""
    return {
        "naam": (user.get_full_name() or user.username).strip(),
        "email": user.email.strip(),
        "telefoonnummer": telefoon.strip(),
    }


def _contactpersoon_for(*, user: User, gemeente_id: int) -> DuoContactpersoon | None:
    """The user as DUO's contactpersoon for the gemeente; registered at DUO (POST) if that was not done yet.

    None when DUO would refuse the user's data: a task for the functioneel beheerder says what is missing.
    """
    existing = DuoContactpersoon.objects.filter(gemeente_id=gemeente_id, user=user).select_related("aanmelding").first()
    if existing is not None and (
        existing.duo_id is not None
        or (existing.aanmelding is not None and existing.aanmelding.status != DuoBerichtStatus.VERVALLEN)
    ):
        return existing
    gegevens = contactpersoon_gegevens(user=user, gemeente_id=gemeente_id)
    violations = contactpersoon_violations(**gegevens)
    if violations:
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=gemeente_id,
                    soort=TaakSoort.DUO_VASTGELOPEN,
                    rol=Role.FUNCTIONEEL_BEHEERDER,
                    titel=_("%(naam)s kan niet als contactpersoon aan DUO worden gemeld") % {"naam": user},
                    toelichting="\n".join(p.message for p in _problems(violations))
                    + "\n"
                    + _(
                        "Vul de gegevens van de gebruiker (naam, e-mailadres) of het telefoonnummer in het "
                        "briefsjabloon van de gemeente aan en wijs de klantregisseur opnieuw toe."
                    ),
                    sleutel=f"duo:contactpersoon:{gemeente_id}:{user.pk}",
                )
            ]
        )
        return None
    aanmelding = outbox_plaats(
        dossier=None,
        api="contactpersoon",
        operatie="post_contactpersoon",
        args={"gegevens": gegevens},
        gemeente_id=gemeente_id,
    )
    if existing is not None:
        existing.aanmelding, existing.gegevens = aanmelding, gegevens
        existing.save(update_fields=["aanmelding", "gegevens"])
        return existing
    return DuoContactpersoon.objects.create(
        gemeente_id=gemeente_id, user=user, gegevens=gegevens, aanmelding=aanmelding
    )


def _koppel(koppeling: ContactpersoonKoppeling, dossier: Dossier) -> None:
    """Place the message that makes DUO's coupling match `koppeling.gewenst`, if its DUO id is known."""
    gewenst = koppeling.gewenst
    bsn = dossier.inburgeraar.bsn
    if gewenst is None:
        if koppeling.gekoppeld_duo_id is not None:
            outbox_plaats(
                dossier=dossier,
                api="contactpersoon",
                operatie="delete_contactpersoon_persoon",
                args={"contactpersoon_id": koppeling.gekoppeld_duo_id, "bsn": bsn},
            )
            koppeling.gekoppeld_duo_id = None
    elif gewenst.duo_id is not None and koppeling.gekoppeld_duo_id != gewenst.duo_id:
        # Coupling replaces DUO's earlier coupling with another contactpersoon (README, Contactpersoon).
        outbox_plaats(
            dossier=dossier,
            api="contactpersoon",
            operatie="post_contactpersoon_persoon",
            args={"contactpersoon_id": gewenst.duo_id, "bsn": bsn},
        )
        koppeling.gekoppeld_duo_id = gewenst.duo_id
    koppeling.save()


def contactpersoon_koppelen(*, dossier: Dossier, klantregisseur: User | None) -> None:
    """The dossier's klantregisseur becomes the person's contactpersoon at DUO; None uncouples.

    Call inside the transaction that changes the klantregisseur (dossiers.services.dossier_assign).
    A user DUO does not know yet is registered first; the coupling follows once DUO has answered
    with the id (contactpersonen_verwerken).
    """
    koppeling, _created = ContactpersoonKoppeling.objects.get_or_create(dossier=dossier)
    koppeling.gewenst = (
        _contactpersoon_for(user=klantregisseur, gemeente_id=dossier.gemeente_id) if klantregisseur else None
    )
    _koppel(koppeling, dossier)


def contactpersonen_verwerken() -> int:
    """Take the ids from DUO's answers to our POST /contactpersonen and place the couplings that waited
    for them. Idempotent; run it after the outbox worker (duo.tasks). Returns how many ids were learnt."""
    learnt = 0
    pending = DuoContactpersoon.objects.filter(duo_id__isnull=True, aanmelding__status=DuoBerichtStatus.VERZONDEN)
    for contactpersoon in pending.select_related("aanmelding"):
        antwoord = contactpersoon.aanmelding.antwoord if contactpersoon.aanmelding else None
        duo_id = antwoord.get("id") if isinstance(antwoord, dict) else None
        if not isinstance(duo_id, int):
            logger.warning("DUO gaf geen id voor contactpersoon %s", contactpersoon.pk)
            continue
        with transaction.atomic():
            if DuoContactpersoon.objects.filter(pk=contactpersoon.pk, duo_id__isnull=True).update(duo_id=duo_id) != 1:
                continue
            contactpersoon.duo_id = duo_id
            learnt += 1
            for koppeling in ContactpersoonKoppeling.objects.filter(gewenst=contactpersoon).select_related(
                "dossier__inburgeraar", "gewenst"
            ):
                if koppeling.dossier.is_open:
                    _koppel(koppeling, koppeling.dossier)
    return learnt
