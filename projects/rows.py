"""A project as one row of a file: the columns of /projects.csv, /projects.xlsx and the admin's
export, from projects with their partners, sectors and funding lines prefetched."""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from citytwins.links import site_url
from projects.models import FundingStatus, Project, Role

PROJECT_HEADER = [
    _("Title"),
    _("Address"),
    _("Status"),
    _("Start"),
    _("End"),
    _("Sectors"),
    _("Lead partner"),
    _("Partners"),
    _("Associated organisations"),
    _("Twins"),
    _("Programmes"),
    # One column per funding status, in FundingStatus's order.
    _("Planned (EUR)"),
    _("Applied (EUR)"),
    _("Granted (EUR)"),
    _("Rejected (EUR)"),
    _("Total budget (EUR)"),
    _("Website"),
    _("Sample"),
]
ADMIN_HEADER = [*PROJECT_HEADER, _("Publication")]


def _names(partners, role: str) -> str:
    return "; ".join(partner.name for partner in partners if partner.role == role)


def project_row(project: Project) -> list:
    partners = project.partners_in_order()
    lines = list(project.funding_lines.all())
    amounts = dict.fromkeys(FundingStatus.values, 0)
    for line in lines:
        amounts[line.status] += line.amount
    programmes = sorted({line.programme.name for line in lines})
    return [
        project.title,
        site_url(project.get_absolute_url()),
        project.get_status_display(),
        project.starts_on,
        project.ends_on,
        "; ".join(sector.name for sector in project.sectors.all()),
        _names(partners, Role.LEAD),
        _names(partners, Role.PARTNER),
        _names(partners, Role.ASSOCIATED),
        "; ".join(twin.name for twin in project.twins()),
        "; ".join(programmes),
        *(amounts[status] if lines else None for status in FundingStatus.values),
        project.total_budget,
        project.website,
        _("Sample") if project.is_sample else "",
    ]


def project_rows(projects: Iterable[Project], *, with_publication: bool = False) -> Iterator[list]:
    for project in projects:
        row = project_row(project)
        if with_publication:
            row.append(project.get_publication_display())
        yield row
