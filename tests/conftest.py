"""Shared fixtures: an in-memory school database, and a school with classes."""

from __future__ import annotations

import datetime as dt
import os

import pytest

# The suite asserts the Vietnamese texts: a developer's saved `mamnon lang en` must not leak in
# (cli/__init__ reads this before any command module is imported).
os.environ["MAMNON_LANG"] = "vi"

from mamnon.services import children, classes, school, session, staff
from tests.server_db import ON_SERVER, Schemas, drop_server_memory, install_server_memory


def pytest_sessionstart(session):
    if ON_SERVER:
        install_server_memory()


def pytest_sessionfinish(session):
    if ON_SERVER:
        drop_server_memory()


def pytest_collection_modifyitems(config, items):
    if not ON_SERVER:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "SQLite only")
            item.add_marker(pytest.mark.skip(reason=f"chỉ SQLite: {reason}"))


@pytest.fixture
def server_schemas():
    """Fresh PostgreSQL schemas for this test (MAMNON_TEST_DB), dropped afterwards."""
    schemas = Schemas()
    yield schemas
    session.close()  # the test's connection must not hold the schema being dropped
    schemas.drop_all()


@pytest.fixture
def db():
    """An empty database with the full schema: in memory, or a fresh PostgreSQL schema (MAMNON_TEST_DB)."""
    session.open_memory()
    yield
    session.close()


@pytest.fixture
def school_db(db):
    """A school for 2026-2027 with a teacher and three classes (nhà trẻ, 3–4, 5–6)."""
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập",
                       province="Tỉnh Phú Thọ", year_name="2026-2027")
    teacher = staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Giáo viên"))
    ids = {}
    for name, group in (("Nhà trẻ A", "NT_25_36"), ("Mầm 1", "MG_3_4"), ("Lá 1", "MG_5_6")):
        ids[name] = classes.create_class(classes.ClassForm(name=name, age_group=group,
                                                           main_teacher_id=teacher.id)).id
    return ids


def add_child(class_id: int, name: str, birth: str, sex: str = "F", **extra) -> children.ChildRow:
    """Create a child through the service, enrolled on 05/09/2026 unless told otherwise."""
    extra.setdefault("enrolled_on", "05/09/2026")
    return children.create_child(children.ChildForm(full_name=name, birth_date=birth, sex=sex,
                                                    class_id=class_id, **extra),
                                 today=dt.date(2026, 11, 23))
