"""Tasks: raising is idempotent by sleutel, closing is claimed once, by someone with the task's role in its
gemeente; the list shows a user the tasks of their roles and gemeenten, with filters, and logs whose
dossiers it showed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.logboek.constants import Action
from openinburgering.logboek.models import Verwerking
from openinburgering.taken.constants import TaakSoort, TaakStatus
from openinburgering.taken.models import Taak
from openinburgering.taken.selectors import open_taken_count, taak_get_for_user, taken_for_user
from openinburgering.taken.services import NieuweTaak, taak_resolve, taken_raise

pytestmark = pytest.mark.django_db

FM = Role.FINANCIEEL_MEDEWERKER


def nieuw(gemeente, sleutel: str, *, rol: str = FM, soort=TaakSoort.ONTZORGEN_UITGESLOTEN, dossier=None, **kw):
    return NieuweTaak(
        gemeente_id=gemeente.pk,
        soort=soort,
        rol=rol,
        titel=kw.pop("titel", f"Taak {sleutel}"),
        sleutel=sleutel,
        dossier_id=dossier.pk if dossier else None,
        **kw,
    )


@pytest.fixture
def fm(gemeente_a):
    return UserFactory(username="fm.a", roles=[FM], gemeenten=[gemeente_a])


# --- services ----------------------------------------------------------------------------------------


def test_raising_is_idempotent_by_sleutel(gemeente_a):
    assert taken_raise([nieuw(gemeente_a, "x"), nieuw(gemeente_a, "y"), nieuw(gemeente_a, "x")]) == 2
    assert taken_raise([nieuw(gemeente_a, "x"), nieuw(gemeente_a, "z")]) == 1
    assert sorted(Taak.objects.values_list("sleutel", flat=True)) == ["x", "y", "z"]
    assert taken_raise([]) == 0


def test_a_raised_task_is_open_for_its_role_with_a_title_cut_to_the_field(gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    taken_raise([nieuw(gemeente_a, "k", dossier=dossier, titel="T" * 250, toelichting="waarom")])
    taak = Taak.objects.get()
    assert (taak.status, taak.rol, taak.dossier, taak.gemeente) == (TaakStatus.OPEN, FM, dossier, gemeente_a)
    assert taak.titel == "T" * 200 and taak.toelichting == "waarom"
    assert taak.afgehandeld_op is None and taak.afgehandeld_door is None


def test_closing_stores_who_when_and_how(gemeente_a, fm):
    taken_raise([nieuw(gemeente_a, "k")])
    before = timezone.now()
    taak = taak_resolve(taak=Taak.objects.get(), actor=fm, afhandeling="  Huur betaald via de gemeente.  ")
    assert taak.status == TaakStatus.AFGEHANDELD
    assert taak.afgehandeld_door == fm and taak.afhandeling == "Huur betaald via de gemeente."
    assert before <= taak.afgehandeld_op <= timezone.now()


def test_closing_twice_is_a_stale_transition_and_keeps_the_first(gemeente_a, fm):
    taken_raise([nieuw(gemeente_a, "k")])
    stale = Taak.objects.get()
    taak_resolve(taak=Taak.objects.get(), actor=fm, afhandeling="eerste")
    with pytest.raises(StaleTransition):
        taak_resolve(taak=stale, actor=fm, afhandeling="tweede")
    assert Taak.objects.get().afhandeling == "eerste"


@pytest.mark.parametrize("who", ["other-role", "other-gemeente"])
def test_only_the_role_in_the_gemeente_closes_it(gemeente_a, gemeente_b, klantregisseur, who):
    actor = klantregisseur if who == "other-role" else UserFactory(roles=[FM], gemeenten=[gemeente_b])
    taken_raise([nieuw(gemeente_a, "k")])
    with pytest.raises(DomainError) as error:
        taak_resolve(taak=Taak.objects.get(), actor=actor, afhandeling="x")
    assert error.value.code == "forbidden"
    assert Taak.objects.get().status == TaakStatus.OPEN


def test_closing_needs_a_note(gemeente_a, fm):
    taken_raise([nieuw(gemeente_a, "k")])
    with pytest.raises(DomainError) as error:
        taak_resolve(taak=Taak.objects.get(), actor=fm, afhandeling="   ")
    assert error.value.field == "afhandeling"
    assert Taak.objects.get().status == TaakStatus.OPEN


# --- selectors ---------------------------------------------------------------------------------------


def test_a_user_sees_the_tasks_of_their_roles_in_their_gemeenten(gemeente_a, gemeente_b, fm):
    taken_raise(
        [
            nieuw(gemeente_a, "mine"),
            nieuw(gemeente_a, "other-role", rol=Role.KLANTREGISSEUR),
            nieuw(gemeente_b, "other-gemeente"),
        ]
    )
    assert set(taken_for_user(user=fm).values_list("sleutel", flat=True)) == {"mine"}
    both = UserFactory(roles=[FM, Role.KLANTREGISSEUR], gemeenten=[gemeente_a])
    assert set(taken_for_user(user=both).values_list("sleutel", flat=True)) == {"mine", "other-role"}
    aanbieder = UserFactory(roles=[Role.AANBIEDER, FM], aanbieder=AanbiederFactory())
    assert not taken_for_user(user=aanbieder).exists()
    other = Taak.objects.get(sleutel="other-gemeente")
    with pytest.raises(Exception) as error:
        taak_get_for_user(user=fm, uuid_=other.uuid)
    assert error.type.__name__ == "Http404"


def test_the_count_of_open_tasks_stops_at_the_limit(gemeente_a, fm):
    taken_raise([nieuw(gemeente_a, f"k{i}") for i in range(5)])
    taak_resolve(taak=Taak.objects.get(sleutel="k0"), actor=fm, afhandeling="x")
    assert open_taken_count(user=fm) == 4
    assert open_taken_count(user=fm, limit=3) == 3


# --- views -------------------------------------------------------------------------------------------


def test_the_list_shows_open_tasks_filters_and_logs_the_dossiers(verified_client, gemeente_a, fm):
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam="Haddad")
    taken_raise(
        [
            nieuw(gemeente_a, "a", dossier=dossier, titel="Niet in de betaalrun: Haddad"),
            nieuw(gemeente_a, "b", soort=TaakSoort.BETALING_GEWEIGERD, titel="Geweigerd door de bank"),
            nieuw(gemeente_a, "c", titel="Al gedaan"),
        ]
    )
    taak_resolve(taak=Taak.objects.get(sleutel="c"), actor=fm, afhandeling="x")
    client = verified_client(fm)

    html = client.get(reverse("taken:taken")).content.decode()
    assert "Niet in de betaalrun: Haddad" in html and "Geweigerd door de bank" in html
    assert "Al gedaan" not in html  # open tasks by default
    logged = Verwerking.objects.filter(action=Action.LIST, subject="taken")
    assert set(logged.values_list("dossier_id", flat=True)) == {dossier.pk}

    html = client.get(reverse("taken:taken"), {"soort": TaakSoort.BETALING_GEWEIGERD}).content.decode()
    assert "Geweigerd door de bank" in html and "Haddad" not in html
    html = client.get(reverse("taken:taken"), {"status": TaakStatus.AFGEHANDELD}).content.decode()
    assert "Al gedaan" in html and "Geweigerd door de bank" not in html
    # An unknown filter value filters nothing away and is no error.
    response = client.get(reverse("taken:taken"), {"status": "bogus", "soort": "bogus"})
    assert response.status_code == 200 and len(response.context["rows"]) == 3


def test_closing_through_the_page_says_so_and_a_missing_note_is_named(verified_client, gemeente_a, fm):
    taken_raise([nieuw(gemeente_a, "k")])
    taak = Taak.objects.get()
    client = verified_client(fm)
    url = reverse("taken:afhandelen", args=[taak.uuid])

    response = client.post(url, {"afhandeling": ""}, follow=True)
    assert "Schrijf op hoe de taak is afgehandeld." in response.content.decode()
    assert Taak.objects.get().status == TaakStatus.OPEN

    response = client.post(url, {"afhandeling": "Gebeld met de verhuurder."}, follow=True)
    assert response.redirect_chain == [(reverse("taken:taken"), 302)]
    assert "De taak is afgehandeld." in response.content.decode()
    assert Taak.objects.get().afhandeling == "Gebeld met de verhuurder."

    response = client.post(url, {"afhandeling": "nog eens"}, follow=True)
    assert "Deze taak is al afgehandeld." in response.content.decode()


def test_an_aanbieder_has_no_task_page(verified_client):
    user = UserFactory(roles=[Role.AANBIEDER], aanbieder=AanbiederFactory())
    assert verified_client(user).get(reverse("taken:taken")).status_code == 403


def test_get_on_closing_is_not_allowed(verified_client, gemeente_a, fm):
    taken_raise([nieuw(gemeente_a, "k")])
    response = verified_client(fm).get(reverse("taken:afhandelen", args=[Taak.objects.get().uuid]))
    assert response.status_code == 405
    assert Taak.objects.get().status == TaakStatus.OPEN
