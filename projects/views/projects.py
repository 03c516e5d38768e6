"""The public projects: the list (with its timeline and funding summary), a project's page, and
the list as CSV and XLSX."""

from django.db.models import F, Prefetch, Sum
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django_countries.fields import Country

from citytwins.listing import Listing, listing_paginate
from citytwins.pagecache import cache_public_page, conditional_on_content
from members.geography import network_map
from members.models import City, CityTwin, Sector
from projects.exports import csv_response, xlsx_response
from projects.forms.filters import ProjectFilterForm
from projects.models import (
    FundingLine,
    FundingStatus,
    Practice,
    Programme,
    Project,
    ProjectPartner,
)
from projects.rows import PROJECT_HEADER, project_rows
from projects.timeline import timeline_for

PARTNERS = Prefetch("partners", queryset=ProjectPartner.objects.select_related("city__twin"))
FUNDING_LINES = Prefetch("funding_lines", queryset=FundingLine.objects.select_related("programme"))


def _filter_form(data) -> tuple[ProjectFilterForm, dict]:
    codes = (
        City.objects.order_by()
        .values_list("country", flat=True)
        .union(ProjectPartner.objects.exclude(country="").order_by().values_list("country"))
        .order_by()
    )
    choices = {
        "sectors": list(Sector.objects.all()),
        "twins": list(CityTwin.objects.order_by("name")),
        "countries": sorted({Country(code) for code in codes}, key=lambda c: c.name),
        "programmes": list(Programme.objects.all()),
    }
    return ProjectFilterForm(data, **choices), choices


def projects_filter(request):
    """The published projects the query string asks for, in the order it asks; and its form."""
    form, choices = _filter_form(request.GET)
    applied = form.applied()
    projects = Project.objects.published()
    if applied.get("sector"):
        projects = projects.in_sector(applied["sector"])
    if applied.get("status"):
        projects = projects.filter(status=applied["status"])
    if applied.get("twin"):
        projects = projects.of_twin(applied["twin"])
    if applied.get("country"):
        projects = projects.in_country(applied["country"])
    if applied.get("programme"):
        projects = projects.with_programme(applied["programme"])
    if applied.get("year"):
        projects = projects.active_in(applied["year"])
    if applied.get("q"):
        projects = projects.search(applied["q"])
    sort = applied.get("sort")
    if sort == "title":
        projects = projects.order_by(Lower("title"), "pk")
    elif sort == "start":
        projects = projects.order_by(F("starts_on").asc(nulls_last=True), "title", "pk")
    shown = ProjectFilterForm(form.applied_query(leave_out=("page",)), **choices)
    return projects, form, shown


def funding_summary(projects) -> dict:
    """Amounts per programme and funding status over the projects, and the totals per status."""
    rows = (
        FundingLine.objects.filter(project__in=projects.order_by().values("pk"))
        .values("programme__name", "status")
        .annotate(total=Sum("amount"))
        .order_by("programme__name")
    )
    programmes: dict[str, dict] = {}
    totals = dict.fromkeys(FundingStatus.values, 0)
    for row in rows:
        amounts = programmes.setdefault(
            row["programme__name"], dict.fromkeys(FundingStatus.values, 0)
        )
        amounts[row["status"]] = row["total"]
        totals[row["status"]] += row["total"]
    return {
        "statuses": FundingStatus.choices,
        "programmes": [
            {"name": name, "amounts": [amounts[status] for status in FundingStatus.values]}
            for name, amounts in programmes.items()
        ],
        "totals": [totals[status] for status in FundingStatus.values],
    }


@require_safe
@cache_public_page
def project_list(request):
    """The projects, filtered by the query string; a timeline and the funding they have."""
    projects, form, shown = projects_filter(request)
    listing: Listing = listing_paginate(
        projects.prefetch_related(PARTNERS, "sectors", FUNDING_LINES), form=form, shown=shown
    )
    return render(
        request,
        "projects/project_list.html",
        {
            "listing": listing,
            "projects": listing.items,
            "timeline": timeline_for(listing.items, today=timezone.localdate()),
            "funding": funding_summary(projects),
        },
    )


@require_safe
@cache_public_page
def project_detail(request, slug):
    """A published project: partners, funding, status history, outcomes, practices, map."""
    project = get_object_or_404(
        Project.objects.published().prefetch_related(
            PARTNERS,
            "sectors",
            FUNDING_LINES,
            "status_changes",
            Prefetch(
                "practices", queryset=Practice.objects.published(), to_attr="published_practices"
            ),
        ),
        slug=slug,
    )
    twin_ids = [twin.pk for twin in project.twins()]
    twins = CityTwin.objects.with_cities().filter(pk__in=twin_ids) if twin_ids else []
    lines = list(project.funding_lines.all())
    granted = sum(line.amount for line in lines if line.status == FundingStatus.GRANTED)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "partners": project.partners_in_order(),
            "funding_lines": lines,
            "granted": granted,
            "network_map": network_map(twins) if twins else None,
        },
    )


def _export_rows(request):
    projects, _form, _shown = projects_filter(request)
    return project_rows(projects.prefetch_related(PARTNERS, "sectors", FUNDING_LINES))


@require_safe
@conditional_on_content
@cache_public_page
def project_csv(request):
    """The list as CSV, with the same filters as the page, every page at once."""
    return csv_response(filename="projects.csv", header=PROJECT_HEADER, rows=_export_rows(request))


@require_safe
@conditional_on_content
@cache_public_page
def project_xlsx(request):
    """The list as an Excel workbook, with the same filters as the page."""
    return xlsx_response(
        filename="projects.xlsx",
        sheet_title=gettext("Projects"),
        header=PROJECT_HEADER,
        rows=_export_rows(request),
    )
