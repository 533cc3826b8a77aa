"""Which proxy we trust, and what a request says about its client only when it came through one.

A header such as ``X-Forwarded-For`` or a forwarded client certificate is written by whoever sends
the request. It tells the truth only when the request's peer (``REMOTE_ADDR``) is a reverse proxy we
run and configured (``TRUSTED_PROXIES``), which strips any incoming copy of the header and sets its
own. Every place that reads such a header asks this module first; nothing else reads them.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in configured)


def trusted_proxy_networks() -> tuple[Network, ...]:
    """The TRUSTED_PROXIES setting as networks (an address is a /32 or /128)."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in trusted_proxy_networks())


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the request's peer is one of our reverse proxies, so that its headers can be believed."""
    return is_trusted_proxy(str(request.META.get("REMOTE_ADDR", "")))


def client_ip(request: HttpRequest) -> str:
    """The address of the client: REMOTE_ADDR, or behind trusted proxies the first address in
    X-Forwarded-For counted from the right that is not itself a trusted proxy.

    Reading from the right matters: a client can put anything at the left of the header, but each
    trusted proxy appends the peer it saw, so the right-most untrusted entry is the real client.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not is_trusted_proxy(remote):
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [item.strip() for item in header.split(",") if item.strip()]
    for address in reversed(forwarded):
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return remote  # a malformed entry: do not guess past it
        if not is_trusted_proxy(address):
            return address
    return remote
