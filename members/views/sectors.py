"""The sectors of cooperation: the list with its sector × twin matrix, and a sector's page.

Projects and practices belong to the projects app, which members does not import: they are read
through the reverse relations that app points at sectors and twins with (`sector.projects`,
`sector.practices`, `CityTwin.objects.sector_counts()`).
"""

from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from citytwins.listing import listing_paginate
from citytwins.pagecache import cache_public_page
from members.forms import PageForm
from members.models import CityTwin, Sector, SharedService
from members.models.cooperation import PUBLISHED
from members.networkmap import name_columns, name_in_language

# Rows of the matrix on a page: the association's record (seven twins) fits on one.
MATRIX_ROWS = 50
# Twins, projects and practices a sector's page shows; the lists they link to hold them all.
SECTOR_SHOWS = 24


@dataclass
class MatrixTwin:
    """A row's twin: read as plain values, as a page of the matrix needs no more."""

    slug: str
    name: str

    @property
    def url(self) -> str:
        return reverse("members:twin_detail", kwargs={"slug": self.slug})


def _per_sector(queryset, relation: str, **condition) -> dict[int, int]:
    rows = (
        queryset.filter(**condition)
        .values_list("pk")
        .annotate(count=Count(relation, distinct=True))
        .order_by()
    )
    return dict(rows)


def shade(count: int) -> int:
    """The matrix's shade for a cell's count: 0 (none), then 1–4 as the count grows."""
    for level, at_least in ((4, 7), (3, 4), (2, 2), (1, 1)):
        if count >= at_least:
            return level
    return 0


@require_safe
@cache_public_page
def sector_list(request):
    """The sectors, and a matrix of projects and practices per twin and sector, in pages of
    MATRIX_ROWS twins."""
    sectors = list(Sector.objects.with_service_counts().order_by("position", "name"))
    rows = CityTwin.objects.order_by("position", "name").values_list("pk", "slug", *name_columns())
    twins = [(pk, MatrixTwin(slug=slug, name=name_in_language(names))) for pk, slug, *names in rows]
    form = PageForm(request.GET)
    listing = listing_paginate(twins, form=form, shown=PageForm({}), per_page=MATRIX_ROWS)
    projects = _per_sector(Sector.objects, "projects", projects__publication=PUBLISHED)
    practices = _per_sector(Sector.objects, "practices", practices__publication=PUBLISHED)
    counts = CityTwin.objects.sector_counts()
    # Twins in each sector by the one rule of CityTwinQuerySet.in_sector.
    twin_counts = CityTwin.objects.twins_per_sector(counts)
    for sector in sectors:
        sector.twin_count = twin_counts[sector.pk]
        sector.project_count = projects.get(sector.pk, 0)
        sector.practice_count = practices.get(sector.pk, 0)

    empty = {"projects": 0, "practices": 0}
    rows = []
    for pk, twin in listing.items:
        cells = []
        for sector in sectors:
            cell = counts.get((pk, sector.pk), empty)
            total = cell["projects"] + cell["practices"]
            cells.append({"sector": sector, **cell, "shade": shade(total)})
        rows.append({"twin": twin, "cells": cells})
    return render(
        request,
        "members/sector_list.html",
        {"sectors": sectors, "matrix": rows, "listing": listing, "has_content": bool(counts)},
    )


@require_safe
@cache_public_page
def sector_detail(request, slug):
    """A sector with its twins, the services they share, and its projects and practices."""
    sector = get_object_or_404(Sector, slug=slug)
    twins = list(CityTwin.objects.in_sector(sector).with_cities()[: SECTOR_SHOWS + 1])
    services = (
        SharedService.objects.filter(sector=sector)
        .select_related("twin")
        .order_by("twin__position", "position", "name")
    )
    projects = list(sector.projects.published()[: SECTOR_SHOWS + 1])
    practices = list(sector.practices.published()[: SECTOR_SHOWS + 1])
    return render(
        request,
        "members/sector_detail.html",
        {
            "sector": sector,
            "twins": twins[:SECTOR_SHOWS],
            "services": services,
            "projects": projects[:SECTOR_SHOWS],
            "practices": practices[:SECTOR_SHOWS],
            # Beyond SECTOR_SHOWS a list links to the whole one, filtered by the sector.
            "more": {
                "twins": len(twins) > SECTOR_SHOWS,
                "projects": len(projects) > SECTOR_SHOWS,
                "practices": len(practices) > SECTOR_SHOWS,
            },
            "more_query": f"sector={sector.slug}",
        },
    )
