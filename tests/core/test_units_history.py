"""Units that merge, split and move: trends through the July 2025 reform from the stored school rows."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon import indicators
from mamnon.errors import ValidationError
from mamnon.history import open_history
from mamnon.merge import MergeInput, Unit, UnitRow, merge
from mamnon.unit_structure import MERGE, RENAME, REPARENT, SPLIT, Change

PROVINCE = Unit("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT")
D1, D2 = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT"), Unit("PGD-TL", "Phòng GD&ĐT Tam Lộc", "Phòng GD&ĐT")
X1, X2 = Unit("UBND-TL", "UBND xã Tân Lập", "UBND xã"), Unit("UBND-HS", "UBND xã Hoa Sơn", "UBND xã")
REFORM = dt.date(2025, 7, 1)
YEARS = ("2023-2024", "2024-2025", "2025-2026", "2026-2027")
# children, measured, underweight per school and year
FIGURES = {
    "MN-1": [(100, 100, 10), (110, 100, 9), (120, 120, 8), (130, 130, 7)],
    "MN-2": [(50, 50, 5), (55, 50, 4), (60, 60, 3), (65, 60, 2)],
    "MN-3": [(80, 80, 8), (85, 80, 6), (90, 90, 5), (95, 90, 4)],
    "MN-4": [(40, 40, 2), (45, 40, 2), (50, 50, 1), (55, 50, 1)],
}


def school(code: str, year: int) -> MergeInput:
    children, measured, underweight = FIGURES[code][year]
    values = indicators.complete({"TRE": children, "DD_CAN_DO": measured, "DD_NHE_CAN": underweight})
    unit = Unit(code, f"Trường {code}", "Trường")
    return MergeInput(f"{code}.xlsx", unit, YEARS[year], "1", "2026-06-01T10:00:00", True, dict(values),
                      [UnitRow(code, unit.name, "Trường", (), "2026-06-01T10:00:00", dict(values))])


def office(unit: Unit, codes, year: int) -> MergeInput:
    result = merge([school(c, year) for c in codes], unit=unit)
    return MergeInput(f"{unit.code}.xlsx", result.unit, result.period, "1", "2026-06-02T08:00:00", True,
                      dict(result.indicators), list(result.rows))


@pytest.fixture
def history(tmp_path):
    """Two years under two districts, then two years under two communes, all merged by the province."""
    db = open_history(tmp_path / "lich-su.sqlite")
    for year in range(4):
        parents = ((D1, ("MN-1", "MN-2")), (D2, ("MN-3", "MN-4"))) if year < 2 else \
            ((X1, ("MN-1", "MN-2")), (X2, ("MN-3", "MN-4")))
        db.store(merge([office(u, codes, year) for u, codes in parents], unit=PROVINCE))
    yield db
    db.close()


def reform(db) -> None:
    """The communes were created on 01/07/2025 and the schools handed to them."""
    for unit in (X1, X2):
        db.record_change(Change(REPARENT, REFORM, unit.code, unit.name, unit.level, PROVINCE.code))
    for code, parent in (("MN-1", X1), ("MN-2", X1), ("MN-3", X2), ("MN-4", X2)):
        db.record_change(Change(REPARENT, REFORM, code, parent_code=parent.code))


def test_province_and_commune_trends_run_2023_to_2027_without_a_break(history):
    reform(history)
    # by hand: 100+50+80+40 = 270; 110+55+85+45 = 295; 120+60+90+50 = 320; 130+65+95+55 = 345
    assert history.trend("TRE", "SGD-PT") == list(zip(YEARS, (270, 295, 320, 345), strict=True))
    # Tân Lập = MN-1 + MN-2 in every year, the two years before it existed included
    assert history.trend("TRE", "UBND-TL") == list(zip(YEARS, (150, 165, 180, 195), strict=True))
    # underweight rate recomputed from sums: 15/150, 13/150, 11/180, 9/190
    assert history.trend("DD_NHE_CAN_TL", "UBND-TL") == list(zip(YEARS, (10.0, 8.7, 6.1, 4.7), strict=True))
    # Hoa Sơn (MN-3 + MN-4): 10/120, 8/120, 6/140, 5/140
    assert history.trend("DD_NHE_CAN_TL", "UBND-HS") == list(zip(YEARS, (8.3, 6.7, 4.3, 3.6), strict=True))
    # a former district keeps what it reported, and nothing after
    assert history.trend("TRE", "PGD-YL") == [("2023-2024", 150), ("2024-2025", 165)]


def test_changes_recorded_before_any_new_file_give_the_communes_their_past(tmp_path):
    """Only the district years are stored; the reform is recorded from the unit-change workbook."""
    with open_history(tmp_path / "cu.sqlite") as db:
        for year in range(2):
            db.store(merge([office(D1, ("MN-1", "MN-2"), year), office(D2, ("MN-3", "MN-4"), year)], unit=PROVINCE))
        with pytest.raises(Exception, match="Không có đơn vị mã «UBND-TL»"):
            db.trend("TRE", "UBND-TL")
        reform(db)
        assert db.trend("TRE", "UBND-TL") == [("2023-2024", 150), ("2024-2025", 165)]
        assert db.trend("TRE", "UBND-HS") == [("2023-2024", 120), ("2024-2025", 130)]
        assert db.structure().path("MN-3") == ["Sở GD&ĐT Phú Thọ", "UBND xã Hoa Sơn", "Trường MN-3"]


def test_the_newest_files_already_place_the_schools(history):
    """Without any recorded change the stored 2025–2027 paths put the schools under the communes."""
    assert history.trend("TRE", "UBND-TL") == list(zip(YEARS, (150, 165, 180, 195), strict=True))


def test_a_merge_and_a_split_roll_up_from_the_schools(history):
    reform(history)
    later = dt.date(2027, 7, 1)
    history.record_change(Change(MERGE, later, "UBND-TH", "UBND xã Tân Hoa", "UBND xã",
                                 sources=("UBND-TL", "UBND-HS")))
    assert history.trend("TRE", "UBND-TH") == list(zip(YEARS, (270, 295, 320, 345), strict=True))
    history.record_change(Change(SPLIT, dt.date(2028, 1, 1), "UBND-TH", level="UBND xã",
                                 targets=(("UBND-A", "UBND xã A"), ("UBND-B", "UBND xã B")),
                                 moves=(("MN-1", "UBND-A"), ("MN-2", "UBND-B"), ("MN-3", "UBND-B"),
                                        ("MN-4", "UBND-B"))))
    assert history.trend("TRE", "UBND-A") == list(zip(YEARS, (100, 110, 120, 130), strict=True))
    history.record_change(Change(RENAME, dt.date(2028, 2, 1), "UBND-A", "UBND phường A"))
    assert history.structure().names["UBND-A"] == "UBND phường A"
    assert [c.kind for c in history.changes()][-3:] == [MERGE, SPLIT, RENAME]


def test_a_cycle_is_refused(history):
    reform(history)
    with pytest.raises(ValidationError) as info:
        history.record_change(Change(REPARENT, dt.date(2027, 7, 1), "SGD-PT", parent_code="UBND-TL"))
    assert "vòng lặp" in str(info.value)
    with pytest.raises(ValidationError):
        history.record_change(Change(REPARENT, dt.date(2027, 7, 1), "MN-1", parent_code="MN-1"))
    assert len(history.changes()) == 6


def test_a_school_left_without_a_parent_is_refused(history):
    reform(history)
    with pytest.raises(ValidationError) as info:  # Tân Lập merged away, its schools moved: fine; a split must
        history.record_change(Change(SPLIT, dt.date(2027, 7, 1), "UBND-TL", level="UBND xã",  # place every school
                                     targets=(("UBND-A", "UBND xã A"),), moves=(("MN-1", "UBND-A"),)))
    assert "MN-2" in str(info.value) and "không có đơn vị cấp trên" in str(info.value)
    with pytest.raises(ValidationError) as info:
        history.record_change(Change(REPARENT, dt.date(2027, 7, 1), "MN-1", parent_code="KHONG-CO"))
    assert "KHONG-CO" in str(info.value)
    assert len(history.changes()) == 6


def test_changes_of_a_workbook_are_kept_all_or_none(history):
    good = Change(REPARENT, REFORM, X1.code, X1.name, X1.level, PROVINCE.code)
    bad = Change(REPARENT, dt.date(2027, 7, 1), "SGD-PT", parent_code="MN-1")
    with pytest.raises(ValidationError):
        history.record_changes([good, bad])
    assert history.changes() == []
