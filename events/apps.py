from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings and events")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from citytwins.pagecache import content_watch
        from events import checks  # noqa: F401 (registers the system checks)
        from events.models import EventDocument
        from events.services.documents import document_file_remove

        post_delete.connect(
            document_file_remove, sender=EventDocument, dispatch_uid="document_file_remove"
        )
        # Registrations too: public pages show how many places are left.
        content_watch(self)

    def demo_load(self) -> int:
        """Sample events from the association's record, marked "Sample"; a second run adds
        nothing."""
        from events.services.samples import samples_load

        return samples_load()
