"""The ontzorgingsbeschikking (Pw 56a) and the decisions that change it (Pw 57, or an earlier end)."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import changes_apply, month_label
from openinburgering.dossiers.models import Dossier
from openinburgering.letters.models import Document
from openinburgering.letters.services import document_store
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.kalender import month_last_day, month_of
from openinburgering.rules.ontzorgen import (
    ONTZORGEN_VERLENGINGSGRONDEN,
    OntzorgingAanvraag,
    gegevens_violations,
    ontzorgen_last_day,
    ontzorging_violations,
)
from openinburgering.rules.sepa import iban_compact

from ..betaalstand import betaalstand
from ..constants import OntzorgingStatus, VerlengingsGrondChoices, WijzigingSoort
from ..exceptions import raise_if_any
from ..letters import (
    beschikking_filename,
    beschikking_render,
    wijziging_filename,
    wijziging_onderwerp,
    wijziging_render,
)
from ..messages import violation_errors
from ..models import Ontzorging, OntzorgingWijziging
from ._common import _claim_actief, _day, _future_error, _record, _require_editor

# --- the beschikking -----------------------------------------------------------------------------


def ontzorging_create_errors(
    *,
    dossier: Dossier,
    startdatum: date | None,
    asielvergunning_bepaalde_tijd: bool,
    besluitdatum: date | None,
    machtiging_op: date | None = None,
    rekeninghouder: str = "",
    iban: str = "",
    today: date | None = None,
) -> list[DomainError]:
    """Every rule a new beschikking breaks (rules.ontzorgen.ontzorging_violations): Pw 56a(1) eligibility,
    one in force at a time, dates, account."""
    lopend = (
        dossier.ontzorgingen.filter(status=OntzorgingStatus.ACTIEF, einddatum__gte=startdatum).first()
        if startdatum is not None
        else None
    )
    aanvraag = OntzorgingAanvraag(
        dossier_open=dossier.is_open,
        asiel_doelgroep=dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER,
        asielvergunning_bepaalde_tijd=asielvergunning_bepaalde_tijd,
        plicht_einddatum=dossier.plicht_einddatum,
        startdatum=startdatum,
        besluitdatum=besluitdatum,
        today=today or timezone.localdate(),
        machtiging_op=machtiging_op,
        rekeninghouder=rekeninghouder.strip(),
        iban=iban_compact(iban),
        lopend=(lopend.startdatum, lopend.einddatum) if lopend is not None else None,
    )
    return violation_errors(ontzorging_violations(aanvraag))


@transaction.atomic
def ontzorging_create(
    *,
    dossier: Dossier,
    actor: User,
    startdatum: date,
    asielvergunning_bepaalde_tijd: bool,
    besluitdatum: date,
    machtiging_op: date | None = None,
    rekeninghouder: str = "",
    iban: str = "",
) -> Ontzorging:
    """The ontzorgingsbeschikking: from `startdatum` (the start of bijstand) for six months (Pw 56a(2)).

    An earlier ontzorging whose period is over is closed first (status beëindigd); one that still
    runs on `startdatum` is a refusal. The letter is rendered, stored and linked in this transaction.
    """
    _require_editor(actor, dossier)
    raise_if_any(
        ontzorging_create_errors(
            dossier=dossier,
            startdatum=startdatum,
            asielvergunning_bepaalde_tijd=asielvergunning_bepaalde_tijd,
            besluitdatum=besluitdatum,
            machtiging_op=machtiging_op,
            rekeninghouder=rekeninghouder,
            iban=iban,
        )
    )
    for verlopen in dossier.ontzorgingen.filter(status=OntzorgingStatus.ACTIEF, einddatum__lt=startdatum):
        if Ontzorging.objects.filter(pk=verlopen.pk, status=OntzorgingStatus.ACTIEF).update(
            status=OntzorgingStatus.BEEINDIGD
        ):
            _record(
                dossier,
                actor,
                "afgesloten",
                _("Ontzorging van %(start)s tot en met %(einde)s afgesloten: de periode is voorbij")
                % {"start": _day(verlopen.startdatum), "einde": _day(verlopen.einddatum)},
            )
    try:
        with transaction.atomic():
            ontzorging = Ontzorging.objects.create(
                dossier=dossier,
                startdatum=startdatum,
                einddatum=ontzorgen_last_day(startdatum),
                asielvergunning_bepaalde_tijd=asielvergunning_bepaalde_tijd,
                machtiging_op=machtiging_op,
                rekeninghouder=rekeninghouder.strip(),
                iban=iban_compact(iban),
                besluitdatum=besluitdatum,
                created_by=actor,
            )
    except IntegrityError:  # another request created one a moment ago (ontzorging_one_active)
        raise DomainError(_("Er is al een lopende ontzorging voor dit dossier."), code="active_exists") from None
    ontzorging = Ontzorging.objects.select_related("dossier", "dossier__inburgeraar", "dossier__gemeente").get(
        pk=ontzorging.pk
    )
    document = document_store(
        dossier=dossier,
        kind=Document.Kind.ONTZORGEN_BESCHIKKING,
        title=_("Beschikking financieel ontzorgen %(start)s tot en met %(einde)s")
        % {"start": _day(ontzorging.startdatum), "einde": _day(ontzorging.einddatum)},
        filename=beschikking_filename(ontzorging),
        content=beschikking_render(ontzorging),
        actor=actor,
    )
    Ontzorging.objects.filter(pk=ontzorging.pk).update(document=document)
    ontzorging.document = document
    _record(
        dossier,
        actor,
        "beschikking",
        _("Beschikking financieel ontzorgen: %(start)s tot en met %(einde)s (besluit van %(besluit)s)")
        % {
            "start": _day(ontzorging.startdatum),
            "einde": _day(ontzorging.einddatum),
            "besluit": _day(besluitdatum),
        },
    )
    return ontzorging


@transaction.atomic
def ontzorging_gegevens_update(
    *, ontzorging: Ontzorging, actor: User, machtiging_op: date | None, rekeninghouder: str, iban: str
) -> Ontzorging:
    """Record the signed machtiging and the person's own account (where the leefgeld goes)."""
    _require_editor(actor, ontzorging.dossier)
    locked = _claim_actief(ontzorging)
    errors = violation_errors(
        gegevens_violations(
            machtiging_op=machtiging_op,
            rekeninghouder=rekeninghouder.strip(),
            iban=iban_compact(iban),
            today=timezone.localdate(),
        )
    )
    raise_if_any(errors)
    values: dict[str, Any] = {
        "machtiging_op": machtiging_op,
        "rekeninghouder": rekeninghouder.strip(),
        "iban": iban_compact(iban),
    }
    changes = changes_apply(locked, values)
    if not changes:
        return locked
    locked.save(update_fields=[*(change["field"] for change in changes), "updated_at"])
    _record(locked.dossier, actor, "gegevens", _("Gegevens van de ontzorging gewijzigd"), changes)
    return locked


# --- changes to the beschikking ------------------------------------------------------------------


def _paid_after(ontzorging: Ontzorging, maand: date) -> date | None:
    """The last month after `maand` that has a payment (or a settlement) in a live run, if any."""
    return betaalstand().paid_after(ontzorging=ontzorging, maand=maand)


def ontzorging_change_errors(
    *,
    ontzorging: Ontzorging,
    soort: str,
    grond: str,
    reden: str,
    besluitdatum: date | None,
    nieuwe_einddatum: date | None,
    today: date | None = None,
) -> list[DomainError]:
    today = today or timezone.localdate()
    errors: list[DomainError] = []
    oude = ontzorging.einddatum
    if soort not in WijzigingSoort.values:
        return [DomainError(_("Kies het soort wijziging."), field="soort")]
    if not reden.strip():
        errors.append(DomainError(_("Schrijf de reden van de wijziging op; die staat in de brief."), field="reden"))
    if besluitdatum is None:
        errors.append(DomainError(_("Vul de datum van het besluit in."), field="besluitdatum"))
    errors += _future_error(besluitdatum, "besluitdatum", _("De datum van het besluit"), today)
    if soort in (WijzigingSoort.VERLENGING, WijzigingSoort.VERBREDING) and grond not in VerlengingsGrondChoices.values:
        errors.append(
            DomainError(
                _(
                    "Langer of meer ontzorgen kan alleen op een grond: een besluit op grond van artikel 57 van de "
                    "Participatiewet, of toestemming van de inburgeraar (%(bron)s)."
                )
                % {"bron": ONTZORGEN_VERLENGINGSGRONDEN.citation},
                field="grond",
            )
        )
    if soort == WijzigingSoort.VERLENGING:
        if nieuwe_einddatum is None:
            errors.append(DomainError(_("Vul de nieuwe einddatum in."), field="nieuwe_einddatum"))
        elif nieuwe_einddatum <= oude:
            errors.append(
                DomainError(
                    _(
                        "Bij een verlenging ligt de nieuwe einddatum na de huidige (%(einde)s). Eerder stoppen is "
                        "een beëindiging."
                    )
                    % {"einde": _day(oude)},
                    field="nieuwe_einddatum",
                )
            )
    elif soort == WijzigingSoort.VERBREDING:
        if nieuwe_einddatum is not None and nieuwe_einddatum < oude:
            errors.append(
                DomainError(
                    _(
                        "Een uitbreiding maakt de ontzorging niet korter: laat de einddatum leeg of kies een datum "
                        "op of na %(einde)s."
                    )
                    % {"einde": _day(oude)},
                    field="nieuwe_einddatum",
                )
            )
    elif nieuwe_einddatum is None:
        errors.append(DomainError(_("Vul de laatste dag van de ontzorging in."), field="nieuwe_einddatum"))
    elif nieuwe_einddatum >= oude:
        errors.append(
            DomainError(
                _("Bij een beëindiging ligt de laatste dag vóór de huidige einddatum (%(einde)s).")
                % {"einde": _day(oude)},
                field="nieuwe_einddatum",
            )
        )
    elif nieuwe_einddatum < ontzorging.startdatum:
        errors.append(
            DomainError(
                _("De laatste dag kan niet vóór het begin van de ontzorging (%(start)s) liggen.")
                % {"start": _day(ontzorging.startdatum)},
                field="nieuwe_einddatum",
            )
        )
    else:
        paid = _paid_after(ontzorging, month_of(nieuwe_einddatum))
        if paid is not None:
            errors.append(
                DomainError(
                    _(
                        "Voor %(maand)s is al betaald, of die betaling staat klaar in een betaalrun. De ontzorging "
                        "kan op zijn vroegst eindigen op %(datum)s."
                    )
                    % {"maand": month_label(paid), "datum": _day(month_last_day(paid))},
                    field="nieuwe_einddatum",
                    code="betaald",
                )
            )
    return errors


@transaction.atomic
def ontzorging_change(
    *,
    ontzorging: Ontzorging,
    actor: User,
    soort: str,
    grond: str,
    reden: str,
    besluitdatum: date,
    nieuwe_einddatum: date | None = None,
) -> OntzorgingWijziging:
    """A decision that changes the beschikking: its own row and letter; earlier decisions stay as they were.

    - verlenging: a later end, on a ground (Pw 57 decision or consent);
    - verbreding: fixed costs outside Pw 56a(2) may be paid from now on, on a ground; the end may move later;
    - beëindiging: an earlier end, e.g. the hand-over to self-payment; never before a month already in a
      live betaalrun. An end in the past closes the ontzorging at once; otherwise it runs to that day.
    """
    _require_editor(actor, ontzorging.dossier)
    locked = _claim_actief(ontzorging)
    today = timezone.localdate()
    raise_if_any(
        ontzorging_change_errors(
            ontzorging=locked,
            soort=soort,
            grond=grond,
            reden=reden,
            besluitdatum=besluitdatum,
            nieuwe_einddatum=nieuwe_einddatum,
            today=today,
        )
    )
    oude = locked.einddatum
    nieuwe = nieuwe_einddatum or oude
    is_einde = soort == WijzigingSoort.BEEINDIGING
    wijziging = OntzorgingWijziging.objects.create(
        ontzorging=locked,
        soort=soort,
        grond="" if is_einde else grond,
        reden=reden.strip(),
        besluitdatum=besluitdatum,
        oude_einddatum=oude,
        nieuwe_einddatum=nieuwe,
        created_by=actor,
    )
    values: dict[str, Any] = {"einddatum": nieuwe}
    if is_einde:
        values["beeindigd_op"] = nieuwe
        if nieuwe < today:
            values["status"] = OntzorgingStatus.BEEINDIGD
    Ontzorging.objects.filter(pk=locked.pk).update(**values)
    locked.refresh_from_db()
    wijziging.ontzorging = locked
    document = document_store(
        dossier=locked.dossier,
        kind=Document.Kind.ONTZORGEN_WIJZIGING,
        title=wijziging_onderwerp(soort),
        filename=wijziging_filename(wijziging),
        content=wijziging_render(wijziging),
        actor=actor,
    )
    OntzorgingWijziging.objects.filter(pk=wijziging.pk).update(document=document)
    wijziging.document = document
    summary = _("%(soort)s van de ontzorging: %(reden)s") % {
        "soort": wijziging.get_soort_display(),
        "reden": wijziging.reden,
    }
    changes = []
    if nieuwe != oude:
        changes.append({"field": "einddatum", "label": _("Einddatum"), "old": _day(oude), "new": _day(nieuwe)})
    _record(locked.dossier, actor, soort, summary, changes)
    return wijziging
