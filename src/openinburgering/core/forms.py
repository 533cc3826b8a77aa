from typing import Any

from django import forms

from .templatetags.nlds import widget_class
from .validators import validate_bsn

DATE_WIDGET = forms.DateInput(
    attrs={"type": "date", "class": "utrecht-textbox utrecht-textbox--html-input"}, format="%Y-%m-%d"
)


class NLDSFormMixin:
    """Puts the NL Design System class on every widget; components/field.html adds the ARIA state."""

    fields: dict[str, forms.Field]  # from the form class it is mixed into

    def _style(self) -> None:
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", widget_class(field.widget))


def form_error_list(*bound_forms: forms.BaseForm) -> list[tuple[str, str, str]]:
    """(field id, label, message) for every error, for the error summary at the top of a page."""
    result: list[tuple[str, str, str]] = []
    for form in bound_forms:
        for name, messages in form.errors.items():
            for message in messages:
                if name == "__all__" or name not in form.fields:
                    result.append(("", "", str(message)))
                else:
                    result.append((form[name].id_for_label or "", str(form.fields[name].label), str(message)))
    return result


class BsnField(forms.CharField):
    """A BSN as people type it (spaces and dots allowed), checked with the elfproef."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("validators", [validate_bsn])
        super().__init__(**kwargs)

    def to_python(self, value: object) -> str:
        return str(super().to_python(value)).replace(" ", "").replace(".", "")
