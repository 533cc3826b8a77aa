"""Financieel ontzorgen in the demo region (JOURNEYS.md §3): who is ontzorgd, the fixed costs, the benefits,
and the exclusions and endings the betaalrun and the werkvoorraad show."""

import random
import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from stdnum import iban as stdnum_iban

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.validators import validate_iban
from openinburgering.demo.generator import ALL_GEMEENTEN, JOURNEY_FINANCIEEL, load_region
from openinburgering.demo.ontzorgen import (
    BIJSTAND_ALLEENSTAANDE,
    BIJSTAND_MET_PARTNER,
    CORPORATIES,
    ENERGIE,
    INBOEDELVERZEKERAARS,
    WATERBEDRIJF,
    ZORGVERZEKERAARS,
    Kandidaat,
    ontzorgen_kandidaten,
    plan_ontzorgen,
    window_start,
)
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.models import Dossier
from openinburgering.ontzorgen.constants import KenmerkSoort, OntzorgingStatus, WijzigingSoort
from openinburgering.ontzorgen.models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie
from openinburgering.ontzorgen.selectors import AFLOOP_SIGNAAL_DAGEN, ontzorgingen_overzicht_for_user
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.rules.kalender import month_of, next_month
from openinburgering.rules.ontzorgen import (
    ONTZORGEN_VASTE_LASTEN,
    VasteLastSoort,
    betalingskenmerk_is_valid,
    ontzorgen_last_day,
)
from openinburgering.uitkeringen.constants import UitkeringBron
from openinburgering.uitkeringen.models import Uitkering, UitkeringImport

TODAY = date(2026, 11, 22)
SEED = 2026
SIZE = 400  # the default demo
THIS_MONTH = month_of(TODAY)
NEXT_MONTH = next_month(THIS_MONTH)


@pytest.fixture
def region(db):
    return load_region(seed=SEED, size=SIZE, today=TODAY)


def _kandidaten(n: int = 4_000, *, seed: int = 1) -> list[Kandidaat]:
    """Many made-up candidates, housed any day of the window: enough for the small shares."""
    rng = random.Random(seed)
    days = (TODAY - window_start(TODAY)).days
    return [
        Kandidaat(
            dossier_id=i + 1,
            gemeente=rng.choice(ALL_GEMEENTEN),
            huisvesting=TODAY - timedelta(days=rng.randint(1, days)),
            bsn=f"{999_000_000 + i}",
            naam=f"Persoon {i}",
            partner=rng.random() < 0.4,
        )
        for i in range(n)
    ]


def _lasten_in(plan, maand):
    return sum(last.bedrag for last in plan.vaste_lasten if last.van_maand <= maand)


def _plan(kandidaten=None, seed=SEED):
    return list(plan_ontzorgen(_kandidaten() if kandidaten is None else kandidaten, seed=seed, today=TODAY))


@pytest.fixture(scope="module")
def kandidaten():
    return {k.dossier_id: k for k in _kandidaten()}


@pytest.fixture(scope="module")
def plan(kandidaten):
    return _plan(list(kandidaten.values()))


# --- the plan (no database) -------------------------------------------------------------------


def test_same_seed_gives_the_same_plan_and_a_longer_list_starts_with_the_shorter_ones(plan):
    assert plan == _plan()
    assert _plan(_kandidaten()[:1_000]) == [p for p in plan if p.dossier_id <= 1_000]
    assert [p.iban for p in _plan(seed=SEED + 1)] != [p.iban for p in plan]


def test_nothing_is_decided_today_or_later(kandidaten, plan):
    housed = {k.dossier_id: k.huisvesting for k in kandidaten.values()}
    assert 0.8 * len(kandidaten) < len(plan) < len(kandidaten)  # the recently housed wait for their beschikking
    for p in plan:
        assert 0 <= (p.startdatum - housed[p.dossier_id]).days <= 14
        assert p.startdatum < p.besluitdatum < TODAY
        assert p.machtiging_op is None or housed[p.dossier_id] <= p.machtiging_op <= p.besluitdatum
    assert 0.85 < sum(p.machtiging_op is not None for p in plan) / len(plan) < 0.97


def test_the_statutory_fixed_costs_and_a_contents_insurance_only_with_an_extension(kandidaten, plan):
    for p in plan:
        soorten = Counter(last.soort for last in p.vaste_lasten)
        assert soorten[VasteLastSoort.HUUR] == soorten[VasteLastSoort.WATER] == 1
        assert soorten[VasteLastSoort.ZORGVERZEKERING] == soorten[VasteLastSoort.ELEKTRICITEIT] == 1
        assert soorten[VasteLastSoort.GAS] <= 1
        assert set(soorten) - ONTZORGEN_VASTE_LASTEN.value <= {VasteLastSoort.INBOEDELVERZEKERING}
        if soorten[VasteLastSoort.INBOEDELVERZEKERING]:
            assert p.verlenging is not None
        for last in p.vaste_lasten:
            if last.soort == VasteLastSoort.HUUR:
                assert Decimal(420) <= last.bedrag <= Decimal(780)
                assert last.crediteur in {c.naam for c in CORPORATIES[kandidaten[p.dossier_id].gemeente]}
            elif last.soort == VasteLastSoort.WATER:
                assert Decimal(18) <= last.bedrag <= Decimal(32) and last.crediteur == "Evides"
            elif last.soort == VasteLastSoort.INBOEDELVERZEKERING:
                assert Decimal(8) <= last.bedrag <= Decimal(15)


def test_the_premium_is_per_adult(kandidaten, plan):
    for p in plan:
        premie = next(last.bedrag for last in p.vaste_lasten if last.soort == VasteLastSoort.ZORGVERZEKERING)
        if kandidaten[p.dossier_id].partner:
            assert Decimal(270) <= premie <= Decimal(310)
        else:
            assert Decimal(135) <= premie <= Decimal(155)


def test_a_few_are_extended_with_consent_for_six_more_months(plan):
    extended = [p for p in plan if p.verlenging is not None]
    assert 0.045 < len(extended) / len(plan) < 0.055
    for p in extended:
        v = p.verlenging
        assert v.oude_einddatum == ontzorgen_last_day(p.startdatum)
        assert v.nieuwe_einddatum == p.einddatum == ontzorgen_last_day(v.oude_einddatum + timedelta(days=1))
        assert p.besluitdatum < v.besluitdatum < TODAY and v.reden
    assert any(last.soort == VasteLastSoort.INBOEDELVERZEKERING for p in extended for last in p.vaste_lasten)
    for p in plan:
        if p.verlenging is None:
            assert p.einddatum == ontzorgen_last_day(p.startdatum)


def test_the_betaalrun_for_next_month_has_a_few_exclusions(kandidaten, plan):
    assert all(THIS_MONTH in p.uitkeringen for p in plan)
    in_force = [p for p in plan if p.einddatum >= NEXT_MONTH]
    missing = [p for p in in_force if NEXT_MONTH not in p.uitkeringen]
    assert len(missing) == len(plan) - sum(NEXT_MONTH in p.uitkeringen for p in plan)
    assert 0.018 < len(missing) / len(in_force) < 0.022
    below_costs = [p for p in in_force if p.uitkeringen[THIS_MONTH] < _lasten_in(p, NEXT_MONTH)]
    assert 0.018 < len(below_costs) / len(in_force) < 0.022
    assert not set(map(id, missing)) & set(map(id, below_costs))
    for p in plan:
        assert len(set(p.uitkeringen.values())) == 1
    for p in plan:
        if any(p is q for q in below_costs):
            continue
        lo, hi = BIJSTAND_MET_PARTNER if kandidaten[p.dossier_id].partner else BIJSTAND_ALLEENSTAANDE
        assert Decimal(lo) / 100 <= p.uitkeringen[THIS_MONTH] <= Decimal(hi) / 100


def test_some_end_within_the_next_30_days(plan):
    ending = [p for p in plan if TODAY <= p.einddatum <= TODAY + timedelta(days=30)]
    assert len(ending) > 100  # of 4,000 candidates; at the default size a handful (see below)


def test_creditors_have_their_own_valid_iban_and_every_gemeente_a_corporation():
    assert set(CORPORATIES) == set(ALL_GEMEENTEN)
    creditors = {c.naam: c.iban for code in ALL_GEMEENTEN for c in CORPORATIES[code]}
    for group in (ENERGIE.items, ZORGVERZEKERAARS.items, INBOEDELVERZEKERAARS, (WATERBEDRIJF,)):
        creditors |= {c.naam: c.iban for c in group}
    assert len(set(creditors.values())) == len(creditors) == 19
    for iban in creditors.values():
        assert stdnum_iban.is_valid(iban)


def test_personal_ibans_are_valid_and_unique(plan):
    ibans = [p.iban for p in plan]
    assert len(set(ibans)) == len(ibans)
    assert all(stdnum_iban.is_valid(iban) and iban.startswith("NL") for iban in ibans)


# --- the loaded region ------------------------------------------------------------------------


def test_ontzorgingen_are_for_open_dossiers_of_the_pw_56a_group(region):
    ontzorgingen = Ontzorging.objects.select_related("dossier", "created_by")
    assert 5 <= ontzorgingen.count() <= 40  # a dozen at the default size
    ahmed = User.objects.get(username=JOURNEY_FINANCIEEL)
    assert ahmed.has_role(Role.FINANCIEEL_MEDEWERKER)
    for o in ontzorgingen:
        d = o.dossier
        assert d.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        assert d.gedetailleerde_doelgroep == GedetailleerdeDoelgroep.ASIELSTATUSHOUDER
        assert d.status in (Status.PIP, Status.UITVOERING)
        assert window_start(TODAY) <= d.datum_huisvesting <= o.startdatum <= o.besluitdatum < TODAY
        assert o.status == OntzorgingStatus.ACTIEF and o.asielvergunning_bepaalde_tijd
        assert o.created_by == ahmed
        assert o.rekeninghouder == " ".join(
            part for part in (d.inburgeraar.voornamen, d.inburgeraar.voorvoegsel, d.inburgeraar.geslachtsnaam) if part
        )
    qualifying = Dossier.objects.filter(pk__in=[k.dossier_id for k in ontzorgen_kandidaten(today=TODAY)])
    assert ontzorgingen.count() <= qualifying.count()


def test_einddatum_is_six_months_or_the_extensions_new_end(region):
    for o in Ontzorging.objects.prefetch_related("wijzigingen"):
        wijzigingen = list(o.wijzigingen.all())
        if not wijzigingen:
            assert o.einddatum == ontzorgen_last_day(o.startdatum)
            continue
        (v,) = wijzigingen
        assert v.soort == WijzigingSoort.VERLENGING and v.grond and v.reden
        assert v.oude_einddatum == ontzorgen_last_day(o.startdatum) and o.einddatum == v.nieuwe_einddatum
    for wijziging in OntzorgingWijziging.objects.all():
        wijziging.full_clean()


def test_every_account_reference_and_amount_is_valid(region):
    for o in Ontzorging.objects.all():
        validate_iban(o.iban)
        o.full_clean()
    versies = VasteLastVersie.objects.select_related("vaste_last__ontzorging")
    assert versies.count() == VasteLast.objects.count() >= 4 * Ontzorging.objects.count()
    for versie in versies:
        validate_iban(versie.iban)
        assert versie.bedrag > 0
        if versie.kenmerk_soort == KenmerkSoort.GESTRUCTUREERD:
            assert len(versie.kenmerk) == 16 and betalingskenmerk_is_valid(versie.kenmerk)
        else:
            assert re.fullmatch(r"Klantnummer \d{6,7} voorschot( gas| elektriciteit)?", versie.kenmerk)
        versie.full_clean()
    for uitkering in Uitkering.objects.all():
        assert uitkering.bedrag > 0
        uitkering.full_clean()


def test_the_versions_start_in_the_month_of_the_start(region):
    for versie in VasteLastVersie.objects.select_related("vaste_last__ontzorging"):
        ontzorging = versie.vaste_last.ontzorging
        assert versie.tot_en_met_maand is None
        if versie.vaste_last.soort in ONTZORGEN_VASTE_LASTEN.value:
            assert versie.van_maand == month_of(ontzorging.startdatum)
        else:  # after the extension that allows it
            assert month_of(ontzorging.startdatum) < versie.van_maand <= month_of(ontzorging.einddatum)


def test_benefits_come_from_two_imports_and_next_month_is_missing_for_few(region):
    ontzorgingen = Ontzorging.objects.count()
    per_month = Counter(Uitkering.objects.values_list("maand", flat=True))
    assert per_month[THIS_MONTH] == ontzorgingen
    assert 0.8 * ontzorgingen <= per_month[NEXT_MONTH] < ontzorgingen
    assert set(per_month) == {THIS_MONTH, NEXT_MONTH}
    imports = {i.bestandsnaam: i for i in UitkeringImport.objects.all()}
    assert set(imports) == {"bijstand-2026-11.csv", "bijstand-2026-12.csv"}
    for naam, maand in (("bijstand-2026-11.csv", THIS_MONTH), ("bijstand-2026-12.csv", NEXT_MONTH)):
        assert imports[naam].aantal == per_month[maand] == imports[naam].uitkeringen.count()
        assert re.fullmatch(r"[0-9a-f]{64}", imports[naam].sha256)
        assert imports[naam].created_at.date() < TODAY
    assert set(Uitkering.objects.values_list("bron", flat=True)) == {UitkeringBron.IMPORT}


def test_the_financieel_medewerkers_see_ontzorgen_ending_soon(region):
    ahmed, els = (User.objects.get(username=name) for name in (JOURNEY_FINANCIEEL, "financieel2"))
    assert els.has_role(Role.FINANCIEEL_MEDEWERKER) and els.pk != ahmed.pk
    ending = ontzorgingen_overzicht_for_user(user=ahmed, binnen_dagen=AFLOOP_SIGNAAL_DAGEN, today=TODAY)
    assert 1 <= ending.count() <= 10  # JOURNEYS.md §3 step 5, at the default size
    assert list(ending) == list(ontzorgingen_overzicht_for_user(user=els, binnen_dagen=30, today=TODAY))


def test_the_database_holds_the_plan_of_the_same_seed(region):
    plan = _plan(ontzorgen_kandidaten(today=TODAY))
    stored = Ontzorging.objects.order_by("pk")
    assert [(o.dossier_id, o.startdatum, o.einddatum, o.iban, str(o.uuid)) for o in stored] == [
        (p.dossier_id, p.startdatum, p.einddatum, p.iban, p.uuid) for p in plan
    ]
    versies = VasteLastVersie.objects.order_by("vaste_last_id").values_list("crediteur", "kenmerk", "bedrag")
    assert list(versies) == [(v.crediteur, v.kenmerk, v.bedrag) for p in plan for v in p.vaste_lasten]


def test_a_new_ontzorging_after_loading_gets_a_fresh_id(region):
    highest = Ontzorging.objects.order_by("-pk").first()
    dossier = Dossier.objects.filter(doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT).first()
    ontzorging = Ontzorging.objects.create(
        dossier=dossier,
        startdatum=TODAY,
        einddatum=ontzorgen_last_day(TODAY),
        asielvergunning_bepaalde_tijd=False,
        besluitdatum=TODAY,
        created_by=highest.created_by,
    )
    assert ontzorging.pk == highest.pk + 1
    last = VasteLast.objects.create(ontzorging=ontzorging, soort=VasteLastSoort.HUUR, created_by=highest.created_by)
    assert last.pk == VasteLast.objects.count()


def test_the_default_demo_has_one_of_each_part(region):
    """Next month's betaalrun excludes someone without a benefit and someone whose costs exceed it
    (JOURNEYS.md §3 step 3); someone has an extension; each even at the default size."""
    in_force = Ontzorging.objects.filter(einddatum__gte=NEXT_MONTH)
    geen_uitkering = in_force.exclude(dossier__uitkeringen__maand=NEXT_MONTH)
    assert geen_uitkering.count() >= 1
    lasten_hoger = 0
    for o in in_force.exclude(pk__in=geen_uitkering):
        uitkering = Uitkering.objects.get(dossier=o.dossier, maand=NEXT_MONTH).bedrag
        versies = VasteLastVersie.objects.filter(vaste_last__ontzorging=o, van_maand__lte=NEXT_MONTH)
        lasten_hoger += uitkering < sum(v.bedrag for v in versies)
    assert lasten_hoger >= 1
    assert OntzorgingWijziging.objects.filter(soort=WijzigingSoort.VERLENGING).count() >= 1
