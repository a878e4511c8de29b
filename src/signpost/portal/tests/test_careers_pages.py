"""Explore careers pages: open to everyone, published profiles only, the search without JavaScript,
and saving a profile to the online space (customers only)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from conftest import PEOPLE
from signpost.careers.models import JobProfile, OccupationEmployment, ProfileStatus
from signpost.careers.tests.builders import make_category, make_profile
from signpost.core.models import AuditEvent
from signpost.portal.views_careers import become_heading
from signpost.space.models import SavedItem


@pytest.fixture
def vet(db) -> JobProfile:
    profile = make_profile(
        "Vet",
        categories=("Animal care", "Healthcare"),
        overview="Vets diagnose and treat sick or injured animals.",
        alternative_titles=["Veterinary surgeon"],
        salary_starter=30000,
        salary_experienced=70000,
        hours_min="43",
        hours_max="45",
        working_pattern="evenings / weekends",
        working_pattern_details="on call",
        tasks=["perform operations", "give vaccinations"],
        working_environment=["outdoors some of the time"],
        working_locations=["at a client's business"],
        uniform=["a uniform"],
        entry_routes=[
            {
                "kind": "university",
                "subjects": "You'll need a degree in veterinary science.",
                "requirements_intro": "You'll usually need:",
                "requirements": ["3 A levels, including biology"],
                "links": [{"text": "university courses", "url": "https://www.ucas.com/"}],
            },
            {"kind": "work", "description": "You could start as a veterinary care assistant."},
        ],
        skills=[
            {"name": "Science", "description": "knowledge of biology", "onet_element_id": "2.C.4.d", "rank": 2},
            {"name": "Care", "description": "a desire to help animals", "onet_element_id": "", "rank": 1},
        ],
        digital_skills_level="confident",
        restrictions=["You'll need to pass enhanced background checks"],
        registrations=["You'll need to register with the Royal College of Veterinary Surgeons"],
        career_tips="Get experience with animals first.",
        professional_bodies="Join a veterinary association.",
        career_path="You could specialise in farm animals.",
        soc2010_code="2216",
        soc2020_code="2240",
        onet_code="29-1131.00",
        last_reviewed_on=datetime.date(2026, 3, 1),
        source="national",
    )
    profile.related_careers.add(make_profile("Veterinary nurse", categories=("Animal care",)))
    profile.related_careers.add(make_profile("Horse groom", status=ProfileStatus.DRAFT))
    OccupationEmployment.objects.create(soc_version="2020", soc_code="2240", year=2024, employed=24000, source="ONS")
    OccupationEmployment.objects.create(
        soc_version="2020", soc_code="2240", year=2030, employed=26500, is_projection=True, source="Projections"
    )
    make_profile("Zookeeper", status=ProfileStatus.REVIEW, categories=("Animal care",))
    return profile


def pages(vet: JobProfile) -> dict[str, str]:
    return {
        "/careers/": "Explore careers",
        "/careers/categories/animal-care/": "Animal care",
        "/careers/search/": "Search job profiles",
        "/careers/search/?q=vet": "Search job profiles",
        "/job-profiles/vet/": "Vet",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_every_careers_page_is_open_to_everyone(name, person, client_for, vet):
    client = client_for(person(name))
    for path, heading in pages(vet).items():
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200, path
        assert html.count("<h1") == 1, path
        assert heading in html, path
    assert client.get("/careers/search/suggestions/?q=ve").status_code == 200


@pytest.mark.django_db
def test_titles_name_the_page_and_the_service(vet):
    client = Client()
    assert "<title>Explore careers – Signpost careers service</title>" in client.get("/careers/").content.decode()
    assert "<title>Vet – Signpost careers service</title>" in client.get("/job-profiles/vet/").content.decode()
    results = client.get("/careers/search/?q=vet").content.decode()
    assert "<title>Search results for ‘vet’ – Job profiles – Signpost careers service</title>" in results


@pytest.mark.django_db
def test_explore_lists_each_category_with_its_published_profiles_only(vet):
    html = Client().get("/careers/").content.decode()
    assert 'href="/careers/categories/animal-care/"' in html
    assert "2 job profiles" in html  # Vet and Veterinary nurse; the zookeeper is in review
    category = Client().get("/careers/categories/animal-care/").content.decode()
    assert 'href="/job-profiles/vet/"' in category
    assert 'href="/job-profiles/veterinary-nurse/"' in category
    assert "Zookeeper" not in category


@pytest.mark.django_db
def test_a_profile_shows_every_section_with_a_contents_list(vet):
    html = Client().get("/job-profiles/vet/").content.decode()
    for heading in [
        "How to become a vet",
        "What it takes",
        "What you&#39;ll do",
        "Career path and progression",
        "Pay and jobs",
        "Related careers",
        "Courses for this career",
        "About this profile",
    ]:
        assert html.count(heading) >= 2, heading  # in the contents list and as the section's heading
    for text in [
        "Also known as: Veterinary surgeon",
        "£30,000 starter to £70,000 experienced",
        "43 to 45 hours a week",
        "evenings / weekends on call",
        "3 A levels, including biology",
        'href="https://www.ucas.com/"',
        "You could start as a veterinary care assistant.",
        "knowledge of biology",
        "2.C.4.d",
        "Confident",
        "enhanced background checks",
        "Royal College of Veterinary Surgeons",
        "Get experience with animals first.",
        "perform operations",
        "outdoors some of the time",
        "You could specialise in farm animals.",
        'href="/job-profiles/veterinary-nurse/"',
        "2216",
        "2240",
        "29-1131.00",
        "1 March 2026",
        "24,000",
        "26,500",
        "(projected)",
        "Open Government Licence",
        "portal/careers.css",
    ]:
        assert text in html, text
    assert "Horse groom" not in html  # a related career that is not published
    assert "Each skill is an O*NET attribute" in html
    assert "&lt;p" not in html  # nothing meant as markup shows as text
    # Skills in rank order: the desire to help (rank 1) before biology (rank 2).
    assert html.index("a desire to help animals") < html.index("knowledge of biology")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/job-profiles/zookeeper/", "/job-profiles/nobody/", "/careers/categories/nothing/"])
def test_unpublished_or_unknown_pages_are_not_found(vet, path):
    assert Client().get(path).status_code == 404


@pytest.mark.django_db
def test_search_works_without_javascript_and_keeps_what_was_typed(vet):
    html = Client().get("/careers/search/?q=veterinery").content.decode()
    assert 'value="veterinery"' in html
    assert 'href="/job-profiles/vet/"' in html
    assert "Showing results for <strong>veterinary</strong>" in html
    nothing = Client().get("/careers/search/?q=qqqqqq").content.decode()
    assert "No job profiles found" in nothing
    assert 'value="qqqqqq"' in nothing


@pytest.mark.django_db
def test_what_was_typed_is_escaped(vet):
    html = Client().get("/careers/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_suggestions_are_a_short_list_of_links(vet):
    html = Client().get("/careers/search/suggestions/", {"q": "vet"}).content.decode()
    assert "<html" not in html  # the list alone, for htmx to swap in
    assert 'href="/job-profiles/vet/"' in html
    assert Client().get("/careers/search/suggestions/", {"q": "v"}).content.decode().strip() == ""


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_only_a_signed_in_customer_may_save_a_profile(name, person, client_for, vet):
    user = person(name)
    client = client_for(user)
    page = client.get("/job-profiles/vet/").content.decode()
    response = client.post("/job-profiles/vet/save/")
    if name == "anonymous":
        assert "Sign in to save this profile" in page
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/job-profiles/vet/")
        assert not SavedItem.objects.exists()
    elif name in {"customer", "other_customer"}:
        assert "Save to my online space" in page
        assert response.status_code == 302
        assert response["Location"] == "/job-profiles/vet/"
        saved = SavedItem.objects.get(user=user)
        assert (saved.kind, saved.key, saved.title, saved.path) == ("job_profile", "vet", "Vet", "/job-profiles/vet/")
    else:
        assert "Save to my online space" not in page
        assert response.status_code == 403
        assert not SavedItem.objects.exists()


@pytest.mark.django_db
def test_saving_confirms_shows_saved_and_is_audited_once(person, client_for, vet):
    customer = person("customer")
    client = client_for(customer)
    client.post("/job-profiles/vet/save/")
    html = client.post("/job-profiles/vet/save/", follow=True).content.decode()
    assert "‘Vet’ is saved in your online space." in html
    assert "Save to my online space" not in html
    assert "Saved" in html and 'href="/account/saved/"' in html
    assert SavedItem.objects.filter(user=customer).count() == 1
    assert AuditEvent.objects.filter(action="space.item_saved").count() == 1
    # Another customer's page does not show it as saved.
    assert "Save to my online space" in client_for(person("other_customer")).get("/job-profiles/vet/").content.decode()


@pytest.mark.django_db
def test_saving_a_profile_that_is_not_published_is_refused(person, client_for, vet):
    response = client_for(person("customer")).post("/job-profiles/zookeeper/save/")
    assert response.status_code == 404
    assert not SavedItem.objects.exists()


@pytest.mark.django_db
def test_a_category_without_published_profiles_says_so(db):
    make_category("Government services")
    html = Client().get("/careers/categories/government-services/").content.decode()
    assert "There are no job profiles in this category yet." in html


@pytest.mark.parametrize(
    ("title", "option", "heading"),
    [
        ("Vet", "as_defined", "How to become a vet"),
        ("Actuary", "as_defined", "How to become an actuary"),
        ("GP", "as_defined", "How to become a GP"),
        ("MP", "as_defined", "How to become an MP"),
        ("RAF officer", "as_defined", "How to become an RAF officer"),
        ("Union official", "prefix_with_a", "How to become a union official"),
        ("Cabin crew", "no_prefix", "How to become cabin crew"),
        ("Agricultural inspector", "no_title", "How to get into this job"),
    ],
)
def test_how_to_become_reads_as_a_sentence(title, option, heading):
    assert become_heading(JobProfile(title=title, title_option=option)) == heading
