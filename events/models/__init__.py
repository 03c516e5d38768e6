"""The events app's models, one module per family; re-exported here because Django, the
migrations and every caller know them as `events.models.<Name>`."""

from events.models.events import (
    RESERVED_SLUGS,
    Event,
    EventAudience,
    EventKind,
    EventQuerySet,
    city_zone,
    reads_as_member,
    validate_event_slug,
)
from events.models.records import (
    REMIND_BEFORE,
    ActionItem,
    ActionItemQuerySet,
    ActionStatus,
    Decision,
    DocumentKind,
    EventDocument,
)
from events.models.registrations import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationQuerySet,
    RegistrationStatus,
)

__all__ = [
    "ACTIVE_STATUSES",
    "REMIND_BEFORE",
    "RESERVED_SLUGS",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionStatus",
    "Decision",
    "DocumentKind",
    "Event",
    "EventAudience",
    "EventDocument",
    "EventKind",
    "EventQuerySet",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
    "city_zone",
    "reads_as_member",
    "validate_event_slug",
]
