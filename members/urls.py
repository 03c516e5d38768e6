from django.urls import path

from members.views import directory, invitations, join, my, sectors

app_name = "members"

urlpatterns = [
    path("twins/", directory.twin_list, name="twin_list"),
    path("twins.csv", directory.twin_csv, name="twin_csv"),
    path("twins.xlsx", directory.twin_xlsx, name="twin_xlsx"),
    path("twins/<slug:slug>/", directory.twin_detail, name="twin_detail"),
    path("sectors/", sectors.sector_list, name="sector_list"),
    path("sectors/<slug:slug>/", sectors.sector_detail, name="sector_detail"),
    path("join/", join.join, name="join"),
    path("join/sent/", join.join_sent, name="join_sent"),
    path("invitations/<str:token>/", invitations.invitation_accept_view, name="invitation_accept"),
    path("my/", my.my_home, name="my_home"),
    path("my/account/", my.my_account, name="my_account"),
    path("my/twins/<slug:slug>/", my.my_twin_edit, name="my_twin_edit"),
    path("my/twins/<slug:slug>/confirm/", my.my_twin_confirm, name="my_twin_confirm"),
    path("my/cities/<slug:slug>/", my.my_city_edit, name="my_city_edit"),
]
