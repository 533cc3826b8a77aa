"""Storing a generated letter: checksum and size, the processing log, and only PDFs."""

import hashlib

import pytest

from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.factories import MINIMAL_PDF
from openinburgering.letters.models import Document
from openinburgering.letters.services import document_store
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking

pytestmark = pytest.mark.django_db


def test_document_store_keeps_bytes_checksum_and_logs(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    document = document_store(
        dossier=dossier,
        kind=Document.Kind.PIP_BESCHIKKING,
        title="Beschikking PIP",
        filename="beschikking-pip-D-0000001.pdf",
        content=MINIMAL_PDF,
        actor=klantregisseur,
    )
    document = Document.objects.get(pk=document.pk)
    assert bytes(document.content) == MINIMAL_PDF
    assert document.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert document.size == len(MINIMAL_PDF)
    assert document.created_by == klantregisseur
    assert list(dossier.documenten.all()) == [document]
    row = Verwerking.objects.get()
    assert (row.action, row.purpose, row.dossier_id, row.inburgeraar_id) == (
        Action.CREATE,
        Purpose.REGIE,
        dossier.pk,
        dossier.inburgeraar_id,
    )
    assert row.subject == "document pip_beschikking"


def test_document_store_by_the_system(gemeente_a):
    document = document_store(
        dossier=DossierFactory(gemeente=gemeente_a),
        kind="pip_beschikking",
        title="Beschikking PIP",
        filename="beschikking.pdf",
        content=MINIMAL_PDF,
        actor=None,
    )
    assert document.created_by is None
    assert Verwerking.objects.get().actor_label == "systeem"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"content": b"<html></html>"}, "content"),
        ({"filename": "../etc/passwd.pdf"}, "filename"),
        ({"filename": 'brief".pdf'}, "filename"),
        ({"filename": "brief.exe"}, "filename"),
        ({"kind": "onbekend"}, "kind"),
    ],
)
def test_document_store_refuses_what_is_not_a_pdf_letter(overrides, field, gemeente_a):
    arguments = {
        "dossier": DossierFactory(gemeente=gemeente_a),
        "kind": Document.Kind.PIP_BESCHIKKING,
        "title": "Beschikking PIP",
        "filename": "beschikking.pdf",
        "content": MINIMAL_PDF,
        "actor": None,
        **overrides,
    }
    with pytest.raises(DomainError) as caught:
        document_store(**arguments)
    assert caught.value.field == field
    assert not Document.objects.exists() and not Verwerking.objects.exists()
