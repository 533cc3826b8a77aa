from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .proxy import from_trusted_proxy
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


# Headers only our own reverse proxy may set: the scheme (SECURE_PROXY_SSL_HEADER), the client's
# address (core.proxy.client_ip) and the host.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")


class ForwardedHeadersMiddleware:
    """Drop X-Forwarded-* headers from any peer that is not one of TRUSTED_PROXIES, before anything
    (SecurityMiddleware's HTTPS redirect, request.is_secure(), django-axes) can believe them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not from_trusted_proxy(request):
            for key in FORWARDED_HEADERS:
                request.META.pop(key, None)
        return self.get_response(request)
