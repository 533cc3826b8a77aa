"""Django's minimum-length check with its message in Dutch: Django 5.2 changed that message's text and its Dutch
catalogue has not caught up, so a user choosing a password (a learner replacing the start code, too) read English."""

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Het moet ten minste %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet ten minste %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}
