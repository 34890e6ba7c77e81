"""Progress and cancel of the CSDL ngành import, the census import and the restore (mamnon.progress).

Each operation gets a recording Progress; the counts it reports are checked against the
rows (or pages) counted by hand, and a cancel asked for at a chosen step must leave the
database row for row as before, and no file where the operation was writing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from csdl_workbooks import add_child, child_row, write_csdl_file
from progress_helpers import Recorder, sha

from importers.census_import import import_census_workbook
from importers.csdl_reader import read_csdl
from mamnon import backup as backup_module
from mamnon.errors import Cancelled
from mamnon.models import ALL_MODELS
from mamnon.services import backups, census, children, csdl_import, session
from mamnon.services.csdl_import import apply_diff, diff_sheet, rows_to_write
from mamnon.services.school import school_info

TODAY = dt.date(2026, 11, 23)
Y = 2026
NEW_NAMES = ("Hạnh", "Huệ", "Lan", "Mận", "Nga")


def contents() -> dict[str, list[tuple]]:
    """Every table's rows through the models (SQLite or PostgreSQL alike), in id order."""
    return {m._meta.table_name: list(m.select().order_by(*m._meta.get_primary_keys()).tuples())
            for m in ALL_MODELS}


# ---------------------------------------------------------------- CSDL ngành


@pytest.fixture
def csdl_school(school_db):
    kids = {
        "an": add_child(school_db["Mầm 1"], "Nguyễn Thị An", "05/03/2023"),
        "binh": add_child(school_db["Mầm 1"], "Trần Văn Bình", "10/10/2023", sex="M"),
        "cuc": add_child(school_db["Lá 1"], "Lê Thị Cúc", "01/01/2021"),
    }
    return school_db, kids


def csdl_file(tmp_path: Path, new: int) -> Path:
    """`new` new children in Lá 1, An's commune changed (updated), Bình moved to Lá 1, Cúc as she is."""
    rows = [child_row("Nguyễn Thị An", "05/03/2023", "Mầm 1", **{"Xã/Phường": "Xã Mới"}),
            child_row("Trần Văn Bình", "10/10/2023", "Lá 1", sex="Nam"),
            child_row("Lê Thị Cúc", "01/01/2021", "Lá 1")]
    rows += [child_row(f"Đỗ Thị {name}", f"{i:02d}/04/2021", "Lá 1") for i, name in enumerate(NEW_NAMES[:new], 1)]
    return write_csdl_file(tmp_path / "hs.xlsx", rows)


def test_a_csdl_import_counts_every_row_it_writes(csdl_school, tmp_path, monkeypatch):
    monkeypatch.setattr(csdl_import, "NEW_CHILDREN_PER_STEP", 2)
    diff = diff_sheet(read_csdl(csdl_file(tmp_path, new=5), today=TODAY).sheet, today=TODAY)
    # By hand: 5 new, An updated, Bình moved; Cúc unchanged writes nothing.
    assert rows_to_write(diff) == 7
    rec = Recorder()
    done = apply_diff(diff, today=TODAY, progress=rec)
    assert (done.created, done.updated, done.moved) == (5, 1, 1)
    writes = rec.of_phase("Ghi vào cơ sở dữ liệu")
    assert {total for _, total, _, _ in writes} == {7}
    # New children in batches of 2 (2, 2, 1), then one step per changed row.
    assert sorted({done for _, _, done, _ in writes}) == [0, 2, 4, 5, 6, 7]
    labels = [label for *_, label in writes]
    assert labels[1:4:2] == ["Thêm trẻ mới 1–2/5", "Thêm trẻ mới 3–4/5"]
    assert "Thêm trẻ mới 5–5/5" in labels
    assert "Dòng 6: Nguyễn Thị An" in labels and "Dòng 7: Trần Văn Bình" in labels
    assert writes[-1][2] == 7


def test_the_comparison_is_one_step_that_names_the_rows(csdl_school, tmp_path):
    rec = Recorder()
    diff_sheet(read_csdl(csdl_file(tmp_path, new=2), today=TODAY).sheet, today=TODAY, progress=rec)
    assert rec.events[0] == ("So 5 dòng với dữ liệu của trường", 0, 0, "So 5 dòng với dữ liệu của trường")


@pytest.mark.parametrize("k", [2, 5, 7])
def test_a_csdl_import_cancelled_at_row_k_leaves_every_table_as_it_was(csdl_school, tmp_path, monkeypatch, k):
    monkeypatch.setattr(csdl_import, "NEW_CHILDREN_PER_STEP", 2)
    diff = diff_sheet(read_csdl(csdl_file(tmp_path, new=5), today=TODAY).sheet, today=TODAY)
    before = contents()
    rec = Recorder(cancel_when=lambda p: p.phase == "Ghi vào cơ sở dữ liệu" and p.done >= k)
    with pytest.raises(Cancelled):
        apply_diff(diff, today=TODAY, progress=rec)
    assert max(done for _, _, done, _ in rec.of_phase("Ghi vào cơ sở dữ liệu")) >= k  # rows were written first
    assert contents() == before
    # The same diff, not cancelled, does write: the comparison above can fail.
    apply_diff(diff, today=TODAY)
    assert contents() != before
    assert sum(c.full_name.startswith("Đỗ Thị ") for c in children.list_children()) == 5


def test_a_cancelled_comparison_writes_nothing(csdl_school, tmp_path):
    sheet = read_csdl(csdl_file(tmp_path, new=1), today=TODAY).sheet
    before = contents()
    with pytest.raises(Cancelled):
        diff_sheet(sheet, today=TODAY, progress=Recorder(cancel_when=lambda p: True))
    assert contents() == before


# ---------------------------------------------------------------- census


@pytest.fixture
def census_file(school_db, tmp_path) -> Path:
    """The census of Y with three children, written to the standard workbook, to import as year Y + 1."""
    from exporters.census_workbook import write_census_workbook

    village = census.add_village("Xã Tân Lập", "Thôn Đông").id
    for name, birth in (("Hà Văn Nam", f"01/01/{Y - 3}"), ("Hà Thị Nữ", f"02/02/{Y - 4}"),
                        ("Lò Văn Khải", f"03/03/{Y - 2}")):
        census.create_entry(Y, census.EntryForm(village_id=village, full_name=name, birth_date=birth, sex="M",
                                                guardian_name="Hà Văn Bố", status=census.HERE), today=TODAY)
    return write_census_workbook(tmp_path / "dieu-tra.xlsx", Y)


def test_a_census_import_reports_the_read_and_each_row_written(census_file):
    rec = Recorder()
    done = import_census_workbook(census_file, unit_code=school_info().code, year=Y + 1, today=TODAY,
                                  progress=rec)
    assert done.result.created == 3 and not done.result.errors
    assert rec.events[0][3] == "Đọc tệp dieu-tra.xlsx"
    writes = rec.of_phase("Ghi vào cơ sở dữ liệu")
    assert {total for _, total, _, _ in writes} == {3}
    assert [done for _, _, done, _ in writes] == [0, 0, 1, 1, 2, 2, 3, 3]  # stage, then step/advance per row
    assert sorted(writes[i][3] for i in (1, 3, 5)) == ["Ghi Hà Thị Nữ", "Ghi Hà Văn Nam", "Ghi Lò Văn Khải"]


def test_a_census_dry_run_says_it_only_tries(census_file):
    rec = Recorder()
    import_census_workbook(census_file, unit_code=school_info().code, year=Y + 1, dry_run=True, today=TODAY,
                           progress=rec)
    assert {e[1] for e in rec.of_phase("Thử ghi (chưa lưu)")} == {3}
    assert census.list_entries(Y + 1) == []


@pytest.mark.parametrize("k", [1, 3])
def test_a_census_import_cancelled_after_k_rows_leaves_the_database_as_it_was(census_file, k):
    before = contents()
    rec = Recorder(cancel_when=lambda p: p.phase == "Ghi vào cơ sở dữ liệu" and p.done == k)
    with pytest.raises(Cancelled):
        import_census_workbook(census_file, unit_code=school_info().code, year=Y + 1, today=TODAY, progress=rec)
    assert contents() == before and census.list_entries(Y + 1) == []
    assert not list(census_file.parent.glob("*-loi.xlsx"))  # a cancel is no error: no annotated copy
    import_census_workbook(census_file, unit_code=school_info().code, year=Y + 1, today=TODAY)
    assert len(census.list_entries(Y + 1)) == 3


# ---------------------------------------------------------------- restore


@pytest.fixture
def file_school(tmp_path):
    from mamnon.services import demo

    path = tmp_path / "truong.sqlite"
    session.open_path(path)
    demo.build_demo(children=30, seed=2, code="MN-02", name="Trường MN Sao Mai", today=TODAY)
    yield path
    session.close()


def folder_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


@pytest.mark.sqlite_only(reason="restores an SQLite file")
def test_a_restore_reports_the_pages_copied_up_to_the_total(file_school, monkeypatch):
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 16)
    made = backups.backup_now(now=dt.datetime(2026, 11, 20, 8))
    pages = sqlite3.connect(made.path).execute("PRAGMA page_count").fetchone()[0]
    rec = Recorder()
    result = backups.restore(made.path, file_school, now=dt.datetime(2026, 11, 21, 8), progress=rec)
    copied = [(total, done) for phase, total, done, _ in rec.events if phase == f"Khôi phục từ {made.path.name}"]
    assert copied[-1] == (pages, pages)
    dones = [done for _, done in copied[1:]]
    assert dones == sorted(dones) and len(dones) >= pages // 16
    assert result.set_aside is not None and result.set_aside.exists()


@pytest.mark.sqlite_only(reason="restores an SQLite file")
def test_a_cancelled_restore_puts_the_current_database_back_untouched(file_school, monkeypatch):
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 16)
    made = backups.backup_now(now=dt.datetime(2026, 11, 20, 8))
    session.close()  # as restore itself does: the file's bytes are final once closed
    digest, names = sha(file_school), folder_names(file_school.parent)
    rec = Recorder(cancel_when=lambda p: p.phase.startswith("Khôi phục từ ") and p.done >= 32)
    with pytest.raises(Cancelled):
        backups.restore(made.path, file_school, now=dt.datetime(2026, 11, 21, 8), progress=rec)
    assert max(done for _, _, done, _ in rec.events) >= 32  # pages had been copied
    # Exactly as after a failed copy: no «truoc-khi-khoi-phuc» file left, no partial copy, the file as it was.
    assert folder_names(file_school.parent) == names and sha(file_school) == digest
    session.open_path(file_school)
    assert session.integrity() == "ok"
