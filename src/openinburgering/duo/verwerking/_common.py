"""What the processing of every gebeurtenis shares: the notificatie being processed (``Verwerking``), DUO's
answers stored as ``DuoStand``, the account the koppeling acts as, tasks and lines on the timeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.brp.client import BrpPersoon
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_koppeling_record
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.duo import Gebeurtenis
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from ..clients import DuoClients, DuoFoutmeldingen, DuoNietGeauthenticeerd, DuoNietGevonden, DuoTijdelijkeFout
from ..constants import NotificatieStatus
from ..models import DuoStand, DuoStandSoort, Notificatie

SYSTEEM_GEBRUIKER = "duo-koppeling"


class _Opnieuw(Exception):
    """A temporary fault: try this notificatie again later."""


@dataclass
class _Uitkomst:
    status: NotificatieStatus
    resultaat: str
    dossier: Dossier | None = None


class Verwerking:
    """One notificatie being processed: what DUO announced, the open dossier of the person (if any) and
    what was done so far."""

    def __init__(
        self,
        notificatie: Notificatie,
        gebeurtenis: Gebeurtenis,
        clients: DuoClients,
        brp: Callable[[str], BrpPersoon | None],
    ) -> None:
        self.n = notificatie
        self.g = gebeurtenis
        self.clients = clients
        self.brp = brp
        self.bsn = notificatie.bsn
        self.gedaan: list[str] = []
        self.dossier: Dossier | None = None

    # fetching --------------------------------------------------------------------------------------

    def fetch(self, soort: DuoStandSoort, get: Callable[..., Any]) -> Any:
        try:
            data = get(self.bsn)
        except (DuoTijdelijkeFout, DuoNietGeauthenticeerd) as exc:
            raise _Opnieuw(f"DUO: {exc}") from exc
        DuoStand.objects.update_or_create(
            bsn=self.bsn, soort=soort, defaults={"data": data, "opgehaald_op": timezone.now()}
        )
        return data

    def fetch_optional(self, soort: DuoStandSoort, get: Callable[..., Any]) -> Any:
        """A resource DUO may not have yet (no termijn, no exam): None instead of an error."""
        try:
            return self.fetch(soort, get)
        except (DuoNietGevonden, DuoFoutmeldingen):
            return None

    # tasks and the timeline ------------------------------------------------------------------------

    def taak_klantregisseur(self, titel: str, toelichting: str) -> None:
        assert self.dossier is not None
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=self.dossier.gemeente_id,
                    dossier_id=self.dossier.pk,
                    soort=TaakSoort.DUO_SIGNAAL,
                    rol=Role.KLANTREGISSEUR,
                    titel=titel[:200],
                    toelichting=toelichting,
                    sleutel=f"duo-notificatie-{self.n.bericht_id}",
                )
            ]
        )

    def event_once(self, action: str, summary: str) -> None:
        assert self.dossier is not None
        dossier_koppeling_record(dossier=self.dossier, bron="DUO", action=action, summary=summary, once=True)


def _event(dossier: Dossier, action: str, summary: str) -> None:
    """A line on the dossier's timeline by the koppeling, and the processing log (dossiers.services)."""
    dossier_koppeling_record(dossier=dossier, bron="DUO", action=action, summary=summary)


def _gemeenten_van_oin(oin: str) -> QuerySet[Gemeente]:
    """The gemeenten an OIN stands for: the gemeente with that OIN, or those of the uitvoeringsorganisatie."""
    eigen = Gemeente.objects.filter(oin=oin)
    if oin and eigen.exists():
        return eigen
    return Gemeente.objects.filter(uitvoeringsorganisatie__oin=oin).exclude(uitvoeringsorganisatie__oin="")


def systeem_gebruiker(gemeente: Gemeente) -> User:
    """The account the koppeling acts as: cannot log in, never listed, in scope of the gemeente it acts for."""
    user, _created = User.objects.get_or_create(
        username=SYSTEEM_GEBRUIKER, defaults={"first_name": "DUO-koppeling", "is_active": False}
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=Role.KLANTREGISSEUR)[0])
    if not user.gemeenten.filter(pk=gemeente.pk).exists():
        user.gemeenten.add(gemeente)
    return User.objects.get(pk=user.pk)  # fresh: roles and scope are cached per instance


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
