"""Power cuts and crashes: workers SIGKILLed at random moments of data entry, import, export and merge.

A fork server (kill_worker.py) imports the program once; each kill forks a
fresh worker that loops over committed operations and logs each one only
after it is committed (or its file renamed into place). The test kills it
after a random delay, then checks: PRAGMA integrity_check is ok (the school
database, the merge's history database, every backup under its final name),
every logged change is in the database, and every workbook under a final
name is whole (read back completely, checksum matching). The next worker
carries on with the same files, so recovery after each kill is exercised
too. Fixed seed; run with -s to see the figures.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mamnon.backup import inspect_file

SEED = 20261124
KILLS = {"entry": 35, "import": 35, "export": 16, "merge": 16}
"""102 kills in all (the issue asks for at least 100)."""
DELAY_SECONDS = {"entry": (0.02, 0.7), "import": (0.02, 0.7), "export": (0.05, 1.8), "merge": (0.05, 1.8)}
"""Spread over about two operations of each kind (an export computes the whole report: about a second)."""
TODAY = dt.date(2026, 11, 23)
WORKER = Path(__file__).with_name("kill_worker.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def school_files(tmp_path_factory):
    from exporters.report import write_report
    from mamnon.services import demo, session
    from mamnon.workbooks.periods import parse_period

    folder = tmp_path_factory.mktemp("truong")
    db = folder / "truong.sqlite"
    session.open_path(db)
    try:
        demo.build_demo(children=20, seed=1, code="MN01", today=TODAY)
        report = write_report(folder / "MN01.xlsx", parse_period("11/2026"), today=TODAY,
                              exported_at=dt.datetime(2026, 11, 25, 16))
    finally:
        session.close()
    return db.read_bytes(), report


def _complete_lines(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    text = log.read_text(encoding="utf-8")
    lines = text.split("\n")[:-1]  # a line cut by the kill has no newline yet: it was never "logged"
    return [line.split("\t") for line in lines]


def _check_database(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path
    return con


def _check_workbooks(folder: Path) -> int:
    from importers.report_reader import read_report
    from importers.workbook_reader import open_workbook

    count = 0
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith("."):  # a temporary a kill left behind, never under a final name
            continue
        if path.name.startswith("nhap-"):
            assert open_workbook(path).kind == "roster"
        else:
            report = read_report(path)
            assert report.checksum_ok is True, path
        count += 1
    return count


def _verify(kind: str, db: Path, log: Path, out: Path) -> tuple[int, int]:
    """(committed changes checked, workbooks checked) after a kill."""
    con = _check_database(db)
    checked = 0
    try:
        for entry in _complete_lines(log):
            if entry[0] == "child":
                assert con.execute("SELECT 1 FROM child WHERE full_name = ?", (entry[1],)).fetchone(), entry
            elif entry[0] == "present":
                assert con.execute("SELECT 1 FROM attendance_mark WHERE child_id = ? AND date = ?",
                                   (int(entry[1]), entry[2])).fetchone(), entry
            elif entry[0] == "file":
                assert Path(entry[1]).exists(), entry
            checked += 1
    finally:
        con.close()
    history = out / "lich-su.sqlite"
    if history.exists() and history.stat().st_size:
        _check_database(history).close()
    for backup in (db.parent / "sao-luu").glob("*.sqlite"):
        assert inspect_file(backup).check == "ok", backup
    return checked, _check_workbooks(out)


@pytest.mark.parametrize("kind", KILLS)
def test_killed_workers_leave_whole_files_and_every_committed_change(kind, school_files, tmp_path):
    data, report = school_files
    db = tmp_path / "truong.sqlite"
    db.write_bytes(data)
    out = tmp_path / "ra"
    out.mkdir()
    log = tmp_path / "nhat-ky.txt"
    errors = tmp_path / "loi.txt"
    rng = random.Random(f"{SEED}-{kind}")
    with open(errors, "w") as err:
        server = subprocess.Popen([sys.executable, str(WORKER), kind, str(db), str(log), str(out), str(report)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, cwd=REPO)
    try:
        assert server.stdout.readline().strip() == "ready", errors.read_text()
        survived = checked = files = 0
        for n in range(KILLS[kind]):
            server.stdin.write(f"go {n}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline().split()[1])
            time.sleep(rng.uniform(*DELAY_SECONDS[kind]))
            os.kill(pid, signal.SIGKILL)
            server.stdin.write(f"reap {pid}\n")
            server.stdin.flush()
            status = int(server.stdout.readline().split()[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                f"worker {n} ended by itself: {errors.read_text()[-3000:]}"
            checked, files = _verify(kind, db, log, out)
            survived += 1
    finally:
        server.stdin.write("quit\n")
        server.stdin.flush()
        server.wait(timeout=30)
    assert survived == KILLS[kind]
    assert checked > 0, "no operation was ever committed before a kill: the delays are too short"
    print(f"\n[kill] {kind}: {survived} kills survived; {checked} committed changes and {files} workbooks "
          f"checked after the last one")


def test_the_kills_add_up_to_a_hundred():
    assert sum(KILLS.values()) >= 100
