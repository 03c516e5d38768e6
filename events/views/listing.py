"""The events list and an event's page."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from citytwins.pagecache import cache_public_page
from events.forms import EventFilterForm
from events.models import (
    ActionItem,
    Decision,
    Event,
    EventDocument,
    Registration,
    RegistrationStatus,
    reads_as_member,
)
from events.services.registrations import waitlist_position
from events.subscriptions import feed_links
from members.models import CityTwin, Sector

PER_PAGE = 20


@dataclass
class Listing:
    """The events a list request asks for, and what it asked."""

    form: EventFilterForm
    query: str
    ignored: list[tuple[str, str]]
    past: bool
    filtered: bool
    twin: CityTwin | None
    sector: Sector | None
    upcoming_query: str
    past_query: str


def listing_read(request) -> tuple[Listing, object]:
    """Apply the valid filters of the query string; name the ones that are not valid."""
    visible = Event.objects.visible_to(request.user)
    twins = list(CityTwin.objects.order_by("position", "name").only("slug", "name"))
    sectors = list(Sector.objects.all())
    years = sorted({day.year for day in visible.dates("starts_at", "year")}, reverse=True)
    form = EventFilterForm(request.GET, twins=twins, sectors=sectors, years=years)
    applied = form.applied()

    events = visible.select_related("host_city", "host_twin").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("position", "name"))
    )
    if applied.get("kind"):
        events = events.filter(kind=applied["kind"])
    if applied.get("twin"):
        events = events.filter(host_twin__slug=applied["twin"])
    if applied.get("sector"):
        events = events.filter(sectors__slug=applied["sector"])
    if applied.get("year"):
        events = events.filter(starts_at__year=applied["year"])
    past = applied.get("when") == "past"
    events = events.past() if past else events.upcoming()

    listing = Listing(
        form=EventFilterForm(form.applied_query(), twins=twins, sectors=sectors, years=years),
        query=form.applied_query().urlencode(),
        ignored=form.ignored(),
        past=past,
        filtered=any(name != "when" for name in applied),
        twin=next((twin for twin in twins if twin.slug == applied.get("twin")), None),
        sector=next((sector for sector in sectors if sector.slug == applied.get("sector")), None),
        upcoming_query=form.applied_query(when="").urlencode(),
        past_query=form.applied_query(when="past").urlencode(),
    )
    return listing, events


@require_safe
@cache_public_page
def event_list(request):
    """Upcoming (or past) events, filtered by kind, host twin, sector and year."""
    listing, events = listing_read(request)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "listing": listing,
            "page": page,
            "events": page.object_list,
            "feeds": feed_links(twin=listing.twin, sector=listing.sector),
        },
    )


@require_safe
@cache_public_page
def event_detail(request, slug):
    """An event; members also read its documents, decisions and action items. A members-only
    event answers 404 to everyone else."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user)
        .select_related("host_city", "host_twin")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("position"))),
        slug=slug,
    )
    member = reads_as_member(request.user)
    mine = position = None
    if request.user.is_authenticated:
        mine = Registration.objects.filter(event=event, person=request.user).first()
        if mine is not None and mine.status == RegistrationStatus.WAITLISTED:
            position = waitlist_position(mine)
    records = {}
    if member:
        records = {
            "documents": list(EventDocument.objects.filter(event=event)),
            "decisions": list(Decision.objects.filter(event=event)),
            "action_items": list(ActionItem.objects.filter(event=event).select_related("owner")),
        }
    counts = event.registrations.counts()
    places_left = None
    if event.capacity is not None:
        places_left = max(event.capacity - counts["confirmed"], 0)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "member": member,
            "mine": mine,
            "position": position,
            "counts": counts,
            "places_left": places_left,
            "registration_state": event.registration_state(),
            "feeds": feed_links(twin=event.host_twin),
            **records,
        },
    )
