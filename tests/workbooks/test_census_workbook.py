"""The census workbook: export and import round trip, bad files refused cell by cell with nothing saved, and the
printed list and summary read back with openpyxl against hand counts."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters.census_forms import write_census_list, write_census_summary
from exporters.census_workbook import write_census_workbook
from importers.census_import import import_census_workbook
from importers.workbook_reader import ImportRefused
from mamnon.models import CensusEntry, CensusVillage
from mamnon.services import census, children, classes, school, session
from mamnon.workbooks.census_spec import CENSUS, CENSUS_SPEC
from tests.workbooks.conftest import write_book

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def school_area():
    session.open_memory()
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập", province="Tỉnh Phú Thọ",
                       year_name="2026-2027")
    la = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    kid = children.create_child(children.ChildForm(full_name="Nguyễn Thị Hoa", birth_date="15/03/2021", sex="F",
                                                   class_id=la, enrolled_on="05/09/2026"), today=TODAY)
    dong = census.add_village("Xã Tân Lập", "Thôn Đông").id
    census.create_entry(2026, census.EntryForm(village_id=dong, child_id=kid.id, status=census.HERE,
                                               completed=True), today=TODAY)
    census.create_entry(2026, census.EntryForm(village_id=dong, full_name="=HYPERLINK(\"x\")", birth_date="02/02/2022",
                                               sex="M", ethnicity="Tày", guardian_name="Lò Văn Sinh",
                                               status=census.OTHER, school_name="MN Sao Mai"), today=TODAY)
    census.create_entry(2026, census.EntryForm(village_id=dong, full_name="Hà Thị Em", birth_date="03/03/2023",
                                               sex="F", guardian_name="Hà Văn Bố", status=census.MOVED,
                                               status_date="01/10/2026", destination="Hà Nội"), today=TODAY)
    yield kid
    session.close()


def _row(**values) -> dict:
    base = {"commune": "Xã Tân Lập", "village": "Thôn Tây", "full_name": "Lò Thị Mai", "birth_date": "03/04/2021",
            "sex": "Nữ", "guardian_name": "Lò Văn Páo", "status": "Không đi học"}
    return {**base, **values}


def test_export_then_import_changes_nothing(school_area, tmp_path):
    path = write_census_workbook(tmp_path / "dieu-tra.xlsx", 2026)
    book = openpyxl.load_workbook(path)
    ws = book["Điều tra"]
    header = [c.value for c in ws[CENSUS_SPEC.sheets[0].header_row + 1]]
    assert header[:4] == ["Xã, phường *", "Thôn, xóm *", "Mã trẻ (trẻ của trường)", "Họ và tên trẻ *"]
    names = [ws.cell(row=r, column=4).value for r in range(5, 8)]
    assert "Nguyễn Thị Hoa" in names and '=hyperlink("x")' in names   # text, never a formula
    meta = {row[0].value: row[1].value for row in book["_mamnon"].iter_rows()}
    assert (meta["kind"], meta["census_year"]) == (CENSUS, "2026")

    done = import_census_workbook(path, unit_code="MN01", today=TODAY)
    r = done.result
    assert (r.errors, r.created, r.updated, r.unchanged, r.applied) == ([], 0, 0, 3, True)
    assert done.book.checksum_ok is True
    assert CensusEntry.select().count() == 3


def test_import_adds_villages_and_children_and_updates_by_identity(school_area, tmp_path):
    path = write_book(tmp_path / "thon-tay.xlsx", CENSUS, [
        _row(),
        _row(full_name="Lò Văn Sính", birth_date="05/05/2022", sex="Nam", status="Học trường khác",
             school_name="MN Sao Mai", village="Thôn Mới"),
        _row(code=school_area.code, full_name="Nguyễn Thị Hoa", birth_date="15/03/2021", village="Thôn Đông",
             guardian_name="", status="Học tại trường", completed="Có"),
        _row(full_name="Hà Thị Em", birth_date="03/03/2023", guardian_name="Hà Văn Bố", village="Thôn Đông",
             status="Chuyển đi", status_date="01/10/2026", destination="Hà Nội - Hai Bà Trưng"),
    ], meta={"census_year": "2026"})
    dry = import_census_workbook(path, unit_code="MN01", dry_run=True, today=TODAY).result
    assert (dry.errors, dry.created, dry.updated, dry.unchanged) == ([], 2, 1, 1)
    assert CensusVillage.select().count() == 1 and CensusEntry.select().count() == 3   # dry run: nothing kept
    done = import_census_workbook(path, unit_code="MN01", today=TODAY).result
    assert (done.created, done.updated, done.unchanged) == (2, 1, 1)
    assert [v.name for v in census.list_villages()] == ["Thôn Đông", "Thôn Mới", "Thôn Tây"]  # Vietnamese order
    moved = next(e for e in census.list_entries(2026) if e.full_name == "Hà Thị Em")
    assert moved.destination == "Hà Nội - Hai Bà Trưng"


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(school_area, tmp_path):
    path = write_book(tmp_path / "sai.xlsx", CENSUS, [
        _row(),
        _row(full_name="LÒ THỊ MAI", guardian_name="lo van pao"),           # row 6: the same child again
        _row(full_name="Cháu Tương Lai", birth_date="01/01/2027"),          # row 7: not born yet
        _row(full_name="Cháu Lớn", birth_date="01/06/2019"),                # row 8: 7 years old
        _row(full_name="Cháu Mã Lạ", code="HS99999"),                       # row 9: no such child
        _row(full_name="Ngày Sai", birth_date="31/02/2022"),                # row 10: no such day
    ], meta={"census_year": "2026"})
    done = import_census_workbook(path, unit_code="MN01", today=TODAY, annotate_to=tmp_path / "loi.xlsx")
    where = {(e.row, e.header) for e in done.result.errors}
    assert where == {(6, "Họ và tên trẻ"), (7, "Ngày sinh"), (8, "Ngày sinh"), (9, "Mã trẻ (trẻ của trường)"),
                     (10, "Ngày sinh")}
    assert "Trùng với dòng 5" in next(e.message for e in done.result.errors if e.row == 6)
    assert "chưa đến" in next(e.message for e in done.result.errors if e.row == 7)
    assert not done.result.applied and done.annotated.exists()
    assert CensusEntry.select().count() == 3 and CensusVillage.select().count() == 1


def test_a_file_without_a_census_year_needs_one(school_area, tmp_path):
    path = write_book(tmp_path / "khong-nam.xlsx", CENSUS, [_row()])
    with pytest.raises(ImportRefused, match="năm điều tra"):
        import_census_workbook(path, unit_code="MN01", today=TODAY)
    done = import_census_workbook(path, unit_code="MN01", year=2026, today=TODAY).result
    assert done.created == 1


def test_printed_list_and_summary(school_area, tmp_path):
    dong = census.find_village("Xã Tân Lập", "Thôn Đông").id
    census.create_entry(2026, census.EntryForm(village_id=dong, full_name="Lò Thị Mai", birth_date="03/04/2021",
                                               sex="F", guardian_name="Lò Văn Páo", status=census.NONE),
                        today=TODAY)
    listing = openpyxl.load_workbook(write_census_list(tmp_path / "ds.xlsx", 2026, today=TODAY)).active
    cells = [c for row in listing.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Thôn Đông – Xã Tân Lập: 3 trẻ đang sống trong thôn (1 chuyển đi hoặc đã mất)" in cells
    assert "Học trường khác: MN Sao Mai" in cells and "Chuyển đi đến Hà Nội (01/10/2026)" in cells
    numbered = [row[0] for row in listing.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert numbered == [1, 2, 3, 4]

    summary = openpyxl.load_workbook(write_census_summary(tmp_path / "th.xlsx", 2026, today=TODAY)).active
    lines = {row[0]: row for row in summary.iter_rows(values_only=True) if isinstance(row[0], int)}
    # Born 2021: Hoa (here, completed) and Mai (not attending): 2 children, 1 attending = 50 %, 1 completed.
    assert lines[2021][1:13] == (5, 2, 2, 0, 0, 1, 0, 1, 50.0, 1, 50.0, 1)
    # Born 2023: Em moved away: no child living, rate blank.
    assert lines[2023][2] == 0 and lines[2023][9] in ("", None) and lines[2023][13] == 1
    notes = [c for row in summary.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(n.startswith("Trẻ 5 tuổi đang học: 50,0 % (cần ≥ 95 %") and n.endswith("chưa đạt, thiếu 1 trẻ.") for n in notes)
