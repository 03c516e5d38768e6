"""The admin's scripts in the portal's languages.

Django's djangojs catalogues lag behind its admin's scripts: Polish has "Dzisiaj" for "Today" but
nothing for "Today (%(date)s)", so the date shortcut's accessible name (English) no longer holds
its visible text (Polish). /admin/jsi18n/ merges the djangojs catalogues of LOCALE_PATHS over
Django's, so locale/<lang>/LC_MESSAGES/djangojs.po holds exactly the admin scripts' messages that
Django's catalogue for that language lacks, in the plural forms of our django.po.
"""

import gettext
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import django.contrib.admin
import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ADMIN = Path(django.contrib.admin.__file__).parent
ADMIN_SCRIPTS = ADMIN / "static" / "admin" / "js"
# The keywords Django's makemessages gives xgettext for the djangojs domain (xgettext already
# knows gettext, ngettext:1,2 and pgettext:1c,2 in JavaScript).
KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
]
HEADER_FIELDS = ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding")
# Numbers on which two plural rules are compared: every ending of one and two digits.
NUMBERS = range(200)
REMAPPED = "Django's own translation, in this catalogue's plural forms."

type PluralRule = Callable[[int], int]


def admin_scripts() -> list[Path]:
    """The admin's own scripts; the vendored libraries (jQuery, Select2, XRegExp) translate nothing
    through Django."""
    return sorted(
        path
        for path in ADMIN_SCRIPTS.rglob("*.js")
        if "vendor" not in path.relative_to(ADMIN_SCRIPTS).parts
    )


def admin_script_messages() -> polib.POFile:
    """Every gettext, ngettext, pgettext and npgettext message of the admin's scripts, found as
    Django's makemessages finds them (xgettext), contexts and plurals kept."""
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        raise CommandError("xgettext (GNU gettext) is needed: apt-get install gettext")
    names = [str(path.relative_to(ADMIN_SCRIPTS)) for path in admin_scripts()]
    # The arguments are constants and the names of Django's own files: nothing from a user.
    found = subprocess.run(  # noqa: S603
        [xgettext, "--language=JavaScript", "--from-code=UTF-8", *KEYWORDS, "-o", "-", *names],
        cwd=ADMIN_SCRIPTS,
        check=True,
        capture_output=True,
        text=True,
    )
    return polib.pofile(found.stdout)


def plural_rule(header: str) -> tuple[int, PluralRule]:
    """A Plural-Forms header's number of forms and its rule."""
    forms = int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))
    expression = re.search(r"plural\s*=\s*(.+?);?\s*$", " ".join(header.split())).group(1)
    return forms, gettext.c2py(expression)


def forms_from_django(ours: PluralRule, django_s: PluralRule) -> dict[int, int] | None:
    """Which of Django's plural forms each of ours reads, or None when the two rules agree.

    The page counts with the first catalogue's rule, ours, also for Django's own entries: Czech
    in Django has a form for fractions at index 2, so "5 selected" would read in it."""
    if all(ours(n) == django_s(n) for n in NUMBERS):
        return None
    sources: dict[int, int] = {}
    for n in NUMBERS:
        sources.setdefault(ours(n), django_s(n))
    return sources


def message_key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def django_catalogue(code: str) -> polib.MOFile | None:
    path = ADMIN / "locale" / code / "LC_MESSAGES" / "djangojs.mo"
    return polib.mofile(str(path)) if path.exists() else None


def our_catalogue_path(code: str, domain: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / f"{domain}.po"


def lacking_catalogue(code: str, messages: polib.POFile) -> polib.POFile:
    """The admin scripts' messages Django's `code` catalogue lacks, with the translations our
    djangojs.po already has; a message Django has since translated leaves it."""
    ours = polib.pofile(str(our_catalogue_path(code, "django")))
    forms, our_rule = plural_rule(ours.metadata["Plural-Forms"])
    django_s = django_catalogue(code)
    translated = {}
    remap = None
    if django_s is not None:
        translated = {
            (entry.msgctxt, entry.msgid): entry for entry in django_s if is_translated(entry)
        }
        remap = forms_from_django(our_rule, plural_rule(django_s.metadata["Plural-Forms"])[1])
    path = our_catalogue_path(code, "djangojs")
    kept = {
        message_key(entry): entry
        for entry in (polib.pofile(str(path)) if path.exists() else [])
        if not entry.obsolete
    }
    po = polib.POFile(wrapwidth=99)
    po.header = (
        "The Django admin scripts' messages that Django's own catalogue for this language\n"
        "lacks. Written by `manage.py admin_js_messages` (make messages): translate msgstr."
    )
    po.metadata = {
        "Project-Id-Version": "City Twins portal: the Django admin's scripts",
        **{field: ours.metadata[field] for field in HEADER_FIELDS},
        "Plural-Forms": ours.metadata["Plural-Forms"],
    }
    for message in messages:
        django_entry = translated.get((message.msgctxt, message.msgid))
        if django_entry is not None and not (message.msgid_plural and remap):
            continue
        entry = polib.POEntry(
            msgctxt=message.msgctxt,
            msgid=message.msgid,
            msgid_plural=message.msgid_plural,
            occurrences=message.occurrences,
            flags=list(message.flags),
        )
        previous = kept.get(message_key(message))
        if message.msgid_plural:
            entry.msgstr_plural = {form: "" for form in range(forms)}
            if previous is not None:
                entry.msgstr_plural.update(previous.msgstr_plural)
                entry.comment = previous.comment
            elif django_entry is not None:
                entry.msgstr_plural = {
                    form: django_entry.msgstr_plural[source] for form, source in remap.items()
                }
                entry.comment = REMAPPED
        elif previous is not None:
            entry.msgstr = previous.msgstr
            entry.comment = previous.comment
        po.append(entry)
    return po


class Command(BaseCommand):
    help = (
        "Write locale/<lang>/LC_MESSAGES/djangojs.po with the admin scripts' messages that "
        "Django's own djangojs catalogue for that language lacks (compile with compilemessages)."
    )

    def handle(self, *args, **options):
        messages = admin_script_messages()
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue  # the scripts' own language
            po = lacking_catalogue(code, messages)
            po.save(str(our_catalogue_path(code, "djangojs")))
            untranslated = sum(1 for entry in po if not is_translated(entry))
            self.stdout.write(f"{code}: {len(po)} messages, {untranslated} to translate")
