"""The plicht, which every gebeurtenis but the decisions on a request brings the dossier to (DOSSIER_OPENEN,
DOSSIER_OPENEN_PIP_TERMIJN, DOELGROEP_WIJZIGEN, PLICHT_BEEINDIGEN, PLICHT_OPSCHORTEN, PLICHT_INTREKKEN; SS120 and
SS121 "Wijziging van gemeente"): plicht and no open dossier → open one (name, birth date and address from the
BRP); plicht and an open dossier → update its doelgroep and dates; no plicht and an open dossier → close it
with DUO's reason and einddatum. A tijdelijke vrijstelling keeps the dossier open and becomes a task."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.brp.client import BrpFout, BrpPersoon
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.constants import CLOSING_REASONS, Geslacht, Status
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_transition, dossier_update_plicht, inburgeraar_register
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.duo import GebeurtenisSoort as S
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from ..constants import NotificatieStatus
from ._common import Verwerking, _date, _event, _gemeenten_van_oin, _Opnieuw, _Uitkomst, systeem_gebruiker
from .apis import fetch_announced

VESTIGING = frozenset({"SS120", "SS121"})  # "Wijziging van gemeente": settled in the gemeente DUO notifies


def _plicht_values(plicht: dict[str, Any], doelgroep: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    indeling = doelgroep.get("indeling")
    if indeling in {d.value for d in Doelgroep}:
        values["doelgroep"] = indeling
        detail = doelgroep.get("gedetailleerdeDoelgroep")
        if detail in {d.value for d in GedetailleerdeDoelgroep}:
            values["gedetailleerde_doelgroep"] = detail
    if begin := _date(plicht.get("begindatum")):
        values["plicht_begindatum"] = begin
    if kennisgeving := _date(plicht.get("datumKennisgevingInburgeringsplicht")):
        values["datum_kennisgeving"] = kennisgeving
    return values


def with_plicht(v: Verwerking, plicht: dict[str, Any], doelgroep: dict[str, Any]) -> _Uitkomst | None:
    values = _plicht_values(plicht, doelgroep)
    if v.dossier is None:
        return _openen(v, values)
    dossier = v.dossier
    if v.g.code in VESTIGING:
        _verhuisd(v, dossier)
    if v.g.soort == S.DOSSIER_OPENEN_PIP_TERMIJN and dossier.datum_brp_inschrijving is None:
        values["datum_brp_inschrijving"] = min(timezone.localdate(), timezone.localdate(v.n.registratie_datum_tijd))
    changed = {key: value for key, value in values.items() if getattr(dossier, key) != value}
    if changed:
        actor = systeem_gebruiker(dossier.gemeente)
        try:
            v.dossier = dossier_update_plicht(dossier=dossier, actor=actor, plicht=changed)
        except DomainError as exc:
            v.taak_klantregisseur(
                _("Gegevens van DUO passen niet in het dossier"),
                _("DUO meldt %(wat)s; het dossier kon niet worden bijgewerkt: %(fout)s")
                % {"wat": v.g.omschrijving, "fout": exc.message},
            )
            v.gedaan.append(_("taak: gegevens handmatig bijwerken"))
            return None
        v.gedaan.append(_("dossier bijgewerkt"))
    return None


def _openen(v: Verwerking, values: dict[str, Any]) -> _Uitkomst:
    if "doelgroep" not in values or "plicht_begindatum" not in values:
        raise ValueError("DUO gaf geen doelgroep of begindatum van de inburgeringsplicht")
    try:
        persoon = v.brp(v.bsn)
    except BrpFout as exc:
        raise _Opnieuw(str(exc)) from exc
    gemeente = _gemeente(v, persoon)
    if gemeente is None:
        raise ValueError(f"geen gemeente bij OIN {v.n.doel}")
    if persoon is None or persoon.geboortedatum is None or not persoon.geslachtsnaam:
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=gemeente.pk,
                    soort=TaakSoort.DUO_AANMELDEN,
                    rol=Role.KLANTREGISSEUR,
                    titel=_("Nieuwe inburgeringsplichtige met BSN %(bsn)s: meld aan") % {"bsn": v.bsn},
                    toelichting=_(
                        "DUO meldt: %(wat)s De persoon is niet (volledig) gevonden in de BRP; meld de persoon "
                        "aan met de gegevens uit de BRP of het paspoort."
                    )
                    % {"wat": v.g.omschrijving},
                    sleutel=f"duo-aanmelden-{v.bsn}",
                )
            ]
        )
        return _Uitkomst(NotificatieStatus.VERWERKT, _("Niet in de BRP gevonden: taak om aan te melden"))
    if v.g.soort == S.DOSSIER_OPENEN_PIP_TERMIJN or values["doelgroep"] == Doelgroep.ASIELSTATUSHOUDER:
        inschrijving = persoon.datum_inschrijving_gemeente
        if inschrijving is None and v.g.soort == S.DOSSIER_OPENEN_PIP_TERMIJN:
            inschrijving = min(timezone.localdate(), timezone.localdate(v.n.registratie_datum_tijd))
        if inschrijving is not None:
            values["datum_brp_inschrijving"] = inschrijving
    person = {
        "voornamen": persoon.voornamen,
        "voorvoegsel": persoon.voorvoegsel,
        "geslachtsnaam": persoon.geslachtsnaam,
        "geboortedatum": persoon.geboortedatum,
        "geslacht": persoon.geslacht if persoon.geslacht in Geslacht.values else Geslacht.ONBEKEND,
        "straat": persoon.straat,
        "huisnummer": persoon.huisnummer,
        "postcode": persoon.postcode,
        "woonplaats": persoon.woonplaats,
    }
    if v.n.v_nummer is not None:
        person["vnummer"] = str(v.n.v_nummer)
    actor = systeem_gebruiker(gemeente)
    try:
        with transaction.atomic():
            v.dossier = inburgeraar_register(actor=actor, gemeente=gemeente, bsn=v.bsn, person=person, plicht=values)
    except DomainError as exc:
        raise ValueError(f"dossier niet te openen: {exc.message}") from exc
    _event(v.dossier, "duo_aangemeld", _("Aangemeld door DUO: %(wat)s") % {"wat": v.g.omschrijving})
    v.gedaan.append(_("dossier geopend in %(gemeente)s") % {"gemeente": gemeente.naam})
    fetch_announced(v)
    return _Uitkomst(NotificatieStatus.VERWERKT, "; ".join(v.gedaan), v.dossier)


def _verhuisd(v: Verwerking, dossier: Dossier) -> None:
    """SS120/SS121 about a person whose open dossier is in another of our gemeenten: the person moved
    within the region. The dossier is handed over by a person (warm overdracht), not by the koppeling."""
    gemeenten = _gemeenten_van_oin(v.n.doel)
    if not gemeenten.exclude(pk=dossier.gemeente_id).exists():
        return
    if gemeenten.count() > 1:
        try:
            persoon = v.brp(v.bsn)
        except BrpFout as exc:
            raise _Opnieuw(str(exc)) from exc
        nieuw = _gemeente(v, persoon)
    else:
        nieuw = gemeenten.first()
    if nieuw is None or nieuw.pk == dossier.gemeente_id:
        return
    v.taak_klantregisseur(
        _("Verhuisd naar %(gemeente)s: draag het dossier over") % {"gemeente": nieuw.naam},
        _("DUO meldt: %(wat)s De persoon woont nu in %(gemeente)s; dit dossier staat nog in %(oud)s.")
        % {"wat": v.g.omschrijving, "gemeente": nieuw.naam, "oud": dossier.gemeente.naam},
    )
    _event(dossier, "duo_verhuisd", _("DUO: gevestigd in %(gemeente)s") % {"gemeente": nieuw.naam})
    v.gedaan.append(_("taak: dossier overdragen aan %(gemeente)s") % {"gemeente": nieuw.naam})


def _gemeente(v: Verwerking, persoon: BrpPersoon | None) -> Gemeente | None:
    gemeenten = list(_gemeenten_van_oin(v.n.doel).order_by("pk"))
    if len(gemeenten) > 1 and persoon is not None and persoon.gemeentecode:
        for gemeente in gemeenten:
            if gemeente.code == persoon.gemeentecode:
                return gemeente
    return gemeenten[0] if gemeenten else None


def without_plicht(v: Verwerking, plicht: dict[str, Any]) -> _Uitkomst | None:
    reden = plicht.get("redenGeenInburgeringsplicht") or ""
    if v.dossier is None:
        return _Uitkomst(
            NotificatieStatus.GEEN_ACTIE,
            _("Geen inburgeringsplicht bij DUO (%(reden)s) en geen open dossier") % {"reden": reden or "-"},
        )
    if reden == RedenGeenInburgeringsplicht.TIJDELIJKE_VRIJSTELLING or v.g.soort == S.PLICHT_OPSCHORTEN:
        v.taak_klantregisseur(
            _("Tijdelijke vrijstelling toegekend door DUO"),
            _(
                "De inburgeringsplicht is opgeschort (%(reden)s). Het dossier blijft open; spreek af wat er "
                "in de tussentijd gebeurt."
            )
            % {"reden": reden or v.g.omschrijving},
        )
        _event(v.dossier, "duo_opgeschort", _("DUO: tijdelijke vrijstelling toegekend"))
        v.gedaan.append(_("taak: tijdelijke vrijstelling"))
        fetch_announced(v)
        return _Uitkomst(NotificatieStatus.VERWERKT, "; ".join(v.gedaan), v.dossier)
    dossier = v.dossier
    to = next((status for status, redenen in CLOSING_REASONS.items() if reden in redenen), Status.BEEINDIGD)
    if reden not in CLOSING_REASONS[to]:
        reden = RedenGeenInburgeringsplicht.OVERIG
    einddatum = _date(plicht.get("einddatum")) or timezone.localdate(v.n.registratie_datum_tijd)
    einddatum = max(einddatum, dossier.plicht_begindatum)
    fetch_announced(v)  # the last word of DUO (exam results, vrijstelling) goes with the closed dossier
    v.dossier = dossier_transition(
        dossier=dossier,
        actor=systeem_gebruiker(dossier.gemeente),
        to=to,
        reden=reden,
        einddatum=einddatum,
        toelichting=_("gemeld door DUO: %(wat)s") % {"wat": v.g.omschrijving},
    )
    v.gedaan.append(_("dossier gesloten: %(reden)s") % {"reden": reden})
    return _Uitkomst(NotificatieStatus.VERWERKT, "; ".join(v.gedaan), v.dossier)


def niet_bij_duo(v: Verwerking) -> _Uitkomst:
    return _Uitkomst(NotificatieStatus.GEEN_ACTIE, _("DUO kent deze persoon niet (meer)"), v.dossier)
