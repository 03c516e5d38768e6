from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from citytwins.pagecache import content_watch
        from members.checks import secretariat_reachable
        from members.roles import secretariat_group_sync

        post_migrate.connect(secretariat_group_sync, dispatch_uid="secretariat_group_sync")
        checks.register(secretariat_reachable, deploy=True)
        # People's accounts (a sign-in saves one), invitations and applications are on no
        # public page; everything else of the network is.
        content_watch(self, private=("User", "Invitation", "MembershipApplication"))
