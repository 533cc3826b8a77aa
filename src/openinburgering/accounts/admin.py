"""Users and API tokens in the admin, each limited to what the acting beheerder manages
(the rule is in accounts/selectors.py). Every limit is applied when the form is validated, so a
forged POST with a wider choice is refused, not just hidden."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.types import authenticated_user
from openinburgering.gemeenten.admin_mixins import RegionWideAdminMixin
from openinburgering.gemeenten.selectors import beheerder_covers_every_gemeente

from .constants import Role
from .models import ApiToken, Team, User
from .selectors import (
    api_tokens_for_beheerder,
    gemeenten_for_beheerder,
    groups_grantable_by,
    system_accounts_for_beheerder,
    users_for_beheerder,
)
from .tokens import api_token_create, api_token_revoke

if TYPE_CHECKING:  # the admin classes are generic for type checkers only, not at runtime
    UserModelAdmin = BaseUserAdmin[User]
    TeamModelAdmin = admin.ModelAdmin[Team]
    ApiTokenModelAdmin = admin.ModelAdmin[ApiToken]
else:
    UserModelAdmin = BaseUserAdmin
    TeamModelAdmin = ApiTokenModelAdmin = admin.ModelAdmin

SCOPE_FIELDS = ("groups", "gemeenten", "aanbieder", "is_system")


class ScopedUserForm(forms.ModelForm):  # type: ignore[type-arg]
    """Mixed into the admin's user forms: offers and accepts only what the beheerder may give."""

    beheerder: User

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "gemeenten" in self.fields:
            self.fields["gemeenten"].queryset = gemeenten_for_beheerder(beheerder=self.beheerder)  # type: ignore[attr-defined]
            self.fields["gemeenten"].error_messages["invalid_choice"] = _(
                "U kunt alleen gemeenten binnen uw eigen scope toekennen; %(value)s hoort daar niet bij."
            )
        if "groups" in self.fields:
            # What they hold already stays on offer (so it is not silently taken away); clean() refuses
            # adding anything else.
            current = Group.objects.filter(user=self.instance) if self.instance.pk else Group.objects.none()
            grantable = groups_grantable_by(beheerder=self.beheerder)
            self.fields["groups"].queryset = Group.objects.filter(pk__in=grantable | current)  # type: ignore[attr-defined]
            self.fields["groups"].error_messages["invalid_choice"] = _(
                "U kunt geen rol of groep toekennen met rechten die u zelf niet hebt; %(value)s hoort daar niet bij."
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        beheerder = self.beheerder
        if "groups" in self.fields and "groups" in data:
            before = (
                set(Group.objects.filter(user=self.instance).values_list("pk", flat=True))
                if self.instance.pk
                else set()
            )
            grantable = set(groups_grantable_by(beheerder=beheerder).values_list("pk", flat=True))
            refused = [group.name for group in data["groups"] if group.pk not in before | grantable]
            if refused:
                self.add_error(
                    "groups",
                    _("U kunt geen rol of groep toekennen met rechten die u zelf niet hebt: %(groups)s.")
                    % {"groups": ", ".join(sorted(refused))},
                )
        if "groups" in self.fields and "groups" in data:
            names = {group.name for group in data["groups"]}
            if Role.LEERLING in names and len(names) > 1:
                # A learner's account opens nothing but their own lessons and needs no second factor
                # (accounts/permissions.py): it never carries a second role.
                self.add_error(
                    "groups", _("Een leerling-account heeft alleen de rol Leerling, geen andere rol of groep.")
                )
        aanbieder = data["aanbieder"] if "aanbieder" in self.fields else self.instance.aanbieder_id
        if aanbieder and data.get("gemeenten"):
            self.add_error("gemeenten", _("Een gebruiker heeft als scope óf gemeenten óf één aanbieder, niet beide."))
        elif (
            not beheerder_covers_every_gemeente(beheerder) and "gemeenten" in self.fields and not data.get("gemeenten")
        ):
            self.add_error(
                "gemeenten",
                _("Kies ten minste één gemeente binnen uw scope: een gebruiker zonder gemeente beheert u niet."),
            )
        return data


@admin.register(User)
class UserAdmin(UserModelAdmin):
    """Users, their roles (groups) and scope, for the beheerder who manages them."""

    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_system", "team")
    list_filter = (
        "is_active",
        "is_system",
        ("groups", admin.RelatedOnlyFieldListFilter),
        ("gemeenten", admin.RelatedOnlyFieldListFilter),
        "team",
    )
    filter_horizontal = ("groups", "gemeenten")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rollen en scope"), {"fields": ("groups", "gemeenten", "aanbieder", "team", "is_system")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    superuser_fieldsets = ((_("Rechten (alleen superuser)"), {"fields": ("is_superuser", "user_permissions")}),)
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Rollen en scope"), {"fields": ("groups", "gemeenten", "team", "is_system")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return users_for_beheerder(beheerder=authenticated_user(request)).select_related("team")

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and authenticated_user(request).is_superuser:
            return (*fieldsets, *self.superuser_fieldsets)
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        beheerder = authenticated_user(request)
        readonly = ["last_login", "date_joined"]
        if beheerder.is_superuser:
            return readonly
        readonly.append("is_staff")  # staff and superuser rights are given by a superuser only
        if not beheerder_covers_every_gemeente(beheerder):
            readonly.append("aanbieder")  # aanbieder accounts: see accounts/selectors.py
        if obj is not None and obj.pk == beheerder.pk:
            readonly.extend(field for field in SCOPE_FIELDS if field not in readonly)  # never one's own rights
        return readonly

    def get_form(self, request: HttpRequest, obj: User | None = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(f"Scoped{form.__name__}", (ScopedUserForm, form), {"beheerder": authenticated_user(request)})


@admin.register(Team)
class TeamAdmin(RegionWideAdminMixin, TeamModelAdmin):
    """Teams have no gemeente: changed by a beheerder of the whole region."""

    list_display = ("naam",)


class ApiTokenAddForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ApiToken
        fields = ("user", "description")


@admin.register(ApiToken)
class ApiTokenAdmin(ApiTokenModelAdmin):
    """Who holds which token until when: made here (the key is shown once), revoked here."""

    list_display = ("prefix", "user", "description", "status", "expires_at", "last_used_at", "created_by")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "description", "prefix")
    actions = ("revoke",)
    fields = ("user", "description", "prefix", "created_at", "created_by", "expires_at", "revoked_at", "revoked_by")

    @admin.display(description=_("status"))
    def status(self, token: ApiToken) -> str:
        if token.revoked_at is not None:
            return str(_("ingetrokken"))
        if token.expires_at <= timezone.now():
            return str(_("verlopen"))
        return str(_("actief"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        return api_tokens_for_beheerder(beheerder=authenticated_user(request))

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        return ("user", "description") if obj is None else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        return () if obj is None else self.fields

    def get_form(self, request: HttpRequest, obj: ApiToken | None = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            beheerder = authenticated_user(request)
            form.base_fields["user"].queryset = system_accounts_for_beheerder(beheerder=beheerder)  # type: ignore[attr-defined]
        return form

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoked, never deleted: the list keeps who held which

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # nothing of a token changes but its revocation (the action)
        token, key = api_token_create(user=obj.user, description=obj.description, actor=authenticated_user(request))
        obj.__dict__.update({name: value for name, value in token.__dict__.items() if not name.startswith("_")})
        request.api_token_key = key  # type: ignore[attr-defined]  # shown once, by response_add

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None) -> HttpResponse:
        context = {**self.admin_site.each_context(request), "token": obj, "key": request.api_token_key}  # type: ignore[attr-defined]
        response = TemplateResponse(request, "admin/accounts/apitoken/created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Geselecteerde tokens intrekken"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        beheerder = authenticated_user(request)
        revoked = sum(api_token_revoke(token=token, actor=beheerder) for token in queryset)
        self.message_user(request, _("%(count)d token(s) ingetrokken.") % {"count": revoked}, messages.SUCCESS)
