"""The filters of /projects/ and /practices/, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citytwins.forms import QueryFilterForm
from members.forms import CountryCodeField
from projects.models import PracticeKind, ProjectStatus


def _choices(empty_label, rows):
    return [("", empty_label), *rows]


class ProjectFilterForm(QueryFilterForm):
    SORTS = [
        ("", _("Latest start first")),
        ("start", _("Earliest start first")),
        ("title", _("Title")),
    ]

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Title, summary or a partner city; accents optional."),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=_choices(_("Any status"), ProjectStatus.choices), required=False
    )
    twin = forms.ChoiceField(label=_("Twin"), required=False)
    country = CountryCodeField(label=_("Country"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    year = forms.IntegerField(
        label=_("Active in year"),
        min_value=1990,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)
    page = forms.IntegerField(
        label=_("Page"), min_value=1, required=False, widget=forms.HiddenInput
    )

    def __init__(self, data, *, sectors, twins, countries, programmes, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["sector"].choices = _choices(
            _("Any sector"), [(s.slug, s.name) for s in sectors]
        )
        self.fields["twin"].choices = _choices(_("Any twin"), [(t.slug, t.name) for t in twins])
        self.fields["country"].choices = _choices(
            _("Any country"), [(country.code, country.name) for country in countries]
        )
        self.fields["programme"].choices = _choices(
            _("Any programme"), [(p.slug, p.name) for p in programmes]
        )


class PracticeFilterForm(QueryFilterForm):
    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Any word of the practice; accents optional."),
    )
    kind = forms.ChoiceField(
        label=_("Good or bad"),
        choices=_choices(_("Good and bad"), PracticeKind.choices),
        required=False,
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    twin = forms.ChoiceField(label=_("Twin"), required=False)
    page = forms.IntegerField(
        label=_("Page"), min_value=1, required=False, widget=forms.HiddenInput
    )

    def __init__(self, data, *, sectors, twins, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["sector"].choices = _choices(
            _("Any sector"), [(s.slug, s.name) for s in sectors]
        )
        self.fields["twin"].choices = _choices(_("Any twin"), [(t.slug, t.name) for t in twins])
