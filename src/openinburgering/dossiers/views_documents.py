"""A stored letter of a dossier, for whoever may see the dossier."""

import uuid

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from openinburgering.accounts.constants import DOSSIER_ROLES
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record

from .documents import document_get_for_user


@role_required(*DOSSIER_ROLES)
@require_GET
def document_download(request: AuthenticatedHttpRequest, uuid: uuid.UUID) -> HttpResponse:
    """A stored letter as PDF: a download, or with ?inline=1 for the browser's PDF viewer (preview)."""
    document = document_get_for_user(user=request.user, uuid_=uuid)
    inline = request.GET.get("inline") == "1"
    logboek_record(
        actor=request.user,
        action=Action.VIEW,
        purpose=Purpose.REGIE,
        subject=f"document-{'inzien' if inline else 'download'} {document.kind} {document.uuid}"[:100],
        inburgeraar_id=document.dossier.inburgeraar_id,
        dossier_id=document.dossier_id,
    )
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=not inline, filename=document.filename)
    if disposition:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"  # personal data: no copies in shared or browser caches
    return response
