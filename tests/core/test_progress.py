"""Long work reports its progress exactly and stops cleanly when cancelled (mamnon.progress).

Each operation gets a recording Progress; a cancel is asked for at a chosen step and the
test checks what the operation left: no output file and no temporary file, the database
row for row as before, the backups folder as before.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from progress_helpers import Recorder, file_tables, names

from exporters.report import write_merged, write_report
from importers import import_workbook
from importers import merge_inputs
from importers.merge_inputs import read_inputs
from mamnon import backup as backup_module
from mamnon.errors import Cancelled
from mamnon.merge import Unit, merge
from mamnon.progress import SILENT, Progress, counted, ensure
from mamnon.services import backups, demo, session
from mamnon.services.school import school_info
from mamnon.workbooks.periods import parse_period

TODAY = dt.date(2026, 11, 23)
OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc")


@pytest.fixture(scope="module")
def one_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    session.open_path(folder / "MN-01.sqlite")
    try:
        demo.build_demo(children=20, seed=1, code="MN-01", name="Trường MN Hoa Sen", today=TODAY)
        return write_report(folder / "truong.xlsx", parse_period("11/2026"), today=TODAY,
                            exported_at=dt.datetime(2026, 11, 24, 9))
    finally:
        session.close()


@pytest.fixture
def five_files(one_report, tmp_path) -> Path:
    folder = tmp_path / "nhan"
    folder.mkdir()
    for name in ("a", "b", "c", "d", "e"):
        shutil.copy(one_report, folder / f"truong-{name}.xlsx")
    return folder


# ---------------------------------------------------------------- the protocol


def test_the_silent_progress_is_the_default_and_is_never_cancelled():
    assert ensure(None) is SILENT
    SILENT.cancel()
    SILENT.stage(3, "x")
    SILENT.advance()
    SILENT.check()  # nothing raised: nobody can cancel the default
    mine = Progress()
    assert ensure(mine) is mine


def test_advance_counts_then_stops_at_the_next_safe_point():
    rec = Recorder()
    rec.stage(3, "Việc")
    rec.advance()
    rec.cancel()
    with pytest.raises(Cancelled) as raised:
        rec.advance()
    assert (rec.total, rec.done) == (3, 2)  # the unit finished is counted before the stop
    assert str(raised.value) == "Đã hủy; không có gì được ghi."
    with pytest.raises(Cancelled):
        rec.step("bước sau")


def test_counted_steps_before_and_advances_after_each_item():
    rec = Recorder()
    rec.stage(2, "Hai việc")
    assert list(counted(["x", "y"], rec, lambda i, item: f"{i}: {item}")) == ["x", "y"]
    assert [(e[2], e[3]) for e in rec.events[1:]] == [(0, "1: x"), (1, "1: x"), (1, "2: y"), (2, "2: y")]


# ---------------------------------------------------------------- merge: reading and writing


def test_a_merge_of_five_files_reports_five_read_steps(five_files):
    rec = Recorder()
    inputs = read_inputs([five_files], progress=rec)
    reads = rec.of_phase("Đọc tệp")
    assert {total for _, total, _, _ in reads} == {5}
    assert [done for _, _, done, _ in reads] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5]
    assert [label for *_, label in reads if label.startswith("Đọc tệp ")][::2] == [
        f"Đọc tệp {i}/5: truong-{n}.xlsx" for i, n in enumerate("abcde", start=1)]
    # The same files read with no progress give the same inputs.
    assert [i.source for i in inputs] == [i.source for i in read_inputs([five_files])]


def test_the_multi_process_read_reports_every_file_in_order(five_files, monkeypatch):
    monkeypatch.setattr(merge_inputs, "PARALLEL_FROM_BYTES", 0)
    rec = Recorder()
    read_inputs([five_files], workers=2, progress=rec)
    reads = rec.of_phase("Đọc tệp")
    assert reads[-1][1:3] == (5, 5)
    assert [label for *_, label in reads[1:]] == [f"Đọc tệp {i}/5: truong-{n}.xlsx"
                                                   for i, n in enumerate("abcde", start=1)]


@pytest.mark.parametrize("workers", [1, 2])
def test_cancelling_the_reading_at_file_k_stops_before_the_next(five_files, monkeypatch, workers):
    monkeypatch.setattr(merge_inputs, "PARALLEL_FROM_BYTES", 0)
    rec = Recorder(cancel_when=lambda p: p.phase == "Đọc tệp" and p.done == 2)
    with pytest.raises(Cancelled):
        read_inputs([five_files], workers=workers, progress=rec)
    assert max(done for _, _, done, _ in rec.of_phase("Đọc tệp")) == 2
    assert names(five_files) == [f"truong-{n}.xlsx" for n in "abcde"]


def test_writing_the_merge_reports_each_sheet_then_the_save(five_files, tmp_path):
    result = merge(read_inputs([five_files / "truong-a.xlsx"]), unit=OFFICE)
    rec = Recorder()
    target = tmp_path / "phong.xlsx"
    write_merged(target, result, progress=rec)
    writes = rec.of_phase("Ghi tệp")
    sheets = 6  # «Thông tin», «Chỉ tiêu», «Đơn vị», «Kiểm tra», «Nộp báo cáo», «Trẻ cần theo dõi»
    assert {total for _, total, _, _ in writes} == {sheets + 1}
    assert writes[-1][2] == sheets + 1 and writes[-1][3] == "Lưu tệp phong.xlsx"
    assert target.exists()


@pytest.mark.parametrize("k", [1, 3, 6])
def test_cancelling_the_write_at_sheet_k_leaves_no_file_and_no_temporary(five_files, tmp_path, k):
    result = merge(read_inputs([five_files / "truong-a.xlsx"]), unit=OFFICE)
    out = tmp_path / "ra"
    out.mkdir()
    rec = Recorder(cancel_when=lambda p: p.phase == "Ghi tệp" and p.done == k)
    with pytest.raises(Cancelled):
        write_merged(out / "phong.xlsx", result, progress=rec)
    assert names(out) == []


def test_a_cancelled_write_keeps_the_old_file_of_the_same_name(five_files, tmp_path):
    result = merge(read_inputs([five_files / "truong-a.xlsx"]), unit=OFFICE)
    out = tmp_path / "ra"
    out.mkdir()
    target = out / "phong.xlsx"
    target.write_bytes(b"ban cu")
    with pytest.raises(Cancelled):
        write_merged(target, result, progress=Recorder(cancel_when=lambda p: p.done == 2))
    assert target.read_bytes() == b"ban cu" and names(out) == ["phong.xlsx"]


# ---------------------------------------------------------------- the school's database


@pytest.fixture
def school(tmp_path) -> Path:
    path = tmp_path / "truong.sqlite"
    session.open_path(path)
    demo.build_demo(children=30, seed=2, code="MN-02", name="Trường MN Sao Mai", today=TODAY)
    yield path
    session.close()


def roster_with_a_new_child(path: Path, folder: Path) -> Path:
    """The school's own roster template of its first class, one new child typed in."""
    import openpyxl

    from exporters import templates
    from mamnon.services.classes import list_classes
    from mamnon.workbooks.kinds import ROSTER_SPEC

    cls = list_classes()[0]
    file = folder / "danh-sach.xlsx"
    templates.write_roster(file, cls.name)
    sheet = ROSTER_SPEC.sheets[0]
    book = openpyxl.load_workbook(file)
    ws = book[sheet.name]
    header = sheet.header_row + 1
    column = {str(c.value).rstrip(" *"): c.column for c in ws[header] if c.value}
    row = next(r for r in range(header + 1, ws.max_row + 2) if not ws.cell(r, column["Họ và tên"]).value)
    for title, value in (("Họ và tên", "Đỗ Thị Hạnh Mới"), ("Ngày sinh", "05/09/2021"), ("Giới tính", "Nữ"),
                         ("Lớp", cls.name)):
        ws.cell(row, column[title], value)
    book.save(file)
    return file


def test_an_import_cancelled_after_its_writes_leaves_every_table_as_it_was(school, tmp_path):
    file = roster_with_a_new_child(school, tmp_path)
    before = file_tables(school)
    # Cancelled once the rows are written, before the commit: the worst moment.
    rec = Recorder(cancel_when=lambda p: p.label == "Ghi vào cơ sở dữ liệu")
    with pytest.raises(Cancelled):
        import_workbook(file, unit_code=school_info().code, progress=rec)
    assert file_tables(school) == before
    # The same import, not cancelled, does write: the comparison above can fail.
    done = import_workbook(file, unit_code=school_info().code, progress=Recorder())
    assert done.result.created == 1 and file_tables(school) != before


def test_an_import_reports_the_file_each_sheet_and_the_writing(school, tmp_path):
    file = roster_with_a_new_child(school, tmp_path)
    rec = Recorder()
    import_workbook(file, unit_code=school_info().code, dry_run=True, progress=rec)
    labels = [e[3] for e in rec.events]
    assert labels[0] == "Đọc tệp danh-sach.xlsx"
    checks = rec.of_phase("Kiểm tra")
    assert checks[-1][1:3] == (2, 2)  # one sheet, then the check against the school's data
    assert "Kiểm tra với dữ liệu của trường" in labels


def test_a_backup_reports_pages_up_to_the_total(school, monkeypatch):
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 16)
    pages = sqlite3.connect(school).execute("PRAGMA page_count").fetchone()[0]
    rec = Recorder()
    made = backups.backup_now(progress=rec)
    copied = [(total, done) for phase, total, done, _ in rec.events if phase.startswith("Sao lưu ")]
    assert copied[-1] == (pages, pages)
    dones = [done for _, done in copied[1:]]
    assert dones == sorted(dones) and len(dones) >= pages // 16
    assert made.path.exists()


def test_a_cancelled_backup_leaves_no_partial_copy_and_rotates_nothing(school, monkeypatch):
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 16)
    old = backups.backup_now(now=dt.datetime(2025, 1, 1, 8))  # kept by nothing but the rotation
    before = names(old.path.parent)
    rec = Recorder(cancel_when=lambda p: p.phase.startswith("Sao lưu ") and p.done >= 32)
    with pytest.raises(Cancelled):
        backups.backup_now(progress=rec)
    assert names(old.path.parent) == before
    with pytest.raises(Cancelled):
        backups.backup_to(school.parent, progress=Recorder(cancel_when=lambda p: p.done >= 16))
    assert not list(school.parent.glob("*-usb.sqlite*"))


# ---------------------------------------------------------------- the offline bundle


def test_a_cancelled_bundle_removes_the_half_built_folder(tmp_path, monkeypatch):
    from cli import bundle

    made: list[str] = []

    def fake_repack(name, folder):
        made.append(name)
        (Path(folder) / f"{name}-1.0-py3-none-any.whl").write_bytes(b"wheel")

    monkeypatch.setattr(bundle, "repack", fake_repack)
    monkeypatch.setattr(bundle, "this_machine_closure", lambda extra=(): ["click", "peewee", "textual", "mamnon"])
    rec = Recorder(cancel_when=lambda p: p.phase == "Đóng gói" and p.done == 2)
    out = tmp_path / "usb" / "bo-cai"
    with pytest.raises(Cancelled):
        bundle.build_bundle(out, [], [], this_machine=True, say=lambda text: None, progress=rec)
    assert made == ["mamnon", "click", "peewee"] and not out.exists()
    packs = rec.of_phase("Đóng gói")
    assert packs[0][1] == 3 and packs[-1][2] == 2
