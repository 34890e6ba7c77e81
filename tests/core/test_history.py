"""The history database of merged reports (mamnon.history): idempotent storing, trends, opening."""

from __future__ import annotations

import sqlite3

import pytest

from mamnon import history, indicators
from mamnon.history import ROW_UNIT, HistoryError, open_history
from mamnon.merge import MergeInput, Unit, UnitRow, merge

OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")
PROVINCE = Unit("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT")


def school(code: str, period: str, children: int, measured: int, underweight: int) -> MergeInput:
    values = indicators.complete({"TRE": children, "DD_CAN_DO": measured, "DD_NHE_CAN": underweight})
    unit = Unit(code, f"Trường {code}", "Trường")
    exported = "2026-11-30T10:00:00"
    return MergeInput(f"{code}.xlsx", unit, period, "1", exported, True, dict(values),
                      [UnitRow(code, unit.name, "Trường", (), exported, dict(values))])


def as_input(result) -> MergeInput:
    return MergeInput(f"{result.unit.code}.xlsx", result.unit, result.period, "1", "2026-12-01T08:00:00", True,
                      dict(result.indicators), list(result.rows))


@pytest.fixture
def db(tmp_path):
    opened = open_history(tmp_path / "lich-su.sqlite")
    yield opened
    opened.close()


def table_rows(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT period, unit_code, row_type, path, code, value, source_file "
                           "FROM unit_indicator ORDER BY period, unit_code, code").fetchall()
    finally:
        con.close()


def test_storing_the_same_period_twice_keeps_the_same_rows(db, tmp_path):
    result = merge([school("MN-A", "2026-11", 100, 90, 9), school("MN-B", "2026-11", 50, 50, 1)], unit=OFFICE)
    assert db.store(result, source_file="yen-lac.xlsx") == 3
    first = table_rows(tmp_path / "lich-su.sqlite")
    db.store(result, source_file="yen-lac.xlsx")
    assert table_rows(tmp_path / "lich-su.sqlite") == first
    assert len(first) == 3 * len(indicators.CATALOGUE)
    tre = {(r[1], r[2], r[3], r[6]) for r in first if r[4] == "TRE"}
    assert tre == {("PGD-YL", ROW_UNIT, "Phòng GD&ĐT Yên Lạc", "yen-lac.xlsx"),
                   ("MN-A", "Trường", "Phòng GD&ĐT Yên Lạc › Trường MN-A", "MN-A.xlsx"),
                   ("MN-B", "Trường", "Phòng GD&ĐT Yên Lạc › Trường MN-B", "MN-B.xlsx")}
    assert db.periods() == ["2026-11"]


def test_a_re_merge_replaces_the_period_of_its_units_and_keeps_other_periods(db):
    db.store(merge([school("MN-A", "2026-10", 100, 100, 5)], unit=OFFICE))
    db.store(merge([school("MN-A", "2026-11", 100, 100, 9)], unit=OFFICE))
    db.store(merge([school("MN-A", "2026-11", 100, 100, 7)], unit=OFFICE))
    assert db.trend("DD_NHE_CAN", "MN-A") == [("2026-10", 5), ("2026-11", 7)]


def test_every_level_is_kept_subtotals_included(db):
    office = as_input(merge([school("MN-A", "2026-11", 100, 90, 9), school("MN-B", "2026-11", 60, 60, 3)],
                            unit=OFFICE))
    db.store(merge([office, school("MN-C", "2026-11", 40, 40, 2)], unit=PROVINCE))
    units = {u.code: (u.row_type, u.path) for u in db.units()}
    assert units == {
        "SGD-PT": (ROW_UNIT, "Sở GD&ĐT Phú Thọ"),
        "PGD-YL": ("Tổng đơn vị", "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc"),
        "MN-A": ("Trường", "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc › Trường MN-A"),
        "MN-B": ("Trường", "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc › Trường MN-B"),
        "MN-C": ("Trường", "Sở GD&ĐT Phú Thọ › Trường MN-C"),
    }
    assert db.trend("TRE") == [("2026-11", 200)]
    assert db.trend("TRE", "PGD-YL") == [("2026-11", 160)]


def test_the_trend_of_a_rate_is_recomputed_from_the_stored_sums(db, tmp_path):
    db.store(merge([school("MN-A", "2026-09", 10, 10, 1), school("MN-B", "2026-09", 290, 290, 145)], unit=OFFICE))
    db.store(merge([school("MN-A", "2026-10", 10, 10, 0), school("MN-B", "2026-10", 290, 200, 20)], unit=OFFICE))
    # A stored rate edited by hand must not leak into the trend.
    con = sqlite3.connect(tmp_path / "lich-su.sqlite")
    con.execute("UPDATE unit_indicator SET value = 99 WHERE code = 'DD_NHE_CAN_TL'")
    con.commit()
    con.close()
    # (1 + 145) / 300 = 48,7 % — not the 30 % average of 10 % and 50 %.
    assert db.trend("DD_NHE_CAN_TL") == [("2026-09", 48.7), ("2026-10", 9.5)]
    assert db.trend("DD_NHE_CAN_TL", "MN-A") == [("2026-09", 10.0), ("2026-10", 0.0)]


def test_a_stored_rate_is_the_one_recomputed_from_the_row_sums(db, tmp_path):
    broken = school("MN-A", "2026-11", 100, 80, 8)
    broken.rows[0].indicators["DD_NHE_CAN_TL"] = 50.0
    db.store(merge([broken], unit=OFFICE))
    rows = {(r[1], r[4]): r[5] for r in table_rows(tmp_path / "lich-su.sqlite")}
    assert rows[("MN-A", "DD_NHE_CAN_TL")] == 10.0


def test_periods_are_in_time_order_not_text_order(db):
    for period in ("2027-01", "2026-12", "2026-2027", "2026-09"):
        db.store(merge([school("MN-A", period, 10, 10, 1)], unit=OFFICE))
    assert db.periods() == ["2026-09", "2026-2027", "2026-12", "2027-01"]
    assert [p for p, _ in db.trend("TRE")] == db.periods()


def test_unknown_indicator_or_unit_and_an_ambiguous_unit_are_refused(db):
    db.store(merge([school("MN-A", "2026-11", 10, 10, 1)], unit=OFFICE))
    with pytest.raises(HistoryError, match="Không có chỉ tiêu mã «XYZ»"):
        db.trend("XYZ")
    with pytest.raises(HistoryError, match="Không có đơn vị mã «MN-Z»"):
        db.trend("TRE", "MN-Z")
    db.store(merge([school("MN-B", "2026-11", 10, 10, 1)], unit=Unit("PGD-VT", "Phòng GD&ĐT Vĩnh Tường")))
    with pytest.raises(HistoryError, match="nhiều đơn vị gộp: PGD-VT .*PGD-YL"):
        db.trend("TRE")


def test_the_history_reopens_with_its_rows_and_in_wal_mode(tmp_path):
    path = tmp_path / "sub" / "lich-su.sqlite"
    with open_history(f"sqlite:///{path}") as db:
        db.store(merge([school("MN-A", "2026-11", 10, 10, 1)], unit=OFFICE))
    with open_history(str(path)) as db:
        assert db.trend("TRE") == [("2026-11", 10)]
        assert db.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2


def test_a_postgres_url_without_its_driver_says_what_to_install(monkeypatch):
    real = history.importlib.util.find_spec
    monkeypatch.setattr(history.importlib.util, "find_spec",
                        lambda name, *a: None if name == "psycopg2" else real(name, *a))
    with pytest.raises(HistoryError, match=r"pip install psycopg2-binary"):
        open_history("postgresql://so:mat-khau@localhost/lich_su")


def test_a_school_database_or_a_non_sqlite_file_is_refused(tmp_path):
    school_file = tmp_path / "truong.sqlite"
    con = sqlite3.connect(school_file)
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(HistoryError, match="cơ sở dữ liệu của một trường"):
        open_history(school_file)
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải SQLite")
    with pytest.raises(HistoryError, match="không phải cơ sở dữ liệu SQLite"):
        open_history(text)


def test_trends_with_a_merge_not_yet_stored_take_its_period_from_it(db):
    db.store(merge([school("MN-A", "2026-10", 100, 100, 5)], unit=OFFICE))
    db.store(merge([school("MN-A", "2026-11", 100, 100, 9)], unit=OFFICE))
    corrected = merge([school("MN-A", "2026-11", 100, 50, 2)], unit=OFFICE)
    trends = db.trends_with(corrected)
    assert list(trends) == list(history.KEY_CODES)
    assert trends["DD_NHE_CAN_TL"] == [("2026-10", 5.0), ("2026-11", 4.0)]
    assert trends["TRE"] == [("2026-10", 100), ("2026-11", 100)]
    first = db.trends_with(merge([school("MN-A", "2026-12", 10, 10, 1)], unit=Unit("PGD-VT", "Phòng Vĩnh Tường")))
    assert first["DD_NHE_CAN_TL"] == [("2026-12", 10.0)]
