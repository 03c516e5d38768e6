from django.apps import AppConfig


class CityTwinsConfig(AppConfig):
    name = "citytwins"
    verbose_name = "City Twins"

    def ready(self) -> None:
        from django.core import checks

        from citytwins.checks import secret_key_not_placeholder

        checks.register(secret_key_not_placeholder, deploy=True)
