"""Amounts of money as the reader writes them: 1 234,50 € in Finnish, 1.234,50 € in German,
€1,234.50 in English."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import translation
from django.utils.formats import number_format

from citytwins.formats import EURO_BEFORE_AMOUNT

register = template.Library()


@register.filter
def money(value) -> str:
    """Euros with the reader's grouping and decimal mark; whole amounts without cents."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    if translation.get_language() in EURO_BEFORE_AMOUNT:
        return f"€{number}"
    return f"{number}\xa0€"
