"""Staff roles (domain.md §2) and the permissions each one grants.

A role is a Django group of the same name; `sync_role_groups` keeps the groups' permissions equal
to this table after every migration, so this is the one place a role's powers are decided.
"""

from django.db import models


class Role(models.TextChoices):
    ADVISER = "adviser", "Adviser"
    TEAM_LEADER = "team_leader", "Team leader"
    QUALITY_AUDITOR = "quality_auditor", "Quality auditor"
    MANAGER = "manager", "Manager"
    CAMPAIGN_OFFICER = "campaign_officer", "Campaign and fulfilment officer"
    CONTENT_EDITOR = "content_editor", "Content editor"
    MODERATOR = "moderator", "Moderator"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Designated safeguarding lead"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"
    COURSE_EDITOR = "course_editor", "Course editor"


ROLE_DESCRIPTIONS = {
    Role.ADVISER: "Finds customers, records contacts, agrees action plans and books sessions.",
    Role.TEAM_LEADER: "Leads a team of advisers: their queues, quality and availability.",
    Role.QUALITY_AUDITOR: "Samples and scores recorded contacts against the quality framework.",
    Role.MANAGER: "Sees management information for their organisation (national managers see all).",
    Role.CAMPAIGN_OFFICER: "Runs campaigns, lines and fulfilment of packs and leaflets.",
    Role.CONTENT_EDITOR: "Edits job profiles, courses and knowledge articles.",
    Role.MODERATOR: "Approves posts in the chatroom and on the message board.",
    Role.SAFEGUARDING_LEAD: "Reviews safeguarding concerns and sees restricted records.",
    Role.SYSTEM_ADMINISTRATOR: "Manages staff, roles and organisations; reads the audit log and outbox.",
    Role.COURSE_EDITOR: "Works for one college or training provider: keeps its courses, venues and course runs.",
}

WORKSPACE = "accounts.use_workspace"
# The shared customer record (domain.md §2): every role of a delivering organisation may find and
# read customers; staff of colleges and training providers (course editors) may not.
VIEW_CUSTOMERS = "customers.view_customer"
# Special category data (domain.md §2): only roles that act on it with or for the customer.
SPECIAL_CATEGORY = "customers.view_special_category"
# Merging two records of one person; undoing a merge is for system administrators alone.
MERGE_CUSTOMERS = "customers.merge_customer"
UNDO_MERGE = "customers.undo_merge"
# Booking advice sessions and recording what happened at them.
MANAGE_SESSIONS = "contacts.manage_sessions"
# An organisation's own venues (its managers and administrators).
MANAGE_VENUES = "organisations.manage_venues"
# Casework (domain.md §4): work queues are scoped to the staff member's own organisation.
WORK_TASKS = "casework.work_tasks"
REASSIGN_TASKS = "casework.reassign_tasks"
TRANSFER_CUSTOMERS = "casework.transfer_customers"
FOLLOW_UP_TAKE_UP = "casework.view_follow_up_take_up"
# Teams (whose work "my team's tasks" shows): kept by those who organise people. Reassigning tasks
# is a different power (system administrators set teams up but do not work the queues), so teams
# have a permission of their own.
MANAGE_TEAMS = "casework.manage_teams"
# Referrals (domain.md §4): making them, and keeping the shared partner directory up to date.
MAKE_REFERRALS = "referrals.make_referral"
MANAGE_PARTNERS = "referrals.manage_partners"
# Skills action plans and outcomes (domain.md §5): agreeing plans and claiming outcomes, reading
# them (quality and safeguarding look at what was agreed), and the payment extract for managers.
WORK_ON_PLANS = "plans.work_on_plans"
VIEW_PLANS = "plans.view_actionplan"
RECORD_OUTCOMES = "plans.record_outcomes"
VIEW_OUTCOMES = "plans.view_outcome"
PAYMENT_EXTRACT = "plans.download_payment_extract"
# Checking claims before payment (domain.md §5 verification status): quality auditors, who sample
# and check recorded work, and managers, who answer for their organisation's claims. Not advisers
# or team leaders: whoever claims an outcome does not also verify it.
VERIFY_OUTCOMES = "plans.verify_outcomes"
# The funding eligibility rules (issue 6): content editors keep them, with history.
MANAGE_FUNDING_RULES = "funding.manage_funding_rules"
# Skills assessments (issue 7): advisers open a customer's results with the reference code the
# customer gives (or that they saved to their online space); content editors keep the trait → job
# category mapping.
VIEW_ASSESSMENT_RESULTS = "assessments.view_assessment_results"
MANAGE_ASSESSMENT_MAPPING = "assessments.change_traitmapping"
# Job profiles (issue 5): content editors write drafts, send them for review and publish them.
EDIT_JOB_PROFILES = "careers.edit_job_profiles"
PUBLISH_JOB_PROFILES = "careers.publish_job_profiles"
# Data protection (domain.md §9), for system administrators: who has seen a record (their own
# organisation's staff, or everyone's with national scope); subject access exports, anonymising
# and the retention report need national scope as well (data_protection.rules).
VIEW_RECORD_ACCESS = "data_protection.view_record_access"
EXPORT_CUSTOMER_DATA = "data_protection.export_customer_data"
ANONYMISE_CUSTOMER = "data_protection.anonymise_customer"
VIEW_RETENTION_REPORT = "data_protection.view_retention_report"

# The course directory (issue 6): content editors keep every provider's listings; a course editor
# keeps only their own provider's (courses.ProviderEditor says which).
MANAGE_COURSES = "courses.manage_courses"
MANAGE_PROVIDER_COURSES = "courses.manage_provider_courses"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADVISER: [
        WORKSPACE,
        VIEW_CUSTOMERS,
        SPECIAL_CATEGORY,
        MANAGE_SESSIONS,
        WORK_TASKS,
        TRANSFER_CUSTOMERS,
        MAKE_REFERRALS,
        MERGE_CUSTOMERS,
        WORK_ON_PLANS,
        VIEW_PLANS,
        RECORD_OUTCOMES,
        VIEW_OUTCOMES,
        VIEW_ASSESSMENT_RESULTS,
    ],
    Role.TEAM_LEADER: [
        WORKSPACE,
        VIEW_CUSTOMERS,
        SPECIAL_CATEGORY,
        MANAGE_SESSIONS,
        WORK_TASKS,
        REASSIGN_TASKS,
        MANAGE_TEAMS,
        TRANSFER_CUSTOMERS,
        FOLLOW_UP_TAKE_UP,
        MAKE_REFERRALS,
        MANAGE_PARTNERS,
        MERGE_CUSTOMERS,
        WORK_ON_PLANS,
        VIEW_PLANS,
        RECORD_OUTCOMES,
        VIEW_OUTCOMES,
        VIEW_ASSESSMENT_RESULTS,
    ],
    Role.QUALITY_AUDITOR: [WORKSPACE, VIEW_CUSTOMERS, VIEW_PLANS, VIEW_OUTCOMES, VERIFY_OUTCOMES],
    Role.MANAGER: [
        WORKSPACE,
        VIEW_CUSTOMERS,
        WORK_TASKS,
        REASSIGN_TASKS,
        MANAGE_TEAMS,
        FOLLOW_UP_TAKE_UP,
        MANAGE_VENUES,
        MANAGE_PARTNERS,
        VIEW_PLANS,
        VIEW_OUTCOMES,
        PAYMENT_EXTRACT,
        VERIFY_OUTCOMES,
    ],
    Role.CAMPAIGN_OFFICER: [WORKSPACE, VIEW_CUSTOMERS],
    Role.CONTENT_EDITOR: [
        WORKSPACE,
        VIEW_CUSTOMERS,
        MANAGE_FUNDING_RULES,
        MANAGE_ASSESSMENT_MAPPING,
        MANAGE_COURSES,
        EDIT_JOB_PROFILES,
        PUBLISH_JOB_PROFILES,
    ],
    Role.MODERATOR: [WORKSPACE, VIEW_CUSTOMERS],
    Role.SAFEGUARDING_LEAD: [WORKSPACE, VIEW_CUSTOMERS, SPECIAL_CATEGORY, MAKE_REFERRALS, MERGE_CUSTOMERS, VIEW_PLANS],
    Role.SYSTEM_ADMINISTRATOR: [
        WORKSPACE,
        VIEW_CUSTOMERS,
        "accounts.manage_staff",
        "organisations.manage_organisations",
        MANAGE_TEAMS,
        MANAGE_VENUES,
        MANAGE_PARTNERS,
        "core.search_auditevent",
        "core.browse_outbox",
        MERGE_CUSTOMERS,
        UNDO_MERGE,
        VIEW_RECORD_ACCESS,
        EXPORT_CUSTOMER_DATA,
        ANONYMISE_CUSTOMER,
        VIEW_RETENTION_REPORT,
    ],
    # Not an adviser: no special category data, casework, plans or referrals.
    Role.COURSE_EDITOR: [WORKSPACE, MANAGE_PROVIDER_COURSES],
}
