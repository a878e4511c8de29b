from django.urls import include, path

from signpost.accounts import views

urlpatterns = [
    path("invitation/<uidb64>/<token>/", views.accept_invitation, name="accept_invitation"),
    path("", include("allauth.account.urls")),
    path("2fa/", include("allauth.mfa.urls")),
]
