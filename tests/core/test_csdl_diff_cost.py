"""What the CSDL ngành dry run costs does not grow with the rows that stay the same, and applying keeps
what the file has no column for."""

from __future__ import annotations

import datetime as dt

import pytest
from csdl_workbooks import add_child, child_row, write_csdl_file

from importers.csdl_reader import read_csdl
from mamnon.db import database
from mamnon.models import Child
from mamnon.reference import POLICY_CATEGORIES
from mamnon.services.csdl_import import UNCHANGED, UPDATED, apply_diff, diff_children

TODAY = dt.date(2026, 11, 23)
GIVEN = ("An", "Bình", "Cúc", "Dung", "Giang", "Hà", "Khánh", "Lan", "Mai", "Ngọc", "Oanh", "Phương")


def _kids(class_id, count):
    out = []
    for i in range(count):
        out.append(add_child(class_id, f"Nguyễn Thị {GIVEN[i]}", f"{i + 1:02d}/03/2023"))
        Child.update(ministry_code=f"MC{i:03d}").where(Child.id == out[-1].id).execute()
    return out


def _queries_of_dry_run(monkeypatch, path) -> tuple[int, object]:
    book = read_csdl(path, today=TODAY)
    seen = []
    real = database.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)
    try:
        diff = diff_children(book.sheet, today=TODAY)
    finally:
        monkeypatch.undo()
    return len(seen), diff


@pytest.mark.parametrize("count", [2, 12])
def test_unchanged_rows_cost_no_query(school_db, tmp_path, monkeypatch, count):
    kids = _kids(school_db["Mầm 1"], count)
    rows = [child_row(k.full_name, k.birth_date, "Mầm 1", code=f"MC{i:03d}") for i, k in enumerate(kids)]
    queries, diff = _queries_of_dry_run(monkeypatch, write_csdl_file(tmp_path / "hs.xlsx", rows))
    assert [e.status for e in diff.entries] == [UNCHANGED] * count
    # The children with their open stays, their guardians, the school year and its classes: four reads
    # whether the school has 2 children or 12.
    assert queries == 4


def test_applying_an_update_keeps_the_policy_category_and_the_note(school_db, tmp_path):
    policy = POLICY_CATEGORIES[1]
    kid = add_child(school_db["Mầm 1"], "Nguyễn Thị An", "05/03/2023", policy_category=policy,
                    note="Dị ứng sữa bò")
    rows = [child_row("Nguyễn Thị An", "05/03/2023", "Mầm 1", **{"Xã/Phường": "Xã Mới"})]
    book = read_csdl(write_csdl_file(tmp_path / "hs.xlsx", rows), today=TODAY)
    diff = diff_children(book.sheet, today=TODAY)
    assert [e.status for e in diff.entries] == [UPDATED]
    apply_diff(diff, today=TODAY)
    child = Child.get_by_id(kid.id)
    assert (child.commune, child.policy_category, child.note) == ("Xã Mới", policy, "Dị ứng sữa bò")


@pytest.mark.parametrize("count", [2, 12])
def test_rows_that_would_write_cost_no_query_each(school_db, tmp_path, monkeypatch, count):
    kids = _kids(school_db["Mầm 1"], count)
    rows = [child_row(k.full_name, k.birth_date, "Mầm 1", code=f"MC{i:03d}", **{"Xã/Phường": "Xã Mới"})
            for i, k in enumerate(kids)]
    rows.append(child_row("Đỗ Minh Hải", "06/06/2022", "Mầm 1", sex="Nam"))
    queries, diff = _queries_of_dry_run(monkeypatch, write_csdl_file(tmp_path / "hs.xlsx", rows))
    assert [e.status for e in diff.entries] == [UPDATED] * count + ["new"]
    assert not diff.errors
    # The four reads of the school, and the classes with their years for the form's checks.
    assert queries == 5


def test_the_forms_checks_with_lookups_find_what_they_find_without(school_db):
    from mamnon.services import children

    kid = add_child(school_db["Mầm 1"], "Nguyễn Thị An", "05/03/2023")
    other = add_child(school_db["Lá 1"], "Lê Thị Cúc", "01/01/2021")
    lookups = children.CheckLookups(children.CheckLookups.classes_with_years(),
                                    {kid.id: school_db["Mầm 1"], other.id: school_db["Lá 1"]},
                                    {kid.code: kid.id, other.code: other.id})
    forms = [
        (children.ChildForm(full_name="Lò Văn 2", birth_date="06/06/2010", sex="M", class_id=school_db["Lá 1"]), None),
        (children.ChildForm(full_name="Mai Anh", birth_date="06/06/2025", sex="F", class_id=999), None),
        (children.ChildForm(full_name="Nguyễn Thị An", birth_date="05/03/2021", sex="F", code=other.code), kid.id),
        (children.ChildForm(full_name="Nguyễn Thị An", birth_date="05/03/2023", sex="F", code=kid.code), kid.id),
    ]
    for form, child_id in forms:
        _, plain = children.check_child(form, child_id=child_id, today=TODAY)
        _, quick = children.check_child(form, child_id=child_id, today=TODAY, lookups=lookups)
        assert (quick.errors, quick.warnings) == (plain.errors, plain.warnings)
    _, chk = children.check_child(forms[2][0], child_id=kid.id, today=TODAY, lookups=lookups)
    assert chk.errors["code"] == f"Mã {other.code} đã dùng cho trẻ khác."
    assert "birth_date" in chk.warnings  # born 2021 in the 3–4 class
