"""/api/v1/uitkeringen/: the bijstand administration posts the net benefit per person per month.

POST takes one item or a list of up to MAX_ITEMS, and stores all of them or none: every problem comes
back as application/problem+json with an invalidParams entry naming the item's index and field
("3.bedrag"). Posting the same amounts again changes nothing (each item reports 'ongewijzigd'), so
a retry after a lost answer is safe without an Idempotency-Key.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from openinburgering.accounts.api_permissions import HasDossierRole
from openinburgering.accounts.types import AuthenticatedRequest
from openinburgering.core.bedragen import BEDRAG_MAX, BEDRAG_PATTERN, bedrag_parse, json_getal_message
from openinburgering.core.rest.pagination import PageNumberPagination
from openinburgering.core.rest.problems import problem_response
from openinburgering.core.validators import validate_bsn
from openinburgering.dossiers.constants import OPEN_STATUSES
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.ontzorgen.constants import ONTZORGEN_EDIT_ROLES
from openinburgering.rules.personen import bsn_is_valid

from .constants import Resultaat, UitkeringBron
from .csv_import import RowProblem, UitkeringRij, maand_parse, maand_problem
from .exceptions import UitkeringenRefused
from .models import Uitkering
from .selectors import uitkeringen_for_user
from .services import uitkeringen_register

# Items per request: enough for a gemeente's month in a few calls, small enough for one transaction.
MAX_ITEMS = 1_000
MAAND_SCHEMA = {
    "type": "string",
    "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
    "example": "2026-12",
    "description": "De maand als jjjj-mm.",
}


class HasOntzorgenRole(HasDossierRole):
    roles = ONTZORGEN_EDIT_ROLES


@extend_schema_field(MAAND_SCHEMA)
class MaandField(serializers.Field):  # type: ignore[type-arg]  # the stubs' four type parameters add nothing here
    """A month as `jjjj-mm` in JSON, the first day of that month in Python."""

    def to_representation(self, value: date) -> str:
        return f"{value:%Y-%m}"

    def to_internal_value(self, data: Any) -> date:
        try:
            maand = maand_parse(data if isinstance(data, str) else "")
        except ValueError as error:
            raise serializers.ValidationError(str(error), code="invalid") from None
        if problem := maand_problem(maand, today=timezone.localdate()):
            raise serializers.ValidationError(problem, code="window")
        return maand


@extend_schema_field({"type": "string", "pattern": "^[0-9]{9}$", "example": "123456782"})
class BsnTextField(serializers.CharField):
    """A BSN as JSON text: a JSON number is refused (it would lose a leading zero)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            raise serializers.ValidationError(json_getal_message(veld=_("het BSN"), voorbeeld="012345672"), code="type")
        return super().to_internal_value(data)


@extend_schema_field(
    {
        "type": "string",
        "pattern": BEDRAG_PATTERN,
        "example": "1234.56",
        "description": 'Tekst: "1234.56", "1234,56", "1.234,56" of "1234". Een JSON-getal wordt geweigerd.',
    }
)
class BedragTextField(serializers.Field):  # type: ignore[type-arg]
    """An amount as JSON text in the one notation of core/bedragen.py; a JSON number is refused."""

    def __init__(self, *, veld: "str | Promise", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.veld = veld  # lazy: translated when a request is answered

    @property
    def veld_text(self) -> str:
        return str(self.veld)

    def to_representation(self, value: Decimal) -> str:
        return f"{value:.2f}"

    def to_internal_value(self, data: Any) -> Decimal:
        if not isinstance(data, str):
            raise serializers.ValidationError(json_getal_message(veld=self.veld_text, voorbeeld="1234.56"), code="type")
        try:
            return bedrag_parse(data, veld=self.veld_text, maximum=BEDRAG_MAX)
        except ValueError as error:
            raise serializers.ValidationError(str(error), code="invalid") from None


class UitkeringInputSerializer(serializers.Serializer[Any]):  # input only: never given an instance
    bsn = BsnTextField(max_length=9, validators=[validate_bsn], help_text="Negen cijfers (elfproef), als tekst.")
    maand = MaandField()
    bedrag = BedragTextField(
        veld=gettext_lazy("het bedrag"),
        help_text='De netto uitkering in euro, als tekst: "1234.56", "1234,56" of "1.234,56".',
    )


# Any, not Uitkering: it is also given a list (many=True), which the DRF stubs cannot express.
class UitkeringOutputSerializer(serializers.Serializer[Any]):
    bsn = serializers.CharField(source="dossier.inburgeraar.bsn")
    maand = MaandField()
    bedrag = serializers.DecimalField(max_digits=11, decimal_places=2)
    bron = serializers.ChoiceField(choices=UitkeringBron.choices)
    dossier = serializers.UUIDField(source="dossier.uuid")
    gemeente = serializers.CharField(source="dossier.gemeente.code", help_text="CBS-gemeentecode")
    updated_at = serializers.DateTimeField()


class UitkeringResultaatSerializer(UitkeringOutputSerializer):
    resultaat = serializers.ChoiceField(
        choices=Resultaat.choices, help_text="Wat dit item deed: nieuw, gewijzigd (gecorrigeerd) of ongewijzigd."
    )


class UitkeringenResultaatSerializer(serializers.Serializer[Any]):
    aantal = serializers.IntegerField()
    nieuw = serializers.IntegerField()
    gewijzigd = serializers.IntegerField()
    ongewijzigd = serializers.IntegerField()
    uitkeringen = UitkeringResultaatSerializer(many=True, help_text="In de volgorde van de invoer.")


def _input_list(data: Any = serializers.empty) -> serializers.ListSerializer[Any]:
    return serializers.ListSerializer(
        data=data, child=UitkeringInputSerializer(), max_length=MAX_ITEMS, allow_empty=False
    )


UITKERINGEN_INPUT = PolymorphicProxySerializer(
    component_name="UitkeringenInput",
    serializers=[UitkeringInputSerializer, _input_list()],  # type: ignore[list-item]  # a list is documented
    resource_type_field_name=None,
    many=False,
)


def _param(problem: RowProblem, *, single: bool) -> dict[str, str]:
    field = "" if problem.field == "regel" else problem.field
    indexed = f"{problem.line}.{field}" if field else str(problem.line)
    name = field if single else indexed
    return {"name": name, "code": problem.code, "reason": problem.message}


class UitkeringenApi(APIView):
    permission_classes = [HasOntzorgenRole]
    pagination_class = PageNumberPagination  # also tells the schema that the list is paged (count, results)

    @extend_schema(
        operation_id="uitkeringen_list",
        description="Netto uitkeringen van dossiers in uw scope, nieuwste maand eerst.",
        parameters=[
            OpenApiParameter("maand", OpenApiTypes.STR, description="Alleen deze maand (jjjj-mm)"),
            OpenApiParameter("bsn", OpenApiTypes.STR, description="Alleen deze persoon"),
            OpenApiParameter("gemeente", OpenApiTypes.STR, description="CBS-gemeentecode"),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("pageSize", OpenApiTypes.INT),
        ],
        responses={200: UitkeringOutputSerializer(many=True)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        params = request.query_params
        queryset = uitkeringen_for_user(user=request.user)
        if raw_maand := params.get("maand"):
            try:
                queryset = queryset.filter(maand=maand_parse(raw_maand))
            except ValueError as error:
                raise serializers.ValidationError({"maand": [str(error)]}) from None
        if bsn := params.get("bsn"):
            if not (bsn.isascii() and bsn_is_valid(bsn)):
                raise serializers.ValidationError({"bsn": ["Een BSN bestaat uit negen cijfers (elfproef)."]})
            queryset = queryset.filter(dossier__inburgeraar__bsn=bsn)
        if code := params.get("gemeente"):
            # A CBS code is digits; anything else matches nothing (a NUL byte would make PostgreSQL fail).
            is_code = code.isascii() and code.isdigit()
            queryset = queryset.filter(dossier__gemeente__code=code) if is_code else queryset.none()
        paginator = self.pagination_class()
        page: list[Uitkering] = (
            paginator.paginate_queryset(queryset.order_by("-maand", "dossier_id"), request, self) or []
        )
        with transaction.atomic():
            logboek_record_many(
                actor=request.user,
                action=Action.LIST,
                purpose=Purpose.KOPPELING,
                subject="api-uitkeringen",
                subjects=[Subject(inburgeraar_id=u.dossier.inburgeraar_id, dossier_id=u.dossier_id) for u in page],
            )
        return paginator.get_paginated_response(UitkeringOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="uitkeringen_create",
        description=(
            "Leg de netto uitkering per persoon per maand vast, of corrigeer die: één item of een lijst van "
            f"ten hoogste {MAX_ITEMS}. Alles of niets: bij één fout wordt niets opgeslagen en noemt invalidParams "
            "elk item (index) en veld. Een BSN zonder open dossier in uw scope is onbekend. Een maand die al in "
            "een betaalrun is afgerekend, kan niet meer worden gewijzigd (409 als dat de enige fout is). "
            "Hetzelfde verzoek nog eens verandert niets."
        ),
        request=UITKERINGEN_INPUT,
        responses={200: UitkeringenResultaatSerializer},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        single = not isinstance(request.data, list)
        data: serializers.BaseSerializer[Any] = (
            UitkeringInputSerializer(data=request.data) if single else _input_list(request.data)
        )
        data.is_valid(raise_exception=True)
        items = [data.validated_data] if single else list(data.validated_data)
        rows = [
            UitkeringRij(line=index, bsn=item["bsn"], maand=item["maand"], bedrag=item["bedrag"])
            for index, item in enumerate(items)
        ]
        try:
            result = uitkeringen_register(rows=rows, actor=request.user)
        except UitkeringenRefused as error:
            only_settled = all(problem.code == "settled" for problem in error.problems)
            return problem_response(
                request,
                409 if only_settled else 400,
                detail=error.message,
                code="settled" if only_settled else "invalid",
                invalid_params=[_param(problem, single=single) for problem in error.problems],
            )
        stored = {
            (u.dossier.inburgeraar.bsn, u.maand): u
            for u in uitkeringen_for_user(user=request.user).filter(
                dossier__status__in=OPEN_STATUSES,  # the dossiers the service wrote to: one open per person
                dossier__inburgeraar__bsn__in={row.bsn for row in rows},
                maand__in={row.maand for row in rows},
            )
        }
        output = [
            {**UitkeringOutputSerializer(stored[(row.bsn, row.maand)]).data, "resultaat": result.resultaten[row.line]}
            for row in rows
        ]
        body = {
            "aantal": result.aantal,
            "nieuw": result.nieuw,
            "gewijzigd": result.gewijzigd,
            "ongewijzigd": result.ongewijzigd,
            "uitkeringen": output,
        }
        return Response(body, status=200)
