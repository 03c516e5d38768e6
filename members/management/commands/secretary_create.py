"""The first secretary: an account that receives the secretariat's mail and opens the admin."""

from django.core.management.base import BaseCommand, CommandError

from members.services.secretariat import Outcome, SecretaryRefused, secretary_create


class Command(BaseCommand):
    help = (
        "Create (or with --promote, promote) a secretary account: in the Secretariat group, with "
        "admin access and a verified address, sent once a link to choose a password. Running it "
        "again for the same address changes nothing and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the secretary's email address")
        parser.add_argument("--name", default="", help="the secretary's name")
        parser.add_argument(
            "--promote",
            action="store_true",
            help="make an existing account (e.g. one from createsuperuser) a secretary",
        )

    def handle(self, *args, email, name, promote, **options):
        try:
            result = secretary_create(email=email, name=name, promote=promote)
        except SecretaryRefused as refused:
            raise CommandError(str(refused)) from refused
        address = result.user.email
        if result.outcome == Outcome.UNCHANGED:
            self.stdout.write(f"{address} is a secretary already: nothing changed, nothing sent.")
            return
        done = "Created" if result.outcome == Outcome.CREATED else "Promoted"
        self.stdout.write(
            self.style.SUCCESS(f"{done} the secretary account {address}")
            + " (Secretariat group, admin access, address verified)."
        )
        if result.link_sent:
            self.stdout.write(
                "A link to choose a password is in the outbox; the Celery worker sends it."
            )
        else:
            self.stdout.write("The link to choose a password was sent to this account before.")
