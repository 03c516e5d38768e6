"""What city staff fill in to propose a project or a practice (the admin's inlines share the
partner and funding line forms, so both say the same about a lead partner)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from citytwins.forms import single_line
from members.models import City
from projects.models import (
    ONE_LEAD,
    EvidenceLink,
    FundingLine,
    Practice,
    PracticeKind,
    Project,
    ProjectPartner,
    Role,
)

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [links](https://example.org), lists. Other markup is removed."
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectProposalForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "status",
            "starts_on",
            "ends_on",
            "sectors",
            "total_budget",
            "outcomes",
            "website",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE,
            "ends_on": DATE,
            "sectors": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "summary": _("One or two sentences for the list of projects."),
            "description": MARKDOWN_HELP,
            # Joined when shown, in the reader's language (a lazy text added to another is not).
            "outcomes": format_lazy(
                "{} {}", _("What the project achieved or will achieve."), MARKDOWN_HELP
            ),
            "status": _("Where the project stands now; each change is kept with its date."),
            "total_budget": _("In euros, all funding together."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(single_line)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end comes after the start."))
        return cleaned


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, city):
        return f"{city.name} ({city.twin.name})"


class PartnerForm(forms.ModelForm):
    """A partner city of the network, or an organisation outside it taking part as associated."""

    city = CityChoiceField(
        label=_("City of the network"),
        queryset=City.objects.select_related("twin"),
        required=False,
    )

    class Meta:
        model = ProjectPartner
        fields = ["city", "organisation", "country", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].validators.append(single_line)

    def validate_constraints(self):
        """Every constraint but the one-lead rule: the formset checks that over all the rows,
        so the lead may change hands in one save (saved in an order the database accepts)."""
        exclude = self._get_validation_exclusions()
        for constraint in ProjectPartner._meta.constraints:
            if constraint.name == ONE_LEAD:
                continue
            try:
                constraint.validate(ProjectPartner, self.instance, exclude=exclude)
            except ValidationError as error:
                self._update_errors(error)

    def clean(self):
        cleaned = super().clean()
        city, organisation = cleaned.get("city"), cleaned.get("organisation")
        if city and organisation:
            raise ValidationError(
                _("Choose a city of the network or name an organisation outside it, not both.")
            )
        if not city and not organisation:
            raise ValidationError(_("Choose a city of the network or name an organisation."))
        if organisation and cleaned.get("role") != Role.ASSOCIATED:
            self.add_error(
                "role",
                _("An organisation outside the network takes part as an associated organisation."),
            )
        return cleaned


class SharedChoicesFormSet(forms.BaseInlineFormSet):
    """Every form's select lists the same rows: read them once, not once per form."""

    shared_choice_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.shared_choice_fields:
            choices = list(self.form.base_fields[name].choices)
            for form in [*self.forms, self.empty_form]:
                form.fields[name].choices = choices

    def live_forms(self) -> list:
        """The forms that will be saved: filled in and not marked for deletion."""
        return [
            form
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]


class BasePartnerFormSet(SharedChoicesFormSet):
    """Exactly one lead partner (each city once, as the model says); for staff, their own city
    among them."""

    shared_choice_fields = ("city",)

    def __init__(self, *args, required_city: City | None = None, **kwargs):
        self.required_city = required_city
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        live = self.live_forms()
        leads = sum(1 for form in live if form.cleaned_data.get("role") == Role.LEAD)
        if leads != 1:
            raise ValidationError(
                _("A project has exactly one lead partner: choose “Lead partner” for one."),
                code="lead",
            )
        cities = {form.cleaned_data["city"] for form in live if form.cleaned_data.get("city")}
        if self.required_city is not None and self.required_city not in cities:
            raise ValidationError(
                _("%(city)s, your city, is one of the partners.") % {"city": self.required_city},
                code="own_city",
            )


PartnerFormSet = forms.inlineformset_factory(
    Project,
    ProjectPartner,
    form=PartnerForm,
    formset=BasePartnerFormSet,
    fields=["city", "organisation", "country", "role"],
    extra=2,
    can_delete=True,
)


class BaseFundingLineFormSet(SharedChoicesFormSet):
    shared_choice_fields = ("programme",)


FundingLineFormSet = forms.inlineformset_factory(
    Project,
    FundingLine,
    formset=BaseFundingLineFormSet,
    fields=["programme", "amount", "status", "call_deadline", "decision_on"],
    extra=1,
    can_delete=True,
    widgets={"call_deadline": DATE, "decision_on": DATE},
)


class PracticeProposalForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "kind",
            "sectors",
            "project",
            "context",
            "what_was_done",
            "what_happened",
            "lessons",
            "transferability",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "sectors": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in ["context", "what_was_done", "what_happened", "lessons"]
            },
            "transferability": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "kind": _(
                "A bad practice is a lesson for others: tell what was done and what happened, "
                "not who did it."
            ),
            "project": _("Optional: the published project this practice comes from."),
        }

    def __init__(self, *args, twin, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(single_line)
        self.fields["kind"].choices = PracticeKind.choices
        self.fields["project"].queryset = Project.objects.published().of_twin(twin.slug)


EvidenceLinkFormSet = forms.inlineformset_factory(
    Practice,
    EvidenceLink,
    fields=["title", "url"],
    labels={"title": _("Document or page"), "url": _("Its address")},
    extra=1,
    can_delete=True,
)
