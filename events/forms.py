import datetime
import zoneinfo

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citytwins.forms import QueryFilterForm
from events.documents import document_inspect
from events.models import Event, EventDocument, EventKind, city_zone

# An event's times as the secretary types them: on the host city's clock.
LOCAL_TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class EventFilterForm(QueryFilterForm):
    """The event list's filters, read from the query string (see QueryFilterForm)."""

    WHEN = [("", _("Upcoming")), ("past", _("Past"))]

    when = forms.ChoiceField(label=_("Show"), choices=WHEN, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *EventKind.choices], required=False
    )
    twin = forms.ChoiceField(label=_("Host twin"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, twins, sectors, years, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["twin"].choices = [
            ("", _("Any twin")),
            *((twin.slug, twin.name) for twin in twins),
        ]
        self.fields["sector"].choices = [
            ("", _("Any sector")),
            *((sector.slug, sector.name) for sector in sectors),
        ]
        self.fields["year"].choices = [("", _("Any year")), *((year, year) for year in years)]


class LocalSplitDateTimeField(forms.SplitDateTimeField):
    """A date and a time as typed, kept naive: the event form reads them on the host city's
    clock, not the server's."""

    widget = AdminSplitDateTime

    def compress(self, data_list):
        if data_list:
            if data_list[0] in self.empty_values:
                raise forms.ValidationError(
                    self.error_messages["invalid_date"], code="invalid_date"
                )
            if data_list[1] in self.empty_values:
                raise forms.ValidationError(
                    self.error_messages["invalid_time"], code="invalid_time"
                )
            return datetime.datetime.combine(*data_list)
        return None


def clock_is_ambiguous(value: datetime.datetime, zone: zoneinfo.ZoneInfo) -> bool:
    """True for a wall-clock time that happens twice (clocks go back) or never (they go
    forward) in `zone`."""
    first, second = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset()


class EventAdminForm(forms.ModelForm):
    """The secretary types times on the host city's clock; they are stored as instants."""

    starts_at = LocalSplitDateTimeField(label=_("Starts"))
    ends_at = LocalSplitDateTimeField(label=_("Ends"))
    registration_opens_at = LocalSplitDateTimeField(
        label=_("Registration opens"),
        required=False,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes_at = LocalSplitDateTimeField(
        label=_("Registration closes"), required=False, help_text=_("Empty: when it starts.")
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "is_sample",
            "host_twin",
            "host_city",
            "venue",
            "online_url",
            "starts_at",
            "ends_at",
            "description",
            "agenda",
            "sectors",
            "audience",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _("On the host city's clock (the time zone set on the city).")
        if self.instance.pk is not None:
            zone = self.instance.zone
            help_text = _("On the host city's clock (its time zone: %(zone)s).") % {
                "zone": zone.key
            }
            for name in LOCAL_TIMES:
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = help_text

    def clean(self):
        cleaned = super().clean()
        city = cleaned.get("host_city")
        twin = cleaned.get("host_twin")
        if city is not None and twin is not None and city.twin_id != twin.pk:
            self.add_error(
                "host_city",
                _("%(city)s is not a city of %(twin)s.") % {"city": city, "twin": twin},
            )
        zone = city_zone(city) if city is not None else None
        if city is not None and zone is None:
            self.add_error(
                "host_city",
                _("%(city)s has no time zone yet: set it on the city's page in the admin first.")
                % {"city": city},
            )
        for name in LOCAL_TIMES:
            value = cleaned.get(name)
            if value is None or timezone.is_aware(value):
                continue
            if zone is None:
                cleaned[name] = None
            elif clock_is_ambiguous(value, zone):
                self.add_error(
                    name,
                    _(
                        "%(time)s happens twice or not at all in %(zone)s as the clocks change "
                        "that night; choose another time."
                    )
                    % {"time": value.strftime("%H:%M"), "zone": zone.key},
                )
            else:
                cleaned[name] = value.replace(tzinfo=zone)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event ends before it starts."))
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes < opens:
            self.add_error("registration_closes_at", _("Registration closes before it opens."))
        return cleaned


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the event's page and in the email to everyone registered."),
    )


class EventDocumentAdminForm(forms.ModelForm):
    """A document is checked by its content before anything is stored."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, ODT, DOCX or XLSX, at most 20 MB. Members only."),
    )

    class Meta:
        model = EventDocument
        fields = ["title", "kind", "position"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is None and self.instance.pk is None and self.has_changed():
            self.add_error("upload", _("Choose the file to upload."))
        return cleaned

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            extension, content_type = document_inspect(upload)
            self.instance.extension = extension
            self.instance.content_type = content_type
            self.instance.size = upload.size
        return upload

    def save(self, commit=True):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.instance.file.save("upload", upload, save=False)
        return super().save(commit=commit)
