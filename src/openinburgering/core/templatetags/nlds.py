"""Template helpers for NL Design System markup."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


def widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    return "utrecht-textbox utrecht-textbox--html-input"


@register.filter
def nlds_widget(field: BoundField) -> SafeString:
    """Render a field's widget with the NL Design System class and, if invalid, aria-invalid and
    aria-describedby pointing at its error message (for forms we do not define ourselves)."""
    attrs: dict[str, str | bool] = {}
    if not field.field.widget.attrs.get("class"):
        attrs["class"] = widget_class(field.field.widget)
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.html_name}-error"
    elif field.help_text:
        attrs["aria-describedby"] = f"{field.html_name}-help"
    return field.as_widget(attrs=attrs)
