"""An event's times in templates, on the host city's clock with the zone's name."""

from django import template

from events.times import event_when, event_when_short

register = template.Library()


@register.filter(name="when")
def when_filter(event) -> str:
    return event_when(event)


@register.filter(name="when_short")
def when_short_filter(event) -> str:
    return event_when_short(event)
