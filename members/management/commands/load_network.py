"""Load the association's record: idempotent, and never over what the secretary has edited."""

from django.core.management.base import BaseCommand

from members.services.record import network_load


class Command(BaseCommand):
    help = "Load the association's record (twins, cities, sectors, purposes, secretariat)."

    def handle(self, *args, **options):
        report = network_load()
        self.stdout.write(
            f"Association record: {report.created} created, {report.updated} updated, "
            f"{report.kept} kept as edited, {report.unchanged} unchanged."
        )
