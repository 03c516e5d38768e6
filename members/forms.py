from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from citytwins.forms import HoneypotField, single_line
from members.models import (
    Announcement,
    Audience,
    BorderKind,
    MembershipApplication,
    MembershipStatus,
    User,
)


class UserAdminCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name"]


class UserAdminChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class CountryCodeField(forms.ChoiceField):
    """An ISO 3166-1 code, whatever case the link was typed in."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class TwinFilterForm(forms.Form):
    """The directory's filters, read from the query string. A value that does not validate is
    ignored (and named), never an error page: shared links outlive the data they were made for."""

    SORTS = [
        ("", _("Brochure order")),
        ("name", _("Name")),
        ("country", _("Country")),
    ]

    q = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    country = CountryCodeField(label=_("Country"), required=False)
    status = forms.ChoiceField(
        label=_("Membership status"),
        choices=[("", _("Any status")), *MembershipStatus.choices],
        required=False,
    )
    border = forms.ChoiceField(
        label=_("Border"),
        choices=[("", _("Any border")), *BorderKind.choices],
        required=False,
    )
    sector = forms.ChoiceField(label=_("Sector of cooperation"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, data, *, countries, sectors, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [
            ("", _("Any country")),
            *((country.code, country.name) for country in countries),
        ]
        self.fields["sector"].choices = [
            ("", _("Any sector")),
            *((sector.slug, sector.name) for sector in sectors),
        ]

    def applied(self) -> dict[str, str]:
        """The valid, non-empty values: the filters in force."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }

    def ignored(self) -> list[tuple[str, str]]:
        """(label, value) of each parameter given a value that is not valid, value shortened."""
        self.is_valid()
        ignored = []
        for name in self.errors:
            raw = "".join(ch for ch in self.data.get(name, "") if ch.isprintable())
            shortened = raw if len(raw) <= 40 else raw[:39] + "…"
            ignored.append((self.fields[name].label, shortened))
        return ignored

    def applied_query(self) -> QueryDict:
        query = QueryDict(mutable=True)
        query.update(self.applied())
        return query


class MembershipApplicationForm(forms.ModelForm):
    """A city applies to join the network; its twin city lies across a national border."""

    phone = RegexValidator(
        r"^\+?[0-9][0-9 ()./-]{4,38}$",
        _("Enter a phone number of digits, spaces and + ( ) - / only, e.g. +358 5 123 4567."),
    )
    website = HoneypotField()

    class Meta:
        model = MembershipApplication
        fields = [
            "city_name",
            "country",
            "twin_city_name",
            "twin_country",
            "contact_name",
            "contact_email",
            "contact_phone",
            "motivation",
        ]
        labels = {
            "city_name": _("Your city"),
            "country": _("Its country"),
            "twin_city_name": _("The twin city across the border"),
            "twin_country": _("The twin city's country"),
            "contact_name": _("Contact person"),
            "contact_email": _("Email address"),
            "contact_phone": _("Phone (optional)"),
            "motivation": _("Why your city wants to join"),
        }
        help_texts = {
            "twin_city_name": _("If your twin is already in the network, write its name as we do."),
            "contact_email": _("The secretary answers to this address."),
            "contact_phone": _("With the country code, e.g. +358 5 123 4567."),
            "motivation": _(
                "What you do together across the border and what you expect from the network. "
                "At most 5,000 characters."
            ),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("country", "twin_country"):
            self.fields[name].choices = [("", _("Choose a country")), *countries]
        for name in ("city_name", "twin_city_name", "contact_name"):
            self.fields[name].validators.append(single_line)
        self.fields["contact_phone"].validators.append(self.phone)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"

    def clean(self):
        cleaned = super().clean()
        country, twin_country = cleaned.get("country"), cleaned.get("twin_country")
        if country and twin_country and country == twin_country:
            self.add_error(
                "twin_country",
                _("A city twin lies across a national border: choose the twin city's country."),
            )
        return cleaned


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["subject", "body", "audience", "twin"]

    def clean(self):
        cleaned = super().clean()
        audience, twin = cleaned.get("audience"), cleaned.get("twin")
        if audience == Audience.TWIN and twin is None:
            self.add_error("twin", _("Choose the twin whose staff receive this announcement."))
        elif audience and audience != Audience.TWIN and twin is not None:
            self.add_error("twin", _("Choose a twin only for the audience “one twin's staff”."))
        return cleaned
