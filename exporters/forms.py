"""Every printable form in one registry, and the conversion of a written form to PDF.

A form is a command name (ASCII, typed in `mamnon print NAME`), a Vietnamese
title and one-line description, the options it needs and a writer. The
writers are the existing ones (meal_forms, kitchen_forms, growth_chart,
attendance_forms, report…): they already lay out the page (A4, national
heading, signatures, page numbers, header rows repeated, fit to width), so
this module only chooses which one to call with which arguments. The CLI and
the TUI both print through `write_form`, so a form added here appears in both.

`to_pdf` converts a written .xlsx with LibreOffice (`soffice --headless`), in a
throw-away LibreOffice profile so that a LibreOffice window the user has open
neither blocks nor is disturbed by the conversion.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mamnon.errors import MamnonError
from mamnon.i18n import N_, _
from mamnon.workbooks.periods import Period

__all__ = [
    "FORMS", "OPTION_LABELS", "Form", "FormOptions", "PdfUnavailable", "check_options", "default_filename",
    "find_child", "find_form", "option_problem", "soffice_path", "to_pdf", "write_form",
]

CLASS, MONTH, DATE, STAGE, PERIOD, CHILD = "class", "month", "date", "stage", "period", "child"
# The typed form is shown on screen (_(typed) where shown, like the command's own metavars); the names are
# not shown anywhere.
OPTION_LABELS = {
    CLASS: (N_("--class TÊN"), "lớp"),  # i18n-skip: the name is not shown
    MONTH: ("--month MM/YYYY", "tháng"),  # i18n-skip: the name is not shown
    DATE: (N_("--date NGÀY"), "ngày"),  # i18n-skip: the name is not shown
    STAGE: ("--stage nha-tre|mau-giao", "cấp học"),  # i18n-skip: the name is not shown
    PERIOD: (N_("--period KỲ"), "kỳ báo cáo"),  # i18n-skip: the name is not shown
    CHILD: (N_("--child MÃ_TRẺ"), "mã trẻ"),  # i18n-skip: the name is not shown
}
"""Option → (how it is typed on the command line, its Vietnamese name)."""
PDF_TIMEOUT = 180
"""Seconds LibreOffice may take for one file: a class of growth charts is the slowest, well under this."""


@dataclass(frozen=True)
class FormOptions:
    """What a form is printed for; only the fields its `needs` name are read."""

    class_id: int | None = None
    class_name: str = ""
    month: tuple[int, int] | None = None
    """(year, month)."""
    date: dt.date | None = None
    stage: str | None = None
    """Service code: nha_tre or mau_giao."""
    period: Period | None = None
    child_id: int | None = None
    child_code: str = ""

    def given(self) -> set[str]:
        values = {CLASS: self.class_id, MONTH: self.month, DATE: self.date, STAGE: self.stage,
                  PERIOD: self.period, CHILD: self.child_id}
        return {name for name, value in values.items() if value is not None}


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    """Vietnamese, marked N_(): a screen or command shows _(form.title) (the form prints its own heading)."""
    description: str
    needs: tuple[str, ...]
    write: Callable[[Path, FormOptions], Path]
    optional: tuple[str, ...] = ()
    """Options the form takes but does without (the market list prints both stages without one)."""
    national: bool = True
    """Whether the form carries «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc»."""  # i18n-skip: doc
    landscape: bool = False
    table: bool = True
    """Whether the form has a table whose header rows repeat on every printed page."""

    @property
    def accepts(self) -> tuple[str, ...]:
        return self.needs + self.optional


class PdfUnavailable(MamnonError):
    """LibreOffice is not installed: the .xlsx is written, the PDF is not."""


# --- the writers, adapted to (path, options) -------------------------------------------------------


def _month_bounds(options: FormOptions) -> tuple[dt.date, dt.date]:
    year, month = options.month
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _week_menu(path: Path, o: FormOptions) -> Path:
    from exporters.meal_forms import write_week_menu

    return write_week_menu(path, o.date, o.stage)


def _day_calculation(path: Path, o: FormOptions) -> Path:
    from exporters.meal_forms import write_day_calculation

    return write_day_calculation(path, o.date, o.stage)


def _market_list(path: Path, o: FormOptions) -> Path:
    from exporters.meal_forms import write_market_list

    return write_market_list(path, o.date, o.stage)


def _inspection_log(path: Path, o: FormOptions) -> Path:
    from exporters.kitchen_forms import write_inspection_log
    from mamnon.services.kitchen_logs import prefill_day

    # The cook checks and signs the printed log, so it must list the day's receipts and dishes;
    # prefilling is idempotent and never overwrites confirmed lines.
    prefill_day(o.date, o.stage)
    return write_inspection_log(path, o.date, o.stage)


def _sample_log(path: Path, o: FormOptions) -> Path:
    from exporters.kitchen_forms import write_sample_log

    return write_sample_log(path, *_month_bounds(o))


def _month_money(path: Path, o: FormOptions) -> Path:
    from exporters.kitchen_forms import write_month_money

    return write_month_money(path, *o.month)


def _growth_charts(path: Path, o: FormOptions) -> Path:
    from exporters.growth_chart import write_growth_charts
    from mamnon.services.children import list_children
    from mamnon.services.classes import get_class

    name = get_class(o.class_id).name
    ids = [c.id for c in list_children(class_id=o.class_id)]
    if not ids:
        raise MamnonError(_("Lớp «{name}» không có trẻ nào đang học.").format(name=name))
    return write_growth_charts(path, ids, title_unit=name)


def _child_growth_chart(path: Path, o: FormOptions) -> Path:
    from exporters.growth_chart import write_growth_charts
    from mamnon.services.children import get_child

    return write_growth_charts(path, [o.child_id], title_unit=get_child(o.child_id).row.class_name or None)


def _month_register(path: Path, o: FormOptions) -> Path:
    from exporters.attendance_forms import write_month_register

    return write_month_register(path, o.class_id, *o.month)


def _school_attendance(path: Path, o: FormOptions) -> Path:
    from exporters.attendance_forms import write_school_attendance

    return write_school_attendance(path, *o.month)


def _report(path: Path, o: FormOptions) -> Path:
    from exporters.report import write_report

    return write_report(path, o.period)


def _round_id(o: FormOptions) -> int:
    """The whole-school round of the date (or the latest one before it); a class round if the school has none."""
    from mamnon.formats import format_date
    from mamnon.services.measurements import list_rounds

    rounds = [r for r in list_rounds() if o.date is None or r.date <= o.date]
    if not rounds:
        if o.date:
            raise MamnonError(_("Năm học này chưa có đợt cân đo nào đến ngày {date}.").format(date=format_date(o.date)))
        raise MamnonError(_("Năm học này chưa có đợt cân đo nào."))
    last = max(r.date for r in rounds)
    same_day = [r for r in rounds if r.date == last]
    return next((r for r in same_day if r.class_id is None), same_day[0]).id


def _class_roster(path: Path, o: FormOptions) -> Path:
    from exporters.record_forms import write_class_roster

    return write_class_roster(path, o.class_id)


def _children_register(path: Path, o: FormOptions) -> Path:
    from exporters.record_forms import write_children_register

    return write_children_register(path)


def _staff_list(path: Path, o: FormOptions) -> Path:
    from exporters.record_forms import write_staff_list

    return write_staff_list(path)


def _health_card(path: Path, o: FormOptions) -> Path:
    from exporters.record_forms import write_health_card

    return write_health_card(path, o.child_id)


def _measure_summary(path: Path, o: FormOptions) -> Path:
    from exporters.record_forms import write_measure_summary

    return write_measure_summary(path, _round_id(o))


def _malnutrition_list(path: Path, o: FormOptions) -> Path:
    from exporters.record_forms import write_malnutrition_list

    return write_malnutrition_list(path, _round_id(o))


FORMS: tuple[Form, ...] = (
    Form("thuc-don-tuan", N_("Thực đơn tuần"), N_("Thực đơn thứ Hai – thứ Sáu của tuần chứa ngày chọn, một trang ngang."),
         (DATE, STAGE), _week_menu, national=False, landscape=True),
    Form("khau-phan", N_("Sổ tính khẩu phần ăn"), N_("Thực phẩm, định lượng, năng lượng và tiền chợ của một ngày ăn."),
         (DATE, STAGE), _day_calculation, landscape=True),
    Form("ke-cho", N_("Phiếu kê chợ"), N_("Thực phẩm cần mua trong ngày, số lượng, đơn giá, nhà cung cấp."),
         (DATE,), _market_list, optional=(STAGE,)),
    Form("kiem-thuc", N_("Sổ kiểm thực ba bước"), N_("Nhận thực phẩm, chế biến, chia ăn của một ngày (điền sẵn)."),
         (DATE, STAGE), _inspection_log, landscape=True, table=False),  # three short tables, no one header
    Form("luu-mau", N_("Sổ lưu mẫu thức ăn"), N_("Các mẫu thức ăn đã lưu và hủy trong tháng, cả hai cấp học."),
         (MONTH,), _sample_log, landscape=True),
    Form("tien-an", N_("Công khai tiền ăn"), N_("Thu – chi – dư tiền ăn từng ngày của tháng."),
         (MONTH,), _month_money),
    Form("bieu-do", N_("Biểu đồ tăng trưởng"), N_("Cân nặng, chiều cao theo tuổi (WHO), mỗi trẻ của lớp một trang."),
         (CLASS,), _growth_charts, national=False, table=False),
    Form("bieu-do-tre", N_("Biểu đồ tăng trưởng của một trẻ"), N_("Cân nặng, chiều cao theo tuổi (WHO) của một trẻ, "
         "một trang."), (CHILD,), _child_growth_chart, national=False, table=False),
    Form("diem-danh", N_("Sổ điểm danh lớp"), N_("Điểm danh từng trẻ từng ngày của một lớp trong tháng."),
         (CLASS, MONTH), _month_register, landscape=True),
    Form("diem-danh-truong", N_("Tổng hợp điểm danh toàn trường"), N_("Chuyên cần từng lớp và cả trường trong tháng."),
         (MONTH,), _school_attendance, landscape=True),
    Form("bao-cao", N_("Báo cáo thống kê"), N_("Báo cáo của trường theo tháng hoặc năm học, để gửi lên phòng."),
         (PERIOD,), _report, national=False),
    Form("danh-sach-lop", N_("Danh sách trẻ theo lớp"), N_("Trẻ của một lớp: ngày sinh, dân tộc, cha mẹ, điện thoại."),
         (CLASS,), _class_roster),
    Form("so-theo-doi-tre", N_("Sổ theo dõi trẻ"), N_("Mọi trẻ của năm học theo lớp, cả trẻ đã nghỉ trong năm."),
         (), _children_register, landscape=True),
    Form("danh-sach-can-bo", N_("Danh sách cán bộ, giáo viên"), N_("Chức vụ, trình độ, ngày vào làm, điện thoại."),
         (), _staff_list),
    Form("tong-hop-can-do", N_("Tổng hợp cân đo"), N_("Tỉ lệ nhẹ cân, thấp còi, gầy còm, thừa cân, béo phì của đợt cân đo "
         "gần nhất (hoặc đến ngày chọn)."), (), _measure_summary, optional=(DATE,), landscape=True),
    Form("suy-dinh-duong", N_("Danh sách trẻ suy dinh dưỡng"), N_("Trẻ suy dinh dưỡng, thừa cân, béo phì của đợt cân đo "
         "gần nhất (hoặc đến ngày chọn)."), (), _malnutrition_list, optional=(DATE,), landscape=True),
    Form("phieu-suc-khoe", N_("Phiếu theo dõi sức khỏe"), N_("Thông tin, các lần cân đo và khám sức khỏe của một trẻ."),
         (CHILD,), _health_card),
)


# Phổ cập forms: the census of the year of --date, else the latest census.
def _census_list(path: Path, o: FormOptions) -> Path:
    from exporters.census_forms import form_year, write_census_list

    return write_census_list(path, form_year(o.date))


def _census_summary(path: Path, o: FormOptions) -> Path:
    from exporters.census_forms import form_year, write_census_summary

    return write_census_summary(path, form_year(o.date))


FORMS += (
    Form("pho-cap-danh-sach", N_("Danh sách trẻ 0–5 tuổi (phổ cập)"), N_("Trẻ 0–5 tuổi của địa bàn theo thôn: nơi học, "
         "hoàn thành chương trình (năm điều tra của --date, mặc định năm gần nhất)."), (), _census_list,
         optional=(DATE,), landscape=True),
    Form("pho-cap-tong-hop", N_("Tổng hợp phổ cập GDMN"), N_("Số trẻ, trẻ đang học, hoàn thành chương trình theo năm "
         "sinh, từng xã và toàn địa bàn; đối chiếu tiêu chuẩn trẻ 5 tuổi."), (), _census_summary,
         optional=(DATE,), landscape=True),
)


def _lunch_claim(path: Path, o: FormOptions) -> Path:
    from exporters.lunch_support_forms import write_lunch_claim

    return write_lunch_claim(path, *o.month)


FORMS += (
    Form("ho-tro-an-trua", N_("Danh sách trẻ được hỗ trợ ăn trưa"), N_("Trẻ 3–5 tuổi được hỗ trợ tiền ăn trưa trong tháng "
         "(NĐ 277/2025/NĐ-CP) theo lớp, cộng từng lớp và toàn trường."), (MONTH,), _lunch_claim),
)


# Staff quality and facilities: on --date, else today.
def _staff_quality(path: Path, o: FormOptions) -> Path:
    from exporters.staffing_forms import write_staff_quality

    return write_staff_quality(path, o.date)


def _facilities(path: Path, o: FormOptions) -> Path:
    from exporters.staffing_forms import write_facilities

    return write_facilities(path, o.date)


FORMS += (
    Form("thong-ke-doi-ngu", N_("Thống kê đội ngũ"), N_("Cán bộ theo chức vụ, trình độ so với chuẩn, hợp đồng, đánh giá "
         "chuẩn nghề nghiệp, định mức giáo viên (TT 19/2023) và số còn thiếu."), (), _staff_quality,
         optional=(DATE,), table=False),
    Form("co-so-vat-chat", N_("Cơ sở vật chất"), N_("Điểm trường, nước sạch, phòng theo loại và tình trạng, diện tích, "
         "thiết bị tối thiểu còn thiếu."), (), _facilities, optional=(DATE,), table=False),
)


def find_form(name: str) -> Form:
    for form in FORMS:
        if form.name == name.strip().lower():
            return form
    known = ", ".join(f.name for f in FORMS)
    raise MamnonError(_("Không có biểu mẫu «{name}». Các biểu mẫu: {known}.").format(name=name, known=known))


def find_child(code: str):
    """The child (ChildRow) with this code, case ignored; a child who has left is found too (their card is still
    printed). A NotFound otherwise."""
    from mamnon.errors import NotFound
    from mamnon.services.children import list_children

    wanted = code.strip().casefold()
    for row in list_children(include_left=True):
        if row.code.casefold() == wanted:
            return row
    raise NotFound(_("Không có trẻ mã «{code}».").format(code=code.strip()))


def option_problem(form: Form, given: set[str]) -> str:
    """One sentence naming the missing options and those the form does not use; "" when right."""
    missing = ", ".join(option_typed(n) for n in form.needs if n not in given)
    extra = ", ".join(option_typed(n) for n in sorted(given) if n not in form.accepts)
    if missing and extra:
        text = _("Biểu mẫu {name} ({title}) cần {missing}; không dùng {extra}.")
    elif missing:
        text = _("Biểu mẫu {name} ({title}) cần {missing}.")
    elif extra:
        text = _("Biểu mẫu {name} ({title}) không dùng {extra}.")
    else:
        return ""
    return text.format(name=form.name, title=_(form.title).lower(), missing=missing, extra=extra)


def option_typed(option: str) -> str:
    """How the option is typed, in the interface language («--class NAME» in English)."""
    return _(OPTION_LABELS[option][0])


def check_options(form: Form, options: FormOptions) -> None:
    problem = option_problem(form, options.given())
    if problem:
        raise MamnonError(problem)


def write_form(form: Form, path: str | os.PathLike, options: FormOptions) -> Path:
    """Check the options, then write the form to `path` (.xlsx, atomically)."""
    from exporters.xlsx import check_target

    check_options(form, options)
    return Path(form.write(check_target(path), options))


def _slug(text: str) -> str:
    """ASCII letters and digits joined by '-': «Nhà trẻ 3–12 tháng» → «nha-tre-3-12-thang»."""
    import re

    from mamnon.vntext import fold

    return "-".join(re.findall(r"[a-z0-9]+", fold(text).replace("đ", "d")))  # i18n-skip: a letter, not a text


def default_filename(form: Form, options: FormOptions) -> str:
    """An ASCII name telling what and when, e.g. «diem-danh_la-1_11-2026.xlsx»."""
    parts = [form.name]
    if options.class_id is not None and options.class_name:
        parts.append(_slug(options.class_name))
    if options.child_id is not None and options.child_code:
        parts.append(_slug(options.child_code))
    if options.stage is not None:
        parts.append(options.stage.replace("_", "-"))
    if options.date is not None:
        parts.append(f"{options.date:%d-%m-%Y}")
    if options.month is not None:
        parts.append(f"{options.month[1]:02d}-{options.month[0]}")
    if options.period is not None:
        parts.append(options.period.code)
    return "_".join(parts) + ".xlsx"


# --- PDF ------------------------------------------------------------------------------------------------


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(xlsx_path: str | os.PathLike, *, timeout: float = PDF_TIMEOUT) -> Path:
    """The PDF beside `xlsx_path` (same name, .pdf), converted by LibreOffice; replaced only when complete."""
    source = Path(xlsx_path).resolve()
    program = soffice_path()
    if program is None:
        raise PdfUnavailable(_("Máy này chưa cài LibreOffice nên chưa xuất được PDF. Đã ghi tệp Excel {path}: "
                               "mở tệp bằng Excel rồi chọn In → Lưu thành PDF, hoặc cài LibreOffice rồi làm lại.")
                             .format(path=source))
    target = source.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="mamnon-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        outdir = Path(work, "out")
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(outdir), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise MamnonError(_("LibreOffice không chuyển xong {name} sang PDF sau {seconds} giây. "
                                "Tệp Excel vẫn ở {path}.").format(name=source.name, seconds=f"{timeout:.0f}",
                                                                 path=source)) from None
        produced = outdir / (source.stem + ".pdf")
        if not produced.is_file():
            detail = (done.stderr or done.stdout or "").strip().splitlines()
            if detail:
                raise MamnonError(_("LibreOffice không chuyển được {name} sang PDF ({detail}). Tệp Excel vẫn ở {path}.")
                                  .format(name=source.name, detail=detail[-1], path=source))
            raise MamnonError(_("LibreOffice không chuyển được {name} sang PDF. Tệp Excel vẫn ở {path}.").format(
                name=source.name, path=source))
        _replace_from(produced, target)
    return target


def _replace_from(produced: Path, target: Path) -> None:
    """Copy next to `target` first, then rename: an open or old PDF is never left half-written."""
    fd, temp_name = tempfile.mkstemp(prefix=".~mamnon-", suffix=".tmp.pdf", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(produced, temp_name)
        try:
            os.replace(temp_name, target)
        except PermissionError:
            raise MamnonError(_("Không thay được tệp {path}: tệp có thể đang mở, hãy đóng tệp rồi làm lại.")
                              .format(path=target)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
