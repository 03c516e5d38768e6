"""Calendar subscriptions in templates of pages that are not the events' own (a twin's page, a
sector's page)."""

from django import template

from events.subscriptions import feed_links

register = template.Library()


@register.simple_tag
def calendar_feeds(*, twin=None, sector=None) -> list[dict[str, str]]:
    """{% calendar_feeds twin=twin as feeds %}: the feeds to offer, all events' first."""
    return feed_links(twin=twin, sector=sector)
