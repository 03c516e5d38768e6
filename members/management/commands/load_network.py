"""Load the association's record: idempotent, and never over what the secretary has edited.

With --demo, every app whose AppConfig has a `demo_load()` method adds its sample content
(visibly marked "Sample"); members imports no other app, so each app brings its own.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from citytwins.pagecache import content_changed
from members.services.record import network_load


class Command(BaseCommand):
    help = "Load the association's record (twins, cities, sectors, purposes, secretariat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="also add sample projects, practices and events, marked as samples",
        )

    def handle(self, *args, demo=False, **options):
        try:
            self.load(demo=demo)
        finally:
            # Bulk inserts send no signals: kept public pages are dropped here, once.
            content_changed()

    def load(self, *, demo: bool) -> None:
        report = network_load()
        self.stdout.write(
            f"Association record: {report.created} created, {report.updated} updated, "
            f"{report.kept} kept as edited, {report.unchanged} unchanged."
        )
        if not demo:
            return
        for config in apps.get_app_configs():
            demo_load = getattr(config, "demo_load", None)
            if demo_load is None:
                continue
            with transaction.atomic():
                created = demo_load()
            self.stdout.write(f"Samples from {config.verbose_name}: {created} created.")
