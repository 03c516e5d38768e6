"""The public library of practices: good ones to copy, bad ones to learn from."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from citytwins.listing import listing_paginate
from citytwins.pagecache import cache_public_page
from members.models import CityTwin, Sector
from projects.forms.filters import PracticeFilterForm
from projects.models import Practice


@require_safe
@cache_public_page
def practice_list(request):
    """The published practices, filtered by the query string."""
    choices = {
        "sectors": list(Sector.objects.all()),
        "twins": list(CityTwin.objects.order_by("name")),
    }
    form = PracticeFilterForm(request.GET, **choices)
    applied = form.applied()
    practices = Practice.objects.published()
    if applied.get("kind"):
        practices = practices.filter(kind=applied["kind"])
    if applied.get("sector"):
        practices = practices.in_sector(applied["sector"])
    if applied.get("twin"):
        practices = practices.of_twin(applied["twin"])
    if applied.get("q"):
        practices = practices.search(applied["q"])
    shown = PracticeFilterForm(form.applied_query(leave_out=("page",)), **choices)
    listing = listing_paginate(
        practices.prefetch_related("twins", "sectors"), form=form, shown=shown
    )
    return render(
        request,
        "projects/practice_list.html",
        {"listing": listing, "practices": listing.items},
    )


@require_safe
@cache_public_page
def practice_detail(request, slug):
    """A published practice; a bad one reads as a lesson, not as anyone's failure."""
    practice = get_object_or_404(
        Practice.objects.published()
        .select_related("project")
        .prefetch_related("twins", "sectors", "evidence_links"),
        slug=slug,
    )
    project = practice.project if practice.project and practice.project.is_published else None
    return render(
        request, "projects/practice_detail.html", {"practice": practice, "project": project}
    )
