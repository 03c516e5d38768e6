from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.db import transaction
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citytwins.models import OPT_OUT_KINDS, Notification, NotificationPreference, Status
from citytwins.outbox import notifications_enqueue

admin.site.site_header = "City Twins Association"
admin.site.site_title = "City Twins Association"
admin.site.index_title = "Secretariat"
# The admin signs in through allauth, so it shares allauth's rate limits (and its second factor).
admin.site.login = secure_admin_login(admin.site.login)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox: what went out, what waits, what failed and why; failed rows can be retried."""

    list_display = [
        "created_at",
        "address",
        "kind",
        "subject",
        "status",
        "attempts",
        "error",
        "sent_at",
    ]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["address", "subject", "key"]
    date_hierarchy = "created_at"
    list_select_related = False
    actions = ["retry", "cancel"]
    fields = [
        "status",
        "kind",
        "recipient",
        "address",
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
