"""Files that are not a usable mamnon database: one line, exit 1, no traceback, file untouched."""

from __future__ import annotations

import random
import sqlite3

import pytest

from mamnon.services import session
from tests.cli.conftest import digest


def text_file(path):
    path.write_text("Danh sách trẻ lớp Lá 1\nNguyễn Văn An\n", encoding="utf-8")


def random_bytes(path):
    path.write_bytes(random.Random(7).randbytes(20_000))


def other_sqlite_app(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('hello')")
    con.commit()
    con.close()


def newer_schema(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL, program_version TEXT NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (999, 'm0999_future', '2030-01-01T00:00:00', '9.0')")
    con.commit()
    con.close()


def _demo_file(path):
    from mamnon.services import demo

    session.open_path(path)
    demo.build_demo(children=150, seed=1)
    session.close()
    return path.read_bytes()


def truncated_mamnon(path):
    data = _demo_file(path)
    path.write_bytes(data[: len(data) // 2])


def corrupted_mamnon(path):
    data = bytearray(_demo_file(path))
    data[8192:8192 + 3000] = b"\xab" * 3000  # pages 3 and 4 overwritten
    path.write_bytes(bytes(data))


FILES = {
    "text": (text_file, "không phải tệp SQLite"),
    "random": (random_bytes, "không phải tệp SQLite"),
    "other-app": (other_sqlite_app, "không phải của mamnon"),
    "newer": (newer_schema, "phiên bản mamnon mới hơn"),
    "truncated": (truncated_mamnon, "bị hỏng"),
    "corrupted": (corrupted_mamnon, "bị hỏng"),
}
COMMANDS = {
    "info": ["info"],
    "children": ["children", "list"],
    "demo": ["demo"],
    "demo-open": ["demo", "--open"],
    "init": ["init", "--code", "MN1", "--name", "Trường A", "--year", "2026-2027"],
    "upgrade": ["upgrade"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", FILES)
def test_unusable_files_are_refused_untouched(run, db_path, kind, command, monkeypatch):
    from cli import commands_school

    monkeypatch.setattr(commands_school, "run_tui", lambda app: pytest.fail("the TUI must not open"))
    make, message = FILES[kind]
    make(db_path)
    before = digest(db_path)
    result = run(*COMMANDS[command])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    if command == "info":  # the path and version lines come first
        lines = [line for line in lines if not line.startswith(("Tệp dữ liệu:", "Chương trình:"))]
    assert len(lines) == 1, result.output
    assert message in lines[0]
    assert str(db_path.name) in lines[0]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    session.close()
    assert digest(db_path) == before


@pytest.mark.parametrize("kind", ["text", "random", "other-app", "newer", "truncated", "corrupted"])
def test_nothing_appears_beside_a_refused_file(run, db_path, kind):
    FILES[kind][0](db_path)
    before = sorted(p.name for p in db_path.parent.iterdir())
    assert run("info").exit_code == 1
    session.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == before
