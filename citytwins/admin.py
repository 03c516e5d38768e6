from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.db import transaction
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citytwins.models import (
    OPT_OUT_KINDS,
    ContactMessage,
    Kind,
    Notification,
    NotificationPreference,
    Status,
)
from citytwins.outbox import notifications_enqueue
from citytwins.services import contact_messages_mark_handled

admin.site.site_header = "City Twins Association"
admin.site.site_title = "City Twins Association"
admin.site.index_title = _("Secretariat")
# The admin signs in through allauth, so it shares allauth's rate limits (and its second factor).
admin.site.login = secure_admin_login(admin.site.login)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox: what went out, what waits, what failed and why; failed rows can be retried."""

    # Thousands of rows at scale: "N results" without a second count of the whole table.
    show_full_result_count = False

    list_display = [
        "created_at",
        "address",
        "kind",
        "language",
        "subject",
        "status",
        "attempts",
        "error",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language", "created_at"]
    search_fields = ["address", "subject", "key"]
    date_hierarchy = "created_at"
    list_select_related = False
    actions = ["retry", "cancel"]
    fields = [
        "status",
        "kind",
        "recipient",
        "address",
        "language",
        "subject",
        "attempts",
        "last_error",
        "next_attempt_at",
        "lease_until",
        "created_at",
        "updated_at",
        "sent_at",
        "key",
        "headers",
        "attachment_names",
        "text",
        "html_source",
    ]
    # A row is the record of what was sent: every field is read-only; the actions change status.
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def get_queryset(self, request):
        # The message as sent (a few kilobytes a row) is for the workers; the page shows its parts.
        return super().get_queryset(request).defer("raw")

    @admin.display(description=_("last error"))
    def error(self, obj):
        return truncatechars(obj.last_error, 120)

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        return ", ".join(attachment["filename"] for attachment in obj.attachments) or "—"

    @admin.display(description=_("HTML body"))
    def html_source(self, obj):
        return format_html("<pre style='white-space:pre-wrap'>{}</pre>", obj.html)

    @admin.action(
        description=_("Retry the selected failed or cancelled notifications"),
        permissions=["change"],
    )
    def retry(self, request, queryset):
        with transaction.atomic():
            ids = list(
                queryset.filter(status__in=[Status.FAILED, Status.CANCELLED])
                .select_for_update()
                .values_list("pk", flat=True)
            )
            Notification.objects.filter(pk__in=ids).update(
                status=Status.PENDING,
                attempts=0,
                last_error="",
                claimed_by="",
                lease_until=None,
                next_attempt_at=timezone.now(),
                updated_at=timezone.now(),
            )
            transaction.on_commit(lambda: notifications_enqueue(ids), robust=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d notification will be sent again.",
                "%(count)d notifications will be sent again.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Cancel the selected pending or failed notifications"),
        permissions=["change"],
    )
    def cancel(self, request, queryset):
        count = queryset.filter(status__in=[Status.PENDING, Status.FAILED]).update(
            status=Status.CANCELLED, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d notification cancelled.",
                "%(count)d notifications cancelled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", *(kind.value for kind in OPT_OUT_KINDS)]
    list_filter = [kind.value for kind in OPT_OUT_KINDS]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """What people wrote through the contact form, with what became of each email about it."""

    list_display = ["received_at", "subject", "name", "email", "delivery", "handled_at"]
    list_display_links = ["received_at", "subject"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter), "received_at"]
    search_fields = ["subject", "name", "email", "message"]
    date_hierarchy = "received_at"
    actions = ["mark_handled"]
    fields = [
        "received_at",
        "name",
        "email",
        "subject",
        "message",
        "emails",
        "handled_at",
        "handled_by",
    ]
    # The message is what the person sent: nothing to edit; the action marks it handled.
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing on the page can be edited: no save buttons that would do nothing.
        extra_context = {**(extra_context or {}), "show_save": False}
        extra_context["show_save_and_continue"] = False
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Evaluates the page's rows (the template reuses them) and counts their emails at once.
        delivery = Notification.objects.filter(kind=Kind.CONTACT).delivery_counts_by_prefix(
            contact.delivery_key for contact in changelist.result_list
        )
        for contact in changelist.result_list:
            contact.delivery_counts = delivery[contact.delivery_key]
        return changelist

    @admin.display(description=_("emails"))
    def delivery(self, contact):
        counts = getattr(contact, "delivery_counts", None)
        if counts is None:
            counts = Notification.objects.delivery_counts(contact.delivery_key)
        return format_html(
            '<a href="{}?q={}">{}</a>',
            reverse("admin:citytwins_notification_changelist"),
            contact.delivery_key,
            # Translators: three counts of emails by state; "sent: 3" reads well in any language.
            _("%(sent)d sent · %(pending)d pending · %(failed)d failed")
            % {
                "sent": counts[Status.SENT],
                "pending": counts[Status.PENDING] + counts[Status.SENDING],
                "failed": counts[Status.FAILED],
            },
        )

    @admin.display(description=_("emails about it"))
    def emails(self, contact):
        acknowledgement = f"{contact.delivery_key}acknowledgement:"
        rows = list(
            Notification.objects.filter(key__startswith=contact.delivery_key).order_by("pk")
        )
        items = [
            (
                _("acknowledgement to the sender")
                if row.key.startswith(acknowledgement)
                else _("to the secretariat"),
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:citytwins_notification_change", args=[row.pk]),
                    row.address,
                ),
                row.get_status_display()
                + (f" ({truncatechars(row.last_error, 120)})" if row.last_error else ""),
            )
            for row in rows
        ]
        if all(row.key.startswith(acknowledgement) for row in rows):
            items.insert(
                0,
                (
                    _("to the secretariat"),
                    _("no one"),
                    _("no secretary account and no address in the association's record"),
                ),
            )
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}, {}</li>", items))

    @admin.action(description=_("Mark the selected messages handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = contact_messages_mark_handled(messages=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked handled.",
                "%(count)d messages marked handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
