"""What an event's admin page holds besides the event: its documents, decisions and action
items as inlines, and the change list's state filter."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.forms import EventDocumentAdminForm
from events.models import ActionItem, Decision, EventDocument


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    form = EventDocumentAdminForm
    extra = 0
    fields = ["title", "kind", "upload", "download", "position"]
    readonly_fields = ["download"]

    @admin.display(description=_("stored file"))
    def download(self, document):
        if document.pk is None:
            return "—"
        url = reverse(
            "events:document_download", kwargs={"slug": document.event.slug, "key": document.key}
        )
        return format_html(
            '<a href="{}">{}</a> ({}, {} bytes)',
            url,
            document.download_name(),
            document.extension.upper(),
            document.size,
        )


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["text", "position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget.attrs.update({"rows": 2, "class": "vLargeTextField"})
        return field


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["text", "owner", "due_on", "status", "position"]
    autocomplete_fields = ["owner"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget.attrs.update({"rows": 2, "class": "vLargeTextField"})
        return field


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("published", _("Published")),
            ("cancelled", _("Cancelled")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(published_at__isnull=True)
        if self.value() == "published":
            return queryset.filter(published_at__isnull=False, cancelled_at__isnull=True)
        if self.value() == "cancelled":
            return queryset.filter(cancelled_at__isnull=False)
        return queryset
