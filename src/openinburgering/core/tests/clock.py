"""A frozen clock for tests that depend on today: `travel_to(date(2027, 1, 31))` is 10:00 Dutch time that day.

Choose a day that can break something (a month end, a leap day, a holiday), not any day: a test that
passes on the day it was written proves nothing about 31 January.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings


def travel_to(day: date, at: time = time(10), *, tick: bool = False) -> time_machine.travel:
    """`tick=True` lets the clock run on from that moment (a browser journey waits for real)."""
    return time_machine.travel(datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=tick)
