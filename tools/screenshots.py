"""SVG screenshots of the real screens for the user guides (docs/guide/img/).

    python -m tools.screenshots            # writes docs/guide/img/*.svg
    python -m tools.screenshots -o THƯ_MỤC

Each shot opens the app at 80×24 on a demo school, presses the keys a person would,
and saves what Textual draws. tests/docs/test_screenshots.py takes the same shots into
a temporary folder and checks each one shows the text the guide talks about, so a
screen that changes shape breaks the test before the guide goes stale.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import html
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parents[1]
GUIDE_IMAGES = ROOT / "docs" / "guide" / "img"
OFFICE_CODE, OFFICE_NAME = "PGD-YL", "Phòng GD&ĐT Yên Lạc"
# Reports the office screenshot merges: (file, school code, school name).
SCHOOL_REPORTS = (
    ("truong-1.xlsx", "MN-01", "Trường MN Hoa Sen"),
    ("truong-2.xlsx", "MN-02", "Trường MN Sao Mai"),
    ("truong-3.xlsx", "MN-03", "Trường MN Bình Minh"),
)


@dataclass(frozen=True)
class Shot:
    name: str          # file name without .svg
    role: str          # the guide page that shows it
    keys: tuple[str, ...]
    expected: tuple[str, ...]  # text the screen must show (checked by the test)
    typed: tuple[tuple[str, str], ...] = ()  # (text to type, key pressed after it), after the keys
    after: tuple[str, ...] = ()  # keys pressed after typing


SHOTS = (
    Shot("trang-chu", "hieu-truong", (), ("Trang chủ", "Trẻ em", "Bán trú", "Đang học")),
    Shot("bao-cao", "hieu-truong", ("7",), ("Xuất báo cáo gửi cấp trên", "Gộp báo cáo")),
    Shot("in-bieu-mau", "hieu-truong", ("8",), ("In biểu mẫu",)),
    Shot("tre-em", "giao-vien", ("1",), ("Trẻ em", "Lớp")),
    Shot("diem-danh-chon-lop", "giao-vien", ("6",), ("Điểm danh", "chọn lớp", "đã điểm danh")),
    Shot("diem-danh", "giao-vien", ("6", "enter"), ("Điểm danh", "Có mặt", "Có phép")),
    Shot("can-do", "y-te", ("4",), ("Đợt cân đo", "Thống kê")),
    Shot("kham-suc-khoe", "y-te", ("4", "k"), ("Khám sức khỏe",)),
    Shot("ban-tru", "bep", ("5",), ("Bán trú", "Thực đơn ngày", "Kiểm thực ba bước")),
    Shot("thuc-don-ngay", "bep", ("5", "3"), ("Thực đơn",)),
    Shot("tien-an", "bep", ("5", "5"), ("Tiền ăn",)),
    Shot("gop-bao-cao", "van-phong", ("7", "4"),
         ("Gộp", "MN-01", "MN-02", "MN-03"),
         typed=(("nhan", "enter"), (OFFICE_CODE, "enter"), (OFFICE_NAME, "")), after=("ctrl+r",)),
)


def svg_text(svg: str) -> str:
    """The characters an SVG screenshot shows, in drawing order (spaces as spaces)."""
    parts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(parts)).replace("\xa0", " ")


def prepare(folder: Path, today: dt.date) -> tuple[Path, Path]:
    """A demo school database and an inbox of three schools' reports for this month."""
    from exporters.report import write_report
    from mamnon.services import demo, session
    from mamnon.workbooks.periods import parse_period

    inbox = folder / "nhan"
    inbox.mkdir(parents=True, exist_ok=True)
    period = parse_period(f"{today.month:02d}/{today.year}")
    for seed, (file, code, name) in enumerate(SCHOOL_REPORTS, start=1):
        session.open_path(folder / f"{code}.sqlite")
        try:
            demo.build_demo(children=20, seed=seed, code=code, name=name, today=today)
            write_report(inbox / file, period, today=today,
                         exported_at=dt.datetime.combine(today, dt.time(8 + seed)))
        finally:
            session.close()
    school = folder / "truong-mau.sqlite"
    session.open_path(school)
    try:
        demo.build_demo(today=today)
    finally:
        session.close()
    return school, inbox


async def _type(pilot, text: str) -> None:
    from textual import events
    from textual.keys import _character_to_key

    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
    await pilot.pause()


async def take(shot: Shot, school: Path, out_dir: Path) -> Path:
    """Open the app on `school`, press the shot's keys, save out_dir/<name>.svg."""
    from mamnon.services import session
    from tui.app import make_app

    app = make_app(str(school))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in shot.keys:
                await pilot.press(key)
                await pilot.pause()
            for text, then in shot.typed:
                await _type(pilot, text)
                if then:
                    await pilot.press(then)
            for key in shot.after:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            app.title = "mamnon"
            out_dir.mkdir(parents=True, exist_ok=True)
            path = out_dir / f"{shot.name}.svg"
            path.write_text(app.export_screenshot(title=f"mamnon — {shot.name}"), encoding="utf-8")
    finally:
        session.close()
    return path


async def take_all(out_dir: Path, shots=SHOTS, today: dt.date | None = None) -> list[Path]:
    out_dir = Path(out_dir).resolve()
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as work:
        school, _inbox = prepare(Path(work), today or dt.date.today())
        # The office types a short relative folder name, as on its own computer.
        os.chdir(work)
        try:
            return [await take(shot, school, out_dir) for shot in shots]
        finally:
            os.chdir(here)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Chụp màn hình SVG cho hướng dẫn sử dụng (docs/guide/img).")
    parser.add_argument("-o", "--output", type=Path, default=GUIDE_IMAGES, help="thư mục ghi ảnh")
    args = parser.parse_args(argv)
    for path in asyncio.run(take_all(args.output)):
        print(path)


if __name__ == "__main__":
    main()
