"""DUO's gebeurtenissen: what each code in a notificatie means and what the product must do with it.

Sources:
- DUO, gemeente-m2m-inburgering, Gebeurtenissen/Gebeurtenissen.md: the gebeurtenissen DUO notifies a
  gemeente of through the Notificatie API, with their description and the APIs that hold the data.
- DUO, gemeente-m2m-inburgering, Gebeurtenissen/Attentiesignalen.md: attentiesignalen DUO plans to send
  through a future Attentiesignaal API (SDI008); DUO marks the page provisional ("voorlopig nog niet
  relevant"). They are listed so that one arriving as a notificatie is recognised, not dropped.

The processing of a notificatie dispatches on `Gebeurtenis.soort`; `apis` names the DUO APIs whose data
the gebeurtenis announces (the "Relevante API's" column), limited to the APIs DUO has built.
An unknown code is not an error here: `gebeurtenis_get` answers None and the notificatie is stored and
shown as unknown.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from .base import Rule
from .enums import DUO_SPEC_URL

GEBEURTENISSEN_URL = f"{DUO_SPEC_URL}/blob/main/Gebeurtenissen/Gebeurtenissen.md"
ATTENTIESIGNALEN_URL = f"{DUO_SPEC_URL}/blob/main/Gebeurtenissen/Attentiesignalen.md"


class GebeurtenisSoort(StrEnum):
    """What the product does with a gebeurtenis (issue 5, part 2)."""

    # Open the dossier or bring it up to date; fetch Inburgeringsplicht (with the doelgroep).
    DOSSIER_OPENEN = "dossier_openen"
    # As DOSSIER_OPENEN, and the ten weeks to set the leerroute (the PIP) start (Bi 5.3(1)).
    DOSSIER_OPENEN_PIP_TERMIJN = "dossier_openen_pip_termijn"
    TERMIJN_OPHALEN = "termijn_ophalen"  # fetch the Inburgeringstermijn
    LEERBAARHEIDSTOETS_OPHALEN = "leerbaarheidstoets_ophalen"
    EXAMENRESULTATEN_OPHALEN = "examenresultaten_ophalen"
    PLICHT_BEEINDIGEN = "plicht_beeindigen"  # voldaan: diploma, gehele vrijstelling or ontheffing
    PLICHT_OPSCHORTEN = "plicht_opschorten"  # tijdelijke vrijstelling: the plicht resumes later
    PLICHT_INTREKKEN = "plicht_intrekken"  # ingetrokken or overleden: the dossier closes
    DOELGROEP_WIJZIGEN = "doelgroep_wijzigen"
    TAAK_KLANTREGISSEUR = "taak_klantregisseur"  # a decision on a request: the klantregisseur looks at it


class DuoApi(StrEnum):
    """DUO's APIs a gebeurtenis points to (README, "Gerealiseerde API's")."""

    INBURGERINGSPLICHT = "Inburgeringsplicht"
    INBURGERINGSTERMIJN = "Inburgeringstermijn"
    LEERBAARHEIDSTOETS = "Leerbaarheidstoets"
    EXAMEN = "Examen"
    VRIJSTELLING = "Vrijstelling"
    ONTHEFFING = "Ontheffing"
    PIP = "PIP"


@dataclass(frozen=True)
class Gebeurtenis:
    code: str
    omschrijving: str  # DUO's own wording
    soort: GebeurtenisSoort
    apis: frozenset[DuoApi] = frozenset()
    attentiesignaal: bool = False


S = GebeurtenisSoort
A = DuoApi


def _gebeurtenissen(*items: Gebeurtenis) -> Mapping[str, Gebeurtenis]:
    return MappingProxyType({item.code: item for item in items})


def _g(code: str, omschrijving: str, soort: GebeurtenisSoort, *apis: DuoApi) -> Gebeurtenis:
    return Gebeurtenis(code, omschrijving, soort, frozenset(apis))


def _a(code: str, omschrijving: str) -> Gebeurtenis:
    return Gebeurtenis(code, omschrijving, S.TAAK_KLANTREGISSEUR, attentiesignaal=True)


_PLICHT_EXAMEN = (A.INBURGERINGSPLICHT, A.EXAMEN)

DUO_GEBEURTENISSEN: Rule[Mapping[str, Gebeurtenis]] = Rule(
    value=_gebeurtenissen(
        # Nieuwe inburgeringsplichtige
        _g("SS101", "Persoon is inburgeringsplichtig.", S.DOSSIER_OPENEN, *_PLICHT_EXAMEN),
        _g(
            "SS128",
            "Persoon is inburgeringsplichtig, maar bereikt AOW-leeftijd binnen 6 maanden.",
            S.DOSSIER_OPENEN,
            *_PLICHT_EXAMEN,
        ),
        _g(
            "SS139",
            "Persoon is inburgeringsplichtig en de termijn van 10 weken voor vaststellen leerroute is gestart.",
            S.DOSSIER_OPENEN_PIP_TERMIJN,
            *_PLICHT_EXAMEN,
        ),
        _g(
            "SS129",
            "Tijdelijke vrijstelling ingetrokken, nog geen leerroute bekend.",
            S.DOSSIER_OPENEN,
            *_PLICHT_EXAMEN,
            A.VRIJSTELLING,
        ),
        # Wijziging van gemeente
        _g("SS120", "Inburgeringsplichte in gemeente gevestigd zonder PIP.", S.DOSSIER_OPENEN, *_PLICHT_EXAMEN),
        _g(
            "SS121",
            "Inburgeringsplichte in gemeente gevestigd met PIP vorige gemeente",
            S.DOSSIER_OPENEN,
            *_PLICHT_EXAMEN,
            A.INBURGERINGSTERMIJN,
        ),
        # Wijziging doelgroep
        _g(
            "SS124",
            "Doelgroep van asielstatushouder naar gezinsmigrant en overige migrant gewijzigd",
            S.DOELGROEP_WIJZIGEN,
            A.INBURGERINGSPLICHT,
        ),
        _g(
            "SS125",
            "Doelgroep van gezinsmigrant en overige migrant naar asielstatushouder gewijzigd",
            S.DOELGROEP_WIJZIGEN,
            A.INBURGERINGSPLICHT,
        ),
        # Intrekken inburgeringsplicht
        _g("SS109", "Tijdelijke vrijstelling toegekend", S.PLICHT_OPSCHORTEN, A.INBURGERINGSPLICHT, A.VRIJSTELLING),
        _g("SS110", "Inburgeringsplicht ingetrokken", S.PLICHT_INTREKKEN, A.INBURGERINGSPLICHT),
        _g("SS111", "Persoon is overleden", S.PLICHT_INTREKKEN, A.INBURGERINGSPLICHT),
        # Inburgeringsplicht voldaan
        _g("SS106", "Diploma behaald", S.PLICHT_BEEINDIGEN, A.INBURGERINGSPLICHT),
        _g("SS107", "Gehele vrijstelling toegekend", S.PLICHT_BEEINDIGEN, A.INBURGERINGSPLICHT, A.VRIJSTELLING),
        _g("SS108", "Gehele ontheffing toegekend", S.PLICHT_BEEINDIGEN, A.INBURGERINGSPLICHT),
        # Leerroute en termijn vastgesteld
        _g(
            "SS137",
            "Persoon is aangemeld voor de leerbaarheidstoets",
            S.LEERBAARHEIDSTOETS_OPHALEN,
            A.LEERBAARHEIDSTOETS,
        ),
        _g(
            "SS131",
            "Leerbaarheidstoets is afgenomen en resultaat is bekend",
            S.LEERBAARHEIDSTOETS_OPHALEN,
            A.LEERBAARHEIDSTOETS,
        ),
        _g("SS102", "Inburgeringstermijn gestart", S.TERMIJN_OPHALEN, A.INBURGERINGSTERMIJN),
        # Examenresultaten
        _g("SS199", "Uitslag examen bekend", S.EXAMENRESULTATEN_OPHALEN, A.EXAMEN),
        # Termijn gewijzigd
        _g("SS103", "Termijn ambtshalve verlengd", S.TERMIJN_OPHALEN, A.INBURGERINGSTERMIJN),
        _g("SS104", "Termijn op verzoek verlengd", S.TERMIJN_OPHALEN, A.INBURGERINGSTERMIJN),
        _g(
            "SS130",
            "Tijdelijke vrijstelling ingetrokken, PIP al bekend.",
            S.TERMIJN_OPHALEN,
            A.INBURGERINGSPLICHT,
            A.INBURGERINGSTERMIJN,
            A.PIP,
            A.EXAMEN,
            A.VRIJSTELLING,
        ),
        # Verzoeken inburgeraar
        _g("SS113", "Verzoek verlenging afgewezen", S.TAAK_KLANTREGISSEUR),
        _g("SS114", "Verzoek gehele vrijstelling afgewezen", S.TAAK_KLANTREGISSEUR, A.VRIJSTELLING),
        _g("SS115", "Verzoek tijdelijke vrijstelling afgewezen", S.TAAK_KLANTREGISSEUR, A.VRIJSTELLING),
        _g("SS116", "Verzoek gedeeltelijke vrijstelling afgewezen", S.TAAK_KLANTREGISSEUR, A.VRIJSTELLING),
        _g(
            "SS117",
            "Verzoek gedeeltelijke vrijstelling toegekend",
            S.TAAK_KLANTREGISSEUR,
            A.VRIJSTELLING,
            A.EXAMEN,
        ),
        _g("SS118", "Verzoek ontheffing afgewezen", S.TAAK_KLANTREGISSEUR),
        _g("SS119", "Verzoek gedeeltelijke ontheffing toegekend", S.TAAK_KLANTREGISSEUR, A.EXAMEN),
    ),
    source=(
        "DUO Gebeurtenissen.md: the gebeurtenissen DUO notifies the gemeente of, grouped as nieuwe "
        "inburgeringsplichtige, wijziging van gemeente or doelgroep, intrekken and voldaan, leerroute and "
        "termijn, examenresultaten, termijn gewijzigd and verzoeken inburgeraar, each with its relevant APIs"
    ),
    source_url=GEBEURTENISSEN_URL,
    valid_from=date(2022, 1, 1),
)

DUO_ATTENTIESIGNALEN: Rule[Mapping[str, Gebeurtenis]] = Rule(
    value=_gebeurtenissen(
        _a("SS122", "Vertrokken naar andere gemeente"),
        _a("SS123", "Vertrokken uit Nederland"),
        _a("SS141", "Voldaan aan de Z-route: tekst voor het certificaat te downloaden in de portal"),
        _a("SS126", "Tien weken verstreken zonder vastgestelde leerroute"),
        _a(
            "SS142",
            "Niet-vrijstellende opleiding beëindigd wegens uitschrijving. Indien nodig graag contact opnemen "
            "met inburgeraar en PIP herzien",
        ),
        _a("SS127", "Nog geen inburgeringsaanbod ontvangen"),
        _a("SS132", "Opleidingscontract ontvangen (nog geen PIP)"),
        _a("SS133", "Opleidingscontract ontvangen met taalniveau niet conform de opgegeven leerroute voor inburgering"),
        _a("SS135", "Opleidingscontract ontvangen met te hoog taalniveau conform de PIP (Z-route)"),
        _a("SS136", "Opleidingscontract voor taalschakeltraject ontvangen, geen onderwijsroute"),
        _a("SS140", "Verzoek ontheffing op bijzondere individuele omstandigheden: advies gevraagd"),
        _a("SS112", "Verzoek verlenging ingediend"),
    ),
    source=(
        "DUO Attentiesignalen.md: signals to act (Attentiesignaal API SDI008, not yet built); DUO marks the "
        "page provisional, so each becomes a task for the klantregisseur"
    ),
    source_url=ATTENTIESIGNALEN_URL,
    valid_from=date(2022, 1, 1),
    verified=False,
)


def gebeurtenis_get(code: str) -> Gebeurtenis | None:
    """The gebeurtenis or attentiesignaal with this code; None when DUO sent a code we do not know."""
    return DUO_GEBEURTENISSEN.value.get(code) or DUO_ATTENTIESIGNALEN.value.get(code)
