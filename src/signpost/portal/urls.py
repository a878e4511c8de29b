from django.urls import path
from django.views.generic import RedirectView

from signpost.portal import views, views_assessments, views_courses, views_funding, views_plans, views_space

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.information_page, {"page": "accessibility"}, name="accessibility"),
    path("privacy/", views.information_page, {"page": "privacy"}, name="privacy"),
    path("cookies/", views.information_page, {"page": "cookies"}, name="cookies"),
    path("attribution/", views.information_page, {"page": "attribution"}, name="attribution"),
    path("account/", views.account, name="account"),
]

# The online space: linking the account to the advice record, and what a linked customer sees.
urlpatterns += [
    path("account/link/", views_space.link_start, name="link_start"),
    path("account/link/send-code/", views_space.link_send_code, name="link_send_code"),
    path("account/link/code/", views_space.link_code, name="link_code"),
    path("account/unlink/", views_space.unlink, name="unlink"),
    path("account/invitation/<str:token>/", views_space.invitation, name="invitation"),
    path("account/contact-details/", views_space.contact_details, name="contact_details"),
    path("account/contact-details/change/", views_space.contact_details_change, name="contact_details_change"),
    path("account/contact-details/check/", views_space.contact_details_check, name="contact_details_check"),
    path("account/saved/", views_space.saved_list, name="saved_list"),
    path("account/saved/remove/", views_space.saved_remove, name="saved_remove"),
    path("account/conversations/", views_space.my_contacts, name="my_contacts"),
    path("account/conversations/<int:pk>/", views_space.my_contact, name="my_contact"),
]

# The customer's skills action plans (issue 4): see views_plans.
urlpatterns += [
    path("account/plans/", views_plans.plan_list, name="plan_list"),
    path("account/plans/new/", views_plans.own_plan_create, name="own_plan_create"),
    path("account/plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("account/plans/<int:pk>/plan.pdf", views_plans.plan_pdf, name="plan_pdf"),
    path("account/plans/<int:pk>/accept/", views_plans.plan_accept, name="plan_accept"),
    path("account/plans/<int:pk>/goals/new/", views_plans.own_goal_add, name="own_goal_add"),
    path("account/plans/<int:pk>/goals/<int:goal_pk>/", views_plans.goal_progress, name="goal_progress"),
    path("account/plans/<int:pk>/actions/new/", views_plans.own_action_add, name="own_action_add"),
    path("account/plans/<int:pk>/actions/<int:action_pk>/", views_plans.action_progress, name="action_progress"),
]

# The skills assessment and the skills check (issue 7): see views_assessments.
_a = views_assessments
_check = {"kind": "skills_check"}
urlpatterns += [
    path("skills-assessment/", _a.assessment_start, name="assessment_start"),
    path("skills-assessment/begin/", _a.assessment_begin, name="assessment_begin"),
    path("skills-assessment/resume/", _a.assessment_resume, name="assessment_resume"),
    path("skills-assessment/statements/<int:page>/", _a.assessment_questions, name="assessment_questions"),
    path("skills-assessment/saved/", _a.assessment_saved, name="assessment_saved"),
    path("skills-assessment/results/", _a.assessment_results, name="assessment_results"),
    path("skills-assessment/results/report/", _a.assessment_report, name="assessment_report"),
    path("skills-assessment/results/report.pdf", _a.assessment_pdf, name="assessment_pdf"),
    path("skills-assessment/results/save/", _a.assessment_save_to_space, name="assessment_save"),
    path("skills-assessment/results/<slug:slug>/", _a.assessment_category, name="assessment_category"),
    path("skills-assessment/mine/<int:pk>/", _a.assessment_open_saved, name="assessment_saved_open"),
    path("skills-check/", _a.skills_check_start, name="skills_check_start"),
    path("skills-check/begin/", _a.skills_check_begin, name="skills_check_begin"),
    path("skills-check/questions/", _a.skills_check_questions, name="skills_check_questions"),
    path("skills-check/saved/", _a.assessment_saved, _check, name="skills_check_saved"),
    path("skills-check/results/", _a.skills_check_results, name="skills_check_results"),
    path("skills-check/results/report/", _a.assessment_report, _check, name="skills_check_report"),
    path("skills-check/results/report.pdf", _a.assessment_pdf, _check, name="skills_check_pdf"),
    path("skills-check/results/save/", _a.assessment_save_to_space, _check, name="skills_check_save"),
    path("skills-check/results/add-to-plan/", _a.skills_check_add_actions, name="skills_check_add_actions"),
]

# The funding eligibility checker (issue 6): see views_funding.
urlpatterns += [
    path("funding/", views_funding.start, name="funding_start"),
    path("funding/check-your-answers/", views_funding.check_answers, name="funding_check"),
    path("funding/statement/", views_funding.statement, name="funding_statement"),
    path("funding/statement.pdf", views_funding.statement_pdf, name="funding_statement_pdf"),
    path("funding/statement/save/", views_funding.statement_save, name="funding_statement_save"),
    path("funding/start-again/", views_funding.start_again, name="funding_start_again"),
    path("funding/statements/<str:key>/", views_funding.saved_statement, name="funding_saved_statement"),
    path(
        "funding/statements/<str:key>/statement.pdf",
        views_funding.saved_statement_pdf,
        name="funding_saved_statement_pdf",
    ),
    path("funding/<slug:slug>/", views_funding.question, name="funding_question"),
]

# Course search and course pages (issue 6): see views_courses.
urlpatterns += [
    path("courses/", views_courses.course_search, name="course_search"),
    path("courses/save-search/", views_courses.course_search_save, name="course_search_save"),
    path("courses/<int:course_pk>/runs/<int:run_pk>/", views_courses.course_run, name="course_run"),
    path("courses/<int:course_pk>/runs/<int:run_pk>/save/", views_courses.course_run_save, name="course_run_save"),
    # The national job profiles link their routes to "/find-a-course", the national course search.
    path("find-a-course", RedirectView.as_view(pattern_name="portal:course_search", permanent=True)),
]
