import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from citytwins.models import OPT_OUT_KINDS, NotificationPreference
from citytwins.notifications import opt_out_kinds_for


class NotificationPreferenceForm(forms.ModelForm):
    """The kinds a person may turn off; change notices are offered to the secretary only."""

    class Meta:
        model = NotificationPreference
        fields = [kind.value for kind in OPT_OUT_KINDS]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offered = {kind.value for kind in opt_out_kinds_for(user)}
        for name in list(self.fields):
            if name not in offered:
                del self.fields[name]


# A field people never see: its input sits in a `hidden` block, out of sight and out of the
# accessibility tree. A robot that fills every input fills this one too.
HONEYPOT = "website"


class HoneypotField(forms.Field):
    """Whatever a robot types is accepted: it must never learn from an error message."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        super().__init__(**kwargs)

    def to_python(self, value):
        return "" if value is None else str(value)


def robot_detected(form: forms.BaseForm) -> bool:
    """True when the honeypot was filled; read from the raw data, so any other error is moot."""
    return bool(str(form.data.get(HONEYPOT, "")).strip())


def single_line(value: str) -> None:
    """Names and subjects end up in email headers and subject lines: one line only."""
    if any(char in value for char in "\r\n\t\x0b\x0c"):
        raise ValidationError(_("Please keep this on one line."), code="line_break")


class SubmissionField(forms.Field):
    """A random id per filled-in form, so a double click sends the message once.

    A missing or garbled id is replaced, never an error: people cannot see or fix it.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def to_python(self, value):
        try:
            return uuid.UUID(str(value))
        except ValueError:
            return uuid.uuid4()


class ContactForm(forms.Form):
    """A message from anyone to the secretariat."""

    name = forms.CharField(
        label=_("Your name"), max_length=150, validators=[single_line], strip=True
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "The secretary replies to this address. We send it a short confirmation that your "
            "message arrived, not a copy of the message."
        ),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[single_line])
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5,000 characters."),
    )
    website = HoneypotField()
    submission = SubmissionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class QueryFilterForm(forms.Form):
    """Filters read from the query string of a public list. A value that does not validate is
    ignored (and named), never an error page: shared links outlive the data they were made for."""

    def applied(self) -> dict:
        """The valid, non-empty values: the filters in force."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    def ignored(self) -> list[tuple[str, str]]:
        """(label, value) of each parameter given a value that is not valid, value shortened."""
        self.is_valid()
        ignored = []
        for name in self.errors:
            raw = "".join(ch for ch in str(self.data.get(name, "")) if ch.isprintable())
            shortened = raw if len(raw) <= 40 else raw[:39] + "…"
            ignored.append((self.fields[name].label, shortened))
        return ignored

    def applied_query(self, *, leave_out: tuple[str, ...] = (), **changes) -> QueryDict:
        """The filters in force as a query string, less `leave_out` and with `changes` made, e.g.
        for the links to other pages or tabs of the list (an empty change removes a filter)."""
        values = {**self.applied(), **changes}
        query = QueryDict(mutable=True)
        query.update(
            {
                name: value
                for name, value in values.items()
                if name not in leave_out and value not in (None, "")
            }
        )
        return query
