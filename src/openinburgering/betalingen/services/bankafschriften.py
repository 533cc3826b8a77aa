"""The bank's answer (camt.053 / camt.054): lines paid or rejected; a rejected line released to be paid again."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from .. import camt
from ..constants import BETAALRUN_ROLES, RegelStatus, RunStatus
from ..models import Afrekening, Bankafschrift, Betaalregel, Betaalrun
from ._common import _euro, _require_role


@dataclass(frozen=True)
class Bijzonderheid:
    end_to_end_id: str
    melding: str


@transaction.atomic
def bankafschrift_import(*, actor: User, bestandsnaam: str, content: bytes) -> Bankafschrift:
    """Mark lines paid or rejected from a camt.053/.054 file; a rejection becomes a task with the bank's reason.

    Only lines of exported runs in the user's gemeenten are touched; anything else in the file is
    reported as unknown (never revealing whether it belongs to another gemeente). A file is read once.
    """
    if not actor.has_role(*BETAALRUN_ROLES):
        raise DomainError(_("Alleen een financieel medewerker kan bankafschriften inlezen."), code="forbidden")
    sha = hashlib.sha256(content).hexdigest()
    earlier = Bankafschrift.objects.filter(sha256=sha).first()
    if earlier:
        raise DomainError(
            _("Dit bestand is al ingelezen op %(datum)s.")
            % {"datum": date_format(timezone.localtime(earlier.created_at), "j F Y H:i")},
            field="bestand",
        )
    try:
        meldingen = camt.parse_camt(content)
    except camt.CamtError as exc:
        raise DomainError(str(exc), field="bestand") from exc
    regels = {
        r.end_to_end_id: r
        for r in Betaalregel.objects.select_for_update()
        .filter(
            end_to_end_id__in={m.end_to_end_id for m in meldingen},
            gemeente_id__in=actor.scope.gemeente_ids,
            betaalrun__status__in=(RunStatus.GEEXPORTEERD, RunStatus.VERWERKT),
        )
        .only("pk", "end_to_end_id", "bedrag", "status", "gemeente_id", "afrekening_id", "betaalrun_id")
    }
    bijzonderheden: list[Bijzonderheid] = []
    betaald: dict[date | None, list[int]] = defaultdict(list)
    geweigerd: list[tuple[Betaalregel, camt.BankMelding]] = []
    for melding in meldingen:
        regel = regels.get(melding.end_to_end_id)
        if regel is None:
            bijzonderheden.append(Bijzonderheid(melding.end_to_end_id, _("Onbekende betaling")))
        elif melding.bedrag != regel.bedrag:
            bijzonderheden.append(
                Bijzonderheid(
                    melding.end_to_end_id,
                    _("Bedrag wijkt af: bank %(bank)s, betaalrun %(run)s")
                    % {"bank": _euro(melding.bedrag), "run": _euro(regel.bedrag)},
                )
            )
        elif melding.uitkomst == camt.Uitkomst.GEWEIGERD:
            geweigerd.append((regel, melding))
        elif regel.status == RegelStatus.OPEN:
            betaald[melding.boekdatum].append(regel.pk)
    today = timezone.localdate()
    # A payment booked and returned in the same file counts as rejected only.
    returned = {regel.pk for regel, _melding in geweigerd}
    betaald = {day: [pk for pk in ids if pk not in returned] for day, ids in betaald.items()}
    for boekdatum, ids in betaald.items():
        Betaalregel.objects.filter(pk__in=ids, status=RegelStatus.OPEN).update(
            status=RegelStatus.BETAALD, verwerkt_op=boekdatum or today
        )
    # A return can follow a booking days later: a rejection overrides "paid".
    for regel, melding in geweigerd:
        Betaalregel.objects.filter(pk=regel.pk).update(
            status=RegelStatus.GEWEIGERD,
            reden_code=melding.reden_code[:10],
            reden_tekst=melding.reden_tekst[:300],
            verwerkt_op=melding.boekdatum or today,
        )
    dossier_ids = dict(
        Afrekening.objects.filter(pk__in={r.afrekening_id for r, _m in geweigerd}).values_list("pk", "dossier_id")
    )
    taken_raise(
        [
            NieuweTaak(
                gemeente_id=regel.gemeente_id,
                dossier_id=dossier_ids[regel.afrekening_id],
                soort=TaakSoort.BETALING_GEWEIGERD,
                rol=Role.FINANCIEEL_MEDEWERKER,
                titel=_("Betaling geweigerd door de bank: %(reden)s")
                % {"reden": melding.reden_tekst or melding.reden_code or _("geen reden opgegeven")},
                toelichting=_("Betaling %(id)s van %(bedrag)s. Redencode van de bank: %(code)s.")
                % {"id": regel.end_to_end_id, "bedrag": _euro(regel.bedrag), "code": melding.reden_code or "—"},
                sleutel=f"betaalregel:{regel.pk}:geweigerd",
            )
            for regel, melding in geweigerd
        ]
    )
    run_ids = {r.betaalrun_id for r in regels.values()}
    for run_id in run_ids:
        if not Betaalregel.objects.filter(betaalrun_id=run_id, status=RegelStatus.OPEN).exists():
            Betaalrun.objects.filter(pk=run_id, status=RunStatus.GEEXPORTEERD).update(status=RunStatus.VERWERKT)
    afschrift = Bankafschrift.objects.create(
        bestandsnaam=bestandsnaam[:200],
        sha256=sha,
        aantal_betaald=sum(len(ids) for ids in betaald.values()),
        aantal_geweigerd=len(geweigerd),
        aantal_onbekend=len(bijzonderheden),
        bijzonderheden=[{"endToEndId": b.end_to_end_id, "melding": b.melding} for b in bijzonderheden],
        created_by=actor,
    )
    logboek_record_many(
        actor=actor,
        action=Action.UPDATE,
        purpose=Purpose.ONTZORGEN,
        subject="bankafschrift",
        subjects=(
            Subject(inburgeraar_id, dossier_id)
            for dossier_id, inburgeraar_id in Afrekening.objects.filter(
                pk__in={r.afrekening_id for r in regels.values()}
            ).values_list("dossier_id", "dossier__inburgeraar_id")
        ),
    )
    return afschrift


@transaction.atomic
def betaalregel_repay(*, regel: Betaalregel, actor: User) -> Betaalregel:
    """Release a line the bank rejected: the first run of its gemeente built after this pays it again (its
    own line and EndToEndId, the same month and amount, to the account as recorded then; correct the
    account first if it was wrong). Once per rejected line."""
    _require_role(actor, [regel.gemeente_id])
    released = Betaalregel.objects.filter(
        pk=regel.pk, status=RegelStatus.GEWEIGERD, opnieuw_betalen_op__isnull=True
    ).update(opnieuw_betalen_door=actor, opnieuw_betalen_op=timezone.now())
    if released != 1:
        raise DomainError(
            _("Alleen een betaling die de bank heeft geweigerd, kan (één keer) opnieuw worden betaald."),
            code="niet_geweigerd",
        )
    regel.refresh_from_db()
    afrekening = Afrekening.objects.select_related("dossier").get(pk=regel.afrekening_id)
    dossier_change_record(
        dossier=afrekening.dossier,
        actor=actor,
        action="ontzorgen_opnieuw_betalen",
        summary=_(
            "Geweigerde betaling %(id)s van %(bedrag)s (%(maand)s) wordt opnieuw betaald in de volgende betaalrun"
        )
        % {"id": regel.end_to_end_id, "bedrag": _euro(regel.bedrag), "maand": date_format(regel.maand, "F Y")},
        subject="ontzorgen",
    )
    return regel
