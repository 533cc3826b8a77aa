"""Reads of PIPs: every read a user triggers goes through the user's scope; the deadline engine's facts."""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.dossiers.constants import Status as DossierStatus
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossiers_for_user
from openinburgering.logboek.constants import Action
from openinburgering.logboek.models import Verwerking

from .models import DECIDED_PIP_STATUSES, OPEN_PIP_STATUSES, Informatieverzoek, Pip, PipAanbod, PipStatus


def pips_for_user(*, user: User) -> QuerySet[Pip]:
    """PIP versions of dossiers in the user's scope."""
    return Pip.objects.filter(dossier__in=dossiers_for_user(user=user).values("pk")).select_related(
        "dossier", "dossier__inburgeraar", "dossier__gemeente", "drafted_by", "submitted_by", "approved_by"
    )


def pip_version_get_for_user(*, user: User, dossier: Dossier, versie: int) -> Pip:
    """One version of a dossier's PIP, or 404 (also when the dossier is outside the user's scope)."""
    try:
        return pips_for_user(user=user).get(dossier=dossier, versie=versie)
    except Pip.DoesNotExist as exc:
        raise Http404("PIP niet gevonden") from exc


def pip_versions(*, dossier: Dossier) -> QuerySet[Pip]:
    """Every version of the dossier's PIP, newest first."""
    return dossier.pips.select_related("drafted_by", "submitted_by", "approved_by", "beschikking").order_by("-versie")


def pip_current(*, dossier: Dossier) -> Pip | None:
    """The vastgesteld version in force, if any."""
    return pip_versions(dossier=dossier).filter(status=PipStatus.VASTGESTELD).first()


def pip_open(*, dossier: Dossier) -> Pip | None:
    """The version being drafted or awaiting sign-off, if any (at most one per dossier)."""
    return pip_versions(dossier=dossier).filter(status__in=OPEN_PIP_STATUSES).first()


def pip_aanbod(*, pip: Pip) -> QuerySet[PipAanbod]:
    return pip.aanbod.select_related("instelling").order_by("datum_inburgeringsaanbod", "pk")


def informatieverzoeken(*, dossier: Dossier) -> QuerySet[Informatieverzoek]:
    return dossier.informatieverzoeken.select_related("created_by").order_by("aangevraagd_op", "pk")


def may_approve(*, pip: Pip, user: User) -> bool:
    """Whether `user` may sign this version off: a teamleider who neither drafted nor submitted it (four-eyes)."""
    return (
        pip.status == PipStatus.TER_ACCORDERING
        and user.has_role(Role.TEAMLEIDER)
        and user.pk not in (pip.drafted_by_id, pip.submitted_by_id)
    )


def pips_ter_accordering_for_user(*, user: User) -> QuerySet[Pip]:
    """The teamleider's queue: versions awaiting sign-off in the user's scope, oldest first.

    Own versions are listed too, with `is_own` True: the user cannot approve those (four-eyes).
    """
    is_own = Q(drafted_by=user) | Q(submitted_by=user)
    return (
        pips_for_user(user=user)
        .filter(status=PipStatus.TER_ACCORDERING)
        .annotate(is_own=ExpressionWrapper(is_own, output_field=BooleanField()))
        .order_by("submitted_at", "pk")
    )


# --- facts for the deadline engine (termijnen) -----------------------------------------------


@dataclass(frozen=True)
class PipTermijnFacts:
    eerste_pip_dagtekening: date | None  # of the person's first vastgesteld PIP in this dossier
    laatste_pip_bekendmaking: date | None  # of the latest vastgesteld version
    information_requested: date | None  # earliest request to a third party before the first PIP (Bi 5.3(2))
    information_received: date | None  # when its information arrived; None while any such request is open


def pip_termijn_facts(*, dossier: Dossier) -> PipTermijnFacts:
    decided = dossier.pips.filter(status__in=DECIDED_PIP_STATUSES)
    first = decided.order_by("versie").values_list("dagtekening", flat=True).first()
    latest = decided.order_by("-versie").values_list("bekendmaking", "dagtekening").first()
    verzoeken = dossier.informatieverzoeken.all()
    if first is not None:
        verzoeken = verzoeken.filter(aangevraagd_op__lt=first)
    requested: date | None = None
    received: date | None = None
    dates = list(verzoeken.values_list("aangevraagd_op", "ontvangen_op"))
    if dates:
        requested = min(asked for asked, _ in dates)
        arrived = [got for _, got in dates]
        received = None if any(got is None for got in arrived) else max(got for got in arrived if got is not None)
    return PipTermijnFacts(
        eerste_pip_dagtekening=first,
        laatste_pip_bekendmaking=(latest[0] or latest[1]) if latest else None,
        information_requested=requested,
        information_received=received,
    )


# --- facts for the rules ---------------------------------------------------------------------


def first_decided_pip(*, dossier: Dossier) -> Pip | None:
    """The version whose dagtekening started the inburgeringstermijn (Wi 11(1); Wi 11(3): it never moves).

    The first vastgesteld version in this dossier; without one, the first in an earlier dossier of
    the same person that was handed over to this gemeente's predecessor (warme overdracht: the term
    keeps running, Wi 15(4)).
    """
    own = dossier.pips.filter(status__in=DECIDED_PIP_STATUSES).order_by("versie").first()
    if own is not None:
        return own
    handed_over = Dossier.objects.filter(
        inburgeraar_id=dossier.inburgeraar_id, status=DossierStatus.OVERGEDRAGEN, created_at__lt=dossier.created_at
    )
    return (
        Pip.objects.filter(dossier__in=handed_over, status__in=DECIDED_PIP_STATUSES)
        .exclude(inburgeringstermijn_start__isnull=True)
        .order_by("dagtekening", "versie")
        .first()
    )


def preview_subject(pip: Pip) -> str:
    """The processing-log subject of a view of this version's concept letter (pip.views.preview)."""
    return f"pip-voorbeeld {pip.versie}"


def letter_viewed(*, pip: Pip, user: User) -> bool:
    """Whether `user` opened this version's concept letter since it was (last) offered for sign-off.

    The evidence is the processing-log row the preview writes when it serves the letter: recorded on the
    server, in the same transaction as the response's read, and never changed afterwards."""
    if pip.submitted_at is None:
        return False
    return Verwerking.objects.filter(
        actor=user,
        dossier_id=pip.dossier_id,
        action=Action.VIEW,
        subject=preview_subject(pip),
        at__gte=pip.submitted_at,
    ).exists()
