"""The one scope mechanism: what part of the caseload a user (or a job acting for one) may see.

A user is scoped either to a set of gemeenten or to one aanbieder, never both. Every
queryset that a page, search, export, API endpoint or background job runs for a user goes
through `<Model>.objects.in_scope(scope)`; a detail outside the scope answers 404.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    gemeente_ids: frozenset[int] = frozenset()
    aanbieder_id: int | None = None

    @property
    def is_aanbieder(self) -> bool:
        return self.aanbieder_id is not None

    def covers_gemeente(self, gemeente_id: int) -> bool:
        return gemeente_id in self.gemeente_ids
