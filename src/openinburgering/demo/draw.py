"""Fast seeded draws for the demo generator: each through a single `random()` call."""

import bisect
import itertools
import random
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Generic, TypeVar

_T = TypeVar("_T")


class Weighted(Generic[_T]):
    """A weighted choice, prepared once: one random() and a bisect per draw."""

    def __init__(self, items: Iterable[_T], weights: Iterable[float]) -> None:
        self.items = tuple(items)
        self.cum = tuple(itertools.accumulate(weights))
        self.total = self.cum[-1]


_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))  # version and variant bits, as uuid.UUID(version=4) sets them
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


class Draw:
    """Draws from one `random.Random`, each through a single `random()` call (several times faster
    than `randint` and `choices`, which matters at a million households)."""

    def __init__(self, seed: int | str) -> None:
        self.rng = random.Random(seed)
        self.random = self.rng.random

    def chance(self, p: float) -> bool:
        return self.random() < p

    def between(self, lo: int, hi: int) -> int:
        return lo + int(self.random() * (hi - lo + 1))

    def days(self, lo: int, hi: int) -> timedelta:
        return timedelta(days=lo + int(self.random() * (hi - lo + 1)))

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def weighted(self, table: Weighted[_T]) -> _T:
        return table.items[min(bisect.bisect_right(table.cum, self.random() * table.total), len(table.items) - 1)]

    def uuid4(self) -> str:
        """A random (version 4) UUID as text; `uuid.UUID(int=…)` is the slowest step of a household."""
        h = f"{self.rng.getrandbits(128) & _UUID4_CLEAR | _UUID4_SET:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
