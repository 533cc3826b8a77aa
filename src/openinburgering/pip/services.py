"""Every change to a PIP: one transaction, a line on the dossier's timeline and the processing log inside it.

The life of a version: concept (pip_draft_create / _update, pip_aanbod_set / _remove) →
ter_accordering (pip_submit) → vastgesteld (pip_approve, by a second person) or back to concept
(pip_return). A vastgesteld version is never edited: a change is a new version, and when that is
vastgesteld the previous one becomes `vervangen`. Each transition is claimed with a conditional
UPDATE, so of two simultaneous clicks exactly one wins, on SQLite and PostgreSQL alike.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, Role
from openinburgering.accounts.models import User
from openinburgering.core import events
from openinburgering.core.duo_messages import violation_message as duo_violation_message
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import field_change
from openinburgering.dossiers.constants import TRANSITIONS
from openinburgering.dossiers.constants import Status as DossierStatus
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record, dossier_transition
from openinburgering.letters.models import Document
from openinburgering.letters.services import document_store
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.rules.duo_acceptatie import PipIntrekkenFacts, pip_intrekken_violations
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.leerroute import INBURGERINGSAANBOD_DOELGROEPEN
from openinburgering.termijnen.services import termijnen_recompute

from .checks import Termijn, _aanbod_key, aanbod_problems, pip_problems, termijn_for
from .constants import AlfabetiseringChoices
from .exceptions import FourEyesViolation, PipRefused, Problem
from .facts import PipIngetrokken, PipVastgesteld
from .letters import pip_beschikking_filename, pip_beschikking_render
from .messages import check_message
from .models import Informatieverzoek, Pip, PipAanbod, PipStatus
from .selectors import letter_viewed, preview_subject

# What a klantregisseur fills in on a concept; a new version starts as a copy of these.
CONTENT_FIELDS = (
    "leerroute",
    "niveau",
    "alfabetisering",
    "geschatte_intensiteit",
    "mag_opleiding_afmaken",
    "knm_opgenomen",
    "map_opgenomen",
    "map_intensiteit",
    "pvt_intensiteit_uren",
    "pvt_invulling",
    "z_participatie_uren",
    "afschalen_uren",
    "afschalen_inspanning",
    "maatschappelijke_begeleiding",
    "begeleiding_ondersteuning",
    "aantal_voortgangsgesprekken",
    "vve_afspraken",
    "ontzorgen",
    "doelen",
    "motivering",
    "overweging_b1_route",
    "overweging_onderwijsroute",
    "overweging_z_route",
)
DRAFT_FIELDS = (*CONTENT_FIELDS, "wijzigingsreden")
# The stages a dossier passes on its way to uitvoering when its first PIP is vastgesteld.
DOSSIER_CHAIN = (DossierStatus.BREDE_INTAKE, DossierStatus.PIP, DossierStatus.UITVOERING)


# --- helpers ---------------------------------------------------------------------------------


def _record(pip: Pip, actor: User, action: str, summary: str, changes: list[dict[str, str]] | None = None) -> None:
    dossier_change_record(
        dossier=pip.dossier, actor=actor, action=action, summary=summary[:300], changes=changes, subject="pip"
    )


def _require_in_scope(actor: User, dossier: Dossier, roles: tuple[str, ...], message: str) -> None:
    if not actor.has_role(*roles) or not actor.scope.covers_gemeente(dossier.gemeente_id):
        raise DomainError(message, code="forbidden")


def _require_drafter(actor: User, dossier: Dossier) -> None:
    _require_in_scope(
        actor, dossier, DOSSIER_EDIT_ROLES, _("Alleen een klantregisseur of teamleider van deze gemeente kan dit doen.")
    )
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")


def _require_teamleider(actor: User, dossier: Dossier) -> None:
    _require_in_scope(actor, dossier, (Role.TEAMLEIDER,), _("Alleen een teamleider van deze gemeente kan dit doen."))


def _not_a_concept() -> DomainError:
    return DomainError(
        _("Alleen een PIP in concept kan worden gewijzigd. Een vastgestelde PIP wijzigt u met een nieuwe versie."),
        code="not_concept",
    )


def _claim_concept(pip: Pip) -> None:
    """Lock the version as a concept for the rest of the transaction (a concurrent submit waits or loses)."""
    if Pip.objects.filter(pk=pip.pk, status=PipStatus.CONCEPT).update(status=PipStatus.CONCEPT) != 1:
        raise _not_a_concept()


# --- drafting --------------------------------------------------------------------------------


@transaction.atomic
def pip_draft_create(*, dossier: Dossier, actor: User, wijzigingsreden: str = "") -> Pip:
    """Start a concept: version 1, or a new version that copies the vastgesteld one (content and aanbod)."""
    _require_drafter(actor, dossier)
    if dossier.status == DossierStatus.AANGEMELD:
        raise DomainError(
            _("Een PIP stelt u op na de brede intake (Wet inburgering art. 15 lid 1). Start eerst de brede intake."),
            code="no_intake",
        )
    if dossier.pips.filter(status__in=(PipStatus.CONCEPT, PipStatus.TER_ACCORDERING)).exists():
        raise DomainError(_("Er is al een PIP in concept of ter accordering."), code="open_exists")
    current = dossier.pips.filter(status=PipStatus.VASTGESTELD).first()
    versie = (dossier.pips.aggregate(last=Max("versie"))["last"] or 0) + 1
    reden = wijzigingsreden.strip()
    if versie > 1 and not reden:
        raise DomainError(check_message("wijzigingsreden_verplicht"), field="wijzigingsreden")
    content = {field: getattr(current, field) for field in CONTENT_FIELDS} if current else {}
    try:
        with transaction.atomic():
            pip = Pip.objects.create(
                dossier=dossier,
                versie=versie,
                vorige=current,
                wijzigingsreden=reden if versie > 1 else "",
                drafted_by=actor,
                **content,
            )
    except IntegrityError:  # another request started a concept a moment ago
        raise DomainError(_("Er is al een PIP in concept of ter accordering."), code="open_exists") from None
    if current is not None:
        PipAanbod.objects.bulk_create(
            PipAanbod(
                pip=pip,
                instelling_id=aanbod.instelling_id,
                datum_inburgeringsaanbod=aanbod.datum_inburgeringsaanbod,
                verwachte_startdatum_opleiding=aanbod.verwachte_startdatum_opleiding,
                verwachte_einddatum_opleiding=aanbod.verwachte_einddatum_opleiding,
                indicator_alfabetisering=aanbod.indicator_alfabetisering,
            )
            for aanbod in current.aanbod.all()
        )
    summary = (
        _("Nieuwe versie %(versie)s van de PIP opgesteld: %(reden)s") % {"versie": versie, "reden": reden}
        if versie > 1
        else _("PIP in concept opgesteld")
    )
    _record(pip, actor, "pip_concept", summary)
    return pip


@transaction.atomic
def pip_draft_update(*, pip: Pip, actor: User, data: Mapping[str, Any]) -> Pip:
    """Change a concept. Only a concept: a version ter accordering or vastgesteld is never edited."""
    _require_drafter(actor, pip.dossier)
    _claim_concept(pip)
    fresh = Pip.objects.select_related("dossier").get(pk=pip.pk)
    values = {field: data[field] for field in DRAFT_FIELDS if field in data}
    if fresh.versie == 1:
        values.pop("wijzigingsreden", None)
    elif "wijzigingsreden" in values and not str(values["wijzigingsreden"] or "").strip():
        raise DomainError(check_message("wijzigingsreden_verplicht"), field="wijzigingsreden")
    changes = []
    for field, new in values.items():
        old = getattr(fresh, field)
        if new is None and isinstance(old, str):
            new = ""
        if old == new:
            continue
        setattr(fresh, field, new)
        changes.append(field_change(Pip, field, old, new))
    if not changes:
        return fresh
    try:
        fresh.clean_fields(exclude=[f.name for f in Pip._meta.fields if f.name not in values])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from None
    fresh.save(update_fields=[change["field"] for change in changes])
    _record(
        fresh,
        actor,
        "pip_gewijzigd",
        _("PIP (concept, versie %(versie)s) gewijzigd") % {"versie": fresh.versie},
        changes,
    )
    return fresh


@transaction.atomic
def pip_draft_delete(*, pip: Pip, actor: User) -> None:
    """Throw a concept away (it never was a beschikking); the vastgesteld version stays in force."""
    _require_drafter(actor, pip.dossier)
    _claim_concept(pip)
    Pip.objects.filter(pk=pip.pk, status=PipStatus.CONCEPT).delete()  # its aanbod goes with it (CASCADE)
    _record(pip, actor, "pip_verwijderd", _("Concept van PIP versie %(versie)s verwijderd") % {"versie": pip.versie})


def _aanbod_termijn(pip: Pip) -> tuple[date | None, Termijn | None]:
    """While drafting: the dagtekening the aanbod must not precede (the current version's, for a new
    version) and the inburgeringstermijn if it is already known."""
    if pip.vorige is None or pip.vorige.dagtekening is None:
        return None, None
    return pip.vorige.dagtekening, termijn_for(pip, dagtekening=pip.vorige.dagtekening)


@transaction.atomic
def pip_aanbod_set(
    *,
    pip: Pip,
    actor: User,
    instelling: Aanbieder,
    datum_inburgeringsaanbod: date,
    verwachte_startdatum_opleiding: date | None = None,
    verwachte_einddatum_opleiding: date | None = None,
    indicator_alfabetisering: str = AlfabetiseringChoices.NIET_VAN_TOEPASSING,
) -> PipAanbod:
    """Add or replace the inburgeringsaanbod at one instelling (DUO: one per instelling), checked with DUO's rules."""
    _require_drafter(actor, pip.dossier)
    _claim_concept(pip)
    pip.refresh_from_db()
    existing = pip.aanbod.filter(instelling=instelling).first()
    aanbod = existing or PipAanbod(pip=pip, instelling=instelling)
    aanbod.datum_inburgeringsaanbod = datum_inburgeringsaanbod
    aanbod.verwachte_startdatum_opleiding = verwachte_startdatum_opleiding
    aanbod.verwachte_einddatum_opleiding = verwachte_einddatum_opleiding
    aanbod.indicator_alfabetisering = indicator_alfabetisering
    dagtekening, termijn = _aanbod_termijn(pip)
    problems = aanbod_problems(pip, aanbod, dagtekening=dagtekening, termijn=termijn)
    if problems:
        raise PipRefused(problems)
    aanbod.save()
    summary = _("Inburgeringsaanbod bij %(instelling)s %(wat)s (PIP versie %(versie)s)") % {
        "instelling": instelling,
        "wat": _("gewijzigd") if existing else _("toegevoegd"),
        "versie": pip.versie,
    }
    _record(pip, actor, "pip_aanbod", summary)
    return aanbod


@transaction.atomic
def pip_aanbod_remove(*, pip: Pip, actor: User, aanbod_id: int) -> None:
    _require_drafter(actor, pip.dossier)
    _claim_concept(pip)
    aanbod = pip.aanbod.select_related("instelling").filter(pk=aanbod_id).first()
    if aanbod is None:
        raise DomainError(_("Dit inburgeringsaanbod bestaat niet (meer)."), code="not_found")
    aanbod.delete()
    summary = _("Inburgeringsaanbod bij %(instelling)s verwijderd (PIP versie %(versie)s)") % {
        "instelling": aanbod.instelling,
        "versie": pip.versie,
    }
    _record(pip, actor, "pip_aanbod", summary)


# --- sign-off ----------------------------------------------------------------------------------


@transaction.atomic
def pip_submit(*, pip: Pip, actor: User) -> Pip:
    """Send a concept for sign-off. Every rule it breaks is reported at once; then nothing changes.

    The dagtekening rules are checked against today, the date it gets when approved today;
    pip_approve checks them again with the actual dagtekening.
    """
    _require_drafter(actor, pip.dossier)
    fresh = Pip.objects.select_related("dossier", "dossier__inburgeraar").get(pk=pip.pk)
    if fresh.status != PipStatus.CONCEPT:
        raise DomainError(_("Deze PIP is geen concept meer."), code="not_concept")
    problems = pip_problems(fresh, dagtekening=timezone.localdate())
    if problems:
        raise PipRefused(problems)
    claimed = Pip.objects.filter(pk=pip.pk, status=PipStatus.CONCEPT).update(
        status=PipStatus.TER_ACCORDERING, submitted_by=actor, submitted_at=timezone.now(), afgewezen_reden=""
    )
    if claimed != 1:
        raise StaleTransition(_("De PIP is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    fresh.refresh_from_db()
    _record(
        fresh, actor, "pip_ingediend", _("PIP versie %(versie)s ter accordering aangeboden") % {"versie": fresh.versie}
    )
    return fresh


@transaction.atomic
def pip_return(*, pip: Pip, actor: User, reden: str) -> Pip:
    """The teamleider sends a version back to the drafter, with the reason."""
    _require_teamleider(actor, pip.dossier)
    reden = reden.strip()
    if not reden:
        raise DomainError(_("Schrijf op waarom u de PIP terugstuurt."), field="reden")
    claimed = Pip.objects.filter(pk=pip.pk, status=PipStatus.TER_ACCORDERING).update(
        status=PipStatus.CONCEPT, afgewezen_reden=reden, submitted_by=None, submitted_at=None
    )
    if claimed != 1:
        raise StaleTransition(_("Deze PIP staat niet (meer) ter accordering. Laad de pagina opnieuw."))
    pip.refresh_from_db()
    _record(
        pip,
        actor,
        "pip_teruggestuurd",
        _("PIP versie %(versie)s teruggestuurd: %(reden)s") % {"versie": pip.versie, "reden": reden},
    )
    return pip


def _date_problems(dagtekening: date, bekendmaking: date, today: date) -> list[Problem]:
    problems = []
    if dagtekening > today:
        problems.append(Problem("dagtekening", "dagtekening_toekomst", check_message("dagtekening_toekomst")))
    if bekendmaking < dagtekening:
        problems.append(
            Problem("bekendmaking", "bekendmaking_voor_dagtekening", check_message("bekendmaking_voor_dagtekening"))
        )
    return problems


def _advance_dossier(dossier: Dossier, actor: User) -> Dossier:
    """Move the dossier towards uitvoering along legal moves only (brede intake → PIP → uitvoering)."""
    current = DossierStatus(dossier.status)
    if current not in DOSSIER_CHAIN:
        return dossier
    for step in DOSSIER_CHAIN[DOSSIER_CHAIN.index(current) + 1 :]:
        if step not in TRANSITIONS[DossierStatus(dossier.status)]:
            break
        dossier = dossier_transition(dossier=dossier, actor=actor, to=step, toelichting=_("PIP vastgesteld"))
    return dossier


@transaction.atomic
def pip_letter_viewed(*, pip: Pip, viewer: User) -> None:
    """Record that `viewer` was shown this version's concept letter: the processing-log row (a view of the
    person's data) that pip_approve later asks for as evidence that the approver read what they sign."""
    logboek_record(
        actor=viewer,
        action=Action.VIEW,
        purpose=Purpose.REGIE,
        subject=preview_subject(pip),
        inburgeraar_id=pip.dossier.inburgeraar_id,
        dossier_id=pip.dossier_id,
    )


@transaction.atomic
def pip_approve(*, pip: Pip, approver: User, dagtekening: date | None = None, bekendmaking: date | None = None) -> Pip:
    """Second signature (four-eyes) on a PIP beschikking: it is vastgesteld, the letter is stored.

    The dagtekening is today unless given (never in the future); the bekendmaking (the day the
    letter is sent) defaults to the dagtekening. The inburgeringstermijn comes from the first
    vastgesteld version (Wi 11(3)); for the first one it starts the day after the dagtekening.
    """
    fresh = Pip.objects.select_related("dossier").get(pk=pip.pk)
    dossier = fresh.dossier
    _require_teamleider(approver, dossier)
    if approver.pk in (fresh.drafted_by_id, fresh.submitted_by_id):
        raise FourEyesViolation(_("U kunt uw eigen PIP niet accorderen. Een andere teamleider moet dit doen."))
    if fresh.status != PipStatus.TER_ACCORDERING:
        raise StaleTransition(_("Deze PIP staat niet (meer) ter accordering. Laad de pagina opnieuw."))
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")
    if not letter_viewed(pip=fresh, user=approver):
        # Signing a beschikking one has not read is no second signature: the approval page shows the letter.
        raise DomainError(
            _("Bekijk eerst de conceptbeschikking van deze versie: u accordeert pas als u de brief hebt gezien."),
            code="letter_not_viewed",
            field="brief",
        )
    today = timezone.localdate()
    dagtekening = dagtekening or today
    bekendmaking = bekendmaking or dagtekening
    problems = _date_problems(dagtekening, bekendmaking, today)
    termijn = termijn_for(fresh, dagtekening=dagtekening)
    problems += pip_problems(fresh, dagtekening=dagtekening, termijn=termijn)
    problems += _aanbod_send_problems(fresh)
    if problems:
        raise PipRefused(problems)

    # At most one vastgesteld version per dossier: the previous one is replaced before the claim.
    previous = list(dossier.pips.filter(status=PipStatus.VASTGESTELD).exclude(pk=pip.pk))
    Pip.objects.filter(pk__in=[p.pk for p in previous], status=PipStatus.VASTGESTELD).update(status=PipStatus.VERVANGEN)
    claimed = Pip.objects.filter(pk=pip.pk, status=PipStatus.TER_ACCORDERING).update(
        status=PipStatus.VASTGESTELD,
        approved_by=approver,
        approved_at=timezone.now(),
        dagtekening=dagtekening,
        bekendmaking=bekendmaking,
        inburgeringstermijn_start=termijn.start,
        inburgeringstermijn_einde=termijn.last_day,
    )
    if claimed != 1:
        raise StaleTransition(_("De PIP is intussen al geaccordeerd of teruggestuurd. Laad de pagina opnieuw."))
    pip = Pip.objects.select_related("dossier", "vorige").get(pk=pip.pk)
    # Render the letter before the first processing-log row: a log write holds the log's chain head
    # until this transaction commits, and every other log writer waits for it (logboek/chain.py).
    beschikking_pdf = pip_beschikking_render(pip)
    for old in previous:
        _record(old, approver, "pip_vervangen", _("PIP versie %(versie)s vervangen") % {"versie": old.versie})

    dossier = _advance_dossier(dossier, approver)
    pip.dossier = dossier
    termijnen_recompute(dossier=dossier)

    document = document_store(
        dossier=dossier,
        kind=Document.Kind.PIP_BESCHIKKING,
        title=_("PIP-beschikking versie %(versie)s") % {"versie": pip.versie},
        filename=pip_beschikking_filename(pip),
        content=beschikking_pdf,
        actor=approver,
    )
    Pip.objects.filter(pk=pip.pk).update(beschikking=document)
    pip.beschikking = document
    _record(
        pip,
        approver,
        "pip_vastgesteld",
        _("PIP versie %(versie)s vastgesteld (dagtekening %(datum)s)")
        % {"versie": pip.versie, "datum": date_format(dagtekening, "j F Y")},
    )
    # DUO's acceptance rules were applied above (pip_problems → rules.leerroute.pip_violations); the DUO
    # app places the PIP, then its new and dropped aanbod, in its outbox, in this transaction.
    if Doelgroep(dossier.doelgroep) in INBURGERINGSAANBOD_DOELGROEPEN.value:
        nieuw, vervallen = _aanbod_changes(pip)
    else:
        nieuw, vervallen = [], []
    events.announce(
        PipVastgesteld(pip=pip, dossier=dossier, aanbod_nieuw=tuple(nieuw), aanbod_vervallen=tuple(vervallen))
    )
    return pip


def _aanbod_changes(pip: Pip) -> tuple[list[PipAanbod], list[str]]:
    """The aanbod of this version DUO does not have yet (new or changed since the previous version), and the
    instellingsnummers of the previous version's aanbod that this version dropped."""
    previous = list(pip.vorige.aanbod.select_related("instelling")) if pip.vorige is not None else []
    known = {_aanbod_key(aanbod) for aanbod in previous}
    current = list(pip.aanbod.select_related("instelling"))
    kept = {aanbod.instelling_id for aanbod in current}
    dropped = [a.instelling.instellingsnummer for a in previous if a.instelling_id not in kept]
    return [aanbod for aanbod in current if _aanbod_key(aanbod) not in known], [n for n in dropped if n]


def _aanbod_send_problems(pip: Pip) -> list[Problem]:
    """An inburgeringsaanbod goes to DUO by the instelling's number: without it DUO cannot register it."""
    if Doelgroep(pip.dossier.doelgroep) not in INBURGERINGSAANBOD_DOELGROEPEN.value:
        return []  # pip_problems refuses the aanbod itself (aanbod_alleen_asiel)
    new, _dropped = _aanbod_changes(pip)
    return [
        Problem(
            "aanbod",
            "instellingsnummer_ontbreekt",
            _(
                "%(instelling)s: het instellingsnummer ontbreekt. DUO registreert een inburgeringsaanbod per "
                "instelling onder het nummer waaronder DUO die kent (DUO Inburgeringsaanbod API); vul het in bij "
                "de aanbieder."
            )
            % {"instelling": aanbod.instelling},
        )
        for aanbod in new
        if not aanbod.instelling.instellingsnummer
    ]


@transaction.atomic
def pip_withdraw(*, pip: Pip, actor: User, reden: str) -> Pip:
    """Withdraw the vastgesteld PIP (status ingetrokken) and ask DUO to delete it (DELETE PIP).

    The same rights as approval (a teamleider of the gemeente). DUO deletes a PIP only while it has not set
    the inburgeringstermijn and no course hours for the current aanbod are registered (README, "Het
    verwijderen van een PIP"); we check the termijn (DUO's, fetched after SS102). The hours are reported by
    the instellingen to DUO, not to us: DUO may still refuse on that ground.
    """
    fresh = Pip.objects.select_related("dossier", "dossier__inburgeraar").get(pk=pip.pk)
    dossier = fresh.dossier
    _require_teamleider(actor, dossier)
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")
    reden = reden.strip()
    if not reden:
        raise DomainError(_("Schrijf op waarom u de PIP intrekt."), field="reden")
    if fresh.status != PipStatus.VASTGESTELD:
        raise DomainError(_("Alleen de geldende, vastgestelde PIP kan worden ingetrokken."), code="not_current")
    if dossier.pips.filter(status__in=(PipStatus.CONCEPT, PipStatus.TER_ACCORDERING)).exists():
        raise DomainError(
            _("Er is een nieuwe versie in concept of ter accordering. Verwijder die of handel die eerst af."),
            code="open_exists",
        )
    facts = PipIntrekkenFacts(termijn_vastgesteld=dossier.duo_termijn_start is not None)
    violations = pip_intrekken_violations(facts)
    if violations:
        extra = {"termijn_start": dossier.duo_termijn_start}
        raise PipRefused([Problem("pip", v.code, duo_violation_message(v, extra=extra)) for v in violations])
    claimed = Pip.objects.filter(pk=pip.pk, status=PipStatus.VASTGESTELD).update(status=PipStatus.INGETROKKEN)
    if claimed != 1:
        raise StaleTransition(_("Deze PIP is intussen al ingetrokken of vervangen. Laad de pagina opnieuw."))
    fresh.refresh_from_db()
    _record(
        fresh,
        actor,
        "pip_ingetrokken",
        _("PIP versie %(versie)s ingetrokken: %(reden)s") % {"versie": fresh.versie, "reden": reden},
    )
    termijnen_recompute(dossier=dossier)
    events.announce(PipIngetrokken(pip=fresh, dossier=dossier))  # the DUO app asks DUO to delete it
    return fresh


# --- information from third parties (Bi 5.3(2)) ---------------------------------------------


@transaction.atomic
def informatieverzoek_add(
    *, dossier: Dossier, actor: User, omschrijving: str, derde: str, aangevraagd_op: date
) -> Informatieverzoek:
    """Record that information was asked from a third party: the PIP term waits for it (Bi 5.3(2))."""
    _require_drafter(actor, dossier)
    omschrijving, derde = omschrijving.strip(), derde.strip()
    if not omschrijving:
        raise DomainError(_("Vul in welke informatie u heeft gevraagd."), field="omschrijving")
    if not derde:
        raise DomainError(_("Vul in bij wie u de informatie heeft gevraagd."), field="derde")
    if aangevraagd_op > timezone.localdate():
        raise DomainError(_("De datum van de aanvraag ligt in de toekomst."), field="aangevraagd_op")
    verzoek = Informatieverzoek.objects.create(
        dossier=dossier, omschrijving=omschrijving, derde=derde, aangevraagd_op=aangevraagd_op, created_by=actor
    )
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="informatieverzoek",
        summary=(
            _("Informatie gevraagd bij %(derde)s op %(datum)s: %(wat)s")
            % {"derde": derde, "datum": date_format(aangevraagd_op, "j F Y"), "wat": omschrijving}
        )[:300],
        subject="informatieverzoek",
    )
    termijnen_recompute(dossier=dossier)
    return verzoek


@transaction.atomic
def informatieverzoek_received(*, verzoek: Informatieverzoek, actor: User, ontvangen_op: date) -> Informatieverzoek:
    """Record that the requested information arrived: the PIP is due within two weeks (Bi 5.3(2))."""
    dossier = verzoek.dossier
    _require_drafter(actor, dossier)
    if ontvangen_op > timezone.localdate():
        raise DomainError(_("De datum van ontvangst ligt in de toekomst."), field="ontvangen_op")
    if ontvangen_op < verzoek.aangevraagd_op:
        raise DomainError(_("De informatie kan niet vóór de aanvraag zijn ontvangen."), field="ontvangen_op")
    claimed = Informatieverzoek.objects.filter(pk=verzoek.pk, ontvangen_op__isnull=True).update(
        ontvangen_op=ontvangen_op
    )
    if claimed != 1:
        raise StaleTransition(_("Deze informatie is al als ontvangen geregistreerd."))
    verzoek.refresh_from_db()
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="informatieverzoek",
        summary=(
            _("Informatie van %(derde)s ontvangen op %(datum)s")
            % {"derde": verzoek.derde, "datum": date_format(ontvangen_op, "j F Y")}
        )[:300],
        subject="informatieverzoek",
    )
    termijnen_recompute(dossier=dossier)
    return verzoek
