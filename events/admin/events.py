"""Events: written as drafts, announced or published, changed and cancelled, each with a preview
where people are emailed."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Func, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citytwins.models import Notification, Status
from citytwins.notifications import SITE_NAME
from events.admin.records import (
    ActionItemInline,
    DecisionInline,
    EventDocumentInline,
    StateFilter,
)
from events.forms import EventAdminForm, EventCancelForm
from events.models import Event, Registration, RegistrationStatus
from events.services.events import (
    EventRefused,
    announcement_key,
    announcement_recipients,
    event_announce,
    event_cancel,
    event_publish,
    event_save,
)
from events.services.mail import event_context
from events.services.registrations import registered_people
from events.times import event_when_short
from members.admin.base import HistoryAdmin

ANNOUNCEMENT_TEMPLATE = "events/email/event_announcement"
CANCELLED_TEMPLATE = "events/email/event_cancelled"


def _registration_count(status: str) -> Subquery:
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    return Subquery(rows, output_field=IntegerField())


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    """Written as a draft, announced (or published quietly), changed, cancelled: every step
    through the events services, so emails and calendars follow."""

    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False

    form = EventAdminForm
    list_display = [
        "title",
        "kind",
        "host_city",
        "starts",
        "audience",
        "state",
        "registrations",
        "is_sample",
    ]
    list_filter = [
        StateFilter,
        "kind",
        "audience",
        "host_twin",
        "sectors",
        "is_sample",
    ]
    list_select_related = ["host_city", "host_twin"]
    search_fields = ["title", "summary", "venue", "host_city__name", "host_twin__name"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_twin", "host_city"]
    inlines = [EventDocumentInline, DecisionInline, ActionItemInline]
    actions = ["announce", "publish"]
    readonly_fields = [
        "published_at",
        "announced_at",
        "cancelled_at",
        "cancellation_reason",
        "sequence",
        "registration_summary",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "is_sample"]}),
        (_("Host and place"), {"fields": ["host_twin", "host_city", "venue", "online_url"]}),
        (_("When"), {"fields": ["starts_at", "ends_at"]}),
        (_("What"), {"fields": ["description", "agenda", "sectors"]}),
        (
            _("Audience and registration"),
            {
                "fields": [
                    "audience",
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "registration_summary",
                ]
            },
        ),
        (
            _("State"),
            {
                "fields": [
                    "published_at",
                    "announced_at",
                    "cancelled_at",
                    "cancellation_reason",
                    "sequence",
                ]
            },
        ),
    ]
    change_form_template = "admin/events/event/change_form.html"

    def get_queryset(self, request):
        # Counted per listed event in a subquery, not grouped over every event's registrations
        # before the page is cut: the list stays a walk of its index at thousands of events.
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=_registration_count(RegistrationStatus.CONFIRMED),
                waitlisted_count=_registration_count(RegistrationStatus.WAITLISTED),
            )
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sectors":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        rows = event_save(event=obj, by=request.user)
        if rows:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email about the change is on its way.",
                    "%(count)d emails about the change are on their way.",
                    len(rows),
                )
                % {"count": len(rows)},
                messages.INFO,
            )

    @admin.display(description=_("starts"), ordering="starts_at")
    def starts(self, event):
        return event_when_short(event)

    @admin.display(description=_("state"))
    def state(self, event):
        if event.is_cancelled:
            return _("Cancelled")
        if event.announced_at:
            return _("Announced")
        if event.is_published:
            return _("Published")
        return _("Draft")

    @admin.display(description=_("registrations"))
    def registrations(self, event):
        url = reverse("admin:events_registration_changelist") + f"?event__id__exact={event.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            # Translators: counts of registrations by state; "confirmed: 3" will do.
            _("%(confirmed)d confirmed · %(waitlisted)d waiting")
            % {
                "confirmed": getattr(event, "confirmed_count", 0),
                "waitlisted": getattr(event, "waitlisted_count", 0),
            },
        )

    @admin.display(description=_("registrations"))
    def registration_summary(self, event):
        if event.pk is None:
            return "—"
        counts = event.registrations.counts()
        event.confirmed_count, event.waitlisted_count = counts["confirmed"], counts["waitlisted"]
        return self.registrations(event)

    def get_urls(self):
        views = [
            path(
                "<path:object_id>/announce/",
                self.admin_site.admin_view(self.announce_view),
                name="events_event_announce",
            ),
            path(
                "<path:object_id>/cancel/",
                self.admin_site.admin_view(self.cancel_view),
                name="events_event_cancel",
            ),
        ]
        return [*views, *super().get_urls()]

    @admin.action(description=_("Announce to the members (preview first)"), permissions=["change"])
    def announce(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose one event to announce at a time."), messages.WARNING
            )
            return None
        return redirect("admin:events_event_announce", queryset.get().pk)

    @admin.action(description=_("Publish without an announcement"), permissions=["change"])
    def publish(self, request, queryset):
        events = list(queryset.filter(published_at__isnull=True))
        for event in events:
            event_publish(event=event, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d event published.", "%(count)d events published.", len(events))
            % {"count": len(events)},
            messages.SUCCESS,
        )

    def _event_or_404(self, request, object_id) -> Event:
        event = self.get_object(request, object_id)
        if event is None or not self.has_view_permission(request, event):
            raise Http404
        return event

    def _email_preview(self, request, template, context) -> dict:
        """The email as its recipients will read it, addressed to the secretary looking."""
        context = {
            **context,
            "recipient": request.user,
            "address": request.user.email,
            "site_url": settings.SITE_URL,
            "site_name": SITE_NAME,
            "unsubscribe_url": "",
        }
        return {
            "subject": " ".join(render_to_string(f"{template}_subject.txt", context).split()),
            "text": render_to_string(f"{template}_message.txt", context),
            # The message's own part, without the email's frame and its inline styles.
            "html": render_to_string(f"{template}_message.html#body", context),
        }

    def announce_view(self, request, object_id):
        """Who receives the announcement and the email as they will read it; then one send."""
        event = self._event_or_404(request, object_id)
        if request.method == "POST":
            if not self.has_change_permission(request, event):
                raise PermissionDenied
            announced_before = event.announced_at is not None
            try:
                rows = event_announce(event=event, by=request.user)
            except EventRefused as refusal:
                messages.error(request, str(refusal))
                return redirect("admin:events_event_change", event.pk)
            if announced_before:
                messages.info(request, _("The members were told before; nothing was sent again."))
                return redirect("admin:events_event_changelist")
            messages.success(
                request,
                ngettext(
                    "The event is published; the announcement is on its way to %(count)d person.",
                    "The event is published; the announcement is on its way to %(count)d people.",
                    len(rows),
                )
                % {"count": len(rows)},
            )
            return redirect("admin:events_event_changelist")
        recipients = list(
            announcement_recipients(event)
            .exclude(notification_preference__meeting_announcement=False)
            .order_by("city__name", "email")
        )
        delivery = None
        if event.announced_at:
            delivery = Notification.objects.delivery_counts(f"{announcement_key(event)}:")
        return TemplateResponse(
            request,
            "admin/events/event/announce.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": event,
                "title": _("Announce: preview"),
                "recipients": recipients,
                "email": self._email_preview(request, ANNOUNCEMENT_TEMPLATE, event_context(event)),
                "delivery": delivery,
                "pending": (delivery or {}).get(Status.PENDING, 0),
                "refusal": _refusal(event),
            },
        )

    def cancel_view(self, request, object_id):
        """The reason, who will be told, and one button that cancels and tells them."""
        event = self._event_or_404(request, object_id)
        form = EventCancelForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if not self.has_change_permission(request, event):
                raise PermissionDenied
            if form.is_valid():
                rows = event_cancel(
                    event=event, reason=form.cleaned_data["reason"], by=request.user
                )
                messages.success(
                    request,
                    ngettext(
                        "The event is cancelled; %(count)d person registered is told.",
                        "The event is cancelled; %(count)d people registered are told.",
                        len(rows),
                    )
                    % {"count": len(rows)},
                )
                return redirect("admin:events_event_change", event.pk)
        recipients = list(registered_people(event).order_by("email"))
        reason = form["reason"].value() or _("(the reason you give above)")
        preview = self._email_preview(
            request,
            CANCELLED_TEMPLATE,
            {**event_context(event), "event": _CancelledPreview(event, reason)},
        )
        return TemplateResponse(
            request,
            "admin/events/event/cancel.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": event,
                "title": _("Cancel the event"),
                "form": form,
                "recipients": recipients,
                "email": preview,
            },
        )


def _refusal(event: Event) -> str:
    if event.is_cancelled:
        return _("A cancelled event is not announced.")
    if event.is_over():
        return _("This event is over: publish it without an announcement.")
    return ""


class _CancelledPreview:
    """The event as the cancellation email will show it, before it is cancelled."""

    def __init__(self, event: Event, reason: str):
        self._event = event
        self.cancellation_reason = reason
        self.is_cancelled = True

    def __getattr__(self, name):
        return getattr(self._event, name)
