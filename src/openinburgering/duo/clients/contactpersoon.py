"""Contactpersoon API (SDI014): the gemeente's contactpersoon for an inburgeraar."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn


class Contactpersoongegevens(TypedDict):
    naam: str
    email: str
    telefoonnummer: str


class Contactpersoon(TypedDict):
    id: NotRequired[int]
    contactpersoongegevens: Contactpersoongegevens


def _id(contactpersoon_id: int) -> int:
    if not 1 <= contactpersoon_id <= 99999:
        raise ValueError(f"contactpersoon id must be 1..99999, got {contactpersoon_id}")
    return contactpersoon_id


class ContactpersoonClient(DuoClient):
    API_NAME = "Contactpersoon"
    SPEC_VERSION = "1.0.0"

    def post_contactpersoon(self, gegevens: Contactpersoongegevens, *, bericht_id: str | None = None) -> Contactpersoon:
        """createContactpersoon: register a contactpersoon; DUO answers with its id."""
        body: Any = self._request("POST", "/contactpersonen", json=gegevens, bericht_id=bericht_id)
        return cast(Contactpersoon, body)

    def put_contactpersoon(
        self, contactpersoon_id: int, gegevens: Contactpersoongegevens, *, bericht_id: str | None = None
    ) -> None:
        """updateContactpersoonById."""
        self._request("PUT", f"/contactpersonen/{_id(contactpersoon_id)}", json=gegevens, bericht_id=bericht_id)

    def delete_contactpersoon(self, contactpersoon_id: int, *, bericht_id: str | None = None) -> None:
        """deleteContactpersoonById: also removes its links with inburgeringsplichtigen."""
        self._request("DELETE", f"/contactpersonen/{_id(contactpersoon_id)}", bericht_id=bericht_id)

    def post_contactpersoon_persoon(self, contactpersoon_id: int, bsn: str, *, bericht_id: str | None = None) -> None:
        """postContactpersoonByBsn: link the contactpersoon to a person (replaces an existing link)."""
        path = f"/contactpersonen/{_id(contactpersoon_id)}/personen/{check_bsn(bsn)}"
        self._request("POST", path, bericht_id=bericht_id)

    def delete_contactpersoon_persoon(self, contactpersoon_id: int, bsn: str, *, bericht_id: str | None = None) -> None:
        """deleteContactpersoonByBsn: unlink the contactpersoon from a person."""
        path = f"/contactpersonen/{_id(contactpersoon_id)}/personen/{check_bsn(bsn)}"
        self._request("DELETE", path, bericht_id=bericht_id)
