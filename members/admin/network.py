"""The network: twins with their cities and services, cities with contacts, sectors."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from members.admin.base import HistoryAdmin, ImportExportHistoryAdmin
from members.admin.filters import (
    BorderFilter,
    ContactCountryFilter,
    CountryFilter,
    FreshnessFilter,
    SectorFilter,
    TwinCountryFilter,
    TwinStatusFilter,
)
from members.forms import (
    CityTwinAdminForm,
    InviteForm,
)
from members.models import (
    City,
    CityTwin,
    Contact,
    Sector,
    SharedService,
    fold,
)
from members.resources import CityResource, ContactResource
from members.services.invitations import InvitationRefused, invitation_send

TWIN_SLUG_HELP = _(
    "The last part of the twin's public address (/twins/…/). Changing it breaks every link and "
    "bookmark to the old address; leave it as it is once the twin is published."
)
CITY_SLUG_HELP = _(
    "The city's stable identifier in links and in import files. Changing it breaks them; "
    "leave it as it is once the city is published."
)


class CityInline(TranslationStackedInline):
    model = City
    extra = 0
    show_change_link = True
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("name", "native_name", "slug"),
        ("country", "position"),
        ("status", "status_since"),
        "status_note",
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.help_text = CITY_SLUG_HELP
        if db_field.name == "status_note":
            field.widget.attrs["rows"] = 2
        return field


class SharedServiceInline(admin.TabularInline):
    model = SharedService
    extra = 0
    fields = ["name", "sector", "since", "description", "position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "description":
            field.widget.attrs.update({"rows": 2, "class": "vTextField"})
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "sector":
            # The nine sectors are read once per page, not once per service row.
            choices = getattr(request, "_sector_choices", None)
            if choices is None:
                choices = request._sector_choices = list(field.choices)
            field.choices = choices
        return field


@admin.register(CityTwin)
class CityTwinAdmin(TranslationAdmin, HistoryAdmin):
    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False
    form = CityTwinAdminForm
    list_display = [
        "name",
        "cities_with_status",
        "border",
        "sector_count",
        "profile_checked",
        "updated_at",
    ]
    list_filter = [BorderFilter, TwinStatusFilter, TwinCountryFilter, SectorFilter, FreshnessFilter]
    search_fields = ["name", "cities__name", "cities__native_name"]
    search_help_text = _("Names of the twin or its cities, native names too; accents optional.")
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CityInline, SharedServiceInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description", "website", "image"]}),
        (_("Cooperation"), {"fields": ["sectors"]}),
        (_("Freshness"), {"fields": ["checked_at", "reminded_at"]}),
        (_("Order in lists"), {"fields": ["position"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_cities().prefetch_related("sectors")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.help_text = TWIN_SLUG_HELP
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sectors":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("cities"))
    def cities_with_status(self, twin):
        return format_html_join(
            " · ",
            '<a href="{}">{}</a> ({}, {})',
            (
                (
                    reverse("admin:members_city_change", args=[city.pk]),
                    city.name,
                    city.country.code,
                    city.get_status_display().lower(),
                )
                for city in twin.cities.all()
            ),
        )

    @admin.display(description=_("border"))
    def border(self, twin):
        return twin.border.label

    @admin.display(description=_("profile checked"), ordering="checked_at")
    def profile_checked(self, twin):
        """Flag a profile nobody has confirmed for six months."""
        checked = _("never") if twin.checked_at is None else f"{twin.checked_at:%Y-%m-%d}"
        if twin.is_stale():
            return format_html('<strong class="stale">⚠ {} ({})</strong>', checked, _("stale"))
        return checked

    # The sectors the secretary ticked; the directory also counts those of the twin's services.
    @admin.display(description=_("sectors ticked"))
    def sector_count(self, twin):
        sectors = twin.sectors.all()
        return format_html(
            '<span title="{}">{}</span>', ", ".join(s.name for s in sectors), len(sectors)
        )


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = [*Contact.DETAILS, "position"]


@admin.register(City)
class CityAdmin(TranslationAdmin, ImportExportHistoryAdmin):
    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False
    resource_classes = [CityResource]
    list_display = ["name", "twin", "country_with_flag", "status", "status_since", "updated_at"]
    list_filter = ["status", CountryFilter, "twin"]
    list_select_related = ["twin"]
    search_fields = ["name", "native_name", "twin__name"]
    search_help_text = _("Names of the city or its twin, native names too; accents optional.")
    autocomplete_fields = ["twin"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactInline]
    fieldsets = [
        (None, {"fields": ["twin", "name", "native_name", "slug", "position"]}),
        (_("Membership"), {"fields": ["status", "status_since", "status_note"]}),
        (
            _("Place"),
            {
                "fields": [
                    "country",
                    "time_zone",
                    "latitude",
                    "longitude",
                    "population",
                    "website",
                ]
            },
        ),
        (None, {"fields": ["description"]}),
    ]

    change_form_template = "admin/members/city/change_form.html"

    def get_urls(self):
        invite = path(
            "<path:object_id>/invite/",
            self.admin_site.admin_view(self.invite_view),
            name="members_city_invite",
        )
        return [invite, *super().get_urls()]

    def invite_view(self, request, object_id):
        """The secretary invites a person to keep this city's profile current."""
        city = self.get_object(request, object_id)
        if city is None:
            raise Http404
        if not self.has_change_permission(request, city):
            raise PermissionDenied
        form = InviteForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                outcome = invitation_send(
                    email=form.cleaned_data["email"],
                    city=city,
                    name=form.cleaned_data["name"],
                    by=request.user,
                )
            except InvitationRefused as error:
                form.add_error("email", str(error))
            else:
                if outcome.invitation is None:
                    message = _("%(email)s already has an account: a sign-in link is on its way.")
                else:
                    message = _("%(email)s is invited; the link lasts 14 days.")
                messages.success(request, message % {"email": form.cleaned_data["email"]})
                return redirect("admin:members_city_change", city.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite staff to %(city)s") % {"city": city},
            "city": city,
            "form": form,
            "opts": self.opts,
            "original": city,
        }
        return TemplateResponse(request, "admin/members/city/invite.html", context)

    def get_search_results(self, request, queryset, search_term):
        needle = fold(search_term.strip())
        if not needle:
            return queryset, False
        matches = Q(search_text__contains=needle) | Q(twin__search_text__contains=needle)
        return queryset.filter(matches), False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.help_text = CITY_SLUG_HELP
        return field

    @admin.display(description=_("country"), ordering="country")
    def country_with_flag(self, city):
        return format_html(
            '<img src="{}" alt="" width="16" height="12"> {} ({})',
            static(f"vendor/flag-icons/4x3/{city.country.code.lower()}.svg"),
            city.country.name,
            city.country.code,
        )


@admin.register(Contact)
class ContactAdmin(ImportExportHistoryAdmin):
    resource_classes = [ContactResource]
    list_display = [
        "name",
        "role",
        "city",
        "twin",
        "visibility",
        "email",
        "email_visibility",
        "phone",
        "phone_visibility",
        "updated_at",
    ]
    list_filter = [
        ("city", admin.RelatedOnlyFieldListFilter),
        ContactCountryFilter,
        "visibility",
        "email_visibility",
        "phone_visibility",
    ]
    list_select_related = ["city__twin"]
    search_fields = ["name", "role", "email", "city__name", "city__twin__name"]
    autocomplete_fields = ["city"]
    fieldsets = [
        (None, {"fields": ["city", "name", "role", "visibility", "position"]}),
        (
            _("Email and phone"),
            {"fields": ["email", "email_visibility", "phone", "phone_visibility"]},
        ),
    ]

    @admin.display(description=_("twin"), ordering="city__twin__name")
    def twin(self, contact):
        return contact.city.twin


@admin.register(SharedService)
class SharedServiceAdmin(HistoryAdmin):
    list_display = ["name", "twin", "sector", "since", "position"]
    list_filter = ["sector"]
    list_select_related = ["twin", "sector"]
    search_fields = ["name", "twin__name", "description"]
    autocomplete_fields = ["twin"]
    fields = ["twin", "name", "sector", "since", "description", "position"]


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ["name", "position", "slug", "twin_count"]
    ordering = ["position", "name"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("twins"), ordering="twin_count")
    def twin_count(self, sector):
        return sector.twin_count
