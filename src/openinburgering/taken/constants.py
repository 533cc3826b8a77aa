from django.db import models
from django.utils.translation import gettext_lazy as _


class TaakSoort(models.TextChoices):
    ONTZORGEN_UITGESLOTEN = "ontzorgen_uitgesloten", _("Niet in de betaalrun")
    BETALING_GEWEIGERD = "betaling_geweigerd", _("Betaling geweigerd door de bank")
    ONTZORGEN_LOOPT_AF = "ontzorgen_loopt_af", _("Ontzorgen loopt af")
    DUO_GEWEIGERD = "duo_geweigerd", _("Bericht aan DUO geweigerd")
    DUO_VASTGELOPEN = "duo_vastgelopen", _("Bericht aan DUO vastgelopen")
    DUO_VERTRAAGD = "duo_vertraagd", _("Bericht aan DUO wacht te lang")
    DUO_SIGNAAL = "duo_signaal", _("Bericht van DUO")
    DUO_AANMELDEN = "duo_aanmelden", _("Nieuwe inburgeringsplichtige aanmelden")
    DUO_NOTIFICATIE_FOUT = "duo_notificatie_fout", _("Notificatie van DUO niet verwerkt")
    BRIEFSJABLOON_ONVOLLEDIG = "briefsjabloon_onvolledig", _("Brieven niet gemaakt: briefsjabloon onvolledig")


class TaakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
