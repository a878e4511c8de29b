"""Who may open the workspace home and the API: signed-in staff only, deny by default."""

import datetime

import pytest
from django.utils import timezone
from markupsafe import escape

from conftest import PEOPLE, PROVIDER_STAFF, STAFF_ROLES
from signpost.accounts.roles import Role
from signpost.casework import codes as casework_codes
from signpost.casework import services as casework_services
from tests.factories import CustomerFactory, make_staff


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_workspace_home(name, person, client_for):
    user = person(name)
    response = client_for(user).get("/workspace/")
    if user is None:
        assert response["Location"] == "/workspace/sign-in/?next=%2Fworkspace%2F"
    elif not user.is_staff_member:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert escape(user.full_name) in html  # names like O'Brien are escaped as our Jinja pages escape them
        assert user.organisation.name in html
        assert "You have no tasks" in html
        # College and training-provider staff are not offered a customer search they may not use.
        assert ('id="customer-search"' in html) is (name not in PROVIDER_STAFF)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_workspace_navigation_shows_only_permitted_sections(name, person, client_for):
    user = person(name)
    if user is None or not user.is_staff_member:
        return
    html = client_for(user).get("/workspace/").content.decode()
    is_admin = user.has_perm("accounts.manage_staff")
    assert ('href="/workspace/staff/' in html) == is_admin
    assert ("Audit log" in html) == is_admin


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_organisations_api(name, person, client_for):
    user = person(name)
    response = client_for(user).get("/api/v1/organisations")
    if user is not None and user.is_staff_member and name not in PROVIDER_STAFF:
        assert response.status_code == 200
        touchpoints = {row["touchpoint_id"] for row in response.json()}
        assert {"0000000999", "0000000101", "0000000109"} <= touchpoints
    else:
        assert response.status_code == 401


@pytest.mark.django_db
def test_staff_roles_cover_domain_roles():
    assert set(STAFF_ROLES) == {
        "adviser",
        "team_leader",
        "quality_auditor",
        "manager",
        "campaign_officer",
        "content_editor",
        "moderator",
        "safeguarding_lead",
        "system_administrator",
        "course_editor",
    }


@pytest.mark.django_db
def test_workspace_home_links_to_creating_records_and_anonymous_enquiries(person, client_for):
    html = client_for(person("adviser")).get("/workspace/").content.decode()
    assert 'href="/workspace/customers/new/"' in html
    assert 'href="/workspace/enquiries/new/"' in html
    assert 'href="/workspace/enquiries/"' in html


@pytest.mark.django_db
def test_names_with_apostrophes_show_as_typed(london, client_for):
    staff = make_staff("adviser", organisation=london, given_name="Siobhán", family_name="O'Brien")
    response = client_for(staff).get("/workspace/")
    assert str(escape(staff.full_name)) == "Siobhán O&#39;Brien"
    assert "Siobhán O&#39;Brien" in response.content.decode()


@pytest.mark.django_db
def test_workspace_home_counts_the_work_queues(london, client_for):
    adviser = make_staff(Role.ADVISER, organisation=london)
    customer = CustomerFactory()
    now = timezone.now()
    for due_at in (now - datetime.timedelta(hours=1), now + datetime.timedelta(days=1)):
        casework_services.task_create(
            actor=adviser,
            task_type=casework_codes.TaskType.CALLBACK,
            customer=customer,
            organisation=london,
            assignee=adviser,
            available_from=now - datetime.timedelta(days=1),
            due_at=due_at,
        )
    page = " ".join(client_for(adviser).get("/workspace/").content.decode().split())
    assert "You have 2 tasks to do" in page and "1 overdue" in page
    assert 'href="/workspace/tasks/">My tasks</a>: 2 to do, 1 overdue' in page
    # Roles without a work queue see no counts and no links to queues.
    editor_page = client_for(make_staff(Role.CONTENT_EDITOR, organisation=london)).get("/workspace/").content.decode()
    assert "You have no tasks" in editor_page and 'href="/workspace/tasks/"' not in editor_page
