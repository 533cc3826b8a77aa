from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .tracing import new_trace_id, reset_trace_id, set_trace_id, trace_id_from_traceparent


class TraceIdMiddleware:
    """Give every request a trace id (the caller's W3C traceparent if it sent one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trace_id = trace_id_from_traceparent(request.headers.get("traceparent")) or new_trace_id()
        request.trace_id = trace_id  # type: ignore[attr-defined]
        token = set_trace_id(trace_id)
        try:
            response = self.get_response(request)
        finally:
            reset_trace_id(token)
        response["X-Trace-Id"] = trace_id
        return response
