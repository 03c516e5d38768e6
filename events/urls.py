from django.urls import path

from events.views import actions, calendars, documents, listing, registrations

app_name = "events"

urlpatterns = [
    path("", listing.event_list, name="event_list"),
    path("feed.ics", calendars.feed, name="feed"),
    path("action-items/<int:pk>/done/", actions.action_item_done, name="action_item_done"),
    path("<slug:slug>.ics", calendars.event_ics, name="event_ics"),
    path("<slug:slug>/", listing.event_detail, name="event_detail"),
    path("<slug:slug>/register/", registrations.register, name="register"),
    path(
        "<slug:slug>/cancel-registration/",
        registrations.registration_cancel_view,
        name="registration_cancel",
    ),
    path(
        "<slug:slug>/documents/<uuid:key>/",
        documents.document_download,
        name="document_download",
    ),
]
