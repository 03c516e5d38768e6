from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("twins/", views.twin_list, name="twin_list"),
    path("twins.csv", views.twin_csv, name="twin_csv"),
    path("twins/<slug:slug>/", views.twin_detail, name="twin_detail"),
    path("sectors/", views.sector_list, name="sector_list"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector_detail"),
    path("join/", views.join, name="join"),
    path("join/sent/", views.join_sent, name="join_sent"),
]
