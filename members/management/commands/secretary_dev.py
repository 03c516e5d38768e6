"""Development only: make sure a secretary account exists and say how to sign in."""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.models import User
from members.roles import SECRETARIAT_GROUP

EMAIL = "secretary@citytwins.localhost"


class Command(BaseCommand):
    help = "Create, once, the development secretary account and print how to sign in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("secretary_dev is for development (DEBUG on) only.")
        credentials = settings.VAR_DIR / "secretary-dev.txt"
        with transaction.atomic():
            user = User.objects.filter(email=EMAIL).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_superuser(EMAIL, password, name="Development secretary")
                user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
                EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=True)
                credentials.parent.mkdir(parents=True, exist_ok=True)
                credentials.write_text(f"{EMAIL}\n{password}\n")
                credentials.chmod(0o600)
        if credentials.exists():
            email, password = credentials.read_text().split()[:2]
            self.stdout.write(
                self.style.SUCCESS("Secretary (development): ")
                + f"sign in at /accounts/login/ as {email} with password {password}\n"
                "  (stored in var/secretary-dev.txt; the second factor is off in development)"
            )
        else:
            self.stdout.write(f"The secretary account {EMAIL} exists; its password was changed.")
