"""DUO's acceptance rules for a PIP and an inburgeringsaanbod, as the README words them."""

from datetime import date
from itertools import product

import pytest

from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.leerroute import (
    AanbodFacts,
    Leerroute,
    Niveau,
    PipFacts,
    aanbod_violations,
    effective_level,
    pip_violations,
)

B, OND, Z = Leerroute.B1_ROUTE, Leerroute.ONDERWIJSROUTE, Leerroute.Z_ROUTE
ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT

# The README, literally: "Niveau A2 mag niet in combinatie met de onderwijsroute"; "Niveau B1 mag niet in
# combinatie met de Z-route"; "Niveau A2 mag niet in combinatie met de B1-route … als dit de eerste PIP is".
EXPECTED = {
    (B, Niveau.A2, True): "niveau_eerste_pip",
    (B, Niveau.A2, False): None,
    (B, Niveau.B1, True): None,
    (B, Niveau.B1, False): None,
    (B, None, True): None,  # DUO records B1
    (B, None, False): None,
    (OND, Niveau.A2, True): "niveau_route",
    (OND, Niveau.A2, False): "niveau_route",
    (OND, Niveau.B1, True): None,
    (OND, Niveau.B1, False): None,
    (OND, None, True): None,
    (OND, None, False): None,
    (Z, Niveau.A2, True): None,
    (Z, Niveau.A2, False): None,
    (Z, Niveau.B1, True): "niveau_route",
    (Z, Niveau.B1, False): "niveau_route",
    (Z, None, True): None,
    (Z, None, False): None,
}


def test_matrix_is_complete():
    assert set(EXPECTED) == set(product(Leerroute, [Niveau.A2, Niveau.B1, None], [True, False]))


@pytest.mark.parametrize(("route", "niveau", "first"), sorted(EXPECTED, key=str))
def test_route_level_first_pip_matrix(route, niveau, first):
    facts = PipFacts(
        leerroute=route,
        niveau=niveau,
        doelgroep=ASIEL,
        dagtekening=None,
        is_first_pip=first,
        map_included=route != OND,
        afschalen_uren=600,  # the hours of Bi 5.5 are met: this matrix is about DUO's level rules
        afschalen_inspanning=True,
    )
    codes = [v.code for v in pip_violations(facts)]
    expected = EXPECTED[(route, niveau, first)]
    assert codes == ([expected] if expected else [])
    assert all(v.field == "niveau" for v in pip_violations(facts))


def test_default_level():
    assert effective_level(B, None) == Niveau.B1
    assert effective_level(OND, None) == Niveau.B1
    assert effective_level(Z, None) is None


@pytest.mark.parametrize(
    ("route", "doelgroep", "hours", "code"),
    [
        (B, ASIEL, 1200, None),
        (B, ASIEL, 0, "intensiteit_bereik"),
        (B, ASIEL, 10000, "intensiteit_bereik"),
        (B, GEZIN, 1200, "intensiteit_alleen_b1_asiel"),
        (OND, ASIEL, 1200, "intensiteit_alleen_b1_asiel"),
        (Z, ASIEL, 800, "intensiteit_alleen_b1_asiel"),
    ],
)
def test_geschatte_intensiteit(route, doelgroep, hours, code):
    facts = PipFacts(
        leerroute=route,
        niveau=None,
        doelgroep=doelgroep,
        dagtekening=None,
        geschatte_intensiteit=hours,
        map_included=route != OND,
    )
    codes = [v.code for v in pip_violations(facts)]
    assert codes == ([code] if code else [])


def test_map_belongs_to_b_and_z_not_to_the_onderwijsroute():
    assert [v.code for v in pip_violations(PipFacts(OND, None, ASIEL, None, map_included=True))] == [
        "map_niet_op_onderwijsroute"
    ]
    assert [v.code for v in pip_violations(PipFacts(Z, None, ASIEL, None, map_included=False))] == ["map_verplicht"]


def test_dagtekening_rules_report_every_violation():
    facts = PipFacts(
        leerroute=B,
        niveau=None,
        doelgroep=ASIEL,
        dagtekening=date(2026, 1, 10),
        plicht_begindatum=date(2026, 1, 15),
        vestigingsdatum=date(2026, 2, 1),
        eerste_dagtekening=date(2026, 3, 1),
        vorige_dagtekening=date(2026, 4, 1),
        is_first_pip=False,
    )
    assert {v.code for v in pip_violations(facts)} == {
        "dagtekening_voor_plicht",
        "dagtekening_voor_vestiging",
        "dagtekening_voor_eerste_pip",
        "dagtekening_voor_vorige_pip",
    }


def _aanbod(**changes):
    values = {
        "doelgroep": ASIEL,
        "leerroute": B,
        "has_pip": True,
        "instelling_keurmerk": True,
        "instelling_taalschakel": False,
        "datum_aanbod": date(2026, 5, 1),
        "start_opleiding": date(2026, 5, 11),
        "einde_opleiding": date(2027, 5, 11),
        "pip_dagtekening": date(2026, 4, 1),
        "termijn_start": date(2026, 4, 2),
        "termijn_last_day": date(2029, 4, 1),
    }
    return AanbodFacts(**(values | changes))


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        ({}, []),
        ({"doelgroep": GEZIN}, ["aanbod_alleen_asiel"]),
        ({"has_pip": False}, ["aanbod_zonder_pip"]),
        ({"instelling_keurmerk": False}, ["instelling_keurmerk"]),
        ({"instelling_keurmerk": False, "instelling_taalschakel": True}, ["instelling_keurmerk"]),
        ({"instelling_keurmerk": False, "instelling_taalschakel": True, "leerroute": OND}, []),
        ({"instelling_keurmerk": False, "leerroute": OND}, ["instelling_keurmerk_of_tst"]),
        ({"datum_aanbod": date(2026, 3, 1)}, ["aanbod_voor_pip"]),
        ({"start_opleiding": date(2026, 4, 20)}, ["start_voor_aanbod"]),
        ({"einde_opleiding": date(2026, 5, 11)}, ["einde_voor_start"]),
        ({"einde_opleiding": date(2029, 6, 1)}, ["buiten_termijn"]),
    ],
)
def test_aanbod_rules(changes, codes):
    assert [v.code for v in aanbod_violations(_aanbod(**changes))] == codes


@pytest.mark.parametrize(
    ("uren", "inspanning", "codes"),
    [
        (600, True, []),
        (599, True, ["afschalen_uren"]),
        (None, True, ["afschalen_uren"]),
        (800, False, ["afschalen_inspanning"]),
        (0, False, ["afschalen_uren", "afschalen_inspanning"]),
    ],
)
def test_afschalen_needs_600_hours_and_sufficient_effort(uren, inspanning, codes):
    facts = PipFacts(
        B,
        Niveau.A2,
        ASIEL,
        None,
        is_first_pip=False,
        vorige_niveau=Niveau.B1,
        afschalen_uren=uren,
        afschalen_inspanning=inspanning,
    )
    assert [v.code for v in pip_violations(facts)] == codes


def test_keeping_a2_after_afschalen_needs_no_new_hours():
    facts = PipFacts(B, Niveau.A2, ASIEL, None, is_first_pip=False, vorige_niveau=Niveau.A2)
    assert pip_violations(facts) == []


@pytest.mark.parametrize(
    ("route", "codes"), [(Z, []), (B, ["participatie_alleen_z"]), (OND, ["participatie_alleen_z"])]
)
def test_participation_hours_belong_to_the_z_route_only(route, codes):
    # Bi 3.14(2): the 800 hours of participatieactiviteiten are part of the Z-route; the B1-route and the
    # onderwijsroute have none.
    facts = PipFacts(route, None, ASIEL, None, map_included=route != OND, z_participatie_uren=800)
    assert [v.code for v in pip_violations(facts)] == codes


def test_the_codes_as_stored_are_read_as_duos_values():
    # The previous PIP's level and the leerroute as the database gives them back (DUO's codes, plain strings).
    facts = PipFacts(B, Niveau.A2, ASIEL, None, is_first_pip=False, vorige_niveau="B1", afschalen_uren=599)
    assert [v.code for v in pip_violations(facts)] == ["afschalen_uren", "afschalen_inspanning"]
    found = aanbod_violations(_aanbod(instelling_keurmerk=False, leerroute="O"))
    assert [v.code for v in found] == ["instelling_keurmerk_of_tst"]


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        # DUO README, Inburgeringsaanbod: only the onderwijsroute may go to an instelling with a
        # taalschakeltraject instead of the keurmerk; the Z-route (like the B1-route) needs the keurmerk.
        ({"instelling_keurmerk": False, "leerroute": Z}, ["instelling_keurmerk"]),
        ({"instelling_keurmerk": False, "instelling_taalschakel": True, "leerroute": Z}, ["instelling_keurmerk"]),
        ({"instelling_keurmerk": False, "instelling_taalschakel": True, "leerroute": "O"}, []),  # as stored
        # The expected end of the course before its start, as well as on it.
        ({"einde_opleiding": date(2026, 5, 10)}, ["einde_voor_start"]),
        ({"einde_opleiding": date(2026, 5, 12)}, []),
    ],
)
def test_aanbod_instelling_per_route_and_course_dates(changes, codes):
    assert [v.code for v in aanbod_violations(_aanbod(**changes))] == codes


def test_stored_codes_in_a_pip():
    # The leerroute, levels and doelgroep as the database gives them back (DUO's codes, plain strings).
    later = {"is_first_pip": False, "afschalen_uren": 599, "afschalen_inspanning": True}
    assert [v.code for v in pip_violations(PipFacts("B", "A2", ASIEL, None, **later))] == ["afschalen_uren"]
    in_range = PipFacts("B", None, "Asielstatushouder", None, geschatte_intensiteit=600)
    assert pip_violations(in_range) == []
    z_route = PipFacts("Z", None, ASIEL, None, z_participatie_uren=800)
    assert pip_violations(z_route) == []


def test_afschalen_needs_the_effort_stated():
    # Bi 5.5: lowering the level needs sufficient effort, established by the college: not assumed.
    facts = PipFacts(B, Niveau.A2, ASIEL, None, is_first_pip=False, afschalen_uren=600)
    assert [v.code for v in pip_violations(facts)] == ["afschalen_inspanning"]


def test_a2_on_a_first_b1_route_pip_names_the_level():
    found = pip_violations(PipFacts(B, Niveau.A2, ASIEL, None, is_first_pip=True))
    assert [(v.code, v.params) for v in found] == [("niveau_eerste_pip", {"niveau": "A2"})]
