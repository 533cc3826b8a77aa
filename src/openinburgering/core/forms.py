from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from openinburgering.rules.kalender import month_of, month_parse

from .bedragen import shown_value
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

    def add_domain_error(self: Any, field: str | None, message: str) -> None:
        """A service's refusal at the field it names, or above the form. A field whose own validation already
        failed keeps that message: it explains what is wrong."""
        if field and field in self.fields:
            if field in self.errors:
                return
            self.add_error(field, message)
        else:
            self.add_error(None, message)
        self._style()


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


def month_message(value: str, *, veld: str | None = None) -> str:
    """Why `value` is no month ("jjjj-mm"): one wording for every form, file and API that takes a month.

    `veld` names the field it was typed in (a form's label, "Vanaf maand").
    """
    if veld:
        return _("%(veld)s: ‘%(waarde)s’ is geen maand. Schrijf jjjj-mm, bijvoorbeeld 2026-03.") % {
            "veld": veld,
            "waarde": shown_value(value.strip()),
        }
    return _("‘%(waarde)s’ is geen maand: schrijf jjjj-mm, bijvoorbeeld 2026-03.") % {
        "waarde": shown_value(value.strip())
    }


MONTH_WIDGET = forms.TextInput(
    attrs={"type": "month", "class": "utrecht-textbox utrecht-textbox--html-input", "placeholder": "2026-03"}
)


class MonthField(forms.Field):
    """A whole month, cleaned to its first day (rules.kalender.month_parse); renders a date as "2026-03".

    With `typed` (the default) it also takes what a person types by hand where the browser has no month
    picker ("03-2026", "3/2026"); without, only "jjjj-mm". An error names the field (month_message).
    """

    widget = MONTH_WIDGET

    def __init__(self, *, typed: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.typed = typed

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return f"{value:%Y-%m}"
        return value

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return month_of(value)
        try:
            return month_parse(str(value), typed=self.typed)
        except ValueError:
            raise forms.ValidationError(
                month_message(str(value), veld=str(self.label or _("Maand"))), code="invalid"
            ) from None


class BsnField(forms.CharField):
    """A BSN as people type it (spaces and dots allowed), checked with the elfproef."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("validators", [validate_bsn])
        super().__init__(**kwargs)

    def to_python(self, value: object) -> str:
        return str(super().to_python(value)).replace(" ", "").replace(".", "")
