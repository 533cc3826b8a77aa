"""The person's contactpersoon at DUO (Contactpersoon API): the dossier's klantregisseur, registered at DUO
and coupled to the person. The rows are voortgang's models (DuoContactpersoon, ContactpersoonKoppeling); the
messages are placed here, in the transaction of the change.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.duo_messages import violation_message
from openinburgering.dossiers.models import Dossier
from openinburgering.rules.duo_acceptatie import contactpersoon_violations
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise
from openinburgering.voortgang.models import ContactpersoonKoppeling, DuoContactpersoon

from .models import DuoBerichtStatus
from .outbox import outbox_add

logger = logging.getLogger(__name__)


def contactpersoon_gegevens(*, user: User, gemeente_id: int) -> dict[str, str]:
    """What DUO gets for a contactpersoon (Contactpersoongegevens): the user's name and e-mail, and the
    gemeente's telephone number from its letter template (we keep no personal numbers)."""
    from openinburgering.letters.models import LetterTemplate

    telefoon = LetterTemplate.objects.filter(gemeente_id=gemeente_id).values_list("telefoon", flat=True).first() or ""
    return {
        "naam": (user.get_full_name() or user.username).strip(),
        "email": user.email.strip(),
        "telefoonnummer": telefoon.strip(),
    }


def _contactpersoon_for(*, user: User, gemeente_id: int) -> DuoContactpersoon | None:
    """The user as DUO's contactpersoon for the gemeente; registered at DUO (POST) if that was not done yet.

    None when DUO would refuse the user's data: a task for the functioneel beheerder says what is missing.
    """
    existing = DuoContactpersoon.objects.filter(gemeente_id=gemeente_id, user=user).select_related("aanmelding").first()
    if existing is not None and (
        existing.duo_id is not None
        or (existing.aanmelding is not None and existing.aanmelding.status != DuoBerichtStatus.VERVALLEN)
    ):
        return existing
    gegevens = contactpersoon_gegevens(user=user, gemeente_id=gemeente_id)
    violations = contactpersoon_violations(**gegevens)
    if violations:
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=gemeente_id,
                    soort=TaakSoort.DUO_VASTGELOPEN,
                    rol=Role.FUNCTIONEEL_BEHEERDER,
                    titel=_("%(naam)s kan niet als contactpersoon aan DUO worden gemeld") % {"naam": user},
                    toelichting="\n".join(violation_message(v) for v in violations)
                    + "\n"
                    + _(
                        "Vul de gegevens van de gebruiker (naam, e-mailadres) of het telefoonnummer in het "
                        "briefsjabloon van de gemeente aan en wijs de klantregisseur opnieuw toe."
                    ),
                    sleutel=f"duo:contactpersoon:{gemeente_id}:{user.pk}",
                )
            ]
        )
        return None
    aanmelding = outbox_add(
        dossier=None,
        api="contactpersoon",
        operatie="post_contactpersoon",
        args={"gegevens": gegevens},
        gemeente_id=gemeente_id,
    )
    if existing is not None:
        existing.aanmelding, existing.gegevens = aanmelding, gegevens
        existing.save(update_fields=["aanmelding", "gegevens"])
        return existing
    return DuoContactpersoon.objects.create(
        gemeente_id=gemeente_id, user=user, gegevens=gegevens, aanmelding=aanmelding
    )


def _koppel(koppeling: ContactpersoonKoppeling, dossier: Dossier) -> None:
    """Place the message that makes DUO's coupling match `koppeling.gewenst`, if its DUO id is known."""
    gewenst = koppeling.gewenst
    bsn = dossier.inburgeraar.bsn
    if gewenst is None:
        if koppeling.gekoppeld_duo_id is not None:
            outbox_add(
                dossier=dossier,
                api="contactpersoon",
                operatie="delete_contactpersoon_persoon",
                args={"contactpersoon_id": koppeling.gekoppeld_duo_id, "bsn": bsn},
            )
            koppeling.gekoppeld_duo_id = None
    elif gewenst.duo_id is not None and koppeling.gekoppeld_duo_id != gewenst.duo_id:
        # Coupling replaces DUO's earlier coupling with another contactpersoon (README, Contactpersoon).
        outbox_add(
            dossier=dossier,
            api="contactpersoon",
            operatie="post_contactpersoon_persoon",
            args={"contactpersoon_id": gewenst.duo_id, "bsn": bsn},
        )
        koppeling.gekoppeld_duo_id = gewenst.duo_id
    koppeling.save()


def contactpersoon_link(*, dossier: Dossier, klantregisseur: User | None) -> None:
    """The dossier's klantregisseur becomes the person's contactpersoon at DUO; None uncouples.

    Runs inside the transaction that changes the klantregisseur (dossiers.services.dossier_assign announces
    KlantregisseurGewijzigd; keten.klantregisseur_gewijzigd calls this).
    A user DUO does not know yet is registered first; the coupling follows once DUO has answered
    with the id (contactpersonen_process).
    """
    koppeling, _created = ContactpersoonKoppeling.objects.get_or_create(dossier=dossier)
    koppeling.gewenst = (
        _contactpersoon_for(user=klantregisseur, gemeente_id=dossier.gemeente_id) if klantregisseur else None
    )
    _koppel(koppeling, dossier)


def contactpersonen_process() -> int:
    """Take the ids from DUO's answers to our POST /contactpersonen and place the couplings that waited
    for them. Idempotent; run it after the outbox worker (worker.outbox_run does). Returns how many ids were learnt."""
    learnt = 0
    pending = DuoContactpersoon.objects.filter(duo_id__isnull=True, aanmelding__status=DuoBerichtStatus.VERZONDEN)
    for contactpersoon in pending.select_related("aanmelding"):
        antwoord = contactpersoon.aanmelding.antwoord if contactpersoon.aanmelding else None
        duo_id = antwoord.get("id") if isinstance(antwoord, dict) else None
        if not isinstance(duo_id, int):
            logger.warning("DUO gaf geen id voor contactpersoon %s", contactpersoon.pk)
            continue
        with transaction.atomic():
            if DuoContactpersoon.objects.filter(pk=contactpersoon.pk, duo_id__isnull=True).update(duo_id=duo_id) != 1:
                continue
            contactpersoon.duo_id = duo_id
            learnt += 1
            for koppeling in ContactpersoonKoppeling.objects.filter(gewenst=contactpersoon).select_related(
                "dossier__inburgeraar", "gewenst"
            ):
                if koppeling.dossier.is_open:
                    _koppel(koppeling, koppeling.dossier)
    return learnt
