"""The workspace's primary navigation: each section shows only to those who may use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavigationItem:
    key: str
    text: str
    url_name: str
    permission: str


SECTIONS = (
    NavigationItem("sessions", "My sessions", "workspace:my_sessions", "contacts.manage_sessions"),
    NavigationItem("tasks", "Tasks", "workspace:task_list_mine", "casework.work_tasks"),
    NavigationItem("transfers", "Transfers", "workspace:transfer_list", "casework.work_tasks"),
    NavigationItem("teams", "Teams", "workspace:team_list", "casework.manage_teams"),
    NavigationItem(
        "take_up", "Follow-up take-up", "workspace:follow_up_take_up", "casework.view_follow_up_take_up"
    ),
    # The directory is for every member of a delivering organisation's staff: anyone who works with
    # customers may point one to a partner.
    NavigationItem("partners", "Partners", "workspace:partner_list", "customers.view_customer"),
    NavigationItem("venues", "Venues", "workspace:venue_list", "organisations.manage_venues"),
    # Content editors keep every provider's courses, course editors their own provider's.
    NavigationItem("courses", "Courses", "workspace:course_directory", "courses.manage_courses"),
    NavigationItem("courses", "Courses", "workspace:course_directory", "courses.manage_provider_courses"),
    NavigationItem("job_profiles", "Job profiles", "workspace:job_profile_list", "careers.edit_job_profiles"),
    NavigationItem("staff", "Staff", "workspace:staff_list", "accounts.manage_staff"),
    NavigationItem(
        "organisations", "Organisations", "workspace:organisation_list", "organisations.manage_organisations"
    ),
    NavigationItem("funding_rules", "Funding rules", "workspace:funding_rule_set_list", "funding.manage_funding_rules"),
    NavigationItem(
        "assessment_mapping", "Assessment mapping", "workspace:assessment_mapping", "assessments.change_traitmapping"
    ),
    NavigationItem("payment_extract", "Payment extract", "workspace:payment_extract", "plans.download_payment_extract"),
    NavigationItem("audit", "Audit log", "workspace:audit_log", "core.search_auditevent"),
    NavigationItem("outbox", "Outbox", "workspace:outbox", "core.browse_outbox"),
    NavigationItem("retention", "Retention", "workspace:retention_report", "data_protection.view_retention_report"),
    NavigationItem("merges", "Merged records", "workspace:customer_merge_list", "customers.undo_merge"),
)


def workspace_navigation(user: Any) -> list[NavigationItem]:
    shown: dict[str, NavigationItem] = {}
    for item in SECTIONS:
        if item.key not in shown and user.has_perm(item.permission):
            shown[item.key] = item
    return list(shown.values())
