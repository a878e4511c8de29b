"""The course directory's staff pages, under /workspace/courses/."""

from django.urls import path

from signpost.workspace import views_course_uploads as uploads
from signpost.workspace import views_courses as views

urlpatterns = [
    path("", views.course_directory, name="course_directory"),
    path("providers/add/", views.provider_create, name="course_provider_create"),
    path("providers/<int:pk>/", views.provider_detail, name="course_provider"),
    path("providers/<int:pk>/change/", views.provider_edit, name="course_provider_edit"),
    path("providers/<int:pk>/editors/add/", views.provider_editor_add, name="course_provider_editor_add"),
    path("providers/<int:pk>/venues/add/", views.venue_create, name="course_venue_create"),
    path("venues/<int:pk>/change/", views.venue_edit, name="course_venue_edit"),
    path("venues/<int:pk>/remove/", views.venue_remove, name="course_venue_remove"),
    path("venues/<int:pk>/offer-again/", views.venue_restore, name="course_venue_restore"),
    path("providers/<int:pk>/removed/", views.removed_listings, name="course_removed"),
    path("providers/<int:pk>/removed/offer-again/", views.removed_listings_restore, name="course_removed_restore"),
    path("providers/<int:pk>/courses/add/", views.course_create, name="course_create"),
    path("<int:pk>/", views.course_detail, name="course_detail"),
    path("<int:pk>/change/", views.course_edit, name="course_edit"),
    path("<int:pk>/remove/", views.course_remove, name="course_remove"),
    path("<int:pk>/offer-again/", views.course_restore, name="course_restore"),
    path("<int:pk>/runs/add/", views.run_create, name="course_run_create"),
    path("runs/<int:pk>/change/", views.run_edit, name="course_run_edit"),
    path("runs/<int:pk>/delete/", views.run_delete, name="course_run_delete"),
    path("runs/<int:pk>/offer-again/", views.run_restore, name="course_run_restore"),
    path("providers/<int:pk>/upload/<slug:kind>/", uploads.upload, name="course_upload"),
    path("providers/<int:pk>/upload/<slug:kind>/check/", uploads.upload_check, name="course_upload_check"),
    path("providers/<int:pk>/upload/<slug:kind>/problems.csv", uploads.upload_errors, name="course_upload_errors"),
    path("providers/<int:pk>/upload/<slug:kind>/import/", uploads.upload_import, name="course_upload_import"),
]
