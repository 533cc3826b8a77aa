"""The werkvoorraad's rows (rendered in Python by a tag), and the "Wat nu · termijn" cell one case per branch."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from openinburgering.dossiers.constants import Status
from openinburgering.termijnen.constants import Soort

TODAY = date(2026, 3, 2)
LINK = (
    '<a class="utrecht-link oi-termijn{}" href="/dossiers/7/#termijnen">'
    "<strong><span data-wat-nu>PIP vaststellen</span></strong><br>{}</a>"
)


def row(**fields: object) -> str:
    """One werkvoorraad row for a dossier with `fields`, as the page renders it."""
    inburgeraar = SimpleNamespace(naam_sorteer="Amrani, Fatima", bsn="111222333")
    values = {
        "pk": 7,
        "kenmerk": "OI-2026-000007",
        "inburgeraar": inburgeraar,
        "gemeente": SimpleNamespace(naam="Dordrecht"),
        "doelgroep": "Asielstatushouder",
        "klantregisseur": None,
        "datum_kennisgeving": None,
        "status": Status.PIP,
        "termijn_soort": Soort.PIP_VASTSTELLEN,
        "termijn_datum": None,
        **fields,
    }
    context = Context(
        {
            "rows": [SimpleNamespace(**values)],
            "today": TODAY,
            "termijn_soorten": dict(Soort.choices),
            "status_labels": dict(Status.choices),
        }
    )
    with translation.override("nl"):
        return " ".join(Template("{% load werkvoorraad %}{% werkvoorraad_rows rows %}").render(context).split())


def cell(**fields: object) -> str:
    """The row's last cell, "Wat nu · termijn"."""
    td = '<td class="utrecht-table__cell">'
    html = row(**fields)
    return html[html.rindex(td) + len(td) : -len("</td></tr>")]


@pytest.mark.parametrize(
    ("termijn_datum", "modifier", "text"),
    [
        (date(2026, 2, 9), " oi-termijn--verlopen", "21 dagen verlopen (9 Feb 2026)"),
        (date(2026, 3, 1), " oi-termijn--verlopen", "1 dag verlopen (1 Mrt 2026)"),
        (TODAY, " oi-termijn--binnenkort", "vandaag (2 Mrt 2026)"),
        (date(2026, 3, 3), " oi-termijn--binnenkort", "uiterlijk 3 Mrt 2026 (nog 1 dag)"),
        (date(2026, 3, 9), " oi-termijn--binnenkort", "uiterlijk 9 Mrt 2026 (nog 7 dagen)"),
        (date(2026, 4, 28), "", "uiterlijk 28 Apr 2026 (nog 57 dagen)"),
    ],
)
def test_a_deadline_says_what_it_asks_and_how_far_off_it_is(termijn_datum, modifier, text):
    assert cell(termijn_datum=termijn_datum) == LINK.format(modifier, text)


def test_without_a_deadline_the_next_step_for_the_status():
    assert (
        cell(status=Status.BREDE_INTAKE, termijn_soort="")
        == '<span class="oi-attention" data-wat-nu>Brede intake afronden</span>'
    )
    assert cell(status=Status.AFGEROND, termijn_soort="") == '<span class="oi-muted">—</span>'


def test_an_unknown_deadline_kind_is_a_termijn():
    # With no next step for the status, the deadline names itself; an unknown kind is a "Termijn".
    assert "<strong>Termijn</strong>" in cell(termijn_datum=TODAY, termijn_soort="onbekend", status=Status.AFGEROND)


def test_a_deadline_of_another_step_is_shown_under_the_next_step():
    html = cell(termijn_datum=TODAY, status=Status.BREDE_INTAKE)
    assert "<strong><span data-wat-nu>Brede intake afronden</span></strong>" in html
    assert f'<span class="oi-muted">{Soort.PIP_VASTSTELLEN.label}</span>' in html


def test_a_row_shows_the_dossier_and_links_to_it():
    html = row(status=Status.UITVOERING, termijn_soort="", datum_kennisgeving=date(2026, 1, 5))
    assert html == (
        '<tr class="utrecht-table__row">'
        '<td class="utrecht-table__cell"><a class="utrecht-link" href="/dossiers/7/">Amrani, Fatima</a><br>'
        '<span class="oi-muted">OI-2026-000007</span></td>'
        '<td class="utrecht-table__cell">111222333</td>'
        '<td class="utrecht-table__cell">Dordrecht</td>'
        '<td class="utrecht-table__cell"><span class="oi-status oi-status--uitvoering">Uitvoering</span></td>'
        '<td class="utrecht-table__cell">Asielstatushouder</td>'
        '<td class="utrecht-table__cell">— niet toegewezen</td>'
        '<td class="utrecht-table__cell">5 Jan 2026</td>'
        f'<td class="utrecht-table__cell">{cell(status=Status.UITVOERING, termijn_soort="")}</td>'
        "</tr>"
    )


def test_a_row_escapes_what_people_typed():
    html = row(inburgeraar=SimpleNamespace(naam_sorteer="<script>x</script>", bsn="1"), klantregisseur="A & B")
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "A &amp; B" in html
