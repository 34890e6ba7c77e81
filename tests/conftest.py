"""Shared fixtures: an in-memory school database, and a school with classes."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.services import children, classes, school, session, staff


@pytest.fixture
def db():
    """An empty in-memory database with the full schema."""
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
