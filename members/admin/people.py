"""People who sign in, and the invitations that brought them."""

from allauth.account.admin import EmailAddressAdmin as BaseEmailAddressAdmin
from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from members.forms import (
    NormalAddressMixin,
    UserAdminChangeForm,
    UserAdminCreationForm,
)
from members.models import (
    Invitation,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from a city's page; here the secretary sees what became of them."""

    list_display = ["email", "city", "invited_by", "created_at", "expires_at", "state"]
    list_filter = ["city__twin"]
    list_select_related = ["city", "invited_by"]
    search_fields = ["email", "name", "city__name"]
    readonly_fields = [
        "email",
        "name",
        "city",
        "invited_by",
        "user",
        "created_at",
        "expires_at",
        "accepted_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("state"))
    def state(self, invitation):
        if invitation.is_used:
            return _("accepted")
        if invitation.is_expired:
            return _("expired")
        return _("waiting")


class EmailAddressForm(NormalAddressMixin, forms.ModelForm):
    class Meta:
        model = EmailAddress
        fields = ["user", "email", "verified", "primary"]


# allauth's admin for a person's addresses, storing the one normal spelling like every other path.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(BaseEmailAddressAdmin):
    form = EmailAddressForm
