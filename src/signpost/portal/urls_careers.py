"""Explore careers (issue 5): job categories, job profiles and their search; see views_careers."""

from django.urls import path

from signpost.portal import views_careers

app_name = "careers"

urlpatterns = [
    path("careers/", views_careers.explore, name="explore"),
    path("careers/search/", views_careers.search_page, name="search"),
    path("careers/search/suggestions/", views_careers.suggestions, name="suggestions"),
    path("careers/describe/", views_careers.describe, name="describe"),
    path("careers/categories/<slug:slug>/", views_careers.category, name="category"),
    path("job-profiles/<slug:slug>/", views_careers.profile, name="profile"),
    path("job-profiles/<slug:slug>/save/", views_careers.save, name="save"),
]
