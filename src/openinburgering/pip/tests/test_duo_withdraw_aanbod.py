"""Issue 5 part 4: withdrawing a PIP (DELETE PIP) and the inburgeringsaanbod (POST per instelling) go to DUO
in the transaction of the change, after DUO's acceptance rules were checked."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.core.exceptions import DomainError
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.models import DossierEvent
from openinburgering.duo.models import DuoBericht
from openinburgering.pip import services
from openinburgering.pip.exceptions import PipRefused
from openinburgering.pip.factories import PipAanbodFactory, PipFactory
from openinburgering.pip.models import PipStatus
from openinburgering.voortgang.tests.duo_contract import assert_valid_for_duo

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate

# Koningsdag, a public holiday: the factories date the PIP and its aanbod from today.
KONINGSDAG = date(2027, 4, 27)


@pytest.fixture(autouse=True)
def today():
    with travel_to(KONINGSDAG):
        yield KONINGSDAG


# --- withdrawing ---------------------------------------------------------------------------------


def test_withdrawing_places_one_delete_pip(dossier, teamleider):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    pip = services.pip_withdraw(pip=pip, actor=teamleider, reden="Verkeerde persoon")
    assert pip.status == PipStatus.INGETROKKEN
    bericht = DuoBericht.objects.get()
    assert (bericht.api, bericht.operatie, bericht.args) == ("pip", "delete_pip", {"bsn": dossier.inburgeraar.bsn})
    event = DossierEvent.objects.get(dossier=dossier, action="pip_ingetrokken")
    assert "Verkeerde persoon" in event.summary
    assert_valid_for_duo(bericht)


def test_withdrawing_after_duo_set_the_termijn_is_refused_naming_the_rule(dossier, teamleider):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    dossier.duo_termijn_start = pip.inburgeringstermijn_start
    dossier.duo_termijn_einde = pip.inburgeringstermijn_einde
    dossier.save()
    with pytest.raises(PipRefused) as refused:
        services.pip_withdraw(pip=pip, actor=teamleider, reden="x")
    assert refused.value.codes == ["intrekken_termijn_vastgesteld"]
    assert "Het verwijderen van een PIP" in refused.value.message
    pip.refresh_from_db()
    assert pip.status == PipStatus.VASTGESTELD
    assert not DuoBericht.objects.exists()


@pytest.mark.parametrize("status", ["concept", "ter_accordering", "vervangen"])
def test_only_the_current_pip_can_be_withdrawn(dossier, teamleider, status):
    pip = PipFactory(dossier=dossier, status=status, dagtekening=TODAY())
    with pytest.raises(DomainError):
        services.pip_withdraw(pip=pip, actor=teamleider, reden="x")
    assert not DuoBericht.objects.exists()


def test_a_klantregisseur_or_other_gemeente_cannot_withdraw(dossier, klantregisseur, klantregisseur_b):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    for actor in (klantregisseur, klantregisseur_b):
        with pytest.raises(DomainError) as refused:
            services.pip_withdraw(pip=pip, actor=actor, reden="x")
        assert refused.value.code == "forbidden"
    assert not DuoBericht.objects.exists()


def test_a_reason_is_required(dossier, teamleider):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    with pytest.raises(DomainError) as refused:
        services.pip_withdraw(pip=pip, actor=teamleider, reden="  ")
    assert refused.value.field == "reden"


def test_the_delete_rolls_back_with_the_withdrawal(dossier, teamleider):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        services.pip_withdraw(pip=pip, actor=teamleider, reden="x")
        _ = 1 / 0
    pip.refresh_from_db()
    assert pip.status == PipStatus.VASTGESTELD
    assert not DuoBericht.objects.exists()


def test_the_page_has_a_confirm_form(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    client = verified_client(teamleider)
    url = reverse("pip:withdraw", args=[dossier.pk, pip.versie])
    assert url in client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert client.post(url, {"reden": "x"}).status_code == 422  # not confirmed
    assert not DuoBericht.objects.exists()
    response = client.post(url, {"reden": "Dubbel dossier", "bevestigd": "on"})
    assert response.status_code == 302
    assert DuoBericht.objects.get().operatie == "delete_pip"


# --- inburgeringsaanbod --------------------------------------------------------------------------


def _submitted_with_aanbod(dossier, drafter, **aanbod):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=drafter)
    PipAanbodFactory(pip=pip, **aanbod)
    return pip


def test_approving_posts_the_aanbod_after_the_pip(dossier, teamleider, teamleider_2):
    pip = _submitted_with_aanbod(dossier, teamleider)
    aanbod = pip.aanbod.get()
    services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
    services.pip_approve(pip=pip, approver=teamleider_2)
    berichten = list(DuoBericht.objects.order_by("pk"))
    assert [(b.api, b.operatie) for b in berichten] == [
        ("pip", "post_pip"),
        ("inburgeringsaanbod", "post_inburgeringsaanbod"),
    ]
    assert berichten[1].args == {
        "bsn": dossier.inburgeraar.bsn,
        "instellingsnummer": aanbod.instelling.instellingsnummer,
        "aanbod": {
            "datumInburgeringsaanbod": aanbod.datum_inburgeringsaanbod.isoformat(),
            "verwachteStartdatumOpleiding": aanbod.verwachte_startdatum_opleiding.isoformat(),
            "verwachteEinddatumOpleiding": aanbod.verwachte_einddatum_opleiding.isoformat(),
            "indicatorAlfabetiseringsonderwijs": "NVT",
        },
    }
    for bericht in berichten:
        assert_valid_for_duo(bericht)


def test_a_new_version_sends_only_what_changed_and_deletes_what_was_dropped(dossier, teamleider, teamleider_2):
    v1 = PipFactory(dossier=dossier, vastgesteld=True)
    kept = PipAanbodFactory(pip=v1, datum_inburgeringsaanbod=v1.dagtekening + timedelta(days=1))
    dropped = PipAanbodFactory(pip=v1, datum_inburgeringsaanbod=v1.dagtekening + timedelta(days=1))
    v2 = PipFactory(
        dossier=dossier,
        versie=2,
        vorige=v1,
        wijzigingsreden="Ander aanbod",
        ter_accordering=True,
        drafted_by=teamleider,
    )
    PipAanbodFactory(
        pip=v2,
        instelling=kept.instelling,
        datum_inburgeringsaanbod=kept.datum_inburgeringsaanbod,
        verwachte_startdatum_opleiding=kept.verwachte_startdatum_opleiding,
        verwachte_einddatum_opleiding=kept.verwachte_einddatum_opleiding,
    )
    new = PipAanbodFactory(pip=v2)
    services.pip_letter_viewed(pip=v2, viewer=teamleider_2)
    services.pip_approve(pip=v2, approver=teamleider_2)
    berichten = list(DuoBericht.objects.order_by("pk"))
    assert [(b.operatie, b.args.get("instellingsnummer")) for b in berichten] == [
        ("post_pip", None),
        ("post_inburgeringsaanbod", new.instelling.instellingsnummer),
        ("delete_inburgeringsaanbod", dropped.instelling.instellingsnummer),
    ]
    assert_valid_for_duo(berichten[2])


def test_an_instelling_without_instellingsnummer_refuses_approval(dossier, teamleider, teamleider_2):
    pip = _submitted_with_aanbod(dossier, teamleider, instelling=AanbiederFactory(instellingsnummer=""))
    with pytest.raises(PipRefused) as refused:
        services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
        services.pip_approve(pip=pip, approver=teamleider_2)
    assert "instellingsnummer_ontbreekt" in refused.value.codes
    assert not DuoBericht.objects.exists()


def test_an_instelling_without_keurmerk_refuses_approval(dossier, teamleider, teamleider_2):
    pip = _submitted_with_aanbod(dossier, teamleider, instelling=AanbiederFactory(heeft_bow_keurmerk=False))
    with pytest.raises(PipRefused) as refused:
        services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
        services.pip_approve(pip=pip, approver=teamleider_2)
    assert "instelling_keurmerk" in refused.value.codes
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING
    assert not DuoBericht.objects.exists()


def test_the_aanbod_rolls_back_with_the_approval(dossier, teamleider, teamleider_2):
    pip = _submitted_with_aanbod(dossier, teamleider)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
        services.pip_approve(pip=pip, approver=teamleider_2)
        _ = 1 / 0
    assert not DuoBericht.objects.exists()
