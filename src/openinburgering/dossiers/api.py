"""/api/v1/dossiers/: list, detail and registration, scoped like the pages."""

import uuid
from typing import Any

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from openinburgering.accounts.api_permissions import CanRegister, HasDossierRole
from openinburgering.accounts.models import User
from openinburgering.accounts.types import AuthenticatedRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.rest.pagination import MatchCountPagination, PageNumberPagination
from openinburgering.core.validators import validate_bsn, validate_vnummer
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many
from openinburgering.rules.personen import vnummer_normalise

from . import selectors, services
from .constants import OPEN_STATUSES, DoelgroepChoices, GedetailleerdeDoelgroepChoices, Geslacht, Relatie, Status
from .models import Dossier, Inburgeraar


# Any, not Dossier: it is also given a list (many=True), which the DRF stubs cannot express.
class DossierOutputSerializer(serializers.Serializer[Any]):
    class GemeenteSerializer(serializers.Serializer[Gemeente]):
        code = serializers.CharField()
        naam = serializers.CharField()

    class InburgeraarSerializer(serializers.Serializer[Inburgeraar]):
        bsn = serializers.CharField()
        vnummer = serializers.CharField()
        voornamen = serializers.CharField()
        voorvoegsel = serializers.CharField()
        geslachtsnaam = serializers.CharField()
        geboortedatum = serializers.DateField()
        geslacht = serializers.ChoiceField(choices=Geslacht.choices)
        nationaliteit = serializers.CharField(source="nationaliteit.code", allow_blank=True)
        geboorteland = serializers.CharField(source="geboorteland.code", allow_blank=True)

    uuid = serializers.UUIDField()
    kenmerk = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    gemeente = GemeenteSerializer()
    inburgeraar = InburgeraarSerializer()
    doelgroep = serializers.ChoiceField(choices=DoelgroepChoices.choices)
    gedetailleerde_doelgroep = serializers.CharField()
    plicht_begindatum = serializers.DateField()
    datum_kennisgeving = serializers.DateField(allow_null=True)
    plicht_einddatum = serializers.DateField(allow_null=True)
    plicht_reden_einde = serializers.CharField()
    datum_huisvesting = serializers.DateField(allow_null=True)
    datum_brp_inschrijving = serializers.DateField(allow_null=True)
    klantregisseur = serializers.CharField(source="klantregisseur.username", allow_null=True, default=None)
    termijn_datum = serializers.DateField(
        allow_null=True, help_text="De eerstvolgende termijn waarvoor de gemeente iets moet doen (of de verlopen)."
    )
    termijn_soort = serializers.CharField(help_text="Soort van die termijn; alle termijnen: …/termijnen/.")
    created_at = serializers.DateTimeField()


class DossierInputSerializer(serializers.Serializer[Any]):  # input only: never given an instance
    class GezinslidSerializer(serializers.Serializer[Any]):
        relatie = serializers.ChoiceField(choices=Relatie.choices)
        voornamen = serializers.CharField(max_length=200)
        geslachtsnaam = serializers.CharField(max_length=200)
        geboortedatum = serializers.DateField(required=False, allow_null=True)
        bsn = serializers.CharField(required=False, allow_blank=True, validators=[validate_bsn])

    gemeente_code = serializers.CharField(max_length=4, help_text="CBS-gemeentecode, vier cijfers (0505).")
    bsn = serializers.CharField(max_length=9, validators=[validate_bsn])
    vnummer = serializers.CharField(required=False, allow_blank=True, max_length=10, validators=[validate_vnummer])
    voornamen = serializers.CharField(max_length=200)
    voorvoegsel = serializers.CharField(required=False, allow_blank=True, max_length=20)
    geslachtsnaam = serializers.CharField(max_length=200)
    geboortedatum = serializers.DateField()
    geslacht = serializers.ChoiceField(choices=Geslacht.choices, required=False)
    nationaliteit = serializers.CharField(
        required=False, allow_blank=True, max_length=2, help_text="ISO 3166-1 alpha-2"
    )
    geboorteland = serializers.CharField(required=False, allow_blank=True, max_length=2, help_text="ISO 3166-1 alpha-2")
    talen = serializers.CharField(required=False, allow_blank=True, max_length=200)
    telefoonnummer = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.EmailField(required=False, allow_blank=True)
    straat = serializers.CharField(required=False, allow_blank=True, max_length=200)
    huisnummer = serializers.CharField(required=False, allow_blank=True, max_length=10)
    postcode = serializers.RegexField(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", required=False, allow_blank=True)
    woonplaats = serializers.CharField(required=False, allow_blank=True, max_length=100)
    doelgroep = serializers.ChoiceField(choices=DoelgroepChoices.choices)
    gedetailleerde_doelgroep = serializers.ChoiceField(
        choices=GedetailleerdeDoelgroepChoices.choices, required=False, allow_blank=True
    )
    plicht_begindatum = serializers.DateField()
    datum_kennisgeving = serializers.DateField(required=False, allow_null=True)
    datum_huisvesting = serializers.DateField(required=False, allow_null=True)
    datum_brp_inschrijving = serializers.DateField(required=False, allow_null=True)
    klantregisseur = serializers.CharField(
        required=False, allow_blank=True, help_text="Gebruikersnaam van de klantregisseur."
    )
    gezinsleden = GezinslidSerializer(many=True, required=False)

    def validate_nationaliteit(self, value: str) -> str:
        return _country(value)

    def validate_geboorteland(self, value: str) -> str:
        return _country(value)

    def validate_vnummer(self, value: str) -> str:
        return vnummer_normalise(value) or "" if value else ""


def _country(value: str) -> str:
    from django_countries import countries

    code = value.upper()
    if code and code not in dict(countries):
        raise serializers.ValidationError("Onbekende landcode: gebruik ISO 3166-1 alpha-2 (bijvoorbeeld SY).")
    return code


def _log_list(request: AuthenticatedRequest, dossiers: list[Dossier]) -> None:
    with transaction.atomic():
        logboek_record_many(
            actor=request.user,
            action=Action.LIST,
            purpose=Purpose.KOPPELING,
            subject="api-dossiers",
            subjects=[Subject(inburgeraar_id=d.inburgeraar_id, dossier_id=d.pk) for d in dossiers],
        )


class DossierListCreateApi(APIView):
    permission_classes = [HasDossierRole]
    pagination_class = PageNumberPagination  # also tells the schema that the list is paged (count, results)

    def get_permissions(self) -> list[Any]:
        return [CanRegister()] if self.request.method == "POST" else [HasDossierRole()]

    @extend_schema(
        operation_id="dossiers_list",
        parameters=[
            OpenApiParameter("gemeente", OpenApiTypes.STR, description="CBS-gemeentecode"),
            OpenApiParameter("status", OpenApiTypes.STR, enum=["open", *Status.values]),
            OpenApiParameter("doelgroep", OpenApiTypes.STR, enum=DoelgroepChoices.values),
            OpenApiParameter("zoek", OpenApiTypes.STR, description="BSN, V-nummer, kenmerk of naam"),
            OpenApiParameter(
                "termijn",
                OpenApiTypes.STR,
                description="'verlopen', of een aantal dagen: de eerstvolgende termijn valt binnen zoveel dagen",
            ),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("pageSize", OpenApiTypes.INT),
        ],
        responses={200: DossierOutputSerializer(many=True)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        queryset = selectors.dossiers_for_user(user=request.user)
        params = request.query_params
        if code := params.get("gemeente"):
            # A CBS code is digits; anything else matches nothing (a NUL byte would make PostgreSQL fail).
            queryset = queryset.filter(gemeente__code=code) if code.isascii() and code.isdigit() else queryset.none()
        status = params.get("status")
        if status == "open":
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        elif status in Status.values:
            queryset = queryset.filter(status=status)
        if params.get("doelgroep") in DoelgroepChoices.values:
            queryset = queryset.filter(doelgroep=params["doelgroep"])
        queryset = selectors.filter_termijn(queryset, params.get("termijn", ""))
        zoek = params.get("zoek", "")[:100]
        queryset = selectors.dossiers_search(queryset, zoek).order_by("pk")
        # A search: its matches first, counted and paged in one query (a name's matches are scattered in
        # the pk order, which the database would otherwise walk). The response is the same.
        paginator = MatchCountPagination() if zoek.strip() else self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        _log_list(request, page)
        return paginator.get_paginated_response(DossierOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="dossiers_create",
        request=DossierInputSerializer,
        responses={201: DossierOutputSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.UUID,
                OpenApiParameter.HEADER,
                description="Dezelfde sleutel levert hetzelfde dossier op in plaats van een tweede.",
            )
        ],
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        data = DossierInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        token_header = request.headers.get("Idempotency-Key")
        token = None
        if token_header:
            try:
                token = uuid.UUID(token_header)
            except ValueError:
                raise serializers.ValidationError(
                    {"Idempotency-Key": ["Gebruik een UUID als Idempotency-Key."]}
                ) from None
        gemeente = Gemeente.objects.in_scope(request.user.scope).filter(code=values.pop("gemeente_code")).first()
        if gemeente is None:
            raise DomainError(
                "Onbekende gemeente: de CBS-gemeentecode hoort niet bij een gemeente in uw scope.",
                field="gemeente_code",
            )
        klantregisseur = None
        if username := values.pop("klantregisseur", ""):
            klantregisseur = User.objects.filter(username=username).first()
            if klantregisseur is None:
                raise DomainError("Onbekende klantregisseur.", field="klantregisseur")
        gezinsleden = [services.GezinslidData(**lid) for lid in values.pop("gezinsleden", [])]
        bsn = values.pop("bsn")
        plicht = {key: values.pop(key) for key in services.PLICHT_FIELDS if key in values}
        dossier = services.inburgeraar_register(
            actor=request.user,
            gemeente=gemeente,
            bsn=bsn,
            person=values,
            plicht=plicht,
            klantregisseur=klantregisseur,
            gezinsleden=gezinsleden,
            aanmelding_token=token,
        )
        dossier = selectors.dossier_get_for_user(user=request.user, pk=dossier.pk)
        return Response(DossierOutputSerializer(dossier).data, status=201)


class DossierDetailApi(APIView):
    permission_classes = [HasDossierRole]

    @extend_schema(operation_id="dossiers_retrieve", responses={200: DossierOutputSerializer})
    def get(self, request: AuthenticatedRequest, uuid: uuid.UUID) -> Response:
        dossier = selectors.dossier_get_for_user(user=request.user, uuid_=uuid)
        with transaction.atomic():
            logboek_record(
                actor=request.user,
                action=Action.VIEW,
                purpose=Purpose.KOPPELING,
                subject="api-dossier",
                inburgeraar_id=dossier.inburgeraar_id,
                dossier_id=dossier.pk,
            )
        return Response(DossierOutputSerializer(dossier).data)
