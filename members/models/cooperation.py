"""The network's part in the projects app's content, which members does not import: its
projects and practices are reached through the reverse relations that app points at cities,
twins and sectors, by name.

`CityTwinQuerySet.in_sector` (the one rule of "twin T is in sector S") counts a twin in a sector
when a published project with a partner city of the twin, or a published practice of the twin, is
in it; `sector_counts` counts them per twin and sector for the /sectors/ matrix.
"""

from collections import Counter

from django.db import models
from django.db.models import Count

# The projects app's publication state of what the public sees.
PUBLISHED = "published"
# From a city to the projects it is a partner of.
PROJECTS = "project_partnerships__project"


def published_in(relation: str, sector) -> dict:
    """Lookups for "a published item of `relation` in `sector`", to go in one filter() call so
    that both conditions speak of the same project or practice."""
    return {f"{relation}__publication": PUBLISHED, f"{relation}__sectors": sector}


class CooperationQuerySet(models.QuerySet):
    def sector_counts(self) -> dict[tuple[int, int], dict[str, int]]:
        """Published projects and practices per (twin id, sector id), in two queries."""
        twins = self.model.objects.order_by()
        project = f"cities__{PROJECTS}"
        counted = {
            "projects": twins.filter(**{f"{project}__publication": PUBLISHED})
            .values_list("pk", f"{project}__sectors")
            .annotate(count=Count(project, distinct=True)),
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

    def twins_per_sector(self, cooperation: dict[tuple[int, int], dict[str, int]]) -> Counter:
        """How many twins each sector has, by the rule of `CityTwinQuerySet.in_sector`: the
        (twin, sector) pairs of `sector_counts()` (published projects and practices) and, in one
        query, those of the twins' shared services and ticked sectors; a twin counts once per
        sector whatever brings it there. Counting pairs once is what keeps /sectors/ fast at
        scale: the rule as correlated EXISTS per sector joins every partnership nine times."""
        # Read from the services' and the ticks' own tables, each pair two plain columns: from the
        # twins, Django selected the joined column before the twin's id, and a union's rows did
        # not always come back in the order values_list named (a test order showed it).
        services = self.model._meta.get_field("services").related_model._default_manager
        ticks = self.model.sectors.through.objects
        pairs = set(
            services.filter(sector__isnull=False)
            .order_by()
            .values_list("twin_id", "sector_id")
            .union(ticks.order_by().values_list("citytwin_id", "sector_id"))
            .order_by()
        ) | set(cooperation)
        return Counter(sector for _twin, sector in pairs)
