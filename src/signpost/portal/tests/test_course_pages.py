"""Public course search and course pages: who may open and save, the search state in the URL,
bad places, filters, paging, empty results, saving a course or a search, generated records."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import PEOPLE
from signpost.core.models import AuditEvent
from signpost.core.tests.test_place_names import load_place_names, needs_shared_data
from signpost.courses import codes
from signpost.courses import search_selectors as selectors
from signpost.courses.tests import search_builders as build
from signpost.space.models import SavedItem

pytestmark = pytest.mark.django_db

SEARCH = "/courses/"
CUSTOMERS = {"customer", "other_customer"}


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()
    selectors.forget_vocabulary()


@pytest.fixture
def directory() -> dict[str, Any]:
    college = build.provider("Leeds City College", website="https://college.example")
    centre = build.venue(college, "LS1 1UR", name="Park Lane campus", county="West Yorkshire")
    york = build.venue(college, "YO1 7HH", town="York", name="York campus")
    maths = build.course(college, "GCSE Mathematics", qualification="GCSE in Mathematics", generated=True, level=2)
    first = build.run(maths, centre, generated=True)
    other = build.run(maths, york, attendance=codes.Attendance.EVENING)
    esol = build.run(build.course(college, "ESOL for work", level=1, what_you_will_learn="Speaking at work."), centre)
    return {"first": first, "other": other, "esol": esol}


def text_of(response: Any) -> str:
    page = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def run_path(run: Any) -> str:
    return reverse("portal:course_run", args=[run.course_id, run.pk])


@pytest.mark.parametrize("who", PEOPLE)
def test_everyone_may_search_and_read_course_pages(
    who: str, person: Any, client_for: Any, directory: dict[str, Any]
) -> None:
    client = client_for(person(who))
    found = client.get(SEARCH, {"keyword": "maths", "place": "LS1 4AP"})
    assert found.status_code == 200
    assert "GCSE Mathematics" in text_of(found)
    page = client.get(run_path(directory["first"]))
    assert page.status_code == 200
    assert "Park Lane campus" in text_of(page)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_signed_in_customers_may_save(who: str, person: Any, client_for: Any, directory: dict[str, Any]) -> None:
    user = person(who)
    client = client_for(user)
    run = directory["first"]
    saved_course = client.post(reverse("portal:course_run_save", args=[run.course_id, run.pk]))
    saved_search = client.post(reverse("portal:course_search_save"), {"query": "keyword=maths&place=LS1+4AP"})
    if who == "anonymous":
        assert saved_course.status_code == saved_search.status_code == 302
        assert saved_course["Location"].startswith(reverse("account_login"))
        assert not SavedItem.objects.exists()
    elif who in CUSTOMERS:
        assert saved_course.status_code == saved_search.status_code == 302
        assert set(SavedItem.objects.filter(user=user).values_list("kind", "path")) == {
            ("course", run_path(run)),
            ("course_search", "/courses/?keyword=maths&place=LS1+4AP"),
        }
    else:
        assert saved_course.status_code == saved_search.status_code == 403
        assert not SavedItem.objects.exists()


def test_saving_is_post_only(client_for: Any, person: Any, directory: dict[str, Any]) -> None:
    run = directory["first"]
    client = client_for(person("customer"))
    assert client.get(reverse("portal:course_run_save", args=[run.course_id, run.pk])).status_code == 405


def test_save_a_course_then_it_shows_saved(client_for: Any, person: Any, directory: dict[str, Any]) -> None:
    customer = person("customer")
    client = client_for(customer)
    run = directory["first"]
    before = text_of(client.get(run_path(run)))
    assert "Save to my online space" in before
    response = client.post(reverse("portal:course_run_save", args=[run.course_id, run.pk]), follow=True)
    after = text_of(response)
    assert "‘GCSE Mathematics’ has been saved to your online space." in after
    assert "Saved This course is in your online space" in after
    saved = SavedItem.objects.get(user=customer)
    assert (saved.kind, saved.key, saved.title) == ("course", str(run.pk), "GCSE Mathematics, Leeds City College")
    assert AuditEvent.objects.filter(action="space.item_saved").count() == 1
    # Someone else has not saved it.
    assert "Save to my online space" in text_of(client_for(person("other_customer")).get(run_path(run)))


def test_save_a_search_keeps_only_the_search(client_for: Any, person: Any, directory: dict[str, Any]) -> None:
    customer = person("customer")
    client = client_for(customer)
    query = "keyword=maths&place=LS1+4AP&distance=30&level=2&page=2&evil=%2F%2Fexample.com"
    response = client.post(reverse("portal:course_search_save"), {"query": query}, follow=True)
    saved = SavedItem.objects.get(user=customer)
    assert saved.path == "/courses/?keyword=maths&place=LS1+4AP&distance=30&level=2"
    assert saved.title == "‘maths’ courses within 30 miles of LS1 4AP (1 filter)"
    assert "This search has been saved to your online space." in text_of(response)
    again = text_of(client.get(saved.path))
    assert "Saved This search is in your online space" in again


@pytest.mark.parametrize("query", ["place=ZZ99+9ZZ", "place=LS1+4AP&distance=20"])
def test_a_search_with_an_error_cannot_be_saved(client_for: Any, person: Any, query: str) -> None:
    client = client_for(person("customer"))
    response = client.post(reverse("portal:course_search_save"), {"query": query}, follow=True)
    text = text_of(response)
    assert "Correct your search before saving it." in text
    assert "There is a problem" in text
    assert not SavedItem.objects.exists()


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("ZZ99 9ZZ", "We could not find the postcode ‘ZZ99 9ZZ’"),
        ("Atlantis", "We could not find a town called ‘Atlantis’"),
        ("LS1 4A", "‘LS1 4A’ is not a full postcode"),
    ],
)
def test_unknown_place_is_an_error_that_keeps_what_was_typed(
    client: Any, directory: dict[str, Any], place: str, message: str
) -> None:
    response = client.get(SEARCH, {"keyword": "maths", "place": place})
    body = response.content.decode()
    text = text_of(response)
    assert response.status_code == 200
    assert "<title>Error: Find a course" in body
    assert "There is a problem" in text
    assert f"Error: {message}" in text
    assert f'value="{place}"' in body
    assert 'value="maths"' in body
    assert "courses found" not in text


def test_search_near_a_postcode_shows_rows_nearest_first(client: Any, directory: dict[str, Any]) -> None:
    text = text_of(client.get(SEARCH, {"keyword": "mathematics", "place": "ls14ap", "distance": "30"}))
    assert "2 courses found within 30 miles of LS1 4AP" in text
    first, second = text.index("Park Lane campus, Leeds (0.5 miles)"), text.index("York campus, York (22.")
    assert first < second
    for part in ("Leeds City College", "Level 2", "Free", "Classroom based, part time, daytime"):
        assert part in text


def test_filters_are_in_the_url_and_show_counts(client: Any, directory: dict[str, Any]) -> None:
    response = client.get(SEARCH, {"place": "LS1 4AP", "distance": "30", "time": "evening", "level": ["2", "x"]})
    body, text = response.content.decode(), text_of(response)
    assert "1 course found within 30 miles of LS1 4AP" in text
    assert "York campus" in text and "Park Lane campus" not in text
    assert re.search(r'name="time" type="checkbox" value="evening" checked', body)
    assert re.search(r'name="level" type="checkbox" value="2" checked', body)
    # Study time counts leave out the study time filter: daytime still shows its one run.
    assert "Daytime (1)" in text and "Evening (1)" in text
    assert "Level 1 (0)" in text


def test_no_courses_found(client: Any, directory: dict[str, Any]) -> None:
    text = text_of(client.get(SEARCH, {"keyword": "astrophysics", "place": "LS1 4AP"}))
    assert "0 courses found within 10 miles of LS1 4AP" in text
    assert "No courses match your search" in text
    assert "search a wider distance than 10 miles" in text


def test_paging_keeps_the_search(client: Any) -> None:
    college = build.provider()
    at = build.venue(college, "LS1 1UR")
    for number in range(21):
        build.run(build.course(college, f"Welding {number}"), at)
    response = client.get(SEARCH, {"keyword": "welding", "place": "LS1 4AP", "sort": "start_date"})
    body = unescape(response.content.decode())
    assert "21 courses found" in text_of(response)
    second_page = urlencode({"keyword": "welding", "place": "LS1 4AP", "sort": "start_date", "page": 2})
    assert f'href="/courses/?{second_page}"' in body
    second = client.get(SEARCH, {"keyword": "welding", "place": "LS1 4AP", "sort": "start_date", "page": "2"})
    assert text_of(second).count("Welding ") == 1


class SearchForm(HTMLParser):
    """The fields of the page's search form as a browser submits them: text and hidden inputs,
    ticked checkboxes and radios, and each select's chosen option (else its first)."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.feed(body)

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attributes}
        if tag == "form":
            self.inside = found.get("action") == SEARCH and found.get("method") == "get"
        elif self.inside and tag == "input" and found.get("name"):
            kind = found.get("type", "text")
            if kind in ("text", "hidden", "search") or (kind in ("checkbox", "radio") and "checked" in found):
                self.fields.append((found["name"], found.get("value", "")))
        elif self.inside and tag == "select":
            self.select, self.options = found["name"], []
        elif self.select and tag == "option":
            self.options.append((found.get("value", ""), "selected" in found))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [self.options[0][0]]
            self.fields.append((self.select, chosen[0]))
            self.select = None


def resubmit(client: Any, response: Any, **typed: str) -> tuple[Any, dict[str, list[str]]]:
    """Press Search on the page after changing the ``typed`` fields; the response and what was sent."""
    fields = [
        (name, typed.pop(name) if name in typed else value)
        for name, value in SearchForm(unescape(response.content.decode())).fields
    ]
    assert not typed, f"no such field: {typed}"
    query = urlencode(fields)
    return client.get(f"{SEARCH}?{query}"), parse_qs(query)


def error_summary(response: Any) -> list[tuple[str, str]]:
    """The (href, text) of each error in the page's GOV.UK error summary."""
    body = unescape(response.content.decode())
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', body, re.S)
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', summary.group(0)) if summary else []


@pytest.mark.parametrize(
    ("asked", "errors"),
    [
        ({"place": "LS1 4AP", "distance": "20"}, [("#id_distance", "Select a distance from the list")]),
        ({"place": "LS1 4AP", "distance": "abc"}, [("#id_distance", "Select a distance from the list")]),
        ({"distance": "1000"}, [("#id_distance", "Select a distance from the list")]),
        ({"keyword": "m" * 201}, [("#id_keyword", "What you want to learn must be 200 characters or fewer")]),
        ({"place": "L" * 101}, [("#id_place", "Town or postcode must be 100 characters or fewer")]),
        (
            {"place": "Atlantis", "distance": "20"},
            [
                ("#id_place", "We could not find a town called ‘Atlantis’. Check the spelling, or enter a postcode."),
                ("#id_distance", "Select a distance from the list"),
            ],
        ),
    ],
)
def test_every_mistake_in_the_search_box_is_in_the_error_summary(
    client: Any, directory: dict[str, Any], asked: dict[str, str], errors: list[tuple[str, str]]
) -> None:
    response = client.get(SEARCH, asked)
    body, text = unescape(response.content.decode()), text_of(response)
    assert response.status_code == 200
    assert "<title>Error: Find a course" in body
    assert error_summary(response) == errors
    for href, message in errors:
        # Each link lands on its field, which shows the same message.
        assert f'id="{href[1:]}"' in body
        assert f"Error: {message}" in text
    assert "courses found" not in text
    # What was typed is kept.
    for name, value in asked.items():
        if name != "distance":
            assert f'value="{value}"' in body


def test_a_distance_we_do_not_offer_leaves_none_chosen(client: Any, directory: dict[str, Any]) -> None:
    body = client.get(SEARCH, {"place": "LS1 4AP", "distance": "20"}).content.decode()
    select = re.search(r'<select[^>]*id="id_distance".*?</select>', body, re.S).group(0)  # type: ignore[union-attr]
    assert re.findall(r"<option[^>]*selected[^>]*>([^<]*)<", select) == ["Select a distance"]
    assert 'aria-describedby="id_distance-error"' in select


@pytest.mark.parametrize(
    "asked",
    [
        {"sort": "price"},
        {"start": "yesterday"},
        {"type": "nope"},
        {"level": ["1", "x"]},
        {"sector": "999"},
        {"page": "last"},
        {"page": "0"},
        {"page": "-3"},
        {"page": "99"},
        {"distance": ""},
    ],
)
def test_refinements_we_do_not_offer_from_an_old_or_edited_link_are_ignored(
    client: Any, directory: dict[str, Any], asked: dict[str, Any]
) -> None:
    response = client.get(SEARCH, asked)
    body, text = response.content.decode(), text_of(response)
    assert response.status_code == 200
    assert "<title>Find a course" in body
    assert error_summary(response) == [] and "There is a problem" not in text
    # Only the level asked for that we offer is applied and shown ticked; the rest find every course.
    assert ("1 course found" if "level" in asked else "3 courses found") in text
    ticked = set(re.findall(r'name="([^"]+)" type="(?:checkbox|radio)" value="([^"]*)" checked', body))
    assert ticked == {("start", "")} | ({("level", "1")} if "level" in asked else set())
    # No order was chosen: the one used (start date) is sent as none, so the next search gets its own.
    assert re.findall(r'<option value="([^"]*)" selected>([^<]*)<', body) == [("10", "10 miles"), ("", "Start date")]


def test_a_page_past_the_last_shows_the_last(client: Any) -> None:
    college = build.provider()
    at = build.venue(college, "LS1 1UR")
    for number in range(21):
        build.run(build.course(college, f"Welding {number}"), at)
    response = client.get(SEARCH, {"keyword": "welding", "sort": "start_date", "page": "7"})
    text = text_of(response)
    assert "21 courses found" in text and text.count("Welding ") == 1
    assert 'aria-current="page"' in response.content.decode()


RETYPED = {"Atlantis": "LS1 4AP", "Harogate": "Harrogate", "LS1 4A": "LS1 4AP", "ZZ99 9ZZ": "LS1 4AP"}


@pytest.mark.parametrize("place", list(RETYPED))
def test_filters_and_sort_survive_retyping_a_place_in_error(client: Any, directory: dict[str, Any], place: str) -> None:
    build.venue(build.provider("Harrogate College"), "HG1 1AA", town="Harrogate")
    asked = {
        "keyword": "maths",
        "place": place,
        "distance": "30",
        "time": ["evening", "weekend-nope"],
        "level": "2",
        "start": "next_3_months",
        "sort": "start_date",
        "page": "2",
    }
    wrong = client.get(SEARCH, asked)
    assert [href for href, _ in error_summary(wrong)] == ["#id_place"]

    right, sent = resubmit(client, wrong, place=RETYPED[place])
    # The search as asked, less the page and the filter value we do not offer.
    assert sent == {
        "keyword": ["maths"],
        "place": [RETYPED[place]],
        "distance": ["30"],
        "time": ["evening"],
        "level": ["2"],
        "start": ["next_3_months"],
        "sort": ["start_date"],
    }
    body, text = right.content.decode(), text_of(right)
    assert "There is a problem" not in text
    assert re.search(r'name="time" type="checkbox" value="evening" checked', body)
    assert re.search(r'name="level" type="checkbox" value="2" checked', body)
    assert re.search(r'name="start" type="radio" value="next_3_months" checked', body)
    if RETYPED[place] == "LS1 4AP":
        assert "1 course found within 30 miles of LS1 4AP" in text
        assert "York campus" in text and "Park Lane campus" not in text
        assert '<option value="start_date" selected>' in body


def test_filters_and_sort_survive_correcting_the_distance(client: Any, directory: dict[str, Any]) -> None:
    asked = {"keyword": "maths", "place": "LS1 4AP", "distance": "20", "time": "evening", "sort": "start_date"}
    wrong = client.get(SEARCH, asked)
    assert error_summary(wrong) == [("#id_distance", "Select a distance from the list")]
    right, sent = resubmit(client, wrong, distance="30")
    assert sent == {**{name: [value] for name, value in asked.items()}, "distance": ["30"]}
    text = text_of(right)
    assert "1 course found within 30 miles of LS1 4AP" in text and "York campus" in text
    assert '<option value="start_date" selected>' in right.content.decode()


def test_an_order_nobody_chose_is_not_kept_for_the_next_search(client: Any, directory: dict[str, Any]) -> None:
    landing = client.get(SEARCH)
    assert "3 courses found" in text_of(landing)
    near, sent = resubmit(client, landing, keyword="mathematics", place="LS1 4AP", distance="30")
    assert "sort" not in sent
    text = text_of(near)
    assert text.index("Park Lane campus") < text.index("York campus")
    assert re.findall(r'<option value="([^"]*)" selected>([^<]*)<', near.content.decode())[-1] == ("", "Distance")


def test_sort_survives_a_search_that_finds_nothing(client: Any, directory: dict[str, Any]) -> None:
    nothing = client.get(SEARCH, {"keyword": "astrophysics", "sort": "start_date", "level": "2"})
    assert "0 courses found" in text_of(nothing)
    again, sent = resubmit(client, nothing, keyword="maths")
    assert sent["sort"] == ["start_date"] and sent["level"] == ["2"]
    assert "2 courses found" in text_of(again)
    assert '<option value="start_date" selected>' in again.content.decode()


def test_course_page_shows_every_field_and_other_runs(client: Any, directory: dict[str, Any]) -> None:
    run = directory["first"]
    text = text_of(client.get(run_path(run)))
    for part in (
        "Leeds City College GCSE Mathematics",
        "This record was generated",
        "GCSE in Mathematics",
        "Level 2",
        "Preparation for life and work",
        "Classroom based",
        "Part time",
        "Daytime",
        "10 weeks",
        "Park Lane campus is a Leeds City College venue in Leeds, West Yorkshire.",
        "1 College Road Leeds West Yorkshire LS1 1UR",
        "Who this course is for Adults who want to build their confidence.",
        "courses@college.example",
        "0113 496 0000",
        "https://college.example",
        "Other times and places for this course",
        "York campus, York",
    ):
        assert part in text, part
    assert "Sign in to save this course" in text


def test_a_real_record_does_not_say_generated(client: Any, directory: dict[str, Any]) -> None:
    text = text_of(client.get(run_path(directory["esol"])))
    assert "This record was generated" not in text
    assert "What you’ll learn Speaking at work." in text
    assert "This is the only time this course runs at the moment." in text


def test_a_run_under_another_course_is_not_found(client: Any, directory: dict[str, Any]) -> None:
    esol, maths = directory["esol"], directory["first"]
    assert client.get(reverse("portal:course_run", args=[maths.course_id, esol.pk])).status_code == 404


def test_near_a_place_online_and_work_based_runs_are_labelled_after_the_venues(
    client: Any, directory: dict[str, Any]
) -> None:
    college = directory["first"].course.provider
    build.run(build.course(college, "Mathematics online"))
    build.run(build.course(college, "Mathematics apprenticeship"), delivery_mode="work_based", national=True)
    text = text_of(client.get(SEARCH, {"keyword": "mathematics", "place": "LS1 4AP", "distance": "30"}))
    assert "4 courses found within 30 miles of LS1 4AP" in text
    assert "this includes online courses and work-based courses offered in your area, after the venues" in text
    york, work_based, online = (
        text.index("York campus, York (22."),
        text.index("Where Work-based in your area"),
        text.index("Where Online"),
    )
    assert york < work_based < online
    assert "Online (1)" in text and "Work based (1)" in text and "Classroom based (2)" in text


@needs_shared_data
def test_a_shared_town_name_offers_each_town_as_a_link_that_keeps_the_search(client: Any) -> None:
    load_place_names()
    college = build.provider("Telford College")
    near_newport = build.venue(college, "TF10 7AA", town="Newport", name="Newport campus", county="Shropshire")
    welding = build.course(college, "Welding for beginners", level=1)
    build.run(welding, near_newport, attendance=codes.Attendance.EVENING)
    on_the_island = build.venue(college, "PO30 1UD", town="Newport", name="Island campus", county="Isle of Wight")
    build.run(welding, on_the_island, attendance=codes.Attendance.EVENING)
    build.run(build.course(college, "Welding online", level=1), attendance=codes.Attendance.EVENING)
    build.run(build.course(college, "Welding at level 2", level=2), near_newport, attendance=codes.Attendance.EVENING)
    asked = {"keyword": "welding", "place": "Newport", "distance": "30", "level": "1", "time": "evening"}
    asked_with_sort = {**asked, "sort": "start_date", "page": "3"}

    response = client.get(SEARCH, asked_with_sort)
    body, text = unescape(response.content.decode()), text_of(response)
    assert "<title>Error: Find a course" in body
    assert "Error: There is more than one Newport in England. Choose one, or enter a postcode." in text
    assert "Which Newport did you mean?" in text
    links = dict(re.findall(r'<a class="govuk-link" href="(/courses/\?[^"]*)">(Newport, [^<]+)</a>', body))
    assert sorted(links.values()) == ["Newport, Isle of Wight", "Newport, Shropshire"]
    shropshire = next(href for href, place in links.items() if place == "Newport, Shropshire")
    # Every part of the search is kept; only the page is dropped.
    path, _, query = shropshire.partition("?")
    assert path == SEARCH
    assert parse_qs(query) == {
        name: [value] for name, value in {**asked, "place": "Newport, Shropshire", "sort": "start_date"}.items()
    }

    chosen = client.get(shropshire)
    text = text_of(chosen)
    assert "There is a problem" not in text
    # Near Newport in Shropshire, at level 1 in the evening, by start date: not the island's venue.
    assert "2 courses found within 30 miles of Newport, Shropshire" in text
    assert float(re.findall(r"Newport campus, Newport \(([\d.]+) miles\)", text)[0]) < 3
    assert "Island campus" not in text and "Welding at level 2" not in text
    assert "Welding online" in text
    assert re.search(r'name="time" type="checkbox" value="evening" checked', chosen.content.decode())
    assert 'value="Newport, Shropshire"' in unescape(chosen.content.decode())
    island = next(href for href, place in links.items() if place == "Newport, Isle of Wight")
    island_text = text_of(client.get(island))
    assert "within 30 miles of Newport, Isle of Wight" in island_text
    assert float(re.findall(r"Island campus, Newport \(([\d.]+) miles\)", island_text)[0]) < 3
    assert "Newport campus" not in island_text


def test_a_misspelt_town_offers_the_towns_we_suggest_as_links(client: Any, directory: dict[str, Any]) -> None:
    build.venue(build.provider("Harrogate College"), "HG1 1AA", town="Harrogate")
    response = client.get(SEARCH, {"keyword": "maths", "place": "Harogate", "distance": "30"})
    body, text = unescape(response.content.decode()), text_of(response)
    assert "Error: We could not find a town called ‘Harogate’. Check the spelling, choose a place we suggest" in text
    assert "Did you mean this place?" in text
    link = "/courses/?keyword=maths&place=Harrogate&distance=30"
    assert f'<a class="govuk-link" href="{link}">Harrogate</a>' in body
    assert "courses found within 30 miles of Harrogate" in text_of(client.get(link))


def test_the_towns_we_suggest_leave_out_a_distance_we_do_not_offer(client: Any, directory: dict[str, Any]) -> None:
    build.venue(build.provider("Harrogate College"), "HG1 1AA", town="Harrogate")
    response = client.get(SEARCH, {"keyword": "maths", "place": "Harogate", "distance": "20", "level": "2"})
    assert [href for href, _ in error_summary(response)] == ["#id_place", "#id_distance"]
    link = "/courses/?keyword=maths&place=Harrogate&level=2"
    assert f'<a class="govuk-link" href="{link}">Harrogate</a>' in unescape(response.content.decode())


def test_a_place_we_cannot_find_offers_no_links(client: Any, directory: dict[str, Any]) -> None:
    response = client.get(SEARCH, {"keyword": "maths", "place": "Atlantis"})
    assert 'id="place-choices"' not in response.content.decode()
    assert "did you mean" not in text_of(response).lower()
