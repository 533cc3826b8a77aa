"""Processing DUO's notificaties (issue 5, part 2): what each gebeurtenis does to our dossiers.

A notificatie only announces that something changed at DUO; what changed is fetched from DUO's APIs. So
the processing always brings the dossier to **DUO's current state**, whatever the order in which the
notificaties arrive, and doing it twice changes nothing the second time:

* every known gebeurtenis (except the requests of SS113–SS119, which only become a task) first fetches the
  Inburgeringsplicht and the Doelgroep. Plicht and no open dossier → open one (name, birth date and
  address from the BRP); plicht and an open dossier → update its doelgroep and dates; no plicht (voldaan,
  vrijstelling, ontheffing, ingetrokken, overleden) and an open dossier → close it with DUO's reason and
  einddatum. A tijdelijke vrijstelling keeps the dossier open and becomes a task.
* then what the gebeurtenis announces (``rules.duo``, the column "Relevante API's"): the
  Inburgeringstermijn (onto the dossier; the deadline engine uses DUO's term from then on), the
  leerbaarheidstoets (onto the intake), exam results, vrijstellingen, ontheffingen — each stored as
  ``DuoStand`` and shown on the dossier page.
* SS139 starts the ten weeks for the PIP: without a BRP date of inschrijving, DUO's registration moment
  is taken as the start.

Notificaties are processed oldest registration at DUO first (``registratieDatumTijd``), one at a time per
person: while an earlier one of the same BSN waits for a retry, the later ones wait too. A temporary fault
(DUO or the BRP down, slow, 5xx, our certificate refused) retries with the outbox's backoff; anything
else marks the notificatie ``fout`` with a task for the functioneel beheerder, who can retry it from
the beheer page. Each notificatie is processed in one transaction: a failure leaves nothing half-done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import httpx
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.brp.client import BrpFout, BrpPersoon, brp_configured, brp_persoon
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.constants import CLOSING_REASONS, Geslacht, Status
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import (
    dossier_duo_termijn_update,
    dossier_koppeling_record,
    dossier_transition,
    dossier_update_plicht,
    inburgeraar_register,
)
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.rules.duo import DuoApi as A
from openinburgering.rules.duo import Gebeurtenis, GebeurtenisSoort, gebeurtenis_get
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from .clients import (
    DuoClientConfig,
    DuoClients,
    DuoFoutmeldingen,
    DuoNietGeauthenticeerd,
    DuoNietGevonden,
    DuoTijdelijkeFout,
)
from .constants import NotificatieStatus
from .models import DuoStand, DuoStandSoort, Notificatie
from .oins import ClientsPerOin
from .outbox import TASKS, backoff, config_from_settings

logger = logging.getLogger(__name__)

SYSTEEM_GEBRUIKER = "duo-koppeling"
VESTIGING = frozenset({"SS120", "SS121"})  # "Wijziging van gemeente": settled in the gemeente DUO notifies
S = GebeurtenisSoort


class _Opnieuw(Exception):
    """A temporary fault: try this notificatie again later."""


@dataclass
class Verwerkt:
    """What one run of ``notificaties_process`` did."""

    verwerkt: int = 0
    geen_actie: int = 0
    opnieuw: int = 0
    fout: int = 0
    geblokkeerd: int = 0
    details: list[str] = field(default_factory=list)


@dataclass
class _Uitkomst:
    status: NotificatieStatus
    resultaat: str
    dossier: Dossier | None = None


# --- the run ---------------------------------------------------------------------------------------


def _earlier_waiting(notificatie: Notificatie) -> bool:
    """Is an earlier notificatie (by DUO's registration) of the same person still waiting to be processed?"""
    if not notificatie.bsn:
        return False
    return (
        Notificatie.objects.filter(bsn=notificatie.bsn, status=NotificatieStatus.ONTVANGEN)
        .filter(
            Q(registratie_datum_tijd__lt=notificatie.registratie_datum_tijd)
            | Q(registratie_datum_tijd=notificatie.registratie_datum_tijd, id__lt=notificatie.pk)
        )
        .exists()
    )


def _due(now: datetime) -> QuerySet[Notificatie]:
    return (
        Notificatie.objects.filter(status=NotificatieStatus.ONTVANGEN)
        .filter(Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now))
        .order_by("registratie_datum_tijd", "id")
    )


def notificaties_process(
    *,
    config: DuoClientConfig | None = None,
    transport: httpx.BaseTransport | None = None,
    limit: int = 200,
    brp: Callable[[str], BrpPersoon | None] | None = None,
) -> Verwerkt:
    """Process the notificaties that are due, oldest registration at DUO first. Safe to run in parallel.

    ``config`` defaults to the DUO_* settings (nothing is processed without DUO_BASE_URL: the notificaties
    wait); ``brp`` to the BRP client when BRP_BASE_URL is set, else no BRP.
    """
    uitkomst = Verwerkt()
    config = config or config_from_settings()
    if config is None:
        return uitkomst
    if brp is None:
        brp = brp_persoon if brp_configured() else _geen_brp
    clients = ClientsPerOin(config, transport=transport)

    try:
        now = timezone.now()
        for pk in list(_due(now).values_list("pk", flat=True)[:limit]):
            _verwerk_een(pk, clients, brp, uitkomst)
    finally:
        clients.close()
    return uitkomst


def _geen_brp(bsn: str) -> BrpPersoon | None:
    return None


def _lock(pk: int) -> Notificatie | None:
    queryset = Notificatie.objects.filter(pk=pk, status=NotificatieStatus.ONTVANGEN)
    if connection.vendor == "postgresql":
        queryset = queryset.select_for_update(skip_locked=True)
    return queryset.first()


def _verwerk_een(
    pk: int, clients: Callable[[str], DuoClients], brp: Callable[[str], BrpPersoon | None], uitkomst: Verwerkt
) -> None:
    try:
        with transaction.atomic():
            notificatie = _lock(pk)
            if notificatie is None:
                return  # another worker has it, or it is done
            if _earlier_waiting(notificatie):  # checked now: earlier ones of this run are done by now
                uitkomst.geblokkeerd += 1
                return
            gebeurtenis = gebeurtenis_get(notificatie.gebeurtenis_id)
            if gebeurtenis is None:  # stored as unknown at receipt; never processed
                return
            resultaat = _Verwerking(notificatie, gebeurtenis, clients(notificatie.doel), brp).run()
            notificatie.status = resultaat.status
            notificatie.resultaat = resultaat.resultaat[:300]
            notificatie.dossier = resultaat.dossier
            notificatie.verwerkt_at = timezone.now()
            notificatie.pogingen += 1
            notificatie.volgende_poging_op = None
            notificatie.fout = ""
            notificatie.save()
            if resultaat.dossier is not None:
                logboek_record(
                    actor=None,
                    action=Action.CREATE,
                    purpose=Purpose.KOPPELING,
                    subject=f"DUO-notificatie {notificatie.gebeurtenis_id} verwerkt",
                    inburgeraar_id=resultaat.dossier.inburgeraar_id,
                    dossier_id=resultaat.dossier.pk,
                )
    except _Opnieuw as exc:
        _later(pk, str(exc), uitkomst)
        return
    except Exception as exc:
        logger.exception("DUO-notificatie %s not processed", pk)
        _fout(pk, f"{exc.__class__.__name__}: {exc}", uitkomst)
        return
    if resultaat.status == NotificatieStatus.VERWERKT:
        uitkomst.verwerkt += 1
    else:
        uitkomst.geen_actie += 1
    uitkomst.details.append(f"{notificatie.gebeurtenis_id} {notificatie.bericht_id}: {resultaat.resultaat}")


@transaction.atomic
def _later(pk: int, fout: str, uitkomst: Verwerkt) -> None:
    notificatie = Notificatie.objects.select_for_update().get(pk=pk)
    notificatie.pogingen += 1
    notificatie.volgende_poging_op = timezone.now() + backoff(notificatie.pogingen)
    notificatie.fout = fout[:1000]
    notificatie.save(update_fields=["pogingen", "volgende_poging_op", "fout"])
    uitkomst.opnieuw += 1
    uitkomst.details.append(f"{notificatie.gebeurtenis_id} {notificatie.bericht_id}: later opnieuw ({fout})")


@transaction.atomic
def _fout(pk: int, fout: str, uitkomst: Verwerkt) -> None:
    notificatie = Notificatie.objects.select_for_update().get(pk=pk)
    notificatie.pogingen += 1
    notificatie.status = NotificatieStatus.FOUT
    notificatie.fout = fout[:1000]
    notificatie.volgende_poging_op = None
    notificatie.save(update_fields=["pogingen", "status", "fout", "volgende_poging_op"])
    gemeente = _gemeenten_van_oin(notificatie.doel).first() or Gemeente.objects.order_by("pk").first()
    if gemeente is not None:
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=gemeente.pk,
                    soort=TaakSoort.DUO_NOTIFICATIE_FOUT,
                    rol=Role.FUNCTIONEEL_BEHEERDER,
                    titel=_("Notificatie %(code)s van DUO niet verwerkt") % {"code": notificatie.gebeurtenis_id},
                    toelichting=_("Bericht %(id)s: %(fout)s. Verwerk het opnieuw op de beheerpagina DUO.")
                    % {"id": notificatie.bericht_id, "fout": fout[:300]},
                    sleutel=f"duo-notificatie-fout-{notificatie.bericht_id}",
                )
            ]
        )
    uitkomst.fout += 1
    uitkomst.details.append(f"{notificatie.gebeurtenis_id} {notificatie.bericht_id}: fout ({fout})")


@transaction.atomic
def notificatie_retry(*, notificatie: Notificatie, actor: User) -> Notificatie:
    """Beheer: process a notificatie that failed once more (after the cause was fixed)."""
    if not actor.has_role(Role.FUNCTIONEEL_BEHEERDER):
        raise DomainError(_("Alleen een functioneel beheerder kan een notificatie opnieuw laten verwerken."))
    updated = Notificatie.objects.filter(pk=notificatie.pk, status=NotificatieStatus.FOUT).update(
        status=NotificatieStatus.ONTVANGEN, volgende_poging_op=None
    )
    if updated != 1:
        raise DomainError(_("Alleen een notificatie met een fout kan opnieuw worden verwerkt."), code="stale")
    logboek_record(
        actor=actor, action=Action.UPDATE, purpose=Purpose.KOPPELING, subject=f"DUO-notificatie {notificatie.pk}"
    )
    transaction.on_commit(enqueue_verwerking)
    notificatie.refresh_from_db()
    return notificatie


def enqueue_verwerking() -> None:
    """Ask the worker to process what is due, unless a request for that is already waiting: a burst of
    notificaties then adds one task, not one per notificatie."""
    notificaties_task = TASKS["notificaties_task"]
    if "django_tasks_db" in settings.INSTALLED_APPS and settings.TASKS["default"]["BACKEND"].startswith(
        "django_tasks_db"
    ):
        from openinburgering.core.compat import DBTaskResult, TaskResultStatus

        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=notificaties_task.module_path)
        if waiting.exists():
            return
    notificaties_task.enqueue()


# --- one notificatie -------------------------------------------------------------------------------


def _gemeenten_van_oin(oin: str) -> QuerySet[Gemeente]:
    """The gemeenten an OIN stands for: the gemeente with that OIN, or those of the uitvoeringsorganisatie."""
    eigen = Gemeente.objects.filter(oin=oin)
    if oin and eigen.exists():
        return eigen
    return Gemeente.objects.filter(uitvoeringsorganisatie__oin=oin).exclude(uitvoeringsorganisatie__oin="")


def systeem_gebruiker(gemeente: Gemeente) -> User:
    """The account the koppeling acts as: cannot log in, never listed, in scope of the gemeente it acts for."""
    user, _created = User.objects.get_or_create(
        username=SYSTEEM_GEBRUIKER, defaults={"first_name": "DUO-koppeling", "is_active": False}
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=Role.KLANTREGISSEUR)[0])
    if not user.gemeenten.filter(pk=gemeente.pk).exists():
        user.gemeenten.add(gemeente)
    return User.objects.get(pk=user.pk)  # fresh: roles and scope are cached per instance


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class _Verwerking:
    def __init__(
        self,
        notificatie: Notificatie,
        gebeurtenis: Gebeurtenis,
        clients: DuoClients,
        brp: Callable[[str], BrpPersoon | None],
    ) -> None:
        self.n = notificatie
        self.g = gebeurtenis
        self.clients = clients
        self.brp = brp
        self.bsn = notificatie.bsn
        self.gedaan: list[str] = []
        self.dossier: Dossier | None = None

    def run(self) -> _Uitkomst:
        if not self.bsn:
            return _Uitkomst(NotificatieStatus.GEEN_ACTIE, _("Notificatie zonder BSN"))
        self.dossier = (
            Dossier.objects.open().select_related("gemeente", "inburgeraar").filter(inburgeraar__bsn=self.bsn).first()
        )
        if self.g.soort == S.TAAK_KLANTREGISSEUR:
            return self._taak()
        try:
            plicht = self._fetch(
                DuoStandSoort.INBURGERINGSPLICHT, self.clients.inburgeringsplicht.get_inburgeringsplicht
            )
            doelgroep = self._fetch(DuoStandSoort.DOELGROEP, self.clients.inburgeringsplicht.get_doelgroep)
        except DuoNietGevonden:
            return self._niet_bij_duo()
        except DuoFoutmeldingen as exc:
            return _Uitkomst(
                NotificatieStatus.GEEN_ACTIE,
                _("DUO geeft geen gegevens: %(fout)s") % {"fout": "; ".join(exc.foutteksten) or exc},
                self.dossier,
            )
        if plicht.get("indicatorInburgeringsplicht"):
            uitkomst = self._plicht(plicht, doelgroep or {})
            if uitkomst is not None:
                return uitkomst
        else:
            uitkomst = self._geen_plicht(plicht)
            if uitkomst is not None:
                return uitkomst
        if self.dossier is not None:
            self._ophalen()
        status = NotificatieStatus.VERWERKT if self.gedaan else NotificatieStatus.GEEN_ACTIE
        return _Uitkomst(status, "; ".join(self.gedaan) or _("Dossier was al bij"), self.dossier)

    # fetching --------------------------------------------------------------------------------------

    def _fetch(self, soort: DuoStandSoort, get: Callable[..., Any]) -> Any:
        try:
            data = get(self.bsn)
        except (DuoTijdelijkeFout, DuoNietGeauthenticeerd) as exc:
            raise _Opnieuw(f"DUO: {exc}") from exc
        DuoStand.objects.update_or_create(
            bsn=self.bsn, soort=soort, defaults={"data": data, "opgehaald_op": timezone.now()}
        )
        return data

    def _fetch_optional(self, soort: DuoStandSoort, get: Callable[..., Any]) -> Any:
        """A resource DUO may not have yet (no termijn, no exam): None instead of an error."""
        try:
            return self._fetch(soort, get)
        except (DuoNietGevonden, DuoFoutmeldingen):
            return None

    # the plicht ------------------------------------------------------------------------------------

    def _plicht_values(self, plicht: dict[str, Any], doelgroep: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        indeling = doelgroep.get("indeling")
        if indeling in {d.value for d in Doelgroep}:
            values["doelgroep"] = indeling
            detail = doelgroep.get("gedetailleerdeDoelgroep")
            if detail in {d.value for d in GedetailleerdeDoelgroep}:
                values["gedetailleerde_doelgroep"] = detail
        if begin := _date(plicht.get("begindatum")):
            values["plicht_begindatum"] = begin
        if kennisgeving := _date(plicht.get("datumKennisgevingInburgeringsplicht")):
            values["datum_kennisgeving"] = kennisgeving
        return values

    def _plicht(self, plicht: dict[str, Any], doelgroep: dict[str, Any]) -> _Uitkomst | None:
        values = self._plicht_values(plicht, doelgroep)
        if self.dossier is None:
            return self._openen(values)
        dossier = self.dossier
        if self.g.code in VESTIGING:
            self._verhuisd(dossier)
        if self.g.soort == S.DOSSIER_OPENEN_PIP_TERMIJN and dossier.datum_brp_inschrijving is None:
            values["datum_brp_inschrijving"] = min(
                timezone.localdate(), timezone.localdate(self.n.registratie_datum_tijd)
            )
        changed = {k: v for k, v in values.items() if getattr(dossier, k) != v}
        if changed:
            actor = systeem_gebruiker(dossier.gemeente)
            try:
                self.dossier = dossier_update_plicht(dossier=dossier, actor=actor, plicht=changed)
            except DomainError as exc:
                self._taak_klantregisseur(
                    _("Gegevens van DUO passen niet in het dossier"),
                    _("DUO meldt %(wat)s; het dossier kon niet worden bijgewerkt: %(fout)s")
                    % {"wat": self.g.omschrijving, "fout": exc.message},
                )
                self.gedaan.append(_("taak: gegevens handmatig bijwerken"))
                return None
            self.gedaan.append(_("dossier bijgewerkt"))
        return None

    def _openen(self, values: dict[str, Any]) -> _Uitkomst:
        if "doelgroep" not in values or "plicht_begindatum" not in values:
            raise ValueError("DUO gaf geen doelgroep of begindatum van de inburgeringsplicht")
        try:
            persoon = self.brp(self.bsn)
        except BrpFout as exc:
            raise _Opnieuw(str(exc)) from exc
        gemeente = self._gemeente(persoon)
        if gemeente is None:
            raise ValueError(f"geen gemeente bij OIN {self.n.doel}")
        if persoon is None or persoon.geboortedatum is None or not persoon.geslachtsnaam:
            taken_raise(
                [
                    NieuweTaak(
                        gemeente_id=gemeente.pk,
                        soort=TaakSoort.DUO_AANMELDEN,
                        rol=Role.KLANTREGISSEUR,
                        titel=_("Nieuwe inburgeringsplichtige met BSN %(bsn)s: meld aan") % {"bsn": self.bsn},
                        toelichting=_(
                            "DUO meldt: %(wat)s De persoon is niet (volledig) gevonden in de BRP; meld de persoon "
                            "aan met de gegevens uit de BRP of het paspoort."
                        )
                        % {"wat": self.g.omschrijving},
                        sleutel=f"duo-aanmelden-{self.bsn}",
                    )
                ]
            )
            return _Uitkomst(NotificatieStatus.VERWERKT, _("Niet in de BRP gevonden: taak om aan te melden"))
        if self.g.soort == S.DOSSIER_OPENEN_PIP_TERMIJN or values["doelgroep"] == Doelgroep.ASIELSTATUSHOUDER:
            inschrijving = persoon.datum_inschrijving_gemeente
            if inschrijving is None and self.g.soort == S.DOSSIER_OPENEN_PIP_TERMIJN:
                inschrijving = min(timezone.localdate(), timezone.localdate(self.n.registratie_datum_tijd))
            if inschrijving is not None:
                values["datum_brp_inschrijving"] = inschrijving
        person = {
            "voornamen": persoon.voornamen,
            "voorvoegsel": persoon.voorvoegsel,
            "geslachtsnaam": persoon.geslachtsnaam,
            "geboortedatum": persoon.geboortedatum,
            "geslacht": persoon.geslacht if persoon.geslacht in Geslacht.values else Geslacht.ONBEKEND,
            "straat": persoon.straat,
            "huisnummer": persoon.huisnummer,
            "postcode": persoon.postcode,
            "woonplaats": persoon.woonplaats,
        }
        if self.n.v_nummer is not None:
            person["vnummer"] = str(self.n.v_nummer)
        actor = systeem_gebruiker(gemeente)
        try:
            with transaction.atomic():
                self.dossier = inburgeraar_register(
                    actor=actor, gemeente=gemeente, bsn=self.bsn, person=person, plicht=values
                )
        except DomainError as exc:
            raise ValueError(f"dossier niet te openen: {exc.message}") from exc
        _event(self.dossier, "duo_aangemeld", _("Aangemeld door DUO: %(wat)s") % {"wat": self.g.omschrijving})
        self.gedaan.append(_("dossier geopend in %(gemeente)s") % {"gemeente": gemeente.naam})
        self._ophalen()
        return _Uitkomst(NotificatieStatus.VERWERKT, "; ".join(self.gedaan), self.dossier)

    def _verhuisd(self, dossier: Dossier) -> None:
        """SS120/SS121 about a person whose open dossier is in another of our gemeenten: the person moved
        within the region. The dossier is handed over by a person (warm overdracht), not by the koppeling."""
        gemeenten = _gemeenten_van_oin(self.n.doel)
        if not gemeenten.exclude(pk=dossier.gemeente_id).exists():
            return
        if gemeenten.count() > 1:
            try:
                persoon = self.brp(self.bsn)
            except BrpFout as exc:
                raise _Opnieuw(str(exc)) from exc
            nieuw = self._gemeente(persoon)
        else:
            nieuw = gemeenten.first()
        if nieuw is None or nieuw.pk == dossier.gemeente_id:
            return
        self._taak_klantregisseur(
            _("Verhuisd naar %(gemeente)s: draag het dossier over") % {"gemeente": nieuw.naam},
            _("DUO meldt: %(wat)s De persoon woont nu in %(gemeente)s; dit dossier staat nog in %(oud)s.")
            % {"wat": self.g.omschrijving, "gemeente": nieuw.naam, "oud": dossier.gemeente.naam},
        )
        _event(dossier, "duo_verhuisd", _("DUO: gevestigd in %(gemeente)s") % {"gemeente": nieuw.naam})
        self.gedaan.append(_("taak: dossier overdragen aan %(gemeente)s") % {"gemeente": nieuw.naam})

    def _gemeente(self, persoon: BrpPersoon | None) -> Gemeente | None:
        gemeenten = list(_gemeenten_van_oin(self.n.doel).order_by("pk"))
        if len(gemeenten) > 1 and persoon is not None and persoon.gemeentecode:
            for gemeente in gemeenten:
                if gemeente.code == persoon.gemeentecode:
                    return gemeente
        return gemeenten[0] if gemeenten else None

    def _geen_plicht(self, plicht: dict[str, Any]) -> _Uitkomst | None:
        reden = plicht.get("redenGeenInburgeringsplicht") or ""
        if self.dossier is None:
            return _Uitkomst(
                NotificatieStatus.GEEN_ACTIE,
                _("Geen inburgeringsplicht bij DUO (%(reden)s) en geen open dossier") % {"reden": reden or "-"},
            )
        if reden == RedenGeenInburgeringsplicht.TIJDELIJKE_VRIJSTELLING or self.g.soort == S.PLICHT_OPSCHORTEN:
            self._taak_klantregisseur(
                _("Tijdelijke vrijstelling toegekend door DUO"),
                _(
                    "De inburgeringsplicht is opgeschort (%(reden)s). Het dossier blijft open; spreek af wat er "
                    "in de tussentijd gebeurt."
                )
                % {"reden": reden or self.g.omschrijving},
            )
            _event(self.dossier, "duo_opgeschort", _("DUO: tijdelijke vrijstelling toegekend"))
            self.gedaan.append(_("taak: tijdelijke vrijstelling"))
            self._ophalen()
            return _Uitkomst(NotificatieStatus.VERWERKT, "; ".join(self.gedaan), self.dossier)
        dossier = self.dossier
        to = next((status for status, redenen in CLOSING_REASONS.items() if reden in redenen), Status.BEEINDIGD)
        if reden not in CLOSING_REASONS[to]:
            reden = RedenGeenInburgeringsplicht.OVERIG
        einddatum = _date(plicht.get("einddatum")) or timezone.localdate(self.n.registratie_datum_tijd)
        einddatum = max(einddatum, dossier.plicht_begindatum)
        self._ophalen()  # the last word of DUO (exam results, vrijstelling) goes with the closed dossier
        self.dossier = dossier_transition(
            dossier=dossier,
            actor=systeem_gebruiker(dossier.gemeente),
            to=to,
            reden=reden,
            einddatum=einddatum,
            toelichting=_("gemeld door DUO: %(wat)s") % {"wat": self.g.omschrijving},
        )
        self.gedaan.append(_("dossier gesloten: %(reden)s") % {"reden": reden})
        return _Uitkomst(NotificatieStatus.VERWERKT, "; ".join(self.gedaan), self.dossier)

    def _niet_bij_duo(self) -> _Uitkomst:
        return _Uitkomst(NotificatieStatus.GEEN_ACTIE, _("DUO kent deze persoon niet (meer)"), self.dossier)

    # what the gebeurtenis announces ------------------------------------------------------------------

    def _ophalen(self) -> None:
        apis = self.g.apis
        if A.INBURGERINGSTERMIJN in apis:
            self._termijn()
        if A.LEERBAARHEIDSTOETS in apis:
            self._lbt()
        if A.EXAMEN in apis and self.g.soort == S.EXAMENRESULTATEN_OPHALEN:
            resultaten = self._fetch_optional(DuoStandSoort.EXAMEN, self.clients.examen.get_resultaten) or []
            self._event_once(
                "duo_examen",
                _("Examenresultaten van DUO: %(n)s onderdelen bekend") % {"n": len(resultaten)},
            )
            self.gedaan.append(_("examenresultaten opgehaald"))
        if A.VRIJSTELLING in apis:
            self._fetch_optional(DuoStandSoort.VRIJSTELLING, self.clients.vrijstelling.get_vrijstellingen)
        if A.ONTHEFFING in apis:
            self._fetch_optional(DuoStandSoort.ONTHEFFING, self.clients.ontheffing.get_ontheffingen)

    def _termijn(self) -> None:
        assert self.dossier is not None
        termijn = self._fetch_optional(
            DuoStandSoort.INBURGERINGSTERMIJN, self.clients.inburgeringstermijn.get_inburgeringstermijn
        )
        if not termijn:
            return
        start, einde = _date(termijn.get("startdatum")), _date(termijn.get("einddatum"))
        grond = str(termijn.get("verlengingsgrondomschrijving") or termijn.get("verlengingsgrondcode") or "")[:200]
        dossier = dossier_duo_termijn_update(dossier=self.dossier, start=start, einde=einde, verlengingsgrond=grond)
        if dossier is None:
            return
        self.dossier = dossier
        self.gedaan.append(_("inburgeringstermijn bijgewerkt"))

    def _lbt(self) -> None:
        from openinburgering.intake.duo import lbt_from_duo

        assert self.dossier is not None
        api = self.clients.leerbaarheidstoets
        try:
            examennummer = api.get_examennummer(self.bsn).get("examennummer")
        except (DuoNietGevonden, DuoFoutmeldingen):
            examennummer = None
        except (DuoTijdelijkeFout, DuoNietGeauthenticeerd) as exc:
            raise _Opnieuw(f"DUO: {exc}") from exc
        resultaten = self._fetch_optional(DuoStandSoort.LEERBAARHEIDSTOETS, api.get_resultaten) or []
        if lbt_from_duo(
            dossier=self.dossier,
            examennummer=examennummer,
            resultaten=resultaten,
            aangemeld_op=timezone.localtime(self.n.registratie_datum_tijd).date(),
        ):
            _event(self.dossier, "duo_lbt", _("Leerbaarheidstoets bijgewerkt met de gegevens van DUO"))
            self.gedaan.append(_("leerbaarheidstoets bijgewerkt"))

    # tasks -----------------------------------------------------------------------------------------

    def _taak(self) -> _Uitkomst:
        if self.dossier is None:
            return _Uitkomst(NotificatieStatus.GEEN_ACTIE, _("Geen open dossier voor deze persoon"))
        self._taak_klantregisseur(
            _("DUO: %(wat)s") % {"wat": self.g.omschrijving},
            _("DUO meldde op %(op)s: %(wat)s (%(code)s). Bekijk het besluit in het portaal van DUO.")
            % {
                "op": timezone.localtime(self.n.registratie_datum_tijd).date(),
                "wat": self.g.omschrijving,
                "code": self.g.code,
            },
        )
        _event(self.dossier, "duo_signaal", _("DUO: %(wat)s") % {"wat": self.g.omschrijving})
        return _Uitkomst(NotificatieStatus.VERWERKT, _("taak voor de klantregisseur"), self.dossier)

    def _taak_klantregisseur(self, titel: str, toelichting: str) -> None:
        assert self.dossier is not None
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=self.dossier.gemeente_id,
                    dossier_id=self.dossier.pk,
                    soort=TaakSoort.DUO_SIGNAAL,
                    rol=Role.KLANTREGISSEUR,
                    titel=titel[:200],
                    toelichting=toelichting,
                    sleutel=f"duo-notificatie-{self.n.bericht_id}",
                )
            ]
        )

    def _event_once(self, action: str, summary: str) -> None:
        assert self.dossier is not None
        dossier_koppeling_record(dossier=self.dossier, bron="DUO", action=action, summary=summary, once=True)


def _event(dossier: Dossier, action: str, summary: str) -> None:
    """A line on the dossier's timeline by the koppeling, and the processing log (dossiers.services)."""
    dossier_koppeling_record(dossier=dossier, bron="DUO", action=action, summary=summary)


__all__ = ["Verwerkt", "notificatie_retry", "notificaties_process"]
