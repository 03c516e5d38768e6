from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and practices")

    def ready(self) -> None:
        from citytwins.pagecache import content_watch

        content_watch(self)

    def demo_load(self) -> int:
        """Sample projects, practices and funding calls, each marked "Sample"; idempotent."""
        from projects.demo import samples_load

        return samples_load()
