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
