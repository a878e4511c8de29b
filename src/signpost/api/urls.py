from django.urls import path

from signpost.api.endpoints import api

urlpatterns = [path("", api.urls)]
