"""Invented Dutch text for the demo's brede intakes and PIPs: short, plausible and free of real cases.

Each pool is drawn from by the planner (demo/chain.py); placeholders in braces are filled from the
household. Nothing here is health information beyond the few neutral lines in GEZONDHEID.
"""

from openinburgering.intake.constants import Opleidingsniveau
from openinburgering.rules.intake import Aandachtspunt

# Highest education followed, per doelgroep (weights): asielstatushouders had less schooling on
# average than gezinsmigranten, and more often none at all.
_OPLEIDINGEN = (
    Opleidingsniveau.GEEN,
    Opleidingsniveau.BASIS,
    Opleidingsniveau.VOORTGEZET,
    Opleidingsniveau.BEROEPS,
    Opleidingsniveau.HOGER_BEROEPS,
    Opleidingsniveau.UNIVERSITAIR,
    Opleidingsniveau.ONBEKEND,
)
OPLEIDING_WEIGHTS: dict[bool, tuple[tuple[str, ...], tuple[int, ...]]] = {  # key: is asielstatushouder
    True: (_OPLEIDINGEN, (12, 20, 30, 15, 10, 10, 3)),
    False: (_OPLEIDINGEN, (4, 11, 30, 21, 17, 15, 2)),
}
JAREN_ONDERWIJS: dict[str, tuple[int, int]] = {
    Opleidingsniveau.GEEN: (0, 0),
    Opleidingsniveau.BASIS: (3, 8),
    Opleidingsniveau.VOORTGEZET: (8, 12),
    Opleidingsniveau.BEROEPS: (11, 14),
    Opleidingsniveau.HOGER_BEROEPS: (14, 16),
    Opleidingsniveau.UNIVERSITAIR: (16, 19),
    Opleidingsniveau.ONBEKEND: (0, 0),
}
DIPLOMAS: dict[str, tuple[str, ...]] = {
    Opleidingsniveau.GEEN: ("Geen diploma's.",),
    Opleidingsniveau.BASIS: ("Geen diploma's.", "Getuigschrift basisschool (niet meegenomen)."),
    Opleidingsniveau.VOORTGEZET: (
        "Diploma middelbare school; origineel is aanwezig.",
        "Middelbare school niet afgemaakt door de oorlog.",
        "Diploma middelbare school, nog niet gewaardeerd.",
    ),
    Opleidingsniveau.BEROEPS: (
        "Diploma beroepsopleiding; waardering bij IDW aangevraagd.",
        "Certificaat van een vakopleiding, zonder vertaling.",
    ),
    Opleidingsniveau.HOGER_BEROEPS: (
        "Bachelordiploma; waardering bij IDW aangevraagd.",
        "Bachelordiploma, door IDW gewaardeerd op hbo-bachelorniveau.",
    ),
    Opleidingsniveau.UNIVERSITAIR: (
        "Masterdiploma; waardering bij IDW aangevraagd.",
        "Universitair diploma, gelegaliseerd en vertaald.",
    ),
    Opleidingsniveau.ONBEKEND: ("Onbekend; wordt nagevraagd.",),
}

# Occupations by education (low: none or primary; middle; high: hbo or university), with the
# sector a work goal in the PIP points to.
BEROEPEN: dict[str, tuple[tuple[str, str], ...]] = {
    "laag": (
        ("Landarbeider", "landbouw"),
        ("Bouwvakker", "bouw"),
        ("Naaister", "textiel"),
        ("Schoonmaker", "schoonmaak"),
        ("Marktkoopman", "detailhandel"),
        ("Herder", "landbouw"),
    ),
    "midden": (
        ("Vrachtwagenchauffeur", "logistiek"),
        ("Kok", "horeca"),
        ("Automonteur", "techniek"),
        ("Elektricien", "techniek"),
        ("Timmerman", "bouw"),
        ("Winkelier", "detailhandel"),
        ("Kapper", "persoonlijke verzorging"),
        ("Kleermaker", "textiel"),
        ("Lasser", "techniek"),
    ),
    "hoog": (
        ("Leraar", "onderwijs"),
        ("Verpleegkundige", "zorg"),
        ("Boekhouder", "administratie"),
        ("Softwareontwikkelaar", "ICT"),
        ("Werktuigbouwkundig ingenieur", "techniek"),
        ("Apotheker", "zorg"),
        ("Jurist", "zakelijke dienstverlening"),
        ("Tandarts", "zorg"),
    ),
}
OPLEIDING_GROEP = {
    Opleidingsniveau.GEEN: "laag",
    Opleidingsniveau.BASIS: "laag",
    Opleidingsniveau.VOORTGEZET: "midden",
    Opleidingsniveau.BEROEPS: "midden",
    Opleidingsniveau.HOGER_BEROEPS: "hoog",
    Opleidingsniveau.UNIVERSITAIR: "hoog",
    Opleidingsniveau.ONBEKEND: "laag",
}
WERKERVARING = (
    "{jaren} jaar gewerkt als {beroep}.",
    "{jaren} jaar {beroep}, waarvan de laatste jaren in een eigen zaak.",
    "Werkte {jaren} jaar als {beroep}; daarna gestopt door de vlucht.",
    "{jaren} jaar ervaring als {beroep} in loondienst.",
)
GEEN_WERKERVARING = (
    "Geen betaald werk gedaan; zorgde voor het gezin.",
    "Geen werkervaring; ging tot het vertrek naar school.",
    "Hielp af en toe in de zaak van familie, zonder vast werk.",
)
GEEN_WERKERVARING_SECTORS = ("schoonmaak", "logistiek", "zorg", "horeca", "detailhandel")

# Dutch on arrival, per doelgroep: most asielstatushouders speak none; gezinsmigranten some.
TAALNIVEAU_WEIGHTS: dict[bool, tuple[tuple[str, ...], tuple[int, ...]]] = {
    True: (("geen", "A0", "A1", "A2"), (45, 35, 17, 3)),
    False: (("geen", "A0", "A1", "A2", "B1"), (20, 30, 33, 14, 3)),
}
TAAL_TOELICHTING = (
    "Spreekt een paar woorden Nederlands.",
    "Volgde lessen Nederlands in het AZC.",
    "Leerde wat Nederlands via apps en online lessen.",
    "Spreekt goed Engels; het gesprek ging deels in het Engels.",
    "Begrijpt eenvoudige vragen; spreken gaat nog moeizaam.",
)
# Nationalities whose main script is Latin (the others are literate in another script).
LATIJNS_SCHRIFT = frozenset({"TR", "ID", "BR", "US", "GB", "PH", "CO", "SO"})

ARBEID_WENSEN = (
    "Wil weer aan het werk in de {sector}.",
    "Wil eerst de taal leren en dan werk zoeken in de {sector}.",
    "Wil een opleiding volgen en later in de {sector} werken.",
    "Wil op termijn een eigen bedrijf beginnen in de {sector}.",
    "Wil snel geld verdienen; voorkeur voor werk in de {sector}.",
)
ARBEID_MOGELIJKHEDEN = (
    "Na een halfjaar taalles een werkervaringsplek in de {sector}.",
    "Vrijwilligerswerk als eerste stap; daarna parttime werk in de {sector}.",
    "Parttime werk in de {sector} naast de taalles is haalbaar.",
    "Diploma laten waarderen; daarna een traject naar werk in het eigen vak.",
    "Werkfit-traject bij het Werkplein, gericht op de {sector}.",
)
ARBEID_TOELICHTING = (
    "Beschikbaarheid hangt af van de kinderopvang.",
    "Heeft een rijbewijs uit het land van herkomst; omwisselen wordt uitgezocht.",
    "",
    "",
)

ZELFREDZAAMHEID_TOELICHTING: dict[str, tuple[str, ...]] = {
    "laag": (
        "Heeft hulp nodig bij post, DigiD en afspraken.",
        "Is voor bijna alle contact met instanties afhankelijk van anderen.",
    ),
    "gemiddeld": (
        "Regelt de meeste zaken zelf; hulp bij brieven van instanties.",
        "Redt zich in de winkel en bij de huisarts; DigiD gaat nog met hulp.",
    ),
    "hoog": (
        "Regelt de eigen zaken zelfstandig, ook digitaal.",
        "Zelfstandig; vraagt hulp als iets onduidelijk is.",
    ),
}

OMSTANDIGHEDEN = (
    "Woont tijdelijk bij familie in afwachting van eigen woonruimte.",
    "Zorgt een deel van de week voor een familielid.",
    "Heeft nog betalingsachterstanden uit de periode voor de huisvesting.",
    "Partner werkt in ploegendienst; de zorg voor de kinderen wisselt.",
)
FINANCIELE_SITUATIE: dict[bool, tuple[str, ...]] = {
    True: (
        "Bijstand; de vaste lasten worden de eerste maanden door de gemeente betaald (ontzorgen).",
        "Bijstand; geen schulden bekend.",
        "Bijstand; stuurt elke maand geld naar familie in het buitenland.",
    ),
    False: (
        "Partner heeft een inkomen; geen uitkering.",
        "Werkt enkele uren per week; partner verdient het grootste deel.",
        "Geen eigen inkomen; afhankelijk van het inkomen van de partner.",
    ),
}
SOCIAAL_NETWERK = (
    "Contact met landgenoten in de regio; nog weinig Nederlandse contacten.",
    "Familie woont in de buurt.",
    "Heeft een taalmaatje via het Taalhuis.",
    "Kent nog bijna niemand in de gemeente.",
    "Actief in een sportvereniging; veel contact met buren.",
)
MOTIVATIE = (
    "Zeer gemotiveerd om snel Nederlands te leren.",
    "Gemotiveerd; maakt zich zorgen over de combinatie met de zorg voor de kinderen.",
    "Gemotiveerd om zo snel mogelijk aan het werk te gaan.",
    "Wil vooral de kinderen kunnen helpen met school.",
)

AANDACHTSPUNT_WEIGHTS: tuple[tuple[Aandachtspunt, ...], tuple[int, ...]] = (
    (
        Aandachtspunt.DIGITALE_VAARDIGHEDEN,
        Aandachtspunt.ZORG_VOOR_KINDEREN,
        Aandachtspunt.FINANCIEN_SCHULDEN,
        Aandachtspunt.PSYCHISCHE_GEZONDHEID,
        Aandachtspunt.HUISVESTING,
        Aandachtspunt.LICHAMELIJKE_GEZONDHEID,
        Aandachtspunt.TRAUMA,
        Aandachtspunt.MANTELZORG,
        Aandachtspunt.OVERIG,
        Aandachtspunt.HUISELIJK_GEWELD,
        Aandachtspunt.VERSLAVING,
    ),
    (22, 16, 12, 8, 8, 6, 5, 3, 2, 1, 1),
)

# The few health sections the demo fills: short and neutral, as a klantregisseur writes when
# nothing stands in the way of the trajectory, or with one health-related aandachtspunt.
GEZONDHEID = (
    ("Geen bijzonderheden gemeld.", "Geen gevolgen voor het traject."),
    ("Besproken; geen bijzonderheden.", "Geen."),
    ("Geen bijzonderheden; huisarts is bekend.", "Geen gevolgen voor het traject."),
)
GEZONDHEID_MET_AANDACHTSPUNT = (
    "Besproken tijdens de intake; zie de aandachtspunten.",
    "Rekening houden met de belastbaarheid bij het plannen van de lessen.",
)

LOCATIES = (
    "Stadskantoor, Spuiboulevard 300, Dordrecht",
    "Werkplein Drechtsteden, Dordrecht",
    "Gemeentehuis, balie Inburgering",
)

# --- the PIP ----------------------------------------------------------------------------------

MAP_INTENSITEIT = (
    "MAP in groepsverband, twee dagdelen per week in het eerste halfjaar.",
    "MAP via het Werkplein: workshops en een werkbezoek per maand.",
    "MAP gecombineerd met een werkervaringsplek, één dag per week.",
)
PVT_INVULLING = (
    "Workshops over Nederlandse kernwaarden en een bezoek aan het gemeentehuis.",
    "Groepsbijeenkomsten over kernwaarden en een excursie in de regio.",
    "Gesprekken in kleine groepen over vrijheid, gelijkwaardigheid en solidariteit.",
)
MAATSCHAPPELIJKE_BEGELEIDING = (
    "VluchtelingenWerk: praktische begeleiding in het eerste jaar na de huisvesting.",
    "VluchtelingenWerk: hulp bij post, zorgverzekering en de eerste contacten in de wijk.",
)
BEGELEIDING = (
    "Voortgangsgesprekken met de klantregisseur; taalmaatje via het Taalhuis.",
    "Begeleiding door de klantregisseur; kinderopvang tijdens de lessen.",
    "Jobcoach van het Werkplein naast de voortgangsgesprekken.",
    "Voortgangsgesprekken met de klantregisseur; hulp bij het plannen van de lessen.",
)
VVE_AFSPRAKEN = "Het jongste kind gaat naar de peuteropvang met VVE."
DOELEN: dict[str, tuple[str, ...]] = {
    "B": (
        "Taalniveau B1 halen binnen de inburgeringstermijn en parttime werk in de {sector}.",
        "B1 halen en doorstromen naar betaald werk in de {sector}.",
    ),
    "O": (
        "Via het taalschakeltraject instromen in een mbo-opleiding in de {sector}.",
        "Taalschakeltraject afronden en een hbo-opleiding beginnen.",
    ),
    "Z": (
        "Zelfstandig de dagelijkse dingen in het Nederlands regelen en vrijwilligerswerk doen.",
        "Zelfredzaam worden in de wijk en meedoen aan activiteiten in de buurt.",
    ),
}
MOTIVERING: dict[str, str] = {
    "B": (
        "De leerbaarheidstoets, de opleiding en de werkervaring wijzen uit dat de B1-route haalbaar is. "
        "De route sluit aan bij de wens om te werken."
    ),
    "O": (
        "Jong, met een vooropleiding en de wens om verder te leren: de onderwijsroute biedt de beste kans "
        "op een diploma en werk."
    ),
    "Z": (
        "De leerbaarheidstoets en het gesprek wijzen uit dat de B1-route niet haalbaar is. De Z-route past "
        "bij de leerbaarheid en de situatie."
    ),
}
# The reasoning for each route that was considered and not chosen (ECLI:NL:RVS:2024:5413).
OVERWEGING: dict[tuple[str, str], str] = {  # (chosen, considered)
    ("B", "O"): "De onderwijsroute is overwogen; er is geen wens of mogelijkheid om een opleiding te volgen.",
    ("B", "Z"): "De Z-route is overwogen maar niet nodig: de B1-route is haalbaar.",
    ("O", "B"): "De B1-route is overwogen; de onderwijsroute past beter bij de leeftijd en de vooropleiding.",
    ("O", "Z"): "De Z-route is niet passend: de leerbaarheid is goed.",
    ("Z", "B"): "De B1-route is overwogen, maar is volgens de leerbaarheidstoets en het gesprek niet haalbaar.",
    ("Z", "O"): "De onderwijsroute is niet passend gezien de leerbaarheid en de vooropleiding.",
}
WIJZIGING: dict[str, str] = {
    "afschalen": (
        "Afschalen naar A2: na meer dan {uren} uur NT2-les bij een keurmerkinstelling met voldoende "
        "inspanning blijft B1 buiten bereik (Bi 5.5)."
    ),
    "B>Z": "De voortgang op de B1-route blijft ver achter; in overleg overgestapt naar de Z-route (Bi 5.4).",
    "O>B": "Het taalschakeltraject is gestopt; verder op de B1-route (Bi 5.4 lid 1).",
}


GEEN_BIJZONDERHEDEN = "Geen bijzonderheden."
