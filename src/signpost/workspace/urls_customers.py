"""Workspace pages about customers (the shared customer record), under /workspace/customers/."""

from django.urls import path, register_converter

from signpost.workspace import views_customer_edit as edit
from signpost.workspace import views_customer_merge as merge
from signpost.workspace import views_customer_record as record
from signpost.workspace import views_customers
from signpost.workspace import views_data_protection as data_protection
from signpost.workspace import views_interactions as contacts
from signpost.workspace import views_online_account as online_account
from signpost.workspace import views_referrals as referrals
from signpost.workspace.urls_assessments import assessment_urlpatterns
from signpost.workspace.urls_plans import plan_urlpatterns

urlpatterns: list = [
    path("", views_customers.customer_search, name="customer_search"),
    path("new/", views_customers.customer_create, name="customer_create"),
]

# The customer record (read), one URL per tab; a reference is matched by its shape (see the
# converter), so these routes never hide the other customer pages'.
register_converter(record.ReferenceConverter, "customer_reference")
urlpatterns += [
    path("<customer_reference:reference>/", record.customer_record, name="customer_record"),
    path("<customer_reference:reference>/contact/", record.customer_record_contact, name="customer_record_contact"),
    path("<customer_reference:reference>/sessions/", record.customer_record_sessions, name="customer_record_sessions"),
    path(
        "<customer_reference:reference>/addresses/", record.customer_record_addresses, name="customer_record_addresses"
    ),
    path(
        "<customer_reference:reference>/diversity/", record.customer_record_diversity, name="customer_record_diversity"
    ),
    path(
        "<customer_reference:reference>/employment-and-learning/",
        record.customer_record_employment_and_learning,
        name="customer_record_employment_and_learning",
    ),
    path("<customer_reference:reference>/consents/", record.customer_record_consents, name="customer_record_consents"),
    path(
        "<customer_reference:reference>/referrals/", record.customer_record_referrals, name="customer_record_referrals"
    ),
]

# Referrals and signposts (issue 4): see views_referrals.
urlpatterns += [
    path(
        "<customer_reference:reference>/referrals/new/",
        referrals.referral_find_partner,
        name="referral_find_partner",
    ),
    path(
        "<customer_reference:reference>/referrals/new/partner/<int:partner_pk>/",
        referrals.referral_create_to_partner,
        name="referral_create_to_partner",
    ),
    path(
        "<customer_reference:reference>/referrals/new/channel/<int:channel>/",
        referrals.referral_create_to_channel,
        name="referral_create_to_channel",
    ),
    path("<customer_reference:reference>/referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
]

# Contacts on the record (issue 3, items 6 and 8): see views_interactions.
urlpatterns += [
    path("<customer_reference:reference>/contacts/new/", contacts.interaction_create, name="interaction_create"),
    path(
        "<customer_reference:reference>/contacts/<int:pk>/service-improvement/",
        contacts.service_improvement,
        name="service_improvement",
    ),
    path(
        "<customer_reference:reference>/contacts/<int:pk>/send-summary/", contacts.summary_send, name="summary_send"
    ),
]

# Changing the record, checking identity and terminating (issue 3, items 2, 5 and 10): see
# views_customer_edit. A terminated record answers every one of these with 409 (read-only).
urlpatterns += [
    path(f"<customer_reference:reference>/{route}", view, name=f"customer_edit_{name}")
    for route, view, name in (
        ("change/identity/", edit.customer_edit_identity, "identity"),
        ("change/contact/", edit.customer_edit_contact, "contact"),
        ("change/addresses/new/", edit.customer_edit_address_add, "address_add"),
        ("change/diversity/", edit.customer_edit_diversity, "diversity"),
        ("change/employment-status/", edit.customer_edit_employment_status, "employment_status"),
        ("change/learning-status/", edit.customer_edit_learning_status, "learning_status"),
        ("change/priority-groups/", edit.customer_edit_priority_groups, "priority_groups"),
        ("change/consents/", edit.customer_edit_consents, "consents"),
        ("identity-check/", edit.customer_edit_identity_check, "identity_check"),
        ("memorable-word/", edit.customer_edit_memorable_word, "memorable_word"),
        ("terminate/", edit.customer_edit_terminate, "terminate"),
    )
]
urlpatterns += [
    path(
        "<customer_reference:reference>/change/addresses/<int:pk>/end/",
        edit.customer_edit_address_end,
        name="customer_edit_address_end",
    ),
]

# Inviting the customer to an online account linked to the record: see views_online_account.
urlpatterns += [
    path(
        "<customer_reference:reference>/online-account/invite/",
        online_account.online_account_invite,
        name="customer_online_account_invite",
    ),
]

# Merging two records of one person, and undoing a merge (issue 3, item 9): see views_customer_merge.
urlpatterns += [
    path("<customer_reference:reference>/merge/", merge.customer_merge_start, name="customer_merge_start"),
    path(
        "<customer_reference:reference>/merge/<customer_reference:other>/",
        merge.customer_merge_compare,
        name="customer_merge_compare",
    ),
    path(
        "<customer_reference:reference>/merge/<customer_reference:other>/check/",
        merge.customer_merge_check,
        name="customer_merge_check",
    ),
    path("merges/", merge.customer_merge_list, name="customer_merge_list"),
    path("merges/<int:pk>/undo/", merge.customer_merge_undo, name="customer_merge_undo"),
]

# Data protection (domain.md §9): who has seen the record, subject access exports, anonymising.
urlpatterns += [
    path("<customer_reference:reference>/who-has-seen/", data_protection.record_access, name="record_access"),
    path(
        "<customer_reference:reference>/export/",
        data_protection.subject_access_export,
        name="subject_access_export",
    ),
    path(
        "<customer_reference:reference>/export/<uuid:export_id>/",
        data_protection.subject_access_export_progress,
        name="subject_access_export_progress",
    ),
    path(
        "<customer_reference:reference>/export/<uuid:export_id>/download/",
        data_protection.subject_access_export_download,
        name="subject_access_export_download",
    ),
    path("<customer_reference:reference>/anonymise/", data_protection.customer_anonymise, name="customer_anonymise"),
]

# Skills action plans and outcomes (issue 4): see urls_plans and views_plans.
urlpatterns += plan_urlpatterns()
urlpatterns += assessment_urlpatterns()
