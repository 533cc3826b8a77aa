"""core.timeline: a changed field shown as the pages show it, whichever app records the change."""

from datetime import UTC, date, datetime
from decimal import Decimal

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

from openinburgering.core.timeline import changes_apply, changes_between, field_change, value_shown, values_equal


def test_a_choice_by_its_label_never_its_code():
    labels = dict(LogEntry._meta.get_field("action_flag").flatchoices)
    change = field_change(LogEntry, "action_flag", ADDITION, CHANGE)
    assert (change["old"], change["new"]) == (str(labels[ADDITION]), str(labels[CHANGE]))
    assert change["old"] != str(ADDITION)
    assert change["label"] == str(LogEntry._meta.get_field("action_flag").verbose_name).capitalize()


def test_values_as_the_pages_show_them():
    assert value_shown(LogEntry, "object_repr", None) == "—"
    assert value_shown(LogEntry, "object_repr", "") == "—"
    assert value_shown(LogEntry, "object_repr", True) == "ja"
    assert value_shown(LogEntry, "object_repr", False) == "nee"
    assert value_shown(LogEntry, "object_repr", date(2026, 3, 1)) == "1 maart 2026"
    assert value_shown(LogEntry, "object_repr", date(2026, 3, 1), month=True) == "maart 2026"
    assert value_shown(LogEntry, "object_repr", datetime(2026, 3, 1, 11, 30, tzinfo=UTC)) == "1 maart 2026 12:30"
    assert value_shown(LogEntry, "object_repr", Decimal("1234.5"), money=True) == "€ 1.234,50"
    assert value_shown(LogEntry, "object_repr", Decimal("12.5")) == "12,50"
    assert value_shown(LogEntry, "object_repr", "x" * 100) == "x" * 79 + "…"


def test_only_what_changed_and_two_empty_values_are_equal():
    assert values_equal(None, "") and values_equal([], None) and not values_equal(None, 0)
    changes = changes_between(
        LogEntry,
        {"object_repr": "", "object_id": "7", "change_message": "a"},
        {"object_repr": None, "object_id": "8", "change_message": "a"},
    )
    assert [(c["field"], c["old"], c["new"]) for c in changes] == [("object_id", "7", "8")]


def test_apply_sets_what_changed():
    entry = LogEntry(object_repr="oud", object_id="1")
    changes = changes_apply(entry, {"object_repr": "nieuw", "object_id": "1"})
    assert entry.object_repr == "nieuw"
    assert [(c["field"], c["old"], c["new"]) for c in changes] == [("object_repr", "oud", "nieuw")]
