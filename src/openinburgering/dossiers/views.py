"""The dossiers app's own pages: registering a person, editing the person and the plicht, the werkvoorraad
export. The dossier page and the werkvoorraad show later apps' data too: they are compositions in
openinburgering.werkplek, which assembles this app's URL namespace (``dossiers:``) with them.
"""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, Role
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import form_error_list
from openinburgering.core.text import neutralise_formula
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.termijnen.constants import Soort

from . import selectors, services
from .forms import PersonForm, PlichtForm, RegistrationForm

EXPORT_MAX_ROWS = 10_000


class _Echo:
    def write(self, value: str) -> str:
        return value


@role_required(*DOSSIER_EDIT_ROLES)
@require_GET
def werkvoorraad_export(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The filtered werkvoorraad as CSV (semicolon-separated, as Dutch spreadsheets expect)."""
    filters = selectors.WerkvoorraadFilter.from_query(request.GET.dict(), user=request.user)
    rows = list(selectors.werkvoorraad_for_user(user=request.user, filters=filters)[:EXPORT_MAX_ROWS])
    with transaction.atomic():
        logboek_record_many(
            actor=request.user,
            action=Action.EXPORT,
            purpose=Purpose.REGIE,
            subject="werkvoorraad-export",
            subjects=[Subject(inburgeraar_id=d.inburgeraar_id, dossier_id=d.pk) for d in rows],
        )
    header = [
        _("Kenmerk"),
        _("BSN"),
        _("Naam"),
        _("Gemeente"),
        _("Status"),
        _("Doelgroep"),
        _("Klantregisseur"),
        _("Begindatum plicht"),
        _("Datum kennisgeving"),
        _("Eerstvolgende termijn"),
        _("Soort termijn"),
    ]
    soorten = dict(Soort.choices)

    def lines() -> Iterator[str]:
        writer = csv.writer(_Echo(), delimiter=";")
        yield "\ufeff" + writer.writerow(header)
        for d in rows:
            yield writer.writerow(
                [
                    neutralise_formula(v)
                    for v in (
                        d.kenmerk,
                        d.inburgeraar.bsn,
                        d.inburgeraar.naam_sorteer,
                        d.gemeente.naam,
                        d.get_status_display(),
                        d.doelgroep,
                        d.klantregisseur or "",
                        d.plicht_begindatum.isoformat(),
                        d.datum_kennisgeving.isoformat() if d.datum_kennisgeving else "",
                        d.termijn_datum.isoformat() if d.termijn_datum else "",
                        soorten.get(d.termijn_soort, ""),
                    )
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="werkvoorraad.csv"'
    return response


@role_required(*DOSSIER_EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    gemeenten = Gemeente.objects.in_scope(user.scope)
    klantregisseurs = selectors.klantregisseurs_for_user(user=user)
    if request.method == "POST":
        form = RegistrationForm(request.POST, gemeenten=gemeenten, klantregisseurs=klantregisseurs)
        if form.is_valid():
            try:
                dossier = services.inburgeraar_register(
                    actor=user,
                    gemeente=form.cleaned_data["gemeente"],
                    bsn=form.cleaned_data["bsn"],
                    person=form.person.cleaned_data,
                    plicht=form.plicht.cleaned_data,
                    klantregisseur=form.cleaned_data["klantregisseur"],
                    aanmelding_token=form.cleaned_data["aanmelding_token"],
                )
            except DomainError as error:
                form.add_domain_error(error.field, error.message)
            else:
                messages.success(
                    request,
                    _("%(naam)s is aangemeld (%(kenmerk)s).")
                    % {"naam": dossier.inburgeraar.naam, "kenmerk": dossier.kenmerk},
                )
                return redirect("dossiers:detail", pk=dossier.pk)
        status = 422
    else:
        initial_gemeente = gemeenten.first() if gemeenten.count() == 1 else None
        form = RegistrationForm(
            gemeenten=gemeenten,
            klantregisseurs=klantregisseurs,
            initial={
                "gemeente": initial_gemeente,
                "klantregisseur": user if user.has_role(Role.KLANTREGISSEUR) else None,
            },
        )
        status = 200
    return render(request, "dossiers/register.html", {"form": form}, status=status)


@role_required(*DOSSIER_EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    if not dossier.is_open:
        messages.error(request, _("Dit dossier is gesloten en kan niet meer worden gewijzigd."))
        return redirect("dossiers:detail", pk=dossier.pk)
    if request.method == "POST":
        person_form = PersonForm(request.POST, instance=dossier.inburgeraar)
        plicht_form = PlichtForm(request.POST, instance=dossier)
        person_ok, plicht_ok = person_form.is_valid(), plicht_form.is_valid()
        if person_ok and plicht_ok:
            dossier.refresh_from_db()
            dossier.inburgeraar.refresh_from_db()
            try:
                with transaction.atomic():
                    services.inburgeraar_update(dossier=dossier, actor=request.user, person=person_form.cleaned_data)
                    services.dossier_update_plicht(dossier=dossier, actor=request.user, plicht=plicht_form.cleaned_data)
            except DomainError as error:
                target = plicht_form if error.field in plicht_form.fields else person_form
                target.add_error(error.field if error.field in target.fields else None, error.message)
                target._style()
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("dossiers:detail", pk=dossier.pk)
        status = 422
    else:
        services.dossier_view_record(actor=request.user, dossier=dossier, subject="dossier-bewerken")
        person_form = PersonForm(instance=dossier.inburgeraar)
        plicht_form = PlichtForm(instance=dossier)
        status = 200
    errors = form_error_list(person_form, plicht_form)
    return render(
        request,
        "dossiers/edit.html",
        {"dossier": dossier, "person_form": person_form, "plicht_form": plicht_form, "all_errors": errors},
        status=status,
    )
