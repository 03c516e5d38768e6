"""A project's status pipeline: every status it takes is kept with its date and who set it."""

import datetime

from django.db import transaction
from django.utils import timezone

from members.models import User
from projects.models import Project, ProjectStatusChange


@transaction.atomic
def project_status_change(
    *,
    project: Project,
    status: str,
    on: datetime.date | None = None,
    by: User | None,
) -> ProjectStatusChange | None:
    """The one way a project's status changes: the project takes it and the change is kept
    (status, day, who). The status it already has, already recorded, records nothing."""
    latest = project.status_changes.order_by("-changed_on", "-pk").first()
    if project.status == status and latest is not None and latest.status == status:
        return None
    if project.status != status:
        project.status = status
        if by is not None:
            project._history_user = by
        project.save(update_fields=["status", "updated_at"])
    return ProjectStatusChange.objects.create(
        project=project, status=status, changed_on=on or timezone.localdate(), changed_by=by
    )
