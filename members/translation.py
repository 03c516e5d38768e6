"""The network's texts in the reader's language (django-modeltranslation): the sectors, the
association's record, and the names of cities and twins where a language has its own name for
them (Frankfurt (Oder) is Frankfurt nad Odrą in Polish). English is the source; a text not yet
translated reads in English. The secretary edits every language in the admin.

django-modeltranslation adds columns (name_en, name_fi, …), not queries.

History: the models here are registered with django-simple-history below, after their
translation fields exist, so a historical row keeps every language and a revert restores them
all (a HistoricalRecords() in the class body would copy the fields before they were added).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from members.models import Association, City, CityTwin, Objective, Purpose, Sector


class SectorTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


class AssociationTranslation(TranslationOptions):
    fields = ("name", "origin", "summary", "background", "main_goal")
    required_languages = {"en": ("name", "origin", "summary")}


class AimTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


class NameTranslation(TranslationOptions):
    """A city's or twin's name in a language that has its own (an exonym); blank: the name."""

    fields = ("name",)
    required_languages = ("en",)


translator.register(Sector, SectorTranslation)
translator.register(Association, AssociationTranslation)
translator.register([Purpose, Objective], AimTranslation)
translator.register([City, CityTwin], NameTranslation)

simple_history.register(Association)
simple_history.register(Purpose)
simple_history.register(Objective)
simple_history.register(CityTwin, excluded_fields=["search_text", "reminded_at"])
simple_history.register(City, excluded_fields=["search_text"])
