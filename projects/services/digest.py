"""The weekly digest of funding calls closing within 30 days, through the outbox."""

import datetime

from django.db.models import Q

from citytwins.links import absolute_url
from citytwins.notifications import Kind, Notification, notification_send
from members.models import User
from projects.models import FundingCall

DIGEST_DAYS = 30


def digest_recipients():
    """The network's members and the secretariat; those who turned digests off are left out
    by the outbox."""
    return (
        User.objects.filter(Q(pk__in=User.objects.members()) | Q(pk__in=User.objects.secretariat()))
        .distinct()
        .order_by("pk")
        .select_related("city")  # it names the language each reads
    )


def funding_digest_send(*, now: datetime.datetime) -> list[Notification]:
    """Once per ISO week per person: the calls closing within 30 days. Nothing to say, no mail;
    a second run in the same week writes nothing (the key holds the week)."""
    calls = list(
        FundingCall.objects.closing_within(now=now, days=DIGEST_DAYS).select_related("programme")
    )
    if not calls:
        return []
    year, week, _weekday = now.isocalendar()
    return notification_send(
        kind=Kind.DIGEST,
        template="projects/email/funding_digest",
        recipients=digest_recipients(),
        context={
            "calls": [{"call": call, "days_left": call.days_left(now=now)} for call in calls],
            "days": DIGEST_DAYS,
            "funding_url": absolute_url("projects:funding_call_list"),
        },
        key=f"funding-digest:{year}-W{week:02d}",
    )
