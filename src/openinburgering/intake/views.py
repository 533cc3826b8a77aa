"""The brede intake page: every section saves on its own through htmx, so partial work is kept.

A mutating view answers an htmx request with the re-rendered fragment (status 200, form errors
included, STYLE.md §4) and the intake's status panel out of band; without htmx it redirects
back to the page, or renders the whole page with the form's errors (422).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, DOSSIER_ROLES
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import form_error_list
from openinburgering.core.views import form_submit
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossier_get_for_user
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.rules.intake import (
    BOETE_BREDE_INTAKE,
    BREDE_INTAKE_ONDERDELEN,
    GEZONDHEID_AANDACHTSPUNTEN,
    LBT_VRIJSTELLINGSGRONDEN,
    OPROEP_OVERTREDINGEN,
    WAARSCHUWING_OPROEP,
    Aandachtspunt,
    OproepUitkomst,
)
from openinburgering.rules.termijnen import BOETE_NIEUWE_TERMIJN_MAX, BREDE_INTAKE_OPROEPEN, OPROEP_TERMIJN

from . import selectors, services
from .constants import GEZONDHEID_ROLES, ONDERDEEL_LABELS, AandachtspuntChoices
from .forms import (
    SECTIONS,
    SECTIONS_BY_KEY,
    AandachtspuntenForm,
    AfrondenForm,
    GezondheidForm,
    IntakeSectionForm,
    LbtAanvraagForm,
    LbtResultaatForm,
    LbtVrijstellingForm,
    OproepForm,
    Section,
    UitkomstForm,
    VerzettenForm,
    section_form,
)
from .models import BredeIntake, IntakeGezondheid

TEMPLATE = "intake/detail.html"


def _log(request: AuthenticatedHttpRequest, dossier: Dossier, subject: str, action: Action = Action.VIEW) -> None:
    logboek_record(
        actor=request.user,
        action=action,
        purpose=Purpose.REGIE,
        subject=subject,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )


@dataclass
class SectionView:
    """One section on the page: its form (or its values, read-only), and whether it is recorded."""

    section: Section
    form: IntakeSectionForm
    rows: list[tuple[str, str]]
    ingevuld: bool | None  # None for sections that are not statutory
    saved: bool = False


def _value(intake: BredeIntake, name: str) -> str:
    value = getattr(intake, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    display = getattr(intake, f"get_{name}_display", None)
    return str(display()) if display else str(localize(value))  # 12,50 uur, as Dutch readers expect


def _section_views(intake: BredeIntake, *, bound: dict[str, IntakeSectionForm], saved: str = "") -> list[SectionView]:
    views = []
    for section in SECTIONS:
        form = bound.get(section.key) or section_form(section, instance=intake)
        rows = [(str(form.fields[name].label), _value(intake, name)) for name in section.fields]
        ingevuld = intake.onderdeel_ingevuld(section.onderdeel) if section.onderdeel else None
        views.append(SectionView(section, form, rows, ingevuld, saved=section.key == saved))
    return views


def _context(request: AuthenticatedHttpRequest, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    """Everything the page shows; `extra` replaces a form with its bound (invalid) version."""
    user = request.user
    intake = selectors.brede_intake_for(dossier=dossier)
    lbt = selectors.lbt_for(dossier=dossier)
    stand = selectors.oproep_stand(dossier=dossier, intake=intake)
    may_edit = user.has_role(*DOSSIER_EDIT_ROLES) and dossier.is_open
    can_edit = may_edit and intake is not None and not intake.is_afgerond
    health = selectors.can_see_health(user)
    context: dict[str, Any] = {
        "dossier": dossier,
        "intake": intake,
        "lbt": lbt,
        "stand": stand,
        "may_edit": may_edit,
        "can_edit": can_edit,
        "can_see_health": health,
        "young_children": selectors.young_children(dossier=dossier),
        # Legal numbers come from the rules, never from the template.
        "rules": {"oproepen": BREDE_INTAKE_OPROEPEN, "waarschuwing": WAARSCHUWING_OPROEP, "boete": BOETE_BREDE_INTAKE},
        "overtreding_uitkomsten": sorted(OPROEP_OVERTREDINGEN.value),
        "onderdelen_grondslag": [BREDE_INTAKE_ONDERDELEN],
        "oproep_grondslag": [
            BREDE_INTAKE_OPROEPEN,
            OPROEP_TERMIJN,
            WAARSCHUWING_OPROEP,
            OPROEP_OVERTREDINGEN,
            BOETE_BREDE_INTAKE,
            BOETE_NIEUWE_TERMIJN_MAX,
        ],
        "lbt_grondslag": [LBT_VRIJSTELLINGSGRONDEN],
        "vve_leeftijd": selectors.VVE_LEEFTIJD,
        "oproep_form": OproepForm(dossier=dossier) if may_edit and stand.can_send else None,
        "uitkomst_form": (
            UitkomstForm(oproep=stand.awaiting_uitkomst) if may_edit and stand.awaiting_uitkomst else None
        ),
        "verzetten_form": (
            VerzettenForm(oproep=stand.latest)
            if can_edit and stand.latest and stand.latest.uitkomst in ("", OproepUitkomst.AFGEMELD_MET_REDEN)
            else None
        ),
    }
    if intake is not None:
        ingevuld = intake.onderdelen_ingevuld
        punten = selectors.aandachtspunten_for(intake=intake, user=user)
        context.update(
            {
                "sections": _section_views(intake, bound=extra.pop("bound_sections", {}), saved=extra.pop("saved", "")),
                "progress": {
                    "done": len(ingevuld),
                    "total": len(BREDE_INTAKE_ONDERDELEN.value),
                    "missing": [ONDERDEEL_LABELS[o] for o in intake.onderdelen_ontbrekend],
                },
                "aandachtspunten": [
                    AandachtspuntChoices(p).label for p in punten if p not in GEZONDHEID_AANDACHTSPUNTEN
                ],
                "aandachtspunten_form": AandachtspuntenForm(
                    initial={"aandachtspunten": [p.value for p in punten if p not in GEZONDHEID_AANDACHTSPUNTEN]}
                ),
                "afronden_form": AfrondenForm(intake=intake) if can_edit else None,
            }
        )
    if may_edit:
        done = lbt is not None and lbt.is_afgehandeld
        context["lbt_aanvraag_form"] = LbtAanvraagForm(dossier=dossier) if not done else None
        context["lbt_resultaat_form"] = (
            LbtResultaatForm(dossier=dossier, initial={"examennummer": lbt.examennummer if lbt else ""})
            if not (lbt and lbt.vrijgesteld)
            else None
        )
        context["lbt_vrijstelling_form"] = (
            LbtVrijstellingForm(dossier=dossier) if health and not (lbt and lbt.is_afgehandeld) else None
        )
    if intake is not None and can_edit and stand.can_complete_without_cooperation:
        context["zonder_medewerking_form"] = AfrondenForm(intake=intake, initial={"zonder_medewerking": True})
    section_key = extra.pop("section_key", None)
    context.update(extra)
    if section_key is not None:
        context["section"] = next(view for view in context["sections"] if view.section.key == section_key)
    return context


def _shows_special(context: dict[str, Any]) -> bool:
    """The page shows the ground of an LBT exemption (an impairment: health data) to this user."""
    lbt = context["lbt"]
    return bool(context["can_see_health"] and lbt is not None and lbt.vrijgesteld)


def _render_parts(
    request: AuthenticatedHttpRequest, context: dict[str, Any], parts: list[str], *, status: int = 200
) -> HttpResponse:
    """The first part replaces the target; the others (with hx-swap-oob) replace themselves."""
    html = "".join(
        render_to_string(f"{TEMPLATE}#{part}", {**context, "oob": index > 0}, request=request)
        for index, part in enumerate(parts)
    )
    return HttpResponse(html, status=status)


def _respond(
    request: AuthenticatedHttpRequest,
    dossier: Dossier,
    part: str,
    *,
    ok: bool,
    form: Any = None,
    **extra: Any,
) -> HttpResponse:
    """After a change: the changed part and the status panel (htmx), or the page (without htmx)."""
    if not request.htmx and ok:
        anchor = {"section": f"onderdeel-{extra.get('section_key')}", "status": "intake-status"}.get(part, part)
        return redirect(f"{reverse('intake:detail', args=[dossier.pk])}#{anchor}")
    if not ok and form is not None:
        extra.update(error_part=part, errors=form_error_list(form))
    context = _context(request, dossier, **extra)
    if not request.htmx:
        if _shows_special(context):
            _log(request, dossier, "leerbaarheidstoets-vrijstelling", Action.VIEW_SPECIAL)
        return render(request, TEMPLATE, context, status=422)
    return _render_parts(request, context, [part] if part == "status" else [part, "status"])


def _refused(
    request: AuthenticatedHttpRequest, dossier: Dossier, part: str, form: Any, **extra: Any
) -> Callable[[DomainError | None], HttpResponse]:
    """The answer to a refused form (core.views.form_submit): a service's problem at its field, then the
    part with the form's errors."""

    def answer(error: DomainError | None) -> HttpResponse:
        if error is not None:
            form.add_domain_error(error.field, error.message)
        return _respond(request, dossier, part, ok=False, form=form, **extra)

    return answer


def _intake_or_404(dossier: Dossier) -> BredeIntake:
    intake = selectors.brede_intake_for(dossier=dossier)
    if intake is None:
        raise Http404("Brede intake niet gevonden")
    return intake


# --- the page --------------------------------------------------------------------------------


@role_required(*DOSSIER_ROLES)
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    context = _context(request, dossier)
    _log(request, dossier, "brede-intake")
    if _shows_special(context):
        _log(request, dossier, "leerbaarheidstoets-vrijstelling", Action.VIEW_SPECIAL)
    return render(request, TEMPLATE, context)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    try:
        services.brede_intake_start(dossier=dossier, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    if request.htmx:
        return HttpResponseClientRefresh()
    return redirect("intake:detail", pk=dossier.pk)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def section(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    spec = SECTIONS_BY_KEY.get(key)
    if spec is None:
        raise Http404("Onderdeel niet gevonden")
    intake = _intake_or_404(dossier)
    form = section_form(spec, request.POST, instance=selectors.brede_intake_for(dossier=dossier))
    return form_submit(
        form,
        lambda data: services.brede_intake_update(
            intake=intake, actor=request.user, values={name: data[name] for name in spec.fields}
        ),
        done=lambda result: _respond(request, dossier, "section", ok=True, saved=spec.key, section_key=spec.key),
        refused=_refused(request, dossier, "section", form, bound_sections={spec.key: form}, section_key=spec.key),
    )


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def aandachtspunten(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    intake = _intake_or_404(dossier)
    form = AandachtspuntenForm(request.POST)
    return form_submit(
        form,
        lambda data: services.aandachtspunten_update(
            intake=intake, actor=request.user, aandachtspunten=data["aandachtspunten"]
        ),
        done=lambda result: _respond(request, dossier, "aandachtspunten", ok=True, aandachtspunten_saved=True),
        refused=_refused(request, dossier, "aandachtspunten", form, aandachtspunten_form=form),
    )


# --- health (special category data) ----------------------------------------------------------


@role_required(*GEZONDHEID_ROLES)
@require_http_methods(["GET", "POST"])
def gezondheid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The health section: only GEZONDHEID_ROLES (403 for others), every view and change logged as special."""
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    intake = _intake_or_404(dossier)
    record = selectors.gezondheid_for(intake=intake, user=request.user)
    can_edit = request.user.has_role(*DOSSIER_EDIT_ROLES) and dossier.is_open and not intake.is_afgerond

    def health_punten() -> list[str]:
        return [p for p in intake.aandachtspunten if Aandachtspunt(p) in GEZONDHEID_AANDACHTSPUNTEN]

    def page(
        form: GezondheidForm, record: IntakeGezondheid | None, *, saved: bool = False, status: int = 200
    ) -> HttpResponse:
        context = {
            "dossier": dossier,
            "intake": intake,
            "gezondheid": record,
            "gezondheid_form": form,
            "gezondheid_punten": [AandachtspuntChoices(p).label for p in health_punten()],
            "can_edit": can_edit,
            "saved": saved,
            "errors": form_error_list(form) if form.is_bound else [],
        }
        template = "intake/gezondheid.html#gezondheid" if request.htmx else "intake/gezondheid.html"
        return render(request, template, context, status=status)

    if request.method != "POST":
        _log(request, dossier, "brede-intake-gezondheid", Action.VIEW_SPECIAL)
        return page(GezondheidForm(instance=record, initial={"aandachtspunten": health_punten()}), record)
    if not can_edit:
        raise PermissionDenied
    form = GezondheidForm(request.POST, instance=record or IntakeGezondheid(brede_intake=intake))

    def done(saved_record: IntakeGezondheid) -> HttpResponse:
        if not request.htmx:
            return redirect(f"{reverse('intake:detail', args=[dossier.pk])}#gezondheid")
        intake.refresh_from_db()
        fresh = GezondheidForm(instance=saved_record, initial={"aandachtspunten": health_punten()})
        return page(fresh, saved_record, saved=True)

    def refused(error: DomainError | None) -> HttpResponse:
        if error is not None:
            form.add_domain_error(error.field, error.message)
        return page(form, record, status=200 if request.htmx else 422)

    return form_submit(
        form,
        lambda data: services.gezondheid_update(
            intake=intake,
            actor=request.user,
            values={name: data[name] for name in IntakeGezondheid.TEXT_FIELDS},
            aandachtspunten=data["aandachtspunten"],
        ),
        done=done,
        refused=refused,
    )


# --- summonses -------------------------------------------------------------------------------


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def oproep_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    first = selectors.brede_intake_for(dossier=dossier) is None
    form = OproepForm(request.POST, dossier=dossier)

    def done(result: object) -> HttpResponse:
        if first and request.htmx:  # the intake started with it: the whole page changes
            return HttpResponseClientRefresh()
        return _respond(request, dossier, "oproepen", ok=True, oproep_saved=True)

    return form_submit(
        form,
        lambda data: services.oproep_send(dossier=dossier, actor=request.user, **data),
        done=done,
        refused=_refused(request, dossier, "oproepen", form, oproep_form=form),
    )


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def oproep_uitkomst(request: AuthenticatedHttpRequest, pk: int, oproep: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    summons = selectors.oproep_get(dossier=dossier, pk=oproep)
    form = UitkomstForm(request.POST, oproep=summons)
    return form_submit(
        form,
        lambda data: services.oproep_record_uitkomst(
            oproep=summons,
            actor=request.user,
            uitkomst=data["uitkomst"],
            uitkomst_op=data["uitkomst_op"],
            toelichting=data["uitkomst_toelichting"],
        ),
        done=lambda result: _respond(request, dossier, "oproepen", ok=True, oproep_saved=True),
        refused=_refused(request, dossier, "oproepen", form, uitkomst_form=form),
    )


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def oproep_verzetten(request: AuthenticatedHttpRequest, pk: int, oproep: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    summons = selectors.oproep_get(dossier=dossier, pk=oproep)
    form = VerzettenForm(request.POST, oproep=summons)
    return form_submit(
        form,
        lambda data: services.oproep_reschedule(oproep=summons, actor=request.user, **data),
        done=lambda result: _respond(request, dossier, "oproepen", ok=True, oproep_saved=True),
        refused=_refused(request, dossier, "oproepen", form, verzetten_form=form),
    )


# --- completing ------------------------------------------------------------------------------


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    intake = _intake_or_404(dossier)
    form = AfrondenForm(request.POST, intake=intake)

    def done(result: object) -> HttpResponse:
        messages.success(request, _("De brede intake is afgerond."))
        if request.htmx:
            return HttpResponseClientRefresh()
        return redirect("intake:detail", pk=dossier.pk)

    def refused(error: DomainError | None) -> HttpResponse:
        part = "oproepen" if form.cleaned_data.get("zonder_medewerking") else "status"
        key = "zonder_medewerking_form" if part == "oproepen" else "afronden_form"
        return _refused(request, dossier, part, form, **{key: form})(error)

    return form_submit(
        form,
        lambda data: services.brede_intake_complete(
            intake=intake,
            actor=request.user,
            completed_at=data["completed_at"],
            zonder_medewerking=data["zonder_medewerking"],
        ),
        done=done,
        refused=refused,
    )


# --- leerbaarheidstoets ----------------------------------------------------------------------


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def lbt_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    form = LbtAanvraagForm(request.POST, dossier=dossier)
    return form_submit(
        form,
        lambda data: services.lbt_request(dossier=dossier, actor=request.user, **data),
        done=lambda result: _respond(request, dossier, "lbt", ok=True, lbt_saved=True),
        refused=_refused(request, dossier, "lbt", form, lbt_aanvraag_form=form),
    )


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def lbt_result(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    form = LbtResultaatForm(request.POST, dossier=dossier)
    return form_submit(
        form,
        lambda data: services.lbt_record_result(dossier=dossier, actor=request.user, **data),
        done=lambda result: _respond(request, dossier, "lbt", ok=True, lbt_saved=True),
        refused=_refused(request, dossier, "lbt", form, lbt_resultaat_form=form),
    )


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def lbt_exempt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ground is an impairment (health data): GEZONDHEID_ROLES only."""
    if not selectors.can_see_health(request.user):
        raise PermissionDenied
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    form = LbtVrijstellingForm(request.POST, dossier=dossier)
    return form_submit(
        form,
        lambda data: services.lbt_exempt(
            dossier=dossier,
            actor=request.user,
            vrijstellingsgrond=data["vrijstellingsgrond"],
            toelichting=data["vrijstelling_toelichting"],
            vrijgesteld_op=data["vrijgesteld_op"],
        ),
        done=lambda result: _respond(request, dossier, "lbt", ok=True, lbt_saved=True),
        refused=_refused(request, dossier, "lbt", form, lbt_vrijstelling_form=form),
    )
