"""Staff quality screen: ratios and flags, the new staff fields, entering an assessment."""

from __future__ import annotations

from tui_helpers import SIZE, pick

from mamnon.services import staff, staff_quality
from tui.screens.staff_form import StaffFormScreen
from tui.screens.staff_quality import AssessmentDialog, StaffQualityScreen


async def test_quality_screen_shows_the_norm_and_records_an_assessment(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = StaffQualityScreen()
        await app.push_screen(screen)
        await pilot.pause()
        # Six children: Lá 1 2/16 + Mầm 1 2/11 + Nhà trẻ A 2/10 = 0.125 + 0.182 + 0.2 = 0.507 → 0,5 < 1 teacher.
        summary = str(screen.query_one("#summary").render())
        assert "Trẻ/GV 6, GV/lớp 0,33." in summary
        assert "Định mức GV (TT 19/2023): 0,5, hiện có 1, thiếu 0." in summary
        assert "1 giáo viên chưa ghi đủ trình độ" in summary
        assert screen.table.get_row_at(0)[2].plain == "Chưa rõ"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentDialog)
        await pilot.press("tab")
        await pick(pilot, 2)  # (blank), Tốt, Khá
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [row] = staff_quality.list_assessments(school_db.teacher_id)
        assert row.grade == "Khá" and row.year_name == screen.quality.year_name
        assert screen.table.get_row_at(0)[5].plain == "Khá"


async def test_staff_form_records_major_and_contract(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = StaffFormScreen(staff_id=school_db.teacher_id)
        await app.push_screen(form)
        await pilot.pause()
        form.query_one("#training_major").focus()
        await pick(pilot, 1)   # Sư phạm mầm non
        await pilot.press("tab")
        await pick(pilot, 2)   # Hợp đồng
        await pilot.press("ctrl+s")
        await pilot.pause()
        lan = staff.get_staff(school_db.teacher_id)
        assert (lan.training_major, lan.contract_type) == ("Sư phạm mầm non", "Hợp đồng")
