"""The leerbaarheidstoets as DUO reports it (Leerbaarheidstoets API, fetched on SS131/SS137)."""

from typing import Any

from django.db import transaction

from openinburgering.dossiers.models import Dossier
from openinburgering.rules.intake import LbtResultaat

from .models import Leerbaarheidstoets


def _date(value: Any) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@transaction.atomic
def lbt_from_duo(*, dossier: Dossier, resultaten: list[dict[str, Any]]) -> bool:
    """Take DUO's latest result onto the dossier's leerbaarheidstoets; answers whether anything changed.

    DUO is the source of the result: it replaces what was typed in by hand. An exemption (Wi 14(6)) that
    the college granted is left alone: a result and an exemption exclude each other, and the college's
    decision stands until a person changes it.
    """
    dated = [r for r in resultaten if _date(r.get("datumAfname")) is not None]
    if not dated:
        return False
    latest = max(dated, key=lambda r: _date(r["datumAfname"]))
    if latest.get("resultaat") not in {r.value for r in LbtResultaat}:
        return False
    lbt, _created = Leerbaarheidstoets.objects.select_for_update().get_or_create(dossier=dossier)
    if lbt.vrijgesteld:
        return False
    values = {
        "resultaat": latest["resultaat"],
        "afgenomen_op": _date(latest["datumAfname"]),
        "behaalde_score": str(latest.get("behaaldeScore", ""))[:6],
        "benodigde_score": str(latest.get("benodigdeScore", ""))[:6],
    }
    if all(getattr(lbt, key) == value for key, value in values.items()):
        return False
    for key, value in values.items():
        setattr(lbt, key, value)
    lbt.save()
    return True
