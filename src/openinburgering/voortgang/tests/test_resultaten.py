"""MAP, PVT and Z-route results: DUO's rules first, then the change, the timeline and a PUT in the outbox."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils.formats import date_format

from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.dossiers.models import DossierEvent
from openinburgering.duo.models import DuoBericht
from openinburgering.voortgang import services
from openinburgering.voortgang.models import Resultaten

from .conftest import TODAY
from .duo_contract import assert_valid_for_duo

pytestmark = pytest.mark.django_db

EMPTY = {"map_datum": None, "map_verwijtbaar": "", "pvt_datum": None, "pvt_verwijtbaar": "", "zroute_datum": None}


def update(dossier, actor, versie=None, **values):
    if versie is None:
        versie = services.resultaten_for(dossier).versie
    return services.resultaten_update(dossier=dossier, actor=actor, versie=versie, **{**EMPTY, **values})


def test_recording_the_map_date_places_one_put_map(dossier, pip, klantregisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        resultaten = update(dossier, klantregisseur, map_datum=TODAY - timedelta(days=3))
    assert resultaten.map_datum == TODAY - timedelta(days=3)
    bericht = DuoBericht.objects.get()
    assert (bericht.api, bericht.operatie, bericht.dossier_id) == ("map_pvt_zroute", "put_map", dossier.pk)
    assert bericht.args == {
        "bsn": dossier.inburgeraar.bsn,
        "resultaat": {"datumEindgesprekMap": (TODAY - timedelta(days=3)).isoformat()},
    }
    assert callbacks  # the drain task is enqueued on commit
    event = DossierEvent.objects.filter(dossier=dossier, action="resultaten").get()
    assert event.changes[0]["field"] == "map_datum"
    assert_valid_for_duo(bericht)


def test_every_put_is_valid_per_duos_spec(dossier, z_pip, klantregisseur):
    last_day = z_pip.inburgeringstermijn_einde
    dossier.duo_termijn_start = z_pip.inburgeringstermijn_start
    dossier.duo_termijn_einde = TODAY - timedelta(days=20)  # exclusive: the termijn is over
    dossier.save()
    assert last_day
    update(
        dossier,
        klantregisseur,
        map_datum=TODAY - timedelta(days=2),
        map_verwijtbaar="Nee",
        pvt_datum=TODAY - timedelta(days=1),
        pvt_verwijtbaar="Ja",
        zroute_datum=TODAY,
    )
    berichten = list(DuoBericht.objects.order_by("pk"))
    assert [b.operatie for b in berichten] == ["put_map", "put_pvt", "put_zroute"]  # Z-route last when set
    assert berichten[0].args["resultaat"] == {
        "datumEindgesprekMap": (TODAY - timedelta(days=2)).isoformat(),
        "verwijtbaar": "Nee",
    }
    for bericht in berichten:
        assert_valid_for_duo(bericht)


def test_clearing_sends_the_resource_without_the_field_and_zroute_first(dossier, z_pip, klantregisseur):
    update(dossier, klantregisseur, map_datum=TODAY, zroute_datum=TODAY)
    DuoBericht.objects.all().delete()
    update(dossier, klantregisseur)
    berichten = list(DuoBericht.objects.order_by("pk"))
    assert [(b.operatie, b.args["resultaat"]) for b in berichten] == [("put_zroute", {}), ("put_map", {})]
    for bericht in berichten:
        assert_valid_for_duo(bericht)


def test_clearing_the_map_while_the_zroute_date_stays_is_refused(dossier, z_pip, klantregisseur):
    update(dossier, klantregisseur, map_datum=TODAY, zroute_datum=TODAY)
    before = DuoBericht.objects.count()
    with pytest.raises(services.DuoRefused) as refused:
        update(dossier, klantregisseur, zroute_datum=TODAY)
    assert [p.code for p in refused.value.problems] == ["intrekken_na_zroute"]
    assert "datum eindgesprek MAP" in refused.value.message and "Z-route" in refused.value.message
    assert DuoBericht.objects.count() == before


def test_nothing_changed_places_nothing(dossier, pip, klantregisseur):
    update(dossier, klantregisseur)
    assert not DuoBericht.objects.exists()


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"map_datum": TODAY + timedelta(days=1)}, "in_toekomst", "map_datum"),
        ({"pvt_datum": TODAY, "pvt_verwijtbaar": "Ja"}, "verwijtbaar_ja_zonder_overschrijding", "pvt_verwijtbaar"),
        ({"map_datum": TODAY - timedelta(days=60)}, "voor_termijn", "map_datum"),
        ({"zroute_datum": TODAY}, "zroute_geen_zroute", "zroute_datum"),
    ],
)
def test_refused_changes_leave_nothing(dossier, pip, klantregisseur, values, code, field):
    with pytest.raises(services.DuoRefused) as refused:
        update(dossier, klantregisseur, **values)
    assert (refused.value.problems[0].code, refused.value.problems[0].field) == (code, field)
    assert not DuoBericht.objects.exists()
    assert not Resultaten.objects.filter(map_datum__isnull=False).exists()
    assert not DossierEvent.objects.filter(action="resultaten").exists()


def test_without_a_vastgesteld_pip_nothing_goes_to_duo(dossier, klantregisseur):
    with pytest.raises(services.DuoRefused) as refused:
        update(dossier, klantregisseur, pvt_datum=TODAY)
    assert refused.value.problems[0].code == "geen_actuele_pip"
    assert not DuoBericht.objects.exists()


def test_duos_termijn_wins_over_the_pips(dossier, pip, klantregisseur):
    """After DUO's termijn has ended (its einddatum is exclusive), 'verwijtbaar' is required."""
    dossier.duo_termijn_start = pip.inburgeringstermijn_start
    dossier.duo_termijn_einde = TODAY - timedelta(days=1)
    dossier.save()
    with pytest.raises(services.DuoRefused) as refused:
        update(dossier, klantregisseur, map_datum=TODAY)
    assert refused.value.problems[0].code == "verwijtbaar_verplicht"
    update(dossier, klantregisseur, map_datum=TODAY, map_verwijtbaar="Ja")
    assert DuoBericht.objects.get().args["resultaat"]["verwijtbaar"] == "Ja"


def test_the_message_rolls_back_with_the_change(dossier, pip, klantregisseur):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        update(dossier, klantregisseur, map_datum=TODAY)
        _ = 1 / 0
    assert not DuoBericht.objects.exists()
    assert not Resultaten.objects.exists()


def test_a_stale_form_is_refused(dossier, pip, klantregisseur):
    update(dossier, klantregisseur, map_datum=TODAY)
    with pytest.raises(StaleTransition):
        update(dossier, klantregisseur, versie=0, pvt_datum=TODAY)
    assert DuoBericht.objects.count() == 1


def test_rights_and_scope(dossier, pip, klantregisseur_b, beheerder):
    for actor in (klantregisseur_b, beheerder):
        with pytest.raises(DomainError) as refused:
            update(dossier, actor, map_datum=TODAY)
        assert refused.value.code == "forbidden"
    assert not DuoBericht.objects.exists()


def test_the_contract_check_is_not_vacuous(dossier):
    from openapi_core.exceptions import OpenAPIError

    bad = DuoBericht(
        api="map_pvt_zroute",
        operatie="put_map",
        args={
            "bsn": dossier.inburgeraar.bsn,
            "resultaat": {"datumEindgesprekMap": TODAY.isoformat(), "verwijtbaar": "Misschien"},
        },
    )
    with pytest.raises(OpenAPIError):
        assert_valid_for_duo(bad)


def test_a_date_another_gemeente_reported_cannot_be_changed_by_us(dossier, pip, klantregisseur, gemeente_b):
    """The person's earlier dossier in gemeente B reported a MAP date: DUO refuses our change of it."""
    from openinburgering.dossiers.constants import Status
    from openinburgering.dossiers.factories import DossierFactory

    earlier = DossierFactory(gemeente=gemeente_b, inburgeraar=dossier.inburgeraar, status=Status.OVERGEDRAGEN)
    Resultaten.objects.create(dossier=earlier, map_datum=TODAY - timedelta(days=5))
    with pytest.raises(services.DuoRefused) as refused:
        update(dossier, klantregisseur, map_datum=TODAY)
    assert refused.value.problems[0].code == "wijziging_niet_eerder_geleverd"
    update(dossier, klantregisseur, pvt_datum=TODAY)  # the PVT was not reported elsewhere
    assert DuoBericht.objects.get().operatie == "put_pvt"


def test_the_timeline_shows_dates_and_choices_as_the_pages_do(dossier, z_pip, klantregisseur):
    dossier.duo_termijn_start = z_pip.inburgeringstermijn_start
    dossier.duo_termijn_einde = TODAY - timedelta(days=20)  # exclusive: the termijn is over
    dossier.save()
    map_datum = TODAY - timedelta(days=2)
    update(dossier, klantregisseur, map_datum=map_datum, map_verwijtbaar="Nee")
    changes = {
        c["field"]: (c["label"], c["old"], c["new"]) for c in DossierEvent.objects.get(action="resultaten").changes
    }
    assert changes["map_datum"] == ("Datum eindgesprek MAP", "—", date_format(map_datum, "j F Y"))
    assert changes["map_verwijtbaar"] == ("MAP: verwijtbaar", "—", "Nee")
