"""A dossier's letters: the context of a letter to its inburgeraar, and its stored documents.

letters/ renders and stores what it is given; what a letter says about a dossier (the address, the
greeting, the kenmerk) and who may read a stored document (the dossier's scope) are known here.
"""

import uuid
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.letters.models import Document
from openinburgering.letters.selectors import letter_template_for

from .constants import Geslacht
from .models import Dossier, Inburgeraar
from .selectors import dossiers_for_user


def postal_address_lines(inburgeraar: Inburgeraar) -> list[str]:
    """The address as PostNL wants it in a window: "Straat 12" and "1234 AB  PLAATS" (two spaces, capitals)."""
    street = f"{inburgeraar.straat} {inburgeraar.huisnummer}".strip()
    postcode = inburgeraar.postcode.replace(" ", "").upper()
    if len(postcode) == 6:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    place = f"{postcode}  {inburgeraar.woonplaats.upper()}".strip()
    return [line for line in (street, place) if line]


def aanhef_for(inburgeraar: Inburgeraar) -> str:
    """How the letter greets the person: "heer Haddad", "mevrouw Haddad", or the full name."""
    if inburgeraar.geslacht == Geslacht.MAN:
        return _("heer %(naam)s") % {"naam": inburgeraar.achternaam}
    if inburgeraar.geslacht == Geslacht.VROUW:
        return _("mevrouw %(naam)s") % {"naam": inburgeraar.achternaam}
    return inburgeraar.naam


def letter_context_for(
    *, dossier: Dossier, onderwerp: str, kenmerk: str = "", datum: date | None = None
) -> dict[str, object]:
    """The context letters/base_letter.html expects, for a letter to the dossier's inburgeraar."""
    inburgeraar = dossier.inburgeraar
    return {
        "letter_template": letter_template_for(dossier.gemeente),
        "addressee_name": inburgeraar.naam,
        "addressee_lines": postal_address_lines(inburgeraar),
        "datum": datum or timezone.localdate(),
        "kenmerk": kenmerk or dossier.kenmerk,
        "onderwerp": onderwerp,
    }


def documents_for_user(*, user: User) -> QuerySet[Document]:
    """Documents of dossiers in the user's scope, without their content (read it per document)."""
    return (
        Document.objects.filter(dossier__in=dossiers_for_user(user=user).values("pk"))
        .select_related("dossier")
        .defer("content")
    )


def document_get_for_user(*, user: User, uuid_: uuid.UUID) -> Document:
    """One document with its content, or 404 when its dossier is outside the user's scope."""
    try:
        return Document.objects.select_related("dossier").get(
            uuid=uuid_, dossier__in=dossiers_for_user(user=user).values("pk")
        )
    except Document.DoesNotExist as exc:
        raise Http404("Document niet gevonden") from exc
