"""Reads for letters: a gemeente's letter template (or a default), a letter's context, documents in scope."""

import uuid
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.dossiers.constants import Geslacht
from openinburgering.dossiers.models import Dossier, Inburgeraar
from openinburgering.dossiers.selectors import dossiers_for_user
from openinburgering.gemeenten.models import Gemeente

from .models import ALL_CONTACT_DETAILS, Document, LetterTemplate, LetterTemplateIncomplete


def letter_template_for(gemeente: Gemeente) -> LetterTemplate:
    """The gemeente's letter template, complete with the contact details every letter needs.

    Raises LetterTemplateIncomplete (a DomainError naming what is missing) when the gemeente has no
    template or its template lacks the postal address, phone number, e-mail address or bezwaar address:
    a letter without them leaves the inburgeraar no way to answer, call or object.
    """
    try:
        letter_template = LetterTemplate.objects.select_related("gemeente").get(gemeente=gemeente)
    except LetterTemplate.DoesNotExist:
        raise LetterTemplateIncomplete(gemeente, [str(item) for item in ALL_CONTACT_DETAILS]) from None
    letter_template.require_complete()
    return letter_template


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
