from collections.abc import Mapping

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
        marker, aria = " ▲", "ascending"
    elif current == f"-{key}":
        params["sort"] = key
        marker, aria = " ▼", "descending"
    else:
        params["sort"] = key
        marker, aria = "", ""
    return format_html(
        '<a class="oi-sort" href="?{}" hx-get="?{}" hx-target="#results" hx-push-url="true"{}>{}{}</a>',
        params.urlencode(),
        params.urlencode(),
        format_html(' aria-sort="{}"', aria) if aria else "",
        label,
        marker,
    )


@register.filter
def get_item(mapping: Mapping[str, object], key: str) -> object:
    return mapping.get(key)
