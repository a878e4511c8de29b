from django.urls import path

from signpost.accounts.views import StaffSignInView
from signpost.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", StaffSignInView.as_view(), name="sign_in"),
]
