"""Reads for letters: a gemeente's letter template, complete with the details every letter needs.

The context of one letter (addressee, kenmerk) is built by the app that sends it; for a letter to a
dossier's inburgeraar that is dossiers/documents.py.
"""

from openinburgering.gemeenten.models import Gemeente

from .models import ALL_CONTACT_DETAILS, LetterTemplate, LetterTemplateIncomplete


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
