"""Two people editing the same record: the second save is refused (row_version), never silently overwrites.

Runs on SQLite and, in the suite's PostgreSQL run (MAMNON_TEST_DB), on PostgreSQL.
"""

from __future__ import annotations

import pytest

from mamnon.errors import ConcurrentEdit
from mamnon.services import audit, children, session, staff
from tests.conftest import add_child
from tests.server_db import ON_SERVER

REFUSED = "người khác đã sửa bản ghi này sau khi bạn mở nó. Chưa lưu gì; hãy mở lại để xem thay đổi của họ."


def _updates_of_child(child_id: int) -> list[audit.AuditRow]:
    return [r for r in audit.history_of("child", child_id, include_related=False) if r.action == "update"]


def test_the_second_of_two_sessions_is_refused_and_the_first_kept(school_db):
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    first = children.form_for(hoa.id)   # two people open the same child…
    second = children.form_for(hoa.id)
    assert first.row_version == second.row_version == 1

    first.full_name = "Nguyễn Thị Hoà"
    first.note = "đổi tên theo giấy khai sinh"
    children.update_child(hoa.id, first)
    second.village = "Thôn Đông"
    with pytest.raises(ConcurrentEdit) as refused:
        children.update_child(hoa.id, second)

    assert str(refused.value) == f"Trẻ – Nguyễn Thị Hoà ({hoa.code}): {REFUSED}"
    now = children.get_child(hoa.id)
    assert (now.row.full_name, now.note, now.village) == ("Nguyễn Thị Hoà", "đổi tên theo giấy khai sinh", "")
    assert now.row_version == 2
    (update,) = _updates_of_child(hoa.id)
    assert {c.field: (c.before, c.after) for c in update.changes} == {
        "full_name": ("Nguyễn Thị Hoa", "Nguyễn Thị Hoà"), "note": ("", "đổi tên theo giấy khai sinh")}


def test_reopening_after_the_refusal_saves(school_db):
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    stale = children.form_for(hoa.id)
    fresh = children.form_for(hoa.id)
    fresh.note = "A"
    children.update_child(hoa.id, fresh)
    with pytest.raises(ConcurrentEdit):
        children.update_child(hoa.id, stale)
    reopened = children.form_for(hoa.id)
    assert (reopened.note, reopened.row_version) == ("A", 2)
    reopened.village = "Thôn Đông"
    children.update_child(hoa.id, reopened)
    assert (children.get_child(hoa.id).village, children.get_child(hoa.id).row_version) == ("Thôn Đông", 3)


def test_without_a_version_the_save_is_not_checked_but_still_counted(school_db):
    """CLI commands and importers read and write in one go: None means no check."""
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    form = children.form_for(hoa.id)
    form.row_version = None
    form.note = "B"
    children.update_child(hoa.id, form)
    form.note = "C"
    children.update_child(hoa.id, form)
    assert (children.get_child(hoa.id).note, children.get_child(hoa.id).row_version) == ("C", 3)


def test_a_child_marked_left_meanwhile_refuses_the_old_form(school_db):
    import datetime as dt

    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    opened = children.form_for(hoa.id)
    children.mark_left(hoa.id, dt.date(2026, 11, 20), "chuyển trường")
    opened.note = "ghi chú cũ"
    with pytest.raises(ConcurrentEdit):
        children.update_child(hoa.id, opened)
    assert children.get_child(hoa.id).note == ""


def test_staff_second_save_is_refused(school_db):
    lan = staff.list_staff()[0]
    first, second = staff.form_for(lan.id), staff.form_for(lan.id)
    first.phone = "0912000111"
    staff.update_staff(lan.id, first)
    second.note = "nghỉ phép"
    with pytest.raises(ConcurrentEdit) as refused:
        staff.update_staff(lan.id, second)
    assert str(refused.value) == f"Cán bộ – Nguyễn Thị Lan: {REFUSED}"
    now = staff.get_staff(lan.id)
    assert (now.phone, now.note, now.row_version) == ("0912000111", "", 2)


@pytest.fixture
def shared_database(tmp_path, server_schemas):
    """One database two programs can open: a file, or a PostgreSQL schema in the server run."""
    target = server_schemas.new_url() if ON_SERVER else str(tmp_path / "chung.sqlite")
    session.open_path(target)
    yield target
    session.close()


def _other_program(target: str):
    """A second, separate connection to the same database: another PC's mamnon."""
    from peewee import SqliteDatabase

    from mamnon.db import server_database

    other = server_database(target) if ON_SERVER else SqliteDatabase(target)
    other.connect()
    return other


def test_a_change_from_another_connection_is_detected(shared_database):
    from mamnon.services import classes, school

    school.init_school(code="MN01", name="Trường A", year_name="2026-2027")
    class_id = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    hoa = add_child(class_id, "Nguyễn Thị Hoa", "15/03/2021")
    opened = children.form_for(hoa.id)

    other = _other_program(shared_database)
    try:
        # What another PC's update_child writes: its change and the version bump, in one statement.
        sql = "UPDATE child SET address = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?"
        if ON_SERVER:
            sql = sql.replace("?", "%s")
        assert other.execute_sql(sql, ("Số 5 đường Hùng Vương", hoa.id, 1)).rowcount == 1
    finally:
        other.close()

    opened.note = "của máy này"
    with pytest.raises(ConcurrentEdit):
        children.update_child(hoa.id, opened)
    now = children.get_child(hoa.id)
    assert (now.address, now.note, now.row_version) == ("Số 5 đường Hùng Vương", "", 2)
    assert _updates_of_child(hoa.id) == []


def test_class_second_save_is_refused(school_db):
    from mamnon.services import classes

    first, second = classes.form_for(school_db["Lá 1"]), classes.form_for(school_db["Lá 1"])
    first.room = "Phòng 3"
    classes.update_class(school_db["Lá 1"], first)
    second.note = "lớp ghép"
    with pytest.raises(ConcurrentEdit) as refused:
        classes.update_class(school_db["Lá 1"], second)
    assert str(refused.value) == f"Lớp – Lá 1: {REFUSED}"
    now = classes.get_class(school_db["Lá 1"])
    assert (now.room, now.note, now.row_version) == ("Phòng 3", "", 2)
