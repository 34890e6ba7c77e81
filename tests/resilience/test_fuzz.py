"""Over a thousand broken workbooks fed to the importer (dry run and apply) and to the merger.

Every file must end in a clear Vietnamese message (a refusal naming the file,
or cell errors), never another exception, never a hang past the watchdog, and
never a change to the database unless the importer accepted the file as
valid (a random flip can land in a part nobody reads: then the import is what
the file says, and the database is put back before the next file). The peak
memory of reading the heaviest files the limits still let through is measured
in a fresh interpreter and printed.

Run alone with -s to see the figures:
    python -m pytest tests/resilience/test_fuzz.py -q -s -p no:xdist
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exporters.report import write_report
from exporters.templates import write_roster
from importers import import_workbook
from importers.merge_inputs import read_inputs
from importers.safe_zip import MAX_CELLS
from mamnon.db import database
from mamnon.errors import MamnonError
from mamnon.merge import Rejected, Unit, merge
from mamnon.services import classes, school, session
from mamnon.workbooks.periods import parse_period
from tests.conftest import add_child
from tests.resilience import broken_workbooks as broken

SEED = 20261124
TODAY = dt.date(2026, 11, 23)
NOV = parse_period("11/2026")
OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")
WATCHDOG_SECONDS = 30
"""A file still being read after this long counts as a hang (a watchdog, not a speed measure)."""
MEMORY_LIMIT_MB = 400
"""Above the interpreter's own: what a 2 GB school PC can spare while the TUI runs."""
_VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐ]")


@dataclass
class Bench:
    folder: Path
    db: Path
    pristine: Path
    roster: bytes
    report: bytes
    baseline: str = ""
    tally: Counter = field(default_factory=Counter)


def _dump_hash() -> str:
    return hashlib.sha256("\n".join(database.connection().iterdump()).encode()).hexdigest()


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "truong.sqlite"
    session.open_path(db)
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name="2026-2027")
    lop = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    for name in ("Trần Thị An", "Lê Văn Bình", "Phạm Minh Châu"):
        add_child(lop, name, "05/09/2021")
    roster = write_roster(folder / "ds.xlsx", "Lá 1", exported_at=dt.datetime(2026, 11, 20, 8))
    report = write_report(folder / "bc.xlsx", NOV, today=TODAY, exported_at=dt.datetime(2026, 11, 25, 16))
    session.close()
    pristine = folder / "pristine.sqlite"
    shutil.copy(db, pristine)
    session.open_path(db)
    b = Bench(folder, db, pristine, roster.read_bytes(), report.read_bytes())
    b.baseline = _dump_hash()
    yield b
    session.close()


def _restore(b: Bench) -> None:
    session.close()
    for suffix in ("-wal", "-shm"):
        b.db.with_name(b.db.name + suffix).unlink(missing_ok=True)
    shutil.copy(b.pristine, b.db)
    session.open_path(b.db)


@contextlib.contextmanager
def _watchdog(label: str):
    def hang(signum, frame):
        raise TimeoutError(f"{label}: still reading after {WATCHDOG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, WATCHDOG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clear(message: str) -> bool:
    return bool(message) and len(message) < 1500 and "Traceback" not in message and bool(_VIETNAMESE.search(message))


def _import(b: Bench, path: Path, dry_run: bool, label: str) -> str:
    try:
        done = import_workbook(path, unit_code="MN01", dry_run=dry_run, annotate_to=b.folder / "loi.xlsx", today=TODAY)
    except MamnonError as exc:
        assert _clear(str(exc)) and path.name in str(exc), f"{label}: unclear refusal {str(exc)[:300]!r}"
        return "refused"
    errors = done.result.errors
    if errors:
        for e in errors:
            assert _clear(e.message) and e.sheet and e.row >= 1, f"{label}: unclear cell error {e!r}"[:500]
        return "cell errors"
    return "accepted"


def _merge(path: Path, label: str) -> str:
    items = read_inputs([path])
    (item,) = items
    if isinstance(item, Rejected):
        assert _clear(item.reason), f"{label}: unclear merge rejection {item.reason[:300]!r}"
        return "merge: generic" if "không đọc được (" in item.reason else "merge: rejected"
    try:
        merge(items, unit=OFFICE)
    except MamnonError as exc:
        assert _clear(str(exc)), f"{label}: unclear merge error {str(exc)[:300]!r}"
        return "merge: refused"
    return "merge: merged"


def _feed(b: Bench, category: str, made) -> int:
    count = 0
    for n, (label, data) in enumerate(made):
        label = f"{category}/{label}"
        path = b.folder / f"tep-{n}.xlsx"
        path.write_bytes(data)
        with _watchdog(label):
            dry = _import(b, path, True, label)
            applied = _import(b, path, False, label)
            merged = _merge(path, label)
        b.tally[f"import: {applied}"] += 1
        b.tally[merged] += 1
        assert dry == applied or applied == "accepted" or dry == "accepted", f"{label}: {dry} then {applied}"
        after = _dump_hash()
        if applied == "accepted":
            if after != b.baseline:
                _restore(b)
        else:
            assert after == b.baseline, f"{label}: the database changed ({applied})"
        path.unlink()
        count += 1
    return count


def _binary(b: Bench, make, *args):
    rng = random.Random(SEED)
    return itertools.chain(make(b.roster, rng, *args), make(b.report, rng, *args))


CATEGORIES = {
    "truncated": lambda b: _binary(b, broken.truncated, 150),
    "bit-rot": lambda b: _binary(b, broken.bit_rot, 150),
    "content-types": lambda b: _binary(b, broken.content_types),
    "xml-bombs": lambda b: _binary(b, broken.xml_bombs),
    "zip-bombs": lambda b: broken.zip_bombs(b.roster, random.Random(SEED)),
    "dimensions": lambda b: _binary(b, broken.dimensions),
    "long-cells": lambda b: broken.long_cells(b.folder, random.Random(SEED)),
    "formulas": lambda b: broken.formulas(b.folder, random.Random(SEED)),
    "wrong-types": lambda b: broken.wrong_types(b.folder, random.Random(SEED)),
    "sheets": lambda b: broken.sheets(b.folder, random.Random(SEED)),
    "metadata": lambda b: broken.metadata(b.folder, random.Random(SEED)),
}
MINIMUM = {"truncated": 300, "bit-rot": 300, "content-types": 100, "xml-bombs": 140, "zip-bombs": 8,
           "dimensions": 50, "long-cells": 20, "formulas": 28, "wrong-types": 79, "sheets": 45, "metadata": 55}
"""At least 1,125 files in all (the issue asks for 1,000)."""


@pytest.mark.parametrize("category", CATEGORIES)
def test_broken_workbooks_end_in_a_clear_message_and_leave_the_database_alone(bench, category):
    started = time.perf_counter()
    bench.tally.clear()
    count = _feed(bench, category, CATEGORIES[category](bench))
    assert count >= MINIMUM[category]
    assert _dump_hash() == bench.baseline
    print(f"\n[fuzz] {category}: {count} files in {time.perf_counter() - started:.1f} s; {dict(bench.tally)}")


def test_the_minimums_add_up_to_a_thousand_files():
    assert sum(MINIMUM.values()) >= 1000


# ---------------------------------------------------------------- the heaviest files the limits let through


def _far_cell(data: bytes, col: str, row: int) -> bytes:
    body = broken.members(data)[broken.SHEET]
    extra = f'<row r="{row}"><c r="{col}{row}"><v>1</v></c></row>'.encode()
    return broken.with_parts(data, **{broken.SHEET.replace("/", "__"): body.replace(b"</sheetData>", extra + b"</sheetData>", 1)})


def _peak_rss_mb(paths: list[Path]) -> float:
    script = Path(__file__).with_name("peak_memory.py")
    out = subprocess.run([sys.executable, str(script), *map(str, paths)], capture_output=True, text=True,
                         timeout=300, cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_mb"]


def test_peak_memory_while_reading_the_worst_files(bench, tmp_path):
    # The largest rectangle a sheet may span (MAX_CELLS), one cell in each far corner; 40 000 characters in
    # every cell; a zip bomb (refused before parsing, but its directory is read).
    rows = MAX_CELLS // 100
    worst = {
        "far corner CV": _far_cell(bench.report, "CV", rows),
        "40 000 characters everywhere": dict(broken.long_cells(bench.folder, random.Random(SEED)))[
            "40 000 characters in every cell"],
        "64 MB zip bomb": dict(broken.zip_bombs(bench.roster, random.Random(SEED)))["64 MB of zeros as the sheet"],
    }
    paths = []
    for i, (label, data) in enumerate(worst.items()):
        path = tmp_path / f"nang-{i}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    baseline = _peak_rss_mb([])
    figures = {label: _peak_rss_mb([p]) - baseline for label, p in zip(worst, paths)}
    print(f"\n[fuzz] interpreter with the readers loaded: {baseline:.0f} MB; peak above it: "
          + ", ".join(f"{label} {mb:.0f} MB" for label, mb in figures.items()))
    assert max(figures.values()) < MEMORY_LIMIT_MB
