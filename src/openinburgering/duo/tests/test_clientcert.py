"""DUO's client certificate on POST /duo/notificaties (issue 11, part 1.2): believed only from a trusted proxy,
read by an X.509 parser, its subject's serialNumber (2.5.4.5) DUO's OIN, valid now. Every forged subject form
that string splitting used to accept is a real certificate here, issued by the CA the proxy trusts."""

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from django.core import checks

from openinburgering.duo.clientcert import CertificaatOngeldig, duo_client_certificate_check
from openinburgering.duo.constants import NOTIFICATIE_API_VERSION, WeigeringReden
from openinburgering.duo.models import Notificatie, NotificatieWeigering

from .pki import issue, make_ca, oin_subject

URL = "/duo/notificaties"
DUO = "00000001234567890000"
ANDER = "00000001555555555000"
WIJ = "00000001987654321000"
HEADER = "X-SSL-Client-Cert"

CA = make_ca()
OTHER_CA = make_ca("Another CA")
NOW = datetime.now(UTC)


def subject(*attributes: tuple[x509.ObjectIdentifier, str]) -> list[tuple[x509.ObjectIdentifier, str]]:
    return [(NameOID.COUNTRY_NAME, "NL"), *attributes]


DUO_CERT = issue(CA, oin_subject(DUO))

FORGED = {
    # what the old check split on "," and "/" and accepted
    "escaped comma in CN": subject((NameOID.COMMON_NAME, f"x,serialNumber={DUO}"), (NameOID.ORGANIZATION_NAME, "Evil")),
    "escaped comma, own serialNumber": subject(
        (NameOID.COMMON_NAME, f"x,serialNumber={DUO}"), (NameOID.SERIAL_NUMBER, ANDER)
    ),
    "slash in CN": subject((NameOID.COMMON_NAME, f"x/serialNumber={DUO}")),
    "slash in O": subject((NameOID.ORGANIZATION_NAME, f"Evil/serialNumber={DUO}"), (NameOID.SERIAL_NUMBER, ANDER)),
    # the OIN somewhere else than serialNumber
    "OIN as CN": subject((NameOID.COMMON_NAME, DUO)),
    "OIN as O": subject((NameOID.ORGANIZATION_NAME, DUO), (NameOID.SERIAL_NUMBER, ANDER)),
    "OIN as OU": subject((NameOID.ORGANIZATIONAL_UNIT_NAME, f"serialNumber={DUO}")),
    # serialNumber, but not exactly one, or not exactly DUO's
    "two serialNumbers, DUO's first": subject((NameOID.SERIAL_NUMBER, DUO), (NameOID.SERIAL_NUMBER, ANDER)),
    "two serialNumbers, DUO's last": subject((NameOID.SERIAL_NUMBER, ANDER), (NameOID.SERIAL_NUMBER, DUO)),
    "DUO's serialNumber twice": subject((NameOID.SERIAL_NUMBER, DUO), (NameOID.SERIAL_NUMBER, DUO)),
    "another OIN": oin_subject(ANDER),
    "OIN with a prefix": subject((NameOID.SERIAL_NUMBER, f"PKIo{DUO}")),
    "OIN with a space": subject((NameOID.SERIAL_NUMBER, f"{DUO} ")),
    "no serialNumber": subject((NameOID.COMMON_NAME, "duo.example")),
}


# --- the parser itself -------------------------------------------------------------------------------


def test_duos_certificate_is_accepted():
    assert duo_client_certificate_check(DUO_CERT.escaped, oin=DUO, now=NOW) == DUO_CERT.certificate


def test_an_unescaped_pem_is_read_too():
    assert duo_client_certificate_check(DUO_CERT.pem.decode(), oin=DUO, now=NOW) == DUO_CERT.certificate


@pytest.mark.parametrize("attributes", FORGED.values(), ids=FORGED.keys())
def test_a_forged_subject_is_refused(attributes):
    forged = issue(CA, attributes)
    with pytest.raises(CertificaatOngeldig):
        duo_client_certificate_check(forged.escaped, oin=DUO, now=NOW)


def test_a_multi_valued_rdn_with_duos_serial_number_counts_once():
    name = x509.Name(
        [
            x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.COUNTRY_NAME, "NL")]),
            x509.RelativeDistinguishedName(
                [x509.NameAttribute(NameOID.SERIAL_NUMBER, DUO), x509.NameAttribute(NameOID.COMMON_NAME, "duo")]
            ),
        ]
    )
    assert duo_client_certificate_check(issue(CA, name).escaped, oin=DUO, now=NOW)


@pytest.mark.parametrize(
    "forwarded",
    [
        "",
        "-",
        "garbage",
        f"serialNumber={DUO}",  # a subject string, as the old set-up forwarded: not a certificate
        f"CN=duo,serialNumber={DUO},C=NL",
        "-----BEGIN CERTIFICATE-----%0AAAAA%0A-----END CERTIFICATE-----%0A",
        DUO_CERT.escaped.replace("M", "N"),  # damaged base64
        DUO_CERT.escaped + DUO_CERT.escaped,  # two certificates
        "€" + DUO_CERT.escaped,
    ],
    ids=[
        "empty",
        "dash",
        "garbage",
        "subject string",
        "full subject string",
        "bad base64",
        "damaged",
        "two",
        "non-ASCII",
    ],
)
def test_what_is_not_one_pem_certificate_is_refused(forwarded):
    with pytest.raises(CertificaatOngeldig):
        duo_client_certificate_check(forwarded, oin=DUO, now=NOW)


@pytest.mark.parametrize(
    ("not_before", "not_after"),
    [(NOW - timedelta(days=400), NOW - timedelta(seconds=1)), (NOW + timedelta(seconds=60), NOW + timedelta(days=400))],
    ids=["expired", "not yet valid"],
)
def test_a_certificate_outside_its_validity_is_refused(not_before, not_after):
    cert = issue(CA, oin_subject(DUO), not_before=not_before, not_after=not_after)
    with pytest.raises(CertificaatOngeldig, match="niet geldig"):
        duo_client_certificate_check(cert.escaped, oin=DUO, now=NOW)


def test_without_duos_oin_nothing_is_accepted():
    blank = issue(CA, subject((NameOID.SERIAL_NUMBER, "")))
    with pytest.raises(CertificaatOngeldig):
        duo_client_certificate_check(blank.escaped, oin="", now=NOW)


# --- the endpoint -----------------------------------------------------------------------------------


@pytest.fixture
def cert_checked(settings):
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ]
    settings.DUO_CLIENT_CERT_HEADER = HEADER
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's REMOTE_ADDR
    return settings


def post(client, forwarded: str | None, remote_addr: str = "127.0.0.1"):
    headers = {"bron": DUO, "doel": WIJ, "berichtId": str(uuid.uuid4())}
    if forwarded is not None:
        headers[HEADER] = forwarded
    body = {"registratieDatumTijd": "2026-03-02T09:15:00+01:00", "gebeurtenisId": "SS101", "bsn": "123456782"}
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", headers=headers, REMOTE_ADDR=remote_addr
    )


def assert_refused(response) -> None:
    assert response.status_code == 401
    assert response["API-Version"] == NOTIFICATIE_API_VERSION
    assert not Notificatie.objects.exists()
    assert NotificatieWeigering.objects.get().reden == WeigeringReden.CERTIFICAAT


@pytest.mark.django_db
def test_duos_certificate_through_the_proxy_is_accepted(client, cert_checked):
    assert post(client, DUO_CERT.escaped).status_code == 201
    assert Notificatie.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("attributes", FORGED.values(), ids=FORGED.keys())
def test_the_endpoint_refuses_a_forged_subject(client, cert_checked, attributes):
    assert_refused(post(client, issue(CA, attributes).escaped))


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", [None, "", "garbage", f"serialNumber={DUO}"])
def test_the_endpoint_refuses_a_missing_or_unreadable_certificate(client, cert_checked, forwarded):
    assert_refused(post(client, forwarded))


@pytest.mark.django_db
def test_the_endpoint_refuses_an_expired_certificate(client, cert_checked):
    expired = issue(CA, oin_subject(DUO), not_before=NOW - timedelta(days=400), not_after=NOW - timedelta(days=1))
    assert_refused(post(client, expired.escaped))


@pytest.mark.django_db
@pytest.mark.parametrize("remote_addr", ["10.0.0.9", "127.0.0.2", "::1"])
def test_the_certificate_header_is_believed_only_from_a_trusted_proxy(client, cert_checked, remote_addr):
    """Straight to the application server, bypassing the proxy, DUO's own (public) certificate is refused."""
    response = post(client, DUO_CERT.escaped, remote_addr=remote_addr)
    assert_refused(response)
    assert "vertrouwde proxy" in NotificatieWeigering.objects.get().toelichting


@pytest.mark.django_db
def test_a_trusted_network_counts(client, cert_checked):
    cert_checked.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert post(client, DUO_CERT.escaped, remote_addr="10.0.0.9").status_code == 201


@pytest.mark.django_db
def test_required_but_not_configured_refuses_everything(client, settings):
    """Production settings without the set-up (a worker started without the check): fail closed."""
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ]
    settings.DUO_CLIENT_CERT_REQUIRED = True
    settings.DUO_CLIENT_CERT_HEADER = ""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert_refused(post(client, DUO_CERT.escaped))


# --- production refuses to start without the set-up -------------------------------------------------


def duo_errors() -> set[str]:
    return {error.id for error in checks.run_checks(tags=["duo"]) if error.is_serious()}


def test_the_check_is_silent_where_not_required(settings):
    settings.DUO_CLIENT_CERT_REQUIRED = False
    settings.DUO_CLIENT_CERT_HEADER = ""
    settings.TRUSTED_PROXIES = []
    settings.DUO_OIN = ""
    assert duo_errors() == set()


@pytest.mark.parametrize(
    ("header", "proxies", "oin", "expected"),
    [
        ("", [], "", {"duo.E001", "duo.E002", "duo.E003"}),
        ("", ["127.0.0.1"], DUO, {"duo.E001"}),
        (HEADER, [], DUO, {"duo.E002"}),
        (HEADER, ["127.0.0.1"], "", {"duo.E003"}),
        (HEADER, ["127.0.0.1"], "1234", {"duo.E003"}),
        (HEADER, ["127.0.0.1"], "0000000123456789000x", {"duo.E003"}),
        (HEADER, ["127.0.0.1"], DUO, set()),
    ],
)
def test_the_check_requires_header_proxy_and_oin(settings, header, proxies, oin, expected):
    settings.DUO_CLIENT_CERT_REQUIRED = True
    settings.DUO_CLIENT_CERT_HEADER = header
    settings.TRUSTED_PROXIES = proxies
    settings.DUO_OIN = oin
    assert duo_errors() == expected


REPOSITORY = Path(__file__).resolve().parents[4]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "openinburgering.conf.production",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "inburgering.example.nl",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DUO_", "TRUSTED_PROXIES", "DJANGO_SETTINGS"))
    }
    environment.update(PYTHONPATH=str(REPOSITORY / "src"), **PRODUCTION, **env)
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, *args], cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_production_settings_refuse_to_start_without_the_set_up():
    """`manage.py check` (and so `migrate`) and the WSGI module gunicorn loads both fail under conf.production."""
    check = run(["src/manage.py", "check"])
    assert check.returncode != 0
    assert "duo.E001" in check.stderr and "duo.E002" in check.stderr and "duo.E003" in check.stderr
    wsgi = run(["-c", "import openinburgering.conf.wsgi"])
    assert wsgi.returncode != 0
    assert "ImproperlyConfigured" in wsgi.stderr and "duo.E001" in wsgi.stderr


@pytest.mark.slow
def test_production_settings_start_with_the_set_up():
    configured = {"DUO_CLIENT_CERT_HEADER": HEADER, "TRUSTED_PROXIES": "127.0.0.1", "DUO_OIN": DUO}
    wsgi = run(["-c", "import openinburgering.conf.wsgi"], **configured)
    assert wsgi.returncode == 0, wsgi.stderr
    check = run(["src/manage.py", "check", "--tag", "duo"], **configured)
    assert check.returncode == 0, check.stderr
