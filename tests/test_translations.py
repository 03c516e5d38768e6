"""The nine catalogues are complete, current and compiled, and no template text is left unmarked.

A language whose catalogue still waits for its translator is in UNTRANSLATED: its completeness
test is expected to fail (strict), so filling a catalogue fails the suite until its code is
taken out of the set.
"""

import gettext
import importlib
import inspect
import pkgutil
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.forms import BaseForm
from django.template import Context, Template
from django.template.base import Lexer, TokenType
from django.utils import translation
from django.utils.functional import Promise

from tests.conftest import BASE_DIR, service_missing

UNTRANSLATED: set[str] = set()

LOCALE_DIR = BASE_DIR / "locale"
LANGUAGES = ("en", "fi", "sv", "et", "lv", "ru", "de", "pl", "cs")
# The gettext manual's (and CLDR's integer) plural rules.
GERMANIC = "nplurals=2; plural=(n != 1);"
PLURAL_FORMS = {
    "en": GERMANIC,
    "fi": GERMANIC,
    "sv": GERMANIC,
    "et": GERMANIC,
    "de": GERMANIC,
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
}
# Which form each number takes: what a speaker of the language would say.
PLURAL_SAMPLES = {
    "en": {0: 1, 1: 0, 2: 1, 21: 1},
    "lv": {0: 2, 1: 0, 2: 1, 11: 1, 21: 0, 111: 1},
    "ru": {0: 2, 1: 0, 2: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 111: 2},
    "pl": {0: 2, 1: 0, 2: 1, 5: 2, 12: 2, 21: 2, 22: 1, 25: 2, 104: 1, 112: 2},
    "cs": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 21: 2, 22: 2},
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}")


def by_language(test_languages=LANGUAGES, *, expected_to_fail=frozenset()):
    return [
        pytest.param(
            code,
            id=code,
            marks=[pytest.mark.xfail(strict=True, reason="translations come next")]
            if code in expected_to_fail
            else [],
        )
        for code in test_languages
    ]


def catalogue(code: str, directory: Path = LOCALE_DIR) -> polib.POFile:
    return polib.pofile(str(directory / code / "LC_MESSAGES" / "django.po"))


def live(po) -> list:
    return [entry for entry in po if not entry.obsolete]


def key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def translations(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[form] for form in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def test_the_catalogues_are_the_settings_languages():
    assert [code for code, _name in settings.LANGUAGES] == list(LANGUAGES)
    assert settings.LOCALE_PATHS == [LOCALE_DIR]
    assert sorted(path.name for path in LOCALE_DIR.iterdir() if path.is_dir()) == sorted(LANGUAGES)


@pytest.mark.parametrize("code", by_language(expected_to_fail=UNTRANSLATED))
def test_every_entry_is_translated(code):
    untranslated = [entry.msgid for entry in live(catalogue(code)) if not all(translations(entry))]
    assert untranslated == []


@pytest.mark.parametrize("code", by_language())
def test_no_entry_is_fuzzy(code):
    po = catalogue(code)
    assert not po.metadata_is_fuzzy, "a fuzzy header is left out of the .mo (plural forms too)"
    assert [entry.msgid for entry in live(po) if entry.fuzzy] == []


@pytest.mark.parametrize("code", by_language())
def test_plural_forms_are_the_language_s(code):
    po = catalogue(code)
    header = " ".join(po.metadata["Plural-Forms"].split())
    assert header == PLURAL_FORMS[code]
    assert po.metadata["Language"] == code
    nplurals = int(re.search(r"nplurals=(\d+)", header).group(1))
    choose = gettext.c2py(re.search(r"plural=(.+?);?$", header).group(1))
    samples = PLURAL_SAMPLES.get(code, PLURAL_SAMPLES["en"])
    assert {number: choose(number) for number in samples} == samples
    assert {choose(number) for number in range(200)} == set(range(nplurals))
    short = [
        entry.msgid
        for entry in live(po)
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(nplurals))
    ]
    assert short == [], "every plural entry has one translation per plural form"


def test_three_polish_forms_reach_the_page_beside_django_s_own(tmp_path, settings):
    """Django's Polish has four plural forms, ours the gettext three: each catalogue keeps its
    own rule, so a filled entry picks its form and the admin's own text stays translated."""
    shutil.copytree(LOCALE_DIR / "pl", tmp_path / "pl")
    path = tmp_path / "pl" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    entry = po.find("%(count)d application approved.")
    entry.msgstr_plural = {
        0: "Zatwierdzono %(count)d wniosek.",
        1: "Zatwierdzono %(count)d wnioski.",
        2: "Zatwierdzono %(count)d wniosków.",
    }
    po.save_as_mofile(str(path.with_suffix(".mo")))
    settings.LOCALE_PATHS = [tmp_path]
    with translation.override("pl"):
        approved = {
            n: translation.ngettext(entry.msgid, entry.msgid_plural, n) % {"count": n}
            for n in (1, 2, 5, 22, 25)
        }
        assert translation.gettext("Change password") == "Zmień hasło"
    assert approved == {
        1: "Zatwierdzono 1 wniosek.",
        2: "Zatwierdzono 2 wnioski.",
        5: "Zatwierdzono 5 wniosków.",
        22: "Zatwierdzono 22 wnioski.",
        25: "Zatwierdzono 25 wniosków.",
    }


@pytest.mark.parametrize("code", by_language())
def test_translations_keep_the_placeholders(code):
    """A placeholder lost or misspelled in a translation fails at run time, in that language."""
    wrong = []
    for entry in live(catalogue(code)):
        if entry.msgid_plural:
            for form, text in entry.msgstr_plural.items():
                allowed = [placeholders(entry.msgid_plural)]
                if form == 0:
                    allowed.append(placeholders(entry.msgid))
                if text and placeholders(text) not in allowed:
                    wrong.append((entry.msgid, form, text))
        elif entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


def test_english_translates_every_msgid_as_itself():
    wrong = [
        entry.msgid
        for entry in live(catalogue("en"))
        if translations(entry) != [entry.msgid, entry.msgid_plural][: len(translations(entry))]
    ]
    assert wrong == []


def test_every_catalogue_holds_the_same_msgids():
    english = {key(entry) for entry in live(catalogue("en"))}
    assert len(english) > 1000
    differ = {
        code: sorted({key(entry) for entry in live(catalogue(code))} ^ english)
        for code in LANGUAGES
    }
    assert differ == {code: [] for code in LANGUAGES}


@pytest.mark.parametrize("code", by_language())
def test_each_mo_is_compiled_from_its_po(code):
    """The .mo files are committed: one compiled from an older .po would serve old text."""
    po = catalogue(code)
    expected = {
        (entry.msgctxt, entry.msgid): tuple(translations(entry))
        for entry in live(po)
        if not entry.fuzzy and all(translations(entry))
    }
    mo = polib.mofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): tuple(translations(entry)) for entry in mo}
    assert compiled == expected, "run `make messages`"
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


def form_classes() -> list[type]:
    modules = []
    for app in ("citytwins", "members", "projects", "events"):
        package = importlib.import_module(f"{app}.forms")
        modules.append(package)
        for found in pkgutil.iter_modules(getattr(package, "__path__", [])):
            modules.append(importlib.import_module(f"{package.__name__}.{found.name}"))
    return [
        form
        for module in modules
        for _name, form in inspect.getmembers(module, inspect.isclass)
        if issubclass(form, BaseForm) and form.__module__ == module.__name__
    ]


def test_form_labels_and_help_follow_the_reader_s_language():
    """A label made a plain str at import (`_("a") + b`, a model field without verbose_name)
    stays English whatever language the page is in."""
    forms = form_classes()
    assert len(forms) > 10
    fixed = [
        f"{form.__name__}.{name}.{attribute}"
        for form in forms
        for name, field in form.base_fields.items()
        for attribute in ("label", "help_text")
        if getattr(field, attribute) and not isinstance(getattr(field, attribute), Promise)
    ]
    assert fixed == []


def makefile_ignores() -> list[str]:
    makefile = (BASE_DIR / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^MESSAGES_IGNORE := (.+)$", makefile, re.MULTILINE).group(1)
    return re.findall(r"--ignore=(\S+)", line)


def test_the_catalogues_hold_every_marked_string(tmp_path, settings, monkeypatch):
    """`make messages` would add no msgid and drop none: run it for English on a copy."""
    if not all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msguniq")):
        service_missing("GNU gettext (xgettext, msgmerge)")
    ignored = makefile_ignores()
    assert {"tests", ".venv", "var"} <= set(ignored)
    source = tmp_path / "source"
    shutil.copytree(
        BASE_DIR, source, ignore=shutil.ignore_patterns(".git", "locale", *ignored), symlinks=True
    )
    shutil.copytree(LOCALE_DIR / "en", source / "locale" / "en")
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["en"], ignore_patterns=ignored, verbosity=0)
    extracted = {key(entry) for entry in live(catalogue("en", source / "locale"))}
    committed = {key(entry) for entry in live(catalogue("en"))}
    assert extracted - committed == set(), "marked but not in the catalogues: `make messages`"
    assert committed - extracted == set(), "in the catalogues but no longer marked"


# Template text that needs no translation, each for a reason:
ALLOWED_TEXT = [
    "City Twins Association",  # the association's registered name, the same in every language
    "City Twins",  # its short name, as in "[City Twins]" subjects
    "©",
    "⇄",  # the brand mark (aria-hidden)
]
# A link's query string ("?event__id__exact=") names a parameter, not a word.
QUERY_PARAMETER = re.compile(r"[?&][\w.-]+=")
LETTER = re.compile(r"[^\W\d_]")
HOLE = "\x00"  # where a variable, a tag or translated text was: no letters of its own
MARKED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim"}
USER_ATTRIBUTES = re.compile(
    r"""\s(alt|title|aria-label|aria-description|aria-roledescription|placeholder|label)"""
    r"""\s*=\s*(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
BUTTON_VALUE = re.compile(
    r"""<input\b(?=[^>]*\btype=["']?(?:submit|button|reset))[^>]*\bvalue=["']([^"']*)""",
    re.IGNORECASE,
)
META_DESCRIPTION = re.compile(
    r"""<meta\b(?=[^>]*\bname=["']description["'])[^>]*\bcontent=["']([^"']*)""", re.IGNORECASE
)


def outside_translation(source: str) -> str:
    """The template with everything but its literal text, outside translation blocks, holed."""
    kept, closing = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = (token.split_contents() or [""])[0]
            if closing is None and name in MARKED_BLOCKS | SKIPPED_BLOCKS:
                closing = (MARKED_BLOCKS | SKIPPED_BLOCKS)[name]
            elif name == closing:
                closing = None
            kept.append(HOLE)
        elif token.token_type == TokenType.TEXT and closing is None:
            kept.append(token.contents)
        else:
            kept.append(HOLE)
    return "".join(kept)


def has_words(text: str) -> bool:
    for allowed in ALLOWED_TEXT:
        text = text.replace(allowed, HOLE)
    return bool(LETTER.search(QUERY_PARAMETER.sub(HOLE, text)))


def unmarked_text(source: str, *, html: bool = True) -> list[str]:
    """Words a reader would see that no translation tag holds."""
    text = outside_translation(source)
    text = re.sub(r"<!--.*?-->", HOLE, text, flags=re.DOTALL)
    text = re.sub(r"<(script|style)\b.*?</\1>", HOLE, text, flags=re.DOTALL | re.IGNORECASE)
    found = [
        f'{match.group(1)}="{value}"'
        for match in USER_ATTRIBUTES.finditer(text)
        if has_words(value := match.group(2) or match.group(3) or "")
    ]
    found += [f'value="{v}"' for v in BUTTON_VALUE.findall(text) if has_words(v)]
    found += [f'description="{v}"' for v in META_DESCRIPTION.findall(text) if has_words(v)]
    if html:
        text = re.sub(r"<[^>]*>", HOLE, text)
    text = re.sub(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);", HOLE, text)
    found += [" ".join(chunk.split()) for chunk in text.split(HOLE) if has_words(chunk)]
    return found


def project_templates() -> list[Path]:
    roots = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*")
        if path.suffix in {".html", ".txt"} and ".venv" not in path.parts
    )


def test_every_template_marks_its_text():
    templates = project_templates()
    assert len(templates) > 100
    unmarked = {
        str(path.relative_to(BASE_DIR)): words
        for path in templates
        if (words := unmarked_text(path.read_text(encoding="utf-8"), html=path.suffix == ".html"))
    }
    assert unmarked == {}


@pytest.mark.parametrize(
    ("source", "unmarked"),
    [
        ("{% load i18n %}<p>{% translate 'Twins' %}</p>", []),
        ("<p>Twins</p>", ["Twins"]),
        ("<h1>{{ twin.name }} twins</h1>", ["twins"]),
        (
            "{% blocktranslate count n=3 %}{{ n }} twin{% plural %}{{ n }} twins"
            "{% endblocktranslate %}",
            [],
        ),
        ("{% comment %}Not shown{% endcomment %}{# nor this #}<!-- nor this -->", []),
        (
            '<img src="x.png" alt="A map">',
            [
                'alt="A map"',
            ],
        ),
        ('<img src="x.png" alt="{% translate "A map" %}" class="wide">', []),
        ('<a aria-label="Close" title="{{ t }}">×</a>', ['aria-label="Close"']),
        ('<input type="submit" value="Send">', ['value="Send"']),
        ('<input type="hidden" name="kind" value="meeting">', []),
        ('<meta name="description" content="About us">', ['description="About us"']),
        ("<p>&copy; City Twins Association</p>", []),
        ("<script>const label = 'hello';</script>", []),
    ],
)
def test_the_template_check_finds_unmarked_words(source, unmarked):
    assert unmarked_text(source) == unmarked


def test_allauth_s_titles_are_sentence_cased_in_english_only():
    template = Template("{% load wording %}{{ title|sentence_case }}")
    with translation.override("en"):
        assert template.render(Context({"title": "Change Password"})) == "Change password"
    with translation.override("de"):
        assert template.render(Context({"title": "Neues Passwort"})) == "Neues Passwort"
