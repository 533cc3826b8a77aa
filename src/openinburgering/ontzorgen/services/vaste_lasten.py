"""Fixed costs as versions over whole months: add, change from a month on, stop. History stays."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.bedragen import BEDRAG_MAX
from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import changes_between, month_label
from openinburgering.rules.kalender import month_of, next_month, previous_month
from openinburgering.rules.ontzorgen import (
    VasteLastTermen,
    vaste_last_buiten_56a,
    vaste_last_violations,
)
from openinburgering.rules.sepa import (
    bic_compact,
    iban_compact,
)

from ..betaalstand import betaalstand
from ..constants import ANDERE_REKENING_LABEL, KenmerkSoort, OntzorgingStatus
from ..exceptions import OntzorgenRefused, raise_if_any
from ..messages import violation_errors
from ..models import Ontzorging, VasteLast, VasteLastVersie
from ..selectors import paid_months, widening_granted
from ._common import _claim_actief, _euro, _lock_vaste_last, _record, _require_editor

# What a version of a fixed cost records; vaste_last_change compares these for the timeline.
TERM_FIELDS = ("tot_en_met_maand", "crediteur", "iban", "bic", "kenmerk_soort", "kenmerk", "bedrag")
MAX_BEDRAG = BEDRAG_MAX  # what VasteLastVersie.bedrag (11 digits, 2 decimals) can hold

# --- fixed costs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """The normalised terms of one version: months as their first day, IBAN and BIC compact."""

    van_maand: date | None
    tot_en_met_maand: date | None
    crediteur: str
    iban: str
    bic: str
    kenmerk_soort: str
    kenmerk: str
    bedrag: Decimal | None

    @classmethod
    def of(
        cls,
        *,
        van_maand: date | None,
        tot_en_met_maand: date | None,
        crediteur: str,
        iban: str,
        bic: str,
        kenmerk_soort: str,
        kenmerk: str,
        bedrag: Decimal | None,
    ) -> "Terms":
        kenmerk = kenmerk.strip()
        if kenmerk_soort == KenmerkSoort.GESTRUCTUREERD:
            kenmerk = "".join(kenmerk.split())
        return cls(
            van_maand=month_of(van_maand) if van_maand else None,
            tot_en_met_maand=month_of(tot_en_met_maand) if tot_en_met_maand else None,
            crediteur=" ".join(crediteur.split()),
            iban=iban_compact(iban),
            bic=bic_compact(bic),
            kenmerk_soort=kenmerk_soort,
            kenmerk=kenmerk,
            bedrag=bedrag,
        )

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ("van_maand", *TERM_FIELDS)}


def vaste_last_terms_errors(*, ontzorging: Ontzorging, soort: str, terms: Terms) -> list[DomainError]:
    """Every rule the terms of a version break (rules.ontzorgen.vaste_last_violations): the kind, the
    period, the account, the reference, the amount."""
    termen = VasteLastTermen(soort=soort, **{name: getattr(terms, name) for name in ("van_maand", *TERM_FIELDS)})
    uitbreiding = vaste_last_buiten_56a(soort) and widening_granted(ontzorging=ontzorging)
    return violation_errors(
        vaste_last_violations(
            termen,
            ontzorging_start=ontzorging.startdatum,
            ontzorging_einde=ontzorging.einddatum,
            uitbreiding=uitbreiding,
        )
    )


def _versie_summary(soort_label: str, versie: VasteLastVersie) -> str:
    periode = (
        _("%(van)s tot en met %(tot)s")
        % {"van": month_label(versie.van_maand), "tot": month_label(versie.tot_en_met_maand)}
        if versie.tot_en_met_maand
        else _("vanaf %(van)s") % {"van": month_label(versie.van_maand)}
    )
    return _("%(soort)s aan %(crediteur)s, %(bedrag)s per maand, %(periode)s") % {
        "soort": soort_label,
        "crediteur": versie.crediteur,
        "bedrag": _euro(versie.bedrag),
        "periode": periode,
    }


# --- the same bill twice -------------------------------------------------------------------------


def _same_bill(*, actor: User, terms: Terms, own: VasteLast | None) -> VasteLastVersie | None:
    """Another fixed cost that pays the same bill: the same creditor IBAN, kenmerk and amount in a month
    both cover, of a running ontzorging in the actor's gemeenten (whoever's it is: a household's rent
    entered for two people is paid twice just the same). None when there is none, or the terms are
    incomplete (their own errors say so)."""
    if terms.van_maand is None or terms.bedrag is None or not terms.iban or not terms.kenmerk:
        return None
    candidates = VasteLastVersie.objects.filter(
        iban=terms.iban,
        kenmerk__iexact=terms.kenmerk,
        bedrag=terms.bedrag,
        vaste_last__ontzorging__status=OntzorgingStatus.ACTIEF,
        vaste_last__ontzorging__dossier__gemeente_id__in=actor.scope.gemeente_ids,
    ).filter(Q(tot_en_met_maand__isnull=True) | Q(tot_en_met_maand__gte=terms.van_maand))
    if terms.tot_en_met_maand is not None:
        candidates = candidates.filter(van_maand__lte=terms.tot_en_met_maand)
    if own is not None:
        candidates = candidates.exclude(vaste_last=own)
    return (
        candidates.select_related("vaste_last__ontzorging__dossier__inburgeraar")
        .order_by("vaste_last_id", "van_maand")
        .first()
    )


def _same_bill_error(existing: VasteLastVersie, ontzorging: Ontzorging) -> DomainError:
    vaste_last = existing.vaste_last
    other = vaste_last.ontzorging
    bij = (
        ""
        if other.pk == ontzorging.pk
        else _(" bij %(naam)s (dossier %(kenmerk)s)")
        % {"naam": other.dossier.inburgeraar, "kenmerk": other.dossier.kenmerk}
    )
    return DomainError(
        _(
            "Deze rekening wordt al betaald: %(wat)s, IBAN %(iban)s, kenmerk %(kenmerk)s%(bij)s. Dezelfde crediteur, "
            "hetzelfde kenmerk en bedrag in dezelfde maanden zou de rekening twee keer betalen. Is het echt een "
            "andere rekening? Vink dan ‘%(bevestig)s’ aan."
        )
        % {
            "wat": _versie_summary(vaste_last.get_soort_display(), existing),
            "iban": existing.iban,
            "kenmerk": existing.kenmerk,
            "bij": bij,
            "bevestig": ANDERE_REKENING_LABEL,
        },
        field="andere_rekening",
        code="dubbele_rekening",
    )


def _confirmation(actor: User, existing: VasteLastVersie) -> dict[str, Any]:
    return {
        "andere_rekening_bevestigd_door": actor,
        "andere_rekening_bevestigd_op": timezone.now(),
        "lijkt_op": existing.vaste_last,
    }


def _confirmation_change(actor: User, existing: VasteLastVersie) -> dict[str, str]:
    """The timeline's record of the confirmation: who confirmed that this is another bill than which."""
    return {
        "field": "andere_rekening",
        "label": str(ANDERE_REKENING_LABEL),
        "old": "—",
        "new": _("bevestigd door %(wie)s; lijkt op %(wat)s")
        % {
            "wie": actor.get_full_name() or actor.get_username(),
            "wat": _versie_summary(existing.vaste_last.get_soort_display(), existing),
        },
    }


@transaction.atomic
def vaste_last_add(
    *,
    ontzorging: Ontzorging,
    actor: User,
    soort: str,
    van_maand: date | None,
    tot_en_met_maand: date | None,
    crediteur: str,
    iban: str,
    bic: str,
    kenmerk_soort: str,
    kenmerk: str,
    bedrag: Decimal | None,
    andere_rekening: bool = False,
) -> VasteLast:
    """A new fixed cost with its first version. Months are whole months (any day stands for its month);
    tot_en_met_maand None: as long as the ontzorging runs.

    Refused when another fixed cost already pays the same bill (the same IBAN, kenmerk and amount in an
    overlapping month), naming it; unless `andere_rekening`: the user confirms it is a different bill,
    which the version records (who, when, which obligation it resembles) and the timeline shows."""
    _require_editor(actor, ontzorging.dossier)
    locked = _claim_actief(ontzorging)
    terms = Terms.of(
        van_maand=van_maand,
        tot_en_met_maand=tot_en_met_maand,
        crediteur=crediteur,
        iban=iban,
        bic=bic,
        kenmerk_soort=kenmerk_soort,
        kenmerk=kenmerk,
        bedrag=bedrag,
    )
    errors = vaste_last_terms_errors(ontzorging=locked, soort=soort, terms=terms)
    existing = None if errors else _same_bill(actor=actor, terms=terms, own=None)
    if existing is not None and not andere_rekening:
        errors.append(_same_bill_error(existing, locked))
    raise_if_any(errors)
    confirmed = _confirmation(actor, existing) if existing is not None else {}
    vaste_last = VasteLast.objects.create(ontzorging=locked, soort=soort, created_by=actor)
    versie = VasteLastVersie.objects.create(vaste_last=vaste_last, created_by=actor, **terms.values(), **confirmed)
    _record(
        locked.dossier,
        actor,
        "vaste_last",
        _("Vaste last toegevoegd: %(wat)s") % {"wat": _versie_summary(vaste_last.get_soort_display(), versie)},
        [_confirmation_change(actor, existing)] if existing is not None else None,
    )
    return vaste_last


def _paid_error(vaste_last: VasteLast, maand: date, *, field: str) -> DomainError | None:
    """An error when `maand` or a later month of this fixed cost is in a live betaalrun."""
    paid = [m for m in paid_months(vaste_last=vaste_last) if m >= maand]
    if not paid:
        return None
    last = paid[-1]
    return DomainError(
        _("Deze maand is al betaald: %(maand)s staat in een betaalrun. Een wijziging kan ingaan vanaf %(volgende)s.")
        % {"maand": month_label(last), "volgende": month_label(next_month(last))},
        field=field,
        code="betaald",
    )


def _term_changes(old: VasteLastVersie, terms: Terms) -> list[dict[str, str]]:
    return changes_between(
        VasteLastVersie,
        {name: getattr(old, name) for name in TERM_FIELDS},
        {name: getattr(terms, name) for name in TERM_FIELDS},
        money={"bedrag"},
        months={"van_maand", "tot_en_met_maand"},
    )


@transaction.atomic
def vaste_last_change(
    *,
    vaste_last: VasteLast,
    actor: User,
    van_maand: date | None,
    tot_en_met_maand: date | None,
    crediteur: str,
    iban: str,
    bic: str,
    kenmerk_soort: str,
    kenmerk: str,
    bedrag: Decimal | None,
    andere_rekening: bool = False,
) -> VasteLastVersie:
    """New terms from `van_maand` on: a new version. The version that runs into that month now ends the
    month before (it stays, with its end month). A month in a live betaalrun is never changed, nor is a
    version that applies to it.

    A version that starts in the same month and was never in any betaalrun is corrected instead (the
    timeline shows old → new): it never took effect, so no history is lost.
    """
    _require_editor(actor, vaste_last.ontzorging.dossier)
    ontzorging = _claim_actief(vaste_last.ontzorging)
    locked = _lock_vaste_last(vaste_last)
    terms = Terms.of(
        van_maand=van_maand,
        tot_en_met_maand=tot_en_met_maand,
        crediteur=crediteur,
        iban=iban,
        bic=bic,
        kenmerk_soort=kenmerk_soort,
        kenmerk=kenmerk,
        bedrag=bedrag,
    )
    errors = vaste_last_terms_errors(ontzorging=ontzorging, soort=locked.soort, terms=terms)
    versies = list(locked.versies.order_by("van_maand"))
    same: VasteLastVersie | None = None
    if terms.van_maand is not None:
        van = terms.van_maand
        paid = _paid_error(locked, van, field="van_maand")
        if paid is not None:
            errors.append(paid)
        same = next((v for v in versies if v.van_maand == van), None)
        if paid is None and same is not None and betaalstand().versie_in_run(versie=same):
            errors.append(
                DomainError(
                    _("Vanaf %(maand)s geldt al een versie die in een betaalrun zit. Kies een latere maand.")
                    % {"maand": month_label(van)},
                    field="van_maand",
                    code="overlap",
                )
            )
        later = [v for v in versies if v.van_maand > van]
        if later and (terms.tot_en_met_maand is None or terms.tot_en_met_maand >= later[0].van_maand):
            errors.append(
                DomainError(
                    _(
                        "Deze periode overlapt met de versie vanaf %(maand)s. Kies een laatste maand vóór "
                        "%(maand)s, of wijzig vanaf een latere maand."
                    )
                    % {"maand": month_label(later[0].van_maand)},
                    field="tot_en_met_maand",
                    code="overlap",
                )
            )
    existing = None if errors else _same_bill(actor=actor, terms=terms, own=locked)
    if existing is not None and not andere_rekening:
        errors.append(_same_bill_error(existing, ontzorging))
    raise_if_any(errors)
    van = cast(date, terms.van_maand)  # vaste_last_terms_errors refuses None
    soort_label = locked.get_soort_display()
    confirmed = _confirmation(actor, existing) if existing is not None else {}
    confirmed_changes = [_confirmation_change(actor, existing)] if existing is not None else []

    if same is not None:
        corrections = _term_changes(same, terms) + confirmed_changes
        for name in TERM_FIELDS:
            setattr(same, name, getattr(terms, name))
        for name, value in confirmed.items():
            setattr(same, name, value)
        same.save(update_fields=[*TERM_FIELDS, *confirmed])
        _record(
            ontzorging.dossier,
            actor,
            "vaste_last",
            _("Vaste last %(soort)s vanaf %(maand)s gecorrigeerd (nog niet betaald)")
            % {"soort": soort_label, "maand": month_label(van)},
            corrections,
        )
        return same

    earlier = [v for v in versies if v.van_maand < van]
    previous = earlier[-1] if earlier else None
    changes: list[dict[str, str]] = []
    if previous is not None and (previous.tot_en_met_maand is None or previous.tot_en_met_maand >= van):
        # The version that ran into this month now ends the month before; it stays, as it was paid.
        VasteLastVersie.objects.filter(pk=previous.pk).update(tot_en_met_maand=previous_month(van))
        changes = [c for c in _term_changes(previous, terms) if c["field"] != "tot_en_met_maand"]
    versie = VasteLastVersie.objects.create(vaste_last=locked, created_by=actor, **terms.values(), **confirmed)
    _record(
        ontzorging.dossier,
        actor,
        "vaste_last",
        _("Vaste last gewijzigd vanaf %(maand)s: %(wat)s")
        % {"maand": month_label(van), "wat": _versie_summary(soort_label, versie)},
        changes + confirmed_changes,
    )
    return versie


@transaction.atomic
def vaste_last_stop(*, vaste_last: VasteLast, actor: User, laatste_maand: date | None) -> VasteLastVersie:
    """Stop paying this fixed cost after `laatste_maand` (e.g. the person moved, or pays it himself now)."""
    _require_editor(actor, vaste_last.ontzorging.dossier)
    ontzorging = _claim_actief(vaste_last.ontzorging)
    locked = _lock_vaste_last(vaste_last)
    if laatste_maand is None:
        raise OntzorgenRefused([DomainError(_("Vul de laatste maand in."), field="laatste_maand")])
    laatste = month_of(laatste_maand)
    versies = list(locked.versies.order_by("van_maand"))
    errors: list[DomainError] = []
    covering = next((v for v in reversed(versies) if v.van_maand <= laatste), None)
    later = [v for v in versies if v.van_maand > laatste]
    if covering is None:
        errors.append(
            DomainError(
                _("De laatste maand ligt vóór de eerste maand van deze vaste last (%(maand)s).")
                % {"maand": month_label(versies[0].van_maand) if versies else "—"},
                field="laatste_maand",
            )
        )
    elif later:
        errors.append(
            DomainError(
                _(
                    "Vanaf %(maand)s geldt al een nieuwe versie van deze vaste last. Stop de vaste last op of na "
                    "die maand."
                )
                % {"maand": month_label(later[0].van_maand)},
                field="laatste_maand",
                code="overlap",
            )
        )
    elif covering.tot_en_met_maand is not None and covering.tot_en_met_maand <= laatste:
        errors.append(
            DomainError(
                _("Deze vaste last loopt al tot en met %(maand)s.") % {"maand": month_label(covering.tot_en_met_maand)},
                field="laatste_maand",
            )
        )
    paid = _paid_error(locked, next_month(laatste), field="laatste_maand")
    if paid is not None:
        errors.append(paid)
    if errors or covering is None:
        raise OntzorgenRefused(errors)
    old_end = covering.tot_en_met_maand
    VasteLastVersie.objects.filter(pk=covering.pk).update(tot_en_met_maand=laatste)
    covering.tot_en_met_maand = laatste
    _record(
        ontzorging.dossier,
        actor,
        "vaste_last",
        _("Vaste last %(soort)s aan %(crediteur)s stopt na %(maand)s")
        % {"soort": locked.get_soort_display(), "crediteur": covering.crediteur, "maand": month_label(laatste)},
        [
            {
                "field": "tot_en_met_maand",
                "label": _("Tot en met maand"),
                "old": month_label(old_end) if old_end else _("zolang de ontzorging loopt"),
                "new": month_label(laatste),
            }
        ],
    )
    return covering
