"""Hours of the brede intake go to DUO (GevolgdeUren API) in the transaction that saves them."""

from decimal import Decimal

import pytest
from django.db import transaction

from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.keten import gevolgde_uren_report
from openinburgering.duo.models import DuoBericht
from openinburgering.intake import services
from openinburgering.intake.factories import BredeIntakeFactory
from openinburgering.rules.enums import Doelgroep
from openinburgering.voortgang.tests.duo_contract import assert_valid_for_duo

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(gemeente_a):
    return BredeIntakeFactory(dossier=DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE))


def test_saving_intake_hours_places_a_put_per_changed_total(intake, klantregisseur):
    bsn = intake.dossier.inburgeraar.bsn
    services.brede_intake_update(
        intake=intake,
        actor=klantregisseur,
        values={"uren_taal_knm_intake": Decimal("12.75"), "uren_participatie_intake": Decimal("4")},
    )
    berichten = list(DuoBericht.objects.order_by("pk"))
    assert [(b.api, b.operatie, b.args) for b in berichten] == [
        ("gevolgde_uren", "put_uren_taalles_knm", {"bsn": bsn, "uren": {"uren": 12}}),  # whole hours
        ("gevolgde_uren", "put_uren_participatieactiviteiten", {"bsn": bsn, "uren": {"uren": 4}}),
    ]
    for bericht in berichten:
        assert_valid_for_duo(bericht)

    services.brede_intake_update(intake=intake, actor=klantregisseur, values={"uren_taal_knm_intake": Decimal("12.9")})
    assert DuoBericht.objects.count() == 2  # still 12 whole hours: nothing new for DUO
    services.brede_intake_update(intake=intake, actor=klantregisseur, values={"talen": "Arabisch"})
    assert DuoBericht.objects.count() == 2


def test_participation_hours_only_for_an_asielstatushouder(gemeente_a, klantregisseur):
    dossier = DossierFactory(
        gemeente=gemeente_a,
        status=Status.BREDE_INTAKE,
        doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
        gedetailleerde_doelgroep="Gezinsvormer",
    )
    intake = BredeIntakeFactory(dossier=dossier)
    services.brede_intake_update(
        intake=intake, actor=klantregisseur, values={"uren_taal_knm_intake": 3, "uren_participatie_intake": 5}
    )
    assert list(DuoBericht.objects.values_list("operatie", flat=True)) == ["put_uren_taalles_knm"]
    with pytest.raises(DomainError), transaction.atomic():
        gevolgde_uren_report(dossier=dossier, participatieactiviteiten=5)


def test_the_message_rolls_back_with_the_hours(intake, klantregisseur):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        services.brede_intake_update(intake=intake, actor=klantregisseur, values={"uren_taal_knm_intake": 8})
        _ = 1 / 0
    assert not DuoBericht.objects.exists()


@pytest.mark.parametrize("uren", [-1, 10_000])
def test_out_of_range_totals_are_refused(intake, uren):
    with pytest.raises(DomainError), transaction.atomic():
        gevolgde_uren_report(dossier=intake.dossier, taalles_knm_brede_intake=uren)
    assert not DuoBericht.objects.exists()


def test_participatie_als_taalles_is_valid_per_duos_spec(intake):
    with transaction.atomic():
        [bericht] = gevolgde_uren_report(dossier=intake.dossier, participatie_als_taalles=120)
    assert bericht.operatie == "put_uren_participatie_taalles"
    assert_valid_for_duo(bericht)
