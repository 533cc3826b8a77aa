"""Reads of contracts, every one through the user's scope.

Scope rule: a contract manager sees a contract when at least one perceel of any of its versions may be used by
a gemeente in their scope (a contract that served them once stays readable). They record percelen only for
gemeenten in their scope, and change or end a contract only when every gemeente of its current version is in
their scope (services.py). An aanbieder's employee sees no contract here (their portal is issue 13, part 3).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.models import User
from openinburgering.rules.inkoop import KEURMERK_WAARSCHUWING_DAGEN, Keurmerkstatus

from .constants import (
    BUDGET_SIGNAAL_AANDEEL,
    CONTRACT_EINDIGT_BINNEN_DAGEN,
    ComponentChoices,
    ContractFase,
    ContractStatus,
)
from .models import Contract, ContractVersie, Perceel


def contracten_for_user(*, user: User) -> QuerySet[Contract]:
    """The contracts whose percelen serve at least one gemeente in the user's scope (see the module's rule)."""
    if user.scope.is_aanbieder or not user.scope.gemeente_ids:
        return Contract.objects.none()
    in_scope = Perceel.objects.filter(versie__contract_id=OuterRef("pk"), gemeenten__in=user.scope.gemeente_ids)
    return Contract.objects.filter(Exists(in_scope)).select_related("aanbieder")


def contract_get_for_user(*, user: User, uuid: object) -> Contract:
    """One contract in the user's scope; 404 outside it, never 403."""
    return get_object_or_404(contracten_for_user(user=user), uuid=uuid)


def component_order() -> Case:
    """Percelen in the order of the components' enumeration (the routes first), not alphabetically."""
    return Case(
        *(When(component=value, then=Value(index)) for index, value in enumerate(ComponentChoices.values)),
        default=Value(len(ComponentChoices.values)),
        output_field=IntegerField(),
    )


def contract_versies(contract: Contract) -> list[ContractVersie]:
    """Every version, newest first, each with its percelen and their gemeenten."""
    percelen = Perceel.objects.prefetch_related("gemeenten").order_by(component_order(), "pk")
    return list(contract.versies.order_by("-versie").prefetch_related(Prefetch("percelen", queryset=percelen)))


def versie_valid_on(contract: Contract, day: date) -> ContractVersie | None:
    """The version in force on `day`, or None before the start, after the (early) end."""
    return ContractVersie.objects.valid_on(day).filter(contract=contract).first()


@dataclass
class ContractFilter:
    """The list's filters, parsed leniently: an unknown value is ignored, never an error."""

    aanbieder: int | None = None
    fase: str = ""
    component: str = ""
    eindigt_binnenkort: bool = False

    @classmethod
    def from_query(cls, params: dict[str, str]) -> "ContractFilter":
        result = cls()
        raw = params.get("aanbieder") or ""
        if raw.isascii() and raw.isdigit() and len(raw) <= 18:
            result.aanbieder = int(raw)
        if params.get("fase") in ContractFase.values:
            result.fase = params["fase"]
        if params.get("component") in ComponentChoices.values:
            result.component = params["component"]
        result.eindigt_binnenkort = params.get("eindigt") == "binnenkort"
        return result


def contracten_filtered(*, user: User, filters: ContractFilter, today: date) -> QuerySet[Contract]:
    queryset = contracten_for_user(user=user)
    if filters.aanbieder is not None:
        queryset = queryset.filter(aanbieder_id=filters.aanbieder)
    if filters.fase == ContractFase.BEEINDIGD:
        queryset = queryset.filter(status=ContractStatus.BEEINDIGD)
    elif filters.fase:
        queryset = queryset.filter(status=ContractStatus.ACTIEF)
        if filters.fase == ContractFase.TOEKOMSTIG:
            queryset = queryset.filter(startdatum__gt=today)
        elif filters.fase == ContractFase.LOPEND:
            queryset = queryset.filter(startdatum__lte=today, einddatum__gte=today)
        else:
            queryset = queryset.filter(einddatum__lt=today)
    if filters.component:
        queryset = queryset.filter(
            Exists(Perceel.objects.filter(versie__contract_id=OuterRef("pk"), component=filters.component))
        )
    if filters.eindigt_binnenkort:
        queryset = queryset.filter(
            status=ContractStatus.ACTIEF,
            einddatum__gte=today,
            einddatum__lte=today + timedelta(days=CONTRACT_EINDIGT_BINNEN_DAGEN),
        )
    return queryset.order_by("einddatum", "kenmerk", "pk")


# --- what placements use of a perceel ------------------------------------------------------------------


def perceel_committed(perceel: Perceel) -> Decimal:
    """The budget placements have committed on this perceel's component of its contract, in euro.

    Zero until plaatsingen exist (issue 13, part 2): that part replaces this function's body with the sum of the
    prices of the placements that use the contract's perceel for this component. Everything that speaks of the
    remaining budget (the selector below, the ceiling check of a new version, the start page) asks this function.
    """
    return Decimal("0.00")


def perceel_committed_volume(perceel: Perceel) -> int:
    """The trajecten (or hours, for a price per hour) placements have committed on this perceel. Zero until
    plaatsingen exist, as perceel_committed."""
    return 0


@dataclass(frozen=True)
class PerceelBeschikbaar:
    """A perceel a gemeente may use for a component on a day, with what is left of it."""

    perceel: Perceel
    versie: ContractVersie
    contract: Contract
    aanbieder: Aanbieder
    tarief: Decimal
    budget_resterend: Decimal
    volume_resterend: int
    keurmerk: Keurmerkstatus


def percelen_beschikbaar(*, gemeente_id: int, component: str, on_date: date) -> list[PerceelBeschikbaar]:
    """The percelen of active contracts that `gemeente_id` may use for `component` on `on_date`, each from the
    contract version in force on that day, with tariff, remaining budget and volume and the keurmerk's status.

    Not scoped by a user: the caller (part 2's placement form) already holds a dossier in scope and asks for the
    dossier's gemeente. Whether the keurmerk allows the placement is services.plaatsing_keurmerk_check."""
    percelen = (
        Perceel.objects.filter(
            versie__in=ContractVersie.objects.valid_on(on_date),
            versie__contract__status=ContractStatus.ACTIEF,
            component=component,
            gemeenten=gemeente_id,
        )
        .select_related("versie__contract__aanbieder")
        .order_by("versie__contract__aanbieder__naam", "pk")
    )
    result = []
    for perceel in percelen:
        contract = perceel.versie.contract
        result.append(
            PerceelBeschikbaar(
                perceel=perceel,
                versie=perceel.versie,
                contract=contract,
                aanbieder=contract.aanbieder,
                tarief=perceel.tarief,
                budget_resterend=perceel.budgetplafond - perceel_committed(perceel),
                volume_resterend=perceel.volume - perceel_committed_volume(perceel),
                keurmerk=contract.aanbieder.keurmerk_status(on_date),
            )
        )
    return result


# --- the contract manager's start page ---------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSignaal:
    perceel: Perceel
    contract: Contract
    vastgelegd: Decimal
    aandeel: Decimal


@dataclass
class ContractSignalen:
    eindigen: list[Contract]
    keurmerken: list[tuple[Aanbieder, Keurmerkstatus]]
    budget: list[BudgetSignaal]
    eindigt_binnen_dagen: int = CONTRACT_EINDIGT_BINNEN_DAGEN
    keurmerk_dagen: int = KEURMERK_WAARSCHUWING_DAGEN.value
    budget_procent: int = int(BUDGET_SIGNAAL_AANDEEL * 100)


def contract_signalen(*, user: User, today: date) -> ContractSignalen:
    """What waits for the contract manager: contracts ending soon, keurmerken expiring or expired (of the active
    aanbieders in the register), percelen in force near their budget ceiling."""
    contracten = contracten_for_user(user=user)
    eindigen = list(
        contracten.filter(
            status=ContractStatus.ACTIEF,
            einddatum__gte=today,
            einddatum__lte=today + timedelta(days=CONTRACT_EINDIGT_BINNEN_DAGEN),
        ).order_by("einddatum", "kenmerk")
    )
    horizon = today + timedelta(days=KEURMERK_WAARSCHUWING_DAGEN.value)
    aanbieders = Aanbieder.objects.filter(
        actief=True, heeft_bow_keurmerk=True, bow_keurmerk_geldig_tot__lte=horizon
    ).order_by("bow_keurmerk_geldig_tot", "naam")
    keurmerken = [(a, a.keurmerk_status(today)) for a in aanbieders]
    budget = []
    in_force = Perceel.objects.filter(
        versie__in=ContractVersie.objects.valid_on(today),
        versie__contract__in=contracten.filter(status=ContractStatus.ACTIEF),
    ).select_related("versie__contract__aanbieder")
    for perceel in in_force:
        vastgelegd = perceel_committed(perceel)
        aandeel = vastgelegd / perceel.budgetplafond
        if aandeel >= BUDGET_SIGNAAL_AANDEEL:
            budget.append(BudgetSignaal(perceel, perceel.versie.contract, vastgelegd, aandeel))
    return ContractSignalen(eindigen=eindigen, keurmerken=keurmerken, budget=budget)
