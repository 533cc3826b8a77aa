"""The decisions on a request (SS113–SS119, ``GebeurtenisSoort.TAAK_KLANTREGISSEUR``): nothing is fetched;
the klantregisseur gets a task to look at DUO's decision."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import NotificatieStatus
from ._common import Verwerking, _event, _Uitkomst


def verzoek_signal(v: Verwerking) -> _Uitkomst:
    if v.dossier is None:
        return _Uitkomst(NotificatieStatus.GEEN_ACTIE, _("Geen open dossier voor deze persoon"))
    v.taak_klantregisseur(
        _("DUO: %(wat)s") % {"wat": v.g.omschrijving},
        _("DUO meldde op %(op)s: %(wat)s (%(code)s). Bekijk het besluit in het portaal van DUO.")
        % {
            "op": timezone.localtime(v.n.registratie_datum_tijd).date(),
            "wat": v.g.omschrijving,
            "code": v.g.code,
        },
    )
    _event(v.dossier, "duo_signaal", _("DUO: %(wat)s") % {"wat": v.g.omschrijving})
    return _Uitkomst(NotificatieStatus.VERWERKT, _("taak voor de klantregisseur"), v.dossier)
