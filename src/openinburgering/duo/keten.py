"""The chain's facts (core.events) become messages in DUO's outbox, in the transaction that announced them.

DuoConfig.ready subscribes each handler here. The bodies follow DUO's OpenAPI documents (duo.clients):
what a chain app records is mapped to what DUO's API wants here, so the chain never imports DUO.
"""

from typing import Any, cast

from django.utils.translation import gettext as _

from openinburgering.core.duo_messages import violation_message
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.facts import KlantregisseurGewijzigd
from openinburgering.dossiers.models import Dossier
from openinburgering.intake.facts import IntakeUrenGewijzigd
from openinburgering.pip.facts import PipIngetrokken, PipVastgesteld
from openinburgering.pip.models import Pip, PipAanbod
from openinburgering.rules.base import Violation
from openinburgering.rules.duo_acceptatie import PARTICIPATIEACTIVITEITEN_DOELGROEPEN, uren_violations
from openinburgering.rules.enums import Doelgroep
from openinburgering.voortgang.facts import ResultatenGewijzigd
from openinburgering.voortgang.models import Resultaten
from openinburgering.voortgang.services import DuoRefused, Problem

from .clients.inburgeringsaanbod import Inburgeringsaanbod as DuoAanbod
from .clients.map_pvt_zroute import ResultaatMap, ResultaatPvt, ResultaatZroute
from .clients.pip import Pip as DuoPip
from .contactpersoon import contactpersoon_link
from .models import DuoBericht
from .outbox import outbox_add


def problems_of(violations: list[Violation]) -> list[Problem]:
    return [Problem(v.field, v.code, violation_message(v)) for v in violations]


# --- subscriptions ------------------------------------------------------------------------------


def klantregisseur_gewijzigd(fact: KlantregisseurGewijzigd) -> None:
    contactpersoon_link(dossier=fact.dossier, klantregisseur=fact.klantregisseur)


def intake_uren_gewijzigd(fact: IntakeUrenGewijzigd) -> None:
    gevolgde_uren_report(
        dossier=fact.dossier,
        taalles_knm_brede_intake=fact.taalles_knm_brede_intake,
        participatieactiviteiten=fact.participatieactiviteiten,
    )


def pip_ingetrokken(fact: PipIngetrokken) -> None:
    """DELETE PIP: DUO deletes the withdrawn PIP."""
    outbox_add(dossier=fact.dossier, api="pip", operatie="delete_pip", args={"bsn": fact.dossier.inburgeraar.bsn})


def resultaten_gewijzigd(fact: ResultatenGewijzigd) -> None:
    """One PUT per changed part (whole resource), in the order the fact gives."""
    bsn = fact.dossier.inburgeraar.bsn
    bodies = {"map": map_to_duo, "pvt": pvt_to_duo, "zroute": zroute_to_duo}
    for part in fact.onderdelen:
        outbox_add(
            dossier=fact.dossier,
            api="map_pvt_zroute",
            operatie=f"put_{part}",
            args={"bsn": bsn, "resultaat": bodies[part](fact.resultaten)},
        )


# --- PIP and inburgeringsaanbod -----------------------------------------------------------------


def pip_vastgesteld(fact: PipVastgesteld) -> None:
    """POST PIP, then (DUO needs the PIP first) one POST per instelling whose aanbod is new or changed and
    one DELETE per instelling the new version no longer has (the fact lists them only for asielstatushouders,
    README)."""
    dossier = fact.dossier
    bsn = dossier.inburgeraar.bsn
    outbox_add(dossier=dossier, api="pip", operatie="post_pip", args={"bsn": bsn, "pip": pip_to_duo(fact.pip)})
    for aanbod in fact.aanbod_nieuw:
        outbox_add(
            dossier=dossier,
            api="inburgeringsaanbod",
            operatie="post_inburgeringsaanbod",
            args={
                "bsn": bsn,
                "instellingsnummer": aanbod.instelling.instellingsnummer,
                "aanbod": aanbod_to_duo(aanbod),
            },
        )
    for instellingsnummer in fact.aanbod_vervallen:
        outbox_add(
            dossier=dossier,
            api="inburgeringsaanbod",
            operatie="delete_inburgeringsaanbod",
            args={"bsn": bsn, "instellingsnummer": instellingsnummer},
        )


def aanbod_to_duo(aanbod: PipAanbod) -> DuoAanbod:
    """One inburgeringsaanbod as DUO's Inburgeringsaanbod API wants it (schema Inburgeringsaanbod)."""
    body: DuoAanbod = {
        "datumInburgeringsaanbod": aanbod.datum_inburgeringsaanbod.isoformat(),
        "indicatorAlfabetiseringsonderwijs": cast(Any, aanbod.indicator_alfabetisering),
    }
    if aanbod.verwachte_startdatum_opleiding is not None:
        body["verwachteStartdatumOpleiding"] = aanbod.verwachte_startdatum_opleiding.isoformat()
    if aanbod.verwachte_einddatum_opleiding is not None:
        body["verwachteEinddatumOpleiding"] = aanbod.verwachte_einddatum_opleiding.isoformat()
    return body


def pip_to_duo(pip: Pip) -> DuoPip:
    """A vastgesteld PIP version as DUO's PIP API wants it (API/PIP/openapi.yml, schema PIP).

    An empty niveau is left out: DUO then records B1 for the B1-route and the onderwijsroute.
    """
    if pip.dagtekening is None or not pip.leerroute:
        raise ValueError(f"PIP {pip.pk} is not vastgesteld: no dagtekening or leerroute")
    body: DuoPip = {
        "dagtekeningPip": pip.dagtekening.isoformat(),
        "leerroute": cast(Any, pip.leerroute),
        "indicatorMagOpleidingAfmaken": pip.mag_opleiding_afmaken,
        "indicatorAlfabetiseringsonderwijs": cast(Any, pip.alfabetisering),
    }
    if pip.niveau:
        body["niveau"] = cast(Any, pip.niveau)
    if pip.geschatte_intensiteit is not None:
        body["geschatteIntensiteitB1Route"] = pip.geschatte_intensiteit
    return body


# --- results MAP, PVT, Z-route --------------------------------------------------------------------


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


# --- gevolgde uren -------------------------------------------------------------------------------


def gevolgde_uren_report(
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
        raise DuoRefused(problems_of(violations))
    berichten = []
    for operatie, uren in given.values():
        if uren is not None:
            berichten.append(
                outbox_add(
                    dossier=dossier,
                    api="gevolgde_uren",
                    operatie=operatie,
                    args={"bsn": dossier.inburgeraar.bsn, "uren": {"uren": uren}},
                )
            )
    return berichten


SUBSCRIPTIONS: tuple[tuple[type[Any], Any], ...] = (
    (KlantregisseurGewijzigd, klantregisseur_gewijzigd),
    (IntakeUrenGewijzigd, intake_uren_gewijzigd),
    (PipVastgesteld, pip_vastgesteld),
    (PipIngetrokken, pip_ingetrokken),
    (ResultatenGewijzigd, resultaten_gewijzigd),
)
"""Every fact DUO must hear of, and the handler that places its messages (DuoConfig.ready subscribes them)."""
