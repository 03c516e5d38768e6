"""The members app's models, one module per family; re-exported here because Django, the
migrations and every caller know them as `members.models.<Name>`."""

from members.models.announcements import Announcement, AnnouncementQuerySet, Audience
from members.models.applications import ApplicationStatus, MembershipApplication
from members.models.association import Aim, Association, Objective, Purpose
from members.models.contacts import Contact
from members.models.invitations import (
    INVITATION_VALIDITY,
    Invitation,
    InvitationQuerySet,
    token_digest,
)
from members.models.network import (
    PROFILE_FRESH_FOR,
    City,
    CityQuerySet,
    CityTwin,
    CityTwinQuerySet,
    Sector,
    SectorQuerySet,
    SharedService,
    _twin_image_upload_to,
)
from members.models.people import User, UserManager, UserQuerySet
from members.models.vocabulary import (
    COUNTRY_LANGUAGES,
    EU_COUNTRIES,
    NETWORK_STATUSES,
    BorderKind,
    MembershipStatus,
    Visibility,
    border_kind,
    country_language,
    fold,
    validate_time_zone,
)

__all__ = [
    "COUNTRY_LANGUAGES",
    "EU_COUNTRIES",
    "INVITATION_VALIDITY",
    "NETWORK_STATUSES",
    "PROFILE_FRESH_FOR",
    "Aim",
    "Announcement",
    "AnnouncementQuerySet",
    "ApplicationStatus",
    "Association",
    "Audience",
    "BorderKind",
    "City",
    "CityQuerySet",
    "CityTwin",
    "CityTwinQuerySet",
    "Contact",
    "Invitation",
    "InvitationQuerySet",
    "MembershipApplication",
    "MembershipStatus",
    "Objective",
    "Purpose",
    "Sector",
    "SectorQuerySet",
    "SharedService",
    "User",
    "UserManager",
    "UserQuerySet",
    "Visibility",
    "_twin_image_upload_to",
    "border_kind",
    "country_language",
    "fold",
    "token_digest",
    "validate_time_zone",
]
