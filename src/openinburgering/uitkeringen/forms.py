"""Forms for benefits: one by hand, or a file. Shape and notation here (a file is read here, by csv_import);
the rules in services.py."""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openinburgering.core.forms import BsnField, MonthField, NLDSFormMixin, form_error_list

from .csv_import import (
    MAX_BESTAND_BYTES,
    RowProblem,
    UitkeringRij,
    bedrag_parse,
    maand_problem,
    parse_uitkeringen_csv,
)

MAAND_WIDGET = forms.TextInput(
    # A month picker where the browser has one; elsewhere a text box that takes jjjj-mm.
    attrs={
        "type": "month",
        "placeholder": "jjjj-mm",
        "pattern": "[0-9]{4}-[0-9]{2}",
        "autocomplete": "off",
        "maxlength": "7",
    }
)


class UitkeringForm(NLDSFormMixin, forms.Form):
    """BSN, month and net amount. With a dossier chosen beforehand, the BSN is not asked."""

    bsn = BsnField(label=_("BSN"), help_text=_("Negen cijfers; het BSN van een open dossier in uw gemeente(n)."))
    # Only jjjj-mm, as the file and the API take it (and as the widget's pattern asks).
    maand = MonthField(label=_("Maand"), typed=False, widget=MAAND_WIDGET, help_text=_("Bijvoorbeeld 2026-03."))
    bedrag = forms.CharField(
        label=_("Netto uitkering (euro)"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Het nettobedrag van de bijstand voor die maand, bijvoorbeeld 1.234,56."),
    )

    def __init__(self, *args: Any, with_bsn: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_bsn:
            del self.fields["bsn"]
        self._style()

    def clean_maand(self) -> date:
        maand: date = self.cleaned_data["maand"]
        if problem := maand_problem(maand, today=timezone.localdate()):
            raise forms.ValidationError(problem, code="window")
        return maand

    def clean_bedrag(self) -> Decimal:
        try:
            return bedrag_parse(self.cleaned_data.get("bedrag", ""))
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    @property
    def all_errors(self) -> list[tuple[str, str, str]]:
        return form_error_list(self)


def not_imported_message(problem_count: int) -> str:
    """Above the table of problems: why nothing of the file was stored."""
    return ngettext(
        "Het bestand is niet ingelezen: %(n)s probleem (zie de tabel hieronder). Er is niets opgeslagen.",
        "Het bestand is niet ingelezen: %(n)s problemen (zie de tabel hieronder). Er is niets opgeslagen.",
        problem_count,
    ) % {"n": problem_count}


@dataclass(frozen=True)
class Bestand:
    """An uploaded file of benefits, read: its name, the SHA-256 of its content and its rows."""

    naam: str
    sha256: str
    rows: list[UitkeringRij]


class UitkeringenImportForm(NLDSFormMixin, forms.Form):
    """The file, read whole by csv_import; a file with problems is invalid, and `problems` lists them."""

    bestand = forms.FileField(
        label=_("Bestand met uitkeringen (CSV)"),
        help_text=_("Een CSV-bestand in UTF-8 met de kolommen bsn;maand;bedrag. Zie het formaat hieronder."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[RowProblem] = []  # at most MAX_PROBLEMEN of them
        self.problem_count = 0  # all problems found
        self._style()

    def clean_bestand(self) -> Bestand:
        bestand: UploadedFile[bytes] = self.cleaned_data["bestand"]
        if (bestand.size or 0) > MAX_BESTAND_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB; splits het in kleinere bestanden.")
                % {"mb": MAX_BESTAND_BYTES // (1024 * 1024)}
            )
        data = bestand.read(MAX_BESTAND_BYTES + 1)
        parsed = parse_uitkeringen_csv(data)
        if not parsed.ok:
            self.problems, self.problem_count = parsed.problems, parsed.problem_count
            raise forms.ValidationError(not_imported_message(parsed.problem_count))
        return Bestand(naam=bestand.name or "", sha256=hashlib.sha256(data).hexdigest(), rows=parsed.rows)

    @property
    def all_errors(self) -> list[tuple[str, str, str]]:
        return form_error_list(self)
