"""The shape of a rule: a value with its legal source."""

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """A legal value with its provenance.

    `verified` is False where the value could not be checked against the primary text
    (marked UNVERIFIED in docs/domain brief); such values should be parameters a
    functioneel beheerder can review.
    """

    value: T
    source: str  # "<citation>: <what it says>", e.g. "Bi 5.3(1): the college sets the PIP within ten weeks …"
    source_url: str
    valid_from: date
    verified: bool = True

    @property
    def citation(self) -> str:
        """The legal reference alone ("Bi 5.3(1)", "Awb 6:7 en 6:8"), for Dutch pages; the explanation is English."""
        return citation_of(self.source)


def citation_of(source: str) -> str:
    """The legal reference at the head of a rule's source text ("<citation>: <what it says>")."""
    return source.split(": ", 1)[0].replace(" and ", " en ")


@dataclass(frozen=True)
class Violation:
    """A rule a set of facts breaks: a code, the field it concerns and the parameters its message needs.

    The rules stay free of Django; the Dutch message for each code lives with the app
    (core.violations.ViolationMessages).
    """

    code: str
    field: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)
