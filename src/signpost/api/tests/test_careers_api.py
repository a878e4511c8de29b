"""The public careers API: open to everyone, published profiles only, paged by cursor, in the schema."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import PEOPLE
from signpost.careers.models import ProfileStatus
from signpost.careers.tests.builders import make_category, make_profile


@pytest.fixture
def profiles(db):
    vet = make_profile(
        "Vet",
        categories=("Animal care",),
        overview="Vets treat [sick animals](https://example.org/animals).",
        tasks=["perform operations"],
        hidden_titles=["veterinarian"],
        hours_min="37.5",
        hours_max="45",
        salary_starter=30000,
    )
    nurse = make_profile("Veterinary nurse", categories=("Animal care",))
    vet.related_careers.add(nurse)
    make_profile("Nurse", categories=("Healthcare",))
    make_profile("Zookeeper", categories=("Animal care",), status=ProfileStatus.DRAFT)
    make_category("Government services")
    return vet


@pytest.mark.django_db
@pytest.mark.parametrize("name", PEOPLE)
def test_every_careers_endpoint_is_open_to_everyone(name, person, client_for, profiles):
    client = client_for(person(name))
    for path in [
        "/api/v1/careers/categories",
        "/api/v1/careers/categories/animal-care",
        "/api/v1/careers/profiles",
        "/api/v1/careers/profiles?q=vet",
        "/api/v1/careers/profiles/vet",
    ]:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_changed(profiles, method):
    assert getattr(Client(), method)("/api/v1/careers/profiles/vet").status_code == 405


@pytest.mark.django_db
def test_categories_count_published_profiles_only(profiles):
    categories = {c["slug"]: c for c in Client().get("/api/v1/careers/categories").json()}
    assert categories["animal-care"]["profile_count"] == 2
    assert categories["government-services"]["profile_count"] == 0
    detail = Client().get("/api/v1/careers/categories/animal-care").json()
    assert [p["slug"] for p in detail["profiles"]] == ["vet", "veterinary-nurse"]
    assert detail["profiles"][0]["url"] == "/job-profiles/vet/"
    assert detail["profiles"][0]["overview"] == "Vets treat sick animals."  # plain text


@pytest.mark.django_db
def test_a_profile_has_its_content_but_not_its_search_only_titles(profiles):
    body = Client().get("/api/v1/careers/profiles/vet").json()
    assert body["title"] == "Vet"
    assert body["tasks"] == ["perform operations"]
    assert body["hours_min"] == 37.5
    assert body["salary_starter"] == 30000
    assert body["categories"] == [{"slug": "animal-care", "name": "Animal care"}]
    assert body["related_careers"] == [{"slug": "veterinary-nurse", "title": "Veterinary nurse"}]
    assert "hidden_titles" not in body
    assert "status" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/careers/profiles/zookeeper", "/api/v1/careers/profiles/nobody", "/api/v1/careers/categories/none"]
)
def test_unpublished_or_unknown_things_are_not_found(profiles, path):
    response = Client().get(path)
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.django_db
def test_profiles_page_by_cursor_and_filter_by_category(profiles):
    first = Client().get("/api/v1/careers/profiles", {"limit": 2}).json()
    assert [p["slug"] for p in first["items"]] == ["nurse", "vet"]
    assert first["next_after"] == "vet"
    second = Client().get("/api/v1/careers/profiles", {"limit": 2, "after": "vet"}).json()
    assert [p["slug"] for p in second["items"]] == ["veterinary-nurse"]
    assert second["next_after"] is None
    healthcare = Client().get("/api/v1/careers/profiles", {"category": "healthcare"}).json()
    assert [p["slug"] for p in healthcare["items"]] == ["nurse"]


@pytest.mark.django_db
def test_search_orders_by_relevance(profiles):
    found = Client().get("/api/v1/careers/profiles", {"q": "veterinery"}).json()
    assert found["items"][0]["slug"] == "veterinary-nurse"
    assert Client().get("/api/v1/careers/profiles", {"q": "vet", "category": "healthcare"}).json()["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"limit": "many"}, {"q": "x" * 101}])
def test_bad_parameters_get_a_list_of_field_errors(profiles, query):
    response = Client().get("/api/v1/careers/profiles", query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in {"limit", "q"}


@pytest.mark.django_db
def test_the_careers_endpoints_are_in_the_openapi_schema(profiles):
    schema = Client().get("/api/openapi.json").json()
    for path in [
        "/api/v1/careers/categories",
        "/api/v1/careers/categories/{slug}",
        "/api/v1/careers/profiles",
        "/api/v1/careers/profiles/{slug}",
    ]:
        operation = schema["paths"][path]["get"]
        assert operation["tags"] == ["careers"]
        assert "security" not in operation  # public
