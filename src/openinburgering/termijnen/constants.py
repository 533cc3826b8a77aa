from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.dossiertermijnen import DeadlineKind, DeadlineStatus


class Soort(models.TextChoices):
    """The kinds of deadline the engine computes (rules.dossiertermijnen.DeadlineKind)."""

    OPROEP_BREDE_INTAKE = DeadlineKind.OPROEP_BREDE_INTAKE.value, _("Oproep brede intake")
    PIP_VASTSTELLEN = DeadlineKind.PIP_VASTSTELLEN.value, _("PIP vaststellen")
    BEZWAAR_PIP = DeadlineKind.BEZWAAR_PIP.value, _("Bezwaartermijn PIP")
    ROUTEWIJZIGING = DeadlineKind.ROUTEWIJZIGING.value, _("Leerroute wijzigen uiterlijk")
    INBURGERINGSTERMIJN = DeadlineKind.INBURGERINGSTERMIJN.value, _("Einde inburgeringstermijn")


class TermijnStatus(models.TextChoices):
    OPEN = DeadlineStatus.OPEN.value, _("Open")
    GEHAALD = DeadlineStatus.MET.value, _("Gehaald")
    VERLOPEN = DeadlineStatus.OVERDUE.value, _("Verlopen")
    OPGESCHORT = DeadlineStatus.SUSPENDED.value, _("Opgeschort")
    VERSTREKEN = DeadlineStatus.LAPSED.value, _("Verstreken")


# What the klantregisseur does about an actionable deadline (shown in the werkvoorraad's "Wat nu").
ACTIE: dict[str, object] = {
    Soort.OPROEP_BREDE_INTAKE: _("Uitkomst oproep vastleggen"),
    Soort.PIP_VASTSTELLEN: _("PIP vaststellen"),
}

# The werkvoorraad's deadline filter: overdue, or due within this many days.
TERMIJN_FILTER_DAGEN = (7, 14, 30)

# What each deadline means, in plain Dutch, next to its legal reference on the dossier page.
UITLEG: dict[str, object] = {
    Soort.OPROEP_BREDE_INTAKE: _(
        "De uiterste datum van de laatste oproep voor de brede intake. Leg vast of de inburgeraar is verschenen "
        "en heeft meegewerkt. De gemeente bepaalt deze termijn zelf; hij eindigt nooit in een weekend of op een "
        "feestdag."
    ),
    Soort.PIP_VASTSTELLEN: _(
        "Het PIP moet binnen tien weken zijn vastgesteld na de kennisgeving van DUO, of na de inschrijving in de "
        "gemeente als die later is. Wacht de gemeente op informatie van een ander, dan staat de termijn stil en is "
        "het PIP uiterlijk twee weken na ontvangst nodig. Valt de laatste dag in een weekend of op een feestdag, "
        "dan schuift hij op (Algemene termijnenwet)."
    ),
    Soort.BEZWAAR_PIP: _(
        "Tot en met deze dag kan de inburgeraar bezwaar maken tegen het PIP: zes weken na de dag van "
        "bekendmaking, verschoven voorbij weekend en feestdagen."
    ),
    Soort.ROUTEWIJZIGING: _(
        "Tot deze dag kan de leerroute nog worden gewijzigd: anderhalf jaar na het begin van de "
        "inburgeringstermijn. Van onderwijsroute naar B1-route mag altijd."
    ),
    Soort.INBURGERINGSTERMIJN: _(
        "De laatste dag van de inburgeringstermijn: drie jaar na de dagtekening van het eerste PIP. DUO stelt "
        "de termijn vast en kan hem verlengen."
    ),
}
