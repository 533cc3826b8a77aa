"""Facts an earlier app announces and a later app reacts to, inside the caller's transaction.

The apps form floors (STYLE.md §1): a lower app never imports a higher one. When a change in the
chain must reach a later app (a PIP vastgesteld must reach DUO's outbox), the service that makes the
change announces a *fact*, and the later app subscribes to it at start-up::

    # pip/facts.py (the announcing app owns the fact's type)
    @dataclass(frozen=True)
    class PipIngetrokken:
        pip: Pip

    # pip/services.py, inside the service's transaction
    events.announce(PipIngetrokken(pip=pip))

    # duo/apps.py, DuoConfig.ready
    events.subscribe(PipIngetrokken, keten.pip_ingetrokken)

The contract:

* **Synchronous, in the caller's transaction.** ``announce`` calls every handler before it returns,
  on the caller's database connection, and refuses to run outside ``transaction.atomic``. What a
  handler writes (an outbox row) commits or rolls back with the change that announced it: the
  outbox stays transactional.
* **Handlers never commit** and never start work that outlives the transaction on their own; work
  after commit goes through ``transaction.on_commit`` as everywhere else.
* **Exceptions propagate.** A handler that raises (a ``DomainError`` when DUO would refuse the
  message) makes ``announce`` raise, and the caller's transaction rolls back: no half change.
* **Order**: handlers run in the order they subscribed (INSTALLED_APPS order, as ``ready`` runs), and
  a fact goes only to the handlers of its exact type.
* **No handler, nothing happens.** A fact nobody subscribed to is announced in vain; where today's
  behaviour needs a reaction, a test asserts the subscription (``duo/tests/test_facts.py``).
* Subscribing the same handler twice for one fact is a no-op, so ``ready`` may run more than once.

A fact is a frozen dataclass named for what happened, in the announcing app's ``facts.py``; it
carries what the handlers need, so they do not read back into the announcing app's internals.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, transaction

F = TypeVar("F")

_handlers: dict[type[Any], list[Callable[[Any], None]]] = {}


def subscribe(fact_type: type[F], handler: Callable[[F], None]) -> None:
    """Call ``handler(fact)`` whenever a fact of exactly ``fact_type`` is announced. Call from AppConfig.ready."""
    handlers = _handlers.setdefault(fact_type, [])
    if handler not in handlers:
        handlers.append(handler)


def unsubscribe(fact_type: type[F], handler: Callable[[F], None]) -> None:
    """Undo ``subscribe`` (for tests that prove a reaction depends on its subscription)."""
    handlers = _handlers.get(fact_type, [])
    if handler in handlers:
        handlers.remove(handler)


def subscribers(fact_type: type[Any]) -> tuple[Callable[[Any], None], ...]:
    """The handlers of ``fact_type``, in the order they run."""
    return tuple(_handlers.get(fact_type, ()))


def announce(fact: object, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Run every handler of ``fact`` now, inside the caller's transaction; their exceptions propagate."""
    if not transaction.get_connection(using).in_atomic_block:
        raise RuntimeError(f"{type(fact).__name__} announced outside a transaction: handlers must share one")
    for handler in subscribers(type(fact)):
        handler(fact)
