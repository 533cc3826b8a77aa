"""The functioneel beheerder's page of the DUO outbox: scoped to their gemeenten, logged, and the two
actions (resend, let lapse) go through the outbox services."""

import pytest
from django.urls import reverse
from django.utils import timezone

from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.models import DuoBericht
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking

pytestmark = pytest.mark.django_db

Status = DuoBericht.Status


def bericht(gemeente, status=Status.WACHTEND, **fields) -> DuoBericht:
    dossier = DossierFactory(gemeente=gemeente)
    return DuoBericht.objects.create(
        gemeente=gemeente,
        dossier=dossier,
        bsn=dossier.inburgeraar.bsn,
        api="pip",
        operatie="post_pip",
        args={"bsn": dossier.inburgeraar.bsn, "pip": {"leerroute": "B"}},
        status=status,
        volgende_poging_op=timezone.now(),
        **fields,
    )


@pytest.fixture
def fb_client(beheerder, verified_client):
    return verified_client(beheerder)


def test_beheerder_sees_the_messages_of_their_gemeente_only(fb_client, gemeente_a, gemeente_b):
    eigen = bericht(gemeente_a, Status.GEWEIGERD, foutteksten=["BSN onbekend bij DUO"])
    ander = bericht(gemeente_b, Status.VASTGELOPEN)

    response = fb_client.get(reverse("duo_beheer:berichten"))

    assert response.status_code == 200
    html = response.content.decode()
    assert str(eigen.bericht_id) in html
    assert "BSN onbekend bij DUO" in html
    assert str(ander.bericht_id) not in html
    assert response.context["aantal_geweigerd"] == 1
    assert response.context["aantal_vastgelopen"] == 0
    assert fb_client.get(reverse("duo_beheer:detail", args=[ander.uuid])).status_code == 404
    assert fb_client.post(reverse("duo_beheer:retry", args=[ander.uuid])).status_code == 404


def test_the_list_filters_on_status_and_api(fb_client, gemeente_a):
    wachtend = bericht(gemeente_a, Status.WACHTEND)
    geweigerd = bericht(gemeente_a, Status.GEWEIGERD)

    html = fb_client.get(reverse("duo_beheer:berichten"), {"status": "geweigerd", "api": "pip"}).content.decode()

    assert str(geweigerd.bericht_id) in html
    assert str(wachtend.bericht_id) not in html
    assert "oudste wacht" in html


def test_other_roles_get_403(klantregisseur, verified_client, gemeente_a):
    eigen = bericht(gemeente_a)
    client = verified_client(klantregisseur)

    assert client.get(reverse("duo_beheer:berichten")).status_code == 403
    assert client.get(reverse("duo_beheer:detail", args=[eigen.uuid])).status_code == 403


def test_the_list_and_the_detail_are_logged(fb_client, beheerder, gemeente_a):
    eigen = bericht(gemeente_a)

    fb_client.get(reverse("duo_beheer:berichten"))
    listed = Verwerking.objects.get(action=Action.LIST)
    assert (listed.actor, listed.purpose, listed.dossier_id) == (beheerder, Purpose.KOPPELING, eigen.dossier_id)

    response = fb_client.get(reverse("duo_beheer:detail", args=[eigen.uuid]))
    assert response.status_code == 200
    assert eigen.bsn in response.content.decode()
    viewed = Verwerking.objects.get(action=Action.VIEW)
    assert (viewed.inburgeraar_id, viewed.dossier_id) == (eigen.dossier.inburgeraar_id, eigen.dossier_id)


def test_retry_through_the_page_makes_the_message_wait_again(fb_client, gemeente_a):
    vast = bericht(gemeente_a, Status.VASTGELOPEN, laatste_fout="404")

    response = fb_client.post(reverse("duo_beheer:retry", args=[vast.uuid]), follow=True)

    vast.refresh_from_db()
    assert vast.status == Status.WACHTEND
    assert "opnieuw naar DUO verstuurd" in response.content.decode()


def test_retry_of_a_sent_message_shows_the_services_message(fb_client, gemeente_a):
    verzonden = bericht(gemeente_a, Status.VERZONDEN)

    response = fb_client.post(reverse("duo_beheer:retry", args=[verzonden.uuid]), follow=True)

    verzonden.refresh_from_db()
    assert verzonden.status == Status.VERZONDEN
    assert "niet (meer) geweigerd of vastgelopen" in response.content.decode()


def test_cancel_through_the_page_needs_a_reason_and_lets_the_message_lapse(fb_client, gemeente_a):
    geweigerd = bericht(gemeente_a, Status.GEWEIGERD)
    url = reverse("duo_beheer:cancel", args=[geweigerd.uuid])

    response = fb_client.post(url, {"reden": " "}, follow=True)
    geweigerd.refresh_from_db()
    assert geweigerd.status == Status.GEWEIGERD
    assert "Schrijf op waarom" in response.content.decode()

    fb_client.post(url, {"reden": "Dubbel aangemeld"})
    geweigerd.refresh_from_db()
    assert geweigerd.status == Status.VERVALLEN
    assert "Dubbel aangemeld" in geweigerd.laatste_fout


# --- notificaties: a berichtId DUO used again for another message ------------------------------------


def notificatie_met_conflict(gemeente, oin: str):
    import uuid

    from openinburgering.duo.models import Notificatie, NotificatieConflict

    gemeente.oin = oin
    gemeente.save(update_fields=["oin"])
    stored = Notificatie.objects.create(
        bericht_id=uuid.uuid4(),
        bron="00000001234567890000",
        doel=oin,
        gebeurtenis_id="SS101",
        bsn="123456782",
        registratie_datum_tijd=timezone.now(),
        body={"gebeurtenisId": "SS101", "bsn": "123456782"},
    )
    conflict = NotificatieConflict.objects.create(
        notificatie=stored,
        bron=stored.bron,
        doel=oin,
        gebeurtenis_id="SS106",
        body={"gebeurtenisId": "SS106", "bsn": "123456782"},
        body_raw=b'{"gebeurtenisId": "SS106", "bsn": "123456782"}',
        verschillen=["gebeurtenisId"],
    )
    return stored, conflict


def test_the_notificaties_page_shows_a_reused_berichtid_in_scope_only(fb_client, gemeente_a, gemeente_b):
    eigen, _ = notificatie_met_conflict(gemeente_a, "00000001000000000101")
    ander, _ = notificatie_met_conflict(gemeente_b, "00000001000000000202")

    response = fb_client.get(reverse("duo_beheer:notificaties"))

    assert response.status_code == 200
    assert response.context["aantal_conflicten"] == 1
    html = response.content.decode()
    assert "Hergebruikt berichtId" in html
    section = html[html.index('id="conflicten-title"') :]
    assert str(eigen.bericht_id) in section
    assert "SS106" in section and "gebeurtenisId" in section
    assert str(ander.bericht_id) not in html


def test_refused_requests_are_counted_in_scope(fb_client, beheerder, gemeente_a, gemeente_b, verified_client):
    from openinburgering.accounts.constants import Role
    from openinburgering.accounts.factories import UserFactory
    from openinburgering.duo.constants import WeigeringReden
    from openinburgering.duo.models import NotificatieWeigering

    gemeente_a.oin, gemeente_b.oin = "00000001000000000101", "00000001000000000202"
    gemeente_a.save(update_fields=["oin"])
    gemeente_b.save(update_fields=["oin"])
    for doel in ["00000001000000000101", "00000001000000000202", "00000001000000000202", "99999999999999999999"]:
        NotificatieWeigering.objects.create(
            reden=WeigeringReden.CERTIFICAAT, toelichting="x", status_code=401, doel=doel
        )
    url = reverse("duo_beheer:notificaties")

    assert fb_client.get(url).context["weigeringen"] == 1  # only A's; B's and the stranger's are not A's business
    regio = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a, gemeente_b])
    assert verified_client(regio).get(url).context["weigeringen"] == 4


def test_the_list_says_until_when_duo_asked_to_wait(fb_client, gemeente_a):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    url = reverse("duo_beheer:berichten")
    assert "DUO vraagt te wachten" not in fb_client.get(url).content.decode()

    tot = datetime(2030, 5, 6, 14, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    bericht(gemeente_a, retry_after_tot=tot)
    bericht(gemeente_a, status=Status.VERZONDEN, retry_after_tot=tot + timedelta(hours=1))  # sent: no longer waits
    html = fb_client.get(url).content.decode()
    assert "DUO vraagt te wachten tot 6 mei 2030 14:30" in html
