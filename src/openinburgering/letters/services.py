"""Storing generated letters. A stored document is never changed: a corrected letter is a new document."""

import hashlib
import re
from typing import Protocol

from django.db import transaction
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record

from .models import Document


class LetterSubject(Protocol):
    """What a letter is stored for: a dossier (dossiers.Dossier), known here by its keys only."""

    @property
    def pk(self) -> int: ...

    @property
    def inburgeraar_id(self) -> int: ...


# Letters, digits, dot, dash, underscore, space; ends in .pdf. It ends up in a Content-Disposition header.
_FILENAME = re.compile(r"^[\w][\w .-]{0,195}\.pdf\Z")


@transaction.atomic
def document_store(
    *, dossier: LetterSubject, kind: Document.Kind | str, title: str, filename: str, content: bytes, actor: User | None
) -> Document:
    """Store a generated PDF letter for a dossier, with its checksum; `actor` None is the system."""
    if kind not in Document.Kind.values:
        raise DomainError(_("Onbekende documentsoort: %(kind)s.") % {"kind": kind}, field="kind")
    if not content.startswith(b"%PDF-"):
        raise DomainError(_("Een document moet een PDF-bestand zijn."), field="content")
    if not _FILENAME.match(filename):
        raise DomainError(
            _("Een bestandsnaam bestaat uit letters, cijfers, spaties, punten en streepjes en eindigt op .pdf."),
            field="filename",
        )
    document = Document.objects.create(
        dossier_id=dossier.pk,
        kind=kind,
        title=title,
        filename=filename,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        created_by=actor,
    )
    logboek_record(
        actor=actor,
        action=Action.CREATE,
        purpose=Purpose.REGIE,
        subject=f"document {document.kind}"[:100],
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )
    return document
