"""Loading the national local authority → area table, against the real file in ../shared/data."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from signpost.core.models import AuditEvent
from signpost.customers import selectors
from signpost.customers.models import AreaRouting

pytestmark = pytest.mark.django_db


def load(path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_area_routing", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_loads_the_national_table_and_a_second_run_changes_nothing(shared_data):
    path = shared_data / "ncs-area-routing" / "english_local_authorities_ncs_touchpoints.csv"
    out, err = load(path)
    assert out.strip() == "Area routing: 326 added, 0 updated, 0 unchanged, 0 rejected."
    assert err == ""
    peterborough = AreaRouting.objects.get(local_authority="E06000031")
    assert (peterborough.name, peterborough.touchpoint_id, peterborough.area) == ("Peterborough", "0000000101", 101)
    assert selectors.area_for_local_authority("E09000033") == 103
    out, _ = load(path)
    assert out.strip() == "Area routing: 0 added, 0 updated, 326 unchanged, 0 rejected."
    assert AreaRouting.objects.count() == 326
    assert AuditEvent.objects.filter(action="area_routing.loaded").count() == 2


def test_rejected_rows_are_reported_and_the_rest_kept(tmp_path):
    path = tmp_path / "routing.csv"
    path.write_text(
        "\ufeffTouchpointID,LADCode,LocalAuthority\n"
        "0000000103,E09000033,Westminster\n"
        "110,E06000001,Hartlepool\n"
        "106,W06000015,Cardiff\n"
        "106,E06000002,\n"
        "104,E09000033,Westminster again\n"
        "106,e06000003,Redcar and Cleveland\n",
        encoding="utf-8",
    )
    out, err = load(path)
    assert out.strip() == "Area routing: 2 added, 0 updated, 0 unchanged, 4 rejected."
    assert err.splitlines() == [
        "Line 3 rejected: touchpoint '110' is not one of the areas 101 to 109",
        "Line 4 rejected: 'W06000015' is not an English local authority code, like E06000031",
        "Line 5 rejected: the local authority name is missing or longer than 100 characters",
        "Line 6 rejected: E09000033 was given another area on an earlier line",
    ]
    assert sorted(AreaRouting.objects.values_list("local_authority", "area")) == [
        ("E06000003", 106),
        ("E09000033", 103),
    ]


def test_a_changed_area_is_updated(tmp_path):
    path = tmp_path / "routing.csv"
    path.write_text("TouchpointID,LADCode,LocalAuthority\n103,E09000033,Westminster\n", encoding="utf-8")
    load(path)
    path.write_text("TouchpointID,LADCode,LocalAuthority\n107,E09000033,Westminster\n", encoding="utf-8")
    out, _ = load(path)
    assert "0 added, 1 updated" in out
    assert selectors.area_for_local_authority("E09000033") == 107


def test_a_file_in_another_format_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("code,area\nE09000033,103\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no column LADCode, LocalAuthority, TouchpointID"):
        load(path)
    with pytest.raises(CommandError, match="No file"):
        load(tmp_path / "missing.csv")
