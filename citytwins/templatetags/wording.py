"""Wording of pages we do not write ourselves (allauth's): one line, sentence case."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# A capitalised word after the first: "Sign In" → "Sign in", "Two-Factor" → "Two-factor".
# Words in capitals (TOTP) and text inside tags stay as they are.
_LATER_WORD = re.compile(r"(?<=[\w][ -])([A-Z][a-z]+)\b")
_TAG = re.compile(r"(<[^>]*>)")


@register.filter
def one_line(text: str) -> str:
    """Collapse the whitespace a multi-line block leaves, so a title reads on one line."""
    return " ".join(str(text).split())


@register.filter
def sentence_case(text: str) -> SafeString:
    """'Change Password' → 'Change password'; markup passes through untouched. English only:
    German capitalises its nouns ('Neues Passwort'), and other languages write as they write."""
    if not (get_language() or "en").startswith("en"):
        return text
    parts = _TAG.split(str(text))
    cased = [
        part if part.startswith("<") else _LATER_WORD.sub(lambda m: m.group(1).lower(), part)
        for part in parts
    ]
    result = "".join(cased)
    return mark_safe(result) if isinstance(text, SafeString) else result  # noqa: S308


# Languages whose nouns keep their capital inside a sentence.
NOUNS_CAPITALISED = ("de",)


@register.filter
def in_sentence(label: str) -> str:
    """A label ("Member", "Granted") as a word inside a sentence: lower case, except where the
    language capitalises its nouns (German: "Mitglied" stays "Mitglied")."""
    if (get_language() or "en").split("-")[0] in NOUNS_CAPITALISED:
        return str(label)
    return str(label).lower()
