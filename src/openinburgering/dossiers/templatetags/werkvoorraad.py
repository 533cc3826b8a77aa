from collections.abc import Mapping
from datetime import date

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
