""" "Wat nu" is one answer: the werkvoorraad and the dossier page say the same for every dossier state
(issue 11, 5.6: the werkvoorraad said "PIP vaststellen" where the dossier said "Brede intake afronden")."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.termijnen.constants import Soort

pytestmark = pytest.mark.django_db

WAT_NU = re.compile(r"<span[^>]*data-wat-nu[^>]*>([^<]*)</span>")
STATES = [(status, soort) for status in Status.values for soort in ["", *Soort.values]]


def _shown(content: bytes) -> list[str]:
    return [text.strip() for text in WAT_NU.findall(content.decode())]


def test_werkvoorraad_and_dossier_say_the_same_in_every_state(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur)
    for status, soort in STATES:
        type(dossier).objects.filter(pk=dossier.pk).update(
            status=status,
            termijn_soort=soort,
            termijn_datum=timezone.localdate() + timedelta(days=20) if soort else None,
        )
        werkvoorraad = kr_client.get(reverse("dossiers:werkvoorraad"), {"status": "alle", "klantregisseur": ""})
        assert [d.pk for d in werkvoorraad.context["rows"]] == [dossier.pk]
        detail = kr_client.get(reverse("dossiers:detail", args=[dossier.pk]))
        assert detail.status_code == 200
        shown = _shown(detail.content)
        assert _shown(werkvoorraad.content) == shown, (status, soort)
        assert len(shown) <= 1


def test_an_unfinished_brede_intake_is_the_step_even_when_the_pip_deadline_is_next(
    kr_client, klantregisseur, gemeente_a
):
    """The review's dossier: in brede intake, nearest deadline the PIP's ten weeks."""
    dossier = DossierFactory(
        gemeente=gemeente_a,
        klantregisseur=klantregisseur,
        status=Status.BREDE_INTAKE,
        termijn_soort=Soort.PIP_VASTSTELLEN,
        termijn_datum=timezone.localdate() + timedelta(days=30),
    )
    werkvoorraad = kr_client.get(reverse("dossiers:werkvoorraad"), {"status": "alle", "klantregisseur": ""})
    detail = kr_client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert _shown(werkvoorraad.content) == _shown(detail.content) == ["Brede intake afronden"]
    # The deadline is still named beside the step, with its date.
    assert "PIP vaststellen" in werkvoorraad.content.decode()


def test_a_pip_stage_with_the_pip_deadline_says_pip_vaststellen(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a,
        klantregisseur=klantregisseur,
        status=Status.PIP,
        termijn_soort=Soort.PIP_VASTSTELLEN,
        termijn_datum=timezone.localdate() + timedelta(days=30),
    )
    detail = kr_client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert _shown(detail.content) == ["PIP vaststellen"]
