"""Work queues, transfers and follow-up calls (issue 4): see views_casework."""

from django.urls import path

from signpost.workspace import views_casework as casework

urlpatterns = [
    path("tasks/", casework.task_list, {"scope": "mine"}, name="task_list_mine"),
    path("tasks/<str:scope>/", casework.task_list, name="task_list"),
    path("task/<int:pk>/", casework.task_detail, name="task_detail"),
    path("task/<int:pk>/claim/", casework.task_claim, name="task_claim"),
    path("task/<int:pk>/complete/", casework.task_complete, name="task_complete"),
    path("task/<int:pk>/reassign/", casework.task_reassign, name="task_reassign"),
    path("transfers/", casework.transfer_list, name="transfer_list"),
    path("transfers/new/<str:reference>/", casework.transfer_create, name="transfer_create"),
    path("transfers/new/<str:reference>/check/", casework.transfer_check, name="transfer_check"),
    path("transfers/<int:pk>/", casework.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/accept/", casework.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/callback/", casework.transfer_callback, name="transfer_callback"),
    path("follow-up-calls/<int:pk>/", casework.follow_up_call, name="follow_up_call"),
    path("follow-up-take-up/", casework.follow_up_take_up, name="follow_up_take_up"),
]
