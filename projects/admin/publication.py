"""What the admins of projects and practices share: publish, return to the proposer with a
reason, and the filters and columns of a proposal."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.admin.base import HistoryAdmin
from members.models import CityTwin
from projects.forms.admin import ReturnForm
from projects.services.publication import (
    PublicationRefused,
    proposal_publish,
    proposal_return,
)


class SampleFilter(admin.SimpleListFilter):
    title = _("sample")
    parameter_name = "sample"

    def lookups(self, request, model_admin):
        return [("yes", _("Samples only")), ("no", _("Real content only"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_sample=True)
        if self.value() == "no":
            return queryset.filter(is_sample=False)
        return queryset


class TwinFilter(admin.SimpleListFilter):
    """By twin: a project's through its partner cities, a practice's as named."""

    title = _("twin")
    parameter_name = "twin"

    def lookups(self, request, model_admin):
        return list(CityTwin.objects.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value() in {slug for slug, _name in self.lookup_choices}:
            return queryset.of_twin(self.value())
        return queryset


class ProposalAdmin(HistoryAdmin):
    """Projects and practices: staff propose, the secretary publishes or returns them."""

    actions = ["publish", "return_to_proposer"]
    # Shows the search box; the search itself folds accents (get_search_results).
    search_fields = ["title"]
    proposal_readonly = [
        "publication",
        "submitted_at",
        "published_at",
        "returned_reason",
        "proposed_by",
        "proposed_for",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.proposal_readonly]

    def get_queryset(self, request):
        # The change page shows who proposed it and for which twin: read with the item.
        return super().get_queryset(request).select_related("proposed_by", "proposed_for")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.display(description=_("sample"), ordering="is_sample")
    def sample(self, item):
        return _("Sample") if item.is_sample else ""

    @admin.action(description=_("Publish the selected items (the proposer is told)"))
    def publish(self, request, queryset):
        published = 0
        for item in queryset:
            try:
                published += proposal_publish(item=item, by=request.user)
            except PublicationRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d item is published.", "%(count)d items are published.", published
                )
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Return to the proposer with a reason (unpublishes)"))
    def return_to_proposer(self, request, queryset):
        """An intermediate page asks for the reason; the proposer reads it."""
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            returned = sum(
                proposal_return(item=item, reason=form.cleaned_data["reason"], by=request.user)
                for item in queryset
            )
            self.message_user(
                request,
                ngettext(
                    "%(count)d item is returned to its proposer.",
                    "%(count)d items are returned to their proposers.",
                    returned,
                )
                % {"count": returned},
                messages.SUCCESS if returned else messages.WARNING,
            )
            return None
        return TemplateResponse(
            request,
            "admin/projects/return_form.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return to the proposer"),
                "opts": self.opts,
                "items": queryset,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "action": "return_to_proposer",
            },
        )
