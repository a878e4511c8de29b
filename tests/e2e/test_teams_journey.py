"""Teams in the browser (issue 4): a team leader finds no teams, creates one after a mistake, adds
themselves after another, and sees the team and its task in "My team's tasks"; then archives the
team, choosing where its open task goes. Every page state passed (empty, with errors, filled) is
checked with axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from signpost.accounts.roles import Role
from signpost.casework import codes, services
from signpost.casework.models import Team
from signpost.organisations.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import WORKSPACE, title
from tests.e2e.staff_steps import error_summary_says, sign_in
from tests.factories import make_staff


def test_team_leader_creates_a_team_joins_it_and_sees_it_in_my_teams_tasks(page: Page, site: str) -> None:
    london = Organisation.objects.get(touchpoint_id="0000000103")
    leader = make_staff(Role.TEAM_LEADER, organisation=london, given_name="Tess", family_name="Leader")
    make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser", mfa=False)

    sign_in(page, site, leader.email)
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Teams"))
    expect(page).to_have_title(title("Teams", site=WORKSPACE))
    expect(page.locator("main")).to_contain_text("There are no teams yet")
    assert_accessible(page, "teams, none")

    follow(page.get_by_role("button", name="Create a team"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a team")
    assert_accessible(page, "create a team, empty")
    page.get_by_label("Team name").fill("x" * 101)
    follow(page.get_by_role("button", name="Create team"))
    error_summary_says(page, "The team's name must be 100 characters or fewer")
    expect(page.get_by_label("Team name")).to_have_value("x" * 101)
    assert_accessible(page, "create a team, with errors")
    page.get_by_label("Team name").fill("Callbacks")
    follow(page.get_by_role("button", name="Create team"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Callbacks")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Callbacks has been created: add its members")
    expect(page.locator("main")).to_contain_text("Nobody is in this team yet")
    assert_accessible(page, "the team, no members")

    follow(page.get_by_role("button", name="Add a member"))
    expect(page).to_have_title(title("Add a member to Callbacks", site=WORKSPACE))
    assert_accessible(page, "add a member, empty")
    follow(page.get_by_role("button", name="Add to team"))
    error_summary_says(page, "Select who should join the team")
    assert_accessible(page, "add a member, with errors")
    page.get_by_label("Who should join the team?").select_option(label=f"Tess Leader ({leader.email})")
    follow(page.get_by_role("button", name="Add to team"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Tess Leader has joined Callbacks")
    expect(page.locator("#members")).to_contain_text(leader.email)
    assert_accessible(page, "the team, one member")

    follow(page.get_by_role("link", name="Back to teams"))
    expect(page.locator("#teams")).to_contain_text("Callbacks")
    assert_accessible(page, "teams, one")

    # Work given to the team now shows in its members' queue.
    team = Team.objects.get(organisation=london, name="Callbacks")
    services.task_create(
        actor=leader,
        task_type=codes.TaskType.CALLBACK,
        customer=None,
        organisation=london,
        team=team,
        summary="Ring the college back about the open day",
    )
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Tasks"))
    follow(page.get_by_role("link", name="My team’s tasks (1)"))
    expect(page.locator("#my-teams")).to_have_text("Tasks for your team: Callbacks.")
    expect(page.locator("#tasks")).to_contain_text("Ring the college back about the open day")
    assert_accessible(page, "my team's tasks")

    # Archiving asks where the open task goes, so it is not lost.
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Teams"))
    follow(page.get_by_role("link", name="Callbacks"))
    follow(page.get_by_role("button", name="Archive"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Archive this team?")
    assert_accessible(page, "archive a team with an open task")
    follow(page.get_by_role("button", name="Archive team"))
    error_summary_says(page, "Select where the team's open tasks should go")
    assert_accessible(page, "archive a team, with errors")
    page.get_by_label(f"To {london.name}’s queue, for anyone there to claim").check()
    follow(page.get_by_role("button", name="Archive team"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Callbacks has been archived and its 1 open task moved to {london.name}’s queue"
    )
    expect(page.locator("main")).to_contain_text("There are no teams yet")
    expect(page.locator("main")).to_contain_text("Archived teams (1)")
    assert_accessible(page, "teams, one archived")
