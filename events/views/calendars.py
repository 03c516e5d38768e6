"""Calendar files: one event's, and the public feeds (all, per twin, per sector)."""

from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from citytwins.pagecache import cache_public_page, conditional_on_content
from events.calendars import CONTENT_TYPE, calendar_build, event_calendar
from events.models import Event
from members.models import CityTwin, Sector


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@conditional_on_content
@cache_public_page
def event_ics(request, slug):
    """One event's calendar file; a members-only event's answers 404 to everyone else."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("host_city", "host_twin"),
        slug=slug,
    )
    return _calendar_response(event_calendar(event), f"{event.slug}.ics")


@require_safe
@conditional_on_content
@cache_public_page
def feed(request):
    """The public events as a calendar to subscribe to; ?twin= and ?sector= narrow it to the
    events one twin hosts or one sector's. An unknown twin or sector answers 404, so a
    mistyped subscription fails where people can see it."""
    events = Event.objects.for_calendar()
    names = [_("City Twins Association: meetings and events")]
    twin_slug, sector_slug = request.GET.get("twin", ""), request.GET.get("sector", "")
    if any(value and not slug_re.fullmatch(value) for value in (twin_slug, sector_slug)):
        raise Http404
    if twin_slug:
        twin = get_object_or_404(CityTwin, slug=twin_slug)
        events = events.filter(host_twin=twin)
        names.append(twin.name)
    if sector_slug:
        sector = get_object_or_404(Sector, slug=sector_slug)
        events = events.filter(sectors=sector)
        names.append(sector.name)
    return _calendar_response(calendar_build(events, name=" · ".join(names)), "events.ics")
