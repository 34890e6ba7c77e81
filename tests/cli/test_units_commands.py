"""`mamnon units ...` and the trend through a reform, on a history database fed by mamnon.merge."""

from __future__ import annotations

import json

import openpyxl
import pytest

from exporters.unit_changes import write_unit_changes
from exporters.workbook_writer import UnitMeta
from mamnon.history import open_history
from mamnon.merge import merge
from mamnon.unit_structure import REPARENT, Change
from tests.core.test_units_history import D1, D2, PROVINCE, REFORM, office


@pytest.fixture
def history(tmp_path):
    """2023-2024 and 2024-2025 under the districts only."""
    path = tmp_path / "lich-su.sqlite"
    with open_history(path) as db:
        for year in range(2):
            db.store(merge([office(D1, ("MN-1", "MN-2"), year), office(D2, ("MN-3", "MN-4"), year)], unit=PROVINCE))
    return path


def reform_args(history):
    url = ["--db-url", str(history)]
    return [
        ["units", "change", "doi-cap-tren", "--unit", "UBND-TL", "--name", "UBND xã Tân Lập", "--level", "UBND xã",
         "--parent", "SGD-PT", "--date", "01/07/2025", *url],
        ["units", "change", "doi-cap-tren", "--unit", "MN-1", "--parent", "UBND-TL", "--date", "01/07/2025", *url],
        ["units", "change", "doi-cap-tren", "--unit", "MN-2", "--parent", "UBND-TL", "--date", "01/07/2025", *url],
    ]


def test_change_tree_and_trend_of_a_new_commune(run, history):
    for args in reform_args(history):
        result = run(*args)
        assert result.exit_code == 0, result.output
    assert "Sở GD&ĐT Phú Thọ › UBND xã Tân Lập › Trường MN-2" in result.output
    tree = run("units", "tree", "--db-url", str(history)).output.splitlines()
    assert tree == ["Sở GD&ĐT Phú Thọ (SGD-PT)", "  Phòng GD&ĐT Tam Lộc (PGD-TL)", "    Trường MN-3 (MN-3)",
                    "    Trường MN-4 (MN-4)", "  Phòng GD&ĐT Yên Lạc (PGD-YL)", "  UBND xã Tân Lập (UBND-TL)",
                    "    Trường MN-1 (MN-1)", "    Trường MN-2 (MN-2)"]
    data = json.loads(run("trend", "TRE", "--unit", "UBND-TL", "--db-url", str(history), "--json").output)
    assert data["unit"]["name"] == "UBND xã Tân Lập"
    assert data["values"] == [{"period": "2023-2024", "value": 150}, {"period": "2024-2025", "value": 165}]
    listed = run("units", "list", "--db-url", str(history)).output
    assert "01/07/2025  Đổi đơn vị cấp trên" in listed and "cấp trên: UBND-TL" in listed


def test_a_cycle_and_an_unknown_parent_are_refused(run, history):
    for args in reform_args(history):
        run(*args)
    r = run("units", "change", "doi-cap-tren", "--unit", "SGD-PT", "--parent", "MN-1", "--date", "01/01/2026",
            "--db-url", str(history))
    assert r.exit_code == 1 and "vòng lặp" in r.output
    r = run("units", "change", "doi-cap-tren", "--unit", "MN-3", "--parent", "XA-LA", "--date", "01/01/2026",
            "--db-url", str(history))
    assert r.exit_code == 1 and "XA-LA" in r.output
    with open_history(history) as db:
        assert len(db.changes()) == 3


def test_export_then_import_into_another_office(run, history, tmp_path):
    for args in reform_args(history):
        run(*args)
    out = tmp_path / "thay-doi.xlsx"
    assert run("units", "export", "-o", str(out), "--db-url", str(history)).exit_code == 0
    ws = openpyxl.load_workbook(out)["Thay đổi đơn vị"]
    assert "UBND xã Tân Lập" in [c for row in ws.iter_rows(values_only=True) for c in row]
    other = tmp_path / "khac.sqlite"
    with open_history(other) as db:
        for year in range(2):
            db.store(merge([office(D1, ("MN-1", "MN-2"), year)], unit=PROVINCE))
    r = run("units", "import", str(out), "--db-url", str(other))
    assert r.exit_code == 0 and "Đã nhập 3 thay đổi" in r.output, r.output
    assert "0 thay đổi đã có" in r.output
    assert "Đã nhập 0 thay đổi" in run("units", "import", str(out), "--db-url", str(other)).output
    with open_history(other) as db:
        assert db.trend("TRE", "UBND-TL") == [("2023-2024", 150), ("2024-2025", 165)]


def test_a_bad_file_is_refused_whole_with_its_row(run, history, tmp_path):
    bad = tmp_path / "sai.xlsx"
    write_unit_changes(bad, [
        Change(REPARENT, REFORM, "UBND-TL", "UBND xã Tân Lập", "UBND xã", "SGD-PT"),
        Change(REPARENT, REFORM, "MN-1", parent_code="UBND-TL"),
        Change(REPARENT, REFORM, "SGD-PT", parent_code="MN-1"),
    ], unit=UnitMeta("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT"))
    r = run("units", "import", str(bad), "--db-url", str(history))
    assert r.exit_code == 1
    assert "sai.xlsx, trang «Thay đổi đơn vị», dòng 7" in r.output and "vòng lặp" in r.output
    with open_history(history) as db:
        assert db.changes() == []
    ws_book = openpyxl.load_workbook(bad)
    ws = ws_book["Thay đổi đơn vị"]
    ws["C5"] = None  # the unit code of the first change, required
    ws_book.save(bad)
    r = run("units", "import", str(bad), "--db-url", str(history))
    assert r.exit_code == 1 and "ô C5 (Mã đơn vị)" in r.output
