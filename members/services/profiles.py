"""City staff edit their twin's and city's profiles; the secretary is told what changed."""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citytwins.links import absolute_url, site_url
from citytwins.notifications import Kind, notification_send
from members.models import (
    City,
    CityTwin,
    User,
)

# A confirmation is kept in the history but is not a change of the profile.
CONFIRMED_REASON = "confirmed still correct"


@dataclass
class FieldChange:
    record: str
    field: str
    before: str
    after: str


def _changes_of(instance: models.Model, label: str) -> list[FieldChange]:
    """What the latest save changed, from the instance's history (who/when is there too)."""
    latest = instance.history.first()
    if latest is None:
        return []
    previous = latest.prev_record
    if latest.history_type == "+":
        return [FieldChange(label, _("created"), "", str(instance))]
    if latest.history_type == "-":
        return [FieldChange(label, _("removed"), str(instance), "")]
    if previous is None:
        return []
    delta = latest.diff_against(previous, excluded_fields=["updated_at", "search_text"])
    changes = []
    for change in delta.changes:
        field = instance._meta.get_field(change.field)
        changes.append(
            FieldChange(label, str(field.verbose_name), _display(change.old), _display(change.new))
        )
    return changes


def _display(value) -> str:
    if value in (None, ""):
        return "—"
    return str(value)


def profile_change_notify(*, twin: CityTwin, by: User, changes: list[FieldChange]) -> None:
    """One email per save to the secretary, listing each changed field before and after."""
    if not changes:
        return
    notification_send(
        kind=Kind.CHANGE_NOTICE,
        template="members/email/profile_changed",
        recipients=User.objects.secretariat(),
        context={
            "twin": twin,
            "by": by,
            "changes": changes,
            "twin_url": site_url(twin.get_absolute_url()),
            "history_url": absolute_url("admin:members_citytwin_history", object_id=twin.pk),
        },
        key=f"profile-change:{twin.pk}:{by.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
    )


def _formset_changes(formset, label: str) -> list[FieldChange]:
    """What saving an inline formset changed: each saved row's fields, and the rows removed."""
    changes = []
    for row in formset.save():
        changes += _changes_of(row, label % {"name": row.name})
    for row in formset.deleted_objects:
        changes.append(FieldChange(label % {"name": row.name}, _("removed"), row.name, ""))
    return changes


@transaction.atomic
def twin_profile_update(*, form, services_formset, by: User) -> CityTwin:
    """Save the twin's shared profile and its services; tell the secretary what changed."""
    twin = form.save()
    changes = _changes_of(twin, str(twin)) if form.has_changed() else []
    changes += _formset_changes(services_formset, _("Service: %(name)s"))
    profile_change_notify(twin=twin, by=by, changes=changes)
    return twin


@transaction.atomic
def city_profile_update(*, form, contacts_formset, by: User) -> City:
    """Save the city's profile and its contacts; tell the secretary what changed."""
    city = form.save()
    changes = _changes_of(city, str(city)) if form.has_changed() else []
    changes += _formset_changes(contacts_formset, _("Contact: %(name)s"))
    profile_change_notify(twin=city.twin, by=by, changes=changes)
    return city


def twin_profile_confirm(*, twin: CityTwin, by: User) -> CityTwin:
    """Staff confirm with one click that the profile is still correct (shown publicly)."""
    twin.checked_at = timezone.now()
    twin._change_reason = CONFIRMED_REASON
    twin._history_user = by
    twin.save(update_fields=["checked_at"])
    return twin


@dataclass
class ProfileGaps:
    """What a twin's public page still lacks, split by the form that fills it in."""

    twin: CityTwin
    city: City
    twin_gaps: list[str]
    city_gaps: list[str]

    def __bool__(self) -> bool:
        return bool(self.twin_gaps or self.city_gaps)


def profile_gaps(twin: CityTwin, city: City) -> ProfileGaps:
    """The twin's gaps and those of the staff's own city (the other city has its own staff)."""
    return ProfileGaps(
        twin=twin, city=city, twin_gaps=twin.profile_gaps(), city_gaps=city.profile_gaps()
    )
