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
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("my/", views.my_home, name="my_home"),
    path("my/account/", views.my_account, name="my_account"),
    path("my/twins/<slug:slug>/", views.my_twin_edit, name="my_twin_edit"),
    path("my/twins/<slug:slug>/confirm/", views.my_twin_confirm, name="my_twin_confirm"),
    path("my/cities/<slug:slug>/", views.my_city_edit, name="my_city_edit"),
]
