from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from citytwins import benchmark, devmail, health, languages, views

urlpatterns = [
    # Answered by citytwins.health.HealthCheckMiddleware before host validation; named here
    # for reverse().
    path("healthz", health.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name none (the admin's).
    path("favicon.ico", views.favicon),
    path("language/<str:code>/", languages.language_switch, name="language_switch"),
    # The admin keeps one address and speaks its user's language (citytwins.languages).
    path("admin/", admin.site.urls),
]

# The pages people read, in each language: /fi/twins/; English without a prefix, so every
# address published before the site had languages still answers in English.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact_sent"),
    path("my/notifications/", views.preferences, name="notification_preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("", include("members.urls")),
    path("", include("projects.urls")),
    path("events/", include("events.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=False,
)

if settings.BENCHMARK:
    urlpatterns += [path("bench/hello", benchmark.hello)]

if settings.DEBUG:
    # Under `make run` only: uploaded images, and the emails written to var/mail/.
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
        *devmail.urlpatterns,
    ]

handler400 = "citytwins.views.bad_request"
handler404 = "citytwins.views.page_not_found"
handler403 = "citytwins.views.permission_denied"
handler500 = "citytwins.views.server_error"
