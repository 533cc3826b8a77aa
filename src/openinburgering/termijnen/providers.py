"""What the deadline engine knows of a dossier, told by the apps that own it (docs/adr/0002, 0005).

termijnen sits in the foundation: it imports no chain app. The chain apps register at start-up
(`AppConfig.ready`) instead:
- `dossier_register` (dossiers): the dossier's own facts, where the next actionable deadline is
  stored for the werkvoorraad (`Dossier.termijn_datum` / `termijn_soort`), and which dossiers are open;
- `facts_register` (intake, pip, …): the facts an app owns, as `rules.dossiertermijnen.DossierFacts`
  field names and values ({"oproepen": (…)}).
`dossier_facts` merges them into one DossierFacts. A fact that two apps provide, or that no app
provides, is a configuration error and fails loudly.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from openinburgering.rules.dossiertermijnen import DossierFacts


class DeadlineDossier(Protocol):
    """A dossier as termijnen sees it (dossiers.Dossier): its key."""

    @property
    def pk(self) -> int: ...


# The facts one app owns about a dossier: DossierFacts field name → value.
FactProvider = Callable[[Any], Mapping[str, Any]]
# Stores the next actionable deadline on the dossier: (dossier, due date or None, kind or "").
NextDeadlineStore = Callable[[Any, date | None, str], None]


@dataclass(frozen=True)
class _DossierOwner:
    facts: FactProvider
    store_next_deadline: NextDeadlineStore
    open_dossiers: Callable[[], Iterable[Any]]


_FACT_NAMES = frozenset(field.name for field in fields(DossierFacts))
_owner: _DossierOwner | None = None
_providers: dict[str, FactProvider] = {}


def dossier_register(
    *, facts: FactProvider, store_next_deadline: NextDeadlineStore, open_dossiers: Callable[[], Iterable[Any]]
) -> None:
    """Called once by the dossiers app: its own facts, where the next deadline goes, the open dossiers."""
    global _owner
    _owner = _DossierOwner(facts=facts, store_next_deadline=store_next_deadline, open_dossiers=open_dossiers)


def facts_register(*, name: str, provider: FactProvider) -> None:
    """Called by an app that owns some of a dossier's facts; `name` (the app) makes a second call harmless."""
    _providers[name] = provider


def dossier_owner() -> _DossierOwner:
    if _owner is None:
        raise ImproperlyConfigured("No app registered the dossier with the deadline engine (termijnen.providers).")
    return _owner


def dossier_facts(*, dossier: DeadlineDossier) -> DossierFacts:
    """Everything the deadline engine needs to know about one dossier, from the apps that own it."""
    merged: dict[str, Any] = dict(dossier_owner().facts(dossier))
    for name, provider in sorted(_providers.items()):
        facts = provider(dossier)
        twice = merged.keys() & facts.keys()
        if twice:
            raise ImproperlyConfigured(f"Deadline facts {sorted(twice)} are provided twice (again by {name}).")
        merged.update(facts)
    missing = _FACT_NAMES - merged.keys()
    if missing:  # every fact has a default, so a provider that was never registered would go unnoticed
        raise ImproperlyConfigured(f"No app provides the deadline facts {sorted(missing)}.")
    return DossierFacts(**merged)
