"""Fixtures for the customer record's tests."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from signpost.accounts.roles import Role
from tests.factories import make_staff

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data beside the project; its absence is a failure, not a skip (CI has it)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"{SHARED_DATA} is missing: these tests need the shared open data beside the project.")
    return SHARED_DATA


@pytest.fixture
def postcode_districts(db: None, shared_data: Path) -> None:
    """The national postcode district table, loaded with the command a deployer uses."""
    path = shared_data / "uk-postcode-geography" / "postcode_districts_gb.csv"
    if not path.is_file():
        pytest.fail(f"{path} is missing: these tests need the shared open data beside the project.")
    out = io.StringIO()
    call_command("load_postcode_districts", str(path), stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "Postcode districts: 2865 added, 0 updated, 0 unchanged, 0 rejected."


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False)
