"""Freshness: staff of a profile nobody confirmed for six months are reminded once."""

import datetime

from django.db import transaction
from django.db.models import Q

from citytwins.links import absolute_url
from citytwins.notifications import Kind, notification_send
from members.models import (
    PROFILE_FRESH_FOR,
    CityTwin,
    User,
)


def profiles_remind_stale(*, now: datetime.datetime) -> int:
    """Remind the staff of each twin whose profile is stale, once per stale period."""
    cutoff = now - PROFILE_FRESH_FOR
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
                recipients=User.objects.staff_of(twin).select_related("city"),
                context={
                    "twin": twin,
                    "edit_url": absolute_url("members:my_twin_edit", slug=twin.slug),
                    "home_url": absolute_url("members:my_home"),
                },
                key=f"profile-reminder:{twin.pk}:{now:%Y%m%d}",
            )
            reminded += 1
    return reminded
