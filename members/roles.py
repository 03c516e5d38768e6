"""Who is who: the secretary is any user in the Secretariat group."""

from django.contrib.auth.models import Group, Permission

SECRETARIAT_GROUP = "Secretariat"
# The secretary manages everything the association owns, and the people who sign in.
SECRETARIAT_APPS = ["members", "projects", "events", "citytwins", "account", "mfa"]


def secretariat_group_sync(**kwargs) -> None:
    """After every migrate, the Secretariat group holds every permission of the portal's apps."""
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    group.permissions.add(*permissions)
