"""Deploy checks about the network's data: someone must receive the secretariat's mail."""

from django.conf import settings
from django.core.checks import Error
from django.db import DatabaseError, connection

from members.models import Association, User
from members.services.secretariat import secretariat_recipients

NO_SECRETARIAT = "members.E001"


def secretariat_reachable(app_configs=None, **kwargs) -> list[Error]:
    """In production, contact messages, applications and change notices must reach someone: an
    active account in the Secretariat group, or the address in the association's record.

    A database that cannot be reached or is not migrated yet is not judged: start-up runs
    migrate and load_network first, and CI runs `check --deploy` on an empty database.
    """
    if settings.DEBUG:
        return []
    try:
        tables = set(connection.introspection.table_names())
        if not {User._meta.db_table, Association._meta.db_table} <= tables:
            return []
        if secretariat_recipients():
            return []
    except DatabaseError:
        return []
    return [
        Error(
            "No one receives the secretariat's mail: no active account is in the Secretariat "
            "group and the association's record has no email address, so contact messages and "
            "membership applications reach no one.",
            hint=(
                "Create the first secretary with `manage.py secretary_create --email …`, or load "
                "the association's record (`manage.py load_network`) and set its email address "
                "in the admin."
            ),
            id=NO_SECRETARIAT,
        )
    ]
