"""City staff propose projects and practices for their twin from /my/, and edit them until the
secretary publishes them. Another twin's proposals answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from members.models import City
from projects.forms.proposals import (
    EvidenceLinkFormSet,
    FundingLineFormSet,
    PartnerFormSet,
    PracticeProposalForm,
    ProjectProposalForm,
)
from projects.models import Practice, Project, Role
from projects.services.proposals import practice_propose, project_propose

SAVED = {
    True: _("Submitted: the secretariat is told, and publishes it once it is reviewed."),
    False: _("Saved as a draft. Submit it when it is ready for the secretariat."),
}


def _own_city(user) -> City:
    """The city the person works for; a person without one has nothing to propose."""
    city = City.objects.editable_by(user).select_related("twin").first()
    if city is None:
        raise Http404
    return city


def _submitting(request) -> bool:
    return request.POST.get("action") == "submit"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_project_create(request):
    """Staff propose a project of their twin, their own city one of its partners."""
    return _project_form(request, city=_own_city(request.user), project=None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_project_edit(request, slug):
    """Staff edit their twin's proposal while it is a draft or submitted; others get 404."""
    project = get_object_or_404(Project.objects.editable_by(request.user), slug=slug)
    return _project_form(request, city=_own_city(request.user), project=project)


def _project_form(request, *, city: City, project: Project | None):
    data = request.POST if request.method == "POST" else None
    instance = project or Project()
    form = ProjectProposalForm(data, instance=instance, prefix="project")
    # A new proposal starts with the person's city as lead; only shown, so it counts as filled in.
    initial = [{"city": city.pk, "role": Role.LEAD}] if project is None and data is None else None
    partners = PartnerFormSet(
        data,
        instance=instance,
        prefix="partners",
        required_city=city,
        initial=initial,
        queryset=instance.partners.select_related("city__twin") if project else None,
    )
    funding = FundingLineFormSet(
        data,
        instance=instance,
        prefix="funding",
        queryset=instance.funding_lines.select_related("programme") if project else None,
    )
    if data is not None and form.is_valid() and partners.is_valid() and funding.is_valid():
        submit = _submitting(request)
        project_propose(
            form=form,
            partners_formset=partners,
            funding_formset=funding,
            by=request.user,
            submit=submit,
        )
        messages.success(request, SAVED[submit])
        return redirect("members:my_home")
    return render(
        request,
        "projects/my/project_form.html",
        {"project": project, "city": city, "form": form, "partners": partners, "funding": funding},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_practice_create(request):
    """Staff propose a good or a bad practice of their twin."""
    return _practice_form(request, city=_own_city(request.user), practice=None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_practice_edit(request, slug):
    """Staff edit their twin's practice while it is a draft or submitted; others get 404."""
    practice = get_object_or_404(Practice.objects.editable_by(request.user), slug=slug)
    return _practice_form(request, city=_own_city(request.user), practice=practice)


def _practice_form(request, *, city: City, practice: Practice | None):
    data = request.POST if request.method == "POST" else None
    instance = practice or Practice()
    form = PracticeProposalForm(data, instance=instance, prefix="practice", twin=city.twin)
    links = EvidenceLinkFormSet(data, instance=instance, prefix="links")
    if data is not None and form.is_valid() and links.is_valid():
        submit = _submitting(request)
        practice_propose(form=form, links_formset=links, by=request.user, submit=submit)
        messages.success(request, SAVED[submit])
        return redirect("members:my_home")
    return render(
        request,
        "projects/my/practice_form.html",
        {"practice": practice, "city": city, "form": form, "links": links},
    )
