"""No raw code on screen (issue 11, part 5.5): roles, log subjects, DUO operations and admin groups in Dutch.

Each page is rendered with every code of its kind, and its visible text (no tags, attributes or scripts)
must hold no snake_case token and none of the known codes.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.labels import DUO_EVENT_LABELS, DuoOperatie
from openinburgering.duo.models import DuoBericht
from openinburgering.letters.models import Document
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.labels import SUBJECT_LABELS
from openinburgering.logboek.services import logboek_record

pytestmark = pytest.mark.django_db

SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Codes written with a dash ("werkvoorraad-export", "api-dossiers"): raw when shown as they are.
DASHED_CODES = [code for code in SUBJECT_LABELS if "-" in code and code != "SEPA-betaalbestand"]


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def assert_no_raw_codes(text: str) -> None:
    assert SNAKE_CASE.findall(text) == []
    shown = [code for code in DASHED_CODES if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
    assert shown == []


def test_logboek_search_shows_roles_and_subjects_in_dutch(verified_client, beheerder, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    subjects = [
        *SUBJECT_LABELS,
        *(f"document {kind}" for kind in Document.Kind.values),
        f"document-inzien {Document.Kind.PIP_BESCHIKKING} 0b0c7a3e-8a44-4a43-a7f6-3a8f2c1d9e10",
        *DUO_EVENT_LABELS,
        "Bericht aan DUO: PIP post_pip (berichtId 5)",  # as the outbox wrote it before
        "DUO-notificatie 17 verwerkt",
        "pip-versie 2",
        "pip-voorbeeld 3",
    ]
    actors = [UserFactory(roles=[role], gemeenten=[gemeente_a]) for role in Role.values] + [None]
    for index, subject in enumerate(subjects):
        logboek_record(
            actor=actors[index % len(actors)],
            action=Action.LIST,
            purpose=Purpose.REGIE,
            subject=subject,
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
    client = verified_client(beheerder)
    texts = []
    for page in (1, 2):
        response = client.get(reverse("logboek:search"), {"bsn": dossier.inburgeraar.bsn, "page": page})
        assert response.status_code == 200
        texts.append(visible_text(response.content.decode()))
    text = " ".join(texts)

    assert_no_raw_codes(text)
    assert "Financieel medewerker" in text and "Functioneel beheerder" in text and "Systeem" in text
    assert "In lijst getoond · Werkvoorraad" in text and "· werkvoorraad" not in text
    assert "Export van de werkvoorraad" in text
    assert "Document PIP-beschikking" in text
    assert "PIP doorgeven" in text


def test_duo_beheer_pages_name_each_operation_in_dutch(verified_client, beheerder, gemeente_a):
    berichten = []
    for operatie in DuoOperatie.values:
        dossier = DossierFactory(gemeente=gemeente_a)
        berichten.append(
            DuoBericht.objects.create(
                gemeente=gemeente_a,
                dossier=dossier,
                bsn=dossier.inburgeraar.bsn,
                api="pip",
                operatie=operatie,
                args={"bsn": dossier.inburgeraar.bsn},
                status=DuoBericht.Status.WACHTEND,
                volgende_poging_op=timezone.now(),
            )
        )
    client = verified_client(beheerder)
    text = visible_text(client.get(reverse("duo_beheer:berichten")).content.decode())
    assert_no_raw_codes(text)
    assert "PIP doorgeven" in text and "uren taalles en KNM doorgeven" in text
    detail = visible_text(client.get(reverse("duo_beheer:detail", args=[berichten[0].uuid])).content.decode())
    assert_no_raw_codes(detail)
    assert str(DuoOperatie(berichten[0].operatie).label) in detail


def test_admin_shows_roles_not_group_codes(verified_client, gemeente_a):
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    admin = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a], is_staff=True, is_superuser=True)
    client = verified_client(admin)
    for url in (reverse("admin:auth_group_changelist"), reverse("admin:accounts_user_change", args=[admin.pk])):
        response = client.get(url)
        assert response.status_code == 200
        text = visible_text(response.content.decode())
        # Only snake_case: the superuser's permission list names models such as "DUO-notificatie", a Dutch
        # noun that is also a processing-log subject code.
        assert SNAKE_CASE.findall(text) == []
        assert "Financieel medewerker" in text and "Functioneel beheerder" in text


def test_a_stuck_message_task_names_the_operation_in_dutch():
    from openinburgering.duo.outbox import _wat

    bericht = DuoBericht(api="pip", operatie="post_pip")
    assert _wat(bericht) == "PIP doorgeven"


def test_admin_lists_of_the_log_and_the_outbox_show_no_codes(verified_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    for role in Role.values:
        logboek_record(
            actor=UserFactory(roles=[role], gemeenten=[gemeente_a]),
            action=Action.VIEW,
            purpose=Purpose.REGIE,
            subject="werkvoorraad-export",
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
    for operatie in DuoOperatie.values:
        DuoBericht.objects.create(
            gemeente=gemeente_a,
            dossier=dossier,
            bsn=dossier.inburgeraar.bsn,
            api="pip",
            operatie=operatie,
            args={},
            status=DuoBericht.Status.WACHTEND,
            volgende_poging_op=timezone.now(),
        )
    admin = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a], is_staff=True, is_superuser=True)
    client = verified_client(admin)
    for url in (reverse("admin:logboek_verwerking_changelist"), reverse("admin:duo_duobericht_changelist")):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_raw_codes(visible_text(response.content.decode()))
    assert client.get(reverse("admin:duo_duobericht_changelist"), {"operatie": "post_pip"}).status_code == 200
    assert client.get(reverse("admin:logboek_verwerking_changelist"), {"role": "teamleider"}).status_code == 200
