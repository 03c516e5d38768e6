"""The secretary's forms in the admin: a project's status date, a call's deadline in its own
time zone, the reason for returning a proposal."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import FundingCall, Project


class ProjectAdminForm(forms.ModelForm):
    status_on = forms.DateField(
        label=_("status changed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the status changed, if not today. Each change is kept in the history."),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "website",
            "is_sample",
            "status",
            "starts_on",
            "ends_on",
            "sectors",
            "total_budget",
            "outcomes",
        ]


class FundingCallAdminForm(forms.ModelForm):
    """The deadline is typed and shown as the call states it: in the call's own time zone."""

    class Meta:
        model = FundingCall
        fields = [
            "programme",
            "title",
            "deadline",
            "time_zone",
            "eligible_countries",
            "link",
            "is_sample",
        ]
        help_texts = {"deadline": _("Date and time in the call's time zone below.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.deadline and "deadline" in self.fields:
            local = self.instance.deadline.astimezone(self.instance.zone)
            self.initial["deadline"] = local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        deadline, name = cleaned.get("deadline"), cleaned.get("time_zone")
        try:
            zone = zoneinfo.ZoneInfo(name or "")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned  # the model's validation names the time zone
        if deadline is not None:
            # The form read the wall time in the site's zone; it was meant in the call's.
            cleaned["deadline"] = timezone.make_naive(deadline).replace(tzinfo=zone)
        return cleaned


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the proposer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The proposer reads this in an email and on their page, and may then edit."),
    )
