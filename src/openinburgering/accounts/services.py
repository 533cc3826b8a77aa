"""Accounts of the aanbiedersportaal, issued by the school's coordinator (the aanbieder role): docenten and
leerlingen of exactly that aanbieder. Every change is one transaction and leaves a row in the admin's history
of the account (django.contrib.admin's LogEntry, as the beheerder's own changes to users do), so the beheerder
sees who issued, reset or deactivated an account and when.

Credentials: the system makes a one-time *start code* that the coordinator hands over (shown once, printable
as a slip) and that is stored only as a password hash. At the first login the user must choose their own
password before anything else opens (User.must_change_password, PasswordChoiceRequiredMiddleware): from then
on nobody at the school knows it, so a presence confirmed under a learner's account is the learner's own
(Blik op Werk 2.9.3: unique credentials per learner and per teacher).
"""

import re
import secrets
import unicodedata

from axes.utils import reset as axes_reset
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openinburgering.core.exceptions import DomainError

from .constants import PORTAAL_ACCOUNT_ROLES, Role
from .models import User

# A start code: lower case (easy on a phone's keyboard), without characters that look alike (0/o, 1/l/i).
STARTCODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
STARTCODE_LENGTH = 10  # 31**10 ≈ 8·10**14 (49 bits), against at most AXES_FAILURE_LIMIT guesses per cool-off
LEERLING_USERNAME_DIGITS = 4


def startcode_generate() -> str:
    return "".join(secrets.choice(STARTCODE_ALPHABET) for _ in range(STARTCODE_LENGTH))


def leerling_username_generate(*, first_name: str) -> str:
    """A username a learner can type: their first name in plain letters and four digits ("amina4821")."""
    plain = unicodedata.normalize("NFKD", first_name).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z]", "", plain)[:12] or "leerling"
    while True:
        username = f"{stem}{secrets.randbelow(10**LEERLING_USERNAME_DIGITS):0{LEERLING_USERNAME_DIGITS}d}"
        if not User.objects.filter(username__iexact=username).exists():
            return username


def _history(*, actor: User, account: User, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[account], action_flag=flag, change_message=message, single_object=True
    )


def _coordinator_aanbieder_id(actor: User) -> int:
    if not actor.has_role(Role.AANBIEDER) or actor.aanbieder_id is None:
        raise DomainError(_("Alleen de coördinator van een aanbieder beheert de accounts van die aanbieder."))
    return actor.aanbieder_id


def _account_create(
    *, actor: User, role: Role, username: str, first_name: str, last_name: str, email: str
) -> tuple[User, str]:
    aanbieder_id = _coordinator_aanbieder_id(actor)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("De gebruikersnaam ‘%(username)s’ bestaat al.") % {"username": username}})
    if email and User.objects.filter(email__iexact=email).exists():
        # With OIDC a login is matched on the e-mail address; a second account with it would lock the first
        # one's owner out of single sign-on (accounts/oidc.py).
        raise ValidationError(
            {"email": _("Het e-mailadres ‘%(email)s’ hoort al bij een ander account.") % {"email": email}}
        )
    code = startcode_generate()
    account = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        aanbieder_id=aanbieder_id,
        must_change_password=True,
    )
    account.set_password(code)
    try:
        with transaction.atomic():
            account.save(force_insert=True)
    except IntegrityError as error:  # the same username claimed at the same moment
        raise ValidationError(
            {"username": _("De gebruikersnaam ‘%(username)s’ bestaat al.") % {"username": username}}
        ) from error
    account.groups.add(Group.objects.get_or_create(name=role)[0])
    _history(
        actor=actor,
        account=account,
        flag=ADDITION,
        message=_("Account (%(role)s) aangemaakt in het aanbiedersportaal; startcode uitgegeven.")
        % {"role": role.label},
    )
    return account, code


@transaction.atomic
def docent_account_create(
    *, actor: User, username: str, first_name: str, last_name: str, email: str
) -> tuple[User, str]:
    """A docent of the actor's aanbieder. Returns the account and its start code (not kept: show it once).
    At the first login the docent chooses a password and then sets up the authenticator app, as staff do."""
    return _account_create(
        actor=actor, role=Role.DOCENT, username=username, first_name=first_name, last_name=last_name, email=email
    )


@transaction.atomic
def leerling_account_create(*, actor: User, first_name: str, last_name: str) -> tuple[User, str]:
    """A leerling of the actor's aanbieder, with a generated username. Returns the account and its start code."""
    username = leerling_username_generate(first_name=first_name)
    return _account_create(
        actor=actor, role=Role.LEERLING, username=username, first_name=first_name, last_name=last_name, email=""
    )


@transaction.atomic
def account_startcode_reset(*, actor: User, account: User) -> str:
    """A new start code for a docent or leerling of the actor's aanbieder (lost or forgotten password). The old
    password stops working at once, and every session of the account ends (its session hash changes). A docent's
    authenticator app stays: the coordinator who knows the start code still cannot log in as the docent."""
    aanbieder_id = _coordinator_aanbieder_id(actor)
    if account.aanbieder_id != aanbieder_id or not account.has_role(*PORTAAL_ACCOUNT_ROLES):
        raise DomainError(_("Dit account beheert u niet."))
    if not account.is_active:
        raise DomainError(_("Dit account is gedeactiveerd; een nieuwe startcode geeft geen toegang."))
    code = startcode_generate()
    account.set_password(code)
    account.must_change_password = True
    account.save(update_fields=["password", "must_change_password"])
    axes_reset(username=account.username)  # a learner locked out after wrong guesses can use the new code at once
    _history(
        actor=actor,
        account=account,
        flag=CHANGE,
        message=_("Nieuwe startcode uitgegeven; het oude wachtwoord werkt niet meer."),
    )
    return code


@transaction.atomic
def account_deactivate(*, actor: User, account: User) -> bool:
    """Close a docent's or leerling's account at once (its sessions end on their next request). False if it was
    closed already. The account stays, so what was recorded under it keeps its author."""
    aanbieder_id = _coordinator_aanbieder_id(actor)
    if account.aanbieder_id != aanbieder_id or not account.has_role(*PORTAAL_ACCOUNT_ROLES):
        raise DomainError(_("Dit account beheert u niet."))
    closed = User.objects.filter(pk=account.pk, is_active=True).update(is_active=False)
    if closed:
        _history(
            actor=actor, account=account, flag=CHANGE, message=_("Account gedeactiveerd in het aanbiedersportaal.")
        )
    return bool(closed)


@transaction.atomic
def account_password_choose(*, user: User, password: str) -> None:
    """The user's own password in place of the start code (validated by the caller's SetPasswordForm)."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    _history(actor=user, account=user, flag=CHANGE, message=_("Eigen wachtwoord gekozen in plaats van de startcode."))
