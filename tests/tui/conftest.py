"""TUI tests: the real app (make_app) on its own SQLite file under tmp_path, at 80x24.

The core keeps one database handle per process, so every test closes it
afterwards; pytest-xdist runs tests in separate processes, each with its own
file, so tests are parallel-safe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from mamnon.services import children, classes, school, session, staff
from tui.app import make_app
from tests.server_db import ON_SERVER
from tui.screens.setup import default_year_name


@pytest.fixture(autouse=True)
def _close_database():
    yield
    session.close()


# Tests that look at the database file itself (read it with sqlite3, back it up): their database stays an
# SQLite file in the PostgreSQL run too.
FILE_MODULES = frozenset({"test_tui_progress", "test_tui_damaged_db"})
FILE_TESTS = frozenset({"test_a_backup_taken_from_the_system_menu_is_listed",
                        "test_home_shows_school_parents_counts_and_opens_modules"})  # derives a 2nd file name


def _wants_file(request) -> bool:
    return (request.node.get_closest_marker("sqlite_file") is not None
            or request.node.module.__name__.rsplit(".", 1)[-1] in FILE_MODULES
            or request.node.originalname in FILE_TESTS)


@pytest.fixture
def db_path(tmp_path, request) -> str:
    """A file, or in the PostgreSQL run (MAMNON_TEST_DB) a fresh schema's URL unless the test looks at the
    file itself (marked sqlite_file, or listed above)."""
    if ON_SERVER and not _wants_file(request):
        return request.getfixturevalue("server_schemas").new_url()
    return str(tmp_path / "truong.sqlite")


@dataclass
class School:
    path: str
    year_first: int
    classes: dict[str, int]
    children: dict[str, int]
    teacher_id: int
    enrolled: dt.date

    def app(self):
        return make_app(self.path)


@pytest.fixture
def school_db(db_path) -> School:
    """A school in the current school year: a teacher, three classes, six children."""
    session.open_path(db_path)
    year = default_year_name()
    first = int(year[:4])
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập",
                       province="Tỉnh Phú Thọ", year_name=year)
    teacher = staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Giáo viên",
                                                 phone="0912345678", birth_date="02/03/1990"))
    class_ids = {}
    for name, group in (("Nhà trẻ A", "NT_25_36"), ("Mầm 1", "MG_3_4"), ("Lá 1", "MG_5_6")):
        class_ids[name] = classes.create_class(
            classes.ClassForm(name=name, age_group=group, main_teacher_id=teacher.id)).id
    # Enrolled a month ago: moving or leaving "today" is always after the stay began.
    enrolled = dt.date.today() - dt.timedelta(days=30)
    child_ids = {}
    for cls, name, birth_year, sex in (
        ("Lá 1", "Nguyễn Thị Hoa", first - 5, "F"),
        ("Lá 1", "Nguyễn Văn Thịnh", first - 5, "M"),
        ("Mầm 1", "Nguyễn Thị Mai", first - 3, "F"),
        ("Mầm 1", "Trần Thị Nguyệt", first - 3, "F"),
        ("Nhà trẻ A", "Lê Minh Khôi", first - 2, "M"),
        ("Nhà trẻ A", "Phạm Ngọc Ánh", first - 2, "F"),
    ):
        row = children.create_child(children.ChildForm(
            full_name=name, birth_date=f"15/03/{birth_year}", sex=sex, class_id=class_ids[cls],
            enrolled_on=enrolled.strftime("%d/%m/%Y")))
        child_ids[name] = row.id
    session.close()
    return School(db_path, first, class_ids, child_ids, teacher.id, enrolled)
