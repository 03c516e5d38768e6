"""Loading the association's record (`manage.py load_network`): idempotent, and never over
what the secretary or a city has edited since."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.utils import translation

from members import record, record_translations
from members.models import (
    Association,
    City,
    CityTwin,
    Objective,
    Purpose,
    Sector,
    SharedService,
)

LOADER_REASON = "load_network"
# A blank the loader fills in a row someone else edited: recorded in the history, but not as the
# loader's own save, so the row stays theirs and the loader still never overwrites it.
FILLED_REASON = "load_network: filled a blank"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    kept: int = 0
    unchanged: int = 0


def _record_save(
    model: type[models.Model],
    lookup: dict,
    values: dict,
    report: LoadReport,
    *,
    blanks: dict | None = None,
    translated: dict[str, dict[str, str]] | None = None,
) -> models.Model:
    """Create the row, or bring it up to the record while nobody but the loader has touched it.

    A row whose latest history entry was written by someone else is the secretary's (or a city's)
    and stays as they left it, except that `blanks` (fields added to the record later, such as a
    city's time zone) are filled where they are still empty. `translated` ({field: {language:
    text}}) are the record's translations of its English `values`: written with them, and in
    someone else's row filled where still empty while the field's English is still the record's
    (a text rewritten in English keeps the translations its author gives it).
    """
    blanks = blanks or {}
    translated = translated or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **blanks, **_columns(translated))
        obj._change_reason = LOADER_REASON
        obj.save()
        report.created += 1
        return obj
    history = getattr(obj, "history", None)
    latest = history.first() if history is not None else None
    if latest is not None and latest.history_change_reason == LOADER_REASON:
        return _loader_update(obj, {**values, **blanks, **_columns(translated)}, report)
    blanks = {
        **blanks,
        **_columns(
            {
                field: texts
                for field, texts in translated.items()
                if getattr(obj, f"{field}_en") == values[field]
            }
        ),
    }
    empty = [name for name in blanks if not getattr(obj, name) and blanks[name]]
    if empty:
        for name in empty:
            setattr(obj, name, blanks[name])
        obj._change_reason = FILLED_REASON
        update_fields = [*empty, "updated_at"] if hasattr(obj, "updated_at") else empty
        obj.save(update_fields=update_fields)
        report.updated += 1
    elif any(getattr(obj, name) != value for name, value in {**values, **blanks}.items()):
        report.kept += 1
    else:
        report.unchanged += 1
    return obj


def _loader_update(obj: models.Model, values: dict, report: LoadReport) -> models.Model:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        report.unchanged += 1
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    obj._change_reason = LOADER_REASON
    obj.save()
    report.updated += 1
    return obj


def _columns(translated: dict[str, dict[str, str]]) -> dict[str, str]:
    return {
        f"{field}_{language}": text
        for field, texts in translated.items()
        for language, text in texts.items()
    }


def _exonyms(city_slugs: list[str], english: list[str]) -> dict[str, str]:
    """name_<language> for each language with its own name for one of the cities (the record's
    EXONYMS); for a twin, its two names in that language joined as the record joins them."""
    languages = {language for slug in city_slugs for language in record.EXONYMS.get(slug, {})}
    return {
        f"name_{language}": " – ".join(
            record.EXONYMS.get(slug, {}).get(language, name)
            for slug, name in zip(city_slugs, english, strict=True)
        )
        for language in sorted(languages)
    }


@transaction.atomic
def network_load() -> LoadReport:
    """The brochure's twins, cities, sectors, services, purposes, objectives and secretariat,
    written in English (the source of every translation) and, for the sectors, the association's
    texts, purposes and objectives, in the record's translations (members/record_translations/);
    the cities' and twins' names also in the languages that have their own, where still blank."""
    with translation.override("en"):
        return _network_load()


def _network_load() -> LoadReport:
    report = LoadReport()
    sectors = {}
    for position, (slug, name) in enumerate(record.SECTORS):
        sectors[slug] = _record_save(
            Sector,
            {"slug": slug},
            {"name": name, "position": position},
            report,
            translated=record_translations.sector(slug),
        )

    for twin_position, (slug, name, cities) in enumerate(record.TWINS):
        twin = _record_save(
            CityTwin,
            {"slug": slug},
            {
                "name": name,
                "position": twin_position,
                "summary": record.TWIN_SUMMARIES.get(slug, ""),
            },
            report,
            blanks=_exonyms([city[0] for city in cities], [city[1] for city in cities]),
        )
        for position, (city_slug, city_name, native, country, status, note, lat, lon) in enumerate(
            cities
        ):
            _record_save(
                City,
                {"slug": city_slug},
                {
                    "twin": twin,
                    "name": city_name,
                    "native_name": native,
                    "country": country,
                    "position": position,
                    "status": status,
                    "status_note": note,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lon),
                },
                report,
                blanks={
                    "time_zone": record.TIME_ZONES[city_slug],
                    **_exonyms([city_slug], [city_name]),
                },
            )
        for position, (service, sector_slug, since, description) in enumerate(
            record.SHARED_SERVICES.get(slug, [])
        ):
            _record_save(
                SharedService,
                {"twin": twin, "name": service},
                {
                    "sector": sectors[sector_slug],
                    "since": since,
                    "description": description,
                    "position": position,
                },
                report,
            )

    association = Association.objects.first()
    lookup = {} if association is None else {"pk": association.pk}
    association = _record_save(
        Association,
        lookup,
        record.ASSOCIATION,
        report,
        translated=record_translations.association(),
    )
    for model, texts, translations in (
        (Purpose, record.PURPOSES, record_translations.purposes()),
        (Objective, record.OBJECTIVES, record_translations.objectives()),
    ):
        _aims_load(association, model, texts, translations, report)
    return report


def _aims_load(
    association: Association,
    model: type[Purpose] | type[Objective],
    texts: list[str],
    translations: list[dict[str, str]],
    report: LoadReport,
) -> None:
    """The purposes (or objectives) once, in every language; afterwards the rows are the
    secretary's: a translation fills only a blank of a row whose English is still the record's."""
    rows = model.objects.filter(association=association)
    if not rows.exists():
        model.objects.bulk_create(
            model(
                association=association,
                text=text,
                position=position,
                **_columns({"text": translations[position]}),
            )
            for position, text in enumerate(texts)
        )
        report.created += len(texts)
        return
    by_english = dict(zip(texts, translations, strict=True))
    for row in rows:
        if row.text_en in by_english:
            _record_save(
                model,
                {"pk": row.pk},
                {"text": row.text_en},
                report,
                translated={"text": by_english[row.text_en]},
            )
