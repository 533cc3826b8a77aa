"""Approval shows the letter first (issue 11, 5.8: one click in the queue signed a PIP nobody had read).

The queue and the PIP page link to the approval page, which shows the plan and embeds the concept letter;
pip_approve refuses an approver who was not served this version's letter since it was offered — so a
forged POST straight to the approve URL is refused too."""

import re

import pytest
from django.urls import reverse

from openinburgering.pip import services
from openinburgering.pip.factories import PipFactory
from openinburgering.pip.models import PipStatus

pytestmark = pytest.mark.django_db


def _urls(pip):
    args = [pip.dossier_id, pip.versie]
    return reverse("pip:approve", args=args), reverse("pip:preview", args=args)


def test_the_queue_has_no_approve_button_only_a_link_to_the_approval_page(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    html = verified_client(teamleider).get(reverse("pip_queue:queue")).content.decode()
    approve_url, _ = _urls(pip)
    assert f'href="{approve_url}?next=queue"' in html
    assert not re.search(rf'<form[^>]*action="{re.escape(approve_url)}"', html)


def test_the_approval_page_shows_the_plan_and_embeds_the_letter(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    approve_url, preview_url = _urls(pip)
    response = verified_client(teamleider).get(approve_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<iframe class="oi-letter-frame" src="{preview_url}"' in html
    assert pip.get_leerroute_display() in html
    assert re.search(rf'<form[^>]*action="{re.escape(approve_url)}"', html)


def test_the_letter_may_be_framed_by_our_own_page_only(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    response = verified_client(teamleider).get(_urls(pip)[1])
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_a_forged_post_without_viewing_the_letter_is_refused(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    client = verified_client(teamleider)
    client.get(_urls(pip)[0])  # even having opened the approval page is not enough: the letter itself
    response = client.post(_urls(pip)[0], {"next": "queue"})
    assert response.status_code == 422
    assert "Conceptbeschikking" in response.content.decode()
    assert "u accordeert pas als u de brief hebt gezien" in response.content.decode()
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING
    assert pip.approved_by is None and pip.dagtekening is None


def test_after_viewing_the_letter_the_approval_goes_through(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    client = verified_client(teamleider)
    approve_url, preview_url = _urls(pip)
    assert client.get(preview_url).status_code == 200
    assert client.post(approve_url, {"next": "queue"}).status_code == 302
    pip.refresh_from_db()
    assert pip.status == PipStatus.VASTGESTELD
    assert pip.approved_by == teamleider


def test_another_teamleiders_view_does_not_count(verified_client, dossier, teamleider, teamleider_2):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    assert verified_client(teamleider_2).get(_urls(pip)[1]).status_code == 200
    assert verified_client(teamleider).post(_urls(pip)[0]).status_code == 422
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING


def test_a_view_before_the_pip_was_offered_again_does_not_count(dossier, teamleider, klantregisseur, time_machine):
    """Returned, changed and offered again: what was read before is not what is signed now."""
    time_machine.move_to("2026-11-02 09:00", tick=False)
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    services.pip_letter_viewed(pip=pip, viewer=teamleider)
    time_machine.move_to("2026-11-02 10:00", tick=False)
    services.pip_return(pip=pip, actor=teamleider, reden="Intensiteit klopt niet")
    pip.refresh_from_db()
    services.pip_submit(pip=pip, actor=klantregisseur)
    pip.refresh_from_db()
    with pytest.raises(services.DomainError) as refused:
        services.pip_approve(pip=pip, approver=teamleider)
    assert refused.value.code == "letter_not_viewed"
    services.pip_letter_viewed(pip=pip, viewer=teamleider)
    assert services.pip_approve(pip=pip, approver=teamleider).status == PipStatus.VASTGESTELD
