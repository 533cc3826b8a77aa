"""What a gebeurtenis announces (``rules.duo``, the column "Relevante API's"), fetched once the dossier follows
DUO's plicht: the Inburgeringstermijn (onto the dossier), the leerbaarheidstoets (onto the intake), exam
results, vrijstellingen and ontheffingen (stored as ``DuoStand``, shown on the dossier page)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.dossiers.services import dossier_duo_termijn_update
from openinburgering.rules.duo import DuoApi as A
from openinburgering.rules.duo import GebeurtenisSoort

from ..clients import DuoFoutmeldingen, DuoNietGeauthenticeerd, DuoNietGevonden, DuoTijdelijkeFout
from ..models import DuoStandSoort
from ._common import Verwerking, _date, _event, _Opnieuw


def fetch_announced(v: Verwerking) -> None:
    apis = v.g.apis
    if A.INBURGERINGSTERMIJN in apis:
        _termijn(v)
    if A.LEERBAARHEIDSTOETS in apis:
        _lbt(v)
    if A.EXAMEN in apis and v.g.soort == GebeurtenisSoort.EXAMENRESULTATEN_OPHALEN:
        resultaten = v.fetch_optional(DuoStandSoort.EXAMEN, v.clients.examen.get_resultaten) or []
        v.event_once(
            "duo_examen",
            _("Examenresultaten van DUO: %(n)s onderdelen bekend") % {"n": len(resultaten)},
        )
        v.gedaan.append(_("examenresultaten opgehaald"))
    if A.VRIJSTELLING in apis:
        v.fetch_optional(DuoStandSoort.VRIJSTELLING, v.clients.vrijstelling.get_vrijstellingen)
    if A.ONTHEFFING in apis:
        v.fetch_optional(DuoStandSoort.ONTHEFFING, v.clients.ontheffing.get_ontheffingen)


def _termijn(v: Verwerking) -> None:
    assert v.dossier is not None
    termijn = v.fetch_optional(DuoStandSoort.INBURGERINGSTERMIJN, v.clients.inburgeringstermijn.get_inburgeringstermijn)
    if not termijn:
        return
    start, einde = _date(termijn.get("startdatum")), _date(termijn.get("einddatum"))
    grond = str(termijn.get("verlengingsgrondomschrijving") or termijn.get("verlengingsgrondcode") or "")[:200]
    dossier = dossier_duo_termijn_update(dossier=v.dossier, start=start, einde=einde, verlengingsgrond=grond)
    if dossier is None:
        return
    v.dossier = dossier
    v.gedaan.append(_("inburgeringstermijn bijgewerkt"))


def _lbt(v: Verwerking) -> None:
    from openinburgering.intake.duo import lbt_from_duo

    assert v.dossier is not None
    api = v.clients.leerbaarheidstoets
    try:
        examennummer = api.get_examennummer(v.bsn).get("examennummer")
    except (DuoNietGevonden, DuoFoutmeldingen):
        examennummer = None
    except (DuoTijdelijkeFout, DuoNietGeauthenticeerd) as exc:
        raise _Opnieuw(f"DUO: {exc}") from exc
    resultaten = v.fetch_optional(DuoStandSoort.LEERBAARHEIDSTOETS, api.get_resultaten) or []
    if lbt_from_duo(
        dossier=v.dossier,
        examennummer=examennummer,
        resultaten=resultaten,
        aangemeld_op=timezone.localtime(v.n.registratie_datum_tijd).date(),
    ):
        _event(v.dossier, "duo_lbt", _("Leerbaarheidstoets bijgewerkt met de gegevens van DUO"))
        v.gedaan.append(_("leerbaarheidstoets bijgewerkt"))
