"""The shape of a rule: a value with its legal source."""

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
    source: str
    source_url: str
    valid_from: date
    verified: bool = True
