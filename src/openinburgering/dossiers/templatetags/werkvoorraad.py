from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template
from django.http import QueryDict
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
def termijn_cell(context: template.Context, dossier: Any, detail_url: str) -> SafeString:
    """The werkvoorraad's "Wat nu · termijn" cell: the next step (dossiers.wat_nu, the same answer as the
    dossier page), and the nearest deadline with how far off it is, linked to the termijnen on
    `detail_url`, the dossier's page (`termijn_soorten` and `today` from the context).

    A tag rather than an included template: it renders for every row, and an include with a counted
    blocktranslate cost about a quarter of the page's rendering (bench/README.md).
    """
    action = wat_nu(status=dossier.status, termijn_soort=dossier.termijn_soort)
    day = dossier.termijn_datum
    if not day:
        if action:
            return format_html('<span class="oi-attention" data-wat-nu>{}</span>', action)
        return SafeString('<span class="oi-muted">—</span>')
    days = (day - context["today"]).days
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
    soort = context["termijn_soorten"].get(dossier.termijn_soort)
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
