"""The library of practices in the admin: only the secretary publishes."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from projects.admin.publication import ProposalAdmin, SampleFilter, TwinFilter
from projects.models import EvidenceLink, Practice


class EvidenceLinkInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0
    fields = ["title", "url", "position"]


@admin.register(Practice)
class PracticeAdmin(ProposalAdmin):
    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False
    list_display = ["title", "kind", "sample", "publication", "proposed_for", "updated_at"]
    list_filter = ["kind", "publication", SampleFilter, "sectors", TwinFilter]
    list_select_related = ["proposed_for"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["project"]
    inlines = [EvidenceLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "is_sample"]}),
        (None, {"fields": ["sectors", "twins", "project"]}),
        (
            None,
            {"fields": ["context", "what_was_done", "what_happened", "lessons", "transferability"]},
        ),
        (_("Publication"), {"fields": [*ProposalAdmin.proposal_readonly]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in {"sectors", "twins"}:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
