"""The bezwaar clause every decision letter ends with: the last day (Awb 6:7-6:9 with the Algemene
termijnenwet) and the numbers the shared template `letters/_rechtsmiddelen.html` states."""

from datetime import date

from openinburgering.rules.kalender import feestdagen_for_range
from openinburgering.rules.termijnen import BEZWAAR_POSTREGEL, BEZWAARTERMIJN, bezwaartermijn_end


def bezwaar_last_day(bekendmaking: date) -> date:
    """Awb 6:7-6:8 with the Algemene termijnenwet: the last day to lodge bezwaar."""
    feestdagen = feestdagen_for_range(bekendmaking, BEZWAARTERMIJN.value.length.after(bekendmaking))
    return bezwaartermijn_end(bekendmaking, feestdagen=feestdagen)


def bezwaar_context(bekendmaking: date) -> dict[str, object]:
    """What `letters/_rechtsmiddelen.html` needs, for a decision made known on `bekendmaking`."""
    return {
        "bekendmaking": bekendmaking,
        "bezwaar_last_day": bezwaar_last_day(bekendmaking),
        "bezwaar_weken": BEZWAARTERMIJN.value.length.amount,
        "postregel_weken": BEZWAAR_POSTREGEL.value.amount,
    }
