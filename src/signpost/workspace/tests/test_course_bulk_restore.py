"""Offering several removed courses and course runs again from a provider's "Removed courses" page:
who may, what the list and the confirmation page say, what comes back in one transaction, and what
is reported when something changed since the page was shown."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.courses import services
from signpost.courses.models import Course, CourseRun
from signpost.courses.search_selectors import Criteria, course_search
from signpost.workspace.tests.test_course_removal import ONLINE_RUN, add_run
from signpost.workspace.tests.test_course_restore import old_depot
from signpost.workspace.tests.test_courses import OTHER_EDITOR, OUR_EDITOR, listing, who  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def removed(who, listing):  # noqa: F811
    """Plumbing removed with its run; Bricklaying offered, with one run removed on its own, one at a
    removed venue and one that has started since it was removed."""
    editor = who("content_editor")
    provider = listing["provider"]
    services.course_remove(actor=editor, course=listing["course"])
    bricklaying = Course.objects.create(provider=provider, title="Bricklaying", level=1, sector=5)
    alone = add_run(bricklaying, provider_reference="BRICK-1")
    depot = old_depot(provider)
    at_depot = add_run(bricklaying, delivery_mode="classroom", venue=depot, provider_reference="BRICK-2")
    started = add_run(bricklaying, provider_reference="BRICK-3")
    for run in (alone, at_depot, started):
        services.course_run_remove(actor=editor, run=run)
    services.venue_remove(actor=editor, venue=depot)
    CourseRun.objects.filter(pk=started.pk).update(start_date=TODAY - datetime.timedelta(days=2))
    return {"plumbing": listing["course"], "bricklaying": bricklaying, "alone": alone, "at_depot": at_depot,
            "started": started, "depot": depot}  # fmt: skip


def list_url(provider):
    return reverse("workspace:course_removed", args=[provider.pk])


def confirm_url(provider, courses=(), runs=()):
    query = urlencode({"courses": [c.pk for c in courses], "runs": [r.pk for r in runs]}, doseq=True)
    return reverse("workspace:course_removed_restore", args=[provider.pk]) + "?" + query


def offer_url(provider):
    return reverse("workspace:course_removed_restore", args=[provider.pk])


def chosen(courses=(), runs=()):
    return {"courses": [str(c.pk) for c in courses], "runs": [str(r.pk) for r in runs]}


def withdrawn(*records):
    return [type(record).objects.get(pk=record.pk).withdrawn_at is not None for record in records]


@pytest.mark.parametrize("name", [*PEOPLE, OUR_EDITOR, OTHER_EDITOR])
def test_who_may_offer_several_again(name, who, client_for, listing, removed):  # noqa: F811
    user = who(name)
    provider = listing["provider"]
    picked = {"courses": [removed["plumbing"]], "runs": [removed["alone"]]}
    client = client_for(user)
    responses = {
        "list": client.get(list_url(provider)),
        "paged": client.get(list_url(provider) + "?courses_page=2&runs_page=junk"),
        "tick": client.post(list_url(provider), chosen(**picked)),
        "confirm": client.get(confirm_url(provider, **picked)),
        "offer": client.post(offer_url(provider), chosen(**picked)),
    }
    allowed = name in ("content_editor", OUR_EDITOR)
    for step, response in responses.items():
        if user is None:
            assert response.status_code == 302 and response["Location"].startswith("/workspace/sign-in/"), step
        elif allowed:
            assert response.status_code == (200 if step in ("list", "paged", "confirm") else 302), (name, step)
        elif name == OTHER_EDITOR:
            # Another provider's listings are not there at all for this editor.
            assert response.status_code == 404, step
        else:
            assert response.status_code == 403, (name, step)
    if allowed:
        assert "Removed courses" in responses["list"].content.decode()
        assert responses["tick"]["Location"] == confirm_url(provider, **picked)
        assert (
            "Are you sure you want to offer 1 course and 1 course run again?" in responses["confirm"].content.decode()
        )
        assert responses["offer"]["Location"] == reverse("workspace:course_provider", args=[provider.pk]) + "#courses"
    assert withdrawn(removed["plumbing"], listing["run"], removed["alone"]) == [not allowed] * 3
    bulk = AuditEvent.objects.filter(action="courses.listings_restored")
    assert list(bulk.values_list("actor", flat=True)) == ([user.pk] if allowed else [])


def test_the_list_shows_what_was_removed_and_when(who, client_for, listing, removed):  # noqa: F811
    provider = listing["provider"]
    client = client_for(who(OUR_EDITOR))
    provider_page = client.get(reverse("workspace:course_provider", args=[provider.pk])).content.decode()
    assert f'href="{list_url(provider)}"' in provider_page

    page = client.get(list_url(provider)).content.decode()
    courses = page.split('id="removed-courses"', 1)[1].split("</table>", 1)[0]
    runs = page.split('id="removed-runs"', 1)[1].split("</table>", 1)[0]
    removed_on = f"{timezone.localdate():%-d %B %Y}"
    assert "Plumbing" in courses and "Bricklaying" not in courses and removed_on in courses
    # Plumbing's one run comes back with it.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in courses
    assert f'name="courses" type="checkbox" value="{removed["plumbing"].pk}"' in courses
    assert "BRICK-1" in runs and "BRICK-2" in runs and removed_on in runs
    assert "Offer the venue again first" in runs
    # A run that has started never comes back, so it is not offered here; nor is Plumbing's run.
    assert "BRICK-3" not in runs and f'value="{listing["run"].pk}"' not in runs
    assert "There is a problem" not in page


def test_nothing_removed(who, client_for, listing):  # noqa: F811
    page = client_for(who("content_editor")).get(list_url(listing["provider"])).content.decode()
    assert "Nothing has been removed." in page and 'type="checkbox"' not in page


@pytest.mark.parametrize("posted", [{}, {"courses": [""]}, {"courses": ["abc"], "runs": ["1"]}])
def test_nothing_ticked_is_an_error(posted, who, client_for, listing, removed):  # noqa: F811
    client = client_for(who(OUR_EDITOR))
    response = client.post(list_url(listing["provider"]), posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Removed courses" in page
    assert 'href="#courses">Select the courses to offer again</a>' in page
    assert '<p id="chosen-error" class="govuk-error-message">' in page
    # The list is still there to tick.
    assert f'value="{removed["plumbing"].pk}"' in page
    assert withdrawn(removed["plumbing"], removed["alone"]) == [True, True]
    # The confirmation page with nothing chosen goes back to the list.
    empty = client.get(reverse("workspace:course_removed_restore", args=[listing["provider"].pk]))
    assert empty.status_code == 302 and empty["Location"] == list_url(listing["provider"])


def test_the_error_links_to_the_first_run_when_only_runs_were_removed(who, client_for, listing):  # noqa: F811
    run = listing["run"]
    services.course_run_remove(actor=who("content_editor"), run=run)
    page = client_for(who(OUR_EDITOR)).post(list_url(listing["provider"]), {}).content.decode()
    assert 'href="#runs">Select the courses to offer again</a>' in page and 'id="runs"' in page


def test_offering_several_again(who, client_for, person, listing, removed):  # noqa: F811
    provider = listing["provider"]
    editor_user = who(OUR_EDITOR)
    client = client_for(editor_user)
    another = Course.objects.create(provider=provider, title="Carpentry", level=1, sector=5)
    add_run(another, start_date=TODAY - datetime.timedelta(days=1))
    services.course_remove(actor=editor_user, course=another)
    picked = {"courses": [removed["plumbing"], another], "runs": [removed["alone"], removed["at_depot"]]}
    assert course_search(Criteria()).total == 0

    page = client.get(confirm_url(provider, **picked)).content.decode()
    assert "Are you sure you want to offer 2 courses and 1 course run again?" in page
    assert "these courses come back, with 1 run removed with them that has not started" in page
    assert "Plumbing: 1 run comes back" in page
    assert "Carpentry: no runs come back, so nobody will find it until you add a run" in page
    assert "Bricklaying, flexible start" not in page and "(reference BRICK-1)" in page
    refused = page.split("Not offered again", 1)[1]
    assert "(reference BRICK-2): This run&#39;s venue has been removed. Offer the venue again first" in refused
    assert '<button type="submit"' in page and "Offer 2 courses and 1 course run again" in page
    assert not AuditEvent.objects.filter(action__endswith="_restored").exists()

    response = client.post(
        reverse("workspace:course_removed_restore", args=[provider.pk]), chosen(**picked), follow=True
    )
    shown = response.content.decode()
    assert "2 courses are offered again, with 1 course run people can find. 1 course run is offered again" in shown
    assert "1 item was not offered again." in shown and "Offer the venue again first" in shown
    assert response.redirect_chain[-1][0].endswith("#courses")
    assert withdrawn(removed["plumbing"], another, listing["run"], removed["alone"], removed["at_depot"]) == [
        False, False, False, False, True,
    ]  # fmt: skip
    assert course_search(Criteria()).total == 2
    actions = sorted(AuditEvent.objects.filter(action__endswith="_restored").values_list("action", flat=True))
    assert actions == ["courses.course_restored", "courses.course_restored", "courses.listings_restored",
                       "courses.run_restored"]  # fmt: skip
    bulk = AuditEvent.objects.get(action="courses.listings_restored")
    assert bulk.object_id == str(provider.pk)
    assert bulk.details == {"courses": sorted([removed["plumbing"].pk, another.pk]), "runs": [removed["alone"].pk],
                            "not_restored": 1}  # fmt: skip


def test_what_changed_since_the_page_was_shown_is_reported(who, client_for, listing, removed):  # noqa: F811
    provider = listing["provider"]
    content_editor = who("content_editor")
    client = client_for(who(OUR_EDITOR))
    picked = {"courses": [removed["plumbing"]], "runs": [removed["alone"]]}
    assert "Are you sure" in client.get(confirm_url(provider, **picked)).content.decode()

    # Meanwhile someone offers Plumbing again and removes Bricklaying (so its run must wait for it).
    services.course_restore(actor=content_editor, course=removed["plumbing"])
    services.course_remove(actor=content_editor, course=removed["bricklaying"])

    page = client.get(confirm_url(provider, **picked)).content.decode()
    assert "You cannot offer these again" in page
    assert "Plumbing: it has been offered again since you chose it." in page
    assert "Offer the course again first" in page and "<form" not in page.split("<main", 1)[1]

    response = client.post(
        reverse("workspace:course_removed_restore", args=[provider.pk]), chosen(**picked), follow=True
    )
    shown = response.content.decode()
    assert response.redirect_chain[-1][0] == list_url(provider)
    assert "offered again, with" not in shown and "govuk-notification-banner--success" not in shown
    assert "2 items were not offered again." in shown
    assert "Plumbing: It has been offered again since you chose it." in shown
    assert "Offer the course again first" in shown
    assert withdrawn(removed["alone"]) == [True]
    assert not AuditEvent.objects.filter(action="courses.listings_restored").exists()


def test_ids_of_another_provider_are_not_listed(who, client_for, listing, removed):  # noqa: F811
    other = Course.objects.create(provider=listing["other"], title="Secret course", level=1, sector=5)
    add_run(other)
    services.course_remove(actor=who("content_editor"), course=other)
    page = client_for(who(OUR_EDITOR)).get(confirm_url(listing["provider"], courses=[other])).content.decode()
    assert "You cannot offer these again" in page and "1 item you chose is no longer listed." in page
    assert "Secret course" not in page
    done = services.courses_restore(actor=who("content_editor"), provider=listing["provider"], course_ids=[other.pk])
    assert done.missing == 1 and not done.courses
    assert withdrawn(other) == [True]


def test_the_service_checks_who_and_what(who, listing, removed):  # noqa: F811
    provider = listing["provider"]
    with pytest.raises(PermissionDenied):
        services.courses_restore(actor=who(OTHER_EDITOR), provider=provider, course_ids=[removed["plumbing"].pk])
    with pytest.raises(PermissionDenied):
        services.courses_restore(actor=who("adviser"), provider=provider, course_ids=[removed["plumbing"].pk])
    with pytest.raises(ValidationError, match="Select the courses to offer again"):
        services.courses_restore(actor=who(OUR_EDITOR), provider=provider, course_ids=[], run_ids=[])
    assert withdrawn(removed["plumbing"]) == [True]
    assert not AuditEvent.objects.filter(action__endswith="_restored").exists()


def test_one_transaction_nothing_comes_back_when_something_fails(who, listing, removed, monkeypatch):  # noqa: F811
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    # The courses come back first; then a run fails unexpectedly.
    monkeypatch.setattr(services, "course_run_restore", broken)
    with pytest.raises(RuntimeError):
        services.courses_restore(
            actor=who(OUR_EDITOR), provider=listing["provider"],
            course_ids=[removed["plumbing"].pk], run_ids=[removed["alone"].pk],
        )  # fmt: skip
    assert withdrawn(removed["plumbing"], listing["run"], removed["alone"]) == [True, True, True]
    assert not AuditEvent.objects.filter(action__endswith="_restored").exists()


# Paging: a provider may have thousands of removed listings ------------------------------------


def remove_many(provider, courses=0, runs=0):
    """``courses`` removed courses and ``runs`` removed runs of an offered course, each removed a
    minute after the one before it, so the last one made is the most recently removed."""
    first = timezone.now() - datetime.timedelta(days=1)
    Course.objects.bulk_create(
        Course(provider=provider, title=f"Removed course {number:04}", level=1, sector=5,
               withdrawn_at=first + datetime.timedelta(minutes=number))
        for number in range(courses)
    )  # fmt: skip
    offered = Course.objects.create(provider=provider, title="Carpentry", level=1, sector=5)
    CourseRun.objects.bulk_create(
        CourseRun(course=offered, provider_reference=f"RUN-{number:04}", **ONLINE_RUN,
                  withdrawn_at=first + datetime.timedelta(minutes=number))
        for number in range(runs)
    )  # fmt: skip


def table(page, table_id):
    return page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]


def after_table(page, table_id):
    """What follows the table: its 'Showing ...' line and its page links."""
    return page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[1].split("</nav>", 1)[0]


def test_each_list_has_its_own_pages_most_recently_removed_first(who, client_for, listing):  # noqa: F811
    provider = listing["provider"]
    remove_many(provider, courses=120, runs=60)
    client = client_for(who(OUR_EDITOR))

    page = client.get(list_url(provider)).content.decode()
    courses, runs = table(page, "removed-courses"), table(page, "removed-runs")
    assert courses.count('type="checkbox"') == 50 and runs.count('type="checkbox"') == 50
    assert courses.index("Removed course 0119") < courses.index("Removed course 0070")
    assert "Removed course 0069" not in page
    assert "RUN-0059" in runs and "RUN-0010" in runs and "RUN-0009" not in page
    assert "Showing 1 to 50 of 120 removed courses" in after_table(page, "removed-courses")
    assert "Showing 1 to 50 of 60 removed course runs" in after_table(page, "removed-runs")
    assert 'aria-label="Pages of removed courses"' in page and 'aria-label="Pages of removed course runs"' in page
    assert "They are listed 50 to a page." in page
    assert 'href="?courses_page=2#removed-courses"' in after_table(page, "removed-courses")
    assert 'href="?runs_page=2#removed-runs"' in after_table(page, "removed-runs")

    # The address keeps both lists' pages; moving one keeps the other where it was.
    page = client.get(list_url(provider) + "?courses_page=3&runs_page=2").content.decode()
    courses, runs = table(page, "removed-courses"), table(page, "removed-runs")
    assert courses.count('type="checkbox"') == 20 and runs.count('type="checkbox"') == 10
    assert "Removed course 0019" in courses and "Removed course 0000" in courses and "Removed course 0020" not in page
    assert "RUN-0009" in runs and "RUN-0000" in runs and "RUN-0010" not in page
    assert "Showing 101 to 120 of 120 removed courses" in page and "Showing 51 to 60 of 60 removed course runs" in page
    assert 'href="?courses_page=2&amp;runs_page=2#removed-courses"' in after_table(page, "removed-courses")
    assert 'href="?courses_page=3&amp;runs_page=1#removed-runs"' in after_table(page, "removed-runs")


def test_one_page_of_each_has_no_page_links(who, client_for, listing, removed):  # noqa: F811
    page = client_for(who(OUR_EDITOR)).get(list_url(listing["provider"])).content.decode()
    assert "Showing 1 to 1 of 1 removed course<" in page and "Showing 1 to 2 of 2 removed course runs" in page
    assert "govuk-pagination" not in page and "to a page" not in page


def test_large_counts_are_written_with_commas(who, client_for, listing):  # noqa: F811
    remove_many(listing["provider"], courses=1234)
    page = client_for(who(OUR_EDITOR)).get(list_url(listing["provider"]) + "?courses_page=2").content.decode()
    assert "Showing 51 to 100 of 1,234 removed courses" in page
    assert "Removed course 1183" in page and "Removed course 1184" not in page


@pytest.mark.parametrize(
    "asked, shown",
    [
        ("", "1 to 50"),
        ("abc", "1 to 50"),
        ("0", "1 to 50"),
        ("-4", "1 to 50"),
        ("2.5", "1 to 50"),
        ("%00", "1 to 50"),
        ("2", "51 to 100"),
        ("4", "101 to 120"),
        ("99999999999999999999999", "101 to 120"),
    ],
)
def test_a_page_number_that_is_not_there_shows_the_nearest_page(asked, shown, who, client_for, listing):  # noqa: F811
    remove_many(listing["provider"], courses=120, runs=3)
    response = client_for(who(OUR_EDITOR)).get(
        list_url(listing["provider"]) + f"?courses_page={asked}&runs_page={asked}"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Showing {shown} of 120 removed courses" in page
    assert "Showing 1 to 3 of 3 removed course runs" in page


def test_the_queries_do_not_grow_with_the_removed_listings(who, client_for, listing):  # noqa: F811
    provider = listing["provider"]
    client = client_for(who(OUR_EDITOR))

    def queries_for_a_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(provider) + "?courses_page=2&runs_page=2").status_code == 200
        return [query["sql"] for query in queries.captured_queries]

    remove_many(provider, courses=3, runs=3)
    client.get(list_url(provider))
    few = queries_for_a_page()
    remove_many(provider, courses=117, runs=117)
    many = queries_for_a_page()
    # The session, the person and their permissions and providers, the provider, and for each list
    # its count and its page, and the runs that come back with the courses on the page.
    assert len(few) == len(many) <= 10, many
    # Each list is read a page at a time by the database, not all of it into memory.
    pages_read = [sql for sql in many if "LIMIT 50 OFFSET 50" in sql]
    assert len(pages_read) == 2, many


def test_what_is_ticked_on_a_later_page_is_offered_again(who, client_for, listing):  # noqa: F811
    provider = listing["provider"]
    remove_many(provider, courses=60, runs=60)
    client = client_for(who(OUR_EDITOR))
    second_page = list_url(provider) + "?courses_page=2&runs_page=2"
    on_page = Course.objects.filter(provider=provider, title__in=["Removed course 0003", "Removed course 0005"])
    run = CourseRun.objects.get(provider_reference="RUN-0001")
    page = client.get(second_page).content.decode()
    for course in on_page:
        assert f'value="{course.pk}"' in table(page, "removed-courses")
    assert f'value="{run.pk}"' in table(page, "removed-runs")

    # Nothing ticked: the same page again, with the error linking to its first box.
    error = client.post(second_page, {}).content.decode()
    assert 'href="#courses">Select the courses to offer again</a>' in error and 'id="courses"' in error
    assert "Showing 51 to 60 of 60 removed courses" in error and "Removed course 0009" in error

    response = client.post(second_page, chosen(courses=on_page, runs=[run]))
    assert response["Location"] == confirm_url(provider, courses=on_page, runs=[run])
    assert (
        "Are you sure you want to offer 2 courses and 1 course run again?"
        in client.get(response["Location"]).content.decode()
    )
    client.post(offer_url(provider), chosen(courses=on_page, runs=[run]))
    assert withdrawn(*on_page, run) == [False, False, False]
    assert Course.objects.filter(provider=provider, withdrawn_at__isnull=False).count() == 58
    assert CourseRun.objects.filter(provider_reference__startswith="RUN-", withdrawn_at__isnull=False).count() == 59
