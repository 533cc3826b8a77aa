"""The leerbaarheidstoets as DUO reports it (Leerbaarheidstoets API, fetched on SS131/SS137)."""

from datetime import date
from typing import Any

from django.db import transaction

from openinburgering.dossiers.models import Dossier
from openinburgering.rules.intake import LbtResultaat

from .models import Leerbaarheidstoets

LBT_RESULTATEN = frozenset(r.value for r in LbtResultaat)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@transaction.atomic
def lbt_from_duo(
    *, dossier: Dossier, examennummer: str | None, resultaten: list[dict[str, Any]], aangemeld_op: date
) -> bool:
    """Take DUO's examennummer and latest result onto the dossier's leerbaarheidstoets; answers whether
    anything changed.

    DUO is the source of both: they replace what was typed in by hand. An exemption (Wi 14(6)) that the
    college granted is left alone: a result and an exemption exclude each other, and the college's decision
    stands until a person changes it. A result needs an examennummer (the model's constraint).
    """
    lbt, _created = Leerbaarheidstoets.objects.select_for_update().get_or_create(dossier=dossier)
    if lbt.vrijgesteld:
        return False
    values: dict[str, Any] = {}
    if examennummer:
        values["examennummer"] = examennummer[: Leerbaarheidstoets._meta.get_field("examennummer").max_length]
        if lbt.aangevraagd_op is None:
            values["aangevraagd_op"] = aangemeld_op
    dated = [r for r in resultaten if _date(r.get("datumAfname")) is not None and r.get("resultaat") in LBT_RESULTATEN]
    if dated and (examennummer or lbt.examennummer):
        latest = max(dated, key=lambda r: _date(r["datumAfname"]) or date.min)
        values.update(
            resultaat=latest["resultaat"],
            afgenomen_op=_date(latest["datumAfname"]),
            behaalde_score=str(latest.get("behaaldeScore", ""))[:6],
            benodigde_score=str(latest.get("benodigdeScore", ""))[:6],
        )
    if all(getattr(lbt, key) == value for key, value in values.items()):
        return False
    for key, value in values.items():
        setattr(lbt, key, value)
    lbt.save()
    return True
