"""Temp files of killed exports are swept away by the next export into the same folder.

An export writes a hidden `.~mamnon-….tmp.xlsx` and renames it at the end; a power cut or a
closed window leaves it behind (the kill tests make hundreds). The next export removes ours
once they are old enough not to be an export still running, and nothing else.
"""

from __future__ import annotations

import os
import time

from exporters.xlsx import LEFTOVER_AGE_SECONDS, atomic_workbook, sweep_leftovers


def _file(folder, name, age_seconds):
    path = folder / name
    path.write_bytes(b"PK")
    when = time.time() - age_seconds
    os.utime(path, (when, when))
    return path


def test_the_next_export_removes_old_leftovers_and_nothing_else(tmp_path):
    old = _file(tmp_path, ".~mamnon-abc123.tmp.xlsx", LEFTOVER_AGE_SECONDS + 60)
    running = _file(tmp_path, ".~mamnon-def456.tmp.xlsx", 5)  # another export writing right now
    others = [_file(tmp_path, name, 10 * LEFTOVER_AGE_SECONDS)
              for name in ("bao-cao.xlsx", ".~lock.bao-cao.xlsx#", ".~mamnon-notes.txt", "~$bao-cao.xlsx")]
    with atomic_workbook(tmp_path / "moi.xlsx") as book:
        book.add_worksheet("A").write_string(0, 0, "x")
    assert not old.exists()
    assert running.exists()
    assert all(p.exists() for p in others)
    assert (tmp_path / "moi.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~mamnon-")) == [
        ".~mamnon-def456.tmp.xlsx", ".~mamnon-notes.txt"]


def test_sweep_reports_what_it_removed_and_survives_a_missing_folder(tmp_path):
    old = _file(tmp_path, ".~mamnon-x.tmp.xlsx", LEFTOVER_AGE_SECONDS + 1)
    assert sweep_leftovers(tmp_path) == [old]
    assert sweep_leftovers(tmp_path) == []
    assert sweep_leftovers(tmp_path / "khong-co") == []
