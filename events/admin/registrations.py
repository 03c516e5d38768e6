"""Registrations: the secretary sees who comes, cancels a place, exports the list."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citytwins.spreadsheets import csv_write, xlsx_bytes
from events.models import Registration, RegistrationStatus
from events.services.registrations import registration_cancel
from events.times import event_when_short

EXPORT_HEADER = [
    _("Event"),
    _("Starts (host city's time)"),
    _("Name"),
    _("Email"),
    _("City"),
    _("Status"),
    _("Registered"),
    _("Place confirmed"),
    _("Cancelled"),
]


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _stamp(value) -> str:
    """The secretariat's clock, with its offset, so nobody has to guess the zone."""
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


def export_rows(queryset):
    for registration in queryset.select_related("person__city", "event__host_city").order_by(
        "event__starts_at", "event_id", "registered_at", "pk"
    ):
        person = registration.person
        yield [
            registration.event.title,
            event_when_short(registration.event),
            person.name,
            person.email,
            person.city.name if person.city_id else "",
            registration.get_status_display(),
            _stamp(registration.registered_at),
            _stamp(registration.confirmed_at),
            _stamp(registration.cancelled_at),
        ]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Registrations come from the event pages; the secretary reads, cancels and exports."""

    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False

    list_display = ["person", "email", "city", "event", "status", "registered_at", "confirmed_at"]
    list_filter = ["status", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person__city", "event"]
    search_fields = ["person__email", "person__name", "event__title"]
    date_hierarchy = "registered_at"
    actions = ["cancel", "export_csv", "export_xlsx"]
    readonly_fields = [
        "event",
        "person",
        "status",
        "registered_at",
        "confirmed_at",
        "cancelled_at",
        "updated_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("email"), ordering="person__email")
    def email(self, registration):
        return registration.person.email

    @admin.display(description=_("city"), ordering="person__city__name")
    def city(self, registration):
        return registration.person.city or "—"

    @admin.action(
        description=_("Cancel the selected registrations (the wait-list moves up)"),
        permissions=["change"],
    )
    def cancel(self, request, queryset):
        cancelled = 0
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED).select_related(
            "event"
        ):
            registration_cancel(registration=registration, by=request.user)
            cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled.",
                "%(count)d registrations cancelled.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the selected registrations as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        """Formula-safe (citytwins.spreadsheets), with a byte-order mark for spreadsheets."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        response.write("\ufeff")
        csv_write(response, EXPORT_HEADER, export_rows(queryset))
        return response

    @admin.action(description=_("Export the selected registrations as XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        """Text cells are never formulas (citytwins.spreadsheets)."""
        content = xlsx_bytes(EXPORT_HEADER, export_rows(queryset), title=str(_("Registrations")))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="registrations.xlsx"'
        return response
