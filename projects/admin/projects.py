"""Projects in the admin: partners and funding lines inline, status history, publishing,
export, and every change kept with a revert."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from members.admin.base import HistoryAdmin
from projects.admin.publication import ProposalAdmin, SampleFilter, TwinFilter
from projects.exports import csv_response, xlsx_response
from projects.forms.admin import ProjectAdminForm
from projects.forms.proposals import (
    BaseFundingLineFormSet,
    BasePartnerFormSet,
    PartnerForm,
)
from projects.models import (
    FundingLine,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
)
from projects.rows import ADMIN_HEADER, project_rows
from projects.services.proposals import partners_save
from projects.services.status import project_status_change


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    form = PartnerForm
    formset = BasePartnerFormSet
    extra = 0
    fields = ["city", "organisation", "country", "role", "position"]

    def get_queryset(self, request):
        # Each row's title names its city: read with the rows, not one query per row.
        return super().get_queryset(request).select_related("city")


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    formset = BaseFundingLineFormSet
    extra = 0
    fields = ["programme", "amount", "status", "call_deadline", "decision_on", "position"]

    def get_queryset(self, request):
        # Each row's title names its programme: read with the rows.
        return super().get_queryset(request).select_related("programme")


class StatusChangeInline(admin.TabularInline):
    """The pipeline as it went; a change is made with the status field above, never here."""

    model = ProjectStatusChange
    extra = 0
    can_delete = False
    fields = ["status", "changed_on", "changed_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ProgrammeFilter(admin.SimpleListFilter):
    title = _("programme")
    parameter_name = "programme"

    def lookups(self, request, model_admin):
        return list(Programme.objects.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value() in {slug for slug, _name in self.lookup_choices}:
            return queryset.with_programme(self.value())
        return queryset


@admin.register(Project)
class ProjectAdmin(ProposalAdmin):
    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False
    form = ProjectAdminForm
    list_display = [
        "title",
        "sample",
        "publication",
        "status",
        "lead_partner",
        "active_years",
        "proposed_for",
        "updated_at",
    ]
    list_filter = [
        "publication",
        "status",
        SampleFilter,
        "sectors",
        ProgrammeFilter,
        TwinFilter,
    ]
    list_select_related = ["proposed_for"]
    search_help_text = _("Title, summary, description or a partner city; accents optional.")
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnerInline, FundingLineInline, StatusChangeInline]
    actions = [*ProposalAdmin.actions, "export_csv", "export_xlsx"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "website", "is_sample"]}),
        (_("Pipeline"), {"fields": [("status", "status_on"), ("starts_on", "ends_on")]}),
        (_("Sectors and money"), {"fields": ["sectors", "total_budget"]}),
        (None, {"fields": ["outcomes"]}),
        (
            _("Publication"),
            {"fields": [*ProposalAdmin.proposal_readonly]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("partners", queryset=ProjectPartner.objects.select_related("city"))
            )
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sectors":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """The status changes through the pipeline's service, which keeps the change."""
        status = obj.status
        if change:
            obj.status = Project.objects.values_list("status", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        project_status_change(
            project=obj, status=status, on=form.cleaned_data.get("status_on"), by=request.user
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is ProjectPartner:
            partners_save(formset)
        else:
            super().save_formset(request, form, formset, change)

    @admin.display(description=_("years"), ordering="starts_on")
    def active_years(self, project):
        return project.years

    @admin.display(description=_("lead partner"))
    def lead_partner(self, project):
        lead = project.lead
        return lead.name if lead else "—"

    def _export_rows(self, queryset):
        projects = queryset.prefetch_related(None).prefetch_related(
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("city__twin")),
            "sectors",
            Prefetch("funding_lines", queryset=FundingLine.objects.select_related("programme")),
        )
        return project_rows(projects, with_publication=True)

    @admin.action(description=_("Export the selected projects as CSV"))
    def export_csv(self, request, queryset):
        return csv_response(
            filename="projects.csv", header=ADMIN_HEADER, rows=self._export_rows(queryset)
        )

    @admin.action(description=_("Export the selected projects as Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return xlsx_response(
            filename="projects.xlsx",
            sheet_title=_("Projects"),
            header=ADMIN_HEADER,
            rows=self._export_rows(queryset),
        )


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(HistoryAdmin):
    """Each partner row with its own history, so one can be reverted on its own."""

    list_display = ["__str__", "project", "role", "country"]
    list_filter = ["role"]
    list_select_related = ["project", "city"]
    search_fields = ["project__title", "city__name", "organisation"]
    autocomplete_fields = ["project", "city"]


@admin.register(FundingLine)
class FundingLineAdmin(HistoryAdmin):
    """Every funding line of every project: what was asked of which programme, and the answer."""

    list_display = ["project", "programme", "amount", "status", "call_deadline", "decision_on"]
    list_filter = ["status", "programme"]
    list_select_related = ["project", "programme"]
    search_fields = ["project__title", "programme__name"]
    autocomplete_fields = ["project"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
