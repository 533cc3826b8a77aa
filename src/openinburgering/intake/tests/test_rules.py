"""The summons term the college sets never ends on a Saturday, Sunday or holiday (domain brief §5)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.kalender import atw_feestdagen, feestdagen_for_range
from openinburgering.rules.termijnen import OPROEP_TERMIJN, oproep_last_day

FEESTDAGEN = atw_feestdagen(years=range(2022, 2042))


@given(verzonden=st.dates(date(2022, 1, 1), date(2040, 12, 31)))
def test_oproep_last_day_is_a_working_day(verzonden):
    last = oproep_last_day(verzonden, feestdagen=FEESTDAGEN)
    assert last.weekday() < 5 and last not in FEESTDAGEN
    end = OPROEP_TERMIJN.value.length.after(verzonden)
    assert end <= last <= end + timedelta(days=5)


@given(verzonden=st.dates(date(2022, 1, 1), date(2040, 12, 31)))
def test_the_holidays_the_service_loads_are_enough(verzonden):
    """intake.services asks feestdagen_for_range for the sending year (and the next): the same end."""
    narrow = feestdagen_for_range(verzonden, verzonden)
    assert oproep_last_day(verzonden, feestdagen=narrow) == oproep_last_day(verzonden, feestdagen=FEESTDAGEN)
