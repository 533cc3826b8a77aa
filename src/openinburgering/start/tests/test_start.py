"""After logging in, every role lands on its own start page (issue 11, 5.1: four of seven landed on
"Geen toegang"). Logged in through the real login view (password and authenticator code), redirects followed."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import AANBIEDER_ROLES, Role
from openinburgering.accounts.factories import PASSWORD, UserFactory
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.models import DuoBericht, DuoBerichtStatus
from openinburgering.letters.factories import LetterTemplateFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def log_in(client: Client, user) -> tuple[str, str]:
    """The login wizard, step by step, then every redirect: (the path landed on, the page's text). A leerling
    has no authenticator app: the password alone logs them in."""
    device = None if user.is_leerling_only else TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    response = client.post(
        LOGIN, {"login_view-current_step": "auth", "auth-username": user.username, "auth-password": PASSWORD}
    )
    if device is None:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        response = client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": f"{token:06d}"})
    path = LOGIN
    for _ in range(5):
        if response.status_code != 302:
            break
        path = response.url
        response = client.get(path)
    assert response.status_code == 200, f"{user.username} landed on {path} with {response.status_code}"
    return path, response.content.decode()


# role → (the path it lands on, text its start page shows)
LANDINGS = {
    Role.KLANTREGISSEUR: ("/dossiers/", "Werkvoorraad"),
    Role.TEAMLEIDER: ("/dossiers/", "Werkvoorraad"),
    Role.FINANCIEEL_MEDEWERKER: ("/dossiers/", "Werkvoorraad"),
    Role.FUNCTIONEEL_BEHEERDER: ("/start/beheer/", "DUO-koppeling"),
    Role.CONTRACTMANAGER: ("/start/contractmanagement/", "Contracten die binnen 90 dagen eindigen"),
    Role.BELEIDSMEDEWERKER: ("/start/beleid/", "Dashboards, trends en rapportages"),
    Role.AANBIEDER: ("/start/aanbieder/", "Accounts van docenten en leerlingen"),
    Role.DOCENT: ("/start/docent/", "Mijn lessen vandaag"),
    Role.LEERLING: ("/start/leerling/", "Er zijn nog geen lessen ingepland"),
}


@pytest.mark.parametrize("role", list(Role))
def test_every_role_lands_on_its_start_page(client, gemeente_a, role):
    if role in AANBIEDER_ROLES:
        user = UserFactory(roles=[role], aanbieder=AanbiederFactory(naam="Taalschool De Brug"))
    else:
        user = UserFactory(roles=[role], gemeenten=[gemeente_a])
    path, text = log_in(client, user)
    expected_path, expected_text = LANDINGS[role]
    assert path == expected_path
    assert expected_text in text
    assert "Geen toegang" not in text


def test_no_role_lands_on_a_page_that_says_so(client, gemeente_a):
    path, text = log_in(client, UserFactory(roles=[], gemeenten=[gemeente_a]))
    assert path == "/"
    assert "U hebt nog geen rol" in text


def test_several_roles_land_on_the_first_and_the_menu_shows_the_others(client, gemeente_a):
    user = UserFactory(roles=[Role.BELEIDSMEDEWERKER, Role.CONTRACTMANAGER], gemeenten=[gemeente_a])
    path, text = log_in(client, user)
    assert path == "/start/contractmanagement/"
    assert f'href="{reverse("start:beleid")}"' in text
    assert f'href="{reverse("start:contractmanager")}" aria-current="page"' in text


def test_beheer_start_page_counts_what_waits_in_scope(verified_client, beheerder, gemeente_a, gemeente_b):
    for gemeente, status in [(gemeente_a, DuoBerichtStatus.GEWEIGERD)] * 2 + [
        (gemeente_b, DuoBerichtStatus.GEWEIGERD)
    ] * 5:
        dossier = DossierFactory(gemeente=gemeente)
        DuoBericht.objects.create(
            gemeente=gemeente,
            dossier=dossier,
            bsn=dossier.inburgeraar.bsn,
            api="pip",
            operatie="post_pip",
            args={},
            status=status,
            volgende_poging_op=timezone.now(),
        )
    gemeente_a.letter_template.delete()  # A cannot send letters; B can
    LetterTemplateFactory(gemeente=gemeente_b)
    response = verified_client(beheerder).get(reverse("start:beheer"))
    assert response.status_code == 200
    overzicht = response.context["overzicht"]
    assert overzicht.berichten[DuoBerichtStatus.GEWEIGERD] == 2
    assert [g for g, _ in overzicht.brief_ontbreekt] == [gemeente_a]
    assert gemeente_b.naam not in response.content.decode()
    assert reverse("logboek:search") in response.content.decode()


def test_beleid_start_page_counts_per_gemeente_in_scope(verified_client, gemeente_a, gemeente_b):
    for status in [Status.AANGEMELD, Status.PIP, Status.PIP]:
        DossierFactory(gemeente=gemeente_a, status=status)
    DossierFactory(gemeente=gemeente_b, status=Status.PIP)
    user = UserFactory(roles=[Role.BELEIDSMEDEWERKER], gemeenten=[gemeente_a])
    response = verified_client(user).get(reverse("start:beleid"))
    cijfers = response.context["cijfers"]
    assert cijfers.totaal == 3
    [(gemeente, row, total)] = cijfers.per_status
    assert gemeente == gemeente_a and total == 3
    assert dict(zip([s for s, _ in cijfers.statussen], row, strict=True))[Status.PIP] == 2
    assert gemeente_b.naam not in response.content.decode()


def test_aanbieder_start_page_shows_only_its_own_organisation(verified_client):
    eigen, ander = AanbiederFactory(naam="Taalschool De Brug"), AanbiederFactory(naam="Leerhuis Oost")
    user = UserFactory(roles=[Role.AANBIEDER], aanbieder=eigen)
    text = verified_client(user).get(reverse("start:aanbieder")).content.decode()
    assert "Taalschool De Brug" in text
    assert ander.naam not in text


@pytest.mark.parametrize("name", ["beheer", "beleid", "contractmanager", "aanbieder", "docent", "leerling"])
def test_a_start_page_of_another_role_is_refused(kr_client, name):
    assert kr_client.get(reverse(f"start:{name}")).status_code == 403


def test_contractmanager_start_page_shows_what_waits_in_scope(verified_client, gemeente_a, gemeente_b, monkeypatch):
    import time_machine

    from openinburgering.inkoop import selectors as inkoop_selectors
    from openinburgering.inkoop.factories import ContractFactory, PerceelFactory

    def contract(gemeente, kenmerk, einddatum, aanbieder):
        c = ContractFactory(
            kenmerk=kenmerk,
            aanbieder=aanbieder,
            einddatum=einddatum,
            uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie,
        )
        PerceelFactory(versie__contract=c, gemeenten=[gemeente])
        return c

    with time_machine.travel("2026-03-15 10:00 +01:00", tick=False):
        brug = AanbiederFactory(naam="Taalschool De Brug", bow_keurmerk_geldig_tot=date(2026, 6, 13))  # 90 days
        AanbiederFactory(naam="Leerhuis Later", bow_keurmerk_geldig_tot=date(2026, 6, 14))  # 91 days: not yet
        AanbiederFactory(naam="Taalhuis Verlopen", bow_keurmerk_geldig_tot=date(2026, 3, 14))
        contract(gemeente_a, "INK-EINDIGT", date(2026, 6, 13), brug)
        contract(gemeente_a, "INK-LOOPT-DOOR", date(2026, 6, 14), brug)
        contract(gemeente_b, "INK-ANDERE-GEMEENTE", date(2026, 4, 1), brug)
        user = UserFactory(roles=[Role.CONTRACTMANAGER], gemeenten=[gemeente_a])
        response = verified_client(user).get(reverse("start:contractmanager"))
        signalen = response.context["signalen"]
        assert [c.kenmerk for c in signalen.eindigen] == ["INK-EINDIGT"]
        assert [(a.naam, str(s)) for a, s in signalen.keurmerken] == [
            ("Taalhuis Verlopen", "verlopen"),
            ("Taalschool De Brug", "verloopt_binnenkort"),
        ]
        assert signalen.budget == []
        html = response.content.decode()
        assert "INK-ANDERE-GEMEENTE" not in html
        assert "Verlopen (gold tot en met 14 maart 2026)" in html
        assert "het gebruikte budget is nu overal € 0" in html
        # When placements commit budget (issue 13, part 2), a perceel at 80% of its ceiling shows.
        monkeypatch.setattr(inkoop_selectors, "perceel_committed", lambda perceel: perceel.budgetplafond * 8 / 10)
        response = verified_client(user).get(reverse("start:contractmanager"))
        assert {s.contract.kenmerk for s in response.context["signalen"].budget} == {"INK-EINDIGT", "INK-LOOPT-DOOR"}
