"""dossier_assign tells DUO who the person's contactpersoon is (Contactpersoon API)."""

import pytest
from django.db import transaction

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.services import dossier_assign
from openinburgering.duo.contactpersoon import contactpersonen_process
from openinburgering.duo.models import DuoBericht, DuoBerichtStatus
from openinburgering.letters.models import LetterTemplate
from openinburgering.taken.models import Taak
from openinburgering.voortgang.models import ContactpersoonKoppeling, DuoContactpersoon

from .duo_contract import assert_valid_for_duo

pytestmark = pytest.mark.django_db


@pytest.fixture
def kr2(gemeente_a):
    return UserFactory(
        username="kr2.a", first_name="Piet", last_name="de Vries", roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a]
    )


@pytest.fixture
def open_dossier(gemeente_a):
    return DossierFactory(gemeente=gemeente_a, klantregisseur=None)


def _answered(contactpersoon, duo_id):
    """The worker sent the POST /contactpersonen and DUO answered with its id."""
    DuoBericht.objects.filter(pk=contactpersoon.aanmelding_id).update(
        status=DuoBerichtStatus.VERZONDEN, antwoord={"id": duo_id, "contactpersoongegevens": contactpersoon.gegevens}
    )


def test_a_new_contactpersoon_is_registered_then_coupled(open_dossier, teamleider, klantregisseur, briefsjabloon):
    dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=klantregisseur)
    aanmelding = DuoBericht.objects.get()
    assert (aanmelding.api, aanmelding.operatie, aanmelding.dossier_id, aanmelding.bsn) == (
        "contactpersoon",
        "post_contactpersoon",
        None,
        "",
    )
    assert aanmelding.gemeente_id == open_dossier.gemeente_id
    assert aanmelding.args == {
        "gegevens": {"naam": "Karin Regis", "email": klantregisseur.email, "telefoonnummer": "078 770 8910"}
    }
    assert_valid_for_duo(aanmelding)

    contactpersoon = DuoContactpersoon.objects.get()
    _answered(contactpersoon, 42)
    assert contactpersonen_process() == 1
    assert contactpersonen_process() == 0  # idempotent
    koppeling = DuoBericht.objects.exclude(pk=aanmelding.pk).get()
    assert (koppeling.operatie, koppeling.args, koppeling.dossier_id) == (
        "post_contactpersoon_persoon",
        {"contactpersoon_id": 42, "bsn": open_dossier.inburgeraar.bsn},
        open_dossier.pk,
    )
    assert_valid_for_duo(koppeling)


def test_a_known_contactpersoon_is_coupled_at_once_and_clearing_uncouples(
    open_dossier, gemeente_a, teamleider, klantregisseur, briefsjabloon
):
    DuoContactpersoon.objects.create(gemeente=gemeente_a, user=klantregisseur, duo_id=7)
    dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=klantregisseur)
    assert list(DuoBericht.objects.values_list("operatie", "args")) == [
        ("post_contactpersoon_persoon", {"contactpersoon_id": 7, "bsn": open_dossier.inburgeraar.bsn})
    ]
    dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=None)
    uncouple = DuoBericht.objects.order_by("-pk").first()
    assert (uncouple.operatie, uncouple.args) == (
        "delete_contactpersoon_persoon",
        {"contactpersoon_id": 7, "bsn": open_dossier.inburgeraar.bsn},
    )
    assert_valid_for_duo(uncouple)
    assert ContactpersoonKoppeling.objects.get().gekoppeld_duo_id is None


def test_a_change_of_mind_before_duo_answers_couples_only_the_current_one(
    open_dossier, gemeente_a, teamleider, klantregisseur, kr2, briefsjabloon
):
    DuoContactpersoon.objects.create(gemeente=gemeente_a, user=klantregisseur, duo_id=7)
    dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=kr2)  # new at DUO: waits for its id
    dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=klantregisseur)
    _answered(DuoContactpersoon.objects.get(user=kr2), 8)
    contactpersonen_process()
    couplings = DuoBericht.objects.filter(operatie="post_contactpersoon_persoon")
    assert [b.args["contactpersoon_id"] for b in couplings] == [7]


def test_incomplete_user_data_raises_a_task_instead_of_a_message(open_dossier, teamleider, klantregisseur):
    """No telephone number (no letter template): DUO would refuse, so nothing is sent and beheer gets a task."""
    LetterTemplate.objects.filter(gemeente=open_dossier.gemeente).delete()  # test gemeenten come with one
    dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=klantregisseur)
    assert not DuoBericht.objects.exists()
    taak = Taak.objects.get()
    assert taak.rol == Role.FUNCTIONEEL_BEHEERDER and "contactpersoon" in taak.titel
    open_dossier.refresh_from_db()
    assert open_dossier.klantregisseur == klantregisseur  # the assignment itself goes through


def test_the_messages_roll_back_with_the_assignment(open_dossier, teamleider, klantregisseur, briefsjabloon):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        dossier_assign(dossier=open_dossier, actor=teamleider, klantregisseur=klantregisseur)
        _ = 1 / 0
    assert not DuoBericht.objects.exists()
    assert not DuoContactpersoon.objects.exists()
