"""Reading standard workbooks: hostile files refused with a Vietnamese message, messy cells understood."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from importers.rows import parse_rows
from importers.workbook_reader import MAX_FILE_BYTES, ImportRefused, open_workbook
from mamnon.workbooks.kinds import MEASUREMENTS, ROSTER, STAFF
from tests.workbooks.conftest import roster_row, write_book

TODAY = dt.date(2026, 11, 23)
CLASSES = {"classes": ["Nhà trẻ A", "Mầm 1", "Lá 1"]}
ROOT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates_xlsx"


def refused(path, **kwargs) -> str:
    with pytest.raises(ImportRefused) as info:
        open_workbook(path, **kwargs)
    message = str(info.value)
    assert path.name in message
    return message


# ---------------------------------------------------------------- hostile files


def test_random_bytes_are_not_an_xlsx(tmp_path):
    path = tmp_path / "rac.xlsx"
    path.write_bytes(bytes(range(7, 256)) * 20)
    assert "không phải tệp Excel .xlsx" in refused(path)


def test_an_ole_file_is_named_as_password_or_old_xls(tmp_path):
    path = tmp_path / "co-mat-khau.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    assert "tệp có mật khẩu hoặc là định dạng .xls cũ" in refused(path)


def test_a_csv_renamed_xlsx_is_named_as_csv(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Họ và tên,Ngày sinh\nTrần Thị An,05/09/2022\n", encoding="utf-8")
    assert "CSV" in refused(path)


def test_a_truncated_zip_is_refused_as_damaged(tmp_path):
    whole = write_book(tmp_path / "du.xlsx", ROSTER, [roster_row("Trần Thị An", "05/09/2022")])
    path = tmp_path / "thieu.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "hỏng" in refused(path)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi-chu.txt", "xin chào")
    assert "không phải bảng tính Excel" in refused(path)


def test_a_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    assert "phá hoại" in refused(path)


def test_a_file_over_50_mb_is_refused(tmp_path):
    path = tmp_path / "lon.xlsx"
    with open(path, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.seek(MAX_FILE_BYTES + 1024 * 1024)
        fh.write(b"\0")
    assert "quá lớn (51 MB" in refused(path)


def test_an_empty_or_missing_file_is_refused(tmp_path):
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    assert "rỗng" in refused(empty)
    assert "không tìm thấy" in refused(tmp_path / "khong-co.xlsx")


def test_a_newer_template_version_is_refused(tmp_path):
    path = write_book(tmp_path / "moi.xlsx", ROSTER, [roster_row("Trần Thị An", "05/09/2022")],
                      meta={"template_version": 99})
    message = refused(path)
    assert "phiên bản 99" in message and "cập nhật phần mềm" in message


def test_another_schools_file_is_refused_and_a_blank_unit_code_accepted(tmp_path):
    other = write_book(tmp_path / "khac.xlsx", ROSTER, [roster_row("Trần Thị An", "05/09/2022")],
                       unit_code="MN99", meta={"unit_name": "Trường Mầm non Sơn Ca"})
    message = refused(other, unit_code="MN01")
    assert "Sơn Ca" in message and "MN99" in message
    blank = write_book(tmp_path / "mau.xlsx", ROSTER, [roster_row("Trần Thị An", "05/09/2022")], unit_code="")
    assert open_workbook(blank, unit_code="MN01").kind == ROSTER


def test_an_unknown_or_unrecognisable_kind_is_refused(tmp_path):
    strange = write_book(tmp_path / "la.xlsx", ROSTER, [], meta={"kind": "luong"})
    assert "«luong»" in refused(strange)
    book = openpyxl.Workbook()
    book.active.append(["Tên món", "Giá"])
    book.save(tmp_path / "khac.xlsx")
    assert "không nhận ra loại biểu" in refused(tmp_path / "khac.xlsx")


def test_the_expected_kind_is_enforced(tmp_path):
    path = write_book(tmp_path / "can-bo.xlsx", STAFF, [{"full_name": "Lê Thị Hoa", "sex": "Nữ",
                                                         "position": "Giáo viên"}])
    assert "«Danh sách cán bộ», không phải «Danh sách trẻ»" in refused(path, expected_kind=ROSTER)


def test_a_sheet_without_the_required_columns_is_refused(tmp_path):
    path = write_book(tmp_path / "thieu-cot.xlsx", ROSTER, [{"full_name": "Trần Thị An"}], keys=("full_name",))
    assert "«Ngày sinh»" in refused(path)


# ---------------------------------------------------------------- reading


def test_metadata_rows_and_checksum_are_read(tmp_path):
    rows = [roster_row("Trần Thị An", dt.datetime(2022, 9, 5), code="HS00001"),
            roster_row("Lê Văn Bình", dt.datetime(2022, 1, 2), sex="Nam")]
    path = write_book(tmp_path / "ds.xlsx", ROSTER, rows, blank_rows_after=(0,))
    book = open_workbook(path, expected_kind=ROSTER, unit_code="MN01")
    sheet = book.sheets["Danh sách trẻ"]
    assert (book.kind, book.has_metadata, book.checksum_ok) == (ROSTER, True, True)
    assert book.meta["unit_code"] == "MN01" and book.meta["template_version"] == "1"
    assert sheet.header_row == 4
    assert [r.row for r in sheet.rows] == [5, 7]
    assert sheet.rows[0].values["code"] == "HS00001"
    assert sheet.rows[1].values["sex"] == "Nam"


def test_an_edited_file_fails_the_checksum(tmp_path):
    rows = [roster_row("Trần Thị An", "05/09/2022")]
    path = write_book(tmp_path / "sua.xlsx", ROSTER, rows,
                      checksum_rows=[roster_row("Trần Thị Ân", "05/09/2022")])
    assert open_workbook(path).checksum_ok is False


def test_a_file_without_metadata_is_recognised_by_its_headers(tmp_path):
    """A user pasted the data into a new file: renamed sheet, header on row 1, columns shuffled."""
    path = write_book(tmp_path / "chep.xlsx", MEASUREMENTS,
                      [{"code": "HS00001", "full_name": "Trần Thị An", "weight_kg": "15,4", "height_cm": 101}],
                      with_meta=False, sheet_title="Sheet1", header_row=0,
                      keys=("weight_kg", "full_name", "code", "height_cm"))
    book = open_workbook(path)
    sheet = book.sheets["Cân đo"]
    assert (book.kind, book.has_metadata, book.checksum_ok) == (MEASUREMENTS, False, None)
    assert sheet.name == "Sheet1" and sheet.header_row == 1
    assert sheet.columns == {"weight_kg": 0, "full_name": 1, "code": 2, "height_cm": 3}
    assert sheet.rows[0].values == {"weight_kg": "15,4", "full_name": "Trần Thị An", "code": "HS00001",
                                    "height_cm": 101}


def test_staff_headers_are_not_taken_for_a_roster(tmp_path):
    path = write_book(tmp_path / "cb.xlsx", STAFF, [{"full_name": "Lê Thị Hoa", "sex": "Nữ",
                                                     "position": "Giáo viên"}], with_meta=False)
    assert open_workbook(path).kind == STAFF


def test_messy_cells_are_understood(tmp_path):
    rows = [
        roster_row("  Trần   Thị An ", dt.datetime(2022, 9, 5), sex="Nữ"),
        roster_row("Lê Thị Bé", "05/09/2022", sex="nữ", class_name="lá 1 "),
        roster_row("Phạm Thị Cúc", "5/9/22", sex="NU"),
        roster_row("Đỗ Văn Dũng", 44809, sex="nam", ethnicity="tày"),
    ]
    path = write_book(tmp_path / "lon-xon.xlsx", ROSTER, rows)
    parsed = parse_rows(open_workbook(path).sheets["Danh sách trẻ"], choices=CLASSES, today=TODAY)
    assert parsed.errors == []
    values = [v for _, v in parsed.rows]
    assert [v["birth_date"] for v in values] == [dt.date(2022, 9, 5)] * 4
    assert [v["sex"] for v in values] == ["F", "F", "F", "M"]
    assert values[0]["full_name"] == "Trần Thị An"
    assert values[1]["class_name"] == "Lá 1"
    assert values[3]["ethnicity"] == "Tày"


def test_a_decimal_comma_is_read(tmp_path):
    path = write_book(tmp_path / "can.xlsx", MEASUREMENTS,
                      [{"code": "HS1", "full_name": "An", "weight_kg": "12,5", "height_cm": "95.5"}])
    parsed = parse_rows(open_workbook(path).sheets["Cân đo"], today=TODAY)
    assert parsed.rows[0][1]["weight_kg"] == 12.5 and parsed.rows[0][1]["height_cm"] == 95.5


def test_every_bad_cell_is_reported_not_only_the_first(tmp_path):
    rows = [
        roster_row("Trần Thị An", "31/02/2022", sex="X"),
        roster_row("Lê Thị Bé", "05/09/2022", class_name="Lớp Không Có"),
        roster_row("", "05/09/2022"),
    ]
    path = write_book(tmp_path / "sai.xlsx", ROSTER, rows)
    parsed = parse_rows(open_workbook(path).sheets["Danh sách trẻ"], choices=CLASSES, today=TODAY)
    assert [(e.row, e.cell) for e in parsed.errors] == [(5, "C5"), (5, "D5"), (6, "E6"), (7, "B7")]
    assert "không có thật" in parsed.errors[0].message
    assert parsed.errors[3].message == "Ô này bắt buộc phải điền."
    assert parsed.rows == []


def test_duplicate_codes_are_errors_on_each_duplicate_row(tmp_path):
    rows = [roster_row("Trần Thị An", "05/09/2022", code="HS00007"),
            roster_row("Lê Thị Bé", "05/09/2022", code="HS00008"),
            roster_row("Phạm Thị Cúc", "05/09/2022", code=" HS00007 ")]
    path = write_book(tmp_path / "trung.xlsx", ROSTER, rows)
    parsed = parse_rows(open_workbook(path).sheets["Danh sách trẻ"], choices=CLASSES, today=TODAY)
    assert [(e.row, e.header) for e in parsed.errors] == [(5, "Mã trẻ"), (7, "Mã trẻ")]
    assert "Trùng với dòng 7" in parsed.errors[0].message
    assert [row for row, _ in parsed.rows] == [6]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_file_saved_again_by_libreoffice_reads_the_same(tmp_path):
    rows = [roster_row("Trần Thị An", dt.datetime(2022, 9, 5), code="HS00001"),
            roster_row("Lê Văn Bình", "5/9/22", sex="Nam", guardian1_phone="0912345678")]
    (tmp_path / "goc").mkdir()
    source = write_book(tmp_path / "goc" / "ds.xlsx", ROSTER, rows)
    out = tmp_path / "lo"
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                          capture_output=True, timeout=120, env=env)
    if proc.returncode != 0 or not (out / "ds.xlsx").exists():
        pytest.skip(f"LibreOffice could not convert here: {proc.stderr[-200:]!r}")
    original, again = open_workbook(source), open_workbook(out / "ds.xlsx")
    assert again.kind == ROSTER and again.has_metadata
    assert again.checksum_ok is True
    first = parse_rows(original.sheets["Danh sách trẻ"], choices=CLASSES, today=TODAY)
    second = parse_rows(again.sheets["Danh sách trẻ"], choices=CLASSES, today=TODAY)
    assert second.errors == [] and second.rows == first.rows


def _replace_member(source, target, name: str, data: bytes) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == name else src.read(item.filename))


def test_damaged_sheet_xml_and_entity_expansion_are_refused(tmp_path):
    good = write_book(tmp_path / "tot.xlsx", ROSTER, [roster_row("Trần Thị An", "05/09/2022")])
    sheet = "xl/worksheets/sheet1.xml"
    broken = tmp_path / "hong.xlsx"
    _replace_member(good, broken, sheet, b"<worksheet><sheetData><row r='1'><c r='A1'")
    assert "hỏng" in refused(broken)
    laughs = ['<!ENTITY a0 "ha">'] + [f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    bomb = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{"".join(laughs)}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>')
    expanded = tmp_path / "cuoi.xlsx"
    _replace_member(good, expanded, sheet, bomb.encode())
    assert "hỏng" in refused(expanded)


# ---------------------------------------------------------------- files made by the template writer


def _fill(path, cells: dict[str, object]) -> None:
    """Type into a template as a user would (openpyxl keeps its metadata sheet and validations)."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    book.save(path)


def test_a_prefilled_roster_imports_back_unchanged(school_db, tmp_path):
    from exporters.templates import write_roster
    from importers import import_workbook
    from tests.conftest import add_child

    add_child(school_db["Lá 1"], "Trần Thị An", "04/03/2021", village="Thôn Đông")
    add_child(school_db["Lá 1"], "Lê Văn Bình", "10/10/2021", sex="M", note="Dị ứng tôm")
    path = write_roster(tmp_path / "ds.xlsx", "Lá 1")
    done = import_workbook(path, unit_code="MN01", today=TODAY)
    assert (done.book.kind, done.book.checksum_ok) == (ROSTER, True)
    result = done.result
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 2, [])


def test_a_blank_template_filled_by_hand_is_imported(school_db, tmp_path):
    from importers import import_workbook
    from mamnon.services.children import list_children

    path = tmp_path / "mau.xlsx"
    shutil.copy(ROOT_TEMPLATES / "danh-sach-tre.xlsx", path)
    sheet = open_workbook(path).sheets["Danh sách trẻ"]
    row = sheet.header_row + 1
    col = {k: openpyxl.utils.get_column_letter(i + 1) for k, i in sheet.columns.items()}
    _fill(path, {f"{col['full_name']}{row}": "Trần Thị An", f"{col['birth_date']}{row}": "04/03/2021",
                 f"{col['sex']}{row}": "nữ", f"{col['class_name']}{row}": "Lá 1"})
    done = import_workbook(path, unit_code="MN01", today=TODAY)
    assert done.book.meta["unit_code"] == "" and done.book.checksum_ok is False
    assert (done.result.created, done.result.errors) == (1, [])
    assert [c.full_name for c in list_children()] == ["Trần Thị An"]


def test_a_measurement_sheet_from_the_writer_fills_its_round(school_db, tmp_path):
    from exporters.templates import write_measurements
    from importers import import_workbook
    from mamnon.services import measurements as ms
    from tests.conftest import add_child

    an = add_child(school_db["Lá 1"], "Trần Thị An", "04/03/2021")
    add_child(school_db["Lá 1"], "Lê Văn Bình", "10/10/2021", sex="M")
    day = dt.date(2026, 11, 20)
    path = write_measurements(tmp_path / "can-do.xlsx", day, "Lá 1")
    sheet = open_workbook(path).sheets["Cân đo"]
    first = next(r.row for r in sheet.rows if r.values["code"] == an.code)
    weight = openpyxl.utils.get_column_letter(sheet.columns["weight_kg"] + 1)
    height = openpyxl.utils.get_column_letter(sheet.columns["height_cm"] + 1)
    _fill(path, {f"{weight}{first}": "17,5", f"{height}{first}": 108.5})
    done = import_workbook(path, unit_code="MN01", today=TODAY)
    assert (done.result.created, done.result.skipped, done.result.errors) == (1, 1, [])
    (rnd,) = ms.list_rounds()
    assert (rnd.date, rnd.class_name) == (day, "Lá 1")
    assert ms.get_entry(rnd.id, an.id).weight_kg == 17.5
