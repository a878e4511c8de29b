"""Fixtures for the customer record's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False)
