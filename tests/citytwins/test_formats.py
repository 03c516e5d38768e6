"""Dates, times and amounts as each language writes them (citytwins/formats, the `money`
filter): Finnish 10.03.2027 klo 10.00 and 1 234,50 €; English keeps the portal's own."""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from events.times import event_when, event_when_short

NBSP = "\xa0"
HELSINKI = ZoneInfo("Europe/Helsinki")
START = datetime.datetime(2027, 3, 10, 10, 0, tzinfo=HELSINKI)


def rendered(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load amounts %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", f"1{NBSP}234,50{NBSP}€"),
        ("de", f"1.234,50{NBSP}€"),
        ("pl", f"1{NBSP}234,50{NBSP}€"),
        ("et", f"1{NBSP}234,50{NBSP}€"),
        ("en", "€1,234.50"),
    ],
)
def test_amounts_in_euros_as_each_language_writes_them(language, expected):
    assert rendered("{{ amount|money }}", language, amount=Decimal("1234.50")) == expected


def test_whole_amounts_have_no_cents_and_nothing_is_shown_for_no_amount():
    assert rendered("{{ amount|money }}", "de", amount=Decimal("250000")) == f"250.000{NBSP}€"
    assert rendered("{{ amount|money }}", "fi", amount=None) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "10.03.2027 klo 10.00"),
        ("de", "10.03.2027 10:00"),
        ("pl", "10.03.2027, 10:00"),
        ("en", "10 Mar 2027, 10:00"),
    ],
)
def test_short_date_and_time(language, expected):
    assert rendered('{{ when|date:"SHORT_DATETIME_FORMAT" }}', language, when=START) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "10. maaliskuuta 2027"),
        ("de", "10. März 2027"),
        ("pl", "10 marca 2027"),
        ("en", "10 March 2027"),
    ],
)
def test_long_dates(language, expected):
    assert rendered('{{ day|date:"DATE_FORMAT" }}', language, day=START.date()) == expected


def meeting(hours: int = 3):
    return SimpleNamespace(
        zone=HELSINKI, starts_at=START, ends_at=START + datetime.timedelta(hours=hours)
    )


def test_a_meeting_s_time_in_finnish_and_in_english():
    with translation.override("fi"):
        assert event_when_short(meeting()) == "10.03.2027 klo 10.00 EET"
        assert event_when(meeting()) == (
            "keskiviikko 10. maaliskuuta 2027 klo 10.00–13.00 EET (Europe/Helsinki)"
        )
    with translation.override("en"):
        assert event_when_short(meeting()) == "10 Mar 2027, 10:00 EET"
        assert event_when(meeting()) == (
            "Wednesday 10 March 2027, 10:00–13:00 EET (Europe/Helsinki)"
        )
    with translation.override("de"):
        assert event_when_short(meeting()) == "10.03.2027 10:00 EET"
