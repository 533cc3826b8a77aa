"""Run the DUO simulator (``openinburgering.duosim``) for this installation's demo or acceptance test.

It lives with the demo tooling, not in the duo app: the product never imports the simulator.

The simulator itself knows nothing of Django; this command gives it what DUO would know: our gemeenten
(their OINs and CBS codes), and every person with an open dossier here as inburgeringsplichtig with the
same BSN, plicht start, doelgroep and BRP data, so that what the product sends to DUO (a PIP, an aanbod)
meets DUO's acceptance rules as it would in reality. Then it serves DUO's APIs and the BRP fake on its
own port and sends its notificaties to our Notificatie API.

    manage.py duo_simulator --port 8001 --product-url http://127.0.0.1:8000/duo/notificaties
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from openinburgering.dossiers.models import Dossier
from openinburgering.duosim import DuoState, Simulator
from openinburgering.duosim import Gemeente as SimGemeente
from openinburgering.duosim.brp import BrpPersoon
from openinburgering.duosim.server import serve_forever
from openinburgering.gemeenten.models import Gemeente


class Command(BaseCommand):
    help = "Start de DUO-simulator met de gemeenten en inburgeraars van deze installatie."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        # Under the demo settings both follow DEMO_ADDR and DEMO_DUO_PORT (conf/demo.py).
        parser.add_argument("--port", type=int, default=getattr(settings, "DEMO_DUO_PORT", 8001))
        demo_url = getattr(settings, "DEMO_URL", "http://127.0.0.1:8000")
        parser.add_argument("--product-url", default=f"{demo_url}/{settings.DUO_NOTIFICATIES_PREFIX}notificaties")
        parser.add_argument("--max-personen", type=int, default=5000, help="Ten hoogste zoveel open dossiers.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DUO_OIN:
            raise CommandError("DUO_OIN is not set: the simulator sends its notificaties as that OIN.")
        gemeenten = [g for g in Gemeente.objects.select_related("uitvoeringsorganisatie") if g.oin]
        if not gemeenten:
            raise CommandError("No gemeente has an OIN: DUO would not know where to send its notificaties.")
        state = DuoState(gemeenten=tuple(SimGemeente(g.oin, g.code, g.naam) for g in gemeenten))
        oin_of = {g.pk: g.oin for g in gemeenten}
        dossiers = (
            Dossier.objects.open()
            .filter(gemeente_id__in=oin_of)
            .select_related("inburgeraar", "gemeente")
            .order_by("-pk")[: options["max_personen"]]
        )
        for dossier in dossiers:
            p = dossier.inburgeraar
            state.persoon_toevoegen(
                gemeente_oin=oin_of[dossier.gemeente_id],
                bsn=p.bsn,
                asiel=dossier.doelgroep == "Asielstatushouder",
                plicht_begindatum=dossier.plicht_begindatum,
                brp_persoon=BrpPersoon(
                    bsn=p.bsn,
                    voornamen=p.voornamen,
                    voorvoegsel=p.voorvoegsel or None,
                    geslachtsnaam=p.geslachtsnaam,
                    geboortedatum=p.geboortedatum,
                    geslacht=p.geslacht,
                    straat=p.straat,
                    huisnummer=int("".join(c for c in p.huisnummer if c.isdigit()) or 1),
                    postcode=p.postcode,
                    woonplaats=p.woonplaats,
                    gemeentecode=dossier.gemeente.code,
                ),
            )
        simulator = Simulator(duo_oin=settings.DUO_OIN, product_url=options["product_url"], state=state)
        self.stdout.write(
            f"DUO-simulator op http://{options['host']}:{options['port']}/ met {len(gemeenten)} gemeenten en "
            f"{len(state.personen)} inburgeraars; notificaties naar {options['product_url']}"
        )
        serve_forever(simulator, host=options["host"], port=options["port"])
