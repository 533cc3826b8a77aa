"""One trace id per request (or background job), shared by the processing log and the logs."""

import contextvars
import re
import uuid

_trace_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace_id", default=None)
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")


def new_trace_id() -> str:
    return uuid.uuid4().hex


def trace_id_from_traceparent(header: str | None) -> str | None:
    """The trace id of a W3C `traceparent` header, so a call keeps the caller's trace."""
    match = _TRACEPARENT.match((header or "").strip().lower())
    return match.group(1) if match else None


def current_trace_id() -> str:
    """The trace id of this request or job; a job without one gets a fresh id."""
    value = _trace_id.get()
    if value is None:
        value = new_trace_id()
        _trace_id.set(value)
    return value


def set_trace_id(value: str) -> contextvars.Token[str | None]:
    return _trace_id.set(value)


def reset_trace_id(token: contextvars.Token[str | None]) -> None:
    _trace_id.reset(token)
