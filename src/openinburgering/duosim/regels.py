"""DUO's acceptance rules for the mutating APIs, as pure functions (README of DUO's specs).

Each function answers the list of ``fouttekst`` values DUO would return in the 403 body;
an empty list means the message is accepted. Texts are Dutch (they reach the klantregisseur)
and at most 200 characters (schema Foutmelding).

Where the README is ambiguous the reading is written down next to the rule:

- MAP/PVT "overschrijding van de inburgeringstermijn": the date (or, when withdrawing, today)
  lies after the einddatum of the termijn.
- MAP/PVT "verwijtbaar Nee alleen als de einddatum binnen twee maanden valt": the date lies at
  most two months after the einddatum.
- Inburgeringsaanbod: the README still names ``datumAanvangTaalschakeltraject`` and
  ``datumEindeCursus``; spec 1.2.0 has ``verwachteStartdatumOpleiding`` and
  ``verwachteEinddatumOpleiding``, which these rules check in their place.
- Z-route: the README has no section; the rules mirror MAP/PVT (own actuele PIP, not in the
  future, not before the termijn) plus "the actuele PIP is the Z-route" and "not before a
  registered MAP or PVT date" (the mirror of "MAP not after afronding Z-route").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

FOUTTEKST_MAX = 200  # schema Foutmelding.fouttekst maxLength
ASIEL = "Asielstatushouder"
VERWIJTBAAR_NEE_BINNEN = relativedelta(months=2)  # README, MAP and PVT


def _d(value: date) -> str:
    return value.strftime("%d-%m-%Y")


# --- PIP ---------------------------------------------------------------------------------------


def pip_niveau_vastgesteld(leerroute: str, niveau: str | None) -> str | None:
    """README: without a niveau DUO registers B1 for the B1-route and the onderwijsroute."""
    if niveau is None and leerroute in {"B", "O"}:
        return "B1"
    return niveau


def pip_fouten(
    *,
    dagtekening: date,
    leerroute: str,
    niveau: str | None,
    geschatte_intensiteit: int | None,
    plicht_begindatum: date | None,
    vestigingsdatum: date | None,
    eerste_dagtekening: date | None,
    actuele_dagtekening: date | None,
    doelgroep: str,
) -> list[str]:
    """Rules for registering a PIP (README, "Het aanleveren van een PIP").

    ``eerste_dagtekening`` and ``actuele_dagtekening`` are None when no PIP was ever registered
    for the person, by any gemeente.
    """
    fouten: list[str] = []
    if plicht_begindatum is not None and dagtekening < plicht_begindatum:
        fouten.append(
            f"De dagtekening van het PIP ligt voor de start van de inburgeringsplicht ({_d(plicht_begindatum)})."
        )
    if eerste_dagtekening is not None and dagtekening < eerste_dagtekening:
        fouten.append(
            f"De dagtekening van het PIP ligt voor de dagtekening van het initiële PIP ({_d(eerste_dagtekening)})."
        )
    if actuele_dagtekening is not None and dagtekening < actuele_dagtekening:
        fouten.append(
            f"De dagtekening van het PIP ligt voor de dagtekening van het actuele PIP ({_d(actuele_dagtekening)})."
        )
    if vestigingsdatum is not None and dagtekening < vestigingsdatum:
        fouten.append(f"De dagtekening van het PIP ligt voor de vestiging in de gemeente ({_d(vestigingsdatum)}).")
    if niveau == "A2" and leerroute == "O":
        fouten.append("Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd.")
    if niveau == "B1" and leerroute == "Z":
        fouten.append("Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd.")
    if niveau == "A2" and leerroute == "B" and eerste_dagtekening is None:
        fouten.append("Niveau A2 mag niet in combinatie met de B1-route worden aangeleverd in het eerste PIP.")
    if geschatte_intensiteit is not None and not (leerroute == "B" and doelgroep == ASIEL):
        fouten.append(
            "Geschatte intensiteit B1-route mag alleen bij de B1-route voor een asielmigrant worden aangeleverd."
        )
    return fouten


def pip_verwijderen_fouten(*, eigen_pip: bool, termijn_vastgesteld: bool, cursusdeelnameuren: int) -> list[str]:
    """Rules for withdrawing the actuele PIP (README, "Het verwijderen van een PIP")."""
    fouten: list[str] = []
    if not eigen_pip:
        fouten.append("Het actuele PIP is niet door uw gemeente aangeleverd.")
    if termijn_vastgesteld:
        fouten.append("Het PIP kan niet worden verwijderd: de inburgeringstermijn is al vastgesteld.")
    if cursusdeelnameuren > 0:
        fouten.append("Het PIP kan niet worden verwijderd: er zijn al cursusdeelname-uren geregistreerd.")
    return fouten


# --- Inburgeringsaanbod -------------------------------------------------------------------------


def aanbod_fouten(
    *,
    doelgroep: str,
    dagtekening_pip: date | None,
    leerroute: str | None,
    instelling: Mapping[str, Any] | None,
    datum_aanbod: date | None,
    start: date | None,
    eind: date | None,
    termijn_start: date | None,
    termijn_eind: date | None,
) -> list[str]:
    """Rules for registering an inburgeringsaanbod (README, "Inburgeringsaanbod").

    ``dagtekening_pip`` and ``leerroute`` are those of the actuele PIP (None: no PIP).
    """
    fouten: list[str] = []
    if doelgroep != ASIEL:
        fouten.append("Een inburgeringsaanbod kan alleen voor een asielmigrant worden aangeleverd.")
    if dagtekening_pip is None:
        fouten.append("De inburgeringsplichtige heeft geen PIP.")
    if instelling is None:
        fouten.append("De opleidingsinstelling is niet bij DUO bekend.")
    elif leerroute == "O":
        if not instelling.get("indicatieTstKeurmerk"):
            fouten.append("De opleidingsinstelling is geen erkende taalschakelinstelling (TST).")
    elif not instelling.get("indicatieBowKeurmerk"):
        fouten.append("De opleidingsinstelling heeft geen keurmerk van Blik op Werk.")
    datums = [d for d in (datum_aanbod, start, eind) if d is not None]
    if dagtekening_pip is not None and any(d < dagtekening_pip for d in datums):
        fouten.append(
            f"Een datum van het inburgeringsaanbod ligt voor de dagtekening van het PIP ({_d(dagtekening_pip)})."
        )
    if start is not None and datum_aanbod is not None and start < datum_aanbod:
        fouten.append("De verwachte startdatum van de opleiding ligt voor de datum van het inburgeringsaanbod.")
    if start is not None and eind is not None and eind < start:
        fouten.append("De verwachte einddatum van de opleiding ligt voor de verwachte startdatum.")
    for d in (start, eind):
        if d is None:
            continue
        if (termijn_start is not None and d < termijn_start) or (termijn_eind is not None and d > termijn_eind):
            fouten.append(f"De opleidingsdatum {_d(d)} ligt buiten de inburgeringstermijn.")
    return fouten


# --- MAP and PVT --------------------------------------------------------------------------------


def map_pvt_fouten(
    *,
    onderdeel: str,
    datum: date | None,
    verwijtbaar: str | None,
    vandaag: date,
    gemeente_oin: str,
    eerder_geleverd_door: str | None,
    actuele_pip_van: str | None,
    voldaan_via_zroute: bool,
    termijn_start: date | None,
    termijn_eind: date | None,
    datum_afronding_zroute: date | None,
) -> list[str]:
    """Rules for the datum eindgesprek MAP / ondertekening PVT (README, sections MAP and PVT).

    ``onderdeel`` is "MAP" or "PVT"; ``eerder_geleverd_door`` the OIN of the gemeente that
    delivered the registered date (None: nothing registered), ``actuele_pip_van`` that of the
    actuele PIP (None: no PIP).
    """
    naam = "datum eindgesprek MAP" if onderdeel == "MAP" else "datum ondertekening PVT"
    fouten: list[str] = []
    if eerder_geleverd_door is not None and eerder_geleverd_door != gemeente_oin:
        fouten.append(f"De {naam} is eerder door een andere gemeente geleverd.")
    if actuele_pip_van != gemeente_oin:
        fouten.append("Uw gemeente heeft geen actueel PIP voor de inburgeringsplichtige.")
    if voldaan_via_zroute:
        fouten.append("De inburgeringsplicht is al voldaan via de Z-route.")
    if datum is None:
        if datum_afronding_zroute is not None:
            fouten.append(f"De {naam} kan niet worden ingetrokken: de datum afronding Z-route is geregistreerd.")
    else:
        if termijn_start is None:
            fouten.append("Er is geen inburgeringstermijn vastgesteld.")
        elif datum < termijn_start:
            fouten.append(f"De {naam} ligt voor de startdatum van de inburgeringstermijn ({_d(termijn_start)}).")
        if datum_afronding_zroute is not None and datum > datum_afronding_zroute:
            fouten.append(f"De {naam} ligt na de datum afronding Z-route ({_d(datum_afronding_zroute)}).")
        if datum > vandaag:
            fouten.append(f"De {naam} ligt in de toekomst.")
    peildatum = datum if datum is not None else vandaag
    overschrijding = termijn_eind is not None and peildatum > termijn_eind
    if verwijtbaar is None:
        if overschrijding:
            fouten.append("Verwijtbaar (Ja/Nee) ontbreekt terwijl de inburgeringstermijn is overschreden.")
    else:
        if datum is not None and termijn_eind is not None and datum < termijn_eind:
            fouten.append(f"Verwijtbaar mag niet worden geleverd: de {naam} ligt voor de einddatum van de termijn.")
        if verwijtbaar == "Nee" and (termijn_eind is None or peildatum > termijn_eind + VERWIJTBAAR_NEE_BINNEN):
            fouten.append(
                "Verwijtbaar 'Nee' mag alleen als de einddatum van de inburgeringstermijn binnen twee maanden valt."
            )
        if verwijtbaar == "Ja" and not overschrijding:
            fouten.append("Verwijtbaar 'Ja' mag alleen bij een overschrijding van de inburgeringstermijn.")
    return fouten


# --- Z-route ------------------------------------------------------------------------------------


def zroute_fouten(
    *,
    datum: date | None,
    vandaag: date,
    gemeente_oin: str,
    actuele_pip_van: str | None,
    leerroute: str | None,
    termijn_start: date | None,
    map_datum: date | None,
    pvt_datum: date | None,
) -> list[str]:
    """Rules for the datum afronding Z-route (see the module docstring for their source)."""
    fouten: list[str] = []
    if actuele_pip_van != gemeente_oin:
        fouten.append("Uw gemeente heeft geen actueel PIP voor de inburgeringsplichtige.")
    elif leerroute != "Z":
        fouten.append("Het actuele PIP heeft niet de Z-route als leerroute.")
    if datum is not None:
        if datum > vandaag:
            fouten.append("De datum afronding Z-route ligt in de toekomst.")
        if termijn_start is None:
            fouten.append("Er is geen inburgeringstermijn vastgesteld.")
        elif datum < termijn_start:
            fouten.append(
                f"De datum afronding Z-route ligt voor de startdatum van de inburgeringstermijn ({_d(termijn_start)})."
            )
        for naam, andere in (("datum eindgesprek MAP", map_datum), ("datum ondertekening PVT", pvt_datum)):
            if andere is not None and datum < andere:
                fouten.append(f"De datum afronding Z-route ligt voor de {naam} ({_d(andere)}).")
    return fouten
