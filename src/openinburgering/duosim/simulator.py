"""The simulator: DUO's state, its faults, its notificaties to the product and the scenarios.

``Simulator.notificeer`` POSTs one Notificatie (API/Notificatie/openapi.yml) to the product's
``/duo/notificaties`` with the headers DUO sends: ``bron`` = DUO's OIN, ``doel`` = the
gemeente's OIN, ``berichtId`` = a fresh UUID. A scenario changes DUO's state first and then
notifies the gemeente with the matching gebeurtenis (Gebeurtenissen/Gebeurtenissen.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from dateutil.relativedelta import relativedelta

from . import brp
from .app import SimulatorApp
from .besturing import SCENARIO_NAMEN, ScenarioResultaat
from .state import TERMIJN, DuoState, OntvangenBericht, Persoon, VerzondenNotificatie
from .storingen import Storingen

DEFAULT_DUO_OIN = "00000099000000000001"  # the product's demo setting (conf/demo.py), not DUO's real OIN
VERLENGING = relativedelta(months=6)


class Simulator:
    """DUO's side of the exchange. ``wsgi_app`` serves its APIs; see ``server.serve_in_thread``."""

    def __init__(
        self,
        *,
        duo_oin: str = DEFAULT_DUO_OIN,
        product_url: str | None = None,
        state: DuoState | None = None,
        storingen: Storingen | None = None,
        rng_seed: int | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        accept_unknown_gemeenten: bool = False,
    ) -> None:
        """``accept_unknown_gemeenten``: a ``bron`` OIN DUO does not know is registered as a
        gemeente (with a made-up gemeentecode) instead of refused with 403. Register real ones
        with ``state.gemeente_toevoegen(oin, code, naam)``."""
        if len(duo_oin) != 20 or not duo_oin.isdigit():
            raise ValueError(f"duo_oin must be an OIN of 20 digits, got {duo_oin!r}")
        self.duo_oin = duo_oin
        self.product_url = product_url
        self.accept_unknown_gemeenten = accept_unknown_gemeenten
        self.state = state or DuoState(rng_seed=rng_seed)
        self.storingen = storingen or Storingen()
        self._http = httpx.Client(timeout=timeout, transport=transport)
        self._wsgi_app: SimulatorApp | None = None

    @property
    def wsgi_app(self) -> SimulatorApp:
        if self._wsgi_app is None:
            self._wsgi_app = SimulatorApp(self)
        return self._wsgi_app

    def close(self) -> None:
        self._http.close()

    # --- reading what happened ------------------------------------------------------------------

    def ontvangen(self) -> list[OntvangenBericht]:
        """Every request DUO's side received (newest last), with its answer."""
        with self.state.lock:
            return list(self.state.berichten)

    def verzonden(self) -> list[VerzondenNotificatie]:
        """Every notificatie POSTed to the product (newest last), with the product's status."""
        with self.state.lock:
            return list(self.state.notificaties)

    # --- notificaties ---------------------------------------------------------------------------

    def notificeer(
        self,
        bsn: str | None,
        gebeurtenis_id: str,
        *,
        gemeente_oin: str,
        bericht_id: str | None = None,
        v_nummer: int | None = None,
    ) -> list[VerzondenNotificatie]:
        """Send one notificatie; a fraction (``storingen.dubbele_notificaties``) goes twice."""
        if not self.product_url:
            raise RuntimeError("no product_url configured: the simulator does not know where to send notificaties")
        bericht_id = bericht_id or str(uuid.uuid4())
        body: dict[str, object] = {
            "registratieDatumTijd": datetime.now(UTC).isoformat(timespec="seconds"),
            "gebeurtenisId": gebeurtenis_id,
        }
        if bsn is not None:
            body["bsn"] = bsn
        if v_nummer is not None:
            body["vNummer"] = v_nummer
        sent = [self._post(body, bericht_id=bericht_id, gemeente_oin=gemeente_oin, dubbel=False)]
        with self.state.lock:
            dubbel = self.state.rng.random() < self.storingen.dubbele_notificaties
        if dubbel:
            sent.append(self._post(body, bericht_id=bericht_id, gemeente_oin=gemeente_oin, dubbel=True))
        return sent

    def _post(
        self, body: dict[str, object], *, bericht_id: str, gemeente_oin: str, dubbel: bool
    ) -> VerzondenNotificatie:
        assert self.product_url
        headers = {"bron": self.duo_oin, "doel": gemeente_oin, "berichtId": bericht_id}
        status: int | None = None
        fout: str | None = None
        try:
            response = self._http.post(self.product_url, json=body, headers=headers)
            status = response.status_code
            if status >= 300:
                fout = response.text[:200] or None
        except httpx.HTTPError as exc:
            fout = f"{type(exc).__name__}: {exc}"[:200]
        bsn = body.get("bsn")
        notificatie = VerzondenNotificatie(
            verzonden_op=datetime.now(UTC),
            bericht_id=bericht_id,
            gemeente_oin=gemeente_oin,
            bsn=bsn if isinstance(bsn, str) else None,
            gebeurtenis_id=str(body["gebeurtenisId"]),
            status=status,
            fout=fout,
            dubbel=dubbel,
        )
        self.state.notificatie_vastleggen(notificatie)
        return notificatie

    # --- scenarios ------------------------------------------------------------------------------

    def scenario(self, naam: str, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """Run a scenario by its name (``SCENARIO_NAMEN``); ValueError for an unknown one."""
        handlers: dict[str, Callable[..., ScenarioResultaat]] = {
            "nieuw-asiel": lambda **kw: self.nieuwe_inburgeringsplichtige(asiel=True, **kw),
            "nieuw-regulier": lambda **kw: self.nieuwe_inburgeringsplichtige(asiel=False, **kw),
            "examen": self.examenresultaat_bekend,
            "verlengd": self.termijn_verlengd,
            "diploma": self.diploma_behaald,
            "verhuisd": self.verhuisd_naar_gemeente,
            "tijdelijke-vrijstelling": self.tijdelijke_vrijstelling,
            "overleden": self.overleden,
            "verzoek-afgewezen": self.verzoek_afgewezen,
        }
        if naam not in handlers:
            raise ValueError(f"unknown scenario {naam!r}; known: {', '.join(SCENARIO_NAMEN)}")
        return handlers[naam](gemeente_oin=gemeente_oin, bsn=bsn)

    def _persoon_voor(self, *, gemeente_oin: str, bsn: str | None) -> Persoon:
        """The given person (created in the gemeente if DUO does not know the BSN yet), or the
        newest inburgeringsplichtige of the gemeente, or a new one."""
        with self.state.lock:
            if bsn is not None:
                return self.state.persoon(bsn) or self.state.persoon_toevoegen(gemeente_oin=gemeente_oin, bsn=bsn)
            kandidaten = [p for p in self.state.personen_van(gemeente_oin) if p.plicht]
            return kandidaten[-1] if kandidaten else self.state.persoon_toevoegen(gemeente_oin=gemeente_oin)

    def _stuur(self, scenario: str, persoon: Persoon, gebeurtenis_id: str, gemeente_oin: str) -> ScenarioResultaat:
        resultaat = ScenarioResultaat(scenario, persoon.bsn, gebeurtenis_id, gemeente_oin)
        resultaat.notificaties = self.notificeer(persoon.bsn, gebeurtenis_id, gemeente_oin=gemeente_oin)
        return resultaat

    def nieuwe_inburgeringsplichtige(
        self, *, gemeente_oin: str, bsn: str | None = None, asiel: bool = True
    ) -> ScenarioResultaat:
        """A new inburgeringsplichtige in the gemeente: SS139 for an asielmigrant, else SS101."""
        with self.state.lock:
            persoon = self.state.persoon(bsn) if bsn else None
            if persoon is None:
                persoon = self.state.persoon_toevoegen(
                    gemeente_oin=gemeente_oin, bsn=bsn, asiel=asiel, plicht_begindatum=self.state.vandaag()
                )
        return self._stuur(
            "nieuw-asiel" if asiel else "nieuw-regulier", persoon, "SS139" if asiel else "SS101", gemeente_oin
        )

    def examenresultaat_bekend(
        self, *, gemeente_oin: str, bsn: str | None = None, onderdeel: str | None = None, resultaat: str = "Geslaagd"
    ) -> ScenarioResultaat:
        """An exam result is known (SS199)."""
        with self.state.lock:
            persoon = self._persoon_voor(gemeente_oin=gemeente_oin, bsn=bsn)
            onderdeel = onderdeel or self.state.rng.choice(["KNM", "LE", "LU", "SC", "SP"])
            item: dict[str, object] = {
                "examendatum": (self.state.vandaag() - timedelta(days=7)).isoformat(),
                "resultaat": resultaat,
                "onderdeel": onderdeel,
            }
            if onderdeel != "KNM" and resultaat != "Geen":
                item["niveau"] = "B1"
            persoon.examenresultaten.append(item)
            persoon.gratis_pogingen[onderdeel] = max(0, persoon.gratis_pogingen.get(onderdeel, 0) - 1)
        return self._stuur("examen", persoon, "SS199", gemeente_oin)

    def termijn_verlengd(self, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """DUO extends the termijn ambtshalve by six months (SS103)."""
        with self.state.lock:
            persoon = self._persoon_voor(gemeente_oin=gemeente_oin, bsn=bsn)
            vandaag = self.state.vandaag()
            if persoon.termijn_start is None or persoon.termijn_eind is None:
                persoon.termijn_start = vandaag - relativedelta(years=1)
                persoon.termijn_eind = persoon.termijn_start + TERMIJN
            grond = next(g for g in self.state.verlengingsgronden if g["code"] == "AMB")
            persoon.termijn_historie.append(
                {"einddatum": persoon.termijn_eind.isoformat(), "wijzigingsdatum": vandaag.isoformat()}
            )
            persoon.termijn_eind = persoon.termijn_eind + VERLENGING
            persoon.termijn_wijzigingsdatum = vandaag
            persoon.verlengingsgrond = dict(grond)
        return self._stuur("verlengd", persoon, "SS103", gemeente_oin)

    def _plicht_beeindigen(self, persoon: Persoon, reden: str) -> None:
        vandaag = self.state.vandaag()
        persoon.plicht = False
        persoon.plicht_einddatum = vandaag
        persoon.plicht_reden = reden
        persoon.plicht_historie.append(
            {
                "indicatorInburgeringsplicht": False,
                "einddatum": vandaag.isoformat(),
                "wijzigingsdatum": vandaag.isoformat(),
            }
        )

    def diploma_behaald(self, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """All exam parts passed: the inburgeringsplicht is voldaan (SS106)."""
        with self.state.lock:
            persoon = self._persoon_voor(gemeente_oin=gemeente_oin, bsn=bsn)
            datum = (self.state.vandaag() - timedelta(days=7)).isoformat()
            for onderdeel in ("LE", "LU", "SC", "SP"):
                persoon.examenresultaten.append(
                    {"examendatum": datum, "resultaat": "Geslaagd", "onderdeel": onderdeel, "niveau": "B1"}
                )
            persoon.examenresultaten.append({"examendatum": datum, "resultaat": "Geslaagd", "onderdeel": "KNM"})
            self._plicht_beeindigen(persoon, "Inburgeringsplicht voldaan")
        return self._stuur("diploma", persoon, "SS106", gemeente_oin)

    def verhuisd_naar_gemeente(self, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """The person settles in ``gemeente_oin``: SS121 with a PIP of the previous gemeente, else SS120."""
        with self.state.lock:
            persoon = self.state.persoon(bsn) if bsn else None
            if persoon is None:
                elders = [p for p in self.state.personen.values() if p.gemeente_oin != gemeente_oin and p.plicht]
                if bsn is None and elders:
                    persoon = elders[-1]
                else:
                    ander = next(oin for oin in self.state.gemeenten if oin != gemeente_oin)
                    persoon = self.state.persoon_toevoegen(gemeente_oin=ander, bsn=bsn)
            gemeente = self.state.gemeente(gemeente_oin)
            nieuw_adres = brp.brp_persoon_make(self.state.rng, bsn=persoon.bsn, gemeente=gemeente.naam)
            persoon.brp.straat, persoon.brp.huisnummer = nieuw_adres.straat, nieuw_adres.huisnummer
            persoon.brp.postcode, persoon.brp.woonplaats = nieuw_adres.postcode, nieuw_adres.woonplaats
            persoon.brp.gemeentecode = gemeente.code
            persoon.gemeente_oin = gemeente_oin
            persoon.vestigingsdatum = self.state.vandaag()
            persoon.brp.datum_inschrijving_gemeente = persoon.vestigingsdatum
            gebeurtenis = "SS121" if persoon.pips else "SS120"
        return self._stuur("verhuisd", persoon, gebeurtenis, gemeente_oin)

    def tijdelijke_vrijstelling(self, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """A tijdelijke vrijstelling is granted; the plicht is suspended (SS109)."""
        with self.state.lock:
            persoon = self._persoon_voor(gemeente_oin=gemeente_oin, bsn=bsn)
            vandaag = self.state.vandaag()
            persoon.vrijstellingen.append(
                {"TijdelijkeVrijstelling": {"oordeel": "Toekenning", "reden": "INS",
                                            "datumOordeel": vandaag.isoformat(), "startdatum": vandaag.isoformat(),
                                            "einddatum": (vandaag + relativedelta(months=6)).isoformat()}}
            )  # fmt: skip
            self._plicht_beeindigen(persoon, "Tijdelijke vrijstelling")
        return self._stuur("tijdelijke-vrijstelling", persoon, "SS109", gemeente_oin)

    def overleden(self, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """The person died (SS111); the BRP fake no longer returns them."""
        with self.state.lock:
            persoon = self._persoon_voor(gemeente_oin=gemeente_oin, bsn=bsn)
            persoon.brp.overleden_op = self.state.vandaag()
            self._plicht_beeindigen(persoon, "Overlijden")
        return self._stuur("overleden", persoon, "SS111", gemeente_oin)

    def verzoek_afgewezen(self, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat:
        """The inburgeraar's verzoek om verlenging was refused (SS113); the termijn is unchanged."""
        with self.state.lock:
            persoon = self._persoon_voor(gemeente_oin=gemeente_oin, bsn=bsn)
        return self._stuur("verzoek-afgewezen", persoon, "SS113", gemeente_oin)
