from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openinburgering.dossiers.wat_nu import wat_nu

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_link(context: template.Context, key: str, label: str) -> SafeString:
    """A column header that sorts by `key`, toggling direction; marks the current sort for assistive tech."""
    request = context["request"]
    current = context["filters"].sort
    params: QueryDict = request.GET.copy()
    params.pop("page", None)
    if current == key:
        params["sort"] = f"-{key}"
        marker = " ▲"
    elif current == f"-{key}":
        params["sort"] = key
        marker = " ▼"
    else:
        params["sort"] = key
        marker = ""
    return format_html(
        '<a class="oi-sort" href="?{}" hx-get="?{}" hx-target="#results" hx-push-url="true">{}{}</a>',
        params.urlencode(),
        params.urlencode(),
        label,
        marker,
    )


@register.simple_tag(takes_context=True)
def sort_aria(context: template.Context, key: str) -> SafeString:
    """` aria-sort="…"` for the column header (th) the list is sorted by (ARIA allows it only there)."""
    current = context["filters"].sort
    aria = "ascending" if current == key else "descending" if current == f"-{key}" else ""
    return format_html(' aria-sort="{}"', aria) if aria else SafeString("")


@register.filter
def get_item(mapping: Mapping[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def days_from(day: date, today: date) -> int:
    """Days from `today` until `day` (negative when it lies in the past)."""
    return (day - today).days


@register.filter
def abs_int(value: int) -> int:
    return abs(value)


@register.simple_tag(takes_context=True)
def werkvoorraad_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """The werkvoorraad table's rows (`<tr>` per dossier), rendered in Python.

    The 25 rows were most of the page's rendering time: per row eight cells of template variables, filters,
    a `{% url %}` and lazily translated labels, each resolved through the template engine (bench/README.md,
    issue 11). Here the labels are translated once per page and each row is one `format_html`.
    `status_labels`, `termijn_soorten` and `today` come from the context.
    """
    status_labels = {key: str(label) for key, label in context["status_labels"].items()}
    soorten = {key: str(label) for key, label in context["termijn_soorten"].items()}
    today = context["today"]
    unassigned = _("— niet toegewezen")
    html = []
    for dossier in rows:
        detail_url = reverse("dossiers:detail", args=[dossier.pk])
        inburgeraar = dossier.inburgeraar
        kennisgeving = dossier.datum_kennisgeving
        html.append(
            format_html(
                '<tr class="utrecht-table__row">'
                '<td class="utrecht-table__cell"><a class="utrecht-link" href="{}">{}</a><br>'
                '<span class="oi-muted">{}</span></td>'
                '<td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell"><span class="oi-status oi-status--{}">{}</span></td>'
                '<td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell">{}</td>'
                "</tr>\n",
                detail_url,
                inburgeraar.naam_sorteer,
                dossier.kenmerk,
                inburgeraar.bsn,
                dossier.gemeente.naam,
                dossier.status,
                status_labels.get(dossier.status, dossier.status),
                dossier.doelgroep,
                dossier.klantregisseur or unassigned,
                date_format(kennisgeving, "j M Y") if kennisgeving else "—",
                _termijn_cell(dossier, detail_url, today=today, soorten=soorten),
            )
        )
    return SafeString("".join(html))


def _termijn_cell(dossier: Any, detail_url: str, *, today: date, soorten: Mapping[str, object]) -> SafeString:
    """The "Wat nu · termijn" cell: the next step (dossiers.wat_nu, the same answer as the dossier page), and
    the nearest deadline with how far off it is, linked to the termijnen on `detail_url`, the dossier's page.
    """
    action = wat_nu(status=dossier.status, termijn_soort=dossier.termijn_soort)
    day = dossier.termijn_datum
    if not day:
        if action:
            return format_html('<span class="oi-attention" data-wat-nu>{}</span>', action)
        return SafeString('<span class="oi-muted">—</span>')
    days = (day - today).days
    datum = date_format(day, "j M Y")
    if days < 0:
        modifier = " oi-termijn--verlopen"
        when = ngettext("%(n)s dag verlopen", "%(n)s dagen verlopen", -days) % {"n": -days} + f" ({datum})"
    elif days == 0:
        modifier = " oi-termijn--binnenkort"
        when = f"{_('vandaag')} ({datum})"
    else:
        modifier = " oi-termijn--binnenkort" if days <= 7 else ""
        when = ngettext("uiterlijk %(datum)s (nog %(n)s dag)", "uiterlijk %(datum)s (nog %(n)s dagen)", days) % {
            "datum": datum,
            "n": days,
        }
    soort = soorten.get(dossier.termijn_soort)
    if not action:
        heading = format_html("<strong>{}</strong>", soort or _("Termijn"))
    elif soort and str(action) != str(soort):
        heading = format_html(
            '<strong><span data-wat-nu>{}</span></strong><br><span class="oi-muted">{}</span>', action, soort
        )
    else:
        heading = format_html("<strong><span data-wat-nu>{}</span></strong>", action)
    return format_html(
        '<a class="utrecht-link oi-termijn{}" href="{}#termijnen">{}<br>{}</a>', modifier, detail_url, heading, when
    )
