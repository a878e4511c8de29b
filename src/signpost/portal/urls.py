from django.urls import path

from signpost.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.information_page, {"page": "accessibility"}, name="accessibility"),
    path("privacy/", views.information_page, {"page": "privacy"}, name="privacy"),
    path("cookies/", views.information_page, {"page": "cookies"}, name="cookies"),
    path("attribution/", views.information_page, {"page": "attribution"}, name="attribution"),
    path("account/", views.account, name="account"),
]
