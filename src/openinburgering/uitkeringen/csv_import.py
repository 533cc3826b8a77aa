"""Reading a file of net benefits (bijstand per person per month): a pure parser, no database.

The format (shown on the import page, and what `parse_uitkeringen_csv` accepts):

- UTF-8 text. A byte order mark (what Excel writes for "CSV UTF-8") is accepted and ignored.
- The first line is the header, exactly ``bsn;maand;bedrag`` (upper or lower case, this order).
  The separator is ``;``; a file whose header is separated by ``,`` is read with ``,``.
- One line per person per month: ``bsn`` nine digits passing the elfproef, ``maand`` as ``jjjj-mm``,
  ``bedrag`` the net benefit in euros: ``1234,56``, ``1.234,56``, ``1234`` or ``1234.56`` — a comma
  for the cents, dots only between groups of three digits; a point for the cents only without
  thousands separators. Anything else (``1,234.56``, ``12,3``, ``1e3``) is refused rather than
  guessed: the one notation of core/bedragen.py, the same in the form and the API.
- Empty lines are skipped. A person and month appear at most once in a file.
- A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
  return) is refused: the file may have been edited by hand, and the value cannot be trusted.

Every problem is reported with its line number (the header is line 1) and field; a file with any
problem is not imported at all (the service decides that; this module only reports).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openinburgering.core.bedragen import BEDRAG_MAX as BEDRAG_MAX
from openinburgering.core.bedragen import bedrag_nl as bedrag_nl
from openinburgering.core.bedragen import bedrag_notatie as bedrag_notatie
from openinburgering.core.bedragen import bedrag_parse as _bedrag_parse
from openinburgering.core.bedragen import shown_value as _shown
from openinburgering.core.forms import month_message
from openinburgering.core.text import neutralise_formula  # the exports' neutraliser: one list of prefixes
from openinburgering.rules.kalender import month_add, month_parse
from openinburgering.rules.personen import WI2021_IN_FORCE, bsn_is_valid

# --- limits ----------------------------------------------------------------------------------------

# The largest file accepted: a year of benefits for 60,000 people is about 20 MB.
MAX_BESTAND_BYTES = 20 * 1024 * 1024
# At most this many problems are kept (they are all counted): a file that is wrong throughout is
# fixed from its first problems, and a list of a million messages helps nobody.
MAX_PROBLEMEN = 1_000
KOLOMMEN = ("bsn", "maand", "bedrag")
# Uitkering.bedrag holds 11 digits, 2 of them decimals (a test holds it equal to BEDRAG_MAX).


@dataclass(frozen=True)
class MaandVenster:
    """Which months a benefit may be recorded for, counted from today's month."""

    eerste: date
    maanden_vooruit: int

    def laatste(self, today: date) -> date:
        return month_add(today, self.maanden_vooruit)


# Policy, not law: no benefit before ontzorgen existed (Pw 56a and the Wi 2021 both took effect on
# 1 January 2022), and at most two months ahead — the bijstand administration knows next month's
# benefit before the betaalrun of that month, never a year ahead; a date further out is a typo.
UITKERING_MAAND_VENSTER = MaandVenster(eerste=WI2021_IN_FORCE.value, maanden_vooruit=2)

# The field names a problem can name: the three columns, the row as a whole, the header, the file.
VELD_LABELS = {
    "bsn": gettext_lazy("BSN"),
    "maand": gettext_lazy("Maand"),
    "bedrag": gettext_lazy("Bedrag"),
    "regel": gettext_lazy("Regel"),
    "kolommen": gettext_lazy("Kolommen"),
    "bestand": gettext_lazy("Bestand"),
}


@dataclass(frozen=True, slots=True)  # slots: a large file holds 100,000s of these
class UitkeringRij:
    """One valid row: `line` is the line number in the file (or the index in an API request)."""

    line: int
    bsn: str
    maand: date
    bedrag: Decimal


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong where. `line` 0 means the file as a whole; `field` is a key of VELD_LABELS."""

    line: int
    field: str
    message: str
    code: str = "invalid"  # for the API's invalidParams: "unknown_bsn", "settled", "duplicate", …

    @property
    def field_label(self) -> str:
        return str(VELD_LABELS.get(self.field, self.field))


@dataclass
class ParseResult:
    rows: list[UitkeringRij] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0  # all problems found, also those past MAX_PROBLEMEN

    def add(self, line: int, field_name: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMEN:
            self.problems.append(RowProblem(line, field_name, message))

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


# --- single values (also used by the form and the API) -------------------------------------------


def bedrag_parse(text: str) -> Decimal:
    """A positive amount in the one notation every way in accepts (core.bedragen); ValueError with the reason."""
    return _bedrag_parse(text, veld=_("het bedrag"), maximum=BEDRAG_MAX)


def maand_label(maand: date) -> str:
    return f"{maand:%Y-%m}"


def maand_parse(text: str) -> date:
    """`jjjj-mm` as the first day of that month; ValueError with the reason."""
    try:
        return month_parse(text)
    except ValueError:
        raise ValueError(month_message(text)) from None


def maand_problem(maand: date, *, today: date) -> str | None:
    """Why a benefit cannot be recorded for this month (UITKERING_MAAND_VENSTER), or None."""
    venster = UITKERING_MAAND_VENSTER
    if maand.day != 1:
        return _("Een maand wordt aangeduid met de eerste dag van die maand.")
    if maand < venster.eerste:
        return _("De maand %(maand)s ligt vóór %(eerste)s: toen bestond financieel ontzorgen nog niet.") % {
            "maand": maand_label(maand),
            "eerste": maand_label(venster.eerste),
        }
    laatste = venster.laatste(today)
    if maand > laatste:
        return _(
            "De maand %(maand)s ligt te ver in de toekomst: een uitkering kan ten hoogste %(n)s maanden "
            "vooruit worden vastgelegd (nu tot en met %(laatste)s)."
        ) % {"maand": maand_label(maand), "n": venster.maanden_vooruit, "laatste": maand_label(laatste)}
    return None


def bsn_problem(value: str) -> str | None:
    if bsn_is_valid(value) and value.isascii():
        return None
    if len(value) == 8 and value.isascii() and value.isdigit():
        return _(
            "‘%(waarde)s’ heeft acht cijfers: een BSN heeft er negen. Is de voorloopnul weggevallen "
            "(Excel doet dat bij getallen)? Maak van de kolom tekst."
        ) % {"waarde": value}
    return _("‘%(waarde)s’ is geen geldig BSN: een BSN bestaat uit negen cijfers en voldoet aan de elfproef.") % {
        "waarde": _shown(value)
    }


_LEADING_NAMES = {"\t": "tab", "\r": "CR (regelterugloop)"}


def is_formula(cell: str) -> bool:
    """Would a spreadsheet run this cell as a formula (CSV injection)? Leading spaces do not hide it."""
    return neutralise_formula(cell) != cell or neutralise_formula(cell.lstrip(" ")) != cell.lstrip(" ")


# --- the file --------------------------------------------------------------------------------------


def _decode(data: bytes, result: ParseResult) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.add(1, "bestand", _("Het bestand is geen UTF-8 maar UTF-16. Sla het op als ‘CSV UTF-8’."))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        result.add(
            line,
            "bestand",
            _(
                "Het bestand is geen UTF-8: regel %(line)s bevat een teken in een andere codering "
                "(bijvoorbeeld Windows-1252). Sla het bestand op als ‘CSV UTF-8’."
            )
            % {"line": line},
        )
        return None
    return text.removeprefix("\ufeff")


def _delimiter(first_line: str) -> str:
    if ";" in first_line:
        return ";"
    return "," if "," in first_line else ";"


def _check_header(cells: list[str], delimiter: str, result: ParseResult) -> bool:
    found = [cell.strip().lower() for cell in cells]
    if tuple(found) == KOLOMMEN:
        return True
    result.add(
        1,
        "kolommen",
        _("De kolommen moeten precies %(verwacht)s zijn, in deze volgorde; gevonden: %(gevonden)s.")
        % {"verwacht": ";".join(KOLOMMEN), "gevonden": _shown(delimiter.join(cells), 120) or _("niets")},
    )
    return False


@dataclass
class _Cells:
    bsn: str | None = None
    maand: date | None = None
    bedrag: Decimal | None = None


def _parse_cells(line: int, cells: list[str], delimiter: str, result: ParseResult, today: date) -> _Cells | None:
    """The valid values of one row (a None for each invalid one); None if the row has the wrong shape."""
    if len(cells) != len(KOLOMMEN):
        hint = _(" Zet een bedrag met een komma tussen aanhalingstekens, of gebruik ; als scheidingsteken.")
        result.add(
            line,
            "regel",
            _("Verwacht %(n)s kolommen gescheiden door ‘%(sep)s’, gevonden %(m)s.")
            % {"n": len(KOLOMMEN), "sep": delimiter, "m": len(cells)}
            + (hint if delimiter == "," and len(cells) > len(KOLOMMEN) else ""),
        )
        return None
    parsed = _Cells()
    for name, raw in zip(KOLOMMEN, cells, strict=True):
        value = raw.strip()
        negative_amount = name == "bedrag" and value.startswith("-") and value[1:2].isdigit()
        if is_formula(raw) and not negative_amount:
            result.add(
                line,
                name,
                _(
                    "De cel begint met ‘%(teken)s’ en zou in een spreadsheet als formule worden uitgevoerd; "
                    "zulke cellen worden geweigerd (CSV-injectie)."
                )
                % {"teken": _LEADING_NAMES.get(raw.lstrip(" ")[:1], raw.lstrip(" ")[:1])},
            )
            continue
        try:
            if name == "bsn":
                problem = bsn_problem(value)
                if problem:
                    raise ValueError(problem)
                parsed.bsn = value
            elif name == "maand":
                maand = maand_parse(value)
                problem = maand_problem(maand, today=today)
                if problem:
                    raise ValueError(problem)
                parsed.maand = maand
            else:
                parsed.bedrag = bedrag_parse(value)
        except ValueError as error:
            result.add(line, name, str(error))
    return parsed


def parse_uitkeringen_csv(data: bytes, *, today: date | None = None) -> ParseResult:
    """Every valid row and every problem of a benefits file (see the module docstring for the format)."""
    today = today or timezone.localdate()
    result = ParseResult()
    if len(data) > MAX_BESTAND_BYTES:
        result.add(
            0,
            "bestand",
            _("Het bestand is groter dan %(mb)s MB; splits het in kleinere bestanden.")
            % {"mb": MAX_BESTAND_BYTES // (1024 * 1024)},
        )
        return result
    text = _decode(data, result)
    if text is None:
        return result
    if not text.strip():
        result.add(0, "bestand", _("Het bestand is leeg."))
        return result
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=True)
    seen: dict[tuple[str, date], int] = {}
    header_done = False
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            result.add(
                line,
                "regel",
                _(
                    "Deze regel is geen geldige CSV: controleer de aanhalingstekens (een veld tussen "
                    "aanhalingstekens moet ook met een aanhalingsteken eindigen)."
                ),
            )
            return result  # the reader cannot find the next line after a broken quote
        if not header_done:
            header_done = True
            if not _check_header(cells, delimiter, result):
                return result
            continue
        if not any(cell.strip() for cell in cells):
            continue
        parsed = _parse_cells(line, cells, delimiter, result, today)
        if parsed is None or parsed.bsn is None or parsed.maand is None:
            continue
        key = (parsed.bsn, parsed.maand)
        if key in seen:
            result.add(
                line,
                "regel",
                _("Dubbele regel: BSN %(bsn)s staat voor %(maand)s al op regel %(eerste)s.")
                % {"bsn": parsed.bsn, "maand": maand_label(parsed.maand), "eerste": seen[key]},
            )
            continue
        seen[key] = line
        if parsed.bedrag is not None:
            result.rows.append(UitkeringRij(line=line, bsn=parsed.bsn, maand=parsed.maand, bedrag=parsed.bedrag))
    if result.ok and not result.rows:
        result.add(0, "bestand", _("Het bestand bevat alleen de kopregel, geen uitkeringen."))
    return result
