from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from citytwins.addresses import address_normalise
from citytwins.forms import HoneypotField, QueryFilterForm, SubmissionField, single_line
from citytwins.templatetags.wording import in_sentence
from members.images import image_reencode
from members.models import (
    Announcement,
    Audience,
    BorderKind,
    City,
    CityTwin,
    Contact,
    MembershipApplication,
    MembershipStatus,
    SharedService,
    User,
)


class NormalAddressMixin:
    """The address is kept in its one stored spelling (citytwins.addresses), so the uniqueness
    check and the account see the form it will be stored in."""

    def clean_email(self):
        return address_normalise(self.cleaned_data["email"])


class UserAdminCreationForm(NormalAddressMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name"]


class UserAdminChangeForm(NormalAddressMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class CountryCodeField(forms.ChoiceField):
    """An ISO 3166-1 code, whatever case the link was typed in."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class PageForm(QueryFilterForm):
    """A page number only, for a list with no filters (the /sectors/ matrix)."""

    page = forms.IntegerField(
        label=_("Page"), min_value=1, required=False, widget=forms.HiddenInput
    )


class TwinFilterForm(QueryFilterForm):
    """The directory's filters, read from the query string."""

    SORTS = [
        ("", _("Association's order")),
        ("name", _("Name, A to Z")),
        ("country", _("Country, A to Z")),
    ]

    q = forms.CharField(
        # A twin's or a city's name, not a person's (Polish: Nazwa, not Imię i nazwisko).
        label=pgettext_lazy("twin or city", "Name"),
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
    page = forms.IntegerField(
        label=_("Page"), min_value=1, required=False, widget=forms.HiddenInput
    )

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

    def described(self) -> str:
        """The filters in force in words, for the page's title: "in Poland, on an EU internal
        border". Sorting is no filter."""
        applied = self.applied()
        parts = []
        if applied.get("country"):
            parts.append(_("in %(country)s") % {"country": countries.name(applied["country"])})
        if applied.get("status"):
            status = in_sentence(MembershipStatus(applied["status"]).label)
            parts.append(_("with a %(status)s city") % {"status": status})
        if applied.get("border"):
            parts.append(_("on an %(border)s") % {"border": BorderKind(applied["border"]).label})
        if applied.get("sector"):
            sector = dict(self.fields["sector"].choices)[applied["sector"]]
            parts.append(_("in the sector “%(sector)s”") % {"sector": sector})
        if applied.get("q"):
            parts.append(_("named like “%(text)s”") % {"text": applied["q"]})
        return ", ".join(str(part) for part in parts)


class MembershipApplicationForm(forms.ModelForm):
    """A city applies to join the network; its twin city lies across a national border."""

    phone = RegexValidator(
        r"^\+?[0-9][0-9 ()./-]{4,38}$",
        _("Enter a phone number of digits, spaces and + ( ) - / only, e.g. +358 5 123 4567."),
    )
    website = HoneypotField()
    submission = SubmissionField()

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
        fields = ["subject", "body", "audience", "twin", "public"]

    def clean(self):
        cleaned = super().clean()
        audience, twin = cleaned.get("audience"), cleaned.get("twin")
        if audience == Audience.TWIN and twin is None:
            self.add_error("twin", _("Choose the twin whose staff receive this announcement."))
        elif audience and audience != Audience.TWIN and twin is not None:
            self.add_error("twin", _("Choose a twin only for the audience “one twin's staff”."))
        if cleaned.get("public") and audience and audience != Audience.MEMBERS:
            self.add_error(
                "public", _("Only an announcement to all members is shown on the home page.")
            )
        return cleaned


class InvitationAcceptForm(forms.Form):
    """The invited person chooses their name and password."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, name=cleaned.get("name", ""))
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PersonForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]


class InviteForm(NormalAddressMixin, forms.Form):
    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(label=_("Name"), max_length=150, required=False)


def markdown_help():
    """Three examples of the Markdown a description may use, shown as the field's help."""
    return format_html(
        '{}<ul class="markdown-examples">'
        "<li><code>**{}**</code> {} <strong>{}</strong></li>"
        "<li><code>[{}](https://www.citytwins.net)</code> {} {}</li>"
        "<li><code>- {}</code> {}</li>"
        "</ul>",
        _("Plain text; a blank line starts a new paragraph. A little Markdown, for example:"),
        _("shared school"),
        _("gives"),
        _("shared school"),
        _("our website"),
        _("gives"),
        _("a link to the address in brackets"),
        _("joint library"),
        _("on lines of their own gives a bulleted list"),
    )


class MarkdownHelpMixin:
    """The description's help shows Markdown examples (built per request, in its language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = markdown_help()


class ReencodedImageMixin:
    """A new upload is checked by its content and re-encoded without metadata (members.images);
    the stored file, when nothing new was uploaded, is left as it is."""

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            return image_reencode(image)
        return image


class CityTwinAdminForm(ReencodedImageMixin, forms.ModelForm):
    class Meta:
        model = CityTwin
        fields = ["name", "slug", "summary", "description", "website", "image", "sectors"]


class TwinProfileForm(MarkdownHelpMixin, ReencodedImageMixin, forms.ModelForm):
    """What city staff may change of their twin: never its status, slug or cities."""

    class Meta:
        model = CityTwin
        fields = ["summary", "description", "website", "image"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "summary": _(
                "At most 300 characters: one or two sentences shown under the twin's name."
            ),
        }


class CityProfileForm(MarkdownHelpMixin, forms.ModelForm):
    """What city staff may change of their city: never its status, twin or country."""

    class Meta:
        model = City
        fields = ["native_name", "population", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class RemovableRowsFormSet(forms.BaseInlineFormSet):
    """Only a saved row can be removed, and its box says so in words."""

    delete_label = _("Remove this row")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label


class ServiceFormSetBase(RemovableRowsFormSet):
    """Every form's select lists the same rows: read them once, not once per form."""

    shared_choice_fields = ("sector",)
    delete_label = _("Remove this service")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.shared_choice_fields:
            choices = list(self.form.base_fields[name].choices)
            for form in [*self.forms, self.empty_form]:
                form.fields[name].choices = choices


ServiceFormSet = forms.inlineformset_factory(
    CityTwin,
    SharedService,
    formset=ServiceFormSetBase,
    fields=["name", "sector", "since", "description"],
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    widgets={"description": forms.Textarea(attrs={"rows": 3})},
)


class ContactFormSetBase(RemovableRowsFormSet):
    delete_label = _("Remove this contact")


ContactFormSet = forms.inlineformset_factory(
    City,
    Contact,
    formset=ContactFormSetBase,
    fields=Contact.DETAILS,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)
