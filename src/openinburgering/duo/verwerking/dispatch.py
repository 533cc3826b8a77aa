"""What one notificatie does, by the soort of its gebeurtenis (``rules.duo``): a request decided (SS113–SS119)
becomes a task; every other gebeurtenis first brings the dossier to DUO's plicht (``plicht``), then fetches
what it announces (``apis``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from openinburgering.dossiers.models import Dossier
from openinburgering.rules.duo import GebeurtenisSoort

from ..clients import DuoFoutmeldingen, DuoNietGevonden
from ..constants import NotificatieStatus
from ..models import DuoStandSoort
from ._common import Verwerking, _Uitkomst
from .apis import fetch_announced
from .plicht import niet_bij_duo, with_plicht, without_plicht
from .verzoeken import verzoek_signal


def verwerk(v: Verwerking) -> _Uitkomst:
    if not v.bsn:
        return _Uitkomst(NotificatieStatus.GEEN_ACTIE, _("Notificatie zonder BSN"))
    v.dossier = Dossier.objects.open().select_related("gemeente", "inburgeraar").filter(inburgeraar__bsn=v.bsn).first()
    if v.g.soort == GebeurtenisSoort.TAAK_KLANTREGISSEUR:
        return verzoek_signal(v)
    try:
        plicht = v.fetch(DuoStandSoort.INBURGERINGSPLICHT, v.clients.inburgeringsplicht.get_inburgeringsplicht)
        doelgroep = v.fetch(DuoStandSoort.DOELGROEP, v.clients.inburgeringsplicht.get_doelgroep)
    except DuoNietGevonden:
        return niet_bij_duo(v)
    except DuoFoutmeldingen as exc:
        return _Uitkomst(
            NotificatieStatus.GEEN_ACTIE,
            _("DUO geeft geen gegevens: %(fout)s") % {"fout": "; ".join(exc.foutteksten) or exc},
            v.dossier,
        )
    if plicht.get("indicatorInburgeringsplicht"):
        uitkomst = with_plicht(v, plicht, doelgroep or {})
        if uitkomst is not None:
            return uitkomst
    else:
        uitkomst = without_plicht(v, plicht)
        if uitkomst is not None:
            return uitkomst
    if v.dossier is not None:
        fetch_announced(v)
    status = NotificatieStatus.VERWERKT if v.gedaan else NotificatieStatus.GEEN_ACTIE
    return _Uitkomst(status, "; ".join(v.gedaan) or _("Dossier was al bij"), v.dossier)
