"""The run report (xlsx): every payment line and every person left out, with a summary sheet."""

import gzip
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from openinburgering.accounts.models import User
from openinburgering.core.text import neutralise_formula
from openinburgering.logboek.constants import Action
from openinburgering.ontzorgen.constants import VasteLastSoortChoices

from .constants import AfrekeningStatus, RegelSoort, RegelStatus, Uitsluitingsreden
from .logs import log_people_shown
from .models import Afrekening, Betaalregel, Betaalrun

MONEY = "#,##0.00"


def _header(sheet: object, titles: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


# Up to this many lines the report is made in the request (about a second); above it, in the background.
RAPPORT_DIRECT_MAX = 20_000


def betaalrun_rapport_store(run_id: int, actor_id: int) -> None:
    """The background task's work: make the report and store it with the moment it was made."""
    run = Betaalrun.objects.get(pk=run_id)
    made_at = timezone.now()
    content = betaalrun_rapport(run=run, actor=User.objects.get(pk=actor_id))
    Betaalrun.objects.filter(pk=run_id).update(rapport_gzip=gzip.compress(content, 1), rapport_op=made_at)


def betaalrun_rapport(*, run: Betaalrun, actor: User) -> bytes:
    """Build the workbook in write-only mode (constant memory, also for 500,000 lines); logged per person."""
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(_("Samenvatting"))
    summary.append([_("Betaalrun"), str(run.pk)])
    summary.append([_("Maand"), f"{run.maand:%Y-%m}"])
    summary.append([_("Status"), str(run.get_status_display())])
    summary.append([_("Gemeenten"), ", ".join(run.gemeenten.values_list("naam", flat=True))])
    summary.append([_("Personen betaald"), run.aantal_personen])
    summary.append([_("Personen uitgesloten"), run.aantal_uitgesloten])
    summary.append([_("Betalingen"), run.aantal_regels])
    summary.append([_("Totaalbedrag"), run.totaal_bedrag])

    lines = workbook.create_sheet(_("Betalingen"))
    lines.append(
        _header(
            lines,
            [_("EndToEndId"), _("Gemeente"), _("Dossier"), _("Inburgeraar"), _("Soort"), _("Begunstigde"),
             _("IBAN"), _("Kenmerk"), _("Bedrag"), _("Status"), _("Reden bank")],
        )
    )  # fmt: skip
    soort_labels = {k: str(v) for k, v in RegelSoort.choices}
    last_labels = {k: str(v) for k, v in VasteLastSoortChoices.choices}
    status_labels = {k: str(v) for k, v in RegelStatus.choices}
    rows = (
        Betaalregel.objects.filter(betaalrun=run)
        .order_by("pk")
        .values_list(
            "end_to_end_id", "gemeente__naam", "afrekening__dossier_id",
            "afrekening__dossier__inburgeraar__geslachtsnaam", "soort", "crediteur", "iban", "kenmerk", "bedrag",
            "status", "reden_tekst", "vaste_last__soort",
        )
        .iterator(chunk_size=10000)
    )  # fmt: skip
    for e2e, gemeente, dossier_id, naam, soort, crediteur, iban, kenmerk, bedrag, status, reden, vl_soort in rows:
        amount = WriteOnlyCell(lines, value=bedrag)
        amount.number_format = MONEY
        lines.append(
            [
                e2e, gemeente, dossier_id, neutralise_formula(naam), last_labels.get(vl_soort) or soort_labels[soort],
                neutralise_formula(crediteur), iban, neutralise_formula(kenmerk), amount, status_labels[status],
                neutralise_formula(reden),
            ]
        )  # fmt: skip

    excluded = workbook.create_sheet(_("Uitgesloten"))
    excluded.append(
        _header(
            excluded, [_("Gemeente"), _("Dossier"), _("Inburgeraar"), _("Reden"), _("Uitkering"), _("Vaste lasten")]
        )
    )
    reden_labels = {k: str(v) for k, v in Uitsluitingsreden.choices}
    for gemeente, dossier_id, naam, reden, uitkering, inhoudingen in (
        Afrekening.objects.filter(betaalrun=run, status=AfrekeningStatus.UITGESLOTEN)
        .order_by("gemeente__naam", "pk")
        .values_list("gemeente__naam", "dossier_id", "dossier__inburgeraar__geslachtsnaam", "reden", "uitkering",
                     "inhoudingen")
    ):  # fmt: skip
        excluded.append([gemeente, dossier_id, neutralise_formula(naam), reden_labels[reden], uitkering, inhoudingen])

    out = io.BytesIO()
    workbook.save(out)
    log_people_shown(run, actor, Action.EXPORT, "betaalrun-rapport")
    return out.getvalue()
