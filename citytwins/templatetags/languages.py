"""The page in every language (the header's switcher, the head's hreflang links) and which part
of the site a path is in, whatever its language prefix."""

from django import template

from citytwins.languages import PageLanguages, page_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def languages_of_page(context) -> PageLanguages | None:
    request = context.get("request")
    return page_languages(request) if request is not None else None


@register.filter
def path_under(path: str, prefix: str) -> bool:
    """True when `path` is `prefix` or below it: /pl/twins/tornio-haparanda/ under /pl/twins/."""
    return bool(prefix) and str(path).startswith(str(prefix))
