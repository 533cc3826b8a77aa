"""Every change to a contract: one transaction, a line on the contract's timeline, all rules checked first.

- contract_create: the contract with its first version (from the start date) and its percelen.
- contract_version_create: a change of tariffs, volumes or percelen, from an ingangsdatum after the last.
- contract_end: ends the contract early (per a date, with a reason).
- plaatsing_keurmerk_check: the quality demand a new placement (issue 13, part 2) must meet.

Contracts hold no personal data, so no processing-log row is written; the timeline records who changed what.
Scope (selectors.py): a contract manager records percelen only for gemeenten in their scope, and changes or
ends a contract only when every gemeente of its current version is in their scope, so that nobody changes
what another region's gemeenten buy.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import day_label, euro_label, field_change
from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie
from openinburgering.rules.base import Violation
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.inkoop import Component, PlaatsingKeurmerkFacts, plaatsing_keurmerk_violations

from .constants import ComponentChoices, ContractStatus, EindeReden, Prijsmodel
from .models import Contract, ContractEvent, ContractVersie, Perceel
from .selectors import perceel_committed


class InkoopRefused(DomainError):
    """The input breaks one or more rules; nothing was stored. `errors` holds each, naming its field."""

    def __init__(self, errors: list[DomainError]) -> None:
        first = errors[0]
        message = (
            first.message
            if len(errors) == 1
            else _("De invoer voldoet aan %(aantal)s regels niet.") % {"aantal": len(errors)}
        )
        super().__init__(message, field=first.field, code=first.code)
        self.errors = errors


def errors_of(error: DomainError) -> list[DomainError]:
    return error.errors if isinstance(error, InkoopRefused) else [error]


@dataclass(frozen=True)
class PerceelInput:
    """One perceel as a form or the demo gives it."""

    component: str
    prijsmodel: str
    tarief: Decimal
    volume: int
    budgetplafond: Decimal
    gemeente_ids: frozenset[int]
    starttermijn_dagen: int
    acceptatietermijn_werkdagen: int
    resultaatbonus: Decimal | None = None
    bonusvoorwaarde: str = ""


@dataclass
class _Problems:
    errors: list[DomainError] = field(default_factory=list)

    def add(self, field_name: str, message: str, code: str = "invalid") -> None:
        self.errors.append(DomainError(message, field=field_name, code=code))

    def raise_if_any(self) -> None:
        if self.errors:
            raise InkoopRefused(self.errors)


def perceel_field(index: int, name: str) -> str:
    """The field name of a perceel's input: `percelen-<index>-<name>`, as the form's formset names it."""
    return f"percelen-{index}-{name}"


def _component_label(value: str) -> str:
    return str(dict(ComponentChoices.choices).get(value, value))


def _check_percelen(
    problems: _Problems,
    percelen: list[PerceelInput],
    *,
    actor: User,
    organisatie_id: int,
    vorige: ContractVersie | None = None,
) -> None:
    if not percelen:
        problems.add("percelen", _("Percelen: een contractversie koopt minstens één component in."), "geen_percelen")
        return
    gemeenten = Gemeente.objects.in_bulk({gid for p in percelen for gid in p.gemeente_ids})
    committed = {p.component: perceel_committed(p) for p in vorige.percelen.all()} if vorige else {}
    seen: dict[str, int] = {}
    for index, perceel in enumerate(percelen):
        n = index + 1
        values = {"n": n, "component": _component_label(perceel.component)}
        if perceel.component in seen:
            problems.add(
                perceel_field(index, "component"),
                _(
                    "Component (perceel %(n)s): %(component)s staat al in perceel %(eerder)s; een versie heeft "
                    "één perceel per component."
                )
                % {**values, "eerder": seen[perceel.component]},
                "component_dubbel",
            )
        else:
            seen[perceel.component] = n
        if perceel.tarief <= 0:
            problems.add(
                perceel_field(index, "tarief"),
                _("Tarief (perceel %(n)s, %(component)s): moet hoger zijn dan € 0,00.") % values,
                "tarief_niet_positief",
            )
        if perceel.budgetplafond <= 0:
            problems.add(
                perceel_field(index, "budgetplafond"),
                _("Budgetplafond (perceel %(n)s, %(component)s): moet hoger zijn dan € 0,00.") % values,
                "budget_niet_positief",
            )
        elif perceel.component in committed and perceel.budgetplafond < committed[perceel.component]:
            problems.add(
                perceel_field(index, "budgetplafond"),
                _(
                    "Budgetplafond (perceel %(n)s, %(component)s): ligt onder wat al in plaatsingen is vastgelegd "
                    "(%(vastgelegd)s). Het plafond kan niet lager zijn dan het gebruikte budget."
                )
                % {**values, "vastgelegd": euro_label(committed[perceel.component])},
                "budget_onder_vastgelegd",
            )
        if perceel.volume <= 0:
            problems.add(
                perceel_field(index, "volume"),
                _("Volume (perceel %(n)s, %(component)s): moet minstens 1 zijn.") % values,
                "volume_niet_positief",
            )
        bonus_model = perceel.prijsmodel == Prijsmodel.TRAJECT_MET_RESULTAATBONUS
        if bonus_model and (perceel.resultaatbonus is None or perceel.resultaatbonus <= 0):
            problems.add(
                perceel_field(index, "resultaatbonus"),
                _(
                    "Resultaatbonus (perceel %(n)s, %(component)s): vul bij een trajectprijs met resultaatbonus "
                    "een bonus hoger dan € 0,00 in."
                )
                % values,
                "bonus_ontbreekt",
            )
        if not bonus_model and perceel.resultaatbonus is not None:
            problems.add(
                perceel_field(index, "resultaatbonus"),
                _(
                    "Resultaatbonus (perceel %(n)s, %(component)s): alleen bij het prijsmodel ‘prijs per traject "
                    "met resultaatbonus’."
                )
                % values,
                "bonus_bij_ander_model",
            )
        if not perceel.gemeente_ids:
            problems.add(
                perceel_field(index, "gemeenten"),
                _("Gemeenten (perceel %(n)s, %(component)s): kies minstens één gemeente die het perceel mag gebruiken.")
                % values,
                "geen_gemeenten",
            )
        for gemeente_id in sorted(perceel.gemeente_ids):
            gemeente = gemeenten.get(gemeente_id)
            if gemeente is None or gemeente.uitvoeringsorganisatie_id != organisatie_id:
                problems.add(
                    perceel_field(index, "gemeenten"),
                    _(
                        "Gemeenten (perceel %(n)s, %(component)s): %(gemeente)s hoort niet bij de "
                        "uitvoeringsorganisatie van dit contract."
                    )
                    % {**values, "gemeente": gemeente.naam if gemeente else gemeente_id},
                    "gemeente_buiten_organisatie",
                )
            elif not actor.scope.covers_gemeente(gemeente_id):
                problems.add(
                    perceel_field(index, "gemeenten"),
                    _(
                        "Gemeenten (perceel %(n)s, %(component)s): %(gemeente)s valt buiten uw gemeenten; u legt "
                        "alleen percelen vast voor gemeenten waarvoor u werkt."
                    )
                    % {**values, "gemeente": gemeente.naam},
                    "gemeente_buiten_scope",
                )


def _store_percelen(versie: ContractVersie, percelen: list[PerceelInput]) -> None:
    for perceel in percelen:
        stored = Perceel.objects.create(
            versie=versie,
            component=perceel.component,
            prijsmodel=perceel.prijsmodel,
            tarief=perceel.tarief,
            resultaatbonus=perceel.resultaatbonus,
            bonusvoorwaarde=perceel.bonusvoorwaarde,
            volume=perceel.volume,
            budgetplafond=perceel.budgetplafond,
            starttermijn_dagen=perceel.starttermijn_dagen,
            acceptatietermijn_werkdagen=perceel.acceptatietermijn_werkdagen,
        )
        stored.gemeenten.set(perceel.gemeente_ids)


def _event(*, contract: Contract, actor: User, action: str, summary: str, changes: list[dict[str, str]]) -> None:
    ContractEvent.objects.create(
        contract=contract, actor=actor, actor_label=str(actor), action=action, summary=summary, changes=changes
    )


def organisatie_for(actor: User) -> Uitvoeringsorganisatie:
    """The uitvoeringsorganisatie a contract manager contracts for: that of the gemeenten in their scope."""
    organisaties = Uitvoeringsorganisatie.objects.filter(gemeenten__in=actor.scope.gemeente_ids).distinct()
    found = list(organisaties[:2])
    if len(found) != 1:
        raise DomainError(
            _("U hebt geen gemeenten van één uitvoeringsorganisatie in uw scope; vraag de functioneel beheerder."),
            code="geen_organisatie",
        )
    return found[0]


def _check_may_change(contract: Contract, actor: User, versie: ContractVersie | None) -> None:
    """Only a contract manager whose scope covers every gemeente of the current version changes the contract."""
    if versie is None:
        return
    outside = (
        Gemeente.objects.filter(pk__in=Perceel.objects.filter(versie=versie).values("gemeenten"))
        .exclude(pk__in=actor.scope.gemeente_ids)
        .order_by("naam")
        .values_list("naam", flat=True)
    )
    names = list(outside)
    if names:
        raise DomainError(
            _(
                "Dit contract bedient ook gemeenten buiten uw scope (%(gemeenten)s). Alleen een contractmanager die "
                "al deze gemeenten beheert, kan het wijzigen of beëindigen."
            )
            % {"gemeenten": ", ".join(names)},
            code="buiten_scope",
        )


def _latest_versie(contract: Contract) -> ContractVersie | None:
    return contract.versies.order_by("-ingangsdatum").first()


@transaction.atomic
def contract_create(
    *,
    actor: User,
    aanbieder: Aanbieder,
    kenmerk: str,
    startdatum: date,
    einddatum: date,
    percelen: list[PerceelInput],
    omschrijving: str = "",
) -> Contract:
    """A new contract with its first version, in force from the start date."""
    problems = _Problems()
    organisatie = organisatie_for(actor)
    kenmerk = kenmerk.strip()
    if not kenmerk:
        problems.add("kenmerk", _("Contractnummer: vul het nummer van het contract in."), "kenmerk_leeg")
    elif Contract.objects.filter(kenmerk__iexact=kenmerk).exists():
        problems.add(
            "kenmerk",
            _("Contractnummer: er is al een contract met nummer %(kenmerk)s.") % {"kenmerk": kenmerk},
            "kenmerk_bestaat",
        )
    if not aanbieder.actief:
        problems.add(
            "aanbieder",
            _("Aanbieder: %(naam)s is in het register niet meer actief.") % {"naam": aanbieder.naam},
            "aanbieder_niet_actief",
        )
    if einddatum < startdatum:
        problems.add(
            "einddatum",
            _("Einddatum: ligt vóór de startdatum (%(start)s). Een contract eindigt op of na de dag waarop het begint.")
            % {"start": day_label(startdatum)},
            "einde_voor_start",
        )
    _check_percelen(problems, percelen, actor=actor, organisatie_id=organisatie.pk)
    problems.raise_if_any()
    try:
        with transaction.atomic():
            contract = Contract.objects.create(
                uitvoeringsorganisatie=organisatie,
                aanbieder=aanbieder,
                kenmerk=kenmerk,
                omschrijving=omschrijving,
                startdatum=startdatum,
                einddatum=einddatum,
                created_by=actor,
            )
    except IntegrityError:  # the same kenmerk by someone else, between the check and the insert
        raise InkoopRefused(
            [
                DomainError(
                    _("Contractnummer: er is al een contract met nummer %(kenmerk)s.") % {"kenmerk": kenmerk},
                    field="kenmerk",
                )
            ]
        ) from None
    versie = ContractVersie.objects.create(contract=contract, versie=1, ingangsdatum=startdatum, created_by=actor)
    _store_percelen(versie, percelen)
    _event(
        contract=contract,
        actor=actor,
        action="contract.create",
        summary=ngettext(
            "Contract vastgelegd met %(n)s perceel (versie 1).",
            "Contract vastgelegd met %(n)s percelen (versie 1).",
            len(percelen),
        )
        % {"n": len(percelen)},
        changes=[],
    )
    return contract


@transaction.atomic
def contract_version_create(
    *, actor: User, contract: Contract, ingangsdatum: date, wijzigingsreden: str, percelen: list[PerceelInput]
) -> ContractVersie:
    """A new version with the full set of percelen, in force from `ingangsdatum` (after the last version's)."""
    # Claim the contract row first (a no-op update), so two new versions at once are made one after the other.
    if Contract.objects.filter(pk=contract.pk, status=ContractStatus.ACTIEF).update(status=ContractStatus.ACTIEF) != 1:
        raise StaleTransition(_("Het contract is beëindigd; er kan geen nieuwe versie bij."))
    vorige = _latest_versie(contract)
    _check_may_change(contract, actor, vorige)
    problems = _Problems()
    if not wijzigingsreden.strip():
        problems.add(
            "wijzigingsreden", _("Reden van de wijziging: vul in waarom het contract verandert."), "reden_leeg"
        )
    if ingangsdatum < contract.startdatum or ingangsdatum > contract.einddatum:
        problems.add(
            "ingangsdatum",
            _("Ingangsdatum: ligt buiten de looptijd van het contract (%(start)s tot en met %(einde)s).")
            % {"start": day_label(contract.startdatum), "einde": day_label(contract.einddatum)},
            "buiten_looptijd",
        )
    elif vorige is not None and ingangsdatum <= vorige.ingangsdatum:
        problems.add(
            "ingangsdatum",
            _(
                "Ingangsdatum: overlapt met versie %(versie)s, die ingaat op %(datum)s. Een nieuwe versie gaat in na "
                "de ingangsdatum van de laatste versie; eerdere versies blijven zoals ze waren."
            )
            % {"versie": vorige.versie, "datum": day_label(vorige.ingangsdatum)},
            "versie_overlapt",
        )
    _check_percelen(problems, percelen, actor=actor, organisatie_id=contract.uitvoeringsorganisatie_id, vorige=vorige)
    problems.raise_if_any()
    nummer = (vorige.versie if vorige else 0) + 1
    versie = ContractVersie.objects.create(
        contract=contract, versie=nummer, ingangsdatum=ingangsdatum, wijzigingsreden=wijzigingsreden, created_by=actor
    )
    _store_percelen(versie, percelen)
    changes = _version_changes(vorige, percelen)
    _event(
        contract=contract,
        actor=actor,
        action="contract.version",
        summary=_("Versie %(versie)s vastgelegd, in werking vanaf %(datum)s: %(reden)s")
        % {"versie": nummer, "datum": day_label(ingangsdatum), "reden": wijzigingsreden.strip()[:150]},
        changes=changes,
    )
    return versie


def _version_changes(vorige: ContractVersie | None, percelen: Iterable[PerceelInput]) -> list[dict[str, str]]:
    """Per component the tariff, volume and ceiling that changed, old → new, as the timeline shows them."""
    if vorige is None:
        return []
    old = {p.component: p for p in vorige.percelen.all()}
    changes: list[dict[str, str]] = []
    new_components = set()
    for perceel in percelen:
        new_components.add(perceel.component)
        label = _component_label(perceel.component)
        before = old.get(perceel.component)
        if before is None:
            changes.append({"field": perceel.component, "label": label, "old": "—", "new": _("nieuw perceel")})
            continue
        for name, money in (("tarief", True), ("volume", False), ("budgetplafond", True)):
            old_value, new_value = getattr(before, name), getattr(perceel, name)
            if old_value != new_value:
                change = field_change(Perceel, name, old_value, new_value, money=money)
                change["label"] = f"{label}: {change['label']}"
                changes.append(change)
    for component in sorted(set(old) - new_components):
        changes.append(
            {"field": component, "label": _component_label(component), "old": _("perceel"), "new": _("vervallen")}
        )
    return changes


@transaction.atomic
def contract_end(
    *, actor: User, contract: Contract, beeindigd_per: date, reden: str, toelichting: str = ""
) -> Contract:
    """End the contract early: from the day after `beeindigd_per` no new placements can use it."""
    _check_may_change(contract, actor, _latest_versie(contract))
    problems = _Problems()
    if reden not in EindeReden.values:
        problems.add("einde_reden", _("Reden van beëindiging: kies een reden uit de lijst."), "reden_onbekend")
    if beeindigd_per < contract.startdatum or beeindigd_per > contract.einddatum:
        problems.add(
            "beeindigd_per",
            _("Beëindigd per: ligt buiten de looptijd van het contract (%(start)s tot en met %(einde)s).")
            % {"start": day_label(contract.startdatum), "einde": day_label(contract.einddatum)},
            "buiten_looptijd",
        )
    if reden == EindeReden.OVERIG and not toelichting.strip():
        problems.add(
            "einde_toelichting",
            _("Toelichting: licht bij ‘Anders’ toe waarom het contract eindigt."),
            "toelichting_leeg",
        )
    problems.raise_if_any()
    claimed = Contract.objects.filter(pk=contract.pk, status=ContractStatus.ACTIEF).update(
        status=ContractStatus.BEEINDIGD, beeindigd_per=beeindigd_per, einde_reden=reden, einde_toelichting=toelichting
    )
    if claimed != 1:
        raise StaleTransition(_("Het contract is al beëindigd; er is niets gewijzigd."))
    contract.refresh_from_db()
    _event(
        contract=contract,
        actor=actor,
        action="contract.end",
        summary=_("Contract beëindigd per %(datum)s: %(reden)s")
        % {"datum": day_label(beeindigd_per), "reden": contract.get_einde_reden_display()},
        changes=[field_change(Contract, "status", ContractStatus.ACTIEF, ContractStatus.BEEINDIGD)],
    )
    return contract


# --- what part 2 (plaatsingen) asks before it places someone ---------------------------------------------


def plaatsing_keurmerk_check(
    *, aanbieder: Aanbieder, component: str, doelgroep: str, on_date: date | None = None
) -> list[Violation]:
    """The keurmerk rule for a new placement (rules.inkoop.KEURMERK_VERPLICHT): a violation naming the rule
    when the placement needs a valid keurmerk and the aanbieder's has expired (or is absent); else none."""
    return plaatsing_keurmerk_violations(
        PlaatsingKeurmerkFacts(
            component=Component(component),
            doelgroep=Doelgroep(doelgroep),
            heeft_keurmerk=aanbieder.heeft_bow_keurmerk,
            keurmerk_geldig_tot=aanbieder.bow_keurmerk_geldig_tot,
            on_date=on_date or timezone.localdate(),
        )
    )
