"""DUO's Notificatie API: POST /duo/notificaties as API/Notificatie/openapi.yml defines it (issue 5, part 1)."""

import json
import logging
import threading
import uuid
from datetime import UTC, datetime

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from openinburgering.duo import services, views
from openinburgering.duo.constants import NOTIFICATIE_API_VERSION, NOTIFICATIE_MAX_BODY_BYTES, WeigeringReden
from openinburgering.duo.models import Notificatie, NotificatieConflict, NotificatieWeigering
from openinburgering.duo.services import NotificatieBericht

pytestmark = pytest.mark.django_db

URL = "/duo/notificaties"
DUO = "00000001234567890000"
WIJ = "00000001987654321000"
ANDERE_GEMEENTE = "00000001555555555000"


@pytest.fixture(autouse=True)
def duo_settings(settings):
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ, "00000001111111111000"]
    settings.DUO_CLIENT_CERT_HEADER = ""
    return settings


def headers(**overrides):
    values = {"bron": DUO, "doel": WIJ, "berichtId": str(uuid.uuid4())}
    values.update(overrides)
    return {name: value for name, value in values.items() if value is not None}


def notificatie(**overrides):
    data = {"registratieDatumTijd": "2026-03-02T09:15:00+01:00", "gebeurtenisId": "SS101", "bsn": "123456782"}
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def post(client, body=None, *, raw=None, content_type="application/json", **header_overrides):
    payload = raw if raw is not None else json.dumps(notificatie() if body is None else body)
    return client.post(URL, data=payload, content_type=content_type, headers=headers(**header_overrides))


def test_the_url_is_duos_path_under_our_prefix():
    assert reverse("duo:notificaties") == URL


def test_a_notificatie_is_stored_and_answered_201(client):
    bericht_id = uuid.uuid4()
    body = notificatie(vNummer=1234567890, extra="kept")
    response = post(client, body, berichtId=str(bericht_id))
    assert response.status_code == 201
    assert response["API-Version"] == NOTIFICATIE_API_VERSION
    assert response.content == b""
    stored = Notificatie.objects.get()
    assert stored.bericht_id == bericht_id
    assert (stored.bron, stored.doel, stored.gebeurtenis_id) == (DUO, WIJ, "SS101")
    assert (stored.bsn, stored.v_nummer) == ("123456782", 1234567890)
    assert stored.registratie_datum_tijd == datetime(2026, 3, 2, 8, 15, tzinfo=UTC)
    assert stored.body == body
    assert stored.status == Notificatie.Status.ONTVANGEN
    assert stored.verwerkt_at is None and stored.fout == ""
    assert not NotificatieWeigering.objects.exists()


def test_only_the_required_fields(client):
    response = post(client, {"registratieDatumTijd": "2026-03-02T09:15:00Z", "gebeurtenisId": "SS199"})
    assert response.status_code == 201
    stored = Notificatie.objects.get()
    assert (stored.bsn, stored.v_nummer) == ("", None)


def test_a_time_without_offset_is_read_as_dutch_time(client):
    assert post(client, notificatie(registratieDatumTijd="2026-07-01T12:00:00")).status_code == 201
    assert Notificatie.objects.get().registratie_datum_tijd == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_berichtid_in_upper_case_hex(client):
    bericht_id = uuid.uuid4()
    assert post(client, berichtId=str(bericht_id).upper()).status_code == 201
    assert Notificatie.objects.get().bericht_id == bericht_id


@pytest.mark.parametrize("code", ["SS999", "X1", "123456"])
def test_an_unknown_gebeurtenis_is_stored_and_shown_never_dropped(client, code):
    response = post(client, notificatie(gebeurtenisId=code))
    assert response.status_code == 201
    stored = Notificatie.objects.get()
    assert (stored.gebeurtenis_id, stored.status) == (code, Notificatie.Status.ONBEKENDE_GEBEURTENIS)


def test_a_repeated_berichtid_is_answered_201_and_changes_nothing(client):
    bericht_id = str(uuid.uuid4())
    first = post(client, notificatie(gebeurtenisId="SS101"), berichtId=bericht_id)
    second = post(client, notificatie(gebeurtenisId="SS106"), berichtId=bericht_id)
    assert (first.status_code, second.status_code) == (201, 201)
    assert second["API-Version"] == NOTIFICATIE_API_VERSION
    assert Notificatie.objects.get().gebeurtenis_id == "SS101"


def test_a_repeated_berichtid_with_the_same_body_is_no_conflict(client):
    bericht_id = str(uuid.uuid4())
    body = notificatie(gebeurtenisId="SS101")
    first = post(client, raw=json.dumps(body), berichtId=bericht_id)
    second = post(client, raw=json.dumps(body, indent=2, sort_keys=True), berichtId=bericht_id)  # same JSON
    assert (first.status_code, second.status_code) == (201, 201)
    assert not NotificatieConflict.objects.exists()


@pytest.mark.parametrize(
    ("second_body", "second_headers", "verschillen"),
    [
        (notificatie(gebeurtenisId="SS106"), {}, ["gebeurtenisId"]),
        (notificatie(bsn="111222333"), {}, ["bsn"]),
        (notificatie(extra="anders"), {}, ["extra"]),
        (notificatie(), {"doel": "00000001111111111000"}, ["doel"]),
    ],
    ids=["gebeurtenisId", "bsn", "extra property", "doel"],
)
def test_a_repeated_berichtid_with_another_body_is_201_kept_and_recorded(
    client, caplog, second_body, second_headers, verschillen
):
    """DUO's contract: a known berichtId is answered 201. The first message stands; the other one is not lost
    silently but recorded as a conflict, with what differs."""
    bericht_id = str(uuid.uuid4())
    first = post(client, notificatie(gebeurtenisId="SS101"), berichtId=bericht_id)
    with caplog.at_level(logging.WARNING, logger="openinburgering.duo"):
        second = post(client, second_body, berichtId=bericht_id, **second_headers)
    assert (first.status_code, second.status_code) == (201, 201)
    stored = Notificatie.objects.get()
    assert stored.gebeurtenis_id == "SS101" and stored.doel == WIJ
    conflict = NotificatieConflict.objects.get()
    assert conflict.notificatie == stored
    assert conflict.body == second_body
    assert bytes(conflict.body_raw) == json.dumps(second_body).encode()
    assert conflict.doel == second_headers.get("doel", WIJ)
    assert conflict.verschillen == verschillen
    assert any("berichtId" in r.getMessage() and bericht_id in r.getMessage() for r in caplog.records)
    # A third copy of the second body is one more conflict: every copy DUO sent is accounted for.
    assert post(client, second_body, berichtId=bericht_id, **second_headers).status_code == 201
    assert NotificatieConflict.objects.count() == 2


# --- what PostgreSQL's jsonb cannot hold: stored, never refused (DUO does not resend after a 400) -----


@pytest.mark.parametrize(
    ("raw_extra", "stored_extra"),
    [
        ('"a\\u0000b"', "a\ufffdb"),  # NUL in a string
        ('{"k\\u0000": "v"}', {"k\ufffd": "v"}),  # NUL in a key
        ('["\\ud800", "x"]', ["\ufffd", "x"]),  # a lone surrogate
        ('"\\udc00\\ud83d\\ude00"', "\ufffd\U0001f600"),  # a lone low surrogate, then a valid pair
        ("1e400", "1e400"),  # beyond a float: kept as its text
        ("-1E+999", "-1E+999"),
        ("1" + "0" * 5000, "1" + "0" * 5000),  # beyond Python's digit limit for int()
        ("12345678901234567890123456789", 12345678901234567890123456789),  # a big integer is fine as is
    ],
    ids=["NUL", "NUL in key", "lone surrogate", "lone low surrogate", "1e400", "-1E+999", "5001 digits", "big int"],
)
def test_a_schema_valid_notificatie_with_unstorable_json_is_stored(client, raw_extra, stored_extra):
    raw = (
        '{"registratieDatumTijd": "2026-03-02T09:15:00+01:00", "gebeurtenisId": "SS101", "bsn": "123456782", '
        f'"extra": {raw_extra}}}'
    ).encode()
    response = post(client, raw=raw)
    assert response.status_code == 201
    stored = Notificatie.objects.get()
    assert stored.status == Notificatie.Status.ONTVANGEN and stored.bsn == "123456782"
    assert stored.body["extra"] == stored_extra
    assert bytes(stored.body_raw) == raw  # the original bytes, exactly
    assert not NotificatieWeigering.objects.exists()


def test_every_notificatie_keeps_its_original_bytes(client):
    raw = json.dumps(notificatie(), indent=3).encode()
    assert post(client, raw=raw).status_code == 201
    assert bytes(Notificatie.objects.get().body_raw) == raw


@pytest.mark.django_db(transaction=True)
def test_two_copies_at_once_are_stored_once():
    """Eight copies of one berichtId at the same moment, on eight connections: the unique index decides."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent connections to one database need PostgreSQL")
    bericht = NotificatieBericht(
        bericht_id=uuid.uuid4(),
        bron=DUO,
        doel=WIJ,
        gebeurtenis_id="SS101",
        registratie_datum_tijd=timezone.now(),
        bsn="123456782",
        v_nummer=None,
        body={"gebeurtenisId": "SS101"},
    )
    barrier = threading.Barrier(8)
    new: list[bool] = []

    def receive() -> None:
        try:
            barrier.wait()
            new.append(services.notificatie_receive(bericht=bericht)[1])
        finally:
            connection.close()

    threads = [threading.Thread(target=receive) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(new) == [False] * 7 + [True]
    assert Notificatie.objects.filter(bericht_id=bericht.bericht_id).count() == 1


def too_large():
    return json.dumps(notificatie(opvulling="x" * NOTIFICATIE_MAX_BODY_BYTES))


BAD = [
    # (id, keyword arguments for post(), status, reden)
    ("no bron", {"bron": None}, 400, WeigeringReden.HEADER),
    ("no doel", {"doel": None}, 400, WeigeringReden.HEADER),
    ("no berichtId", {"berichtId": None}, 400, WeigeringReden.HEADER),
    ("berichtId not a uuid", {"berichtId": "bericht-1"}, 400, WeigeringReden.HEADER),
    ("berichtId too short", {"berichtId": "0" * 31}, 400, WeigeringReden.HEADER),
    ("bron not 20 characters", {"bron": "1234"}, 400, WeigeringReden.HEADER),
    ("doel not 20 characters", {"doel": WIJ + "0"}, 400, WeigeringReden.HEADER),
    ("bron is not DUO", {"bron": ANDERE_GEMEENTE}, 403, WeigeringReden.BRON),
    ("doel is not ours", {"doel": ANDERE_GEMEENTE}, 403, WeigeringReden.DOEL),
    ("malformed JSON", {"raw": '{"gebeurtenisId": "SS101",'}, 400, WeigeringReden.JSON),
    ("not UTF-8", {"raw": b'{"gebeurtenisId": "SS\xff"}'}, 400, WeigeringReden.JSON),
    ("NaN", {"raw": '{"gebeurtenisId": "SS101", "vNummer": NaN}'}, 400, WeigeringReden.JSON),
    ("empty body", {"raw": ""}, 400, WeigeringReden.JSON),
    ("a list", {"body": [notificatie()]}, 400, WeigeringReden.INHOUD),
    ("form data", {"raw": "gebeurtenisId=SS101", "content_type": "application/x-www-form-urlencoded"}, 400,
     WeigeringReden.CONTENT_TYPE),
    ("too large", {"raw": too_large()}, 400, WeigeringReden.TE_GROOT),
    ("no gebeurtenisId", {"body": notificatie(gebeurtenisId=None)}, 400, WeigeringReden.INHOUD),
    ("no registratieDatumTijd", {"body": notificatie(registratieDatumTijd=None)}, 400, WeigeringReden.INHOUD),
    ("gebeurtenisId lower case", {"body": notificatie(gebeurtenisId="ss101")}, 400, WeigeringReden.INHOUD),
    ("gebeurtenisId seven long", {"body": notificatie(gebeurtenisId="SS10100")}, 400, WeigeringReden.INHOUD),
    ("gebeurtenisId empty", {"body": notificatie(gebeurtenisId="")}, 400, WeigeringReden.INHOUD),
    ("gebeurtenisId newline", {"body": notificatie(gebeurtenisId="SS101\n")}, 400, WeigeringReden.INHOUD),
    ("gebeurtenisId a number", {"body": notificatie(gebeurtenisId=101)}, 400, WeigeringReden.INHOUD),
    ("bsn eight digits", {"body": notificatie(bsn="12345678")}, 400, WeigeringReden.INHOUD),
    ("bsn ten digits", {"body": notificatie(bsn="1234567890")}, 400, WeigeringReden.INHOUD),
    ("bsn letters", {"body": notificatie(bsn="12345678A")}, 400, WeigeringReden.INHOUD),
    ("bsn Arabic digits", {"body": notificatie(bsn="١٢٣٤٥٦٧٨٩")}, 400, WeigeringReden.INHOUD),
    ("bsn a number", {"body": notificatie(bsn=123456782)}, 400, WeigeringReden.INHOUD),
    ("bsn null", {"body": {**notificatie(), "bsn": None}}, 400, WeigeringReden.INHOUD),
    ("vNummer negative", {"body": notificatie(vNummer=-1)}, 400, WeigeringReden.INHOUD),
    ("vNummer too large", {"body": notificatie(vNummer=10_000_000_000)}, 400, WeigeringReden.INHOUD),
    ("vNummer a string", {"body": notificatie(vNummer="1234")}, 400, WeigeringReden.INHOUD),
    ("vNummer true", {"body": notificatie(vNummer=True)}, 400, WeigeringReden.INHOUD),
    ("date only", {"body": notificatie(registratieDatumTijd="2026-03-02")}, 400, WeigeringReden.INHOUD),
    ("no such date", {"body": notificatie(registratieDatumTijd="2026-02-30T10:00:00Z")}, 400,
     WeigeringReden.INHOUD),
    ("out of range in UTC", {"body": notificatie(registratieDatumTijd="0001-01-01T00:00:00+01:00")}, 400,
     WeigeringReden.INHOUD),
    ("NUL in gebeurtenisId", {"body": notificatie(gebeurtenisId="SS1\u0000")}, 400, WeigeringReden.INHOUD),
    ("NUL in bsn", {"body": notificatie(bsn="12345678\u0000")}, 400, WeigeringReden.INHOUD),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "status", "reden"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_input_is_refused_as_the_spec_says_and_logged(client, caplog, kwargs, status, reden):
    bericht_id = kwargs.get("berichtId", str(uuid.uuid4()))
    kwargs = {"berichtId": bericht_id, **kwargs}
    with caplog.at_level(logging.WARNING, logger="openinburgering.duo"):
        response = post(client, **kwargs)
    assert response.status_code == status
    assert response["API-Version"] == NOTIFICATIE_API_VERSION
    assert response.content == b""  # the spec gives 400, 401 and 403 no body
    assert not Notificatie.objects.exists()
    weigering = NotificatieWeigering.objects.get()
    assert (weigering.reden, weigering.status_code) == (reden, status)
    assert weigering.bericht_id == (bericht_id or "")
    assert len(weigering.toelichting) <= 200
    [record] = [r for r in caplog.records if r.name == "openinburgering.duo.services"]
    assert "refused" in record.getMessage() and f"berichtId={bericht_id or ''!r}" in record.getMessage()


def test_only_post(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["API-Version"] == NOTIFICATIE_API_VERSION
    assert response["Allow"] == "POST"


# The client certificate: test_clientcert.py (unit) and test_nginx.py (through nginx).


# --- the database unavailable: 503 with a Foutmelding, so DUO sends again ------------------------------


def test_database_unavailable_is_503_with_a_foutmelding(client, monkeypatch):
    def unavailable(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "notificatie_receive", unavailable)
    response = post(client)
    assert response.status_code == 503
    assert response["API-Version"] == NOTIFICATIE_API_VERSION
    assert response["Content-Type"] == "application/json"
    fouttekst = response.json()["fouttekst"]
    assert fouttekst and len(fouttekst) <= 200


def test_an_unexpected_error_is_500_with_the_version(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(views, "notificatie_receive", broken)
    response = post(client)
    assert response.status_code == 500
    assert response["API-Version"] == NOTIFICATIE_API_VERSION
