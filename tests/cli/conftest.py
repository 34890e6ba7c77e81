"""CLI tests: every test on its own database file under tmp_path, passed with --db."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner

from cli.main import cli
from mamnon.services import session


@pytest.fixture(autouse=True)
def _close_database():
    """The core keeps one database handle per process: close it after each test."""
    yield
    session.close()


@pytest.fixture
def db_path(tmp_path):
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
