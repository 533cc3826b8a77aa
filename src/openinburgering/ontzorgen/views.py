"""The ontzorgen page of a dossier (the beschikking, its changes, the fixed costs with every version,
the letters) and the financieel medewerker's overview. Views parse, call one service and render;
every read goes through the scope (404 outside it). Klantregisseur and teamleider read; only a
financieel medewerker changes anything.

The fixed-cost forms post with htmx and get their section back (200, or 422 with the errors); without
htmx every form redirects back on success, or renders the whole page with its errors (422).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.paging import page_for_request
from openinburgering.core.timeline import month_label
from openinburgering.core.views import form_submit
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossier_get_for_user
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many
from openinburgering.rules.kalender import month_of, next_month
from openinburgering.rules.ontzorgen import ONTZORGEN_DUUR, ONTZORGEN_VASTE_LASTEN

from . import selectors, services
from .betaalstand import betaalstand
from .constants import ONTZORGEN_EDIT_ROLES, ONTZORGEN_VIEW_ROLES, OntzorgingStatus, VasteLastSoortChoices
from .exceptions import errors_of
from .forms import (
    GegevensForm,
    OntzorgingForm,
    OverzichtFilterForm,
    StopForm,
    VasteLastForm,
    VasteLastTermsForm,
    WijzigingForm,
)
from .letters import opsomming, wettekst
from .models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie

TEMPLATE = "ontzorgen/detail.html"
ErrorRows = list[tuple[str, str, str]]


def _log(request: AuthenticatedHttpRequest, dossier: Dossier, subject: str) -> None:
    logboek_record(
        actor=request.user,
        action=Action.VIEW,
        purpose=Purpose.ONTZORGEN,
        subject=subject,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )


def _anchor(form: forms.BaseForm, name: str) -> str:
    """Where the error summary links to: the input, or for radio buttons their fieldset (auto_id)."""
    field = form[name]
    return field.id_for_label or field.auto_id or ""


def _form_errors(form: forms.BaseForm) -> ErrorRows:
    """(field id, label, message) for every error of an invalid form, for the error summary."""
    rows: ErrorRows = []
    for name, problems in form.errors.items():
        for message in problems:
            if name in form.fields:
                rows.append((_anchor(form, name), str(form.fields[name].label), str(message)))
            else:
                rows.append(("", "", str(message)))
    return rows


def _attach(form: forms.BaseForm, error: DomainError) -> ErrorRows:
    """Put every problem a service reported at its field of the form; the rows for the error summary."""
    rows: ErrorRows = []
    for problem in errors_of(error):
        if problem.field and problem.field in form.fields:
            form.add_error(problem.field, problem.message)
            rows.append((_anchor(form, problem.field), str(form.fields[problem.field].label), problem.message))
        else:
            form.add_error(None, problem.message)
            rows.append(("", "", problem.message))
    return rows


def _change_prefix(vaste_last_id: int) -> str:
    return f"wijzig-{vaste_last_id}"


def _stop_prefix(vaste_last_id: int) -> str:
    return f"stop-{vaste_last_id}"


@dataclass
class VasteLastView:
    """One fixed cost on the page: every version (history), the one that applies now, its forms."""

    vaste_last: VasteLast
    versies: list[VasteLastVersie]
    huidige: VasteLastVersie | None
    laatst_betaald: date | None
    change_form: VasteLastTermsForm
    stop_form: StopForm

    @property
    def crediteur(self) -> str:
        versie = self.huidige or (self.versies[-1] if self.versies else None)
        return versie.crediteur if versie else ""

    @property
    def gestopt_na(self) -> date | None:
        last = self.versies[-1] if self.versies else None
        return last.tot_en_met_maand if last else None


def _vaste_lasten_views(
    ontzorging: Ontzorging, *, maand: date, bound: dict[str, forms.BaseForm]
) -> list[VasteLastView]:
    vaste_lasten = list(selectors.vaste_lasten_of(ontzorging=ontzorging))
    paid = betaalstand().last_paid_months(vaste_lasten=vaste_lasten)
    views = []
    for vaste_last in vaste_lasten:
        versies = list(vaste_last.versies.all())
        huidige = next((v for v in versies if v.covers(maand)), None)
        latest = versies[-1] if versies else None
        laatst_betaald = paid.get(vaste_last.pk)
        suggested = max(next_month(maand), next_month(laatst_betaald) if laatst_betaald else maand)
        initial: dict[str, Any] = {"van_maand": suggested}
        if latest is not None:
            initial |= {name: getattr(latest, name) for name in services.TERM_FIELDS if name != "tot_en_met_maand"}
        change_prefix, stop_prefix = _change_prefix(vaste_last.pk), _stop_prefix(vaste_last.pk)
        change_form = bound.get(change_prefix)
        if not isinstance(change_form, VasteLastTermsForm):
            change_form = VasteLastTermsForm(prefix=change_prefix, initial=initial)
        stop_form = bound.get(stop_prefix)
        if not isinstance(stop_form, StopForm):
            stop_form = StopForm(prefix=stop_prefix, initial={"laatste_maand": maand})
        views.append(VasteLastView(vaste_last, versies, huidige, laatst_betaald, change_form, stop_form))
    return views


def _page_context(
    request: AuthenticatedHttpRequest,
    dossier: Dossier,
    *,
    errors: ErrorRows | None = None,
    errors_section: str = "",
    bound: dict[str, forms.BaseForm] | None = None,
) -> dict[str, Any]:
    """Everything the page shows; `bound` replaces a form (by prefix) with its bound, invalid version."""
    bound = bound or {}
    today = timezone.localdate()
    ontzorgingen = list(selectors.ontzorgingen_of_dossier(dossier=dossier))
    current = next((o for o in ontzorgingen if o.status == OntzorgingStatus.ACTIEF), None) or (
        ontzorgingen[0] if ontzorgingen else None
    )
    can_edit = request.user.has_role(*ONTZORGEN_EDIT_ROLES)
    in_force = current is not None and current.is_actief
    loopt = in_force and current is not None and current.einddatum >= today
    maand = month_of(today)
    if current is not None:
        maand = min(max(maand, month_of(current.startdatum)), month_of(current.einddatum))
    vaste_lasten = _vaste_lasten_views(current, maand=maand, bound=bound) if current else []
    dagen = (current.einddatum - today).days if current is not None else None
    return {
        "dossier": dossier,
        "ontzorging": current,
        "eerdere": [o for o in ontzorgingen if o != current],
        "in_force": in_force,
        "loopt": loopt,
        "dagen_tot_einde": dagen,
        "afloop_signaal": loopt and dagen is not None and dagen <= selectors.AFLOOP_SIGNAAL_DAGEN,
        "wijzigingen": list(selectors.wijzigingen_of(ontzorging=current)) if current else [],
        "widening": current is not None and selectors.widening_granted(ontzorging=current),
        "vaste_lasten": vaste_lasten,
        "maand": maand,
        "maandtotaal": sum((v.huidige.bedrag for v in vaste_lasten if v.huidige), start=0),
        "documenten": list(selectors.ontzorgen_documenten(dossier=dossier)),
        "afrekeningen": list(selectors.afrekeningen_of_dossier(dossier=dossier)) if can_edit else [],
        "can_edit": can_edit,
        "can_create": can_edit and dossier.is_open and not loopt,
        "create_form": bound.get("nieuw") or OntzorgingForm(prefix="nieuw", initial={"besluitdatum": today}),
        "gegevens_form": bound.get("gegevens")
        or GegevensForm(
            prefix="gegevens",
            initial={
                "machtiging_op": current.machtiging_op,
                "rekeninghouder": current.rekeninghouder,
                "iban": current.iban,
            }
            if current
            else {},
        ),
        "wijziging_form": bound.get("wijziging") or WijzigingForm(prefix="wijziging", initial={"besluitdatum": today}),
        "vaste_last_form": bound.get("vaste-last") or VasteLastForm(prefix="vaste-last", initial={"van_maand": maand}),
        "errors": errors or [],
        "errors_section": errors_section,
        "duur_maanden": ONTZORGEN_DUUR.value.amount,
        "duur_wettekst": wettekst(ONTZORGEN_DUUR),
        "wettelijke_lasten": opsomming(
            [
                str(label).lower()
                for value, label in VasteLastSoortChoices.choices
                if value in ONTZORGEN_VASTE_LASTEN.value
            ],
            laatste=_("en"),
        ),
    }


def _detail_url(dossier: Dossier, anchor: str = "") -> str:
    url = reverse("ontzorgen:detail", args=[dossier.pk])
    return f"{url}#{anchor}" if anchor else url


def _page(request: AuthenticatedHttpRequest, dossier: Dossier, *, status: int = 200, **kwargs: Any) -> HttpResponse:
    return render(request, TEMPLATE, _page_context(request, dossier, **kwargs), status=status)


def _refused(
    request: AuthenticatedHttpRequest, dossier: Dossier, prefix: str, form: forms.BaseForm, error: DomainError | None
) -> HttpResponse:
    """The page again with this form's problems at its fields and in the summary at the top (422)."""
    rows = _attach(form, error) if error is not None else _form_errors(form)
    return _page(request, dossier, status=422, errors=rows, bound={prefix: form})


def _saved(request: AuthenticatedHttpRequest, dossier: Dossier, message: str) -> HttpResponse:
    """After a change to the beschikking: the message, and back to the beschikking on the page."""
    messages.success(request, message)
    return redirect(_detail_url(dossier, "beschikking"))


def _vaste_lasten_answer(
    request: AuthenticatedHttpRequest,
    dossier: Dossier,
    *,
    message: str = "",
    prefix: str = "",
    form: forms.BaseForm | None = None,
    error: DomainError | None = None,
) -> HttpResponse:
    """The fixed-costs section (htmx) or the page (without htmx): saved, or with the form's errors (422)."""
    if form is None:
        if not request.htmx:
            messages.success(request, message)
            return redirect(_detail_url(dossier, "vaste-lasten"))
        context = _page_context(request, dossier)
        context["saved_message"] = message
        return render(request, f"{TEMPLATE}#vaste_lasten", context)
    rows = _attach(form, error) if error is not None else _form_errors(form)
    context = _page_context(request, dossier, errors=rows, errors_section="vaste_lasten", bound={prefix: form})
    template = f"{TEMPLATE}#vaste_lasten" if request.htmx else TEMPLATE
    return render(request, template, context, status=422)


# --- the page ------------------------------------------------------------------------------------


@role_required(*ONTZORGEN_VIEW_ROLES)
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    _log(request, dossier, "ontzorgen")
    return _page(request, dossier)


# --- the beschikking and its changes -------------------------------------------------------------


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    form = OntzorgingForm(request.POST, prefix="nieuw")
    return form_submit(
        form,
        lambda data: services.ontzorging_create(dossier=dossier, actor=request.user, **data),
        done=lambda result: _saved(
            request, dossier, _("De beschikking is vastgelegd; de brief staat bij de documenten.")
        ),
        refused=lambda error: _refused(request, dossier, "nieuw", form, error),
    )


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def gegevens(request: AuthenticatedHttpRequest, pk: int, ontzorging: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    item = selectors.ontzorging_get_for_user(user=request.user, dossier=dossier, pk=ontzorging)
    form = GegevensForm(request.POST, prefix="gegevens")
    return form_submit(
        form,
        lambda data: services.ontzorging_gegevens_update(ontzorging=item, actor=request.user, **data),
        done=lambda result: _saved(request, dossier, _("De machtiging en de rekening zijn opgeslagen.")),
        refused=lambda error: _refused(request, dossier, "gegevens", form, error),
    )


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def wijzigen(request: AuthenticatedHttpRequest, pk: int, ontzorging: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    item = selectors.ontzorging_get_for_user(user=request.user, dossier=dossier, pk=ontzorging)
    form = WijzigingForm(request.POST, prefix="wijziging")

    def done(wijziging: OntzorgingWijziging) -> HttpResponse:
        message = _("%(soort)s vastgelegd; de brief staat bij de documenten.") % {
            "soort": wijziging.get_soort_display()
        }
        return _saved(request, dossier, message)

    return form_submit(
        form,
        lambda data: services.ontzorging_change(ontzorging=item, actor=request.user, **data),
        done=done,
        refused=lambda error: _refused(request, dossier, "wijziging", form, error),
    )


# --- fixed costs ---------------------------------------------------------------------------------


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def vaste_last_add(request: AuthenticatedHttpRequest, pk: int, ontzorging: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    item = selectors.ontzorging_get_for_user(user=request.user, dossier=dossier, pk=ontzorging)
    form = VasteLastForm(request.POST, prefix="vaste-last")

    def done(vaste_last: VasteLast) -> HttpResponse:
        message = _("%(soort)s is toegevoegd.") % {"soort": vaste_last.get_soort_display()}
        return _vaste_lasten_answer(request, dossier, message=message + _nabetaling_notice(vaste_last))

    return form_submit(
        form,
        lambda data: services.vaste_last_add(ontzorging=item, actor=request.user, **data),
        done=done,
        refused=lambda error: _vaste_lasten_answer(request, dossier, prefix="vaste-last", form=form, error=error),
    )


def _nabetaling_notice(vaste_last: VasteLast) -> str:
    """What happens to months already settled without this fixed cost: they are paid later, as nabetaling."""
    months = selectors.nabetaling_months(vaste_last=vaste_last)
    if not months:
        return ""
    return " " + _(
        "%(maanden)s is al afgerekend in een betaalrun, zonder deze vaste last. Dat bedrag wordt nabetaald (en van "
        "de bijstand afgehouden) in de eerste betaalrun die wordt gemaakt nadat het betaalbestand van die maand is "
        "geëxporteerd. Staat die betaalrun nog in concept? Herbereken hem dan, zodat de maand zelf het betaalt."
    ) % {"maanden": ", ".join(month_label(m) for m in months).capitalize()}


def _vaste_last_post(
    request: AuthenticatedHttpRequest,
    pk: int,
    vaste_last: int,
    *,
    form_class: type[forms.Form],
    prefix_for: Callable[[int], str],
    service: Callable[..., object],
    message: str,
) -> HttpResponse:
    """Change or stop one fixed cost: the form, the service, and the fixed-costs section as the answer."""
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    item = selectors.vaste_last_get_for_user(user=request.user, dossier=dossier, pk=vaste_last)
    prefix = prefix_for(item.pk)
    form = form_class(request.POST, prefix=prefix)

    def done(result: object) -> HttpResponse:
        notice = _nabetaling_notice(item) if service is services.vaste_last_change else ""
        return _vaste_lasten_answer(request, dossier, message=message % {"soort": item.get_soort_display()} + notice)

    return form_submit(
        form,
        lambda data: service(vaste_last=item, actor=request.user, **data),
        done=done,
        refused=lambda error: _vaste_lasten_answer(request, dossier, prefix=prefix, form=form, error=error),
    )


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def vaste_last_change(request: AuthenticatedHttpRequest, pk: int, vaste_last: int) -> HttpResponse:
    return _vaste_last_post(
        request,
        pk,
        vaste_last,
        form_class=VasteLastTermsForm,
        prefix_for=_change_prefix,
        service=services.vaste_last_change,
        message=_("%(soort)s is gewijzigd; de vorige versie blijft bewaard."),
    )


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def vaste_last_stop(request: AuthenticatedHttpRequest, pk: int, vaste_last: int) -> HttpResponse:
    return _vaste_last_post(
        request,
        pk,
        vaste_last,
        form_class=StopForm,
        prefix_for=_stop_prefix,
        service=services.vaste_last_stop,
        message=_("%(soort)s stopt."),
    )


# --- the overview --------------------------------------------------------------------------------


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_GET
def overzicht(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ontzorgingen in the user's scope, the nearest end first; the filter "loopt af binnen N dagen" is
    the end-date alert (default AFLOOP_SIGNAAL_DAGEN on its link)."""
    form = OverzichtFilterForm(request.GET)
    status, binnen = selectors.OverzichtStatus.ACTIEF, None
    if form.is_valid():
        status = form.cleaned_data["status"] or status
        binnen = form.cleaned_data["binnen_dagen"]
    queryset = selectors.ontzorgingen_overzicht_for_user(user=request.user, status=status, binnen_dagen=binnen)
    page = page_for_request(request, queryset)
    regels = selectors.overzicht_regels(list(page.object_list))
    logboek_record_many(
        actor=request.user,
        action=Action.LIST,
        purpose=Purpose.ONTZORGEN,
        subject="ontzorgen-overzicht",
        subjects=[
            Subject(inburgeraar_id=r.ontzorging.dossier.inburgeraar_id, dossier_id=r.ontzorging.dossier_id)
            for r in regels
        ],
    )
    context = {
        "form": form,
        "status": status,
        "binnen_dagen": binnen,
        "page": page,
        "regels": regels,
        "signaal_dagen": selectors.AFLOOP_SIGNAAL_DAGEN,
    }
    return render(request, "ontzorgen/overzicht.html", context)
