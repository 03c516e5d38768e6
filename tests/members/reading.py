"""Reading the directory's pages as a person would: text, listed twins, cards, CSV rows."""

import csv
import html
import io
import re

RECORD = {
    "imatra-svetogorsk": [("Imatra", "Finland", "Member"), ("Svetogorsk", "Russia", "Member")],
    "narva-ivangorod": [("Narva", "Estonia", "Member"), ("Ivangorod", "Russia", "Member")],
    "frankfurt-oder-slubice": [
        ("Frankfurt (Oder)", "Germany", "Member"),
        ("Słubice", "Poland", "Cooperating partner"),
    ],
    "gorlitz-zgorzelec": [
        ("Görlitz", "Germany", "Member"),
        ("Zgorzelec", "Poland", "Cooperating partner"),
    ],
    "tornio-haparanda": [("Tornio", "Finland", "Member"), ("Haparanda", "Sweden", "Member")],
    "valka-valga": [("Valka", "Latvia", "Member"), ("Valga", "Estonia", "Member")],
    "cieszyn-cesky-tesin": [
        ("Cieszyn", "Poland", "Cooperating partner"),
        ("Český Těšín", "Czechia", "Prospective member"),
    ],
}


def readable(markup: str) -> str:
    """Markup as a screen reader reads it: hidden leaves and tags dropped, spaces collapsed."""
    markup = re.sub(r'<(\w+)[^>]*aria-hidden="true"[^>]*>[^<]*</\1>', " ", markup)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def page_text(response) -> str:
    return readable(response.content.decode())


def listed(response) -> list[str]:
    """Slugs of the twins the directory lists, in order."""
    match = re.search(r'<ol class="twin-list".*?</ol>', response.content.decode(), re.S)
    if match is None:
        return []
    return re.findall(r'<h3 id="twin-([\w-]+)"', match.group(0))


def cards(response) -> dict[str, str]:
    """Each listed twin's card, as text."""
    content = response.content.decode()
    found = {}
    for slug in listed(response):
        start = content.index(f'<article class="card twin-card" aria-labelledby="twin-{slug}"')
        end = content.index("</article>", start)
        found[slug] = readable(content[start:end])
    return found


# The directory


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="city-twins.csv"'
    assert response.content.startswith("\ufeff".encode())  # so spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
