"""Services: the beschikking and who gets it, changes on a ground, fixed costs as dated versions, all or nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openinburgering.betalingen.constants import RunStatus
from openinburgering.core.exceptions import DomainError
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.letters.models import Document
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen import services
from openinburgering.ontzorgen.constants import (
    KenmerkSoort,
    OntzorgingStatus,
    VasteLastSoortChoices,
    VerlengingsGrondChoices,
    WijzigingSoort,
)
from openinburgering.ontzorgen.exceptions import OntzorgenRefused, errors_of
from openinburgering.ontzorgen.factories import (
    BETALINGSKENMERK,
    BIC_ZWITSERLAND,
    IBAN_CREDITEUR,
    IBAN_CREDITEUR_2,
    IBAN_INBURGERAAR,
    IBAN_ZWITSERLAND,
    OntzorgingFactory,
    VasteLastFactory,
    betalingskenmerk_for,
)
from openinburgering.ontzorgen.models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie
from openinburgering.ontzorgen.selectors import vaste_lasten_in_maand
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.rules.ontzorgen import OMSCHRIJVING_MAX, ontzorgen_last_day

pytestmark = pytest.mark.django_db

# The last day of a month whose next month is shorter: month arithmetic from today must not overflow.
MONTH_END = date(2027, 1, 31)


@pytest.fixture(autouse=True)
def today():
    with travel_to(MONTH_END):
        yield MONTH_END


START = date(2025, 8, 31)  # bijstand from 31 August: six months run to 28 February (Pw 56a(2))
BESLUIT = date(2025, 9, 5)


def create(dossier, actor, **overrides):
    values = {
        "dossier": dossier,
        "actor": actor,
        "startdatum": START,
        "asielvergunning_bepaalde_tijd": True,
        "besluitdatum": BESLUIT,
        "iban": IBAN_INBURGERAAR,
    }
    values.update(overrides)
    return services.ontzorging_create(**values)


def terms(**overrides):
    values = {
        "van_maand": date(2025, 9, 1),
        "tot_en_met_maand": None,
        "crediteur": "Woningstichting De Linie",
        "iban": IBAN_CREDITEUR,
        "bic": "",
        "kenmerk_soort": KenmerkSoort.GESTRUCTUREERD,
        "kenmerk": BETALINGSKENMERK,
        "bedrag": Decimal("650.00"),
    }
    values.update(overrides)
    return values


def add(ontzorging, actor, soort=VasteLastSoortChoices.HUUR, **overrides):
    return services.vaste_last_add(ontzorging=ontzorging, actor=actor, soort=soort, **terms(**overrides))


def refused_fields(excinfo) -> dict[str, str]:
    """Field → its messages (joined) of a refusal."""
    fields: dict[str, str] = {}
    for error in errors_of(excinfo.value):
        key = error.field or ""
        fields[key] = f"{fields[key]} {error.message}" if key in fields else error.message
    return fields


@pytest.fixture
def ontzorging(dossier, fm):
    return create(dossier, fm)


# --- the beschikking -----------------------------------------------------------------------------


def test_asielstatushouder_gets_six_months_a_letter_and_a_timeline_line(dossier, fm):
    ontzorging = create(dossier, fm, machtiging_op=date(2025, 9, 3), rekeninghouder="A. Haddad")

    assert ontzorging.status == OntzorgingStatus.ACTIEF
    assert ontzorging.startdatum == START
    assert ontzorging.einddatum == date(2026, 2, 28) == ontzorgen_last_day(START)
    assert ontzorging.iban == IBAN_INBURGERAAR and ontzorging.created_by == fm
    document = Ontzorging.objects.get(pk=ontzorging.pk).document
    assert document.kind == Document.Kind.ONTZORGEN_BESCHIKKING
    assert bytes(document.content).startswith(b"%PDF-")
    event = DossierEvent.objects.get(dossier=dossier, action="ontzorgen_beschikking")
    assert "28 februari 2026" in event.summary
    assert Verwerking.objects.filter(dossier_id=dossier.pk, subject="ontzorgen").exists()


def test_gezinsmigrant_is_refused_naming_pw_56a(gemeente_a, fm):
    dossier = DossierFactory(
        gemeente=gemeente_a,
        status=Status.UITVOERING,
        doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
        gedetailleerde_doelgroep=GedetailleerdeDoelgroep.GEZINSVORMER.value,
    )
    with pytest.raises(DomainError) as excinfo:
        create(dossier, fm)
    message = refused_fields(excinfo)["asielvergunning_bepaalde_tijd"]
    assert "artikel 56a lid 1 van de Participatiewet" in message
    assert not Ontzorging.objects.exists() and not Document.objects.exists()


def test_without_an_asylum_permit_of_ones_own_is_refused(dossier, fm):
    """A family member with a regular permit counts as asielstatushouder in the Wi, but not for Pw 56a."""
    with pytest.raises(DomainError) as excinfo:
        create(dossier, fm, asielvergunning_bepaalde_tijd=False)
    assert "56a lid 1" in refused_fields(excinfo)["asielvergunning_bepaalde_tijd"]
    assert not Ontzorging.objects.exists()


def test_without_bijstand_or_with_a_closed_dossier_is_refused(gemeente_a, dossier, fm):
    with pytest.raises(DomainError) as excinfo:
        create(dossier, fm, startdatum=None)
    assert "startdatum" in refused_fields(excinfo)

    closed = DossierFactory(gemeente=gemeente_a, afgerond=True)
    with pytest.raises(DomainError) as excinfo:
        create(closed, fm)
    assert excinfo.value.code == "niet_inburgeringsplichtig"
    assert not Ontzorging.objects.exists()


def test_every_problem_of_a_beschikking_at_once(dossier, fm):
    future = timezone.localdate() + timedelta(days=3)
    with pytest.raises(OntzorgenRefused) as excinfo:
        create(dossier, fm, besluitdatum=future, machtiging_op=future, iban="NL00ABNA0000000000")
    assert set(refused_fields(excinfo)) == {"besluitdatum", "machtiging_op", "iban"}


def test_only_one_ontzorging_in_force(ontzorging, dossier, fm):
    with pytest.raises(DomainError) as excinfo:
        create(dossier, fm, startdatum=date(2025, 12, 1))
    assert excinfo.value.code == "active_exists"

    # After its period, a new beschikking closes the old one.
    new = create(dossier, fm, startdatum=date(2026, 3, 2), besluitdatum=date(2026, 3, 2))
    ontzorging.refresh_from_db()
    assert ontzorging.status == OntzorgingStatus.BEEINDIGD
    assert new.status == OntzorgingStatus.ACTIEF


def test_only_a_financieel_medewerker_of_the_gemeente(dossier, klantregisseur, fm_b):
    for actor in (klantregisseur, fm_b):
        with pytest.raises(DomainError) as excinfo:
            create(dossier, actor)
        assert excinfo.value.code == "forbidden"
    assert not Ontzorging.objects.exists()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(date(2024, 1, 1), date(2026, 6, 30)))
def test_the_beschikking_runs_six_months_from_the_start_of_bijstand(dossier, fm, start):
    Ontzorging.objects.filter(dossier=dossier).update(status=OntzorgingStatus.BEEINDIGD)
    ontzorging = create(dossier, fm, startdatum=start, besluitdatum=min(start, timezone.localdate()))
    assert ontzorging.einddatum == ontzorgen_last_day(start)
    assert start + timedelta(days=180) <= ontzorging.einddatum <= start + timedelta(days=184)


def test_gegevens_update_records_the_machtiging_and_the_account(ontzorging, fm):
    services.ontzorging_gegevens_update(
        ontzorging=ontzorging,
        actor=fm,
        machtiging_op=date(2025, 9, 10),
        rekeninghouder="A. Haddad",
        iban="NL20 INGB 0001 2345 67",
    )
    ontzorging.refresh_from_db()
    assert ontzorging.iban == "NL20INGB0001234567" and ontzorging.machtiging_op == date(2025, 9, 10)
    event = DossierEvent.objects.get(action="ontzorgen_gegevens")
    assert {c["field"] for c in event.changes} == {"machtiging_op", "rekeninghouder", "iban"}


# --- changes ---------------------------------------------------------------------------------------


def wijzig(ontzorging, actor, **overrides):
    values = {
        "ontzorging": ontzorging,
        "actor": actor,
        "soort": WijzigingSoort.VERLENGING,
        "grond": VerlengingsGrondChoices.PW57_BESLUIT,
        "reden": "Huurachterstand bij de vorige woning; budgetcoaching loopt nog.",
        "besluitdatum": date(2026, 2, 10),
        "nieuwe_einddatum": date(2026, 5, 31),
    }
    values.update(overrides)
    return services.ontzorging_change(**values)


def test_extension_needs_a_ground_and_a_reason(ontzorging, fm):
    with pytest.raises(OntzorgenRefused) as excinfo:
        wijzig(ontzorging, fm, grond="", reden="  ")
    fields = refused_fields(excinfo)
    assert set(fields) == {"grond", "reden"}
    assert "Pw 57" in fields["grond"]
    assert (
        not OntzorgingWijziging.objects.exists()
        and not Document.objects.filter(kind=Document.Kind.ONTZORGEN_WIJZIGING).exists()
    )
    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == date(2026, 2, 28)


def test_extension_moves_the_end_and_keeps_the_decision(ontzorging, fm):
    wijziging = wijzig(ontzorging, fm)

    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == date(2026, 5, 31)
    assert (wijziging.oude_einddatum, wijziging.nieuwe_einddatum) == (date(2026, 2, 28), date(2026, 5, 31))
    assert wijziging.document.kind == Document.Kind.ONTZORGEN_WIJZIGING
    event = DossierEvent.objects.get(action="ontzorgen_verlenging")
    assert event.changes[0]["new"] == "31 mei 2026"


def test_extension_must_end_later(ontzorging, fm):
    with pytest.raises(OntzorgenRefused) as excinfo:
        wijzig(ontzorging, fm, nieuwe_einddatum=date(2026, 2, 1))
    assert "beëindiging" in refused_fields(excinfo)["nieuwe_einddatum"]


def test_a_fixed_cost_outside_pw_56a_needs_a_widening(ontzorging, fm):
    with pytest.raises(OntzorgenRefused) as excinfo:
        add(ontzorging, fm, soort=VasteLastSoortChoices.INBOEDELVERZEKERING)
    message = refused_fields(excinfo)["soort"]
    assert "artikel 56a lid 2 van de Participatiewet" in message
    assert not VasteLast.objects.exists()

    wijzig(
        ontzorging,
        fm,
        soort=WijzigingSoort.VERBREDING,
        grond=VerlengingsGrondChoices.TOESTEMMING,
        nieuwe_einddatum=None,
    )
    vaste_last = add(ontzorging, fm, soort=VasteLastSoortChoices.INBOEDELVERZEKERING, bedrag=Decimal("9.95"))
    assert vaste_last.soort == VasteLastSoortChoices.INBOEDELVERZEKERING
    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == date(2026, 2, 28)  # a widening alone does not move the end


def test_ending_early_for_self_payment(ontzorging, fm):
    wijziging = wijzig(
        ontzorging,
        fm,
        soort=WijzigingSoort.BEEINDIGING,
        grond=VerlengingsGrondChoices.PW57_BESLUIT,  # ignored: an end needs no ground
        reden="Betaalt vanaf januari zelf; automatische incasso's geregeld.",
        nieuwe_einddatum=date(2025, 12, 31),
    )
    assert wijziging.grond == ""
    ontzorging.refresh_from_db()
    assert ontzorging.einddatum == ontzorging.beeindigd_op == date(2025, 12, 31)
    assert ontzorging.status == OntzorgingStatus.BEEINDIGD  # that day is past
    with pytest.raises(DomainError):
        wijzig(ontzorging, fm)  # an ended ontzorging is not changed again


def test_an_end_in_the_future_keeps_it_running_until_then(dossier, fm):
    start = timezone.localdate().replace(day=1)
    ontzorging = create(dossier, fm, startdatum=start, besluitdatum=start)
    end = ontzorging.einddatum - timedelta(days=40)
    wijzig(ontzorging, fm, soort=WijzigingSoort.BEEINDIGING, grond="", nieuwe_einddatum=end, besluitdatum=start)
    ontzorging.refresh_from_db()
    assert ontzorging.status == OntzorgingStatus.ACTIEF and ontzorging.einddatum == end


def test_ending_never_cuts_off_a_paid_month(ontzorging, fm, put_in_run):
    huur = add(ontzorging, fm)
    put_in_run(huur, date(2026, 1, 1))
    with pytest.raises(OntzorgenRefused) as excinfo:
        wijzig(ontzorging, fm, soort=WijzigingSoort.BEEINDIGING, grond="", nieuwe_einddatum=date(2025, 12, 31))
    assert "31 januari 2026" in refused_fields(excinfo)["nieuwe_einddatum"]
    # A cancelled run does not count.
    put_in_run(huur, date(2026, 2, 1), status=RunStatus.GEANNULEERD)
    wijzig(ontzorging, fm, soort=WijzigingSoort.BEEINDIGING, grond="", nieuwe_einddatum=date(2026, 1, 31))


# --- fixed costs ---------------------------------------------------------------------------------


def test_add_a_fixed_cost_with_its_first_version(ontzorging, fm):
    huur = add(ontzorging, fm, van_maand=date(2025, 9, 17), kenmerk="5000 0567 8901 2345", bic="abna nl2a")

    versie = huur.versies.get()
    assert versie.van_maand == date(2025, 9, 1)  # whole months
    assert versie.tot_en_met_maand is None
    assert versie.kenmerk == "5000056789012345" and versie.bic == "ABNANL2A"
    assert DossierEvent.objects.filter(action="ontzorgen_vaste_last", summary__contains="€ 650,00").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"iban": "NL91ABNA0417164301"}, "iban", "geen geldig IBAN"),
        ({"iban": ""}, "iban", "IBAN"),
        ({"iban": "TR330006100519786457841326"}, "iban", "SEPA"),
        ({"iban": IBAN_ZWITSERLAND}, "bic", "is de BIC verplicht"),
        ({"iban": IBAN_ZWITSERLAND, "bic": "UBSWCH"}, "bic", "geen geldige BIC"),
        ({"kenmerk": "4000056789012345"}, "kenmerk", "16 cijfers"),
        ({"kenmerk": "12345"}, "kenmerk", "controlecijfer"),
        ({"kenmerk_soort": KenmerkSoort.VRIJ, "kenmerk": "x" * 141}, "kenmerk", "141 tekens"),
        ({"kenmerk_soort": KenmerkSoort.VRIJ, "kenmerk": "  "}, "kenmerk", "omschrijving"),
        ({"bedrag": Decimal("0")}, "bedrag", "bedrag per maand"),
        ({"bedrag": Decimal("-650")}, "bedrag", "groter zijn dan nul"),
        ({"bedrag": Decimal("6.505")}, "bedrag", "twee cijfers"),
        ({"bedrag": None}, "bedrag", "bedrag"),
        ({"crediteur": ""}, "crediteur", "crediteur"),
        ({"crediteur": "x" * 71}, "crediteur", "70"),
        ({"van_maand": date(2025, 7, 1)}, "van_maand", "vóór het begin"),
        ({"van_maand": date(2026, 3, 1)}, "van_maand", "na het einde"),
        ({"tot_en_met_maand": date(2025, 8, 1)}, "tot_en_met_maand", "vóór de eerste maand"),
        ({"tot_en_met_maand": date(2026, 3, 1)}, "tot_en_met_maand", "Verleng eerst"),
    ],
)
def test_bad_input_is_refused_naming_the_field(ontzorging, fm, overrides, field, words):
    with pytest.raises(OntzorgenRefused) as excinfo:
        add(ontzorging, fm, **overrides)
    fields = refused_fields(excinfo)
    assert field in fields, fields
    assert words in fields[field]
    assert not VasteLast.objects.exists() and not VasteLastVersie.objects.exists()


def test_140_characters_and_a_bic_outside_the_eea_are_fine(ontzorging, fm):
    vaste_last = add(
        ontzorging,
        fm,
        kenmerk_soort=KenmerkSoort.VRIJ,
        kenmerk="x" * OMSCHRIJVING_MAX.value,
        iban=IBAN_ZWITSERLAND,
        bic=BIC_ZWITSERLAND,
        soort=VasteLastSoortChoices.ZORGVERZEKERING,
    )
    assert len(vaste_last.versies.get().kenmerk) == 140


def test_every_problem_is_reported_at_once_and_nothing_is_stored(ontzorging, fm):
    with pytest.raises(OntzorgenRefused) as excinfo:
        add(ontzorging, fm, iban="NL00XXXX", kenmerk="123", bedrag=Decimal("0"), crediteur="")
    assert set(refused_fields(excinfo)) == {"iban", "kenmerk", "bedrag", "crediteur"}
    assert excinfo.value.message == "De invoer voldoet aan 4 regels niet."
    assert not VasteLast.objects.exists()
    assert not DossierEvent.objects.filter(action="ontzorgen_vaste_last").exists()


def test_a_change_is_a_new_version_and_the_old_one_keeps_its_end(ontzorging, fm):
    huur = add(ontzorging, fm)
    versie = services.vaste_last_change(
        vaste_last=huur, actor=fm, **terms(van_maand=date(2025, 11, 1), bedrag=Decimal("675.00"), iban=IBAN_CREDITEUR_2)
    )

    old, new = huur.versies.order_by("van_maand")
    assert (old.van_maand, old.tot_en_met_maand, old.bedrag) == (date(2025, 9, 1), date(2025, 10, 1), Decimal("650.00"))
    assert new == versie and (new.van_maand, new.tot_en_met_maand, new.bedrag) == (
        date(2025, 11, 1),
        None,
        Decimal("675.00"),
    )
    assert [v.bedrag for v in vaste_lasten_in_maand(ontzorging, date(2025, 10, 1))] == [Decimal("650.00")]
    assert [v.bedrag for v in vaste_lasten_in_maand(ontzorging, date(2025, 11, 15))] == [Decimal("675.00")]
    event = DossierEvent.objects.filter(action="ontzorgen_vaste_last").first()  # newest first
    assert {c["field"] for c in event.changes} == {"iban", "bedrag"}


def test_a_change_in_a_paid_month_is_refused(ontzorging, fm, put_in_run):
    huur = add(ontzorging, fm)
    put_in_run(huur, date(2025, 10, 1))
    for maand in (date(2025, 10, 1), date(2025, 9, 1)):
        with pytest.raises(OntzorgenRefused) as excinfo:
            services.vaste_last_change(vaste_last=huur, actor=fm, **terms(van_maand=maand, bedrag=Decimal("700")))
        message = refused_fields(excinfo)["van_maand"]
        assert "Deze maand is al betaald" in message and "november 2025" in message
    assert huur.versies.count() == 1 and huur.versies.get().tot_en_met_maand is None
    services.vaste_last_change(vaste_last=huur, actor=fm, **terms(van_maand=date(2025, 11, 1), bedrag=Decimal("700")))
    assert huur.versies.count() == 2


def test_a_change_may_not_overlap_a_later_version(ontzorging, fm):
    huur = add(ontzorging, fm)
    services.vaste_last_change(vaste_last=huur, actor=fm, **terms(van_maand=date(2025, 12, 1), bedrag=Decimal("700")))
    with pytest.raises(OntzorgenRefused) as excinfo:
        services.vaste_last_change(
            vaste_last=huur, actor=fm, **terms(van_maand=date(2025, 10, 1), bedrag=Decimal("680"))
        )
    assert "december 2025" in refused_fields(excinfo)["tot_en_met_maand"]
    # With an end before the later version, it fits in between.
    services.vaste_last_change(
        vaste_last=huur,
        actor=fm,
        **terms(van_maand=date(2025, 10, 1), tot_en_met_maand=date(2025, 11, 1), bedrag=Decimal("680")),
    )
    periods = [(v.van_maand, v.tot_en_met_maand) for v in huur.versies.order_by("van_maand")]
    assert periods == [
        (date(2025, 9, 1), date(2025, 9, 1)),
        (date(2025, 10, 1), date(2025, 11, 1)),
        (date(2025, 12, 1), None),
    ]


def test_an_unpaid_version_of_the_same_month_is_corrected(ontzorging, fm):
    huur = add(ontzorging, fm)
    services.vaste_last_change(vaste_last=huur, actor=fm, **terms(bedrag=Decimal("655.00")))
    assert huur.versies.get().bedrag == Decimal("655.00")
    assert DossierEvent.objects.filter(summary__contains="gecorrigeerd").exists()


def test_stop_ends_the_running_version(ontzorging, fm, put_in_run):
    huur = add(ontzorging, fm)
    put_in_run(huur, date(2025, 11, 1))
    with pytest.raises(OntzorgenRefused) as excinfo:
        services.vaste_last_stop(vaste_last=huur, actor=fm, laatste_maand=date(2025, 10, 1))
    assert "al betaald" in refused_fields(excinfo)["laatste_maand"]

    services.vaste_last_stop(vaste_last=huur, actor=fm, laatste_maand=date(2025, 11, 30))
    assert huur.versies.get().tot_en_met_maand == date(2025, 11, 1)
    assert vaste_lasten_in_maand(ontzorging, date(2025, 12, 1)) == []
    with pytest.raises(OntzorgenRefused):
        services.vaste_last_stop(vaste_last=huur, actor=fm, laatste_maand=date(2025, 12, 1))  # already stopped


def test_fixed_costs_only_for_an_ontzorging_in_force(ontzorging, fm):
    Ontzorging.objects.filter(pk=ontzorging.pk).update(status=OntzorgingStatus.BEEINDIGD)
    with pytest.raises(DomainError) as excinfo:
        add(ontzorging, fm)
    assert excinfo.value.code == "beeindigd"


def test_klantregisseur_cannot_change_fixed_costs(ontzorging, klantregisseur):
    with pytest.raises(DomainError) as excinfo:
        add(ontzorging, klantregisseur)
    assert excinfo.value.code == "forbidden"


def test_factories_make_valid_data(gemeente_a):
    vaste_last = VasteLastFactory(ontzorging=OntzorgingFactory(dossier__gemeente=gemeente_a))
    versie = vaste_last.versies.get()
    errors = services.vaste_last_terms_errors(
        ontzorging=vaste_last.ontzorging,
        soort=vaste_last.soort,
        terms=services.Terms.of(**{name: getattr(versie, name) for name in ("van_maand", *services.TERM_FIELDS)}),
    )
    assert errors == []
    assert betalingskenmerk_for(1) != betalingskenmerk_for(2)
    assert versie in vaste_lasten_in_maand(vaste_last.ontzorging, versie.van_maand)


def test_the_timeline_shows_months_money_and_choices_as_the_pages_do(ontzorging, fm):
    huur = add(ontzorging, fm)
    services.vaste_last_change(
        vaste_last=huur,
        actor=fm,
        **terms(
            van_maand=date(2025, 9, 1),
            tot_en_met_maand=date(2025, 12, 1),
            kenmerk_soort=KenmerkSoort.VRIJ,
            kenmerk="Contract 12345",
            bedrag=Decimal("1675.5"),
        ),
    )
    event = DossierEvent.objects.filter(action="ontzorgen_vaste_last").first()  # newest first: the correction
    changes = {c["field"]: (c["label"], c["old"], c["new"]) for c in event.changes}
    assert changes["tot_en_met_maand"] == ("Tot en met maand", "—", "december 2025")
    assert changes["bedrag"] == ("Bedrag per maand", "€ 650,00", "€ 1.675,50")
    assert changes["kenmerk_soort"][1:] == (str(KenmerkSoort.GESTRUCTUREERD.label), str(KenmerkSoort.VRIJ.label))
    assert KenmerkSoort.VRIJ.value not in changes["kenmerk_soort"][1:]
