"""City staff propose projects and practices for their twin from /my/ and edit them while
they wait for the secretary."""

from django.db import models, transaction
from django.utils.text import slugify

from members.models import User, fold
from projects.models import Practice, Project, Role
from projects.services.publication import proposal_submit
from projects.services.status import project_status_change

# Paths under /my/projects/ and /my/practices/ that a slug must not take.
RESERVED_SLUGS = {"new"}


def slug_for(model: type[models.Model], title: str) -> str:
    """A slug from the title, made unique with a number when it is taken."""
    field = model._meta.get_field("slug")
    base = slugify(fold(title))[: field.max_length - 6].strip("-") or model._meta.model_name
    slug, n = base, 1
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def partners_save(formset) -> None:
    """Removed rows first, then every partner that does not lead, then the lead: at no moment
    do two rows lead, which the database's constraint would refuse even within one save."""
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        row.delete()
    for row in sorted(rows, key=lambda row: row.role == Role.LEAD):
        row.save()


def _form_fields(form, *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The concrete fields a form edits, to name them when it saves an existing row."""
    concrete = {field.name for field in form._meta.model._meta.concrete_fields}
    names = [name for name in form._meta.fields if name in concrete and name not in leave_out]
    return [*names, "updated_at"]


def _proposal_start(item, *, by: User) -> None:
    item.slug = slug_for(type(item), item.title)
    item.proposed_by = by
    item.proposed_for = by.city.twin


@transaction.atomic
def project_propose(*, form, partners_formset, funding_formset, by: User, submit: bool) -> Project:
    """Save a project of the person's twin (new, a draft or submitted) with its partners and
    funding lines; its status changes through the pipeline; submitting tells the secretariat."""
    project = form.save(commit=False)
    status = project.status  # set below, through the pipeline's service
    project._history_user = by
    if project.pk is None:
        _proposal_start(project, by=by)
        project.save()
    else:
        project.status = form.initial["status"]  # as stored: the service changes it
        project.save(update_fields=_form_fields(form, leave_out=("status",)))
    form.save_m2m()
    partners_formset.instance = project
    partners_save(partners_formset)
    funding_formset.instance = project
    funding_formset.save()
    project_status_change(project=project, status=status, by=by)
    if submit:
        proposal_submit(item=project, by=by)
    return project


@transaction.atomic
def practice_propose(*, form, links_formset, by: User, submit: bool) -> Practice:
    """Save a practice of the person's twin (new, a draft or submitted) with its evidence
    links; submitting tells the secretariat."""
    practice = form.save(commit=False)
    new = practice.pk is None
    practice._history_user = by
    if new:
        _proposal_start(practice, by=by)
        practice.save()
    else:
        practice.save(update_fields=_form_fields(form))
    form.save_m2m()
    if new:
        practice.twins.add(practice.proposed_for)
    links_formset.instance = practice
    links_formset.save()
    if submit:
        proposal_submit(item=practice, by=by)
    return practice
