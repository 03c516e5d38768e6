from django.apps import AppConfig


class CityTwinsConfig(AppConfig):
    name = "citytwins"
    verbose_name = "City Twins"
