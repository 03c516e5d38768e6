from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from members.models import City
from members.services.invitations import InvitationRefused, invitation_send


class Command(BaseCommand):
    help = "Invite a person to keep a city's profile current (a 14-day link by email)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--city", required=True, help="the city's slug, e.g. tornio")
        parser.add_argument("--name", default="")

    def handle(self, *args, email, city, name, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        found = City.objects.select_related("twin").filter(slug=city).first()
        if found is None:
            slugs = ", ".join(City.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No city with the slug {city!r}. Cities: {slugs}")
        try:
            outcome = invitation_send(email=email, city=found, name=name)
        except InvitationRefused as error:
            raise CommandError(str(error)) from error
        if outcome.invitation is None:
            self.stdout.write(f"{email} already has an account: sent a sign-in link for {found}.")
        else:
            self.stdout.write(
                f"Invited {email} to keep {found} ({found.twin}) current; "
                f"the link expires {outcome.invitation.expires_at:%Y-%m-%d %H:%M %Z}."
            )
