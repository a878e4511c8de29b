"""An import keeps the good rows of a file and reports each bad one with its line and reason."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from signpost.careers.models import JobProfile
from signpost.careers.tests.test_imports import PROFILES, SHARED_DATA

pytestmark = pytest.mark.skipif(
    not PROFILES.is_file(), reason=f"{SHARED_DATA} is absent: a real national line is needed"
)


def test_a_bad_line_is_reported_and_the_good_ones_kept(db: Any, tmp_path: Path) -> None:
    good = PROFILES.open(encoding="utf-8").readline()
    path = tmp_path / "profiles.jsonl"
    path.write_text(good + "{not json\n" + good.replace('"SalaryStarter": "18000"', '"SalaryStarter": "lots"'))
    out, err = StringIO(), StringIO()

    call_command("import_job_profiles", str(path), stdout=out, stderr=err)

    assert "3 read, 1 created, 0 updated, 0 unchanged, 2 rejected" in out.getvalue()
    assert "line 2 (no key): not valid JSON" in err.getvalue()
    assert "line 3 (3d-printing-technician): salary 'lots' is neither a number of pounds nor" in err.getvalue()
    assert JobProfile.objects.get().slug == "3d-printing-technician"
