"""Record forms (roster, register, staff list, growth summary and watch list, health card) read back and
compared with the services' lists."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

from exporters import record_forms as rf
from exporters import xlsx
from mamnon.formats import format_date
from mamnon.reference import AGE_GROUPS, SEXES
from mamnon.services import children, classes, demo, health_checks, measurements, session, staff
from mamnon.services.growth_stats import round_statistics
from mamnon.services.school import current_year
from mamnon.vntext import text_sort_key

TODAY = dt.date(2026, 11, 23)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.fixture(scope="module")
def school():
    session.open_memory()
    demo.build_demo(children=40, seed=5, today=TODAY)
    yield
    session.close()


@pytest.fixture(scope="module")
def school_round(school):
    """The whole-school round (the one with watched children)."""
    return next(r for r in measurements.list_rounds() if r.class_id is None)


def texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find_row(ws, text: str) -> int:
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row
    raise AssertionError(f"{text!r} not on the sheet")


def line(ws, row: int, width: int) -> list:
    return [ws.cell(row, col).value for col in range(1, width + 1)]


def check_page(ws, *, landscape: bool, header_rows: str) -> None:
    assert ws.page_setup.paperSize == xlsx.A4
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == header_rows
    assert "Trang &P/&N" in ws.oddFooter.center.text
    assert "HOA SEN" in ws.oddHeader.left.text.upper()


def test_class_roster_lists_the_class_in_service_order(school, tmp_path):
    cls = next(c for c in classes.list_classes() if c.size >= 3)
    kids = children.list_children(class_id=cls.id)
    ws = openpyxl.load_workbook(rf.write_class_roster(tmp_path / "ds.xlsx", cls.id, today=TODAY)).active
    words = texts(ws)
    assert NATION in words and f"DANH SÁCH TRẺ LỚP {cls.name.upper()}" in words
    assert any(cls.main_teacher_name in t and "Năm học 2026-2027" in t for t in words)
    head = find_row(ws, "Họ tên cha/mẹ")
    check_page(ws, landscape=False, header_rows=f"${head}:${head}")
    rows = [line(ws, head + 1 + n, 9) for n in range(len(kids))]
    assert [r[2] for r in rows] == [k.full_name for k in kids]
    assert [r[0] for r in rows] == list(range(1, len(kids) + 1))
    first = children.get_child(kids[0].id)
    assert rows[0][1] == kids[0].code and rows[0][3] == format_date(kids[0].birth_date)
    assert rows[0][4] == SEXES[kids[0].sex] and rows[0][5] == first.ethnicity
    assert first.guardians[0].full_name in rows[0][6]
    assert ws.cell(head + 1 + len(kids), 1).value.startswith(f"Tổng số: {len(kids)} trẻ")
    assert "GIÁO VIÊN CHỦ NHIỆM" in words and "HIỆU TRƯỞNG" in words
    assert "Yên Lạc, ngày 23 tháng 11 năm 2026" in words


def test_children_register_groups_by_class_and_keeps_who_left(school, tmp_path):
    ws = openpyxl.load_workbook(rf.write_children_register(tmp_path / "so.xlsx", today=TODAY)).active
    assert ws.page_setup.orientation == "landscape"
    head = find_row(ws, "Lý do / ghi chú")
    check_page(ws, landscape=True, header_rows=f"${head}:${head}")
    year = current_year()
    left = [c for c in children.list_children(include_left=True) if c.left_on and c.left_on >= year.start_date]
    assert left, "the demo school has children who left this year"
    r = head + 1
    for cls in classes.list_classes():
        assert ws.cell(r, 1).value.startswith(f"Lớp {cls.name} (")
        expected = [c for c in children.list_children(include_left=True) if c.class_id == cls.id
                    and (c.left_on is None or c.left_on >= year.start_date)]
        got = [line(ws, r + 1 + n, 12) for n in range(len(expected))]
        assert [g[2] for g in got] == [c.full_name for c in expected]
        r += 1 + len(expected)
    assert ws.cell(r, 1).value.startswith("Tổng số:")
    for child in left:
        detail = children.get_child(child.id)
        row = find_row(ws, child.code)
        assert ws.cell(row, 11).value == format_date(child.left_on)
        assert ws.cell(row, 12).value == detail.left_reason and detail.left_reason


def test_staff_list_equals_the_service(school, tmp_path):
    people = staff.list_staff()
    ws = openpyxl.load_workbook(rf.write_staff_list(tmp_path / "cb.xlsx", today=TODAY)).active
    assert "DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN" in texts(ws)
    head = find_row(ws, "Chức vụ")
    check_page(ws, landscape=False, header_rows=f"${head}:${head}")
    rows = [line(ws, head + 1 + n, 9) for n in range(len(people))]
    assert [r[1] for r in rows] == [p.full_name for p in people]
    assert [r[5] for r in rows] == [p.position for p in people]
    assert rows[0][2] == format_date(people[0].birth_date) and rows[0][7] == format_date(people[0].started_on)
    assert ws.cell(head + 1 + len(people), 1).value.startswith(f"Tổng số: {len(people)} người")


def test_measure_summary_equals_round_statistics(school, school_round, tmp_path):
    stats = round_statistics(school_round.id)
    ws = openpyxl.load_workbook(rf.write_measure_summary(tmp_path / "th.xlsx", school_round.id,
                                                         today=TODAY)).active
    assert "TỔNG HỢP KẾT QUẢ CÂN ĐO" in texts(ws)
    head = find_row(ws, "Nhóm")
    check_page(ws, landscape=True, header_rows=f"${head}:${head + 1}")
    groups = rf.summary_groups(stats)
    assert any(g.sex == "F" for g in groups) and any(g.kind == "age_group" for g in groups)
    for n, g in enumerate(groups):
        row = line(ws, head + 2 + n, 14)
        assert row[0] == g.title
        assert row[1:3] == [g.enrolled, g.measured]
        assert row[4::2] == [g.underweight, g.stunted, g.wasted, g.overweight, g.obese]
        pcts = [g.wfa.malnourished_percent, g.hfa.malnourished_percent, g.wasting.malnourished_percent,
                g.wasting.percent("thua_can"), g.wasting.percent("beo_phi")]
        assert row[5::2] == [("–" if p is None else p) for p in pcts]
    # Then «Theo lớp»: one line per class of the school, adding up to the whole school.
    first = head + 2 + len(groups)
    assert ws.cell(first, 1).value == "Theo lớp"
    per_class = []
    while not str(ws.cell(first + 1 + len(per_class), 1).value).startswith("Nhẹ cân"):
        per_class.append(line(ws, first + 1 + len(per_class), 14))
    order = [g.code for g in AGE_GROUPS]
    expected = [c.name for c in sorted(classes.list_classes(),
                                       key=lambda c: (order.index(c.age_group), text_sort_key(c.name)))]
    assert [r[0] for r in per_class] == [n for n in expected if n in {r[0] for r in per_class}]
    assert len(per_class) >= 2
    assert sum(r[1] for r in per_class) == stats.total.enrolled
    assert sum(r[2] for r in per_class) == stats.total.measured
    assert sum(r[4] for r in per_class) == stats.total.underweight
    assert ws.cell(first + 1 + len(per_class), 1).value.startswith("Nhẹ cân, thấp còi, gầy còm")
    assert stats.total.underweight + stats.total.overweight + stats.total.obese > 0


def test_malnutrition_list_holds_every_watched_child_of_the_round(school, school_round, tmp_path):
    sheet = measurements.round_sheet(school_round.id)
    watched = [r for r in sheet if r.measurement and rf.is_watched(r.measurement)]
    stats = round_statistics(school_round.id).total
    # a child counts in at least one column of the summary exactly when listed here
    assert len(watched) >= max(stats.underweight, stats.stunted, stats.wasted, stats.overweight + stats.obese)
    assert len(watched) <= (stats.underweight + stats.stunted + stats.wasted + stats.overweight + stats.obese)
    ws = openpyxl.load_workbook(rf.write_malnutrition_list(tmp_path / "sdd.xlsx", school_round.id,
                                                           today=TODAY)).active
    assert "DANH SÁCH TRẺ SUY DINH DƯỠNG, THỪA CÂN, BÉO PHÌ" in texts(ws)
    head = find_row(ws, "Tình trạng")
    check_page(ws, landscape=True, header_rows=f"${head}:${head}")
    rows = [line(ws, head + 1 + n, 13) for n in range(len(watched))]
    assert [r[1] for r in rows] == [w.full_name for w in watched]
    for r, w in zip(rows, watched):
        m = w.measurement
        assert r[2] == w.class_name and r[3] == format_date(w.birth_date) and r[5] == w.age_months
        assert r[6] == m.weight_kg and r[7] == m.height_cm
        assert r[8] == pytest.approx(round(m.wfa, 2)) and r[9] == pytest.approx(round(m.hfa, 2))
        assert r[12] and r[12] == rf.watch_status(m)
    assert ws.cell(head + 1 + len(watched), 1).value.startswith(f"Tổng số: {len(watched)} trẻ")


def test_watch_list_matches_the_reports_surveillance_list(school, school_round):
    """In September the school round is every child's latest measurement, so the report's «Trẻ cần theo
    dõi» of that month lists the same children with the same words."""
    from mamnon.services.report_data import surveillance_list
    from mamnon.workbooks.periods import month_period

    assert school_round.date.month == 9
    report = {row["code"]: row["status"] for row in surveillance_list(month_period(2026, 9), today=TODAY)}
    ours = {r.code: rf.watch_status(r.measurement) for r in rf.watch_rows(school_round.id)}
    assert report
    assert {code: ours[code] for code in report} == report
    assert set(ours) >= set(report)


def test_health_card_has_every_measurement_and_check(school, tmp_path):
    child = next(c for c in children.list_children()
                 if len(measurements.child_history(c.id)) >= 2 and health_checks.list_health_checks(c.id))
    history = measurements.child_history(child.id)
    checks = list(reversed(health_checks.list_health_checks(child.id)))
    ws = openpyxl.load_workbook(rf.write_health_card(tmp_path / "the.xlsx", child.id, today=TODAY)).active
    words = texts(ws)
    assert "PHIẾU THEO DÕI SỨC KHỎE CỦA TRẺ" in words
    assert any(child.full_name in t and child.code in t for t in words)
    head = find_row(ws, "Ngày đo")
    check_page(ws, landscape=False, header_rows=f"${head}:${head}")
    for n, (_, m) in enumerate(history):
        row = line(ws, head + 1 + n, 9)
        assert row[:2] == [n + 1, format_date(m.measured_on)]
        assert row[3:5] == [m.weight_kg, m.height_cm]
        assert row[5] == pytest.approx(round(m.wfa, 2))
    check_head = find_row(ws, "Ngày khám")
    assert check_head > head + len(history)
    for n, c in enumerate(checks):
        row = line(ws, check_head + 1 + n, 9)
        assert row[0] == format_date(c.checked_on) and row[1] == c.examiner
        assert (row[8] or "") == c.conclusion
    assert "NHÂN VIÊN Y TẾ" in words


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_every_form_converts_to_pdf(school, school_round, tmp_path):
    cls = classes.list_classes()[0]
    child = children.list_children()[0]
    paths = [rf.write_class_roster(tmp_path / "a.xlsx", cls.id, today=TODAY),
             rf.write_children_register(tmp_path / "b.xlsx", today=TODAY),
             rf.write_staff_list(tmp_path / "c.xlsx", today=TODAY),
             rf.write_measure_summary(tmp_path / "d.xlsx", school_round.id, today=TODAY),
             rf.write_malnutrition_list(tmp_path / "e.xlsx", school_round.id, today=TODAY),
             rf.write_health_card(tmp_path / "f.xlsx", child.id, today=TODAY)]
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path / "pdf"), *map(str, paths)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    for p in paths:
        pdf = tmp_path / "pdf" / (p.stem + ".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_a_bad_target_is_refused_before_any_work(school, tmp_path):
    with pytest.raises(xlsx.ExportError):
        rf.write_staff_list(tmp_path / "cb.pdf")
