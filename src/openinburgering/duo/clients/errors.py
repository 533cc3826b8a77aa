"""Exceptions raised by the DUO clients.

Every exception is a :class:`DuoFout` carrying the HTTP status (``None`` when no response
arrived), the ``berichtId`` of the request and DUO's ``fouttekst`` (the texts joined, empty
when DUO gave none). The outbox decides from the class whether to retry.
"""

from __future__ import annotations

from datetime import timedelta


class DuoFout(Exception):
    """Base class: something went wrong exchanging a message with DUO."""

    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None,
        bericht_id: str,
        foutteksten: tuple[str, ...] = (),
        retry_after: timedelta | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.bericht_id = bericht_id
        self.foutteksten = foutteksten
        self.retry_after = retry_after  # the answer's Retry-After (as sent; the caller caps it), if any

    @property
    def fouttekst(self) -> str:
        """DUO's fouttekst(en), one per line; empty when the response carried none."""
        return "\n".join(self.foutteksten)


class DuoFoutmeldingen(DuoFout):
    """DUO refused the request functionally (400, or 403 with Foutmeldingen): do not retry as is.

    ``foutteksten`` holds DUO's ``fouttekst`` values, to be shown to the klantregisseur.
    """


class DuoNietGeautoriseerd(DuoFoutmeldingen):
    """403 Niet geautoriseerd.

    DUO's specs put the Foutmeldingen of a rejected mutation (its acceptance rules) in the 403
    body, so this is a :class:`DuoFoutmeldingen` too; without a body it means the OIN or
    certificate is not authorised for this person or API.
    """


class DuoNietGeauthenticeerd(DuoFout):
    """401: the client certificate or OIN was not accepted."""


class DuoNietGevonden(DuoFout):
    """404 Niet gevonden: the person or resource is not known at DUO (or not for this gemeente)."""


class DuoOnverwachtAntwoord(DuoFout):
    """A status code or body the spec does not describe."""


class DuoTijdelijkeFout(DuoFout):
    """5xx, 408, timeout or connection error: retry later with the same ``berichtId``."""

    retryable = True


class DuoTeVeelVerzoeken(DuoTijdelijkeFout):
    """429 Too Many Requests (DUO or a gateway in front of it): send nothing before ``retry_after``."""


class DuoGatewayAntwoord(DuoTijdelijkeFout):
    """A non-5xx answer without the ``API-Version`` header that every answer of DUO's APIs carries: it came
    from a gateway or proxy in front of DUO (maintenance page, rate limiter, expired route), not from DUO's
    API, so DUO did not handle the message. Retried with the same ``berichtId``."""


class DuoConflict(DuoFout):
    """409 Conflict. DUO's specs document no 409 for any API; HTTP means "conflicts with the resource's
    current state": a concurrent change of the same person at DUO clears by itself, a lasting conflict
    needs a person. The outbox retries a few times, then stops (see ``DUO_OUTBOX_CONFLICT_POGINGEN``)."""

    retryable = True


class DuoVersieFout(DuoFout):
    """The ``API-Version`` response header is missing or its MAJOR differs from ours."""
