"""Who cooperates in which sector: the one definition of "twin T is in sector S", and the counts
of projects and practices per twin and sector.

A twin is in a sector when the secretary names the sector for it, when one of its shared services
is in it, or when a published project (through one of its partner cities) or a published practice
of the twin is. Members imports no other app: projects and practices are reached through the
reverse relations the projects app points at the network with, by name.
"""

from django.db import models
from django.db.models import Count, Q

# The projects app's publication state of what the public sees.
PUBLISHED = "published"
# Through a partner city to its published projects' sectors.
PROJECT = "cities__project_partnerships__project"


class CooperationQuerySet(models.QuerySet):
    def _links(self) -> list[tuple[dict, str]]:
        """(condition, lookup of the sector) for each reason a twin is in a sector; both go in
        one filter() call, so they speak of the same project or practice."""
        return [
            ({}, "sectors"),
            ({}, "services__sector"),
            ({f"{PROJECT}__publication": PUBLISHED}, f"{PROJECT}__sectors"),
            ({"practices__publication": PUBLISHED}, "practices__sectors"),
        ]

    def in_sector(self, sector_slug: str) -> "CooperationQuerySet":
        """The twins cooperating in the sector, for any of the reasons above."""
        twins = self.model.objects.order_by()
        matches = Q()
        for condition, sector in self._links():
            matching = twins.filter(**condition, **{f"{sector}__slug": sector_slug})
            matches |= Q(pk__in=matching.values("pk"))
        return self.filter(matches)

    def sector_pairs(self) -> set[tuple[int, int]]:
        """Every (twin id, sector id) such that the twin is in the sector, in one query."""
        twins = self.model.objects.order_by()
        first, *others = (
            twins.filter(**condition, **{f"{sector}__isnull": False}).values_list("pk", sector)
            for condition, sector in self._links()
        )
        return set(first.union(*others).order_by())

    def sector_counts(self) -> dict[tuple[int, int], dict[str, int]]:
        """Published projects and practices per (twin id, sector id), in two queries."""
        twins = self.model.objects.order_by()
        counted = {
            "projects": twins.filter(**{f"{PROJECT}__publication": PUBLISHED})
            .values_list("pk", f"{PROJECT}__sectors")
            .annotate(count=Count(PROJECT, distinct=True)),
            "practices": twins.filter(practices__publication=PUBLISHED)
            .values_list("pk", "practices__sectors")
            .annotate(count=Count("practices", distinct=True)),
        }
        counts: dict[tuple[int, int], dict[str, int]] = {}
        for name, rows in counted.items():
            for twin_id, sector_id, count in rows:
                if sector_id is not None:
                    cell = counts.setdefault((twin_id, sector_id), {"projects": 0, "practices": 0})
                    cell[name] = count
        return counts
