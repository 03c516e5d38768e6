from django.urls import path

from projects.views import funding, practices, projects, proposals

app_name = "projects"

urlpatterns = [
    path("projects/", projects.project_list, name="project_list"),
    path("projects.csv", projects.project_csv, name="project_csv"),
    path("projects.xlsx", projects.project_xlsx, name="project_xlsx"),
    path("projects/<slug:slug>/", projects.project_detail, name="project_detail"),
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/<slug:slug>/", practices.practice_detail, name="practice_detail"),
    path("funding/", funding.funding_call_list, name="funding_call_list"),
    path("my/projects/new/", proposals.my_project_create, name="my_project_create"),
    path("my/projects/<slug:slug>/", proposals.my_project_edit, name="my_project_edit"),
    path("my/practices/new/", proposals.my_practice_create, name="my_practice_create"),
    path("my/practices/<slug:slug>/", proposals.my_practice_edit, name="my_practice_edit"),
]
