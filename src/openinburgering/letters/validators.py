"""Validators for letter templates. The logo is inline SVG markup put into every letter unescaped,
so it is checked here, on save, and again just before it is marked safe (`safe_logo_svg`)."""

import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

kleur_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}\Z",
    gettext_lazy("Een kleur is een hexadecimale code van zes tekens na een #, bijvoorbeeld #01689b."),
    code="invalid_kleur",
)

# A Dutch postal address has a line with a postcode: four digits (not starting with 0) and two letters.
POSTCODE_PATTERN = re.compile(r"\b[1-9][0-9]{3} ?[A-Za-z]{2}\b")
# Digits with spaces, dashes, brackets or a leading +; at least five digits ("14 078" is a gemeente's number).
TELEFOON_PATTERN = re.compile(r"^\+?[0-9 ()\-]+\Z")


def has_postcode(address: str) -> bool:
    return bool(POSTCODE_PATTERN.search(address))


def validate_postadres(value: str) -> None:
    """A letter's return and bezwaar address: at least two lines, one with the postcode and place."""
    lines = [line for line in value.splitlines() if line.strip()]
    if len(lines) < 2 or not has_postcode(value):
        raise ValidationError(
            _(
                "Een postadres heeft ten minste twee regels, waarvan één met postcode en plaats "
                "(bijvoorbeeld ‘Postbus 618’ en ‘3300 AP Dordrecht’)."
            ),
            code="invalid_postadres",
        )


def validate_telefoon(value: str) -> None:
    if not TELEFOON_PATTERN.match(value.strip()) or sum(c.isdigit() for c in value) < 5:
        raise ValidationError(
            _("Een telefoonnummer bestaat uit cijfers, eventueel met spaties of streepjes (zoals 078 770 8910)."),
            code="invalid_telefoon",
        )


LOGO_SVG_MAX_LENGTH = 100_000

# Drawing elements only: no <script>, <foreignObject>, <style>, <image>, <a>, <iframe> or animation.
_SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textpath",
        "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern",
    }
)  # fmt: skip
_SCRIPT_TAG = re.compile(r"<\s*script", re.IGNORECASE)
_EVENT_ATTRIBUTE = re.compile(r"[\s/\"']on[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(java|vb)script\s*:", re.IGNORECASE)


class _SvgChecker(HTMLParser):
    """Walks the markup as a browser's HTML parser would, and collects what is not allowed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.roots = 0

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.stack:
            self.roots += 1
            if tag != "svg" or self.roots > 1:
                self.problems.append(_("Het logo moet één <svg>-element zijn, zonder iets ervoor of erna."))
        if tag not in _SVG_ELEMENTS:
            self.problems.append(_("Het logo bevat het element <%(tag)s>, dat niet is toegestaan.") % {"tag": tag})
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(
                    _("Het logo bevat het attribuut %(name)s; scripts zijn niet toegestaan.") % {"name": name}
                )
            if name in ("href", "xlink:href") and not (value or "").startswith("#"):
                self.problems.append(
                    _(
                        "Het logo verwijst naar iets buiten het logo (%(name)s); "
                        "alleen verwijzingen binnen het logo (#…) mogen."
                    )
                    % {"name": name}
                )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(_("Het logo is geen geldige SVG: de elementen zijn niet goed gesloten."))
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack and data.strip():
            self.problems.append(_("Het logo moet één <svg>-element zijn, zonder iets ervoor of erna."))

    def handle_decl(self, decl: str) -> None:
        self.problems.append(_("Het logo mag geen DOCTYPE- of ENTITY-declaratie bevatten."))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)

    def handle_pi(self, data: str) -> None:
        if not data.lower().startswith("xml "):
            self.problems.append(_("Het logo mag geen verwerkingsinstructies bevatten."))


def logo_svg_problems(markup: str) -> list[str]:
    """Why this markup may not be the logo; empty when it may."""
    if not markup.strip():
        return []
    if len(markup) > LOGO_SVG_MAX_LENGTH:
        return [_("Het logo is te groot: ten hoogste %(max)d tekens.") % {"max": LOGO_SVG_MAX_LENGTH}]
    problems = []
    if _SCRIPT_TAG.search(markup):
        problems.append(_("Het logo bevat een <script>-element; scripts zijn niet toegestaan."))
    if _EVENT_ATTRIBUTE.search(markup):
        problems.append(_("Het logo bevat een on…=-attribuut (zoals onload); scripts zijn niet toegestaan."))
    if _SCRIPT_URL.search(markup):
        problems.append(_("Het logo bevat een javascript:-adres; scripts zijn niet toegestaan."))
    checker = _SvgChecker()
    checker.feed(markup)
    checker.close()
    if checker.stack:
        checker.problems.append(_("Het logo is geen geldige SVG: de elementen zijn niet goed gesloten."))
    if checker.roots == 0:
        checker.problems.append(_("Het logo moet één <svg>-element zijn, zonder iets ervoor of erna."))
    return list(dict.fromkeys([*problems, *checker.problems]))  # each message once, in order


def validate_logo_svg(value: str) -> None:
    problems = logo_svg_problems(value)
    if problems:
        raise ValidationError(problems, code="invalid_logo_svg")
