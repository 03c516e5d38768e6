"""The admin's scripts speak the secretary's language: every message of Django admin's own
JavaScript is translated in /admin/jsi18n/, Django's djangojs catalogues completed by ours
(locale/<lang>/LC_MESSAGES/djangojs.po, written by `manage.py admin_js_messages`)."""

import gettext
import json
import re
import shutil

import polib
import pytest
from django.conf import settings

from citytwins.management.commands.admin_js_messages import (
    ADMIN,
    admin_script_messages,
    django_catalogue,
    forms_from_django,
    lacking_catalogue,
    plural_rule,
)
from tests.conftest import service_missing
from tests.factories import SecretaryFactory
from tests.test_translations import LOCALE_DIR, PLURAL_FORMS, live, placeholders, translations

CODES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
CATALOGUE = re.compile(r"const newcatalog = (\{.*?\n  \});", re.DOTALL)
PLURAL = re.compile(r"const v = (.+);\n")
SHORTCUTS = ("Today", "Yesterday", "Tomorrow")


@pytest.fixture(scope="module")
def messages() -> polib.POFile:
    if not shutil.which("xgettext"):
        service_missing("GNU gettext (xgettext)")
    return admin_script_messages()


def script_catalogue(client, code: str):
    """What the admin's scripts read in `code`: /admin/jsi18n/'s catalogue and plural rule."""
    client.force_login(SecretaryFactory(email=f"secretary-{code}@example.org", language=code))
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    assert response["Content-Type"] == 'text/javascript; charset="utf-8"'
    script = response.content.decode()
    return json.loads(CATALOGUE.search(script).group(1)), gettext.c2py(PLURAL.search(script)[1])


def lookup(message: polib.POEntry) -> str:
    """The catalogue's key, as django.pgettext builds it."""
    return f"{message.msgctxt}\x04{message.msgid}" if message.msgctxt else message.msgid


def test_the_admin_scripts_have_dozens_of_messages(messages):
    """The extraction finds what Django's own English catalogue lists, contexts and plurals."""
    assert len(messages) > 80
    assert messages.find("Friday").msgctxt is None
    assert messages.find("Fri", msgctxt="abbrev. day Friday").msgid == "Fri"
    assert messages.find("%(sel)s of %(cnt)s selected").msgid_plural
    english = polib.pofile(str(ADMIN / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"))
    keys = {(entry.msgctxt, entry.msgid) for entry in messages}
    assert keys == {(entry.msgctxt, entry.msgid) for entry in english}


@pytest.mark.parametrize("code", CODES)
def test_every_message_of_the_admin_scripts_is_translated(client, db, messages, code):
    catalogue, choose = script_catalogue(client, code)
    forms = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[code]).group(1))
    missing = []
    for message in messages:
        found = catalogue.get(lookup(message))
        if message.msgid_plural:
            if not (isinstance(found, list) and len(found) == forms and all(found)):
                missing.append(message.msgid)
        elif not (isinstance(found, str) and found):
            missing.append(message.msgid)
    assert missing == []
    # The scripts count with the rule of the portal's own catalogue for the language.
    expected = gettext.c2py(re.search(r"plural=(.+?);?$", PLURAL_FORMS[code]).group(1))
    assert [choose(n) for n in range(200)] == [expected(n) for n in range(200)]


@pytest.mark.parametrize("code", CODES)
def test_a_shortcut_s_name_holds_its_visible_text(client, db, code):
    """axe's label-content-name-mismatch: the link reads "Dzisiaj", so its name starts so."""
    catalogue, _choose = script_catalogue(client, code)
    named = {word: catalogue[f"{word} (%(date)s)"] for word in SHORTCUTS}
    assert named == {word: f"{catalogue[word]} (%(date)s)" for word in SHORTCUTS}


@pytest.mark.parametrize(
    ("code", "sources"), [("cs", {0: 0, 1: 1, 2: 3}), ("pl", None), ("ru", None), ("lv", None)]
)
def test_our_plural_forms_read_django_s_forms_for_the_same_numbers(code, sources):
    """Django's Czech keeps a form for fractions (its form 2) before the one for five and more;
    Polish and Russian keep theirs last, where whole numbers never reach."""
    ours = plural_rule(PLURAL_FORMS[code])[1]
    django_s = plural_rule(django_catalogue(code).metadata["Plural-Forms"])[1]
    assert forms_from_django(ours, django_s) == sources


@pytest.mark.parametrize("code", CODES)
def test_django_s_own_plurals_read_as_its_translators_wrote_them(client, db, messages, code):
    """The scripts count with our rule, also for Django's own entries: "5 of 10 selected" reads
    in the form Django's translator wrote for five."""
    catalogue, choose = script_catalogue(client, code)
    django_s = django_catalogue(code)
    django_choose = plural_rule(django_s.metadata["Plural-Forms"])[1]
    wrong, checked = [], 0
    for message in messages:
        entry = django_s.find(message.msgid)
        if not message.msgid_plural or entry is None or not all(entry.msgstr_plural.values()):
            continue
        checked += 1
        for n in (1, 2, 3, 5, 11, 21, 22, 25, 101):
            expected = entry.msgstr_plural[django_choose(n)]
            if catalogue[message.msgid][choose(n)] != expected:
                wrong.append((message.msgid, n))
    assert (wrong, checked > 0) == ([], True)


def test_the_admin_script_catalogue_costs_two_queries(client, db, django_assert_num_queries):
    client.force_login(SecretaryFactory(language="pl"))
    with django_assert_num_queries(2):  # the session and its user
        response = client.get("/admin/jsi18n/")
    assert "Dzisiaj (%(date)s)" in response.content.decode()


def our_catalogue(code: str, suffix: str = "po"):
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"djangojs.{suffix}"
    return polib.pofile(str(path)) if suffix == "po" else polib.mofile(str(path))


@pytest.mark.parametrize("code", CODES)
def test_our_catalogue_holds_what_django_s_lacks_and_no_more(messages, code):
    """`manage.py admin_js_messages` would change nothing: no message missing, none Django has
    since translated, every translation kept."""
    written = lacking_catalogue(code, messages)
    committed = our_catalogue(code)
    assert [(e.msgctxt, e.msgid, translations(e)) for e in live(committed)] == [
        (e.msgctxt, e.msgid, translations(e)) for e in written
    ], "run `make messages` (or `manage.py admin_js_messages`)"
    assert len(committed) >= 12


@pytest.mark.parametrize("code", CODES)
def test_our_catalogue_passes_the_portal_s_checks(code):
    """The checks tests/test_translations.py runs on django.po: complete, nothing fuzzy, the
    language's plural rule and forms, placeholders kept, the .mo compiled from the .po."""
    po = our_catalogue(code)
    header = " ".join(po.metadata["Plural-Forms"].split())
    assert (header, po.metadata["Language"]) == (PLURAL_FORMS[code], code)
    assert not po.metadata_is_fuzzy
    forms = int(re.search(r"nplurals=(\d+)", header).group(1))
    assert [e.msgid for e in live(po) if e.fuzzy or not all(translations(e))] == []
    assert [e.msgid for e in live(po) if e.msgid_plural and len(e.msgstr_plural) != forms] == []
    wrong = []
    for entry in live(po):
        for form, text in enumerate(translations(entry)):
            allowed = [placeholders(entry.msgid_plural or entry.msgid), placeholders(entry.msgid)]
            if placeholders(text) not in (allowed if form == 0 else allowed[:1]):
                wrong.append((entry.msgid, form, text))
    assert wrong == []
    mo = our_catalogue(code, "mo")
    assert {(e.msgctxt, e.msgid): tuple(translations(e)) for e in mo} == {
        (e.msgctxt, e.msgid): tuple(translations(e)) for e in live(po)
    }, "run `make messages`"
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]
