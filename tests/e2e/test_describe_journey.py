"""Explore careers → "describe what you enjoy" (the optional embeddings extra): the empty form, a
description that is missing, results, then a profile, with axe on every page state. Skipped when
the extra is not installed; CI runs it after `make install-embeddings`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from signpost.careers import embeddings
from signpost.careers.tests.builders import make_profile
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import follow
from tests.e2e.pages import title

pytestmark = [
    pytest.mark.embeddings,
    pytest.mark.skipif(not embeddings.installed(), reason="the embeddings extra is not installed"),
]


def _profiles() -> None:
    make_profile(
        "Zookeeper",
        categories=("Animal care",),
        overview="Zookeepers look after animals in zoos and wildlife parks.",
        tasks=["feed the animals", "clean enclosures", "talk to visitors about the animals"],
    )
    make_profile(
        "Carpenter",
        categories=("Construction and trades",),
        overview="Carpenters make and fit wooden parts of buildings, such as doors and floors.",
        tasks=["measure and cut wood", "fit doors, skirting boards and stairs"],
    )
    call_command("embed_job_profiles", stdout=StringIO())


def test_describe_what_you_enjoy_then_open_a_profile(page: Page, site: str) -> None:
    _profiles()
    page.goto(f"{site}/careers/")
    follow(page.get_by_role("link", name="Find jobs by describing what you enjoy"))
    expect(page).to_have_title(title("Find jobs by what you enjoy"))
    box = page.get_by_label("Describe what you enjoy doing")
    expect(page.locator(".govuk-character-count__status")).to_contain_text("500 characters remaining")
    assert_accessible(page, "describe, empty")

    follow(page.get_by_role("button", name="Find jobs"))
    expect(page).to_have_title(title("Find jobs by what you enjoy", error=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a description of what you enjoy doing")
    assert_accessible(page, "describe, nothing entered")

    box.fill("I like looking after animals and being outside")
    follow(page.get_by_role("button", name="Find jobs"))
    expect(page).to_have_title(title("Jobs that match what you enjoy"))
    results = page.locator(".signpost-careers-results")
    expect(results.get_by_role("link").first).to_have_text("Zookeeper")
    expect(results.locator("li").first).to_contain_text("Job category: Animal care")
    expect(box).to_have_value("I like looking after animals and being outside")
    assert_accessible(page, "describe, results")

    follow(results.get_by_role("link", name="Zookeeper"))
    expect(page).to_have_title(title("Zookeeper"))
