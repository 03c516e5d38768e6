"""Markdown that people type (descriptions, agendas, practices), made safe to show."""

import markdown as markdown_library
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# What a description may use. No h1: the page has its own. No images, no raw HTML beyond these.
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def markdown_to_html(text: str) -> str:
    """Render Markdown, then keep only the allowed tags, attributes and link schemes."""
    html = markdown_library.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(markdown_to_html(text))  # noqa: S308 (sanitised by nh3 above)
