"""The functioneel beheerder keeps the letter templates of the gemeenten in scope, and previews them."""

import pytest
from django.urls import reverse

import openinburgering.letters.admin  # noqa: F401 - registers the admin also where autodiscovery is off
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.letters.factories import LetterTemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(verified_client, gemeente_a):
    user = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a], is_staff=True)
    return verified_client(user)


def test_changelist_shows_only_templates_in_scope(beheerder_client, gemeente_a, gemeente_b):
    own = LetterTemplateFactory(gemeente=gemeente_a)
    other = LetterTemplateFactory(gemeente=gemeente_b)
    response = beheerder_client.get(reverse("admin:letters_lettertemplate_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [own]
    assert beheerder_client.get(reverse("admin:letters_lettertemplate_change", args=[other.pk])).status_code == 302


def test_add_form_offers_only_gemeenten_in_scope(beheerder_client, gemeente_a, gemeente_b):
    response = beheerder_client.get(reverse("admin:letters_lettertemplate_add"))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields["gemeente"].queryset) == [gemeente_a]


def test_preview_action_renders_a_pdf(beheerder_client, gemeente_a):
    letter_template = LetterTemplateFactory(gemeente=gemeente_a)
    response = beheerder_client.post(
        reverse("admin:letters_lettertemplate_changelist"),
        {"action": "preview", "_selected_action": [letter_template.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_gemeenten_list_shows_which_gemeenten_cannot_send_letters(beheerder_client, gemeente_a, django_user_model):
    from openinburgering.gemeenten.factories import GemeenteFactory
    from openinburgering.letters.models import LetterTemplate

    zonder = GemeenteFactory(naam="Zonderbrief", letter_template=None)
    onvolledig = GemeenteFactory(naam="Halfbrief")
    LetterTemplate.objects.filter(gemeente=onvolledig).update(telefoon="", email="")
    user = django_user_model.objects.get(gemeenten=gemeente_a, is_staff=True)
    user.gemeenten.add(zonder, onvolledig)

    html = beheerder_client.get(reverse("admin:gemeenten_gemeente_changelist")).content.decode()

    assert "Geen briefsjabloon: er kunnen geen brieven worden gemaakt" in html
    assert "Ontbreekt: telefoonnummer, e-mailadres" in html
    assert "Compleet" in html  # gemeente_a


def test_template_list_names_what_is_missing(beheerder_client, gemeente_a):
    from openinburgering.letters.models import LetterTemplate

    LetterTemplate.objects.filter(gemeente=gemeente_a).update(bezwaar_adres="Het college")
    html = beheerder_client.get(reverse("admin:letters_lettertemplate_changelist")).content.decode()
    assert "adres voor bezwaar (met postcode)" in html


def test_preview_of_an_incomplete_template_names_what_is_missing(beheerder_client, gemeente_a):
    from openinburgering.letters.models import LetterTemplate

    LetterTemplate.objects.filter(gemeente=gemeente_a).update(telefoon="")
    letter_template = LetterTemplate.objects.get(gemeente=gemeente_a)
    response = beheerder_client.post(
        reverse("admin:letters_lettertemplate_changelist"),
        {"action": "preview", "_selected_action": [letter_template.pk]},
        follow=True,
    )
    assert response["Content-Type"].startswith("text/html")
    assert "in het briefsjabloon ontbreekt telefoonnummer" in response.content.decode()
