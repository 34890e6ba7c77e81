"""What the progress-and-cancel tests share: a recording Progress, the school reports a merge reads,
and the two ways of saying "nothing changed" (every row of a database file, a file's checksum)."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

from mamnon.progress import Progress

TODAY = dt.date(2026, 11, 23)


class Recorder(Progress):
    """Every change as (phase, total, done, label); cancels itself when `cancel_when(self)` says so."""

    def __init__(self, cancel_when=None) -> None:
        super().__init__(on_change=self.record)
        self.events: list[tuple[str, int, int, str]] = []
        self.cancel_when = cancel_when

    def record(self, progress: Progress) -> None:
        self.events.append((progress.phase, progress.total, progress.done, progress.label))
        if self.cancel_when is not None and self.cancel_when(self):
            self.cancel()

    def of_phase(self, phase: str) -> list[tuple[str, int, int, str]]:
        return [e for e in self.events if e[0] == phase]


def school_reports(folder: Path, seeds, children: int) -> list[Path]:
    """One demo school's November report per seed (schools MN-0<seed>), written into `folder`."""
    from exporters.report import write_report
    from mamnon.services import demo, session
    from mamnon.workbooks.periods import parse_period

    out = []
    for seed in seeds:
        session.open_path(folder / f"{seed}.sqlite")
        try:
            demo.build_demo(children=children, seed=seed, code=f"MN-0{seed}", name=f"Trường MN số {seed}",
                            today=TODAY)
            out.append(write_report(folder / f"truong-{seed}.xlsx", parse_period("11/2026"), today=TODAY,
                                    exported_at=dt.datetime(2026, 11, 24, 8 + seed)))
        finally:
            session.close()
    return out


def inbox_of(paths: list[Path], folder: Path) -> Path:
    """A fresh folder holding copies of `paths`, as an office's inbox of received files."""
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def file_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows of an SQLite file, in rowid order, read through a connection of its own."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
