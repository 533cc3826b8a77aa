"""The Drechtsteden demo region: a pure plan of what to create, and a loader that writes it fast.

- `REGION`, `USERS` and friends are the fixed part: one uitvoeringsorganisatie, six gemeenten,
  two teams, three aanbieders and one demo login per role.
- `plan_households(seed=…, size=…, today=…)` is the seeded part: one inburgeraar with a
  household, one dossier and its timeline per item, and what followed the aanmelding (demo/chain.py):
  summonses, the brede intake, the leerbaarheidstoets, PIP versions and the dossier's deadlines,
  computed with the rules' deadline engine. It touches no database and no global random state, so
  the same arguments always give the same data (and a longer plan starts with the shorter one).
  The first few dossiers of the journey klantregisseur are the journey's own (chain.SCRIPTS), so
  her werkvoorraad opens as JOURNEYS.md §1 describes on any day.
- `load_region(…)` writes both in one transaction. The configuration goes through the ORM; the
  big tables go in as raw rows (COPY on PostgreSQL, executemany elsewhere), because `bulk_create`
  stamps every `created_at` and event time with "now" (auto_now_add), and a timeline whose every
  event happened today is no demo. Raw rows bypass the services, so the loader fills what they
  would: `zoeknaam` through `zoeknaam_for`, the dossier events, and the stored deadlines
  (Termijn rows, Dossier.termijn_datum) that termijnen.services.termijnen_recompute keeps.

All names, numbers and addresses are invented. BSNs come from the 999 test range (about 90,000
valid numbers); a plan larger than that continues in 998…, 997…, which are not test numbers.
"""

import functools
import itertools
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from stdnum import iban as stdnum_iban

from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import Team, User
from openinburgering.core.bulk import RowWriter, concrete_field
from openinburgering.dossiers.constants import CLOSING_REASONS, Geslacht, Relatie, Status
from openinburgering.dossiers.models import Dossier, DossierEvent, Gezinslid, Inburgeraar
from openinburgering.dossiers.services import zoeknaam_for
from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie
from openinburgering.intake.models import BredeIntake, IntakeGezondheid, IntakeOvertreding, Leerbaarheidstoets, Oproep
from openinburgering.letters.models import LetterTemplate
from openinburgering.pip.models import Pip, PipAanbod
from openinburgering.rules import personen
from openinburgering.rules.enums import (
    DOELGROEP_OF_GEDETAILLEERD,
    Doelgroep,
    GedetailleerdeDoelgroep,
    RedenGeenInburgeringsplicht,
)
from openinburgering.termijnen.models import GelijkgesteldeDag, Termijn

from .chain import SCRIPTS, Actors, Chain, Dates, dossier_facts
from .draw import Draw, Weighted
from .inkoop import load_contracten
from .ontzorgen import ONTZORGEN_MODELS, load_ontzorgen
from .plans import ChainPlan, DossierPlan, EventPlan, GezinslidPlan, HouseholdPlan, PersonPlan

DEMO_PASSWORD = "Inburgering-Demo-2026"  # noqa: S105 - the published password of the demo logins
DEMO_EMAIL_DOMAIN = "drechtsteden.example"
DUO_ACTOR_LABEL = "DUO-koppeling (demo)"
SYSTEM_ACTOR_LABEL = "Systeem"
TZ = ZoneInfo("Europe/Amsterdam")
# --- the fixed region ------------------------------------------------------------------------


def _commas(text: str) -> tuple[str, ...]:
    """Split "a, b c, d" into ("a", "b c", "d"), so that long lists of names stay readable."""
    return tuple(name.strip() for name in text.split(","))


def _elfproef_number(start: int) -> str:
    """The first nine-digit number from `start` on that passes the elfproef (as an RSIN must)."""
    for candidate in itertools.count(start):
        if personen.bsn_is_valid(f"{candidate:09d}"):
            return f"{candidate:09d}"
    raise AssertionError("unreachable")


def demo_oin(serial: int) -> str:
    """An OIN of the shape Logius gives an organisation with an RSIN: 00000001 + RSIN + 000."""
    return f"00000001{_elfproef_number(800_000_000 + serial * 1_000)}000"


def demo_iban(serial: int) -> str:
    """A Dutch IBAN at BNG Bank (the municipalities' bank) with valid check digits."""
    bban = f"BNGH0285{serial:06d}"
    return f"NL{stdnum_iban.calc_check_digits(f'NL00{bban}')}{bban}"


@dataclass(frozen=True)
class GemeenteSpec:
    code: str  # CBS gemeentecode
    naam: str
    inwoners: int  # rounded; only the weight with which dossiers are spread over the gemeenten
    postcodes: tuple[int, int]  # first and last four-digit postcode area of the woonplaats
    straten: tuple[str, ...]

    @property
    def oin(self) -> str:
        return demo_oin(int(self.code))

    @property
    def iban(self) -> str:
        return demo_iban(int(self.code))


UITVOERINGSORGANISATIE = "Sociale Dienst Drechtsteden"
UITVOERINGSORGANISATIE_OIN = demo_oin(0)
BIC_BNG = "BNGHNL2G"

_COMMON_STREETS = _commas(
    "Kerkstraat, Molenstraat, Stationsweg, Wilhelminastraat, Julianastraat, Beatrixlaan, Oranjelaan, "
    "Rembrandtlaan, Vondelstraat, Mozartlaan, Lijsterbeslaan, Merelstraat"
)
REGION: tuple[GemeenteSpec, ...] = (
    GemeenteSpec("0482", "Alblasserdam", 20_600, (2951, 2954), ("Dam", "Cortgene", "Kinderdijkseweg", "Makkerstraat")),
    GemeenteSpec(
        "0505",
        "Dordrecht",
        121_000,
        (3311, 3329),
        ("Voorstraat", "Krispijnseweg", "Vrieseweg", "Spuiboulevard", "Brouwersdijk", "Dubbeldamseweg Zuid"),
    ),
    GemeenteSpec(
        "0531", "Hendrik-Ido-Ambacht", 32_000, (3341, 3344), ("Weteringsingel", "Vrouwgelenweg", "Pruimendijk")
    ),
    GemeenteSpec("0590", "Papendrecht", 32_500, (3351, 3356), ("Westeind", "Oosteind", "Burgemeester Keijzerweg")),
    GemeenteSpec("0610", "Sliedrecht", 25_500, (3361, 3364), ("Kerkbuurt", "Rivierdijk", "Thorbeckelaan")),
    GemeenteSpec(
        "0642", "Zwijndrecht", 45_000, (3331, 3336), ("Burgemeester Jansenlaan", "Rotterdamseweg", "Lindtsedijk")
    ),
)
ALL_GEMEENTEN = tuple(spec.code for spec in REGION)

# The letters of every demo gemeente come from the Sociale Dienst, with an invented postal address,
# phone number and e-mail address (a letter is not made without them: letters.LetterTemplate).
DEMO_POSTADRES = "Postbus 9600\n3300 BA Dordrecht"
DEMO_BEZWAARADRES = "Postbus 9601\n3300 BB Dordrecht"


def demo_letter_template(spec: GemeenteSpec) -> dict[str, str]:
    """The letter template of a demo gemeente: sender, postal and bezwaar address, phone, e-mail, signer."""
    slug = spec.naam.lower().replace("-", "")
    return {
        "afzender_naam": f"{UITVOERINGSORGANISATIE} namens het college van burgemeester en wethouders van {spec.naam}",
        "afzender_adres": f"{UITVOERINGSORGANISATIE}\n{DEMO_POSTADRES}",
        "telefoon": f"078 000 {spec.code}",
        "email": f"inburgering.{slug}@{DEMO_EMAIL_DOMAIN}",
        "website": f"www.{slug}.example",
        "ondertekenaar_naam": "K. de Vries",
        "ondertekenaar_functie": f"Teamleider Inburgering, namens het college van {spec.naam}",
        "bezwaar_adres": (
            f"Het college van burgemeester en wethouders van {spec.naam}\nt.a.v. Team Bezwaar\n{DEMO_BEZWAARADRES}"
        ),
    }


# Where an overgedragen dossier went: gemeenten outside the region.
OTHER_GEMEENTEN = ("Rotterdam", "Gorinchem", "Barendrecht", "Ridderkerk", "Utrecht", "Den Haag", "Breda", "Tilburg")

TEAMS = ("Team Noord", "Team Zuid")
# The register as DUO's Instelling has it (invented numbers and addresses): all three hold the
# Blik op Werk keurmerk; the ROC is also a taalschakelinstelling for the onderwijsroute.
AANBIEDERS: tuple[dict[str, Any], ...] = (
    {
        "naam": "Taalschool De Brug",
        "instellingsnummer": "9001048201",
        "postcode": "3312KL",
        "huisnummer": 45,
        "plaatsnaam": "Dordrecht",
        "bow_registratienummer": "104821",
        "heeft_bow_keurmerk": True,
    },
    {
        "naam": "ROC Da Vinci College",
        "instellingsnummer": "9002050502",
        "postcode": "3317NM",
        "huisnummer": 12,
        "plaatsnaam": "Dordrecht",
        "bow_registratienummer": "205052",
        "heeft_bow_keurmerk": True,
        "is_taalschakelinstelling": True,
        "brin": "99DV",
    },
    {
        "naam": "Taalhuis Drechtsteden",
        "instellingsnummer": "9003064203",
        "postcode": "3351AE",
        "huisnummer": 7,
        "huisnummertoevoeging": "A",
        "plaatsnaam": "Papendrecht",
        "bow_registratienummer": "306423",
        "heeft_bow_keurmerk": True,
    },
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    gemeenten: tuple[str, ...] = ()  # CBS codes
    team: str = ""
    aanbieder: str = ""
    is_staff: bool = False
    # A klantregisseur's share of the new dossiers, relative to the others who cover the same gemeente.
    caseload_weight: float = 1.0

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


KR = (Role.KLANTREGISSEUR,)
USERS: tuple[UserSpec, ...] = (
    UserSpec("klantregisseur", "Fatima", "El Amrani", KR, ("0505", "0642"), "Team Zuid", caseload_weight=1.2),
    UserSpec("klantregisseur2", "Mark", "van Dijk", KR, ("0482", "0531", "0590", "0610"), "Team Noord"),
    UserSpec("klantregisseur3", "Priya", "Ramdin", KR, ("0505",), "Team Zuid"),
    UserSpec("klantregisseur4", "Bram", "Koster", KR, ("0505", "0642"), "Team Zuid"),
    UserSpec("klantregisseur5", "Naima", "Boukhari", KR, ("0590", "0610"), "Team Noord"),
    UserSpec("klantregisseur6", "Thomas", "van Leeuwen", KR, ("0482", "0531"), "Team Noord"),
    UserSpec("klantregisseur7", "Esra", "Yıldırım", KR, ("0505",), "Team Zuid"),
    UserSpec("teamleider", "Kees", "de Vries", (Role.TEAMLEIDER,), ALL_GEMEENTEN, "Team Zuid"),
    UserSpec("financieel", "Ahmed", "Azzouz", (Role.FINANCIEEL_MEDEWERKER,), ALL_GEMEENTEN),
    UserSpec("financieel2", "Els", "Visser", (Role.FINANCIEEL_MEDEWERKER,), ALL_GEMEENTEN),
    UserSpec("contractmanager", "Sanne", "Jansen", (Role.CONTRACTMANAGER,), ALL_GEMEENTEN),
    UserSpec("beleidsmedewerker", "Lotte", "de Graaf", (Role.BELEIDSMEDEWERKER,), ALL_GEMEENTEN),
    UserSpec("beheerder", "Jeroen", "Bakker", (Role.FUNCTIONEEL_BEHEERDER,), ALL_GEMEENTEN, is_staff=True),
    UserSpec("aanbieder", "Yvonne", "Smit", (Role.AANBIEDER,), aanbieder="Taalschool De Brug"),
    UserSpec("docent", "Peter", "Bos", (Role.DOCENT,), aanbieder="Taalschool De Brug"),
    UserSpec("leerling", "Amina", "Haddad", (Role.LEERLING,), aanbieder="Taalschool De Brug"),
    UserSpec("leerling2", "Yonas", "Tesfay", (Role.LEERLING,), aanbieder="Taalschool De Brug"),
)


# Fatima, whose werkvoorraad opens JOURNEYS.md §1; her first dossiers are the journey's (chain.SCRIPTS).
JOURNEY_KLANTREGISSEUR = "klantregisseur"
# Ahmed, who recorded the ontzorgen (JOURNEYS.md §3); Els approves his betaalrun (four eyes).
JOURNEY_FINANCIEEL = "financieel"
# Sanne, who keeps the contracts (JOURNEYS.md §4).
JOURNEY_CONTRACTMANAGER = "contractmanager"


def teamleiders_by_gemeente() -> dict[str, tuple[tuple[str, ...], tuple[float, ...]]]:
    """Per CBS code: the usernames of the teamleiders who cover it (who sign PIPs off), equally weighted."""
    result = {}
    for code in ALL_GEMEENTEN:
        names = tuple(u.username for u in USERS if Role.TEAMLEIDER in u.roles and code in u.gemeenten)
        if not names:
            raise ImproperlyConfigured(f"The demo region needs a teamleider for gemeente {code}.")
        result[code] = (names, tuple(1.0 for _ in names))
    return result


def klantregisseurs_by_gemeente() -> dict[str, tuple[tuple[str, ...], tuple[float, ...]]]:
    """Per CBS code: the usernames of the klantregisseurs who cover it and their caseload weights."""
    result = {}
    for code in ALL_GEMEENTEN:
        specs = [u for u in USERS if Role.KLANTREGISSEUR in u.roles and code in u.gemeenten]
        result[code] = (tuple(u.username for u in specs), tuple(u.caseload_weight for u in specs))
    return result


# --- names, nationalities and languages -------------------------------------------------------


@dataclass(frozen=True)
class NameGroup:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    feminine_suffix: bool = False  # Slavic surnames: Ivanov → Ivanova


NAMES: dict[str, NameGroup] = {
    "arabisch": NameGroup(
        _commas(
            "Mohammed, Ahmad, Omar, Khaled, Mahmoud, Yousef, Ali, Hassan, Ibrahim, Mustafa, Bilal, Karim, "
            "Tarek, Samer, Rami, Fadi, Hamza, Walid"
        ),
        _commas(
            "Fatima, Aya, Rania, Nour, Hiba, Lina, Rasha, Amal, Huda, Mariam, Reem, Salma, Dima, Yasmin, Rawan, Ola"
        ),
        _commas(
            "Al-Hassan, Haddad, Khalil, Al-Ahmad, Darwish, Mansour, Hamdan, Al-Ali, Saleh, Nasser, Ibrahim, "
            "Kassem, Al-Khatib, Sabbagh, Othman, Hamoud, Al-Masri, Youssef, Najjar, Shami"
        ),
    ),
    "tigrinya": NameGroup(
        _commas("Yonas, Tesfay, Dawit, Filmon, Habtom, Merhawi, Semere, Kidane, Berhane, Amanuel, Mebrahtu, Samuel"),
        _commas("Helen, Selam, Senait, Lidya, Saba, Rahel, Winta, Feven, Mebrat, Ruta, Yodit, Eden"),
        _commas(
            "Tesfamariam, Ghebremedhin, Haile, Tekle, Berhe, Kidane, Woldemariam, Ghebreyesus, Asfaha, Mehari, "
            "Habte, Andemichael, Zerai, Gebru"
        ),
    ),
    "afghaans": NameGroup(
        _commas("Ahmad, Mohammad, Abdullah, Farid, Hamid, Jawad, Naveed, Wahid, Sayed, Ali Reza, Mustafa, Rahim"),
        _commas("Zahra, Mariam, Fatema, Shabnam, Nazia, Parwana, Freshta, Mursal, Laila, Sima, Nilofar, Hosai"),
        _commas(
            "Ahmadi, Rahimi, Karimi, Hashimi, Sultani, Haidari, Noori, Popal, Stanikzai, Sadat, Amiri, Mohammadi, "
            "Jalali, Wardak"
        ),
    ),
    "turks": NameGroup(
        _commas("Mehmet, Mustafa, Ahmet, Emre, Murat, Hüseyin, Yusuf, Burak, Serkan, Kemal, Oğuz, Can"),
        _commas("Ayşe, Fatma, Elif, Zeynep, Emine, Hatice, Merve, Büşra, Esra, Özlem, Derya, Gül"),
        _commas(
            "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Arslan, Doğan, Kılıç, Aslan, Çetin, Koç, "
            "Kurt, Özdemir"
        ),
    ),
    "perzisch": NameGroup(
        _commas("Reza, Amir, Mehdi, Hossein, Ali, Saeed, Dariush, Kaveh, Arash, Babak, Navid, Farhad"),
        _commas("Maryam, Zahra, Narges, Fatemeh, Shirin, Leila, Parisa, Nasrin, Azadeh, Mina, Sara, Roya"),
        _commas(
            "Mohammadi, Hosseini, Rezaei, Ahmadi, Karimi, Moradi, Jafari, Rahimi, Tehrani, Kazemi, Sadeghi, "
            "Ghorbani, Abbasi, Heidari"
        ),
    ),
    "somalisch": NameGroup(
        _commas("Abdi, Mohamed, Ahmed, Hassan, Abdirahman, Yusuf, Abdullahi, Farah, Ismail, Omar, Mahad, Liban"),
        _commas("Hodan, Amina, Faduma, Halima, Sahra, Ifrah, Nimco, Hibo, Ayaan, Khadra, Ubah, Safiya"),
        _commas("Mohamed, Ali, Hassan, Abdi, Warsame, Farah, Jama, Osman, Aden, Hussein, Nur, Egal, Yusuf, Ahmed"),
    ),
    "marokkaans": NameGroup(
        _commas("Mohamed, Youssef, Rachid, Karim, Mustapha, Hamza, Anouar, Said, Khalid, Nordin, Bilal, Ayoub"),
        _commas("Fatima, Khadija, Nadia, Samira, Naima, Salma, Imane, Houda, Soukaina, Loubna, Meryem, Hanane"),
        _commas(
            "El Amrani, Bouzid, Benali, El Idrissi, Azzouzi, Ouali, Tahiri, El Ouardi, Bakkali, Chaouch, Aarab, "
            "Ait Said, Boukhari, El Khattabi"
        ),
    ),
    "indiaas": NameGroup(
        _commas("Rahul, Arjun, Vikram, Rohan, Suresh, Anil, Sanjay, Amit, Rajesh, Karthik, Pradeep, Nikhil"),
        _commas("Priya, Ananya, Deepika, Kavya, Sneha, Pooja, Lakshmi, Meera, Divya, Anjali, Neha, Shreya"),
        _commas("Sharma, Patel, Singh, Kumar, Reddy, Iyer, Nair, Gupta, Rao, Menon, Joshi, Mehta, Krishnan, Desai"),
    ),
    "chinees": NameGroup(
        _commas("Wei, Jun, Hao, Lei, Jian, Yang, Ming, Tao, Bo, Chao"),
        _commas("Li, Xiu Ying, Mei, Jing, Yan, Na, Fang, Hui, Xin, Ting, Lan, Yu"),
        _commas("Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu"),
    ),
    "indonesisch": NameGroup(
        _commas("Agus, Budi, Dewa, Eko, Hendra, Rizky, Yusuf, Andi, Arief, Dimas"),
        _commas("Siti, Dewi, Sri, Putri, Ayu, Rina, Indah, Wulan, Fitri, Nurul, Ratna, Kartika"),
        _commas("Santoso, Wijaya, Saputra, Hidayat, Kusuma, Pratama, Setiawan, Nugroho, Gunawan, Sutanto, Halim"),
    ),
    "braziliaans": NameGroup(
        _commas("João, Pedro, Lucas, Gabriel, Rafael, Thiago, Mateus, Felipe, Bruno, Gustavo"),
        _commas("Ana, Maria, Juliana, Camila, Beatriz, Larissa, Fernanda, Letícia, Mariana, Gabriela"),
        _commas(
            "Oliveira, da Silva, dos Santos, Souza, Pereira, da Costa, Rodrigues, Almeida, Ferreira, Gonçalves, "
            "Carvalho, Araújo"
        ),
    ),
    "engels": NameGroup(
        _commas("James, Michael, David, John, Daniel, Matthew, Christopher, Andrew, Ryan, Thomas"),
        _commas("Emily, Sarah, Jessica, Jennifer, Emma, Olivia, Hannah, Rachel, Laura, Megan"),
        _commas(
            "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson, Thompson, Clarke, "
            "Walker, O'Brien"
        ),
    ),
    "filipijns": NameGroup(
        _commas("Jose, Mark, John Paul, Rodel, Jerome, Ramon, Carlo, Joel"),
        _commas("Maria Cristina, Rosalie, Marites, Jocelyn, Grace, Angelica, Kristine, Mary Joy"),
        _commas("Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Dela Cruz, Villanueva, Ramos, Aquino, Castillo"),
    ),
    "thai": NameGroup(
        _commas("Somchai, Anan, Prasert, Wichai, Somsak, Kittisak"),
        _commas("Siriporn, Malee, Nittaya, Kanya, Sumalee, Pranee, Wanida, Ratana, Chanida, Pornthip"),
        _commas("Srisuk, Chaiyaporn, Thongchai, Boonmee, Saetang, Wongsawat, Phromma, Kaewkham, Suwannarat"),
    ),
    "pakistaans": NameGroup(
        _commas("Muhammad, Imran, Bilal, Usman, Faisal, Asad, Hamza, Kamran, Zeeshan, Adnan"),
        _commas("Ayesha, Fatima, Sana, Hira, Maryam, Zainab, Amna, Sadia, Nida, Rabia"),
        _commas("Khan, Ahmed, Malik, Hussain, Butt, Chaudhry, Qureshi, Sheikh, Iqbal, Raza, Javed, Mirza"),
    ),
    "russisch": NameGroup(
        _commas("Aleksandr, Dmitri, Sergej, Andrej, Ivan, Maksim, Nikolaj, Pavel"),
        _commas("Olga, Natalja, Jelena, Tatjana, Anna, Irina, Svetlana, Jekaterina, Marina, Joelia"),
        _commas("Ivanov, Smirnov, Koeznetsov, Popov, Volkov, Sokolov, Morozov, Petrov, Novikov, Fjodorov"),
        feminine_suffix=True,
    ),
    "spaans": NameGroup(
        _commas("Juan, Carlos, Andrés, Santiago, Diego, Alejandro, Sebastián, Camilo"),
        _commas("María José, Valentina, Daniela, Laura, Camila, Natalia, Paola, Carolina"),
        _commas("García, Rodríguez, Martínez, López, González, Hernández, Ramírez, Torres, Gómez, Díaz, Vargas"),
    ),
    "nederlands": NameGroup(
        _commas("Jan, Pieter, Mark, Dennis, Bas, Ruud, Erik, Sander, Martijn, Jeroen"),
        _commas("Anouk, Sanne, Linda, Marieke, Esther, Ingrid, Femke, Anke, Ilse, Petra"),
        _commas(
            "de Vries, Jansen, van den Berg, Bakker, Visser, Smit, de Jong, van Dijk, Mulder, de Boer, Vermeulen, "
            "van der Linden, Kok, Hoogendoorn"
        ),
    ),
}


@dataclass(frozen=True)
class Herkomst:
    """A nationality (ISO 3166 alpha-2), its name group, the languages people speak, other birth countries."""

    names: str
    talen: tuple[str, ...]
    geboortelanden: tuple[str, ...] = ()  # born elsewhere in some cases (refugee camps, earlier flight)


HERKOMST: dict[str, Herkomst] = {
    "SY": Herkomst("arabisch", ("Arabisch", "Arabisch", "Arabisch, Koerdisch"), ("LB", "JO")),
    "ER": Herkomst("tigrinya", ("Tigrinya", "Tigrinya, Arabisch"), ("ET", "SD")),
    "AF": Herkomst("afghaans", ("Dari", "Pasjtoe", "Dari, Pasjtoe"), ("IR", "PK")),
    "TR": Herkomst("turks", ("Turks", "Turks", "Turks, Koerdisch")),
    "YE": Herkomst("arabisch", ("Arabisch",), ("SA",)),
    "IQ": Herkomst("arabisch", ("Arabisch", "Koerdisch", "Arabisch, Koerdisch")),
    "IR": Herkomst("perzisch", ("Perzisch", "Perzisch, Engels")),
    "SO": Herkomst("somalisch", ("Somalisch", "Somalisch, Arabisch"), ("KE", "ET")),
    "SD": Herkomst("arabisch", ("Arabisch",), ("EG", "TD")),
    "ET": Herkomst("tigrinya", ("Amhaars", "Tigrinya, Amhaars")),
    "MA": Herkomst("marokkaans", ("Arabisch", "Arabisch, Tamazight", "Tamazight")),
    "IN": Herkomst("indiaas", ("Hindi, Engels", "Tamil, Engels", "Telugu, Engels")),
    "CN": Herkomst("chinees", ("Mandarijn", "Mandarijn, Kantonees")),
    "ID": Herkomst("indonesisch", ("Indonesisch", "Indonesisch, Engels")),
    "BR": Herkomst("braziliaans", ("Portugees",)),
    "US": Herkomst("engels", ("Engels",)),
    "GB": Herkomst("engels", ("Engels",)),
    "PH": Herkomst("filipijns", ("Tagalog, Engels", "Cebuano, Engels")),
    "TH": Herkomst("thai", ("Thai",)),
    "PK": Herkomst("pakistaans", ("Urdu, Engels", "Urdu, Punjabi")),
    "RU": Herkomst("russisch", ("Russisch",)),
    "CO": Herkomst("spaans", ("Spaans",)),
    "EG": Herkomst("arabisch", ("Arabisch", "Arabisch, Engels")),
}

# Nationality weights per doelgroep: asylum permits in 2022–2025 were mostly Syrian, Eritrean,
# Turkish, Afghan and Yemeni; family and other migrants come from everywhere outside the EU.
# (Ukrainians are not here: temporary protection carries no inburgeringsplicht.)
NATIONALITEITEN: dict[Doelgroep, tuple[tuple[str, ...], tuple[int, ...]]] = {
    Doelgroep.ASIELSTATUSHOUDER: (
        ("SY", "ER", "TR", "AF", "YE", "IQ", "IR", "SO", "SD", "ET"),
        (38, 14, 12, 10, 7, 4, 4, 4, 4, 3),
    ),
    Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT: (
        ("TR", "MA", "IN", "TH", "CN", "PH", "ID", "BR", "US", "GB", "PK", "SY", "RU", "IR", "CO", "EG", "ER"),
        (13, 11, 9, 6, 6, 6, 5, 5, 5, 5, 5, 5, 4, 3, 3, 3, 2),
    ),
}
GEESTELIJK_BEDIENAAR_NATIONALITEITEN = (("TR", "MA", "IN", "PK", "US", "EG"), (30, 25, 15, 15, 10, 5))

# Most gemeenten set the PIP within the ten weeks; this share of dossiers moves slowly (waiting lists,
# a person who is hard to reach), so the demo has late PIPs and overdue deadlines, but not many.
SLOW_SHARE = 0.3

# §7 of the domain brief: cohort 2023 was 61% asielmigranten.
DOELGROEP_WEIGHTS = {Doelgroep.ASIELSTATUSHOUDER: 61, Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT: 39}


@dataclass(frozen=True)
class Profiel:
    weight: int  # within its doelgroep (DOELGROEP_OF_GEDETAILLEERD)
    female: float  # share of women
    partner: float  # share with a partner


PROFIELEN: dict[GedetailleerdeDoelgroep, Profiel] = {
    GedetailleerdeDoelgroep.ASIELSTATUSHOUDER: Profiel(70, 0.35, 0.4),
    GedetailleerdeDoelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER: Profiel(25, 0.7, 0.9),
    GedetailleerdeDoelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER: Profiel(5, 0.7, 0.98),
    GedetailleerdeDoelgroep.GEZINSVORMER: Profiel(40, 0.7, 0.98),
    GedetailleerdeDoelgroep.GEZINSHERENIGER: Profiel(35, 0.6, 0.9),
    GedetailleerdeDoelgroep.OVERIG: Profiel(23, 0.5, 0.35),
    GedetailleerdeDoelgroep.GEESTELIJK_BEDIENAAR: Profiel(2, 0.1, 0.6),
}
# Age at the start of the duty, in bands (lowest, highest, weight): mostly 18–45.
AGE_BANDS = ((16, 17, 4), (18, 24, 24), (25, 34, 34), (35, 44, 22), (45, 54, 10), (55, 67, 6))
# Weight of a plicht_begindatum per day, per year: cohorts grew after 2022 (brief §7).
COHORT_WEIGHTS = {2022: 0.75, 2023: 1.05, 2024: 1.15, 2025: 1.1}
COHORT_WEIGHT_LATER = 1.0
AFGEROND_VROEG = (
    (RedenGeenInburgeringsplicht.VOLLEDIGE_VRIJSTELLING, RedenGeenInburgeringsplicht.VOLLEDIGE_ONTHEFFING),
    (60, 40),
)
BEEINDIGD_REDENEN = (
    (
        RedenGeenInburgeringsplicht.VERTREK_UIT_NEDERLAND,
        RedenGeenInburgeringsplicht.VERBLIJFSDOEL_GEWIJZIGD,
        RedenGeenInburgeringsplicht.OVERIG,
        RedenGeenInburgeringsplicht.OVERLIJDEN,
    ),
    (45, 30, 20, 5),
)
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"  # F, I, O, Q, U and Y are not used in Dutch postcodes
POSTCODE_LETTERS_NOT_USED = frozenset({"SA", "SD", "SS"})


# --- the plan ---------------------------------------------------------------------------------


class _AffinePermutation:
    """i → (a·i + b) mod n: every number below n exactly once, in an order that looks random."""

    def __init__(self, rng: random.Random, n: int, *, coprime_to: Sequence[int]) -> None:
        self.n = n
        a = rng.randrange(n // 3, n)
        while any(a % p == 0 for p in coprime_to):
            a += 1
        self.a, self.b = a, rng.randrange(n)

    def __getitem__(self, i: int) -> int:
        return (self.a * i + self.b) % self.n


class BsnSequence:
    """Unique BSNs that pass the elfproef, shuffled: first the 999 test range, then 998…, 997…."""

    BLOCK = 100_000  # the five free digits after the three-digit prefix

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._prefix = 999
        self._index = 0
        self._permutation = _AffinePermutation(rng, self.BLOCK, coprime_to=(2, 5))

    def __next__(self) -> str:
        while True:
            if self._index == self.BLOCK:
                self._prefix -= 1
                if self._prefix < 100:
                    raise RuntimeError("out of BSNs")
                self._index = 0
                self._permutation = _AffinePermutation(self._rng, self.BLOCK, coprime_to=(2, 5))
            body = self._prefix * self.BLOCK + self._permutation[self._index]
            self._index += 1
            total, rest = 0, body
            for weight in range(2, 10):  # the eight digits weigh 9…2 from the left
                total += rest % 10 * weight
                rest //= 10
            check = total % 11
            if check != 10:  # the ninth digit weighs -1, so it must equal the sum mod 11
                return f"{body:08d}{check}"

    def __iter__(self) -> "BsnSequence":
        return self


@dataclass(frozen=True)
class _Labels:
    """Dutch display strings, computed once per plan (the plan is independent of the active language)."""

    status: dict[str, str]
    field: dict[str, str]
    months: tuple[str, ...]

    @classmethod
    def dutch(cls) -> "_Labels":
        with translation.override("nl"):
            return cls(
                status={s.value: str(s.label) for s in Status},
                field={  # as services._label writes them
                    name: capfirst(str(concrete_field(Dossier, name).verbose_name))
                    for name in ("status", "plicht_reden_einde", "plicht_einddatum", "overgedragen_aan")
                },
                months=tuple(date_format(date(2000, m, 1), "F") for m in range(1, 13)),
            )

    def date(self, value: date) -> str:
        """As the services show a date on the timeline: "3 maart 2025"."""
        return f"{value.day} {self.months[value.month - 1]} {value.year}"


SEXES = (Geslacht.MAN.value, Geslacht.VROUW.value)


class _Planner:
    """Draws one household at a time from one random stream."""

    def __init__(self, *, seed: int, today: date, extra_feestdagen: Iterable[date] = ()) -> None:
        self.draw = Draw(seed)
        self.today = today
        self.last_day = today - timedelta(days=1)  # nothing happens today, so no time lies in the future
        self.adult_born_by = _years_before(self.last_day, 18)
        self.bsns = BsnSequence(random.Random(f"{seed}/bsn"))
        self.vnummers = _AffinePermutation(random.Random(f"{seed}/vnummer"), 9_000_000_000, coprime_to=(2, 3, 5))
        self.count = 0
        self.labels = _Labels.dutch()
        self.status_json: dict[tuple[str, str], str] = {}
        self.gemeenten = {spec.code: spec for spec in REGION}
        self.gemeente = Weighted(REGION, [spec.inwoners for spec in REGION])
        self.straten = {spec.code: spec.straten + _COMMON_STREETS for spec in REGION}
        self.klantregisseurs = {
            code: Weighted(names, weights) if names else None
            for code, (names, weights) in klantregisseurs_by_gemeente().items()
        }
        self.user_names = {u.username: u.full_name for u in USERS}
        self.begindatum = self._cohorts()
        self.doelgroep = Weighted(list(DOELGROEP_WEIGHTS), list(DOELGROEP_WEIGHTS.values()))
        self.detail = {}
        for doelgroep in Doelgroep:
            details = [d for d in GedetailleerdeDoelgroep if DOELGROEP_OF_GEDETAILLEERD[d] == doelgroep]
            self.detail[doelgroep] = Weighted(details, [PROFIELEN[d].weight for d in details])
        self.nationaliteit = {doelgroep: Weighted(*NATIONALITEITEN[doelgroep]) for doelgroep in Doelgroep}
        self.nationaliteit_bedienaar = Weighted(*GEESTELIJK_BEDIENAAR_NATIONALITEITEN)
        self.age_band = Weighted([band[:2] for band in AGE_BANDS], [band[2] for band in AGE_BANDS])
        self.afgerond_vroeg = Weighted(*AFGEROND_VROEG)
        self.beeindigd = Weighted(*BEEINDIGD_REDENEN)
        self.children = {True: Weighted(range(6), (30, 25, 25, 12, 6, 2)), False: Weighted(range(4), (75, 15, 7, 3))}
        self.teamleiders = {code: Weighted(*teamleiders_by_gemeente()[code]) for code in ALL_GEMEENTEN}
        self.scripts = list(reversed(SCRIPTS))  # popped from the end: in SCRIPTS' order
        self.journey_gemeenten = frozenset(next(u.gemeenten for u in USERS if u.username == JOURNEY_KLANTREGISSEUR))
        self.chain = Chain(draw=self.draw, today=today, format_date=self.labels.date, extra_feestdagen=extra_feestdagen)

    def _cohorts(self) -> Weighted[tuple[int, int]]:
        """The years in which a duty can have started, as (first ordinal, days), weighted per day."""
        first = personen.WI2021_IN_FORCE.value
        last = self.last_day - timedelta(days=49)  # room for the kennisgeving and the aanmelding
        spans, weights = [], []
        for year in range(first.year, last.year + 1):
            start, end = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
            if start <= end:
                days = end.toordinal() - start.toordinal() + 1
                spans.append((start.toordinal(), days))
                weights.append(days * COHORT_WEIGHTS.get(year, COHORT_WEIGHT_LATER))
        return Weighted(spans, weights)

    # small parts

    def _status_only(self, change: dict[str, str]) -> str:
        """The JSON of a timeline line that only changes the status: a handful of variants, serialised once."""
        key = (change["old"], change["new"])
        if key not in self.status_json:
            self.status_json[key] = json.dumps([change])
        return self.status_json[key]

    def _at(self, day: date) -> datetime:
        """An office-hours moment on `day`, as an aware datetime."""
        minutes = self.draw.between(8 * 60 + 30, 16 * 60 + 30)
        return datetime.combine(day, clock(minutes // 60, minutes % 60), tzinfo=TZ)

    def _name(self, group: NameGroup, geslacht: str) -> str:
        names = group.female if geslacht == Geslacht.VROUW else group.male
        first = self.draw.pick(names)
        if self.draw.chance(0.2):
            second = self.draw.pick(names)
            if second != first:
                return f"{first} {second}"
        return first

    def _surname(self, group: NameGroup, geslacht: str) -> str:
        surname = self.draw.pick(group.surnames)
        if group.feminine_suffix and geslacht == Geslacht.VROUW:
            surname += "a"
        return surname

    def _begindatum(self) -> date:
        start, days = self.draw.weighted(self.begindatum)
        return date.fromordinal(start + int(self.draw.random() * days))

    def _geboortedatum(self, begin: date) -> date:
        while True:
            lo, hi = self.draw.weighted(self.age_band)
            age = self.draw.between(lo, hi)
            # `age` full years on the begindatum: the last birthday lies 0–364 days before it.
            birth = _years_before(begin, age) - self.draw.days(0, 364)
            # 17 up to 59 is inside the window by construction (the AOW age is at least 66); the
            # rule is asked at the edges, where it decides.
            if 17 <= age < 60 or personen.in_age_window(birth_date=birth, plicht_begindatum=begin):
                return birth

    def _address(self, spec: GemeenteSpec) -> tuple[str, str, str]:
        draw = self.draw
        huisnummer = str(draw.between(1, 180))
        roll = draw.random()
        if roll < 0.08:
            huisnummer += draw.pick("ABC")
        elif roll < 0.12:
            huisnummer += f"-{draw.between(1, 4)}"
        letters = "SA"
        while letters in POSTCODE_LETTERS_NOT_USED:
            letters = draw.pick(POSTCODE_LETTERS) + draw.pick(POSTCODE_LETTERS)
        return draw.pick(self.straten[spec.code]), huisnummer, f"{draw.between(*spec.postcodes)} {letters}"

    def _contact(self, voornamen: str, geslachtsnaam: str) -> tuple[str, str]:
        draw = self.draw
        telefoon = f"06{draw.between(10_000_000, 99_999_999)}" if draw.chance(0.75) else ""
        email = ""
        if draw.chance(0.45):
            local = ".".join(_ascii_word(part) for part in (voornamen.split()[0], geslachtsnaam))
            number = str(draw.between(1, 99)) if draw.chance(0.5) else ""
            email = f"{local}{number}@{draw.pick(('example.com', 'example.org', 'example.net'))}"
        return telefoon, email

    # the household

    def household(self) -> HouseholdPlan:
        draw = self.draw
        doelgroep = draw.weighted(self.doelgroep)
        detail = draw.weighted(self.detail[doelgroep])
        if detail == GedetailleerdeDoelgroep.GEESTELIJK_BEDIENAAR:
            nationaliteit = draw.weighted(self.nationaliteit_bedienaar)
        else:
            nationaliteit = draw.weighted(self.nationaliteit[doelgroep])
        herkomst = HERKOMST[nationaliteit]
        group = NAMES[herkomst.names]
        roll = draw.random()
        geslacht = (
            Geslacht.ONBEKEND if roll < 0.003 else Geslacht.VROUW if roll < PROFIELEN[detail].female else Geslacht.MAN
        ).value
        name_sex = geslacht if geslacht != Geslacht.ONBEKEND else draw.pick(SEXES)
        voornamen = self._name(group, name_sex)
        voorvoegsel, geslachtsnaam = _split_voorvoegsel(self._surname(group, name_sex))
        geboorteland = nationaliteit
        if herkomst.geboortelanden and draw.chance(0.12):
            geboorteland = draw.pick(herkomst.geboortelanden)

        spec = draw.weighted(self.gemeente)
        dates = None
        if self.scripts and spec.code in self.journey_gemeenten:
            dates = self.chain.script(self.scripts.pop(), asiel=doelgroep == Doelgroep.ASIELSTATUSHOUDER)
        begin = dates.begin if dates else self._begindatum()
        straat, huisnummer, postcode = self._address(spec)
        telefoon, email = self._contact(voornamen, geslachtsnaam)
        self.count += 1
        person = PersonPlan(
            uuid=draw.uuid4(),
            bsn=next(self.bsns),
            vnummer=str(1_000_000_000 + self.vnummers[self.count]),
            voornamen=voornamen,
            voorvoegsel=voorvoegsel,
            geslachtsnaam=geslachtsnaam,
            geboortedatum=self._geboortedatum(begin),
            geslacht=geslacht,
            nationaliteit=nationaliteit,
            geboorteland=geboorteland,
            talen=draw.pick(herkomst.talen),
            telefoonnummer=telefoon,
            email=email,
            straat=straat,
            huisnummer=huisnummer,
            postcode=postcode,
            woonplaats=spec.naam,
        )
        gezinsleden = self._gezin(person, detail=detail, group=group, name_sex=name_sex, begin=begin)
        dossier, events, chain = self._dossier(
            code=spec.code,
            doelgroep=doelgroep,
            detail=detail,
            begin=begin,
            person=person,
            gezinsleden=gezinsleden,
            dates=dates,
        )
        return HouseholdPlan(person=person, dossier=dossier, gezinsleden=gezinsleden, events=events, chain=chain)

    def _gezin(
        self, person: PersonPlan, *, detail: GedetailleerdeDoelgroep, group: NameGroup, name_sex: str, begin: date
    ) -> list[GezinslidPlan]:
        draw = self.draw
        leden = []
        family_name = f"{person.voorvoegsel} {person.geslachtsnaam}".strip()
        has_partner = draw.chance(PROFIELEN[detail].partner)
        if has_partner:
            partner_sex = Geslacht.VROUW.value if name_sex == Geslacht.MAN else Geslacht.MAN.value
            # A gezinsvormer or gezinshereniger often joins a Dutch partner (the referent).
            dutch_referent = detail in (
                GedetailleerdeDoelgroep.GEZINSVORMER,
                GedetailleerdeDoelgroep.GEZINSHERENIGER,
            ) and draw.chance(0.45)
            partner_group = NAMES["nederlands"] if dutch_referent else group
            partner_surname = self._surname(partner_group, partner_sex)
            older = draw.days(-3 * 365, 6 * 365)  # the man is more often the older partner
            partner_birth = person.geboortedatum + (-older if partner_sex == Geslacht.MAN else older)
            bsn_share = 0.45 if detail == GedetailleerdeDoelgroep.ASIELSTATUSHOUDER else 0.8
            has_bsn = dutch_referent or draw.chance(bsn_share)
            leden.append(
                GezinslidPlan(
                    relatie=Relatie.PARTNER.value,
                    voornamen=self._name(partner_group, partner_sex),
                    geslachtsnaam=partner_surname,
                    geboortedatum=min(partner_birth, self.adult_born_by),
                    bsn=next(self.bsns) if has_bsn else "",
                )
            )
            if partner_sex == Geslacht.MAN:
                family_name = partner_surname
        children = draw.weighted(self.children[has_partner])
        first, last = max(_years_after(person.geboortedatum, 19), _years_before(self.last_day, 25)), self.last_day
        if first > last:
            children = 0
        births = sorted(date.fromordinal(draw.between(first.toordinal(), last.toordinal())) for _ in range(children))
        for birth in births:
            leden.append(
                GezinslidPlan(
                    relatie=Relatie.KIND.value,
                    voornamen=self._name(group, draw.pick(SEXES)),
                    geslachtsnaam=family_name,
                    geboortedatum=birth,
                    bsn=next(self.bsns) if draw.chance(0.9 if birth >= begin else 0.75) else "",
                )
            )
        return leden

    def _dates(self, *, doelgroep: Doelgroep, begin: date) -> Dates:
        """From the begindatum: the kennisgeving, the aanmelding, housing and the steps to the first PIP."""
        draw = self.draw
        kennisgeving = begin + draw.days(3, 42)
        aangemeld = kennisgeving + draw.days(0, 7)
        housed = registered = None
        pip_clock = kennisgeving  # the PIP's ten weeks start here (Bi 5.3(1))
        in_azc = False
        if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
            roll = draw.random()  # ~35% of those housed waited three months or more (brief §7)
            wait = (
                draw.between(14, 90) if roll < 0.6 else draw.between(91, 200) if roll < 0.9 else draw.between(201, 400)
            )
            housed = begin + timedelta(days=wait)
            registered = housed + draw.days(0, 10)
            pip_clock = max(kennisgeving, registered)  # … or on the BRP registration, if that is later
            # Most gemeenten wait for housing; some start the brede intake in the AZC.
            in_azc = draw.chance(0.08)
        # Most dossiers go from summons to PIP within the ten weeks; a slow share takes months.
        slow = draw.chance(SLOW_SHARE)
        if in_azc:
            first_summons = aangemeld + draw.days(30, 150)
        else:
            first_summons = pip_clock + (draw.days(14, 100) if slow else draw.days(2, 16))
        first_summons = self.chain.working_day(max(first_summons, aangemeld + timedelta(days=3)))
        timeline = self.chain.timeline(first_summons=first_summons, slow=slow, pip_not_before=registered)
        return Dates(begin, kennisgeving, aangemeld, housed, registered, timeline)

    def _dossier(
        self,
        *,
        code: str,
        doelgroep: Doelgroep,
        detail: GedetailleerdeDoelgroep,
        begin: date,
        person: PersonPlan,
        gezinsleden: list[GezinslidPlan],
        dates: Dates | None = None,
    ) -> tuple[DossierPlan, list[EventPlan], ChainPlan]:
        """A dossier's path through the stages, drawn as dates; what lies before today has happened.

        `dates`: a journey dossier's dates (chain.SCRIPTS), which does not close; else they are drawn.
        """
        draw, last = self.draw, self.last_day
        scripted = dates is not None
        if dates is None:
            dates = self._dates(doelgroep=doelgroep, begin=begin)
        kennisgeving, aangemeld, timeline = dates.kennisgeving, dates.aangemeld, dates.timeline
        huisvesting = dates.housed if dates.housed and dates.housed <= last else None
        brp = dates.registered if dates.registered and dates.registered <= last else None

        # Competing ends; the earliest one that has happened closes the dossier.
        closings: list[tuple[date, Status, str, str]] = []
        if draw.chance(0.85):  # the inburgeringstermijn is three years from the PIP; some need longer
            voldaan = RedenGeenInburgeringsplicht.INBURGERINGSPLICHT_VOLDAAN.value
            closings.append((timeline.dagtekening + draw.days(720, 1400), Status.AFGEROND, voldaan, ""))
        if draw.chance(0.05):
            reden = draw.weighted(self.afgerond_vroeg).value
            closings.append((timeline.intake + draw.days(30, 600), Status.AFGEROND, reden, ""))
        if draw.chance(0.08):
            reden = draw.weighted(self.beeindigd).value
            closings.append((aangemeld + draw.days(30, 1500), Status.BEEINDIGD, reden, ""))
        if draw.chance(0.07):
            closings.append((aangemeld + draw.days(30, 1500), Status.OVERGEDRAGEN, "", draw.pick(OTHER_GEMEENTEN)))
        closing = min(closings, key=lambda c: c[0]) if closings else None
        if closing is not None and (closing[0] > last or scripted):
            closing = None
        end_day = closing[0] if closing else last + timedelta(days=1)
        stages = (
            (Status.BREDE_INTAKE, timeline.intake),
            (Status.PIP, timeline.afgerond),
            (Status.UITVOERING, timeline.dagtekening),
        )
        path = [(status, day) for status, day in stages if day < end_day]
        status = closing[1] if closing else (path[-1][0] if path else Status.AANGEMELD)

        candidates = self.klantregisseurs[code]
        assigned = draw.chance(0.8 if status == Status.AANGEMELD else 0.97)
        klantregisseur = draw.weighted(candidates) if assigned and candidates else ""
        if scripted:
            klantregisseur = JOURNEY_KLANTREGISSEUR
        kr_label = self.user_names.get(klantregisseur, SYSTEM_ACTOR_LABEL)
        # Who did the work: the klantregisseur, or a colleague for a dossier that has none now.
        worker = klantregisseur or (draw.weighted(candidates) if candidates and path else "")
        approver = draw.weighted(self.teamleiders[code])
        actors = Actors(
            worker=worker,
            worker_label=self.user_names.get(worker, SYSTEM_ACTOR_LABEL),
            approver=approver,
            approver_label=self.user_names[approver],
        )

        created_at = self._at(aangemeld)
        by_duo = draw.chance(0.7) or not klantregisseur
        labels = self.labels
        events = [
            EventPlan(
                at=created_at,
                actor="" if by_duo else klantregisseur,
                actor_label=DUO_ACTOR_LABEL if by_duo else kr_label,
                action="aangemeld",
                summary=f"Inburgeraar aangemeld in {self.gemeenten[code].naam}",
                changes="[]",
            )
        ]
        einddatum, reden, overgedragen_aan = None, "", ""
        previous, previous_day = Status.AANGEMELD, aangemeld
        for to, day in path + ([(closing[1], closing[0])] if closing else []):
            status_change = _change(labels, "status", labels.status[to], old=labels.status[previous])
            if not (closing and to == closing[1] and day == closing[0]):
                changes = self._status_only(status_change)
            else:
                closing_changes = [status_change]
                if to in CLOSING_REASONS:
                    reden = closing[2]
                    einddatum = max(previous_day, day - draw.days(0, 20))  # DUO's date; the gemeente closes later
                    closing_changes.append(_change(labels, "plicht_reden_einde", reden))
                    closing_changes.append(_change(labels, "plicht_einddatum", labels.date(einddatum)))
                else:
                    overgedragen_aan = closing[3]
                    closing_changes.append(_change(labels, "overgedragen_aan", overgedragen_aan))
                changes = json.dumps(closing_changes)
            # The teamleider's sign-off of the first PIP moves the dossier to uitvoering (pip_approve).
            actor, actor_label = (
                (approver, actors.approver_label) if to == Status.UITVOERING else (klantregisseur, kr_label)
            )
            events.append(
                EventPlan(
                    at=self._at(day),
                    actor=actor,
                    actor_label=actor_label,
                    action="status",
                    summary=f"Status gewijzigd naar {labels.status[to]}",
                    changes=changes,
                )
            )
            previous, previous_day = to, day

        is_open = closing is None
        chain, lines = self.chain.rows(
            t=timeline,
            end=end_day,
            is_open=is_open,
            asiel=doelgroep == Doelgroep.ASIELSTATUSHOUDER,
            doelgroep=doelgroep,
            person=person,
            gezinsleden=gezinsleden,
            actors=actors,
        )
        if lines:
            events = sorted(events + lines, key=lambda e: e.at)
        termijn_datum, termijn_soort = None, ""
        if is_open:
            facts = dossier_facts(
                doelgroep=doelgroep, is_open=True, kennisgeving=kennisgeving, brp_inschrijving=brp, rows=chain
            )
            chain.termijnen, upcoming = self.chain.termijnen(facts=facts)
            if upcoming is not None:
                termijn_datum, termijn_soort = upcoming.due, upcoming.kind.value

        dossier = DossierPlan(
            uuid=draw.uuid4(),
            gemeente=code,
            status=status.value,
            klantregisseur=klantregisseur,
            doelgroep=doelgroep.value,
            gedetailleerde_doelgroep=detail.value,
            plicht_begindatum=begin,
            datum_kennisgeving=kennisgeving,
            plicht_einddatum=einddatum,
            plicht_reden_einde=reden,
            datum_huisvesting=huisvesting,
            datum_brp_inschrijving=brp,
            overgedragen_aan=overgedragen_aan,
            created_at=created_at,
            updated_at=events[-1].at,
            closed_at=events[-1].at if closing else None,
            termijn_datum=termijn_datum,
            termijn_soort=termijn_soort,
        )
        return dossier, events, chain


def _change(labels: _Labels, field_name: str, new: str, *, old: str = "—") -> dict[str, str]:
    """One line of a timeline event, as the services write it."""
    return {"field": field_name, "label": labels.field[field_name], "old": old, "new": new}


@functools.cache
def _ascii_word(text: str) -> str:
    """Letters and digits only, for a made-up e-mail address: "Öztürk-Çelik" becomes "ozturkcelik"."""
    return "".join(
        ch for ch in zoeknaam_for(voornamen=text, voorvoegsel="", geslachtsnaam="") if ch.isascii() and ch.isalnum()
    )


def _split_voorvoegsel(surname: str) -> tuple[str, str]:
    """Split "da Silva" into ("da", "Silva"): lower-case words in front are the voorvoegsel, as in the BRP."""
    words = surname.split(" ")
    i = 0
    while i < len(words) - 1 and words[i].islower():
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _years_before(day: date, years: int) -> date:
    return _years_after(day, -years)


def plan_households(
    *, seed: int, size: int, today: date, extra_feestdagen: Iterable[date] = ()
) -> Iterator[HouseholdPlan]:
    """`size` households, drawn from `random.Random(seed)`; the same arguments give the same plan.

    `extra_feestdagen`: gelijkgestelde dagen beyond those the rules know (termijnen.GelijkgesteldeDag),
    so that the planned deadlines are the ones termijnen.services would compute.
    """
    planner = _Planner(seed=seed, today=today, extra_feestdagen=extra_feestdagen)
    for _ in range(size):
        yield planner.household()


# --- loading ----------------------------------------------------------------------------------


@dataclass
class LoadResult:
    inburgeraars: int = 0
    dossiers: int = 0
    gezinsleden: int = 0
    events: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    chain_counts: dict[str, int] = field(default_factory=dict)  # rows per table of the chain, by model label
    seconds: float = 0.0


def existing_data() -> list[str]:
    """What is already in the database that the demo region would clash with (empty: go ahead)."""
    found = []
    if Uitvoeringsorganisatie.objects.exists() or Gemeente.objects.exists():
        found.append("gemeenten")
    if Inburgeraar.objects.exists():
        found.append("inburgeraars")
    taken = sorted(User.objects.filter(username__in=[u.username for u in USERS]).values_list("username", flat=True))
    if taken:
        more = ", …" if len(taken) > 3 else ""
        found.append(f"{len(taken)} gebruiker(s) met een demonaam: {', '.join(taken[:3])}{more}")
    return found


def demo_letter_templates_fill() -> int:
    """Give each demo gemeente without a letter template the demo's one (a region loaded before letters
    needed them); returns how many were made."""
    gemeenten = Gemeente.objects.filter(code__in=ALL_GEMEENTEN, letter_template__isnull=True)
    specs = {spec.code: spec for spec in REGION}
    made = LetterTemplate.objects.bulk_create(
        [LetterTemplate(gemeente=gemeente, **demo_letter_template(specs[gemeente.code])) for gemeente in gemeenten]
    )
    return len(made)


def region_loaded() -> bool:
    return Gemeente.objects.exists()


@dataclass(frozen=True)
class _Refs:
    gemeente_ids: dict[str, int]
    user_ids: dict[str, int]
    aanbieder_ids: dict[str, int]


def _load_configuration() -> _Refs:
    uo = Uitvoeringsorganisatie.objects.create(
        naam=UITVOERINGSORGANISATIE, oin=UITVOERINGSORGANISATIE_OIN, is_openbaar_lichaam=True
    )
    gemeenten = {
        spec.code: Gemeente.objects.create(
            uitvoeringsorganisatie=uo, code=spec.code, naam=spec.naam, oin=spec.oin, iban=spec.iban, bic=BIC_BNG
        )
        for spec in REGION
    }
    LetterTemplate.objects.bulk_create(
        [LetterTemplate(gemeente=gemeenten[spec.code], **demo_letter_template(spec)) for spec in REGION]
    )
    teams = {naam: Team.objects.get_or_create(naam=naam)[0] for naam in TEAMS}
    aanbieders = {spec["naam"]: Aanbieder.objects.create(**spec) for spec in AANBIEDERS}
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}
    password = make_password(DEMO_PASSWORD)  # hashed once: the slow part of creating a user
    user_ids = {}
    for spec in USERS:
        local = ".".join(
            zoeknaam_for(voornamen=part, voorvoegsel="", geslachtsnaam="").replace(" ", "")
            for part in (spec.first_name, spec.last_name)
        )
        user = User.objects.create(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{local}@{DEMO_EMAIL_DOMAIN}",
            password=password,
            is_staff=spec.is_staff,
            team=teams.get(spec.team),
            aanbieder=aanbieders.get(spec.aanbieder),
        )
        user.groups.set([groups[role] for role in spec.roles])
        user.gemeenten.set([gemeenten[code] for code in spec.gemeenten])
        user_ids[spec.username] = user.pk
    return _Refs(
        gemeente_ids={code: g.pk for code, g in gemeenten.items()},
        user_ids=user_ids,
        aanbieder_ids={naam: a.pk for naam, a in aanbieders.items()},
    )


INBURGERAAR_COLUMNS = _commas(
    "id, uuid, bsn, vnummer, voornamen, voorvoegsel, geslachtsnaam, geboortedatum, geslacht, "
    "nationaliteit, geboorteland, talen, telefoonnummer, email, straat, huisnummer, postcode, "
    "woonplaats, zoeknaam, created_at, updated_at"
)
DOSSIER_COLUMNS = _commas(
    "id, uuid, inburgeraar_id, gemeente_id, status, klantregisseur_id, doelgroep, "
    "gedetailleerde_doelgroep, plicht_begindatum, datum_kennisgeving, plicht_einddatum, "
    "plicht_reden_einde, datum_huisvesting, datum_brp_inschrijving, termijn_datum, termijn_soort, "
    "overgedragen_aan, duo_verlengingsgrond, created_at, updated_at, closed_at"
)
GEZINSLID_COLUMNS = ("inburgeraar_id", "relatie", "voornamen", "geslachtsnaam", "geboortedatum", "bsn")
EVENT_COLUMNS = ("dossier_id", "at", "actor_id", "actor_label", "action", "summary", "changes")


def _next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(highest=models.Max("pk"))["highest"] or 0) + 1


class _Table:
    """The rows of one model of the chain, from planned values by field name.

    Every concrete column is written: the planned values, links to rows written before (ids), and
    each model default for the rest, so that a column another app adds with a default needs no
    change here. Users and aanbieders are planned by username and naam and written as ids.
    """

    def __init__(self, model: type[models.Model], refs: _Refs, *, with_id: bool = False) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.columns = [f.attname for f in fields]
        self.position = {f.name: i for i, f in enumerate(fields)}
        self.defaults: list[Any] = []
        self.convert: dict[str, Callable[[Any], Any]] = {}
        for f in fields:
            default = None if f.primary_key else f.get_default()
            self.defaults.append(json.dumps(default) if isinstance(f, models.JSONField) else default)
            if f.is_relation and f.related_model is User:
                self.convert[f.name] = lambda username: refs.user_ids.get(username) if username else None
            elif f.is_relation and f.related_model is Aanbieder:
                self.convert[f.name] = refs.aanbieder_ids.__getitem__
        self.rows: list[list[Any]] = []

    def add(self, values: dict[str, Any], **links: Any) -> None:
        row = self.defaults.copy()
        position, convert = self.position, self.convert
        try:
            for name, value in values.items():
                row[position[name]] = convert[name](value) if name in convert else value
            for name, value in links.items():
                row[position[name]] = value
        except KeyError as error:
            raise TypeError(f"{self.model.__name__} has no field {error}") from None
        self.rows.append(row)

    def flush(self, writer: "RowWriter", counts: dict[str, int]) -> None:
        writer.write(self.model, self.columns, self.rows)
        label = self.model._meta.label
        counts[label] = counts.get(label, 0) + len(self.rows)
        self.rows = []


# In the order they are written: a row's links point to rows of the tables before it.
CHAIN_MODELS: tuple[type[models.Model], ...] = (
    BredeIntake,
    IntakeGezondheid,
    Oproep,
    IntakeOvertreding,
    Leerbaarheidstoets,
    Pip,
    PipAanbod,
    Termijn,
)


def _chain_tables(refs: _Refs) -> dict[type[models.Model], _Table]:
    linked = (BredeIntake, Oproep, Pip)  # rows that others point to get their id from the loader
    return {model: _Table(model, refs, with_id=model in linked) for model in CHAIN_MODELS}


def _add_chain(
    chain: ChainPlan,
    tables: dict[type[models.Model], _Table],
    next_ids: dict[type[models.Model], int],
    *,
    dossier_id: int,
) -> None:
    """Add one dossier's intake, summonses, leerbaarheidstoets, PIP versions and deadlines to the tables."""

    def new_id(model: type[models.Model]) -> int:
        next_ids[model] += 1
        return next_ids[model] - 1

    if chain.intake is not None:
        intake_id = new_id(BredeIntake)
        tables[BredeIntake].add(chain.intake.values, id=intake_id, dossier=dossier_id)
        if chain.intake.gezondheid is not None:
            tables[IntakeGezondheid].add(chain.intake.gezondheid, brede_intake=intake_id)
    for oproep in chain.oproepen:
        oproep_id = new_id(Oproep)
        tables[Oproep].add(oproep.values, id=oproep_id, dossier=dossier_id)
        if oproep.overtreding is not None:
            tables[IntakeOvertreding].add(oproep.overtreding, dossier=dossier_id, oproep=oproep_id)
    if chain.lbt is not None:
        tables[Leerbaarheidstoets].add(chain.lbt, dossier=dossier_id)
    vorige = None
    for pip in chain.pips:  # version 1 first; a later version points to the one it follows
        pip_id = new_id(Pip)
        tables[Pip].add(pip.values, id=pip_id, dossier=dossier_id, vorige=vorige)
        for aanbod in pip.aanbod:
            tables[PipAanbod].add(aanbod, pip=pip_id)
        vorige = pip_id
    for termijn in chain.termijnen:
        tables[Termijn].add(termijn, dossier=dossier_id)


def _load_households(
    households: Iterable[HouseholdPlan], refs: _Refs, *, batch_size: int, progress: Callable[[int], None] | None
) -> LoadResult:
    result = LoadResult()
    writer = RowWriter()
    if connection.vendor == "postgresql":
        # Check foreign keys as the rows stream in, not all at once in a long commit
        # (measured: about 15% faster for 100,000 households).
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    person_id, dossier_id = _next_id(Inburgeraar), _next_id(Dossier)
    users, gemeenten = refs.user_ids, refs.gemeente_ids
    tables = _chain_tables(refs)
    next_ids = {model: _next_id(model) for model, table in tables.items() if "id" in table.position}
    zoeknamen: dict[tuple[str, str, str], str] = {}
    iterator = iter(households)

    def next_batch() -> list[HouseholdPlan]:
        return list(itertools.islice(iterator, batch_size))

    # The plan is pure Python and the writes mostly wait for the database: one thread draws the next
    # batch while this one writes the current. The plan stays one sequential stream (the same seed
    # gives the same rows) and the connection is used from this thread only.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-plan") as planner:
        upcoming = planner.submit(next_batch)
        while batch := upcoming.result():
            upcoming = planner.submit(next_batch)
            people, dossiers, leden, events = [], [], [], []
            for household in batch:
                p, d = household.person, household.dossier
                name = (p.voornamen, p.voorvoegsel, p.geslachtsnaam)
                if (zoeknaam := zoeknamen.get(name)) is None:  # names repeat: normalise each once
                    zoeknaam = zoeknamen[name] = zoeknaam_for(
                        voornamen=p.voornamen, voorvoegsel=p.voorvoegsel, geslachtsnaam=p.geslachtsnaam
                    )
                people.append(
                    (
                        person_id,
                        p.uuid,
                        p.bsn,
                        p.vnummer,
                        p.voornamen,
                        p.voorvoegsel,
                        p.geslachtsnaam,
                        p.geboortedatum,
                        p.geslacht,
                        p.nationaliteit,
                        p.geboorteland,
                        p.talen,
                        p.telefoonnummer,
                        p.email,
                        p.straat,
                        p.huisnummer,
                        p.postcode,
                        p.woonplaats,
                        zoeknaam,
                        d.created_at,
                        d.created_at,
                    )
                )
                dossiers.append(
                    (
                        dossier_id,
                        d.uuid,
                        person_id,
                        gemeenten[d.gemeente],
                        d.status,
                        users.get(d.klantregisseur),
                        d.doelgroep,
                        d.gedetailleerde_doelgroep,
                        d.plicht_begindatum,
                        d.datum_kennisgeving,
                        d.plicht_einddatum,
                        d.plicht_reden_einde,
                        d.datum_huisvesting,
                        d.datum_brp_inschrijving,
                        d.termijn_datum,
                        d.termijn_soort,
                        d.overgedragen_aan,
                        "",  # duo_verlengingsgrond: DUO has not extended a demo termijn
                        d.created_at,
                        d.updated_at,
                        d.closed_at,
                    )
                )
                for lid in household.gezinsleden:
                    leden.append((person_id, lid.relatie, lid.voornamen, lid.geslachtsnaam, lid.geboortedatum, lid.bsn))
                for e in household.events:
                    events.append((dossier_id, e.at, users.get(e.actor), e.actor_label, e.action, e.summary, e.changes))
                _add_chain(household.chain, tables, next_ids, dossier_id=dossier_id)
                result.status_counts[d.status] = result.status_counts.get(d.status, 0) + 1
                person_id += 1
                dossier_id += 1
            writer.write(Inburgeraar, INBURGERAAR_COLUMNS, people)
            writer.write(Dossier, DOSSIER_COLUMNS, dossiers)
            writer.write(Gezinslid, GEZINSLID_COLUMNS, leden)
            writer.write(DossierEvent, EVENT_COLUMNS, events)
            for table in tables.values():
                table.flush(writer, result.chain_counts)
            result.inburgeraars += len(people)
            result.dossiers += len(dossiers)
            result.gezinsleden += len(leden)
            result.events += len(events)
            if progress is not None:
                progress(result.dossiers)
    # Rows with explicit ids leave PostgreSQL's sequences behind; the next aanmelding must not collide.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Inburgeraar, Dossier, *next_ids]):
            cursor.execute(statement)
    return result


def load_region(
    *,
    seed: int,
    size: int,
    today: date,
    batch_size: int = 5_000,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Create the region, its users and `size` households with their dossiers, in one transaction."""
    started = time.monotonic()
    with transaction.atomic():
        refs = _load_configuration()
        extra_feestdagen = GelijkgesteldeDag.objects.values_list("datum", flat=True)
        households = plan_households(seed=seed, size=size, today=today, extra_feestdagen=extra_feestdagen)
        result = _load_households(households, refs, batch_size=batch_size, progress=progress)
        ontzorgen = load_ontzorgen(
            seed=seed, today=today, actor_id=refs.user_ids[JOURNEY_FINANCIEEL], batch_size=batch_size
        )
        result.chain_counts.update(ontzorgen)  # printed with the chain's rows
        result.chain_counts.update(load_contracten(today=today, actor_id=refs.user_ids[JOURNEY_CONTRACTMANAGER]))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, or the first queries plan for empty tables
            analysed: tuple[type[models.Model], ...] = (
                *(Inburgeraar, Dossier, Gezinslid, DossierEvent),
                *CHAIN_MODELS,
                *ONTZORGEN_MODELS,
            )
            for model in analysed:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    result.seconds = time.monotonic() - started
    return result
