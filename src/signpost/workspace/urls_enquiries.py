"""Anonymous enquiries (issue 3, item 7), under /workspace/enquiries/: see views_interactions."""

from django.urls import path

from signpost.workspace import views_interactions as contacts

urlpatterns = [
    path("", contacts.enquiry_list, name="enquiry_list"),
    path("new/", contacts.enquiry_create, name="enquiry_create"),
    path("<int:pk>/attach/", contacts.enquiry_attach, name="enquiry_attach"),
]
