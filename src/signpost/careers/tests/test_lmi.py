"""Labour market figures: the documented CSV formats, bad rows reported, re-runs update in place."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

from signpost.careers import selectors
from signpost.careers.models import OccupationEmployment, OccupationPay
from signpost.careers.tests.builders import make_profile

PAY = """soc_version,soc_code,year,median,lower_quartile,upper_quartile,source
2020,2237,2023,"36,500","31,100","£42,800","ONS ASHE 2023, table 14.7a"
2020,5316,2023,31200,x,36900,ASHE 2023
2020,53,2023,31200,,,ASHE 2023
2020,5316,2023,30000,,,ASHE 2023
2010,2231,2019,40000,45000,50000,ASHE 2019
"""
EMPLOYMENT = """soc_version,soc_code,year,employed,kind,source
2020,2237,2022,"512,000",estimate,APS 2022
2020,2237,2035,"561,000",projection,Working Futures
2020,2237,2036,1,guess,Working Futures
"""


def _run(command: str, path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_pay_rows_are_kept_or_reported_and_a_rerun_updates(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "pay.csv"
    path.write_text(PAY)
    out, err = _run("import_occupation_pay", path)
    assert "5 read, 2 created, 0 updated, 0 unchanged, 3 rejected" in out
    assert "line 4 (53 2023): SOC code '53' is not a four-digit unit group" in err
    assert "line 5 (5316 2023): the same occupation and year is on line 3" in err
    assert "line 6 (2231 2019): the quartiles must sit either side of the median" in err
    nurse = OccupationPay.objects.get(soc_code="2237")
    assert (nurse.median, nurse.lower_quartile, nurse.upper_quartile) == (36500, 31100, 42800)
    assert OccupationPay.objects.get(soc_code="5316").lower_quartile is None

    path.write_text(PAY.replace('"36,500"', "37000"))
    out, _ = _run("import_occupation_pay", path)
    assert "0 created, 1 updated, 1 unchanged, 3 rejected" in out
    assert OccupationPay.objects.get(soc_code="2237").median == 37000

    profile = make_profile("Nurse", soc2020_code="2237", salary_starter=27000)
    pay = selectors.profile_pay(profile)
    assert (pay.median, pay.starter, pay.source) == (37000, 31100, "ONS ASHE 2023, table 14.7a")


def test_employment_estimates_and_projections(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "employment.csv"
    path.write_text(EMPLOYMENT)
    out, err = _run("import_occupation_employment", path)
    assert "3 read, 2 created, 0 updated, 0 unchanged, 1 rejected" in out
    assert "line 4 (2237 2036): kind 'guess' is not 'estimate' or 'projection'" in err
    rows = selectors.profile_employment(make_profile("Nurse", soc2020_code="2237"))
    figures = [(row.year, row.employed, row.is_projection) for row in rows]
    assert figures == [(2022, 512000, False), (2035, 561000, True)]
    assert OccupationEmployment.objects.count() == 2
