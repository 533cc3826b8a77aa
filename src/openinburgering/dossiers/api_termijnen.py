"""/api/v1/dossiers/{uuid}/termijnen/: a dossier's deadlines with their legal basis, scoped like the pages."""

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from openinburgering.accounts.api_permissions import HasDossierRole
from openinburgering.accounts.types import AuthenticatedRequest
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.termijnen.constants import Soort, TermijnStatus
from openinburgering.termijnen.selectors import termijnen_overview

from .selectors import dossier_get_for_user


class TermijnOutputSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(choices=Soort.choices, source="termijn.soort")
    uiterste_datum = serializers.DateField(
        source="termijn.uiterste_datum", allow_null=True, help_text="Leeg zolang de termijn is opgeschort."
    )
    status = serializers.ChoiceField(choices=TermijnStatus.choices, help_text="De status op de dag van de vraag.")
    actie_nodig = serializers.BooleanField(source="termijn.actie_nodig")
    gehaald_op = serializers.DateField(source="termijn.gehaald_op", allow_null=True)
    te_laat = serializers.BooleanField(source="termijn.te_laat")
    grondslag = serializers.CharField(source="termijn.grondslag_citaat")
    grondslag_url = serializers.URLField(source="termijn.grondslag_url")


class DossierTermijnenApi(APIView):
    permission_classes = [HasDossierRole]

    @extend_schema(operation_id="dossiers_termijnen_list", responses={200: TermijnOutputSerializer(many=True)})
    def get(self, request: AuthenticatedRequest, uuid: uuid.UUID) -> Response:
        dossier = dossier_get_for_user(user=request.user, uuid_=uuid)
        with transaction.atomic():
            logboek_record(
                actor=request.user,
                action=Action.VIEW,
                purpose=Purpose.KOPPELING,
                subject="api-termijnen",
                inburgeraar_id=dossier.inburgeraar_id,
                dossier_id=dossier.pk,
            )
        rows = termijnen_overview(dossier=dossier, today=timezone.localdate())
        return Response(TermijnOutputSerializer(rows, many=True).data)
