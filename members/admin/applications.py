"""Membership applications and the secretary's announcements."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from citytwins.models import Kind, Notification, Status
from citytwins.notifications import SITE_NAME
from members.forms import (
    AnnouncementForm,
)
from members.models import (
    Announcement,
    ApplicationStatus,
    MembershipApplication,
)
from members.services.announcements import (
    ANNOUNCEMENT_TEMPLATE,
    announcement_context,
    announcement_key,
    announcement_recipient_count,
    announcement_send,
)
from members.services.applications import application_approve, application_decline


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Written, previewed, sent once; a sent announcement is the record of what went out."""

    form = AnnouncementForm
    list_display = ["subject", "audience", "twin", "created_at", "sent_at", "delivery", "preview"]
    list_filter = ["audience", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["twin"]
    search_fields = ["subject", "body"]
    autocomplete_fields = ["twin"]
    fields = [
        "subject",
        "body",
        "audience",
        "twin",
        "public",
        "created_by",
        "sent_at",
        "delivery",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.sent_at is not None:
            # What went out stays as it went out; whether the home page shows it may change.
            return [name for name in self.fields if name != "public"]
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
        sent = [a for a in changelist.result_list if a.sent_at]
        delivery = Notification.objects.filter(kind=Kind.ANNOUNCEMENT).delivery_counts_by_prefix(
            f"{announcement_key(announcement)}:" for announcement in sent
        )
        for announcement in sent:
            announcement.delivery_counts = delivery[f"{announcement_key(announcement)}:"]
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
            request,
            queryset,
            application_approve,
            ngettext_lazy(
                "%(count)d application approved.", "%(count)d applications approved.", "count"
            ),
        )

    @admin.action(description=_("Decline (no email is sent: write to the applicant yourself)"))
    def decline(self, request, queryset):
        self._decide(
            request,
            queryset,
            application_decline,
            ngettext_lazy(
                "%(count)d application declined.", "%(count)d applications declined.", "count"
            ),
        )
