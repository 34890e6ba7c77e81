"""Two sessions creating the same first row (a child's first measurement in a round, the school's child added to
a census year, a new village) at the same instant: the first one's row is kept, the second is told (ConcurrentEdit),
never a raw IntegrityError.

The race is played two ways: the other session's row is created between this session's read and its insert
(the read held back by a monkeypatch), and with two real connections in two threads, the other one holding its
insert uncommitted while this one saves. Runs on SQLite and, in the suite's PostgreSQL run (MAMNON_TEST_DB), on
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from peewee import IntegrityError

from mamnon.db import database
from mamnon.errors import ConcurrentEdit
from mamnon.models import CensusEntry, CensusVillage, Measurement
from mamnon.services import audit, census, classes, school, session
from mamnon.services import measurements as ms
from mamnon.services.background import own_connection
from mamnon.services.unique_create import insert_once
from tests.conftest import add_child
from tests.server_db import ON_SERVER

TODAY = dt.date(2026, 11, 23)
WAIT = 30
"""Seconds before a stuck thread fails the test (a safeguard, never a measurement)."""
REFUSED = "người khác đã sửa bản ghi này sau khi bạn mở nó. Chưa lưu gì; hãy mở lại để xem thay đổi của họ."


@pytest.fixture
def round_of_hoa(school_db):
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    round_id = ms.create_round("15/10/2026", class_id=school_db["Lá 1"], today=TODAY).id
    return hoa, round_id


def _read_before_their_save(monkeypatch, their_save):
    """This session's read of the entry finds none: the other session saves just after it."""
    real = ms._stored_entry

    def read_then_they_save(round_id, child_id):
        found = real(round_id, child_id)
        their_save()
        return found

    monkeypatch.setattr(ms, "_stored_entry", read_then_they_save)


def _other_session(work) -> None:
    """`work` through a connection of its own in another thread, committed before this returns."""
    failures: list[BaseException] = []

    def run():
        try:
            with own_connection():
                work()
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(WAIT)
    assert not thread.is_alive() and not failures, failures


def test_insert_once_names_the_row_another_session_created(round_of_hoa):
    """What the create path does when its insert meets the other session's row on the unique index."""
    hoa, round_id = round_of_hoa
    _insert_theirs(round_id, hoa.id)
    mine = Measurement(measurement_round=round_id, child=hoa.id, measured_on=dt.date(2026, 10, 15), weight_kg=19.0)

    with pytest.raises(ConcurrentEdit) as refused:
        insert_once(mine, (Measurement.measurement_round == round_id) & (Measurement.child == hoa.id))

    assert str(refused.value) == f"Cân đo – Nguyễn Thị Hoa ({hoa.code}) – 15/10/2026: {REFUSED}"
    (stored,) = Measurement.select()
    assert (stored.weight_kg, stored.height_cm) == (18.5, 108.0)


def test_insert_once_leaves_other_integrity_errors_alone(round_of_hoa):
    """A child that does not exist (a foreign key) is no concurrent edit: the error stays what it is."""
    _hoa, round_id = round_of_hoa
    mine = Measurement(measurement_round=round_id, child=999_999, measured_on=dt.date(2026, 10, 15), weight_kg=19.0)
    with pytest.raises(IntegrityError):
        insert_once(mine, (Measurement.measurement_round == round_id) & (Measurement.child == 999_999))
    assert Measurement.select().count() == 0


def test_first_measurement_saved_by_another_connection_between_read_and_insert(monkeypatch, request):
    """PostgreSQL: their commit lands between this transaction's read and its insert (READ COMMITTED allows it);
    the insert fails on the unique index and is reported. SQLite's write lock, taken when the save begins,
    leaves no such gap; its two-connection case is the next test."""
    if not ON_SERVER:
        pytest.skip("SQLite: the save holds the write lock from its first read (next test)")
    school_db = request.getfixturevalue("school_db")
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    round_id = ms.create_round("15/10/2026", class_id=school_db["Lá 1"], today=TODAY).id
    _read_before_their_save(monkeypatch, lambda: _other_session(lambda: _insert_theirs(round_id, hoa.id)))

    with pytest.raises(ConcurrentEdit) as refused:
        ms.save_entry(hoa.id, round_id, "19", "110", today=TODAY, row_version=0)

    assert str(refused.value) == f"Cân đo – Nguyễn Thị Hoa ({hoa.code}) – 15/10/2026: {REFUSED}"
    (stored,) = Measurement.select()
    assert (stored.weight_kg, stored.height_cm, stored.row_version) == (18.5, 108.0, 1)
    assert audit.history_of("measurement", stored.id, include_related=False) == []  # nothing of this session's


def _insert_theirs(round_id: int, child_id: int) -> None:
    Measurement.insert(measurement_round=round_id, child=child_id, measured_on=dt.date(2026, 10, 15),
                       weight_kg=18.5, height_cm=108.0).execute()


@pytest.fixture
def shared_school(tmp_path):
    """A school in a database two connections can share: a file on SQLite, a schema on PostgreSQL."""
    if ON_SERVER:
        session.open_memory()
    else:
        session.open_path(tmp_path / "truong.sqlite")
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name="2026-2027")
    la = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    hoa = add_child(la, "Nguyễn Thị Hoa", "15/03/2021")
    round_id = ms.create_round("15/10/2026", class_id=la, today=TODAY).id
    yield hoa, round_id
    session.close()


def test_two_nurses_saving_the_first_measurement_at_once(shared_school):
    """Nurse A's save has written the entry and not committed yet when nurse B, whose grid showed none, saves.
    B waits for A (SQLite: the write lock; PostgreSQL: the unique index), then is told; A's numbers stay."""
    hoa, round_id = shared_school
    inserted, go = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def nurse_a():
        with own_connection(), database.atomic():
            ms.save_entry(hoa.id, round_id, "18,5", "108", today=TODAY, row_version=0)
            inserted.set()
            assert go.wait(WAIT)

    def nurse_b():
        assert inserted.wait(WAIT)
        try:
            with own_connection():
                ms.save_entry(hoa.id, round_id, "19", "110", today=TODAY, row_version=0)
        except Exception as exc:  # what B's screen would show
            outcome["b"] = exc
        else:
            outcome["b"] = "saved"

    threads = [threading.Thread(target=nurse_a), threading.Thread(target=nurse_b)]
    for t in threads:
        t.start()
    assert inserted.wait(WAIT)
    if ON_SERVER:
        _until_a_session_waits_for_a_lock()  # B has read «none» and its insert waits on A's row
    go.set()  # SQLite: whether B already waits for the write lock or has not begun, it must end the same way
    for t in threads:
        t.join(WAIT)
        assert not t.is_alive()

    assert isinstance(outcome["b"], ConcurrentEdit), outcome["b"]
    assert str(outcome["b"]) == f"Cân đo – Nguyễn Thị Hoa ({hoa.code}) – 15/10/2026: {REFUSED}"
    now = ms.get_entry(round_id, hoa.id)
    assert (now.weight_kg, now.height_cm, now.row_version) == (18.5, 108.0, 1)
    assert Measurement.select().count() == 1


def _until_a_session_waits_for_a_lock() -> None:
    """PostgreSQL says when a backend waits on a lock: then B is blocked inside its insert."""
    deadline = time.monotonic() + WAIT
    while not database.execute_sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                    "AND datname = current_database()").fetchone()[0]:
        assert time.monotonic() < deadline, "B never waited for A's row"
        time.sleep(0.02)


# ---------------------------------------------------------------- census entries and villages


def test_school_child_added_to_the_census_by_another_session_meanwhile(school_db, monkeypatch):
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    dong = census.add_village("Xã Tân Lập", "Thôn Đông").id
    real_check = census.check_entry

    def checked_then_they_add(form, year, **kwargs):
        checked = real_check(form, year, **kwargs)
        # The other session's form, saved after this one's duplicate check found nothing.
        CensusEntry.insert(year=2026, village=dong, child=hoa.id, status=census.HERE,
                           note="nhập ở máy văn phòng").execute()
        return checked

    monkeypatch.setattr(census, "check_entry", checked_then_they_add)
    with pytest.raises(ConcurrentEdit) as refused:
        census.create_entry(2026, census.EntryForm(village_id=dong, child_id=hoa.id, status=census.HERE,
                                                   note="nhập ở máy y tế"), today=TODAY)

    assert str(refused.value) == f"Phiếu điều tra phổ cập – Nguyễn Thị Hoa ({hoa.code}): {REFUSED}"
    (kept,) = CensusEntry.select()
    assert (kept.child_id, kept.note) == (hoa.id, "nhập ở máy văn phòng")


def test_a_child_from_outside_the_school_has_no_key_to_collide_on(school_db):
    """Two entries with the same name are allowed by the schema (the form's own check names duplicates)."""
    dong = census.add_village("Xã Tân Lập", "Thôn Đông").id
    made = census.create_entry(2026, census.EntryForm(village_id=dong, full_name="Lò Thị Mai",
                                                      birth_date="03/04/2021", sex="F", guardian_name="Lò Văn Sinh",
                                                      status=census.NONE), today=TODAY)
    assert (made.full_name, CensusEntry.select().count()) == ("Lò Thị Mai", 1)


def test_the_same_new_village_added_by_two_sessions_is_one_village(school_db, monkeypatch):
    first = census.add_village("Xã Tân Lập", "Thôn Đông")
    real_find = census.find_village
    calls = []

    def not_seen_yet(commune, village):
        calls.append(village)
        return None if len(calls) == 1 else real_find(commune, village)  # read before the other's commit

    monkeypatch.setattr(census, "find_village", not_seen_yet)
    again = census.add_village("Xã Tân Lập", "Thôn Đông")

    assert again.id == first.id and (again.commune, again.name) == ("Xã Tân Lập", "Thôn Đông")
    assert CensusVillage.select().count() == 1


# ---------------------------------------------------------------- automatic codes (HS00001, CB001)


def test_a_child_code_another_session_took_meanwhile_is_taken_again(school_db, monkeypatch):
    from mamnon.services import children

    first = add_child(school_db["Lá 1"], "Trần Thị An", "05/09/2021")
    assert first.code == "HS00001"
    stale = iter(["HS00001"])  # read before the other session's child was committed
    real = children.next_child_code
    monkeypatch.setattr(children, "next_child_code", lambda: next(stale, None) or real())
    second = add_child(school_db["Lá 1"], "Lê Văn Bình", "05/09/2021")
    assert second.code == "HS00002"
    assert sorted(c.code for c in children.list_children()) == ["HS00001", "HS00002"]


def test_a_staff_code_another_session_took_meanwhile_is_taken_again(school_db, monkeypatch):
    from mamnon.services import staff

    first = staff.create_staff(staff.StaffForm(full_name="Phạm Thị Lan", birth_date="01/02/1990"))
    stale = iter([first.code])
    real = staff.next_staff_code
    monkeypatch.setattr(staff, "next_staff_code", lambda: next(stale, None) or real())
    second = staff.create_staff(staff.StaffForm(full_name="Vũ Thị Mai", birth_date="01/02/1991"))
    assert second.code == f"CB{int(first.code[2:]) + 1:03d}"  # the code after the one taken meanwhile


def test_a_typed_code_another_session_used_meanwhile_is_refused_on_its_field(school_db, monkeypatch):
    from mamnon.errors import ValidationError
    from mamnon.services import children

    add_child(school_db["Lá 1"], "Trần Thị An", "05/09/2021", code="HS-A")
    # The form's own check ran before the other session committed: it saw the code free.
    monkeypatch.setattr(children, "check_child", _unchecked_code(children.check_child))
    with pytest.raises(ValidationError) as exc:
        add_child(school_db["Lá 1"], "Lê Văn Bình", "05/09/2021", code="HS-A")
    assert exc.value.errors == {"code": "Mã HS-A vừa được người khác dùng; hãy gõ mã khác."}
    assert [c.full_name for c in children.list_children()] == ["Trần Thị An"]


def _unchecked_code(check):
    def without_the_code_clash(form, **kwargs):
        values, chk = check(form, **kwargs)
        chk.errors.pop("code", None)
        return values, chk
    return without_the_code_clash
