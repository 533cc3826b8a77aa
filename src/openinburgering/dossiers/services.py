"""Every change to an inburgeraar or a dossier: one transaction, the timeline and the processing log inside it."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core import events
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.text import search_normalise
from openinburgering.core.timeline import EMPTY, change_shown, changes_apply, day_label, field_change
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.rules import personen
from openinburgering.rules.enums import DOELGROEP_OF_GEDETAILLEERD, Doelgroep, GedetailleerdeDoelgroep
from openinburgering.termijnen.services import termijnen_recompute

from .constants import CLOSED_STATUSES, CLOSING_REASONS, TRANSITIONS, Relatie, Status
from .facts import KlantregisseurGewijzigd
from .models import Dossier, DossierEvent, Gezinslid, Inburgeraar

PERSON_FIELDS = (
    "vnummer",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geboortedatum",
    "geslacht",
    "nationaliteit",
    "geboorteland",
    "talen",
    "telefoonnummer",
    "email",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
)
PLICHT_FIELDS = (
    "doelgroep",
    "gedetailleerde_doelgroep",
    "plicht_begindatum",
    "datum_kennisgeving",
    "datum_huisvesting",
    "datum_brp_inschrijving",
)


@dataclass(frozen=True)
class GezinslidData:
    relatie: str
    voornamen: str
    geslachtsnaam: str
    geboortedatum: date | None = None
    bsn: str = ""


# --- shared helpers --------------------------------------------------------------------------


def zoeknaam_for(*, voornamen: str, voorvoegsel: str, geslachtsnaam: str) -> str:
    return search_normalise(voornamen, voorvoegsel, geslachtsnaam)


def dossier_view_record(*, actor: User, dossier: Dossier, subject: str) -> None:
    """The processing-log row of a user looking at one dossier's page (what is shown: `subject`)."""
    logboek_record(
        actor=actor,
        action=Action.VIEW,
        purpose=Purpose.REGIE,
        subject=subject,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )


def _event(
    *, dossier: Dossier, actor: User | None, action: str, summary: str, changes: list[dict[str, str]] | None = None
) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        actor_label=str(actor) if actor else _("Systeem"),
        action=action,
        summary=summary,
        changes=changes or [],
    )


def dossier_change_record(
    *,
    dossier: Dossier,
    actor: User,
    action: str,
    summary: str,
    changes: list[dict[str, str]] | None = None,
    subject: str = "dossier",
    log_action: Action = Action.UPDATE,
) -> None:
    """A change to an open dossier: a line on its timeline and a row in the processing log.

    `log_action` is Action.UPDATE_SPECIAL when the change touches special-category data (health);
    the timeline line then says only that it changed, never what.
    """
    _event(dossier=dossier, actor=actor, action=action, summary=summary, changes=changes)
    logboek_record(
        actor=actor,
        action=log_action,
        purpose=Purpose.REGIE,
        subject=subject,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )


@transaction.atomic
def dossier_koppeling_record(*, dossier: Dossier, bron: str, action: str, summary: str, once: bool = False) -> bool:
    """What a koppeling (``bron``: "DUO") learnt about the dossier: a line on its timeline by the koppeling, and
    the processing log (purpose koppeling). ``once``: not when the timeline already has this very line.
    Returns whether it was recorded."""
    summary = summary[:300]
    if once and DossierEvent.objects.filter(dossier=dossier, action=action, summary=summary).exists():
        return False
    DossierEvent.objects.create(
        dossier=dossier, actor=None, actor_label=bron, action=action, summary=summary, changes=[]
    )
    logboek_record(
        actor=None,
        action=Action.UPDATE,
        purpose=Purpose.KOPPELING,
        subject=action,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )
    return True


@transaction.atomic
def dossier_duo_termijn_update(
    *, dossier: Dossier, start: date | None, einde: date | None, verlengingsgrond: str
) -> Dossier | None:
    """DUO's inburgeringstermijn as DUO reports it (its einde is exclusive), with a line on the timeline by DUO
    and the deadlines recomputed. Returns the dossier as stored, or None when DUO said nothing new."""
    verlengingsgrond = verlengingsgrond[:200]
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if (locked.duo_termijn_start, locked.duo_termijn_einde, locked.duo_verlengingsgrond) == (
        start,
        einde,
        verlengingsgrond,
    ):
        return None
    oud = locked.duo_termijn_einde
    locked.duo_termijn_start, locked.duo_termijn_einde, locked.duo_verlengingsgrond = start, einde, verlengingsgrond
    locked.save(update_fields=["duo_termijn_start", "duo_termijn_einde", "duo_verlengingsgrond", "updated_at"])

    def dag(value: date | None) -> str:
        return day_label(value) if value else EMPTY

    summary = (
        _("Inburgeringstermijn van DUO: tot %(einde)s") % {"einde": dag(einde)}
        if oud is None
        else _("Inburgeringstermijn gewijzigd door DUO: %(oud)s → %(einde)s") % {"oud": dag(oud), "einde": dag(einde)}
    )
    if verlengingsgrond:
        summary = f"{summary} ({verlengingsgrond})"
    dossier_koppeling_record(dossier=locked, bron="DUO", action="duo_termijn", summary=summary)
    termijnen_recompute(dossier=locked)
    return locked


def person_rule_errors(*, geboortedatum: date | None, plicht_begindatum: date | None, today: date) -> list[DomainError]:
    """Every rule of the law a person's dates break (all of them, so a form can show them at once)."""
    errors = []
    if geboortedatum and geboortedatum > today:
        errors.append(DomainError(_("De geboortedatum ligt in de toekomst."), field="geboortedatum"))
    if plicht_begindatum and plicht_begindatum < personen.WI2021_IN_FORCE.value:
        errors.append(
            DomainError(
                _(
                    "De inburgeringsplicht begint vóór 1 januari 2022; "
                    "die valt onder de Wet inburgering 2013 (Wi 2021 art. 54)."
                ),
                field="plicht_begindatum",
            )
        )
    if (
        geboortedatum
        and plicht_begindatum
        and geboortedatum <= today
        and not personen.in_age_window(birth_date=geboortedatum, plicht_begindatum=plicht_begindatum)
    ):
        errors.append(
            DomainError(
                _(
                    "Op de begindatum van de inburgeringsplicht moet iemand 16 jaar of ouder zijn en jonger dan "
                    "de AOW-leeftijd (Wi 2021 art. 3 lid 1)."
                ),
                field="geboortedatum",
            )
        )
    return errors


def plicht_rule_errors(plicht: Mapping[str, Any]) -> list[DomainError]:
    """Every rule the doelgroep and the dates of the inburgeringsplicht break."""
    errors = []
    doelgroep = plicht.get("doelgroep") or ""
    detail = plicht.get("gedetailleerde_doelgroep") or ""
    if doelgroep not in {d.value for d in Doelgroep}:
        errors.append(DomainError(_("Kies een doelgroep."), field="doelgroep"))
    elif detail:
        expected = DOELGROEP_OF_GEDETAILLEERD[GedetailleerdeDoelgroep(detail)]
        if expected != Doelgroep(doelgroep):
            errors.append(
                DomainError(
                    _(
                        "De gedetailleerde doelgroep ‘%(detail)s’ hoort bij de doelgroep ‘%(doelgroep)s’ "
                        "(Wi 2021 art. 13 en 19)."
                    )
                    % {"detail": detail, "doelgroep": expected.value},
                    field="gedetailleerde_doelgroep",
                )
            )
    begin, kennisgeving = plicht.get("plicht_begindatum"), plicht.get("datum_kennisgeving")
    if begin and kennisgeving and kennisgeving < begin:
        errors.append(
            DomainError(
                _("De kennisgeving kan niet vóór het begin van de inburgeringsplicht liggen."),
                field="datum_kennisgeving",
            )
        )
    brp = plicht.get("datum_brp_inschrijving")
    if brp and brp > timezone.localdate():
        errors.append(
            DomainError(_("De datum van inschrijving in de BRP ligt in de toekomst."), field="datum_brp_inschrijving")
        )
    return errors


def _raise_first(errors: list[DomainError]) -> None:
    if errors:
        raise errors[0]


class DuplicateDossier(DomainError):
    """The BSN already has an open dossier (`existing`), in the actor's scope or elsewhere in the region."""

    def __init__(self, message: str, *, existing: Dossier, code: str) -> None:
        super().__init__(message, field="bsn", code=code)
        self.existing = existing


def _duplicate_message(existing: Dossier, actor: User) -> DuplicateDossier:
    if actor.scope.covers_gemeente(existing.gemeente_id):
        return DuplicateDossier(
            _("Er is al een open dossier voor dit BSN: %(kenmerk)s in %(gemeente)s.")
            % {"kenmerk": existing.kenmerk, "gemeente": existing.gemeente.naam},
            existing=existing,
            code="duplicate",
        )
    return DuplicateDossier(
        _(
            "Er is al een open dossier voor dit BSN bij een andere gemeente van de uitvoeringsorganisatie. "
            "Neem contact op met de functioneel beheerder."
        ),
        existing=existing,
        code="duplicate_elsewhere",
    )


# --- registration ----------------------------------------------------------------------------


def inburgeraar_register(
    *,
    actor: User,
    gemeente: Gemeente,
    bsn: str,
    person: Mapping[str, Any],
    plicht: Mapping[str, Any],
    klantregisseur: User | None = None,
    gezinsleden: Iterable[GezinslidData] = (),
    aanmelding_token: uuid.UUID | None = None,
) -> Dossier:
    """Register a new inburgeraar: a person (found or created by BSN) and an open dossier.

    The same `aanmelding_token` (one per form render, or the API's Idempotency-Key) returns the
    dossier created the first time, so a double submit never creates two dossiers; a second
    open dossier for the same BSN is refused, by this check and by a unique index.

    The refusal itself processes the person's data (their open dossier was looked up by BSN across
    the region, and its existence told to the actor): it is logged, after the refused registration
    is rolled back, with the purpose registration.
    """
    try:
        return _register(
            actor=actor,
            gemeente=gemeente,
            bsn=bsn,
            person=person,
            plicht=plicht,
            klantregisseur=klantregisseur,
            gezinsleden=gezinsleden,
            aanmelding_token=aanmelding_token,
        )
    except DuplicateDossier as refused:
        logboek_record(
            actor=actor,
            action=Action.SEARCH,
            purpose=Purpose.REGISTRATIE,
            subject="aanmelding-bsn-controle",
            inburgeraar_id=refused.existing.inburgeraar_id,
            dossier_id=refused.existing.pk,
        )
        raise


@transaction.atomic
def _register(
    *,
    actor: User,
    gemeente: Gemeente,
    bsn: str,
    person: Mapping[str, Any],
    plicht: Mapping[str, Any],
    klantregisseur: User | None,
    gezinsleden: Iterable[GezinslidData],
    aanmelding_token: uuid.UUID | None,
) -> Dossier:
    if aanmelding_token is not None:
        earlier = Dossier.objects.filter(aanmelding_token=aanmelding_token).first()
        if earlier is not None:
            if earlier.inburgeraar.bsn != bsn:
                raise DomainError(_("Dit formulier is al gebruikt voor een andere aanmelding."), code="token_reused")
            return earlier
    if not actor.has_role(Role.KLANTREGISSEUR, Role.TEAMLEIDER) or not actor.scope.covers_gemeente(gemeente.pk):
        raise DomainError(_("U kunt geen inburgeraars aanmelden voor deze gemeente."), field="gemeente")
    if not personen.bsn_is_valid(bsn):
        raise DomainError(
            _("Dit is geen geldig BSN: een BSN bestaat uit negen cijfers en voldoet aan de elfproef."), field="bsn"
        )
    _raise_first(
        person_rule_errors(
            geboortedatum=person["geboortedatum"],
            plicht_begindatum=plicht["plicht_begindatum"],
            today=timezone.localdate(),
        )
        + plicht_rule_errors(plicht)
    )
    if klantregisseur is not None:
        _check_klantregisseur(klantregisseur=klantregisseur, gemeente=gemeente)

    existing = Dossier.objects.open().select_related("gemeente").filter(inburgeraar__bsn=bsn).first()
    if existing is not None:
        raise _duplicate_message(existing, actor)

    inburgeraar = Inburgeraar.objects.filter(bsn=bsn).first()
    person_changes: list[dict[str, str]] = []
    if inburgeraar is None:
        inburgeraar = Inburgeraar(bsn=bsn, **{key: person.get(key, "") for key in PERSON_FIELDS if key in person})
    else:
        person_changes = changes_apply(inburgeraar, {key: person[key] for key in PERSON_FIELDS if key in person})
    inburgeraar.zoeknaam = zoeknaam_for(
        voornamen=inburgeraar.voornamen, voorvoegsel=inburgeraar.voorvoegsel, geslachtsnaam=inburgeraar.geslachtsnaam
    )
    inburgeraar.save()

    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                inburgeraar=inburgeraar,
                gemeente=gemeente,
                klantregisseur=klantregisseur,
                aanmelding_token=aanmelding_token,
                **{key: plicht.get(key) for key in PLICHT_FIELDS if plicht.get(key) not in (None, "")},
            )
    except IntegrityError:
        # Another request registered the same person a moment ago.
        existing = Dossier.objects.open().select_related("gemeente").filter(inburgeraar__bsn=bsn).first()
        if existing is None:
            raise
        raise _duplicate_message(existing, actor) from None

    for lid in gezinsleden:
        Gezinslid.objects.create(inburgeraar=inburgeraar, **lid.__dict__)
    _event(
        dossier=dossier,
        actor=actor,
        action="aangemeld",
        summary=_("Inburgeraar aangemeld in %(gemeente)s") % {"gemeente": gemeente.naam},
    )
    if person_changes:
        _event(
            dossier=dossier,
            actor=actor,
            action="persoon_gewijzigd",
            summary=_("Persoonsgegevens bijgewerkt bij aanmelding"),
            changes=person_changes,
        )
    logboek_record(
        actor=actor,
        action=Action.CREATE,
        purpose=Purpose.REGISTRATIE,
        subject="dossier",
        inburgeraar_id=inburgeraar.pk,
        dossier_id=dossier.pk,
    )
    termijnen_recompute(dossier=dossier)
    return dossier


# --- changes to an open dossier --------------------------------------------------------------


def _require_open(dossier: Dossier) -> None:
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")


@transaction.atomic
def inburgeraar_update(*, dossier: Dossier, actor: User, person: Mapping[str, Any]) -> Dossier:
    """Change a person's data; the change shows on the timeline of the dossier it was made in."""
    _require_open(dossier)
    inburgeraar = Inburgeraar.objects.select_for_update().get(pk=dossier.inburgeraar_id)
    if "geboortedatum" in person:
        _raise_first(
            person_rule_errors(
                geboortedatum=person["geboortedatum"],
                plicht_begindatum=dossier.plicht_begindatum,
                today=timezone.localdate(),
            )
        )
    changes = changes_apply(inburgeraar, {key: person[key] for key in PERSON_FIELDS if key in person})
    if not changes:
        return dossier
    inburgeraar.zoeknaam = zoeknaam_for(
        voornamen=inburgeraar.voornamen, voorvoegsel=inburgeraar.voorvoegsel, geslachtsnaam=inburgeraar.geslachtsnaam
    )
    inburgeraar.save()
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="persoon_gewijzigd",
        summary=_("Persoonsgegevens gewijzigd"),
        changes=changes,
        subject="persoon",
    )
    dossier.inburgeraar = inburgeraar
    return dossier


@transaction.atomic
@transaction.atomic
def dossier_update_plicht(*, dossier: Dossier, actor: User, plicht: Mapping[str, Any]) -> Dossier:
    """Change the doelgroep, the dates of the inburgeringsplicht, housing and BRP registration."""
    _require_open(dossier)
    merged = {key: plicht.get(key, getattr(dossier, key)) for key in PLICHT_FIELDS}
    _raise_first(
        person_rule_errors(
            geboortedatum=dossier.inburgeraar.geboortedatum,
            plicht_begindatum=merged["plicht_begindatum"],
            today=timezone.localdate(),
        )
        + plicht_rule_errors(merged)
    )
    changes = changes_apply(dossier, {key: plicht[key] for key in PLICHT_FIELDS if key in plicht})
    if not changes:
        return dossier
    dossier.save()
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="plicht_gewijzigd",
        summary=_("Gegevens inburgeringsplicht gewijzigd"),
        changes=changes,
    )
    termijnen_recompute(dossier=dossier)
    return dossier


def _check_klantregisseur(*, klantregisseur: User, gemeente: Gemeente) -> None:
    if (
        not klantregisseur.is_active
        or not klantregisseur.has_role(Role.KLANTREGISSEUR)
        or not klantregisseur.scope.covers_gemeente(gemeente.pk)
    ):
        raise DomainError(
            _("%(naam)s is geen actieve klantregisseur voor %(gemeente)s.")
            % {"naam": klantregisseur, "gemeente": gemeente.naam},
            field="klantregisseur",
        )


@transaction.atomic
def dossier_assign(*, dossier: Dossier, actor: User, klantregisseur: User | None) -> Dossier:
    _require_open(dossier)
    if klantregisseur is not None:
        _check_klantregisseur(klantregisseur=klantregisseur, gemeente=dossier.gemeente)
    changes = changes_apply(dossier, {"klantregisseur": klantregisseur})
    if not changes:
        return dossier
    dossier.save(update_fields=["klantregisseur", "updated_at"])
    dossier_change_record(
        dossier=dossier, actor=actor, action="toegewezen", summary=_("Klantregisseur gewijzigd"), changes=changes
    )
    # DUO's contactpersoon follows, in this transaction (the DUO app subscribes).
    events.announce(KlantregisseurGewijzigd(dossier=dossier, klantregisseur=klantregisseur))
    return dossier


@transaction.atomic
def dossier_transition(
    *,
    dossier: Dossier,
    actor: User,
    to: Status,
    reden: str = "",
    einddatum: date | None = None,
    overgedragen_aan: str = "",
    toelichting: str = "",
) -> Dossier:
    """Move a dossier to its next stage. The move is claimed with a conditional UPDATE, so of two
    simultaneous moves exactly one wins, on SQLite and PostgreSQL alike."""
    current = Status(dossier.status)
    to = Status(to)
    if to not in TRANSITIONS[current]:
        raise DomainError(
            _("Een dossier met status ‘%(van)s’ kan niet naar ‘%(naar)s’.") % {"van": current.label, "naar": to.label},
            field="status",
            code="transition_not_allowed",
        )
    values: dict[str, Any] = {"status": to, "updated_at": timezone.now()}
    if to in CLOSED_STATUSES:
        values["closed_at"] = timezone.now()
    if to in CLOSING_REASONS:
        if reden not in CLOSING_REASONS[to]:
            raise DomainError(
                _("Kies een reden die past bij ‘%(naar)s’.") % {"naar": to.label}, field="reden", code="reason_required"
            )
        if einddatum is None:
            raise DomainError(_("Vul de einddatum van de inburgeringsplicht in."), field="einddatum")
        if einddatum < dossier.plicht_begindatum:
            raise DomainError(_("De einddatum ligt vóór het begin van de inburgeringsplicht."), field="einddatum")
        values.update(plicht_reden_einde=reden, plicht_einddatum=einddatum)
    if to == Status.OVERGEDRAGEN:
        if not overgedragen_aan.strip():
            raise DomainError(_("Vul de gemeente in waaraan het dossier wordt overgedragen."), field="overgedragen_aan")
        values["overgedragen_aan"] = overgedragen_aan.strip()

    claimed = Dossier.objects.filter(pk=dossier.pk, status=current).update(**values)
    if claimed != 1:
        raise StaleTransition(_("Het dossier is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    changes = [change_shown(Dossier, "status", str(current.label), str(to.label))]
    for field in ("plicht_reden_einde", "plicht_einddatum", "overgedragen_aan"):
        if field in values:
            changes.append(field_change(Dossier, field, getattr(dossier, field), values[field]))
    dossier.refresh_from_db()
    summary = _("Status gewijzigd naar %(naar)s") % {"naar": to.label}
    if toelichting.strip():
        summary = f"{summary}: {toelichting.strip()}"[:300]
    dossier_change_record(dossier=dossier, actor=actor, action="status", summary=summary, changes=changes)
    termijnen_recompute(dossier=dossier)
    return dossier


@transaction.atomic
def gezinslid_add(*, dossier: Dossier, actor: User, data: GezinslidData) -> Gezinslid:
    _require_open(dossier)
    if data.relatie not in Relatie.values:
        raise DomainError(_("Kies partner of kind."), field="relatie")
    if data.geboortedatum and data.geboortedatum > timezone.localdate():
        raise DomainError(_("De geboortedatum ligt in de toekomst."), field="geboortedatum")
    if data.bsn and not personen.bsn_is_valid(data.bsn):
        raise DomainError(
            _("Dit is geen geldig BSN: een BSN bestaat uit negen cijfers en voldoet aan de elfproef."), field="bsn"
        )
    lid = Gezinslid.objects.create(inburgeraar=dossier.inburgeraar, **data.__dict__)
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="gezin",
        summary=_("Gezinslid toegevoegd"),
        changes=[{"field": "gezinslid", "label": str(Relatie(data.relatie).label), "old": "—", "new": str(lid)}],
        subject="gezin",
    )
    return lid


@transaction.atomic
def gezinslid_remove(*, dossier: Dossier, actor: User, gezinslid_id: int) -> None:
    _require_open(dossier)
    lid = Gezinslid.objects.filter(pk=gezinslid_id, inburgeraar_id=dossier.inburgeraar_id).first()
    if lid is None:
        raise DomainError(_("Dit gezinslid bestaat niet (meer)."), code="not_found")
    label = str(lid)
    relatie = str(Relatie(lid.relatie).label)
    lid.delete()
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="gezin",
        summary=_("Gezinslid verwijderd"),
        changes=[{"field": "gezinslid", "label": relatie, "old": label, "new": "—"}],
        subject="gezin",
    )
