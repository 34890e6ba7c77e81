"""Importing a measuring round from parsed rows: round found or created, flagged values kept unconfirmed."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.models import Measurement, MeasurementRound
from mamnon.services import measurements as ms
from mamnon.services.measurement_import import import_measurements
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)
DAY = dt.date(2026, 11, 20)


@pytest.fixture
def la1(school_db):
    """Three children of Lá 1 (born 2021) and one of Mầm 1."""
    kids = [add_child(school_db["Lá 1"], name, "10/01/2021", sex=sex)
            for name, sex in (("Trần Thị An", "F"), ("Lê Văn Bình", "M"), ("Phạm Thị Cúc", "F"))]
    other = add_child(school_db["Mầm 1"], "Đỗ Văn Dũng", "10/01/2023", sex="M")
    return {"kids": kids, "other": other}


def measured(child, weight, height, day=DAY, **extra):
    return {"code": child.code, "full_name": child.full_name, "class_name": child.class_name,
            "measured_on": day, "weight_kg": weight, "height_cm": height, **extra}


def numbered(rows):
    return list(enumerate(rows, start=5))


def test_a_new_round_is_created_for_the_class_and_filled(la1):
    an, binh, cuc = la1["kids"]
    rows = numbered([measured(an, 17.5, 108.0), measured(binh, 18.2, 110.5, note="ốm nhẹ"),
                     {"code": cuc.code, "full_name": cuc.full_name, "class_name": "Lá 1"}])
    result = import_measurements(rows, today=TODAY)
    assert (result.created, result.updated, result.skipped, result.errors) == (2, 0, 1, [])
    (rnd,) = ms.list_rounds()
    assert (rnd.name, rnd.date, rnd.class_name) == ("Cân đo 20/11/2026", DAY, "Lá 1")
    entry = ms.get_entry(rnd.id, an.id)
    assert (entry.weight_kg, entry.height_cm, entry.lying) == (17.5, 108.0, False)
    assert entry.wfa is not None and entry.wfa_code
    assert ms.get_entry(rnd.id, binh.id).note == "ốm nhẹ"
    assert ms.get_entry(rnd.id, cuc.id) is None
    assert "Đợt cân đo mới" in result.notes[0]


def test_the_same_file_twice_changes_nothing(la1):
    an, binh, _ = la1["kids"]
    rows = numbered([measured(an, "17,5", 108), measured(binh, 18.2, 110.5)])
    import_measurements(rows, today=TODAY)
    stamps = sorted(Measurement.select(Measurement.updated_at).tuples())
    again = import_measurements(rows, today=TODAY)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 2, [])
    assert MeasurementRound.select().count() == 1
    assert sorted(Measurement.select(Measurement.updated_at).tuples()) == stamps
    changed = import_measurements(numbered([measured(an, 17.6, 108), measured(binh, 18.2, 110.5)]), today=TODAY)
    assert (changed.updated, changed.unchanged) == (1, 1)


def test_metadata_names_the_round_and_its_date(la1):
    an = la1["kids"][0]
    result = import_measurements(numbered([measured(an, 17.5, 108, day=None)]), round_name="Cân đo giữa kỳ",
                                 round_date=dt.date(2026, 11, 18), class_name="Lá 1", today=TODAY)
    assert result.ok
    (rnd,) = ms.list_rounds()
    assert (rnd.name, rnd.date, rnd.class_name) == ("Cân đo giữa kỳ", dt.date(2026, 11, 18), "Lá 1")
    assert ms.get_entry(rnd.id, an.id).measured_on == dt.date(2026, 11, 18)


def test_an_implausible_value_is_imported_unconfirmed_with_a_warning(la1):
    an, binh, _ = la1["kids"]
    result = import_measurements(numbered([measured(an, 45, 108), measured(binh, 18.2, 110.5)]), today=TODAY)
    assert (result.created, result.errors) == (2, [])
    (warning,) = result.warnings
    assert (warning.row, warning.header) == (5, "Cân nặng (kg)")
    assert "cần xác nhận" in warning.message
    entry = ms.get_entry(ms.list_rounds()[0].id, an.id)
    assert entry.confirmed is False and entry.reasons
    assert ms.get_entry(ms.list_rounds()[0].id, binh.id).reasons == ()


def test_a_child_of_another_class_writes_nothing_not_even_the_round(la1):
    an = la1["kids"][0]
    rows = numbered([measured(an, 17.5, 108), measured(la1["other"], 13, 95, class_name="Lá 1")])
    result = import_measurements(rows, today=TODAY)
    assert [(e.row, e.header) for e in result.errors] == [(6, "Mã trẻ")]
    assert "không có trẻ mã" in result.errors[0].message.lower()
    assert (result.created, result.applied, result.notes) == (0, False, [])
    assert MeasurementRound.select().count() == 0 and Measurement.select().count() == 0


def test_entry_errors_are_placed_on_their_column(la1):
    an = la1["kids"][0]
    result = import_measurements(numbered([measured(an, 17.5, 108, day=dt.date(2026, 11, 24))]),
                                 round_date=DAY, today=TODAY)
    assert [(e.row, e.header, e.message) for e in result.errors] == [(5, "Ngày cân đo", "Ngày đo ở tương lai.")]


def test_dry_run_creates_no_round(la1):
    result = import_measurements(numbered([measured(la1["kids"][0], 17.5, 108)]), dry_run=True, today=TODAY)
    assert (result.created, result.applied) == (1, False)
    assert MeasurementRound.select().count() == 0
