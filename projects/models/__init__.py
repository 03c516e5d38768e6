"""The projects app's models, one module per family; re-exported here because Django, the
migrations and every caller know them as `projects.models.<Name>`."""

from projects.models.funding import (
    DEFAULT_CALL_TIME_ZONE,
    FundingCall,
    FundingCallQuerySet,
    FundingLine,
    FundingStatus,
    Programme,
    time_zone_valid,
)
from projects.models.practices import STORY, EvidenceLink, Practice, PracticeKind, PracticeQuerySet
from projects.models.projects import (
    ONE_LEAD,
    ROLE_ORDER,
    Project,
    ProjectPartner,
    ProjectQuerySet,
    ProjectStatus,
    ProjectStatusChange,
    Role,
)
from projects.models.proposals import EDITABLE_BY_STAFF, Proposal, ProposalQuerySet, Publication

__all__ = [
    "DEFAULT_CALL_TIME_ZONE",
    "EDITABLE_BY_STAFF",
    "ONE_LEAD",
    "ROLE_ORDER",
    "STORY",
    "EvidenceLink",
    "FundingCall",
    "FundingCallQuerySet",
    "FundingLine",
    "FundingStatus",
    "Practice",
    "PracticeKind",
    "PracticeQuerySet",
    "Programme",
    "Project",
    "ProjectPartner",
    "ProjectQuerySet",
    "ProjectStatus",
    "ProjectStatusChange",
    "Proposal",
    "ProposalQuerySet",
    "Publication",
    "Role",
    "time_zone_valid",
]
