from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from citytwins.models import Kind, Notification, Status
from citytwins.notifications import SITE_NAME
from members.forms import (
    AnnouncementForm,
    InviteForm,
    UserAdminChangeForm,
    UserAdminCreationForm,
)
from members.models import (
    Announcement,
    ApplicationStatus,
    Association,
    BorderKind,
    City,
    CityTwin,
    Contact,
    Invitation,
    MembershipApplication,
    MembershipStatus,
    Objective,
    Purpose,
    Sector,
    SharedService,
    User,
    fold,
)
from members.resources import CityResource, ContactResource
from members.services import (
    ANNOUNCEMENT_TEMPLATE,
    InvitationRefused,
    announcement_context,
    announcement_key,
    announcement_recipient_count,
    announcement_send,
    application_approve,
    application_decline,
    invitation_send,
)

TWIN_SLUG_HELP = _(
    "The last part of the twin's public address (/twins/…/). Changing it breaks every link and "
    "bookmark to the old address; leave it as it is once the twin is published."
)
CITY_SLUG_HELP = _(
    "The city's stable identifier in links and in import files. Changing it breaks them; "
    "leave it as it is once the city is published."
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


class HistoryAdmin(SimpleHistoryAdmin):
    """Who changed what and when, with a revert, through django-simple-history."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history 3.13 calls select_related() with no fields for a model without foreign
        # keys, which Django 6.1 deprecates: name the foreign keys, or none.
        foreign_keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *foreign_keys
        )


class ImportExportHistoryAdmin(ImportExportMixin, HistoryAdmin):
    """History of every change, and CSV / XLSX files with a preview before anything is written.

    ImportExportMixin comes first so its change list template and URLs wrap the history admin's.
    """

    formats = [base_formats.CSV, base_formats.XLSX]
    import_template_name = "admin/members/import.html"
    export_template_name = "admin/members/export.html"
    # The column-picking export form's template uses an inline onchange handler and inline
    # styles, which the site's Content-Security-Policy blocks: export every column instead.
    export_form_class = ExportForm

    def has_import_permission(self, request):
        # A file may hold new rows as well as changes (IMPORT_EXPORT_IMPORT_PERMISSION_CODE).
        return super().has_import_permission(request) and self.has_add_permission(request)


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


class CityInline(admin.StackedInline):
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
class CityTwinAdmin(HistoryAdmin):
    list_display = [
        "name",
        "cities_with_status",
        "border",
        "sector_count",
        "profile_checked",
        "updated_at",
    ]
    list_filter = [BorderFilter, TwinStatusFilter, TwinCountryFilter, "sectors", FreshnessFilter]
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

    @admin.display(description=_("sectors"))
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
class CityAdmin(ImportExportHistoryAdmin):
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
            {"fields": ["country", "latitude", "longitude", "population", "website"]},
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
            '<img src="{}" alt="" width="16" height="11"> {} ({})',
            city.country.flag,
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
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug", "twin_count"]
    ordering = ["position", "name"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(twin_count=Count("twins"))

    @admin.display(description=_("twins"), ordering="twin_count")
    def twin_count(self, sector):
        return sector.twin_count


class PurposeInline(admin.TabularInline):
    model = Purpose
    extra = 0
    fields = ["text", "position"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["text", "position"]


@admin.register(Purpose, Objective)
class AimAdmin(HistoryAdmin):
    """Edited on the association's page; listed here for their history (who changed what)."""

    list_display = ["position", "text"]
    list_display_links = ["text"]
    search_fields = ["text"]


@admin.register(Association)
class AssociationAdmin(HistoryAdmin):
    """The association's one record: it is edited, never added twice or deleted."""

    list_display = ["name", "founded_on", "secretary_name", "updated_at"]
    inlines = [PurposeInline, ObjectiveInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "founded_on", "origin", "summary", "background", "main_goal"]},
        ),
        (
            _("Secretariat"),
            {
                "fields": [
                    "secretary_name",
                    "secretary_title",
                    "organisation",
                    "street_address",
                    ("postal_code", "locality"),
                    "country",
                    "phone",
                    "email",
                    "website",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Association.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


# Announcement keys have one length, so one grouped query counts every row of a page.
DELIVERY_PREFIX_LENGTH = len("announcement:00000000-0000-0000-0000-000000000000:")


def announcement_delivery(announcements) -> dict[int, dict[str, int]]:
    """Delivery counts per sent announcement, in one query for the whole list."""
    prefixes = {f"{announcement_key(a)}:": a.pk for a in announcements if a.sent_at}
    counts = {pk: dict.fromkeys(Status.values, 0) for pk in prefixes.values()}
    if prefixes:
        rows = (
            Notification.objects.filter(kind=Kind.ANNOUNCEMENT)
            .annotate(prefix=Substr("key", 1, DELIVERY_PREFIX_LENGTH))
            .filter(prefix__in=prefixes)
            .values("prefix", "status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in rows:
            counts[prefixes[row["prefix"]]][row["status"]] = row["count"]
    return counts


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Written, previewed, sent once; a sent announcement is the record of what went out."""

    form = AnnouncementForm
    list_display = ["subject", "audience", "twin", "created_at", "sent_at", "delivery", "preview"]
    list_filter = ["audience", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["twin"]
    search_fields = ["subject", "body"]
    autocomplete_fields = ["twin"]
    fields = ["subject", "body", "audience", "twin", "created_by", "sent_at", "delivery"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.sent_at is not None:
            return self.fields
        return ["created_by", "sent_at", "delivery"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.sent_at)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Evaluates the page's rows (the template reuses them) and counts their delivery at once.
        delivery = announcement_delivery(changelist.result_list)
        for announcement in changelist.result_list:
            announcement.delivery_counts = delivery.get(announcement.pk)
        return changelist

    @admin.display(description=_("delivery"))
    def delivery(self, announcement):
        if announcement.pk is None or announcement.sent_at is None:
            return _("not sent yet")
        counts = getattr(announcement, "delivery_counts", None)
        if counts is None:
            counts = Notification.objects.delivery_counts(f"{announcement_key(announcement)}:")
        return format_html(
            '<a href="{}?q={}">{}</a>',
            reverse("admin:citytwins_notification_changelist"),
            announcement_key(announcement),
            _("%(sent)d sent · %(pending)d pending · %(failed)d failed")
            % {
                "sent": counts[Status.SENT],
                "pending": counts[Status.PENDING] + counts[Status.SENDING],
                "failed": counts[Status.FAILED],
            },
        )

    @admin.display(description="")
    def preview(self, announcement):
        label = _("Preview") if announcement.sent_at else _("Preview and send")
        url = reverse("admin:members_announcement_preview", args=[announcement.pk])
        return format_html('<a href="{}">{}</a>', url, label)

    def get_urls(self):
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="members_announcement_preview",
        )
        return [preview, *super().get_urls()]

    def response_post_save_add(self, request, obj):
        return redirect("admin:members_announcement_preview", obj.pk)

    def response_post_save_change(self, request, obj):
        if obj.sent_at is None:
            return redirect("admin:members_announcement_preview", obj.pk)
        return super().response_post_save_change(request, obj)

    def preview_view(self, request, object_id):
        """The email as its recipients will read it, how many they are, and the one send button."""
        announcement = self.get_object(request, object_id)
        if announcement is None or not self.has_view_permission(request, announcement):
            raise Http404
        if request.method == "POST":
            if not self.has_change_permission(request, announcement):
                raise PermissionDenied
            if announcement.sent_at is not None:
                messages.warning(request, _("This announcement was sent already."))
            else:
                rows = announcement_send(announcement=announcement, by=request.user)
                messages.success(
                    request,
                    ngettext(
                        "The announcement is on its way to %(count)d person.",
                        "The announcement is on its way to %(count)d people.",
                        len(rows),
                    )
                    % {"count": len(rows)},
                )
            return redirect("admin:members_announcement_changelist")
        context = {
            **announcement_context(announcement),
            "recipient": request.user,
            "address": request.user.email,
            "site_url": settings.SITE_URL,
            "site_name": SITE_NAME,
            "unsubscribe_url": "",
        }
        return TemplateResponse(
            request,
            "admin/members/announcement/preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": announcement,
                "title": _("Preview"),
                "subject": " ".join(
                    render_to_string(f"{ANNOUNCEMENT_TEMPLATE}_subject.txt", context).split()
                ),
                "body_html": context["body_html"],
                "text": render_to_string(f"{ANNOUNCEMENT_TEMPLATE}_message.txt", context),
                "audience": announcement.get_audience_display()
                + (f" ({announcement.twin})" if announcement.twin_id else ""),
                "recipient_count": announcement_recipient_count(announcement),
                "delivery": self.delivery(announcement) if announcement.sent_at else "",
            },
        )


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    """Applications come from the public form; the secretary approves or declines, once."""

    list_display = [
        "city_name",
        "country",
        "twin_city_name",
        "twin_country",
        "contact_name",
        "status",
        "created_at",
        "decided_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["city_name", "twin_city_name", "contact_name", "contact_email"]
    actions = ["approve", "decline"]
    fieldsets = [
        (None, {"fields": [("city_name", "country"), ("twin_city_name", "twin_country")]}),
        (_("Contact"), {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        (None, {"fields": ["motivation"]}),
        (_("Decision"), {"fields": ["status", "created_at", "decided_at", "decided_by", "city"]}),
    ]
    # The application is what the city sent: nothing to edit; the actions decide.
    readonly_fields = [
        "city_name",
        "country",
        "twin_city_name",
        "twin_country",
        "contact_name",
        "contact_email",
        "contact_phone",
        "motivation",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "city",
    ]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, decide, done_message):
        decided = skipped = 0
        for application in queryset:
            if application.status != ApplicationStatus.NEW:
                skipped += 1
                continue
            decide(application=application, by=request.user)
            decided += 1
        if decided:
            self.message_user(request, done_message % {"count": decided}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d application was decided already and is left as it was.",
                    "%(count)d applications were decided already and are left as they were.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Approve: add the city as prospective and thank the applicant"))
    def approve(self, request, queryset):
        self._decide(
            request, queryset, application_approve, _("%(count)d application(s) approved.")
        )

    @admin.action(description=_("Decline (no email is sent: write to the applicant yourself)"))
    def decline(self, request, queryset):
        self._decide(
            request, queryset, application_decline, _("%(count)d application(s) declined.")
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from a city's page; here the secretary sees what became of them."""

    list_display = ["email", "city", "invited_by", "created_at", "expires_at", "state"]
    list_filter = ["city__twin"]
    list_select_related = ["city", "invited_by"]
    search_fields = ["email", "name", "city__name"]
    readonly_fields = [
        "email",
        "name",
        "city",
        "invited_by",
        "user",
        "created_at",
        "expires_at",
        "accepted_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("state"))
    def state(self, invitation):
        if invitation.is_used:
            return _("accepted")
        if invitation.is_expired:
            return _("expired")
        return _("waiting")
