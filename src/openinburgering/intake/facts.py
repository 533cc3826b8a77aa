"""Facts the intake app announces (core.events); later apps subscribe in their AppConfig.ready."""

from dataclasses import dataclass

from openinburgering.dossiers.models import Dossier


@dataclass(frozen=True)
class IntakeUrenGewijzigd:
    """The brede intake's hours changed, in whole hours as DUO counts them; None: that total did not change
    (participatieactiviteiten only for a doelgroep DUO counts them for)."""

    dossier: Dossier
    taalles_knm_brede_intake: int | None
    participatieactiviteiten: int | None
