from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CityTwinsConfig(AppConfig):
    default = True
    name = "citytwins"
    verbose_name = "City Twins"

    def ready(self) -> None:
        from citytwins import sessions  # noqa: F401 (connects the sign-in receiver)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the portal's admin site as `admin.site` (citytwins.admin_site)."""

    default = False
    default_site = "citytwins.admin_site.PortalAdminSite"
