"""The change lists' filters: countries that occur, borders, membership, freshness."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import (
    BorderKind,
    City,
    CityTwin,
    MembershipStatus,
    Sector,
)


class CountryFilter(admin.SimpleListFilter):
    """The countries that occur, by name: the full list of the world's would bury them."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = City.objects.order_by().values_list("country", flat=True).distinct()
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return self.filter_country(queryset, self.value().upper())
        return queryset

    def filter_country(self, queryset, code):
        return queryset.filter(country=code)


class TwinCountryFilter(CountryFilter):
    title = _("a city's country")

    def filter_country(self, queryset, code):
        return queryset.in_country(code)


class ContactCountryFilter(CountryFilter):
    def filter_country(self, queryset, code):
        return queryset.filter(city__country=code)


class BorderFilter(admin.SimpleListFilter):
    title = _("border")
    parameter_name = "border"

    def lookups(self, request, model_admin):
        return BorderKind.choices

    def queryset(self, request, queryset):
        if self.value() in BorderKind.values:
            return queryset.on_border(self.value())
        return queryset


class TwinStatusFilter(admin.SimpleListFilter):
    title = _("a city's membership status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return MembershipStatus.choices

    def queryset(self, request, queryset):
        if self.value() in MembershipStatus.values:
            return queryset.with_status(self.value())
        return queryset


class FreshnessFilter(admin.SimpleListFilter):
    title = _("profile freshness")
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("stale", _("Not confirmed for 6 months")), ("fresh", _("Confirmed recently"))]

    def queryset(self, request, queryset):
        stale = CityTwin.objects.stale(now=timezone.now()).values("pk")
        if self.value() == "stale":
            return queryset.filter(pk__in=stale)
        if self.value() == "fresh":
            return queryset.exclude(pk__in=stale)
        return queryset


class SectorFilter(admin.SimpleListFilter):
    """Twins in a sector by the directory's rule: a shared service in it, or ticked on the twin."""

    title = _("sector of cooperation")
    parameter_name = "sector"

    def lookups(self, request, model_admin):
        return [(str(sector.pk), sector.name) for sector in Sector.objects.all()]

    def queryset(self, request, queryset):
        # Only a sector offered: a number too large for an id would reach the database (500).
        if self.value() in {value for value, _label in self.lookup_choices}:
            return queryset.in_sector(int(self.value()))
        return queryset
