import pytest
from django.template import Context, Template

from citytwins.templatetags.markup import markdown_to_html


def render(text: str) -> str:
    return Template("{% load markup %}{{ text|markdown }}").render(Context({"text": text}))


def test_markdown_becomes_html():
    html = render("Two **towns**, one [website](https://www.citytwins.net).\n\n- a\n- b")
    assert "<strong>towns</strong>" in html
    assert '<a href="https://www.citytwins.net" rel="noopener noreferrer nofollow">' in html
    assert "<ul>\n<li>a</li>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=\"alert('x')\">",
        '<a href="https://x.example" onclick="alert(\'x\')">link</a>',
        "[link](javascript:alert('x'))",
        "<a href=\"JaVaScRiPt:alert('x')\">link</a>",
        '<iframe src="https://evil.example"></iframe>',
        "<p style=\"background:url(javascript:alert('x'))\">styled</p>",
        "<svg onload=\"alert('x')\"></svg>",
        "[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgneCcpPC9zY3JpcHQ+)",
    ],
)
def test_markdown_drops_scripts_event_handlers_and_dangerous_links(attack):
    html = markdown_to_html(f"Before {attack} after")
    for bad in [
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "<iframe",
        "style=",
        "data:text",
        "alert('x')</script",
    ]:
        assert bad not in html.lower(), bad
    assert "Before" in html and "after" in html


def test_markdown_keeps_no_page_heading_and_tolerates_nothing():
    assert "<h1" not in markdown_to_html("# Title")
    assert render(None) == ""
    assert render("") == ""
