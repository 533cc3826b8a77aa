"""Forwarded headers count only from a configured proxy; the client is read from the right."""

import pytest
from django.test import RequestFactory, override_settings

from openinburgering.core.proxy import client_ip, from_trusted_proxy


def request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    req = request("203.0.113.5", "198.51.100.7")
    assert client_ip(req) == "203.0.113.5"
    assert not from_trusted_proxy(req)


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_peer_outside_the_trusted_networks_cannot_forge_its_address():
    assert client_ip(request("203.0.113.5", "198.51.100.7")) == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "127.0.0.1"])
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # The client wrote the left-most entry itself; our proxy appended the peer it saw.
        ("1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Two proxies of ours in a row: skip both.
        ("198.51.100.7, 10.1.2.3", "198.51.100.7"),
        ("garbage, 198.51.100.7", "198.51.100.7"),
        ("198.51.100.7, not-an-ip", "10.0.0.1"),
        ("", "10.0.0.1"),
        ("10.9.9.9", "10.0.0.1"),
    ],
)
def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(forwarded, expected):
    req = request("10.0.0.1", forwarded)
    assert from_trusted_proxy(req)
    assert client_ip(req) == expected


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_only_the_exact_trusted_address():
    assert from_trusted_proxy(request("127.0.0.1"))
    assert not from_trusted_proxy(request("127.0.0.2"))
    assert not from_trusted_proxy(request(""))


@override_settings(TRUSTED_PROXIES=["10.0.0.1"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
@pytest.mark.parametrize(("remote", "secure"), [("10.0.0.1", True), ("203.0.113.5", False)])
def test_the_scheme_header_counts_only_from_a_trusted_proxy(remote, secure):
    from django.http import HttpResponse

    from openinburgering.core.middleware import ForwardedHeadersMiddleware

    seen = {}

    def view(req):
        seen["secure"] = req.is_secure()
        seen["client"] = client_ip(req)
        return HttpResponse()

    req = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="1.2.3.4")
    ForwardedHeadersMiddleware(view)(req)
    assert seen["secure"] is secure
    assert seen["client"] == ("1.2.3.4" if secure else remote)
