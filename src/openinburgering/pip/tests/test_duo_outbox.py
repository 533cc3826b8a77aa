"""A vastgesteld PIP is reported to DUO: one POST PIP in the outbox, committed with the approval."""

import pytest
from django.db import transaction
from django.utils import timezone

from openinburgering.duo import keten
from openinburgering.duo.models import DuoBericht
from openinburgering.pip import services
from openinburgering.pip.exceptions import FourEyesViolation
from openinburgering.pip.factories import PipFactory
from openinburgering.pip.models import PipStatus

pytestmark = pytest.mark.django_db


def test_approving_a_pip_writes_one_post_pip_in_the_same_transaction(
    dossier, teamleider, teamleider_2, django_capture_on_commit_callbacks
):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=teamleider)
    with django_capture_on_commit_callbacks() as callbacks:
        services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
        pip = services.pip_approve(pip=pip, approver=teamleider_2)
    bericht = DuoBericht.objects.get()
    assert (bericht.api, bericht.operatie, bericht.status) == ("pip", "post_pip", DuoBericht.Status.WACHTEND)
    assert (bericht.dossier_id, bericht.gemeente_id, bericht.bsn) == (
        dossier.pk,
        dossier.gemeente_id,
        dossier.inburgeraar.bsn,
    )
    assert bericht.args == {"bsn": dossier.inburgeraar.bsn, "pip": keten.pip_to_duo(pip)}
    assert bericht.args["pip"]["dagtekeningPip"] == timezone.localdate().isoformat()
    assert any("enqueue_drain" in getattr(cb, "__name__", "") for cb in callbacks)


def test_a_refused_approval_writes_no_message(dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=teamleider)
    with pytest.raises(FourEyesViolation):
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider)
    assert not DuoBericht.objects.exists()


def test_the_message_rolls_back_with_the_approval(dossier, teamleider, teamleider_2):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=teamleider)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
        services.pip_approve(pip=pip, approver=teamleider_2)
        _ = 1 / 0  # something later in the same business transaction fails
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING
    assert not DuoBericht.objects.exists()


def test_pip_to_duo_maps_the_fields_duo_knows(dossier):
    pip = PipFactory.build(
        dossier=dossier,
        leerroute="B",
        niveau="A2",
        alfabetisering="AA",
        geschatte_intensiteit=600,
        mag_opleiding_afmaken=True,
        dagtekening=timezone.localdate(),
    )
    assert keten.pip_to_duo(pip) == {
        "dagtekeningPip": timezone.localdate().isoformat(),
        "leerroute": "B",
        "niveau": "A2",
        "geschatteIntensiteitB1Route": 600,
        "indicatorMagOpleidingAfmaken": True,
        "indicatorAlfabetiseringsonderwijs": "AA",
    }
    pip.niveau, pip.geschatte_intensiteit, pip.leerroute = "", None, "Z"
    assert "niveau" not in keten.pip_to_duo(pip)
    assert "geschatteIntensiteitB1Route" not in keten.pip_to_duo(pip)
    pip.dagtekening = None
    with pytest.raises(ValueError):
        keten.pip_to_duo(pip)


def test_pip_to_duo_is_valid_per_duos_pip_schema(dossier):
    from openinburgering.core.tests.reference import DUO_SPEC_DIR, reference_path

    spec_file = reference_path(DUO_SPEC_DIR / "API" / "PIP" / "openapi.yml", "DUO's PIP spec").parent
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    spec = yaml.safe_load((spec_file / "openapi.yml").read_text())
    schema = {"$ref": "#/components/schemas/PIP", "components": spec["components"]}
    for content in (
        {"leerroute": "B", "niveau": "", "geschatte_intensiteit": 600},
        {"leerroute": "O", "niveau": "B1", "alfabetisering": "A"},
        {"leerroute": "Z", "niveau": ""},
    ):
        pip = PipFactory.build(dossier=dossier, dagtekening=timezone.localdate(), **content)
        jsonschema.validate(keten.pip_to_duo(pip), schema)
