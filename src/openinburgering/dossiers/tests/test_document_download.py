"""Downloading a stored letter: only within the user's scope (404 outside it), and always logged."""

import pytest
from django.urls import reverse

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.factories import DocumentFactory, DossierFactory
from openinburgering.letters.factories import MINIMAL_PDF
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(gemeente_a):
    return DocumentFactory(dossier=DossierFactory(gemeente=gemeente_a), filename="beschikking-pip.pdf")


def url(document, **query):
    base = reverse("letters:document_download", args=[document.uuid])
    return f"{base}?inline=1" if query.get("inline") else base


def test_download_in_scope(kr_client, klantregisseur, document):
    response = kr_client.get(url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="beschikking-pip.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content == MINIMAL_PDF
    row = Verwerking.objects.get()
    assert (row.actor, row.action, row.purpose) == (klantregisseur, Action.VIEW, Purpose.REGIE)
    assert (row.dossier_id, row.inburgeraar_id) == (document.dossier_id, document.dossier.inburgeraar_id)
    assert row.subject.startswith("document-download pip_beschikking")


def test_inline_preview(kr_client, document):
    response = kr_client.get(url(document, inline=True))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="beschikking-pip.pdf"'
    assert Verwerking.objects.get().subject.startswith("document-inzien")


def test_out_of_scope_is_404_and_not_logged(verified_client, klantregisseur_b, document):
    response = verified_client(klantregisseur_b).get(url(document))
    assert response.status_code == 404
    assert not Verwerking.objects.exists()


def test_unknown_document_is_404(kr_client):
    assert (
        kr_client.get(reverse("letters:document_download", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )


def test_aanbieder_user_is_refused(verified_client, document):
    user = UserFactory(roles=[Role.AANBIEDER], aanbieder=AanbiederFactory())
    assert verified_client(user).get(url(document)).status_code == 403
    assert not Verwerking.objects.exists()


def test_anonymous_is_sent_to_login(client, document):
    assert client.get(url(document)).status_code == 302
