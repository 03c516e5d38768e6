"""Funding calls in the admin: the deadline typed and shown in the call's own time zone."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.admin.base import HistoryAdmin
from projects.admin.publication import SampleFilter
from projects.forms.admin import FundingCallAdminForm
from projects.models import FundingCall


class OpenFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Still open (listed publicly)")), ("no", _("Passed"))]

    def queryset(self, request, queryset):
        open_calls = FundingCall.objects.open(now=timezone.now()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=open_calls)
        if self.value() == "no":
            return queryset.exclude(pk__in=open_calls)
        return queryset


@admin.register(FundingCall)
class FundingCallAdmin(HistoryAdmin):
    form = FundingCallAdminForm
    list_display = ["title", "programme", "deadline_in_its_zone", "sample"]
    list_filter = [OpenFilter, "programme", SampleFilter]
    list_select_related = ["programme"]
    search_fields = ["title", "programme__name"]
    fields = [
        "programme",
        "title",
        "deadline",
        "time_zone",
        "eligible_countries",
        "link",
        "is_sample",
    ]

    @admin.display(description=_("deadline"), ordering="deadline")
    def deadline_in_its_zone(self, call):
        return f"{call.deadline.astimezone(call.zone):%Y-%m-%d %H:%M} ({call.time_zone})"

    @admin.display(description=_("sample"), ordering="is_sample")
    def sample(self, call):
        return _("Sample") if call.is_sample else ""
