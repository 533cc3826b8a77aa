"""Processing DUO's notificaties (issue 5, part 2), against the DUO simulator.

The simulator is the real one (``openinburgering.duosim``), called in-process: its notificaties reach our
Notificatie API through Django's test client, and our processing fetches from its WSGI app with the real
typed clients. Only the network is left out; the fault tests over real HTTP are in test_fouten_http.py.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta

import httpx
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.brp.client import brp_persoon
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.dossiers.models import Dossier
from openinburgering.duo.clients import DuoClientConfig
from openinburgering.duo.constants import NotificatieStatus
from openinburgering.duo.models import DuoStand, Notificatie
from openinburgering.duo.verwerking import notificatie_retry, notificaties_process
from openinburgering.duosim import Simulator
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.logboek.constants import Purpose
from openinburgering.logboek.models import Verwerking
from openinburgering.rules.enums import Doelgroep, RedenGeenInburgeringsplicht
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.models import Taak
from openinburgering.termijnen.models import Termijn

DUO = "00000001003214345000"
WIJ = "00000001002306608000"
SIM = "http://duo.sim"


class DjangoTransport(httpx.BaseTransport):
    """The simulator's notificaties, delivered to our Notificatie API through Django's test client."""

    def __init__(self) -> None:
        self.client = Client()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("bron", "doel", "berichtid")}
        response = self.client.generic(
            request.method,
            request.url.path,
            data=request.read(),
            content_type=request.headers.get("content-type", "application/json"),
            headers=headers,
        )
        return httpx.Response(response.status_code, content=response.content)


@pytest.fixture(autouse=True)
def duo_settings(settings):
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ]
    settings.DUO_BASE_URL = ""  # the worker's own run does nothing; the tests call the processing
    settings.BRP_BASE_URL = f"{SIM}/haalcentraal/api/brp"
    settings.DUO_OUTBOX_BACKOFF_BASE = 30
    settings.DUO_OUTBOX_BACKOFF_CAP = 3600
    return settings


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(oin=WIJ, naam="Dordrecht", code="0505")


@pytest.fixture
def sim(gemeente):
    simulator = Simulator(duo_oin=DUO, product_url="http://product.test/duo/notificaties", transport=DjangoTransport())
    simulator.state.gemeente_toevoegen(WIJ, "0505", "Dordrecht")
    yield simulator
    simulator.close()


def verwerk(sim: Simulator, **kwargs):
    transport = httpx.WSGITransport(app=sim.wsgi_app)
    return notificaties_process(
        config=DuoClientConfig(base_url=SIM, bron_oin=WIJ, doel_oin=DUO),
        transport=transport,
        brp=lambda bsn: brp_persoon(bsn, transport=transport),
        **kwargs,
    )


def test_a_new_asielstatushouder_opens_a_dossier_with_what_duo_and_the_brp_know(sim, gemeente):
    resultaat = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ, asiel=True)
    assert [n.status for n in resultaat.notificaties] == [201]
    notificatie = Notificatie.objects.get()
    assert notificatie.status == NotificatieStatus.ONTVANGEN

    uitkomst = verwerk(sim)

    assert uitkomst.verwerkt == 1
    persoon = sim.state.persoon(resultaat.bsn)
    dossier = Dossier.objects.get(inburgeraar__bsn=resultaat.bsn)
    assert dossier.gemeente == gemeente
    assert dossier.status == Status.AANGEMELD
    assert dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    assert dossier.plicht_begindatum == persoon.plicht_begindatum
    assert dossier.datum_kennisgeving == persoon.datum_kennisgeving
    assert dossier.inburgeraar.geslachtsnaam == persoon.brp.geslachtsnaam
    assert dossier.inburgeraar.geboortedatum == persoon.brp.geboortedatum
    assert dossier.inburgeraar.postcode == persoon.brp.postcode.replace(" ", "")
    # SS139: the ten weeks to set the leerroute run, so the PIP deadline is there.
    assert dossier.datum_brp_inschrijving is not None
    assert Termijn.objects.filter(dossier=dossier, soort="pip_vaststellen").exists()
    notificatie.refresh_from_db()
    assert (notificatie.status, notificatie.dossier) == (NotificatieStatus.VERWERKT, dossier)
    assert dossier.events.filter(actor_label="DUO", action="duo_aangemeld").exists()
    assert DuoStand.objects.filter(bsn=resultaat.bsn, soort="inburgeringsplicht").exists()
    log = Verwerking.objects.filter(dossier_id=dossier.pk, purpose=Purpose.KOPPELING)
    assert log.filter(subject__contains="SS139").exists()


def test_the_same_notificatie_twice_and_the_same_news_again_give_one_dossier(sim):
    sim.storingen.instellen(dubbele_notificaties=1.0)  # every notificatie is sent twice, same berichtId
    resultaat = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ, asiel=False)
    assert [n.status for n in resultaat.notificaties] == [201, 201]
    assert Notificatie.objects.count() == 1
    sim.storingen.instellen(dubbele_notificaties=0.0)
    sim.notificeer(resultaat.bsn, "SS101", gemeente_oin=WIJ)  # DUO says it again, a new berichtId

    uitkomst = verwerk(sim)

    assert Dossier.objects.filter(inburgeraar__bsn=resultaat.bsn).count() == 1
    assert (uitkomst.verwerkt, uitkomst.geen_actie) == (1, 1)
    assert sorted(Notificatie.objects.values_list("status", flat=True)) == ["geen_actie", "verwerkt"]


def test_diploma_closes_the_dossier_as_afgerond(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.diploma_behaald(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    dossier = Dossier.objects.get(inburgeraar__bsn=nieuw.bsn)
    assert dossier.status == Status.AFGEROND
    assert dossier.plicht_reden_einde == RedenGeenInburgeringsplicht.INBURGERINGSPLICHT_VOLDAAN
    assert dossier.plicht_einddatum == sim.state.persoon(nieuw.bsn).plicht_einddatum


def test_death_ends_the_dossier(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.overleden(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    dossier = Dossier.objects.get(inburgeraar__bsn=nieuw.bsn)
    assert (dossier.status, dossier.plicht_reden_einde) == (Status.BEEINDIGD, RedenGeenInburgeringsplicht.OVERLIJDEN)


def test_notificaties_that_arrive_out_of_order_end_in_duo_s_state(sim):
    """The diploma's notificatie arrives first, the one about the new plicht after it: the processing goes by
    DUO's registration time and fetches DUO's current state, so no dossier is opened for a plicht that is met."""
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    sim.diploma_behaald(gemeente_oin=WIJ, bsn=nieuw.bsn)
    eerste, tweede = Notificatie.objects.order_by("pk")
    # DUO registered SS139 first, but it reached us second.
    Notificatie.objects.filter(pk=tweede.pk).update(registratie_datum_tijd=eerste.registratie_datum_tijd)
    Notificatie.objects.filter(pk=eerste.pk).update(
        registratie_datum_tijd=eerste.registratie_datum_tijd + timedelta(seconds=5)
    )
    verwerk(sim)
    assert not Dossier.objects.filter(inburgeraar__bsn=nieuw.bsn).exists()
    assert set(Notificatie.objects.values_list("status", flat=True)) == {"geen_actie"}


def test_an_open_dossier_closes_whatever_the_order_of_extension_and_diploma(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.diploma_behaald(gemeente_oin=WIJ, bsn=nieuw.bsn)
    sim.termijn_verlengd(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    assert Dossier.objects.get(inburgeraar__bsn=nieuw.bsn).status == Status.AFGEROND


def test_an_extended_termijn_moves_the_deadline(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.termijn_verlengd(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    persoon = sim.state.persoon(nieuw.bsn)
    dossier = Dossier.objects.get(inburgeraar__bsn=nieuw.bsn)
    assert (dossier.duo_termijn_start, dossier.duo_termijn_einde) == (persoon.termijn_start, persoon.termijn_eind)
    assert dossier.duo_verlengingsgrond
    termijn = Termijn.objects.get(dossier=dossier, soort="inburgeringstermijn")
    assert termijn.uiterste_datum == persoon.termijn_eind - timedelta(days=1)  # DUO's einddatum is exclusive
    assert dossier.events.filter(action="duo_termijn").count() == 1
    verwerk(sim)  # nothing new: nothing changes
    sim.notificeer(nieuw.bsn, "SS103", gemeente_oin=WIJ)
    verwerk(sim)
    assert dossier.events.filter(action="duo_termijn").count() == 1


def test_an_exam_result_is_fetched_and_shown(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.examenresultaat_bekend(gemeente_oin=WIJ, bsn=nieuw.bsn, onderdeel="KNM")
    verwerk(sim)
    stand = DuoStand.objects.get(bsn=nieuw.bsn, soort="examen")
    assert [r["onderdeel"] for r in stand.data] == ["KNM"]
    assert Dossier.objects.get(inburgeraar__bsn=nieuw.bsn).events.filter(action="duo_examen").exists()


def test_a_refused_request_becomes_a_task_for_the_klantregisseur(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.verzoek_afgewezen(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    taak = Taak.objects.get(soort=TaakSoort.DUO_SIGNAAL)
    assert taak.rol == Role.KLANTREGISSEUR
    assert taak.dossier == Dossier.objects.get(inburgeraar__bsn=nieuw.bsn)
    assert "Verzoek verlenging afgewezen" in taak.titel


def test_a_temporary_exemption_keeps_the_dossier_open_with_a_task(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.tijdelijke_vrijstelling(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    assert Dossier.objects.get(inburgeraar__bsn=nieuw.bsn).is_open
    assert Taak.objects.filter(soort=TaakSoort.DUO_SIGNAAL, titel__icontains="tijdelijke vrijstelling").exists()
    assert DuoStand.objects.filter(bsn=nieuw.bsn, soort="vrijstelling").exists()


def test_an_unknown_gebeurtenis_is_stored_shown_and_never_processed(sim, gemeente, verified_client):
    sim.notificeer("123456782", "SS999", gemeente_oin=WIJ)
    notificatie = Notificatie.objects.get()
    assert notificatie.status == NotificatieStatus.ONBEKENDE_GEBEURTENIS
    verwerk(sim)
    notificatie.refresh_from_db()
    assert notificatie.status == NotificatieStatus.ONBEKENDE_GEBEURTENIS
    client = verified_client(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente]))
    page = client.get(reverse("duo_beheer:notificaties"), {"status": "onbekende_gebeurtenis"})
    assert "SS999" in page.content.decode() and "onbekende gebeurtenis" in page.content.decode()


def test_duo_down_retries_later_and_then_processes(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    sim.storingen.instellen(status=503, aantal=100)
    uitkomst = verwerk(sim)
    assert uitkomst.opnieuw == 1
    notificatie = Notificatie.objects.get()
    assert notificatie.status == NotificatieStatus.ONTVANGEN
    assert notificatie.pogingen == 1 and notificatie.volgende_poging_op > timezone.now()
    assert verwerk(sim).opnieuw == 0  # not due yet
    sim.storingen.instellen(reset=True)
    with time_machine.travel(notificatie.volgende_poging_op + timedelta(seconds=1)):
        assert verwerk(sim).verwerkt == 1
    assert Dossier.objects.filter(inburgeraar__bsn=nieuw.bsn).exists()


def test_a_later_notificatie_waits_for_an_earlier_one_of_the_same_person(sim):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    sim.storingen.instellen(status=503, aantal=2)  # the first fetch of the first notificatie fails
    sim.notificeer(nieuw.bsn, "SS199", gemeente_oin=WIJ)
    uitkomst = verwerk(sim)
    assert (uitkomst.opnieuw, uitkomst.geblokkeerd) == (1, 1)
    assert set(Notificatie.objects.values_list("status", flat=True)) == {"ontvangen"}


def test_a_person_the_brp_does_not_know_becomes_a_task_to_register(sim, gemeente):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    transport = httpx.WSGITransport(app=sim.wsgi_app)
    notificaties_process(
        config=DuoClientConfig(base_url=SIM, bron_oin=WIJ, doel_oin=DUO), transport=transport, brp=lambda bsn: None
    )
    assert not Dossier.objects.exists()
    taak = Taak.objects.get(soort=TaakSoort.DUO_AANMELDEN)
    assert nieuw.bsn in taak.titel and taak.gemeente == gemeente


def test_a_failure_marks_the_notificatie_fout_with_a_task_and_beheer_can_retry_it(sim, gemeente):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    transport = httpx.WSGITransport(app=sim.wsgi_app)

    def broken_brp(bsn):
        raise KeyError("a bug")

    notificaties_process(
        config=DuoClientConfig(base_url=SIM, bron_oin=WIJ, doel_oin=DUO), transport=transport, brp=broken_brp
    )
    notificatie = Notificatie.objects.get()
    assert notificatie.status == NotificatieStatus.FOUT and "KeyError" in notificatie.fout
    assert not Dossier.objects.exists()  # nothing half-done
    assert Taak.objects.filter(soort=TaakSoort.DUO_NOTIFICATIE_FOUT, rol=Role.FUNCTIONEEL_BEHEERDER).exists()

    beheerder = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente])
    notificatie_retry(notificatie=notificatie, actor=beheerder)
    verwerk(sim)
    assert Dossier.objects.filter(inburgeraar__bsn=nieuw.bsn).exists()


def test_an_existing_open_dossier_is_brought_up_to_date(sim, gemeente):
    inburgeraar = InburgeraarFactory()
    dossier = DossierFactory(inburgeraar=inburgeraar, gemeente=gemeente, doelgroep=Doelgroep.ASIELSTATUSHOUDER)
    sim.state.persoon_toevoegen(gemeente_oin=WIJ, bsn=inburgeraar.bsn, asiel=False)
    sim.notificeer(inburgeraar.bsn, "SS125", gemeente_oin=WIJ)
    verwerk(sim)
    dossier.refresh_from_db()
    assert dossier.doelgroep == Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT
    assert dossier.events.filter(action="plicht_gewijzigd").exists()


def test_beheer_sees_only_notificaties_of_its_own_gemeenten(sim, gemeente, verified_client):
    sim.notificeer("123456782", "SS999", gemeente_oin=WIJ)
    ander = GemeenteFactory(oin="00000001999999999000")
    client = verified_client(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[ander]))
    page = client.get(reverse("duo_beheer:notificaties"))
    assert "SS999" not in page.content.decode()
    notificatie = Notificatie.objects.get()
    Notificatie.objects.filter(pk=notificatie.pk).update(status=NotificatieStatus.FOUT)
    assert client.post(reverse("duo_beheer:notificatie_retry", args=[notificatie.pk])).status_code == 404


def test_the_dossier_page_shows_what_duo_knows(sim, gemeente, verified_client):
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.examenresultaat_bekend(gemeente_oin=WIJ, bsn=nieuw.bsn, onderdeel="LE", resultaat="Geslaagd")
    sim.termijn_verlengd(gemeente_oin=WIJ, bsn=nieuw.bsn)
    verwerk(sim)
    dossier = Dossier.objects.get(inburgeraar__bsn=nieuw.bsn)
    client = verified_client(UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente]))
    html = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Bij DUO bekend" in html
    assert "LE (B1): Geslaagd" in html
    assert "verlengd:" in html


@travel_to(date(2027, 1, 2))
def test_a_leerbaarheidstoets_result_is_taken_onto_the_intake(sim):
    """On 2 January, a toets taken three days ago was taken last year: the date arrives as DUO sent it."""
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.state.persoon(nieuw.bsn).lbt_resultaten.append(
        {
            "resultaat": "B1-route haalbaar",
            "behaaldeScore": "312,50",
            "benodigdeScore": "300,00",
            "datumAfname": "2026-12-30",
        }
    )
    sim.notificeer(nieuw.bsn, "SS131", gemeente_oin=WIJ)
    verwerk(sim)
    lbt = Dossier.objects.get(inburgeraar__bsn=nieuw.bsn).leerbaarheidstoets
    assert lbt.examennummer == sim.state.persoon(nieuw.bsn).lbt_examennummer
    assert (lbt.resultaat, lbt.behaalde_score, lbt.benodigde_score) == ("B1-route haalbaar", "312,50", "300,00")
    assert lbt.afgenomen_op == date(2026, 12, 30)


def test_a_move_within_the_region_becomes_a_task_to_hand_the_dossier_over(sim, gemeente, settings):
    zwijndrecht_oin = "00000001002221450000"
    settings.DUO_EIGEN_OINS = [WIJ, zwijndrecht_oin]
    zwijndrecht = GemeenteFactory(oin=zwijndrecht_oin, naam="Zwijndrecht", code="0642")
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ)
    verwerk(sim)
    sim.verhuisd_naar_gemeente(gemeente_oin=zwijndrecht_oin, bsn=nieuw.bsn)
    verwerk(sim)
    dossier = Dossier.objects.get(inburgeraar__bsn=nieuw.bsn)
    assert dossier.gemeente == gemeente and dossier.is_open  # a person hands it over, not the koppeling
    taak = Taak.objects.get(soort=TaakSoort.DUO_SIGNAAL, dossier=dossier)
    assert zwijndrecht.naam in taak.titel and taak.gemeente == gemeente


def test_duo_eigen_oins_prints_the_oins_of_the_organisation_and_its_gemeenten(gemeente):
    from io import StringIO

    from django.core.management import call_command

    uo = gemeente.uitvoeringsorganisatie
    uo.oin = "00000001002306600000"
    uo.save()
    GemeenteFactory(uitvoeringsorganisatie=uo, oin="")  # a gemeente DUO does not address on its own
    out = StringIO()
    call_command("duo_eigen_oins", stdout=out)
    assert out.getvalue().strip() == f"{uo.oin},{WIJ}"


def test_the_task_works_through_a_backlog_larger_than_one_batch(sim, settings, monkeypatch):
    from openinburgering.duo import tasks, verwerking

    for _ in range(5):
        sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ, asiel=False)
    transport = httpx.WSGITransport(app=sim.wsgi_app)
    real = verwerking.notificaties_process

    def small_batches(**kwargs):
        config = DuoClientConfig(base_url=SIM, bron_oin=WIJ, doel_oin=DUO)
        return real(config=config, transport=transport, limit=2, brp=lambda bsn: brp_persoon(bsn, transport=transport))

    monkeypatch.setattr(verwerking, "notificaties_process", small_batches)
    tasks.notificaties_task.call()
    assert set(Notificatie.objects.values_list("status", flat=True)) == {"verwerkt"}
    assert Dossier.objects.count() == 5


def test_a_notificatie_registered_just_after_midnight_counts_on_the_dutch_day(sim, gemeente):
    """DUO registers SS139 at 00:30 on 1 February Dutch time, which is 23:30 UTC on 31 January. Without an
    inschrijvingsdatum from the BRP, that day starts the ten weeks for the PIP: it is 1 February."""
    with travel_to(date(2027, 2, 1), at=time(0, 30)):
        resultaat = sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ, asiel=True)
        assert Notificatie.objects.get().registratie_datum_tijd.isoformat() == "2027-01-31T23:30:00+00:00"
        transport = httpx.WSGITransport(app=sim.wsgi_app)

        def brp_without_inschrijving(bsn):
            return dataclasses.replace(brp_persoon(bsn, transport=transport), datum_inschrijving_gemeente=None)

        notificaties_process(
            config=DuoClientConfig(base_url=SIM, bron_oin=WIJ, doel_oin=DUO),
            transport=transport,
            brp=brp_without_inschrijving,
        )
    dossier = Dossier.objects.get(inburgeraar__bsn=resultaat.bsn)
    assert dossier.datum_brp_inschrijving == date(2027, 2, 1)
