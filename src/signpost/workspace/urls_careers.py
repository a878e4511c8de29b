"""Job profiles for content editors: see views_careers."""

from django.urls import path

from signpost.workspace import views_careers as views

urlpatterns = [
    path("", views.profile_list, name="job_profile_list"),
    path("due-for-review/", views.profile_due, name="job_profile_due"),
    path("add/", views.profile_create, name="job_profile_create"),
    path("<int:pk>/", views.profile_detail, name="job_profile_detail"),
    path("<int:pk>/change/", views.profile_edit, name="job_profile_edit"),
    path("<int:pk>/send-for-review/", views.profile_submit, name="job_profile_submit"),
    path("<int:pk>/publish/", views.profile_publish, name="job_profile_publish"),
    path("<int:pk>/return/", views.profile_return, name="job_profile_return"),
    path("<int:pk>/reviewed/", views.profile_reviewed, name="job_profile_reviewed"),
]
