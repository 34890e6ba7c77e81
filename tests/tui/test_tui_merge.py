"""The merge screen: an office previews the reports its schools sent, then writes its own report."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from textual.widgets import Input
from tui_helpers import SIZE, type_text

from exporters.report import write_report
from exporters.workbook_writer import UnitMeta, write_workbook
from importers.merge_inputs import read_inputs
from importers.report_reader import read_report
from mamnon.merge import Unit, merge
from mamnon.services import demo, session
from mamnon.workbooks.kinds import UNITS_SPEC
from mamnon.workbooks.periods import parse_period
from tui.app import make_app
from tui.screens.home import HomeScreen
from tui.screens.import_file import RED, YELLOW
from tui.screens.merge import MergeScreen
from tui.screens.workbooks import WorkbooksScreen

TODAY = dt.date(2026, 11, 23)
OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc")
# File names sort in this order: the merge takes the first file's period, November.
SCHOOLS = (
    ("truong-1.xlsx", "MN-01", "Trường MN Hoa Sen", "11/2026"),
    ("truong-2.xlsx", "MN-02", "Trường MN Sao Mai", "11/2026"),
    ("truong-3.xlsx", "MN-03", "Trường MN Bình Minh", "10/2026"),
)
NOVEMBER = ("truong-1.xlsx", "truong-2.xlsx")
DEFAULT_OUTPUT = "bao-cao-PGD-YL-2026-11.xlsx"


@pytest.fixture(scope="module")
def school_reports(tmp_path_factory):
    """Report files of three small demo schools, the third for October: {file name: path}."""
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for seed, (file, code, name, period) in enumerate(SCHOOLS, start=1):
        session.open_path(folder / f"{code}.sqlite")
        try:
            demo.build_demo(children=20, seed=seed, code=code, name=name, today=TODAY)
            out[file] = write_report(folder / file, parse_period(period), today=TODAY,
                                     exported_at=dt.datetime(2026, 11, 24, 8 + seed))
        finally:
            session.close()
    return out


@pytest.fixture
def inbox(school_reports, tmp_path):
    """A folder as an office receives it: the three school files, nothing else."""
    folder = tmp_path / "nhan"
    folder.mkdir()
    for path in school_reports.values():
        shutil.copy(path, folder / path.name)
    return folder


def outcome(screen):
    return screen.query_one("#outcome").content


def styled(text, style: str) -> str:
    """The parts of a rich Text shown in `style`, one per line."""
    return "\n".join(text.plain[s.start:s.end] for s in text.spans if s.style == style)


def notices(app) -> str:
    return "\n".join(f"{n.title} {n.message}" for n in app._notifications)


def footer(screen) -> list[tuple[str, int, bool]]:
    from textual.widgets._footer import FooterKey

    return [(k.description, k.region.right, k.has_class("-disabled")) for k in screen.query(FooterKey)]


def write_key_disabled(screen) -> bool:
    return next(disabled for label, _, disabled in footer(screen) if label == "Ghi tệp")


async def open_merge(app, pilot) -> MergeScreen:
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("7")
    await pilot.pause()
    assert isinstance(app.screen, WorkbooksScreen)
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(app.screen, MergeScreen)
    return app.screen


async def fill(pilot, inputs: str, unit: Unit = OFFICE) -> None:
    """Type the input folder, the unit's code and name, from the first field down."""
    await type_text(pilot, inputs)
    await pilot.press("enter")
    await pilot.pause()  # focus moves on the next refresh: keys typed before it land in the old field
    await type_text(pilot, unit.code)
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, unit.name)


def merged_by_hand(folder, files) -> dict:
    return merge(read_inputs([str(folder / f) for f in files]), unit=OFFICE).indicators


async def test_the_preview_lists_each_file_and_the_totals_and_writes_nothing(school_db, inbox):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        # An office's computer has no school: the unit is typed, never taken from the open database.
        assert screen.body.values()["unit_code"] == screen.body.values()["unit_name"] == ""
        assert write_key_disabled(screen)
        await fill(pilot, str(inbox))
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = outcome(screen)
        assert shown.plain.startswith("Tháng 11/2026: 2 đơn vị đã nộp — 2 trường; 1 tệp bị từ chối, 0 lỗi")
        assert "Nhận     truong-1.xlsx — Trường MN Hoa Sen (mã MN-01)" in shown.plain
        assert "Nhận     truong-2.xlsx — Trường MN Sao Mai (mã MN-02)" in shown.plain
        assert ("Từ chối  truong-3.xlsx: kỳ báo cáo Tháng 10/2026 khác kỳ đang gộp Tháng 11/2026."
                in shown.plain)
        assert "Từ chối" in styled(shown, RED) and "Nhận" not in styled(shown, RED)
        children = merged_by_hand(inbox, NOVEMBER)["TRE"]
        assert children == 40
        assert ["Tổng", "số", "trẻ", str(children), "trẻ"] in [line.split() for line in shown.plain.splitlines()]
        assert "Tỷ lệ chuyên cần" in shown.plain and "Tỷ lệ suy dinh dưỡng thể thấp còi" in shown.plain
        # The output is named after the period, in the folder merged; nothing is written yet.
        target = inbox / DEFAULT_OUTPUT
        assert screen.query_one("#output", Input).value == str(target)
        assert f"Chưa ghi gì. Ctrl+S: ghi ra {target}." in shown.plain
        assert not target.exists()
        assert not write_key_disabled(screen)
        # The report has the focus, so the keys scroll what does not fit.
        assert app.focused is screen.report


async def test_ctrl_s_writes_the_merge_the_preview_showed(school_db, inbox):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await fill(pilot, str(inbox))
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = inbox / DEFAULT_OUTPUT
        assert f"Đã ghi báo cáo gộp: {target}" in outcome(screen).plain
        assert "Đã ghi báo cáo gộp Tháng 11/2026" in notices(app) and str(target) in notices(app)
        assert write_key_disabled(screen)  # the folder has changed: a new preview first

        # Previewed again, the file just written is not read as one of the inputs.
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = outcome(screen).plain
        assert "Tệp đọc được (3)" in shown and f"  Từ chối  {DEFAULT_OUTPUT}" not in shown
        assert f"ghi ra {target} (thay tệp cũ cùng tên)." in shown
    report = read_report(target)
    assert (report.unit["code"], report.unit["name"], report.period) == ("PGD-YL", OFFICE.name, "2026-11")
    assert report.indicators == merged_by_hand(inbox, NOVEMBER)
    assert [u["code"] for u in report.units] == ["MN-01", "MN-02"]


async def test_ctrl_s_before_a_preview_writes_nothing_and_says_why(school_db, inbox):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await fill(pilot, str(inbox))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Chưa xem trước: nhấn Ctrl+R" in notices(app)
        assert sorted(p.name for p in inbox.iterdir()) == [f for f, *_ in SCHOOLS]

        await pilot.press("ctrl+r")
        await pilot.pause()
        # A field changed after the preview: what would be written is no longer what was shown.
        screen.query_one("#unit_name", Input).focus()
        await type_text(pilot, " mới")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert write_key_disabled(screen)
        assert "Các ô đã đổi sau lần xem trước" in notices(app)
        assert not (inbox / DEFAULT_OUTPUT).exists()


async def test_the_expected_units_give_the_completeness_and_who_is_missing(school_db, inbox, tmp_path):
    expect = write_workbook(tmp_path / "don-vi.xlsx", UNITS_SPEC, unit=UnitMeta("PGD-YL", OFFICE.name, ""),
                            rows={UNITS_SPEC.sheets[0].name: [
                                {"unit_code": "MN-01", "unit_name": "Trường MN Hoa Sen"},
                                {"unit_code": "MN-02", "unit_name": "Trường MN Sao Mai"},
                                {"unit_code": "MN-09", "unit_name": "Trường MN Đồng Tâm"}]})
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await fill(pilot, str(inbox))
        screen.query_one("#expect", Input).focus()
        await type_text(pilot, str(expect))
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = outcome(screen)
        assert shown.plain.startswith("Tháng 11/2026: 2/3 đơn vị đã nộp")
        assert "Cảnh báo: Trường MN Đồng Tâm (mã MN-09): Chưa nộp báo cáo." in styled(shown, YELLOW)


async def test_missing_fields_and_a_folder_that_is_not_there_are_shown_in_red(school_db, tmp_path):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        rows = screen.body.rows
        assert rows["inputs"].message.startswith("Hãy gõ thư mục có các tệp báo cáo")
        assert rows["unit_code"].message and rows["unit_name"].message
        assert outcome(screen).plain.startswith("Chưa xem trước được")
        assert "#ff6060" in str(outcome(screen).style)

        await fill(pilot, str(tmp_path / "khong-co"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = outcome(screen)
        assert "Từ chối  khong-co: không tìm thấy tệp hoặc thư mục." in shown.plain
        assert "Không có tệp báo cáo nào dùng được: chưa ghi được tệp gộp." in styled(shown, RED)
        assert "Traceback" not in shown.plain
        assert write_key_disabled(screen)


async def test_a_units_list_that_cannot_be_read_is_named_under_its_field(school_db, inbox):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await fill(pilot, str(inbox))
        screen.query_one("#expect", Input).focus()
        await type_text(pilot, str(inbox / "truong-1.xlsx"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "truong-1.xlsx" in screen.body.rows["expect"].message
        assert screen.preview is None and write_key_disabled(screen)


async def test_the_screen_needs_no_school_database(school_reports, tmp_path):
    """An office's computer: the app is on an empty database file, the merge still reads and writes."""
    for file in NOVEMBER:
        shutil.copy(school_reports[file], tmp_path / file)
    target = tmp_path / "phong.xlsx"
    app = make_app(str(tmp_path / "trong.sqlite"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MergeScreen())
        await pilot.pause()
        screen = app.screen
        await fill(pilot, "; ".join(f'"{tmp_path / f}"' for f in NOVEMBER))
        screen.query_one("#output", Input).focus()
        await type_text(pilot, str(target))
        await pilot.press("enter")  # Enter on the last field previews
        await pilot.pause()
        assert "2 đơn vị đã nộp" in outcome(screen).plain
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert read_report(target).indicators == merged_by_hand(tmp_path, NOVEMBER)


async def test_the_footer_is_vietnamese_and_fits_80_columns(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        shown = footer(screen)
        assert [label for label, _, _ in shown] == ["Xem trước", "Ghi tệp", "Quay lại", "Thoát"]
        assert all(0 < right <= SIZE[0] for _, right, _ in shown), shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbooksScreen)


async def test_a_province_is_told_the_childrens_names_stop_below_it(school_reports, tmp_path):
    from exporters.report import write_merged

    office_file = tmp_path / "phong.xlsx"
    office = merge(read_inputs([str(school_reports[f]) for f in NOVEMBER]), unit=OFFICE)
    assert office.surveillance, "the demo schools should have children to watch"
    write_merged(office_file, office)
    target = tmp_path / "so.xlsx"
    app = make_app(str(tmp_path / "trong.sqlite"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MergeScreen())
        await pilot.pause()
        screen = app.screen
        await fill(pilot, str(office_file), Unit("SGD-VP", "Sở GD&ĐT Vĩnh Phúc"))
        screen.query_one("#output", Input).focus()
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert "không chuyển lên cấp này" in outcome(screen).plain
        await pilot.press("ctrl+s")
        await pilot.pause()
    written = read_report(target)
    assert written.surveillance == [] and written.indicators == office.indicators


# ---------------------------------------------------------------- answering each unit (docs/approval.md)


async def test_the_units_received_are_listed_with_their_state_and_timing(school_db, inbox):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await fill(pilot, str(inbox))
        screen.query_one("#deadline", Input).value = "24/11/2026"
        await pilot.press("ctrl+r")
        await pilot.pause()
        units = screen.units
        assert units.display
        # exported 24/11/2026 at 09:00 and 10:00: both by the end of the deadline day
        assert [str(units.get_option_at_index(i).prompt) for i in range(units.option_count)] == [
            "MN-01  Trường MN Hoa Sen — Đã nộp — Đúng hạn", "MN-02  Trường MN Sao Mai — Đã nộp — Đúng hạn"]
        screen.query_one("#deadline", Input).value = "23/11/2026"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert str(units.get_option_at_index(0).prompt).endswith("Đã nộp — Muộn 1 ngày")


async def test_t_returns_and_d_approves_the_highlighted_unit_with_a_reply_file(school_db, inbox):
    from importers.reply import read_reply
    from mamnon.paper_code import LABEL as PAPER_LABEL
    from mamnon.workbooks.reply_spec import APPROVE, RETURN

    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot)
        await fill(pilot, str(inbox))
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen.units.focus()
        await pilot.pause()
        assert ("Duyệt", "Trả lại") == tuple(label for label, _, _ in footer(screen)
                                             if label in ("Duyệt", "Trả lại"))
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+s")  # a return needs its reason: nothing written yet
        await pilot.pause()
        returned = inbox / "tra-loi" / "tra-loi-MN-01-2026-11.xlsx"
        assert not returned.exists()
        await type_text(pilot, "Thiếu cân đo lớp Lá 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        reply = read_reply(returned)
        assert (reply.decision, reply.note, reply.to_code, reply.from_code) == (
            RETURN, "Thiếu cân đo lớp Lá 1", "MN-01", "PGD-YL")
        assert reply.answers_code == read_report(inbox / "truong-1.xlsx").info[PAPER_LABEL]
        assert str(screen.units.get_option_at_index(0).prompt).endswith("→ Trả lại")

        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("ctrl+s")  # approving needs no note
        await pilot.pause()
        approved = read_reply(inbox / "tra-loi" / "tra-loi-MN-02-2026-11.xlsx")
        assert (approved.decision, approved.note, approved.to_name) == (APPROVE, "", "Trường MN Sao Mai")
        assert "Đã ghi tệp trả lời «Duyệt»" in notices(app)


async def test_the_home_screen_shows_the_latest_reply(school_db, tmp_path):
    from exporters.reply import make_reply, write_reply
    from importers.reply import read_reply
    from mamnon.services import approval
    from mamnon.workbooks.reply_spec import RETURN

    session.open_path(school_db.path)
    period = parse_period(f"09/{school_db.year_first}")
    report = read_report(write_report(tmp_path / "bc.xlsx", period))
    reply = make_reply(office_code="PGD-YL", office_name="Phòng GD&ĐT Yên Lạc", school_code="MN01",
                       school_name=report.unit["name"], period=report.period, figures=report.indicators,
                       decision=RETURN, note="Thiếu số liệu bán trú")
    approval.apply_reply(read_reply(write_reply(tmp_path / "tl.xlsx", reply)))
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        line = str(app.screen.query_one("#reply").content)
        assert line == (f"Phòng GD&ĐT Yên Lạc trả lại báo cáo tháng 09/{school_db.year_first}: "
                        "Thiếu số liệu bán trú")
        assert app.screen.query_one("#reply").region.height == 1  # fits at 80×24 with the menu
