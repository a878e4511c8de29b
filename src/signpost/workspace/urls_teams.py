"""An organisation's teams: see views_teams."""

from django.urls import path

from signpost.workspace import views_teams as teams

urlpatterns = [
    path("", teams.team_list, name="team_list"),
    path("new/", teams.team_create, name="team_create"),
    path("<int:pk>/", teams.team_detail, name="team_detail"),
    path("<int:pk>/rename/", teams.team_rename, name="team_rename"),
    path("<int:pk>/members/add/", teams.team_member_add, name="team_member_add"),
    path("<int:pk>/members/<int:member_pk>/remove/", teams.team_member_remove, name="team_member_remove"),
    path("<int:pk>/archive/", teams.team_archive, name="team_archive"),
]
