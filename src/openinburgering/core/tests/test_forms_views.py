"""core.forms.MonthField and core.views.form_submit: one way to read a month, one shape of a mutating view."""

from datetime import date

import pytest
from django import forms
from django.http import HttpResponse

from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import MonthField, month_message
from openinburgering.core.views import form_submit


class MaandForm(forms.Form):
    van_maand = MonthField(label="Vanaf maand")


@pytest.mark.parametrize("text", ["2026-03", "2026-3", "03-2026", "3/2026", "2026-03-15"])
def test_a_month_as_typed(text):
    form = MaandForm({"van_maand": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["van_maand"] == date(2026, 3, 1)


def test_no_month_is_refused_with_a_message_naming_the_field():
    form = MaandForm({"van_maand": "maart"})
    assert not form.is_valid()
    assert form.errors["van_maand"] == ["Vanaf maand: ‘maart’ is geen maand. Schrijf jjjj-mm, bijvoorbeeld 2026-03."]
    assert month_message(" 2026-13 ") == "‘2026-13’ is geen maand: schrijf jjjj-mm, bijvoorbeeld 2026-03."


def test_a_strict_month_field_takes_only_jjjj_mm():
    class StrictForm(forms.Form):
        maand = MonthField(label="Maand", typed=False)

    assert StrictForm({"maand": "2026-03"}).is_valid()
    form = StrictForm({"maand": "3/2026"})
    assert not form.is_valid()
    assert form.errors["maand"] == ["Maand: ‘3/2026’ is geen maand. Schrijf jjjj-mm, bijvoorbeeld 2026-03."]


def answer(status: int) -> HttpResponse:
    return HttpResponse(status=status)


def test_form_submit_calls_the_service_with_the_cleaned_data():
    seen = []
    response = form_submit(
        MaandForm({"van_maand": "2026-03"}),
        lambda data: seen.append(data["van_maand"]) or "done",
        done=lambda result: answer(200 if result == "done" else 500),
        refused=lambda error: answer(422),
    )
    assert response.status_code == 200
    assert seen == [date(2026, 3, 1)]


def test_form_submit_answers_an_invalid_form_without_calling_the_service():
    seen = []
    errors = []

    def refused(error):
        errors.append(error)
        return answer(422)

    response = form_submit(MaandForm({"van_maand": ""}), seen.append, done=lambda r: answer(200), refused=refused)
    assert (response.status_code, seen, errors) == (422, [], [None])


def test_form_submit_hands_a_refusal_of_the_service_to_the_caller():
    problem = DomainError("Nee.", field="van_maand")

    def service(data):
        raise problem

    errors = []

    def refused(error):
        errors.append(error)
        return answer(422)

    response = form_submit(MaandForm({"van_maand": "2026-03"}), service, done=lambda r: answer(200), refused=refused)
    assert response.status_code == 422
    assert errors == [problem]
