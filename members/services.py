import datetime
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from citytwins.notifications import (
    Kind,
    Notification,
    notification_send,
)
from citytwins.templatetags.markup import markdown_to_html
from members import record
from members.models import (
    INVITATION_VALIDITY,
    Announcement,
    ApplicationStatus,
    Association,
    Audience,
    City,
    CityTwin,
    Invitation,
    MembershipApplication,
    MembershipStatus,
    Objective,
    Purpose,
    Sector,
    SharedService,
    User,
    fold,
)

logger = logging.getLogger(__name__)

LOADER_REASON = "load_network"
# A confirmation is kept in the history but is not a change of the profile.
CONFIRMED_REASON = "confirmed still correct"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    kept: int = 0
    unchanged: int = 0


def _record_save(
    model: type[models.Model], lookup: dict, values: dict, report: LoadReport
) -> models.Model:
    """Create the row, or bring it up to the record while nobody but the loader has touched it.

    A row whose latest history entry was written by someone else is the secretary's (or a city's)
    and stays as they left it.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = LOADER_REASON
        obj.save()
        report.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        report.unchanged += 1
        return obj
    history = getattr(obj, "history", None)
    latest = history.first() if history is not None else None
    if latest is None or latest.history_change_reason != LOADER_REASON:
        report.kept += 1
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    obj._change_reason = LOADER_REASON
    obj.save()
    report.updated += 1
    return obj


@transaction.atomic
def network_load() -> LoadReport:
    """The brochure's twins, cities, sectors, services, purposes, objectives and secretariat."""
    report = LoadReport()
    sectors = {}
    for position, (slug, name) in enumerate(record.SECTORS):
        sectors[slug] = _record_save(
            Sector, {"slug": slug}, {"name": name, "position": position}, report
        )

    for twin_position, (slug, name, cities) in enumerate(record.TWINS):
        twin = _record_save(
            CityTwin,
            {"slug": slug},
            {
                "name": name,
                "position": twin_position,
                "summary": record.TWIN_SUMMARIES.get(slug, ""),
            },
            report,
        )
        for position, (city_slug, city_name, native, country, status, note, lat, lon) in enumerate(
            cities
        ):
            _record_save(
                City,
                {"slug": city_slug},
                {
                    "twin": twin,
                    "name": city_name,
                    "native_name": native,
                    "country": country,
                    "position": position,
                    "status": status,
                    "status_note": note,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lon),
                },
                report,
            )
        for position, (service, sector_slug, since, description) in enumerate(
            record.SHARED_SERVICES.get(slug, [])
        ):
            _record_save(
                SharedService,
                {"twin": twin, "name": service},
                {
                    "sector": sectors[sector_slug],
                    "since": since,
                    "description": description,
                    "position": position,
                },
                report,
            )

    association = Association.objects.first()
    if association is None:
        association = _record_save(Association, {}, record.ASSOCIATION, report)
    else:
        _record_save(Association, {"pk": association.pk}, record.ASSOCIATION, report)
    if not association.purposes.exists():
        Purpose.objects.bulk_create(
            Purpose(association=association, text=text, position=position)
            for position, text in enumerate(record.PURPOSES)
        )
        report.created += len(record.PURPOSES)
    if not association.objectives.exists():
        Objective.objects.bulk_create(
            Objective(association=association, text=text, position=position)
            for position, text in enumerate(record.OBJECTIVES)
        )
        report.created += len(record.OBJECTIVES)
    return report


ANNOUNCEMENT_TEMPLATE = "members/email/announcement"


def announcement_recipients(announcement: Announcement) -> QuerySet[User]:
    """All members (staff of member and partner cities), the secretariat, or all staff of one
    twin, a prospective city's included: the secretary chose that twin."""
    if announcement.audience == Audience.SECRETARIAT:
        return User.objects.secretariat()
    if announcement.audience == Audience.TWIN:
        return User.objects.staff_of(announcement.twin)
    return User.objects.members()


def announcement_recipient_count(announcement: Announcement) -> int:
    """How many people it reaches: the audience less those who turned announcements off."""
    recipients = announcement_recipients(announcement)
    return recipients.exclude(notification_preference__announcement=False).distinct().count()


def announcement_context(announcement: Announcement) -> dict:
    """What the email templates show; the Markdown body is rendered and sanitised once."""
    return {
        "announcement": announcement,
        "subject": announcement.subject,
        "body": announcement.body,
        "body_html": mark_safe(markdown_to_html(announcement.body)),  # noqa: S308 (nh3-clean)
    }


def announcement_key(announcement: Announcement) -> str:
    """The outbox key of its emails; each recipient's row is this plus ":" and the address."""
    return f"announcement:{announcement.key}"


@transaction.atomic
def announcement_send(*, announcement: Announcement, by: User) -> list[Notification]:
    """Sent once: a second send (a double click, two secretaries) writes nothing."""
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.sent_at is not None:
        announcement.sent_at = locked.sent_at
        return []
    rows = notification_send(
        kind=Kind.ANNOUNCEMENT,
        template=ANNOUNCEMENT_TEMPLATE,
        recipients=announcement_recipients(locked),
        context=announcement_context(locked),
        key=announcement_key(locked),
    )
    locked.sent_at = announcement.sent_at = timezone.now()
    locked.save(update_fields=["sent_at"])
    logger.info("announcement %s sent by %s to %d recipients", locked.pk, by.pk, len(rows))
    return rows


def application_admin_url(application: MembershipApplication) -> str:
    path = reverse("admin:members_membershipapplication_change", args=[application.pk])
    return settings.SITE_URL + path


@transaction.atomic
def application_submit(
    *,
    city_name: str,
    country: str,
    twin_city_name: str,
    twin_country: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    motivation: str,
    submission: uuid.UUID,
) -> MembershipApplication:
    """The application is kept and the secretary told, in one transaction; the same filled-in
    form sent twice keeps one application and tells the secretary once."""
    existing = MembershipApplication.objects.filter(submission=submission).first()
    if existing is not None:
        return existing
    application = MembershipApplication.objects.create(
        submission=submission,
        city_name=city_name,
        country=country,
        twin_city_name=twin_city_name,
        twin_country=twin_country,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        motivation=motivation,
    )
    notification_send(
        kind=Kind.APPLICATION,
        template="members/email/application_received",
        recipients=User.objects.secretariat(),
        context={"application": application, "admin_url": application_admin_url(application)},
        key=f"application:{application.pk}:received",
        reply_to=contact_email,
    )
    return application


def _city_find(name: str, country: str) -> City | None:
    """The city of that name (or native name) in that country, ignoring case and accents."""
    needle = fold(name.strip())
    for city in City.objects.filter(country=country).select_related("twin"):
        if needle in (fold(city.name), fold(city.native_name)):
            return city
    return None


def _slug_unique(model: type[models.Model], text: str) -> str:
    base = slugify(fold(text))[:44].strip("-") or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _prospective_city_create(*, twin: CityTwin, name: str, country: str, position: int, by: User):
    city = City(
        twin=twin,
        slug=_slug_unique(City, name),
        name=name.strip(),
        country=country,
        position=position,
        status=MembershipStatus.PROSPECTIVE,
        status_since=timezone.localdate(),
    )
    city._history_user = by
    city._change_reason = "membership application approved"
    city.save()
    return city


@transaction.atomic
def application_approve(*, application: MembershipApplication, by: User) -> MembershipApplication:
    """The city joins as prospective, in its twin (a new twin, with the twin city prospective
    too, unless the twin city is known); the applicant is thanked. Decided once only."""
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.NEW:
        return locked
    city = _city_find(locked.city_name, locked.country)
    if city is not None and city.status == MembershipStatus.FORMER:
        city.status, city.status_since = MembershipStatus.PROSPECTIVE, timezone.localdate()
        city._history_user = by
        city.save(update_fields=["status", "status_since", "updated_at"])
    elif city is None:
        twin_city = _city_find(locked.twin_city_name, locked.twin_country)
        if twin_city is not None:
            twin = twin_city.twin
            position = (twin.cities.aggregate(last=Max("position"))["last"] or 0) + 1
        else:
            name = f"{locked.city_name.strip()} – {locked.twin_city_name.strip()}"
            last = CityTwin.objects.aggregate(last=Max("position"))["last"] or 0
            twin = CityTwin(name=name, slug=_slug_unique(CityTwin, name), position=last + 1)
            twin._history_user = by
            twin.save()
            _prospective_city_create(
                twin=twin,
                name=locked.twin_city_name,
                country=locked.twin_country,
                position=1,
                by=by,
            )
            position = 0
        city = _prospective_city_create(
            twin=twin, name=locked.city_name, country=locked.country, position=position, by=by
        )
    locked.status = ApplicationStatus.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.city = city
    locked.save(update_fields=["status", "decided_at", "decided_by", "city"])
    notification_send(
        kind=Kind.APPLICATION,
        template="members/email/application_approved",
        recipients=[locked.contact_email],
        context={
            "application": locked,
            "city": city,
            "twin": city.twin,
            "twin_url": settings.SITE_URL + city.twin.get_absolute_url(),
        },
        key=f"application:{locked.pk}:approved",
    )
    return locked


@transaction.atomic
def application_decline(*, application: MembershipApplication, by: User) -> MembershipApplication:
    """Records the decision only: the secretary writes to the applicant personally (and a robot's
    application gets no email). Decided once only."""
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.NEW:
        return locked
    locked.status = ApplicationStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    return locked


class InvitationRefused(Exception):
    """The person cannot be invited to this city (said in words the secretary can act on)."""


@dataclass
class InvitationOutcome:
    invitation: Invitation | None
    existing_user: User | None


@transaction.atomic
def invitation_send(
    *, email: str, city: City, name: str = "", by: User | None = None
) -> InvitationOutcome:
    """Invite a person to keep `city` current: a 14-day link to choose a password.

    An existing account gets a sign-in link instead of a second account; it is linked to the
    city unless it already keeps another city's profile.
    """
    email = User.objects.normalize_email(email.strip())
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.city_id not in (None, city.pk):
            raise InvitationRefused(
                _("%(email)s already keeps %(city)s current; change that in their account first.")
                % {"email": existing.email, "city": existing.city}
            )
        if existing.city_id is None:
            existing.city = city
            existing.save(update_fields=["city"])
        notification_send(
            kind=Kind.INVITATION,
            template="members/email/signin_link",
            recipients=[existing],
            context={"city": city, "twin": city.twin, "login_url": absolute_url("account_login")},
            key=f"signin-link:{city.pk}:{existing.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
        )
        return InvitationOutcome(invitation=None, existing_user=existing)

    token, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        name=name,
        city=city,
        token_digest=digest,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    notification_send(
        kind=Kind.INVITATION,
        template="members/email/invitation",
        recipients=[email],
        context={
            "invitation": invitation,
            "city": city,
            "twin": city.twin,
            "accept_url": absolute_url("members:invitation_accept", token=token),
            "invited_by": by,
        },
        key=f"invitation:{invitation.pk}",
    )
    return InvitationOutcome(invitation=invitation, existing_user=None)


@transaction.atomic
def invitation_accept(*, token: str, name: str, password: str) -> User:
    """Create the invited person's account, verified and linked to the city; the link is spent."""
    invitation = Invitation.objects.select_for_update().by_token(token).get()
    if invitation.is_used or invitation.is_expired:
        raise Invitation.DoesNotExist
    user = User.objects.create_user(
        invitation.email, password, name=name or invitation.name, city=invitation.city
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


def absolute_url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


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
            "twin_url": settings.SITE_URL + twin.get_absolute_url(),
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


STALE_AFTER = datetime.timedelta(days=182)


def profiles_remind_stale(*, now: datetime.datetime) -> int:
    """Remind the staff of each twin whose profile is stale, once per stale period."""
    cutoff = now - STALE_AFTER
    reminded = 0
    for twin in CityTwin.objects.stale(now=now).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=cutoff)
    ):
        with transaction.atomic():
            # Claim the reminder first, so two beat runs never remind twice.
            claimed = (
                CityTwin.objects.filter(pk=twin.pk)
                .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=cutoff))
                .update(reminded_at=now)
            )
            if not claimed:
                continue
            notification_send(
                kind=Kind.PROFILE_REMINDER,
                template="members/email/profile_reminder",
                recipients=User.objects.staff_of(twin),
                context={
                    "twin": twin,
                    "edit_url": absolute_url("members:my_twin_edit", slug=twin.slug),
                    "home_url": absolute_url("members:my_home"),
                },
                key=f"profile-reminder:{twin.pk}:{now:%Y%m%d}",
            )
            reminded += 1
    return reminded
