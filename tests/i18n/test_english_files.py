"""Reading and writing files in English: a refused workbook, a bad cell, a damaged report, a form that
cannot be printed — the messages come out in English, naming the file, sheet, row and column.

Each test runs the real importer, exporter or command on a file built here; the English sentences are
written out by hand, so a catalogue entry that went missing (the Vietnamese would come back) fails them.
The workbooks themselves stay Vietnamese: the annotated copy keeps the sheet «Lỗi» and the file's own
sheet names and headers, quoted as the user sees them in Excel.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from english_helpers import no_vietnamese

from tests.progress_helpers import Recorder
from tests.workbooks.conftest import roster_row, write_book

ROOT = Path(__file__).resolve().parents[2]
CSV_REFUSAL = ("this is a text (CSV) file renamed to .xlsx. Open it in Excel, then save it as "
               "«Excel Workbook (.xlsx)».")


@pytest.fixture
def csv_as_xlsx(tmp_path) -> Path:
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Họ và tên;Ngày sinh\nTrần Thị An;10/03/2021\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- importers


def test_a_renamed_csv_is_refused_in_english_naming_the_file(csv_as_xlsx, english):
    from importers import import_workbook
    from importers.workbook_reader import ImportRefused

    with pytest.raises(ImportRefused) as refused:
        import_workbook(csv_as_xlsx, unit_code="MN01")
    assert str(refused.value) == f"Cannot import the file danh-sach.xlsx: {CSV_REFUSAL}"


def test_a_sheet_reaching_too_far_is_refused_naming_the_sheet_and_the_row(tmp_path, english):
    from importers.workbook_reader import ImportRefused, open_workbook

    path = tmp_path / "xa.xlsx"
    book = openpyxl.Workbook()
    book.active["A250000"] = 1  # one cell put far down: the area a reader would allocate
    book.save(path)
    with pytest.raises(ImportRefused) as refused:
        open_workbook(path)
    message = str(refused.value)
    assert message == ("Cannot import the file xa.xlsx: the sheet «xl/worksheets/sheet1.xml» has data down to row "
                       "250.000 (at most 200.000; suspected hostile file).")


def test_an_xml_bomb_names_the_part(tmp_path, english):
    from importers.workbook_reader import ImportRefused, open_workbook

    path = tmp_path / "bom.xlsx"
    openpyxl.Workbook().save(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/bom.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(ImportRefused) as refused:
        open_workbook(path)
    assert str(refused.value) == (
        "Cannot import the file bom.xlsx: the file is damaged or tampered with: the part «xl/bom.xml» declares a "
        "DOCTYPE/ENTITY in its XML, which an Excel workbook never has (suspected hostile file).")


def test_a_workbook_of_another_kind_names_both_kinds_in_english(tmp_path, english):
    from importers.workbook_reader import ImportRefused, open_workbook
    from mamnon.i18n import _
    from mamnon.workbooks.kinds import KIND_LABELS, ROSTER, STAFF

    path = write_book(tmp_path / "can-bo.xlsx", STAFF, [])
    with pytest.raises(ImportRefused) as refused:
        open_workbook(path, expected_kind=ROSTER)
    # the kinds' names are the core's labels (mamnon.workbooks.kinds), shown as the catalogue gives them
    assert str(refused.value) == (f"Cannot import the file can-bo.xlsx: this is a «{_(KIND_LABELS[STAFF])}» workbook, "
                                  f"not «{_(KIND_LABELS[ROSTER])}».")


def test_duplicate_rows_are_explained_in_english_in_the_list_and_in_the_marked_copy(school_db, tmp_path, english):
    from importers import import_workbook

    rows = [roster_row("Trần Thị An", "10/03/2021", code="HS001"),
            roster_row("Lê Văn Bình", "11/04/2021", sex="Nam", code="HS001")]
    path = write_book(tmp_path / "danh-sach.xlsx", "roster", rows)
    progress = Recorder()
    done = import_workbook(path, unit_code="MN01", progress=progress)
    duplicates = [e for e in done.result.errors if e.message.startswith("Same as row")]
    # the first data row of the template is Excel row 5 (title rows, header on row 4)
    assert [(e.sheet, e.row, e.header, e.message) for e in duplicates] == [
        ("Danh sách trẻ", 5, "Mã trẻ", "Same as row 6 of the file: every row must be different."),
        ("Danh sách trẻ", 6, "Mã trẻ", "Same as row 5 of the file: every row must be different."),
    ]
    # the progress the screen and the command line show
    assert ("Reading danh-sach.xlsx", 0, 0, "Reading danh-sach.xlsx") in progress.events
    assert {e[3] for e in progress.events} >= {"Checking the sheet «Danh sách trẻ»", "Checking against the school's data"}
    marked = openpyxl.load_workbook(done.annotated)
    assert marked.sheetnames[0] == "Lỗi"  # the sheet's name is the same in every language
    listed = list(marked["Lỗi"].iter_rows(values_only=True))
    assert listed[0] == ("Sheet", "Row", "Column", "Column header", "Value", "Explanation")
    assert ("Danh sách trẻ", 5, "A", "Mã trẻ", "HS001", "Same as row 6 of the file: every row must be different.") \
        in listed
    code_column = next(c for c in marked["Danh sách trẻ"][4] if c.value == "Mã trẻ").column_letter
    assert code_column == "A"
    assert "Same as row 6 of the file" in marked["Danh sách trẻ"]["A5"].comment.text


def test_a_bad_unit_change_names_file_sheet_cell_and_header(tmp_path, request):
    from exporters.unit_changes import write_unit_changes
    from exporters.workbook_writer import UnitMeta
    from importers.unit_changes import read_unit_changes
    from mamnon.errors import ValidationError
    from mamnon.unit_structure import MERGE, Change

    path = write_unit_changes(tmp_path / "sai.xlsx", [Change(MERGE, "01/07/2025", "UBND-TL", "UBND xã Tân Lập",
                                                             "UBND xã", sources=("UBND-A",))],
                              unit=UnitMeta("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT"))
    request.getfixturevalue("english")  # the file is written first, in the default language
    with pytest.raises(ValidationError) as refused:
        read_unit_changes(path)
    # «Các đơn vị sáp nhập» is the 7th column (G); the first data row is 5
    assert list(refused.value.errors.values()) == [
        "sai.xlsx, sheet «Thay đổi đơn vị», cell G5 (Các đơn vị sáp nhập): A merger needs at least two unit codes."]


def test_merge_inputs_say_why_a_file_is_left_out_in_english(csv_as_xlsx, tmp_path, english):
    from importers.merge_inputs import read_inputs
    from mamnon.merge import Rejected

    empty = tmp_path / "trong"
    empty.mkdir()
    found = read_inputs([str(csv_as_xlsx), str(empty), str(tmp_path / "khong-co.xlsx")])
    assert all(isinstance(item, Rejected) for item in found)
    reasons = [item.reason for item in found]
    # the file is named beside its reason, so the reason alone is kept
    assert reasons == [CSV_REFUSAL, "the folder has no .xlsx file.", "no such file or folder."]


def test_a_report_without_check_code_is_flagged_in_english(tmp_path, english):
    from importers.report_reader import read_report
    from mamnon import indicators
    from mamnon.workbooks.kinds import REPORT

    path = write_book(tmp_path / "bao-cao.xlsx", REPORT, {}, meta={"checksum": ""})
    report = read_report(path)
    missing = len(indicators.CATALOGUE)
    first_ten = ", ".join(i.code for i in indicators.CATALOGUE[:10])
    assert report.checks[0] == "The file has no data check code: there is no telling whether its figures were edited."
    assert report.checks[1] == f"{missing} indicators are missing: {first_ten}…."
    assert all(no_vietnamese(line) for line in report.checks)


# ---------------------------------------------------------------- exporters


def test_export_targets_are_refused_in_english(tmp_path, english):
    from exporters.sms_csv import check_csv_target
    from exporters.xlsx import ExportError, check_target

    with pytest.raises(ExportError) as wrong_suffix:
        check_target(tmp_path / "bao-cao.txt")
    assert str(wrong_suffix.value) == "The output file name must end in .xlsx (given: bao-cao.txt)."
    with pytest.raises(ExportError) as no_folder:
        check_csv_target(tmp_path / "khong-co" / "tin-nhan.csv")
    assert str(no_folder.value) == f"There is no folder {tmp_path / 'khong-co'}: create it first."


def test_the_form_registry_speaks_english(english, monkeypatch, tmp_path):
    from exporters import forms
    from mamnon.errors import MamnonError

    growth = forms.find_form("bieu-do")
    assert forms.option_problem(growth, {forms.DATE}) == (
        "The form bieu-do (growth chart) needs --class NAME and does not use --date DATE.")
    assert growth.title == "Biểu đồ tăng trưởng"  # the registry keeps the Vietnamese; screens translate it
    with pytest.raises(MamnonError) as unknown:
        forms.find_form("khong-co")
    assert str(unknown.value).startswith("No form «khong-co». Forms: thuc-don-tuan, khau-phan,")
    written = tmp_path / "bieu-do.xlsx"
    written.write_bytes(b"")
    monkeypatch.setattr(forms, "soffice_path", lambda: None)
    with pytest.raises(forms.PdfUnavailable) as no_pdf:
        forms.to_pdf(written)
    assert str(no_pdf.value).startswith("LibreOffice is not installed on this computer, so no PDF was made.")
    assert no_vietnamese(str(no_pdf.value).replace(str(written.resolve()), ""))


# ---------------------------------------------------------------- the command line and the screen


def mamnon(args, tmp_path):
    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run([sys.executable, "-c", "from cli.main import main; main()", "--lang", "en", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def test_the_import_command_refuses_a_bad_file_in_english(csv_as_xlsx, tmp_path):
    from mamnon.services import school, session

    db_file = tmp_path / "truong.sqlite"
    session.open_path(str(db_file))
    try:
        school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập",
                           province="Tỉnh Phú Thọ", year_name="2026-2027")
    finally:
        session.close()
    result = mamnon(["--db", str(db_file), "import", str(csv_as_xlsx)], tmp_path)
    assert result.returncode == 1
    assert f"Error: Cannot import the file danh-sach.xlsx: {CSV_REFUSAL}" in result.stderr


def test_the_forms_list_and_a_missing_option_in_english(tmp_path):
    listed = mamnon(["forms"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^thuc-don-tuan +Week menu: The Monday–Friday menu of the chosen date's week, one "
                     r"landscape page\.$", listed.stdout, re.M)
    assert re.search(r"^ke-cho +Market list: .*\n +Needs: --date DATE \[--stage nha-tre\|mau-giao\]$", listed.stdout,
                     re.M)
    assert "Thực đơn tuần" not in listed.stdout and "--date NGÀY" not in listed.stdout
    missing = mamnon(["print", "bieu-do", "-o", str(tmp_path / "x.xlsx")], tmp_path)
    assert missing.returncode == 2
    assert "The form bieu-do (growth chart) needs --class NAME." in missing.stderr


PRINT_FORMS = r'''
import asyncio, json, sys
from mamnon import i18n
i18n.set_language("en")
from textual.widgets import OptionList
from tui.app import make_app
from tui.screens.print_forms import PrintFormsScreen


async def main(path):
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PrintFormsScreen())
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        forms = app.screen.query_one("#forms", OptionList)
        shown = [str(forms.get_option_at_index(i).prompt) for i in range(3)]
        await pilot.press("enter")
        await pilot.pause()
        title = str(app.screen.query_one("#dialog-title").render())
        print(json.dumps({"shown": shown, "highlighted": forms.highlighted, "dialog": type(app.screen).__name__,
                          "title": title}, ensure_ascii=False))


asyncio.run(main(sys.argv[1]))
'''


def test_the_print_forms_screen_lists_the_forms_in_english(tmp_path):
    from mamnon.services import school, session

    db_file = tmp_path / "truong.sqlite"
    session.open_path(str(db_file))
    try:
        school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập",
                           province="Tỉnh Phú Thọ", year_name="2026-2027")
    finally:
        session.close()
    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run([sys.executable, "-c", PRINT_FORMS, str(db_file)], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["shown"][0].startswith("[b]Week menu[/b]")
    assert seen["shown"][2] == ("[b]Market list[/b]\n  [dim]Foods to buy for the day, quantities, unit prices, "
                                "suppliers.[/dim]")
    assert seen["highlighted"] == 2 and seen["dialog"] == "PrintFormDialog"
    assert seen["title"] == "Print market list"
