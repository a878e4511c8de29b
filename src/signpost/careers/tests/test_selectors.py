from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError

from signpost.careers import selectors
from signpost.careers.models import OccupationPay, ProfileStatus, SocVersion
from signpost.careers.tests.builders import make_category, make_profile


def test_public_reads_show_published_profiles_only(db: Any) -> None:
    make_category("Healthcare")
    vet = make_profile("Vet", categories=("Animal care",))
    make_profile("Dog groomer", status=ProfileStatus.DRAFT, categories=("Animal care",))
    make_profile("Zookeeper", status=ProfileStatus.REVIEW, categories=("Animal care",))

    assert list(selectors.published_profiles()) == [vet]
    assert selectors.profile_by_slug("vet") == vet
    assert selectors.profile_by_slug("dog-groomer") is None
    counts = {category.name: category.profile_count for category in selectors.categories_with_counts()}
    assert counts == {"Animal care": 1, "Healthcare": 0}


def test_a_working_copy_shares_the_slug_but_two_profiles_cannot(db: Any) -> None:
    vet = make_profile("Vet")
    copy = make_profile("Vet surgeon", slug="vet", status=ProfileStatus.DRAFT, draft_of=vet)

    assert selectors.profile_by_slug("vet") == vet
    assert copy.draft_of == vet
    with pytest.raises(IntegrityError):
        make_profile("Another vet", slug="vet")


def test_pay_comes_from_the_official_table_when_loaded_else_the_profile(db: Any) -> None:
    profile = make_profile(
        "Vet", salary_starter=30000, salary_experienced=70000, soc2020_code="2240", soc2010_code="2216"
    )
    guide = selectors.profile_pay(profile)
    assert (guide.starter, guide.experienced, guide.from_official_table) == (30000, 70000, False)

    OccupationPay.objects.create(
        soc_version=SocVersion.SOC2010, soc_code="2216", year=2019, median=41000, source="ASHE 2019"
    )
    OccupationPay.objects.create(
        soc_version=SocVersion.SOC2020, soc_code="2240", year=2023, median=45000, source="ASHE 2023"
    )
    official = selectors.profile_pay(profile)
    assert (official.median, official.year, official.source) == (45000, 2023, "ASHE 2023")
