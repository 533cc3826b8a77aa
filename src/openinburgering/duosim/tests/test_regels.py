"""DUO's acceptance rules (regels.py): for each rule one accepted and one rejected case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from openinburgering.duosim import regels

G = "00000099000000000002"
H = "00000001002221450000"


def pip_fouten(**kwargs: Any) -> list[str]:
    args: dict[str, Any] = {
        "dagtekening": date(2026, 3, 1), "leerroute": "B", "niveau": None, "geschatte_intensiteit": None,
        "plicht_begindatum": date(2026, 1, 1), "vestigingsdatum": date(2026, 1, 1), "eerste_dagtekening": None,
        "actuele_dagtekening": None, "doelgroep": regels.ASIEL,
    }  # fmt: skip
    args.update(kwargs)
    return regels.pip_fouten(**args)


def test_pip_valid_is_accepted() -> None:
    assert pip_fouten() == []


@given(st.integers(-400, 400))
def test_pip_dagtekening_not_before_plicht_start(offset: int) -> None:
    begin = date(2026, 1, 1)
    fouten = pip_fouten(dagtekening=begin + timedelta(days=offset), plicht_begindatum=begin, vestigingsdatum=None)
    assert (fouten != []) == (offset < 0)


@given(st.integers(-400, 400))
def test_pip_dagtekening_not_before_earlier_pips(offset: int) -> None:
    eerste = date(2025, 6, 1)
    fouten = pip_fouten(
        dagtekening=eerste + timedelta(days=offset), plicht_begindatum=None, vestigingsdatum=None,
        eerste_dagtekening=eerste, actuele_dagtekening=eerste,
    )  # fmt: skip
    assert (fouten != []) == (offset < 0)


def test_pip_dagtekening_not_before_actuele_pip() -> None:
    kwargs: dict[str, Any] = {"eerste_dagtekening": date(2026, 1, 10), "actuele_dagtekening": date(2026, 2, 10)}
    assert pip_fouten(dagtekening=date(2026, 2, 10), **kwargs) == []
    assert len(pip_fouten(dagtekening=date(2026, 2, 9), **kwargs)) == 1


def test_pip_dagtekening_not_before_vestiging() -> None:
    assert pip_fouten(vestigingsdatum=date(2026, 3, 1)) == []
    assert pip_fouten(vestigingsdatum=date(2026, 3, 2)) == [
        "De dagtekening van het PIP ligt voor de vestiging in de gemeente (02-03-2026)."
    ]


def test_pip_niveau_combinations() -> None:
    assert pip_fouten(leerroute="O", niveau="B1") == []
    assert pip_fouten(leerroute="O", niveau="A2") != []
    assert pip_fouten(leerroute="Z", niveau="A2") == []
    assert pip_fouten(leerroute="Z", niveau="B1") != []
    assert pip_fouten(leerroute="B", niveau="A2", eerste_dagtekening=date(2026, 1, 1)) == []  # not the first PIP
    assert pip_fouten(leerroute="B", niveau="A2") != []  # the first PIP


def test_pip_niveau_defaults_to_b1() -> None:
    assert regels.pip_niveau_vastgesteld("B", None) == "B1"
    assert regels.pip_niveau_vastgesteld("O", None) == "B1"
    assert regels.pip_niveau_vastgesteld("Z", None) is None
    assert regels.pip_niveau_vastgesteld("B", "A2") == "A2"


def test_pip_geschatte_intensiteit_only_b1_route_and_asiel() -> None:
    assert pip_fouten(leerroute="B", geschatte_intensiteit=600) == []
    assert pip_fouten(leerroute="O", geschatte_intensiteit=600) != []
    assert pip_fouten(leerroute="B", geschatte_intensiteit=600, doelgroep="Gezinsmigrant en overige migrant") != []


def test_pip_verwijderen() -> None:
    assert regels.pip_verwijderen_fouten(eigen_pip=True, termijn_vastgesteld=False, cursusdeelnameuren=0) == []
    assert regels.pip_verwijderen_fouten(eigen_pip=True, termijn_vastgesteld=True, cursusdeelnameuren=0) != []
    assert regels.pip_verwijderen_fouten(eigen_pip=True, termijn_vastgesteld=False, cursusdeelnameuren=1) != []
    assert regels.pip_verwijderen_fouten(eigen_pip=False, termijn_vastgesteld=False, cursusdeelnameuren=0) != []


BOW = {"instellingsnummer": "0000100001", "indicatieBowKeurmerk": True, "indicatieTstKeurmerk": False}
TST = {"instellingsnummer": "0000200001", "indicatieBowKeurmerk": False, "indicatieTstKeurmerk": True}


def aanbod_fouten(**kwargs: Any) -> list[str]:
    args: dict[str, Any] = {
        "doelgroep": regels.ASIEL, "dagtekening_pip": date(2026, 1, 1), "leerroute": "B", "instelling": BOW,
        "datum_aanbod": date(2026, 1, 15), "start": date(2026, 2, 1), "eind": date(2027, 2, 1),
        "termijn_start": date(2026, 1, 1), "termijn_eind": date(2029, 1, 1),
    }  # fmt: skip
    args.update(kwargs)
    return regels.aanbod_fouten(**args)


def test_aanbod_rules() -> None:
    assert aanbod_fouten() == []
    assert aanbod_fouten(doelgroep="Gezinsmigrant en overige migrant") != []
    assert aanbod_fouten(dagtekening_pip=None, leerroute=None) != []
    assert aanbod_fouten(instelling=None) != []
    assert aanbod_fouten(instelling=TST) != []  # B1-route needs a BoW keurmerk
    assert aanbod_fouten(leerroute="O", instelling=TST) == []
    assert aanbod_fouten(leerroute="O", instelling=BOW) != []  # onderwijsroute needs a TST
    assert aanbod_fouten(datum_aanbod=date(2025, 12, 31)) != []  # before the PIP
    assert aanbod_fouten(start=date(2026, 1, 10)) != []  # before the datum aanbod
    assert aanbod_fouten(eind=date(2026, 1, 20)) != []  # before the start


@given(st.dates(date(2025, 6, 1), date(2029, 6, 1)))
def test_aanbod_dates_within_termijn(eind: date) -> None:
    fouten = aanbod_fouten(start=date(2026, 2, 1), eind=eind)
    binnen = date(2026, 2, 1) <= eind <= date(2029, 1, 1)
    assert (fouten == []) == binnen


def map_fouten(**kwargs: Any) -> list[str]:
    args: dict[str, Any] = {
        "onderdeel": "MAP", "datum": date(2026, 5, 1), "verwijtbaar": None, "vandaag": date(2026, 6, 1),
        "gemeente_oin": G, "eerder_geleverd_door": None, "actuele_pip_van": G, "voldaan_via_zroute": False,
        "termijn_start": date(2025, 1, 1), "termijn_eind": date(2028, 1, 1), "datum_afronding_zroute": None,
    }  # fmt: skip
    args.update(kwargs)
    return regels.map_pvt_fouten(**args)


def test_map_valid_is_accepted() -> None:
    assert map_fouten() == []
    assert map_fouten(onderdeel="PVT") == []


def test_map_change_only_by_the_gemeente_that_delivered_it() -> None:
    assert map_fouten(eerder_geleverd_door=G) == []
    assert map_fouten(eerder_geleverd_door=H) == [
        "De datum eindgesprek MAP is eerder door een andere gemeente geleverd."
    ]


def test_map_needs_own_actuele_pip() -> None:
    assert map_fouten(actuele_pip_van=H) != []
    assert map_fouten(actuele_pip_van=None) != []


def test_map_not_after_plicht_voldaan_via_zroute() -> None:
    assert map_fouten(voldaan_via_zroute=True) == ["De inburgeringsplicht is al voldaan via de Z-route."]


@given(st.dates(date(2024, 1, 1), date(2026, 6, 1)))
def test_map_not_before_termijn_start(datum: date) -> None:
    fouten = map_fouten(datum=datum, termijn_start=date(2025, 1, 1))
    assert (fouten == []) == (datum >= date(2025, 1, 1))


@given(st.dates(date(2025, 1, 1), date(2026, 6, 1)))
def test_map_not_after_afronding_zroute(datum: date) -> None:
    fouten = map_fouten(datum=datum, datum_afronding_zroute=date(2025, 9, 1))
    assert (fouten == []) == (datum <= date(2025, 9, 1))


@given(st.dates(date(2025, 1, 1), date(2027, 12, 31)))
def test_map_not_in_the_future(datum: date) -> None:
    fouten = map_fouten(datum=datum)
    assert (fouten == []) == (datum <= date(2026, 6, 1))


def test_map_withdraw_only_without_zroute() -> None:
    assert map_fouten(datum=None) == []
    assert map_fouten(datum=None, datum_afronding_zroute=date(2026, 1, 1)) != []


@given(
    termijn_eind=st.dates(date(2025, 6, 1), date(2027, 1, 1)),
    datum=st.dates(date(2025, 1, 1), date(2026, 6, 1)),
    verwijtbaar=st.sampled_from([None, "Ja", "Nee"]),
)
def test_map_verwijtbaar_against_the_termijn(termijn_eind: date, datum: date, verwijtbaar: str | None) -> None:
    """The three verwijtbaar rules together, as arithmetic on the MAP date and the termijn's end."""
    fouten = map_fouten(datum=datum, verwijtbaar=verwijtbaar, termijn_eind=termijn_eind)
    overschreden = datum > termijn_eind
    if verwijtbaar is None:
        ok = not overschreden
    elif verwijtbaar == "Ja":
        ok = overschreden
    else:  # Nee: not before the einddatum, at most two months after it
        ok = termijn_eind <= datum <= termijn_eind + regels.VERWIJTBAAR_NEE_BINNEN
    assert (fouten == []) == ok, fouten


def test_map_verwijtbaar_examples() -> None:
    assert map_fouten(datum=date(2026, 5, 1), verwijtbaar="Nee", termijn_eind=date(2026, 4, 1)) == []
    assert map_fouten(datum=date(2026, 5, 1), verwijtbaar="Nee", termijn_eind=date(2026, 2, 1)) != []
    assert map_fouten(datum=date(2026, 5, 1), verwijtbaar="Ja", termijn_eind=date(2026, 2, 1)) == []
    assert map_fouten(datum=date(2026, 5, 1), verwijtbaar=None, termijn_eind=date(2026, 2, 1)) != []
    assert map_fouten(datum=date(2026, 5, 1), verwijtbaar="Ja", termijn_eind=date(2026, 6, 1)) != []


def zroute_fouten(**kwargs: Any) -> list[str]:
    args: dict[str, Any] = {
        "datum": date(2026, 5, 1), "vandaag": date(2026, 6, 1), "gemeente_oin": G, "actuele_pip_van": G,
        "leerroute": "Z", "termijn_start": date(2025, 1, 1), "map_datum": None, "pvt_datum": None,
    }  # fmt: skip
    args.update(kwargs)
    return regels.zroute_fouten(**args)


def test_zroute_rules() -> None:
    assert zroute_fouten() == []
    assert zroute_fouten(datum=None) == []
    assert zroute_fouten(actuele_pip_van=H) != []
    assert zroute_fouten(leerroute="B") != []
    assert zroute_fouten(datum=date(2026, 6, 2)) != []
    assert zroute_fouten(datum=date(2024, 12, 31)) != []
    assert zroute_fouten(map_datum=date(2026, 5, 1), pvt_datum=date(2026, 4, 1)) == []
    assert zroute_fouten(map_datum=date(2026, 5, 2)) != []


def test_every_fouttekst_fits_the_schema() -> None:
    all_texts = [
        *pip_fouten(dagtekening=date(2020, 1, 1), leerroute="O", niveau="A2", geschatte_intensiteit=1,
                    eerste_dagtekening=date(2026, 1, 1), actuele_dagtekening=date(2026, 1, 1)),
        *regels.pip_verwijderen_fouten(eigen_pip=False, termijn_vastgesteld=True, cursusdeelnameuren=5),
        *aanbod_fouten(doelgroep="x", dagtekening_pip=date(2030, 1, 1), instelling=TST, start=date(2020, 1, 1)),
        *map_fouten(eerder_geleverd_door=H, actuele_pip_van=H, voldaan_via_zroute=True, datum=date(2030, 1, 1),
                    verwijtbaar="Nee", datum_afronding_zroute=date(2026, 1, 1)),
        *zroute_fouten(leerroute="B", datum=date(2030, 1, 1), map_datum=date(2031, 1, 1)),
    ]  # fmt: skip
    assert len(all_texts) > 15
    assert all(0 < len(t) <= regels.FOUTTEKST_MAX for t in all_texts)
