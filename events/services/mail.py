"""What every email about an event shows, shared by the services that send them."""

from django.urls import reverse

from citytwins.links import site_url
from events.models import Event
from events.times import event_when


def event_context(event: Event) -> dict:
    """The event, its time on the host city's clock with the zone's name, and its links."""
    return {
        "event": event,
        "when": event_when(event),
        "event_url": site_url(event.get_absolute_url()),
        "calendar_url": site_url(reverse("events:event_ics", kwargs={"slug": event.slug})),
    }
