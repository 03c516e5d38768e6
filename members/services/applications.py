"""Membership applications: kept and the secretary told; approved or declined once."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from citytwins.links import site_url
from citytwins.notifications import Kind, notification_send
from members.models import (
    ApplicationStatus,
    City,
    CityTwin,
    MembershipApplication,
    MembershipStatus,
    User,
    country_language,
    fold,
)
from members.services.secretariat import secretariat_recipients


def application_admin_url(application: MembershipApplication) -> str:
    return site_url(reverse("admin:members_membershipapplication_change", args=[application.pk]))


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
        recipients=secretariat_recipients(),
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


def _in_default_language():
    """The name an applicant wrote is the city's own: it goes in the default language's column,
    which every other language falls back to, whichever language the secretary reads (a
    `name=` set while Polish is active would fill name_pl only, leaving the city unnamed)."""
    return translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


def _prospective_city_create(*, twin: CityTwin, name: str, country: str, position: int, by: User):
    with _in_default_language():
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
            with _in_default_language():
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
            "twin_url": site_url(city.twin.get_absolute_url()),
        },
        key=f"application:{locked.pk}:approved",
        address_language=country_language(locked.country),
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
