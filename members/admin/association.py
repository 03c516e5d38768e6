"""The association's record: its one row, purposes and objectives."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from members.admin.base import HistoryAdmin
from members.models import (
    Association,
    Objective,
    Purpose,
)


class PurposeInline(TranslationTabularInline):
    model = Purpose
    extra = 0
    fields = ["text", "position"]


class ObjectiveInline(TranslationTabularInline):
    model = Objective
    extra = 0
    fields = ["text", "position"]


@admin.register(Purpose, Objective)
class AimAdmin(TranslationAdmin, HistoryAdmin):
    """Edited on the association's page; listed here for their history (who changed what)."""

    list_display = ["position", "text"]
    list_display_links = ["text"]
    search_fields = ["text"]


@admin.register(Association)
class AssociationAdmin(TranslationAdmin, HistoryAdmin):
    """The association's one record: it is edited, never added twice or deleted."""

    list_display = ["name", "founded_on", "secretary_name", "updated_at"]
    inlines = [PurposeInline, ObjectiveInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "founded_on", "origin", "summary", "background", "main_goal"]},
        ),
        (
            _("Secretariat"),
            {
                "fields": [
                    "secretary_name",
                    "secretary_title",
                    "organisation",
                    "street_address",
                    ("postal_code", "locality"),
                    "country",
                    "phone",
                    "email",
                    "website",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Association.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
