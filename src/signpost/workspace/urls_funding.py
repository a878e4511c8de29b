"""The funding eligibility rules (content editors): see views_funding."""

from django.urls import path

from signpost.workspace import views_funding as views

urlpatterns = [
    path("", views.rule_set_list, name="funding_rule_set_list"),
    path("<int:pk>/", views.rule_set_detail, name="funding_rule_set_detail"),
    path("<int:pk>/change/", views.rule_set_edit, name="funding_rule_set_edit"),
    path("<int:pk>/copy/", views.rule_set_copy, name="funding_rule_set_copy"),
    path("<int:pk>/rules/add/", views.rule_add, name="funding_rule_add"),
    path("rules/<int:pk>/change/", views.rule_edit, name="funding_rule_edit"),
    path("rules/<int:pk>/retire/", views.rule_retire, name="funding_rule_retire"),
    path("rules/<int:pk>/history/", views.rule_history, name="funding_rule_history"),
    path("rules/<int:pk>/conditions/add/", views.condition_add, name="funding_condition_add"),
    path("conditions/<int:pk>/change/", views.condition_edit, name="funding_condition_edit"),
    path("conditions/<int:pk>/remove/", views.condition_remove, name="funding_condition_remove"),
]
