"""`mamnon health rounds | stats | chart` on a demo school (40 children, rounds up to 01/04/2027)."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from cli.commands_health import format_percent
from mamnon.formats import format_date
from mamnon.services import classes, session
from mamnon.services.children import list_children
from mamnon.services.growth_stats import round_statistics
from mamnon.services.measurements import list_rounds
from tests.cli.conftest import build_demo_file, copy_of, digest

TODAY = dt.date(2027, 4, 1)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def db_path(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def with_db(db_path, fn):
    session.open_path(db_path)
    try:
        return fn()
    finally:
        session.close()


def test_rounds_lists_every_round_of_the_year(run, db_path):
    rounds = with_db(db_path, list_rounds)
    result = run("health", "rounds")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Số", "Ngày", "Tên", "đợt", "Phạm", "vi", "Đã", "đo/Sĩ", "số"]
    body = lines[2:-1]
    assert len(body) == len(rounds) > 3
    for line, r in zip(body, rounds):
        assert line.startswith(f"{r.id} ") and format_date(r.date) in line and r.name in line
        assert r.scope_label in line and line.endswith(f"{r.measured}/{r.enrolled}")
    assert lines[-1] == f"{len(rounds)} đợt"
    assert "Toàn trường" in result.output


def test_rounds_on_an_empty_school_says_so(run, tmp_path):
    empty = tmp_path / "moi.sqlite"
    assert run("init", "--code", "MN1", "--name", "Trường Mầm non Một", db=empty).exit_code == 0
    result = run("health", "rounds", db=empty)
    assert result.exit_code == 0 and "Chưa có đợt cân đo nào." in result.output


def _parse_stats(output: str) -> dict[str, list[str]]:
    """{group title: [enrolled, measured, 5 cells]} from the table."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Nhóm"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells[1:]
    return rows


def _expected_cells(g) -> list[str]:
    pairs = [(g.underweight, g.wfa.malnourished_percent), (g.stunted, g.hfa.malnourished_percent),
             (g.wasted, g.wasting.malnourished_percent), (g.overweight, g.wasting.percent("thua_can")),
             (g.obese, g.wasting.percent("beo_phi"))]
    return [str(g.enrolled), str(g.measured)] + [
        str(n) if p is None else f"{n} ({p:.1f}%)".replace(".", ",") for n, p in pairs]


@pytest.mark.parametrize("by_sex", [False, True])
def test_stats_prints_the_numbers_of_round_statistics(run, db_path, by_sex):
    rounds = with_db(db_path, list_rounds)
    school_round = next(r for r in rounds if r.class_id is None)
    stats = with_db(db_path, lambda: round_statistics(school_round.id))
    result = run("health", "stats", str(school_round.id), *(["--by-sex"] if by_sex else []))
    assert result.exit_code == 0, result.output
    assert f"Đợt {school_round.id}: {school_round.name}, ngày {format_date(school_round.date)}" in result.output
    t = stats.total
    assert f"Đã đo {t.measured}/{t.enrolled} trẻ ({format_percent(t.measured_percent)})." in result.output
    rows = _parse_stats(result.output)
    expected = {g.title: _expected_cells(g) for g in stats.groups
                if (by_sex or g.sex is None) and (g.enrolled or g.key == "all")}
    assert rows == expected
    assert any(",0%" in c or re.search(r"\d,\d%", c) for cells in rows.values() for c in cells)
    assert not re.search(r"\d\.\d%", result.output)  # a comma decimal, as Vietnamese write it
    if by_sex:
        assert "Toàn trường – Nam" in rows and "Toàn trường – Nữ" in rows


def test_stats_by_date_and_the_errors(run, db_path):
    rounds = with_db(db_path, list_rounds)
    school_round = next(r for r in rounds if r.class_id is None)
    by_id = run("health", "stats", str(school_round.id))
    by_date = run("health", "stats", format_date(school_round.date))
    assert by_date.exit_code == 0 and by_date.output == by_id.output

    shared = [d for d in {r.date for r in rounds} if sum(r.date == d for r in rounds) > 1]
    assert shared, "the demo has two class rounds on one day"
    result = run("health", "stats", format_date(shared[0]))
    assert result.exit_code == 1 and "Hãy gõ số của đợt" in result.output

    result = run("health", "stats", "01/08/2026")
    assert result.exit_code == 1 and "Không có đợt cân đo nào ngày 01/08/2026" in result.output
    result = run("health", "stats", "999")
    assert result.exit_code == 1 and "Không có đợt cân đo số 999." in result.output
    result = run("health", "stats", "tháng chín")
    assert result.exit_code == 2 and "không phải số đợt hay ngày" in result.output


def test_chart_for_a_class_writes_one_page_per_child(run, db_path, tmp_path):
    kids = with_db(db_path, lambda: list_children(class_id=next(
        c.id for c in classes.list_classes() if c.name == "Lá 1")))
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "la-1.xlsx"
    result = run("health", "chart", "--class", "la 1", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"của {len(kids)} trẻ ({len(kids)} trang A4)" in result.output and str(out.resolve()) in result.output
    assert "thay" not in result.output
    wb = openpyxl.load_workbook(out)
    pages = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert [ws.title.split()[0] for ws in pages] == [k.code for k in kids]
    assert pages[0].oddHeader.right.text == "Lá 1"
    assert all(len(ws._charts) == 2 for ws in pages)

    # the same command again replaces the file (atomically) and says so
    again = run("health", "chart", "--class", "Lá 1", "--child", kids[0].code.lower(), "-o", str(out))
    assert again.exit_code == 0 and "Tệp cũ cùng tên đã được thay bằng tệp mới." in again.output
    assert [p.name for p in out.parent.iterdir()] == ["la-1.xlsx"]  # no temporary file left


def test_chart_for_given_children(run, db_path, tmp_path):
    kids = with_db(db_path, list_children)[:2]
    out = tmp_path / "hai-tre.xlsx"
    result = run("health", "chart", "--child", kids[1].code, "--child", kids[0].code, "-o", str(out))
    assert result.exit_code == 0, result.output
    titles = [ws.title.split()[0] for ws in openpyxl.load_workbook(out).worksheets if ws.sheet_state == "visible"]
    assert titles == [kids[1].code, kids[0].code]


def test_chart_needs_a_class_or_children(run, db_path, tmp_path):
    out = tmp_path / "x.xlsx"
    result = run("health", "chart", "-o", str(out))
    assert result.exit_code == 2
    assert "Hãy chọn lớp (--class) hoặc trẻ (--child MÃ)" in result.output
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (["--child", "KHONG-CO"], "Không có trẻ mã KHONG-CO."),
    (["--class", "Lớp Mây"], "Không có lớp «Lớp Mây»"),
    (["--child", "HS00001", "-o", "x.xls"], "phải có đuôi .xlsx"),
])
def test_chart_errors_are_vietnamese_and_write_nothing(run, db_path, tmp_path, args, message):
    before = digest(db_path)
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "x.xlsx")]
    result = run("health", "chart", *args)
    assert result.exit_code == 1
    assert message in result.output and "Lỗi:" in result.output
    assert not (tmp_path / "x.xlsx").exists()
    assert digest(db_path) == before


def test_chart_without_output_is_a_usage_error(run, db_path):
    result = run("health", "chart", "--class", "Lá 1")
    assert result.exit_code == 2 and "Thiếu tệp xuất: -o TỆP.xlsx." in result.output
