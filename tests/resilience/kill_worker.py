"""A fork server for tests/resilience/test_kill.py: imports everything once, then forks one worker per kill.

Protocol on stdin/stdout, one line each:
    test → "go N"      fork worker number N; the server answers "pid P"
    test → "reap P"    the server waits for P (killed by the test) and answers "reaped P"
    test → "quit"
The worker loops forever over committed operations of its kind and, only
after each one is committed (or the file renamed into place), appends a line
to the side log and fsyncs it. Nothing is opened before the fork: SQLite
handles must not cross a fork.

    python tests/resilience/kill_worker.py KIND DB LOG OUT_DIR INPUT_REPORT
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cli.main import cli  # noqa: E402
from importers import import_workbook  # noqa: E402
from mamnon.services import attendance, children, classes, session  # noqa: E402
from tests.workbooks.conftest import roster_row, write_book  # noqa: E402

TODAY = dt.date(2026, 11, 23)
SCHOOL_DAYS = [TODAY - dt.timedelta(d) for d in range(60) if (TODAY - dt.timedelta(d)).weekday() < 5]
_SYLLABLES = ("An", "Bình", "Cúc", "Dung", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga")


def name_for(*numbers: int) -> str:
    """A child's name, letters only (the form refuses digits), unique for each tuple of numbers."""
    words = [" ".join(_SYLLABLES[int(d)] for d in str(n)) for n in numbers]
    return "Trần " + " Và ".join(words)


class Log:
    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def committed(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())
        os.fsync(self.fd)


def _run_cli(*args: str) -> None:
    code = cli.main(list(args), prog_name="mamnon", standalone_mode=False)
    if code not in (None, 0):
        raise SystemExit(f"mamnon {' '.join(args)} → {code}")


def entry(db: str, log: Log, out: Path, report: str, n: int) -> None:
    session.open_path(db)
    lop = classes.list_classes()[0].id
    for i in range(10**9):
        name = name_for(n, i)
        child = children.create_child(children.ChildForm(full_name=name, birth_date="05/09/2021", sex="F",
                                                         class_id=lop, enrolled_on="01/09/2026"), today=TODAY)
        log.committed(f"child\t{name}")
        day = SCHOOL_DAYS[(n * 7 + i) % len(SCHOOL_DAYS)]
        attendance.mark_all_present(lop, day, today=TODAY)
        log.committed(f"present\t{child.id}\t{day.isoformat()}")


def import_rosters(db: str, log: Log, out: Path, report: str, n: int) -> None:
    session.open_path(db)
    lop = classes.list_classes()[0].name
    for i in range(10**9):
        names = [name_for(n, i, k) for k in range(3)]
        path = out / f"nhap-{n}-{i}.xlsx"
        # the input is written aside then renamed, so a kill never leaves a half file under a final name here either
        temp = out / f".~nhap-{n}-{i}.tmp"
        write_book(temp, "roster", [roster_row(name, "05/09/2021", class_name=lop) for name in names])
        os.replace(temp, path)
        done = import_workbook(path, unit_code="MN01", today=TODAY)
        if done.result.errors:
            raise SystemExit(f"import refused: {done.result.errors[0].message}")
        for name in names:
            log.committed(f"child\t{name}")
        path.unlink()


def export(db: str, log: Log, out: Path, report: str, n: int) -> None:
    for i in range(10**9):
        target = out / f"bao-cao-{i % 3}.xlsx"  # the same final names again and again: replaced each time
        _run_cli("--db", db, "export", "report", "--period", "11/2026", "-o", str(target))
        log.committed(f"file\t{target}")


def merge(db: str, log: Log, out: Path, report: str, n: int) -> None:
    history = out / "lich-su.sqlite"
    for i in range(10**9):
        target = out / f"gop-{i % 3}.xlsx"
        _run_cli("merge", report, "-o", str(target), "--unit-code", "PGD-YL", "--unit-name", "Phòng GD&ĐT Yên Lạc",
                 "--into", str(history))
        log.committed(f"file\t{target}")


KINDS = {"entry": entry, "import": import_rosters, "export": export, "merge": merge}


def main() -> None:
    kind, db, log_path, out, report = sys.argv[1:6]
    work = KINDS[kind]
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "go":
            pid = os.fork()
            if pid == 0:
                # stdout is the protocol: what the commands print goes nowhere
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                sys.stdout = open(1, "w", closefd=False)
                try:
                    work(db, Log(log_path), Path(out), report, int(arg))
                finally:
                    os._exit(3)  # only a worker that failed ends by itself; the test kills the others
            print(f"pid {pid}", flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(arg), 0)
            print(f"reaped {arg} {status}", flush=True)
        elif command == "quit":
            return


if __name__ == "__main__":
    main()
