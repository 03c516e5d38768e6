"""What city staff save through the forms never reaches a public page as executable markup."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from members.models import City, CityTwin
from tests.factories import UserFactory
from tests.members.test_my import city_post, twin_post

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(\'x\')">',
    "<body onload=alert(1)>",
    "<div onmouseover=alert(1)>hover</div>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<style>@import "javascript:alert(1)";</style>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '<a href="#" onclick="alert(1)">x</a>',
]

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "style",
    "base",
    "meta",
    "math",
    "svg",
    "details",
    "body",
    "img",
    "animate",
    "noscript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


class Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = Counter()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            cleaned = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "javascript" in cleaned:
                self.problems.append(f"<{tag} style=…>")


def parsed(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    return parser


@pytest.fixture
def staff(network):
    return UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio"))


def test_at_least_thirty_payloads():
    assert len(PAYLOADS) >= 30


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_saved_through_the_forms_is_inert_on_public_pages(client, staff, payload):
    baseline = {
        url: parsed(client.get(url).content.decode())
        for url in ["/twins/tornio-haparanda/", "/twins/", "/"]
    }
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    city = City.objects.get(slug="tornio")
    client.force_login(staff)
    count = twin.services.count()
    client.post(
        "/my/twins/tornio-haparanda/",
        twin_post(
            twin,
            summary=payload[:300],
            description=payload,
            website=payload[:200],
            **{f"services-{count}-name": payload[:200], f"services-{count}-description": payload},
        ),
    )
    data = city_post(city, description=payload, native_name=payload[:120])
    data |= {
        "contacts-0-name": payload[:150],
        "contacts-0-role": payload[:150],
        "contacts-0-visibility": "public",
    }
    client.post("/my/cities/tornio/", data)
    client.logout()

    for url, before in baseline.items():
        after = parsed(client.get(url).content.decode())
        assert after.problems == [], url
        for tag in DANGEROUS_TAGS:
            assert after.tags[tag] <= before.tags[tag], f"{url}: <{tag}> appeared"
