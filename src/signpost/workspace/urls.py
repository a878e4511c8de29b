from django.urls import include, path

from signpost.accounts.views import StaffSignInView
from signpost.workspace import (
    views,
    views_data_protection,
    views_organisations,
    views_partners,
    views_records,
    views_staff,
)
from signpost.workspace.views_assessments import mapping_edit, mapping_list
from signpost.workspace.views_plans import payment_extract

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", StaffSignInView.as_view(), name="sign_in"),
    path("staff/", views_staff.staff_list, name="staff_list"),
    path("staff/invite/", views_staff.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/change/", views_staff.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/deactivate/", views_staff.staff_deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", views_staff.staff_reactivate, name="staff_reactivate"),
    path("staff/<int:pk>/resend-invitation/", views_staff.staff_resend_invitation, name="staff_resend_invitation"),
    path("organisations/", views_organisations.organisation_list, name="organisation_list"),
    path("organisations/add/", views_organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/change/", views_organisations.organisation_edit, name="organisation_edit"),
    path("partners/", views_partners.partner_list, name="partner_list"),
    path("partners/add/", views_partners.partner_create, name="partner_create"),
    path("partners/<int:pk>/", views_partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/change/", views_partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/deactivate/", views_partners.partner_deactivate, name="partner_deactivate"),
    path("partners/<int:pk>/reactivate/", views_partners.partner_reactivate, name="partner_reactivate"),
    path("payment-extract/", payment_extract, name="payment_extract"),
    path("assessment-mapping/", mapping_list, name="assessment_mapping"),
    path("assessment-mapping/<slug:slug>/", mapping_edit, name="assessment_mapping_edit"),
    path("audit-log/", views_records.audit_log, name="audit_log"),
    path("retention/", views_data_protection.retention_report, name="retention_report"),
    path("outbox/", views_records.outbox, name="outbox"),
    path("outbox/<uuid:pk>/", views_records.outbox_detail, name="outbox_detail"),
    path("customers/", include("signpost.workspace.urls_customers")),
    path("", include("signpost.workspace.urls_sessions")),
    path("enquiries/", include("signpost.workspace.urls_enquiries")),
    path("", include("signpost.workspace.urls_casework")),
    path("funding-rules/", include("signpost.workspace.urls_funding")),
    path("teams/", include("signpost.workspace.urls_teams")),
    path("job-profiles/", include("signpost.workspace.urls_careers")),
    path("courses/", include("signpost.workspace.urls_courses")),
]
