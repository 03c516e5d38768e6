"""The association's record (members/record.py) in the portal's other eight languages, so a new
portal reads in each of them from its first `load_network`; the secretary edits them in the
admin afterwards, and the loader keeps what they changed.

One module per language holds its texts in the record's order, in the portal's words (its
catalogues' terms for twin, sector, the association). TRANSLATIONS gathers them by field path,
{"sector:<slug>:name" | "association:<field>" | "purpose:<n>" | "objective:<n>": {language:
text}}. The association's name is the brand ("About the City Twins Association" is translated
around it) and stays English in every language.
"""

from types import ModuleType

from members import record
from members.record_translations import cs, de, et, fi, lv, pl, ru, sv

LANGUAGES: dict[str, ModuleType] = {
    "fi": fi,
    "sv": sv,
    "et": et,
    "lv": lv,
    "ru": ru,
    "de": de,
    "pl": pl,
    "cs": cs,
}
ASSOCIATION_FIELDS = ("origin", "summary", "background", "main_goal")


def _paths() -> dict[str, dict[str, str]]:
    paths: dict[str, dict[str, str]] = {}
    for language, texts in LANGUAGES.items():
        entries = {
            **{f"sector:{slug}:name": texts.SECTORS[slug] for slug, _name in record.SECTORS},
            **{f"association:{field}": texts.ASSOCIATION[field] for field in ASSOCIATION_FIELDS},
            **{
                f"purpose:{position}": text
                for position, text in enumerate(_aligned(texts.PURPOSES, record.PURPOSES))
            },
            **{
                f"objective:{position}": text
                for position, text in enumerate(_aligned(texts.OBJECTIVES, record.OBJECTIVES))
            },
        }
        for path, text in entries.items():
            paths.setdefault(path, {})[language] = text
    return paths


def _aligned(translated: list[str], english: list[str]) -> list[str]:
    if len(translated) != len(english):
        raise ValueError(f"{len(translated)} translations of {len(english)} texts")
    return translated


TRANSLATIONS = _paths()


def sector(slug: str) -> dict[str, dict[str, str]]:
    """{field: {language: text}} of one of the record's sectors."""
    return {"name": TRANSLATIONS[f"sector:{slug}:name"]}


def association() -> dict[str, dict[str, str]]:
    return {field: TRANSLATIONS[f"association:{field}"] for field in ASSOCIATION_FIELDS}


def purposes() -> list[dict[str, str]]:
    """{language: text} of each purpose, in the record's order."""
    return [TRANSLATIONS[f"purpose:{n}"] for n in range(len(record.PURPOSES))]


def objectives() -> list[dict[str, str]]:
    return [TRANSLATIONS[f"objective:{n}"] for n in range(len(record.OBJECTIVES))]
