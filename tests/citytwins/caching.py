"""Reading public pages as an anonymous visitor while the page cache is on."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.members.reading import page_text


def fetched(client, url: str, **headers) -> tuple[object, int]:
    """The response and the number of database queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def text_of(response) -> str:
    if response["Content-Type"].startswith("text/html"):
        return page_text(response)
    if response["Content-Type"].startswith("text/"):
        return response.content.decode("utf-8-sig")
    return ""  # a workbook: its bytes are compared, not read


def kept_text(client, url: str) -> str:
    """Read a page twice: the second answer comes from the cache (no query), unchanged."""
    first, first_queries = fetched(client, url)
    assert first.status_code == 200, url
    assert first_queries > 0, f"{url} was already kept"
    again, again_queries = fetched(client, url)
    assert again_queries == 0, f"{url} was not kept ({again_queries} queries)"
    assert again.content == first.content, url
    return text_of(again)
