"""The network's vocabulary: membership, visibility and border kinds, the EU's members, the
languages of cities' own names, time zone names, and how names are folded for search. No models
here."""

import unicodedata
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Member states of the European Union. A twin with a city outside them lies on an external border.
EU_COUNTRIES = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


# The language a city's own name is written in, by country, for `lang` on native names. A
# country with several official languages and no clear first one is left out (no `lang`).
NATIVE_LANGUAGES = {
    "AT": "de", "BG": "bg", "BY": "be", "CY": "el", "CZ": "cs", "DE": "de", "DK": "da",
    "EE": "et", "ES": "es", "FI": "fi", "FR": "fr", "GR": "el", "HR": "hr", "HU": "hu",
    "IT": "it", "LT": "lt", "LV": "lv", "MD": "ro", "NL": "nl", "NO": "nb", "PL": "pl",
    "PT": "pt", "RO": "ro", "RU": "ru", "SE": "sv", "SI": "sl", "SK": "sk", "UA": "uk",
}  # fmt: skip


# The language the portal speaks to a person whose own choice is blank, by their city's country;
# a country not here gets English. Only languages the portal has (settings.LANGUAGES).
COUNTRY_LANGUAGES = {
    "FI": "fi", "SE": "sv", "EE": "et", "LV": "lv", "RU": "ru", "DE": "de", "PL": "pl", "CZ": "cs",
}  # fmt: skip


def country_language(country: str) -> str:
    """The portal's language for people of `country` (an ISO code): English when none fits."""
    return COUNTRY_LANGUAGES.get(str(country), "en")


def fold(text: str) -> str:
    """Lower case without accents, so `tesin` and `Těšín` match: ł and ø have no decomposition."""
    text = text.casefold().replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    PARTNER = "partner", _("Cooperating partner")
    PROSPECTIVE = "prospective", _("Prospective member")
    FORMER = "former", _("Former member")


# The cities whose staff are the network's members: they read members-only details and mail.
NETWORK_STATUSES = (MembershipStatus.MEMBER, MembershipStatus.PARTNER)


class BorderKind(models.TextChoices):
    INTERNAL = "internal", _("EU internal border")
    EXTERNAL = "external", _("EU external border")


def border_kind(*countries: str) -> BorderKind:
    """Internal when every side is in the EU; external when one side lies outside it."""
    if all(str(country) in EU_COUNTRIES for country in countries):
        return BorderKind.INTERNAL
    return BorderKind.EXTERNAL


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    HIDDEN = "hidden", _("Hidden")


def validate_time_zone(name: str) -> None:
    """An IANA time zone name this machine knows, such as Europe/Tallinn."""
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(name)s” is not an IANA time zone name such as Europe/Tallinn."),
            code="unknown_time_zone",
            params={"name": name},
        )
