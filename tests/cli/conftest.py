"""CLI tests: every test on its own database file under tmp_path, passed with --db."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner

from cli.main import cli
from mamnon.paths import DatabaseUrl
from mamnon.services import session
from tests.server_db import ON_SERVER


@pytest.fixture(autouse=True)
def _close_database():
    """The core keeps one database handle per process: close it after each test."""
    yield
    session.close()


# Modules whose tests look at the database file itself (digests, backups beside it, "nothing written",
# copies of a demo file): their --db stays an SQLite file in the PostgreSQL run too.
FILE_MODULES = frozenset({
    "test_accounts_commands", "test_attendance_commands", "test_backup_commands", "test_health_commands",
    "test_hostile_files", "test_import_commands", "test_meals_commands", "test_merge_commands",
    "test_norms_commands", "test_parents_commands", "test_print_commands", "test_progress_commands",
    "test_reply_commands", "test_report_commands", "test_school_commands", "test_template_commands",
})


def _wants_file(request) -> bool:
    return (request.node.get_closest_marker("sqlite_file") is not None
            or request.node.module.__name__.rsplit(".", 1)[-1] in FILE_MODULES)


@pytest.fixture
def db_path(tmp_path, request):
    """The database --db names: a file, or in the PostgreSQL run (MAMNON_TEST_DB) a fresh schema's URL,
    unless the test looks at the file itself (marked sqlite_file, or one of FILE_MODULES)."""
    if ON_SERVER and not _wants_file(request):
        return DatabaseUrl(request.getfixturevalue("server_schemas").new_url())
    return tmp_path / "truong.sqlite"


@pytest.fixture
def run(db_path, monkeypatch):
    """run("info") -> click Result of `mamnon --db <db_path> info`."""
    monkeypatch.delenv("MAMNON_DB", raising=False)
    runner = CliRunner()

    def invoke(*args, db=None, input=None):
        return runner.invoke(cli, ["--db", str(db or db_path), *args], input=input)

    return invoke


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_demo_file(tmp_path_factory, today) -> object:
    """A 40-child demo school as of `today`, built once per module (copy it per test)."""
    from mamnon.services import demo

    path = tmp_path_factory.mktemp("demo") / "mau.sqlite"
    session.open_path(path)
    try:
        demo.build_demo(children=40, seed=1, today=today)
    finally:
        session.close()
    return path


def copy_of(path, tmp_path):
    """Each test gets its own copy of the demo school."""
    target = tmp_path / "truong.sqlite"
    shutil.copy(path, target)
    return target
