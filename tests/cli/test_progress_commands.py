"""Long commands: a progress bar only on a terminal, and Ctrl+C cleans up before «Đã hủy…», exit 1."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from progress_helpers import file_tables, inbox_of, names, school_reports

import importers
from cli.progress import TerminalBar, shown_progress
from exporters import report as report_writer
from importers import merge_inputs
from mamnon import backup as backup_module
from mamnon.errors import Cancelled
from mamnon.progress import Progress

TODAY = dt.date(2026, 11, 23)
MERGE = ["--unit-code", "PGD-YL", "--unit-name", "Phòng GD&ĐT Yên Lạc"]


@pytest.fixture(scope="module")
def three_reports(tmp_path_factory) -> list[Path]:
    return school_reports(tmp_path_factory.mktemp("reports"), (1, 2, 3), children=15)


@pytest.fixture
def inbox(three_reports, tmp_path) -> Path:
    return inbox_of(three_reports, tmp_path / "nhan")


def test_no_bar_in_the_output_of_a_script_or_a_test(run, inbox, tmp_path):
    result = run("merge", str(inbox), "-o", str(tmp_path / "phong.xlsx"), *MERGE)
    assert result.exit_code == 0, result.output
    assert "\r" not in result.output and "[#" not in result.output and "/3 tệp" not in result.output
    assert (tmp_path / "phong.xlsx").exists()


def test_ctrl_c_while_reading_writes_nothing_and_exits_1(run, inbox, tmp_path, monkeypatch):
    real = merge_inputs._read_one

    def interrupted(path):
        if path.name == "truong-2.xlsx":
            raise KeyboardInterrupt
        return real(path)

    monkeypatch.setattr(merge_inputs, "_read_one", interrupted)
    result = run("merge", str(inbox), "-o", str(tmp_path / "phong.xlsx"), *MERGE)
    assert result.exit_code == 1
    assert "Đã hủy: chưa ghi tệp gộp nào." in result.output
    assert not (tmp_path / "phong.xlsx").exists()


def test_ctrl_c_while_writing_removes_the_temporary_file(run, inbox, tmp_path, monkeypatch):
    def interrupted(book, result, trend):
        raise KeyboardInterrupt  # the charts are written last, once every data sheet is in the temp file

    monkeypatch.setattr(report_writer, "add_charts", interrupted)
    out = tmp_path / "ra"
    out.mkdir()
    result = run("merge", str(inbox), "-o", str(out / "phong.xlsx"), *MERGE)
    assert result.exit_code == 1 and "Đã hủy: chưa ghi tệp gộp nào." in result.output
    assert names(out) == []


def add_child(file: Path, class_name: str) -> None:
    import openpyxl

    from mamnon.workbooks.kinds import ROSTER_SPEC

    sheet = ROSTER_SPEC.sheets[0]
    book = openpyxl.load_workbook(file)
    ws = book[sheet.name]
    header = sheet.header_row + 1
    column = {str(c.value).rstrip(" *"): c.column for c in ws[header] if c.value}
    row = next(r for r in range(header + 1, ws.max_row + 2) if not ws.cell(r, column["Họ và tên"]).value)
    for title, value in (("Họ và tên", "Đỗ Thị Hạnh Mới"), ("Ngày sinh", "05/09/2021"), ("Giới tính", "Nữ"),
                         ("Lớp", class_name)):
        ws.cell(row, column[title], value)
    book.save(file)


def test_ctrl_c_during_an_import_rolls_every_row_back(run, db_path, tmp_path, monkeypatch):
    assert run("demo", "--children", "20", "--seed", "4").exit_code == 0
    template = tmp_path / "danh-sach.xlsx"
    assert run("template", "write", "danh-sach-tre", "--class", "Lá 1", "-o", str(template)).exit_code == 0
    add_child(template, "Lá 1")
    before = file_tables(db_path)
    real = importers._service
    written = []

    def interrupted(*args, **kwargs):
        result = real(*args, **kwargs)
        written.append(result)
        raise KeyboardInterrupt  # after the service wrote its rows, before the commit

    monkeypatch.setattr(importers, "_service", interrupted)
    result = run("import", str(template))
    assert result.exit_code == 1, result.output
    assert "Đã hủy: cơ sở dữ liệu không thay đổi." in result.output
    assert written and written[0].applied and written[0].created == 1  # written inside the transaction
    assert file_tables(db_path) == before


def test_ctrl_c_during_a_backup_leaves_no_partial_copy(run, db_path, tmp_path, monkeypatch):
    assert run("demo", "--children", "20", "--seed", "5").exit_code == 0
    usb = tmp_path / "usb"
    usb.mkdir()

    def interrupted(path, quick=False):
        raise KeyboardInterrupt  # the pages are copied; the check before the rename is interrupted

    monkeypatch.setattr(backup_module, "inspect_file", interrupted)
    result = run("backup", "--to", str(usb))
    assert result.exit_code == 1
    assert "Đã hủy: không có bản sao lưu mới, các bản cũ giữ nguyên." in result.output
    assert names(usb) == []


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_the_step_and_the_counts():
    screen = FakeTerminal()
    bar = TerminalBar(screen, "tệp")
    progress = Progress(on_change=bar.draw)
    progress.stage(4, "Đọc tệp")
    progress.step("Đọc tệp 1/4: truong-1.xlsx")
    progress.advance()
    last = screen.getvalue().split("\r")[-1]
    assert last.startswith("Đọc tệp 1/4: truong-1.xlsx") and last.rstrip().endswith("[#####---------------]  1/4 tệp")
    bar.close()
    assert screen.getvalue().endswith("\r")


def test_a_cancel_inside_the_block_says_what_happened(capsys):
    import click

    with pytest.raises(click.exceptions.Exit) as stopped:
        with shown_progress("Đã hủy: chưa ghi gì."):
            raise Cancelled()
    assert stopped.value.exit_code == 1
    assert capsys.readouterr().err == "Đã hủy: chưa ghi gì.\n"
