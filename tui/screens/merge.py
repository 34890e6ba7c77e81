"""Merge the report workbooks of the units below (an office's schools, a province's offices) into one.

The same read and merge as `mamnon merge`: importers.merge_inputs.read_inputs,
mamnon.merge.merge, exporters.report.write_merged. No school database is read
or written — an office's computer usually has none — so the screen works
whatever database the app has open, and its fields start blank.

Ctrl+R previews (reads and merges, writes nothing). Ctrl+S writes the merge
that was previewed, and only while the fields still say what was previewed,
so the file written is the one whose checks the user has just read.

Below the preview, the units received are listed with their report's state
and timing (against «Hạn nộp»); D approves and T returns the highlighted one,
writing a small reply workbook for it into the «tra-loi» folder beside the
output (docs/approval.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text

from mamnon.i18n import _
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.import_file import GREEN, RED, YELLOW, clean_path, period_label
from tui.widgets.field_row import FieldSpec
from tui.widgets.form_body import FormBody
from tui.widgets.progress_panel import ProgressPanel

T = TypeVar("T")
INPUT_SEPARATOR = ";"
KEY_INDICATORS = ("TRE", "CC_TL", "DD_NHE_CAN_TL", "DD_THAP_COI_TL", "DD_GAY_COM_TL", "DD_THUA_CAN_TL",
                  "DD_BEO_PHI_TL")
"""The few totals shown on screen; the written file has every indicator."""
NO_INPUT = _("Không có tệp báo cáo nào dùng được: chưa ghi được tệp gộp.")


@dataclass
class Preview:
    values: dict[str, Any]
    """The fields as they were previewed: Ctrl+S writes only while they are unchanged."""
    target: Path
    result: Any
    """The mamnon.merge.MergeResult shown."""


def fields() -> list[FieldSpec]:
    from exporters.report import DEFAULT_LEVEL

    return [
        FieldSpec("inputs", _("Tệp, thư mục"), required=True,
                  placeholder=_("thư mục chứa các tệp, hoặc tệp1.xlsx; tệp2.xlsx")),
        FieldSpec("unit_code", _("Mã đơn vị gộp"), required=True, placeholder=_("ví dụ PGD-YL")),
        FieldSpec("unit_name", _("Tên đơn vị gộp"), required=True, placeholder=_("ví dụ Phòng GD&ĐT Yên Lạc")),
        FieldSpec("level_name", _("Cấp đơn vị"), placeholder=_("để trống: {level}").format(level=DEFAULT_LEVEL)),
        FieldSpec("period", _("Kỳ gộp"),
                  placeholder=_("để trống: kỳ của tệp đầu tiên (11/2026, 2026-2027)")),
        FieldSpec("expect", _("Đơn vị phải nộp"), placeholder=_("tệp danh sách đơn vị (không bắt buộc)")),
        FieldSpec("deadline", _("Hạn nộp"), placeholder=_("dd/mm/yyyy: đúng hạn / muộn / chưa nộp (không bắt buộc)")),
        FieldSpec("output", _("Ghi ra tệp"),
                  placeholder=_("để trống: bao-cao-<mã>-<kỳ>.xlsx trong thư mục đó")),
    ]


def input_arguments(text: str) -> list[str]:
    """The folders and files typed, each cleaned of the quotes Explorer's «Copy as path» adds."""
    paths = (clean_path(part) for part in (text or "").split(INPUT_SEPARATOR))
    return [str(p) for p in paths if p is not None]


def output_folder(arguments: list[str]) -> Path:
    first = Path(arguments[0])
    return first if first.is_dir() else first.parent


def default_output(arguments: list[str], code: str, period: str) -> Path:
    name = f"bao-cao-{code}-{period}.xlsx" if period else f"bao-cao-{code}.xlsx"
    return output_folder(arguments) / name


def first_period(inputs: list[Any], code: str) -> str:
    """The period the merge will take: the first readable file's, this unit's own old files aside."""
    from mamnon.merge import MergeInput

    return next((i.period for i in inputs if isinstance(i, MergeInput) and i.unit.code != code), "")


def is_file(source: str, path: Path | None) -> bool:
    return path is not None and Path(source).resolve() == path.resolve()


def figure(value: float | None, places: int) -> str:
    """1234 → «1.234», 49.6 → «49,6»; None (nothing to divide by) → «–»."""
    if value is None:
        return "–"
    text = f"{value:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass
class Given:
    """The fields made usable: paths cleaned, the period canonical, the units list read."""

    arguments: list[str]
    unit: Any
    period: str | None = None
    target: Path | None = None
    expect_path: Path | None = None
    expected: list[Any] | None = None
    deadline: Any = None


def required_errors(text: dict[str, str]) -> dict[str, str]:
    errors = {}
    if not input_arguments(text["inputs"]):
        errors["inputs"] = _("Hãy gõ thư mục có các tệp báo cáo, hoặc tệp1; tệp2.")
    if not text["unit_code"]:
        errors["unit_code"] = _("Hãy gõ mã của đơn vị mình (mã này ghi vào tệp gộp).")
    if not text["unit_name"]:
        errors["unit_name"] = _("Hãy gõ tên của đơn vị mình.")
    return errors


def field_value(errors: dict[str, str], key: str, make: Callable[[], T]) -> T | None:
    """make(), or None with its refusal put in `errors` under the field `key`."""
    from mamnon.errors import MamnonError, ValidationError

    try:
        return make()
    except ValidationError as exc:
        errors[key] = exc.errors.get(key) or "; ".join(exc.errors.values())
    except MamnonError as exc:
        errors[key] = str(exc)
    return None


def given_fields(values: dict[str, Any]) -> Given:
    """The typed values checked all at once: a ValidationError names every field that is wrong."""
    from exporters.xlsx import check_target
    from importers.merge_inputs import read_expected
    from mamnon.errors import ValidationError
    from mamnon.merge import Unit
    from mamnon.workbooks.periods import parse_period

    text = {key: (value or "").strip() for key, value in values.items()}
    errors = required_errors(text)
    given = Given(input_arguments(text["inputs"]), Unit(text["unit_code"], text["unit_name"], text["level_name"]))
    if text["period"]:
        given.period = field_value(errors, "period", lambda: parse_period(text["period"]).code)
    if text["output"]:
        given.target = field_value(errors, "output", lambda: check_target(clean_path(text["output"])))
    if text.get("deadline"):
        given.deadline = field_value(errors, "deadline", lambda: _deadline(text["deadline"]))
    if text["expect"]:
        given.expect_path = clean_path(text["expect"])
        given.expected = field_value(errors, "expect", lambda: read_expected(given.expect_path))
    if errors:
        raise ValidationError(errors)
    return given


def _deadline(text: str):
    from mamnon.errors import ValidationError
    from mamnon.formats import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise ValidationError({"deadline": str(exc)}) from None


IN_THREAD_FROM_BYTES = 2 * 1024 * 1024
"""Input above which reading runs in a worker with a progress bar and Esc (about 50 school reports):
below it the merge takes well under a second, with nothing to watch or cancel."""
IN_THREAD_FROM_SCHOOLS = 200
"""Schools in a merge above which writing it runs in a worker (an office of 200 schools: about a second)."""


def worth_a_thread(arguments: list[str]) -> bool:
    from importers.merge_inputs import input_files

    total = 0
    for item in input_files(arguments):
        if isinstance(item, tuple):
            try:
                total += item[1].stat().st_size
            except OSError:
                pass
    return total >= IN_THREAD_FROM_BYTES


def worth_a_thread_to_write(result: Any) -> bool:
    return len(result.leaves) >= IN_THREAD_FROM_SCHOOLS


def run_merge(values: dict[str, Any], progress: Any = None) -> tuple[Path, Any]:
    """Read and merge as `mamnon merge` does, writing nothing: (the output path, the MergeResult).

    A blank output is named after the period, which only the files tell; the
    output file and the units list are left out of the inputs, since both may
    sit in the folder merged and neither is a unit's report.
    """
    return merge_given(given_fields(values), progress)


def merge_given(given: Given, progress: Any = None) -> tuple[Path, Any]:
    """run_merge on fields already checked (given_fields)."""
    from exporters.xlsx import check_target
    from importers.merge_inputs import read_inputs
    from mamnon.errors import MamnonError, ValidationError
    from mamnon.merge import merge

    unit = given.unit
    inputs = read_inputs(given.arguments, exclude=given.target, progress=progress)
    period = given.period or first_period(inputs, unit.code) or None
    target = given.target
    if target is None:
        try:
            target = check_target(default_output(given.arguments, unit.code, period or ""))
        except MamnonError as exc:
            raise ValidationError({"output": str(exc)}) from None
    inputs = [i for i in inputs
              if not is_file(i.source, target) and not is_file(i.source, given.expect_path)]
    if progress is not None:
        progress.stage(0, _("Gộp số liệu"))
    result = merge(inputs, unit=unit, level_name=unit.level, period=period, expected=given.expected,
                   deadline=given.deadline)
    return target, result


def verdict_lines(preview: Preview, written: Path | None = None) -> Text:
    """What matters first (seen without scrolling): how many units sent, the problems, what Ctrl+S does."""
    result = preview.result
    text = Text()
    text.append(f"{period_label(result.period) or _('Không rõ kỳ')}: {result.summary_shown}", style="bold")
    text.append(_(" — {schools} trường; {problems}.").format(schools=len(result.leaves),
                                                            problems=problems_text(result)) + "\n")
    if not result.contributors:
        text.append(NO_INPUT + "\n", style=RED)
    elif written is not None:
        text.append(_("Đã ghi báo cáo gộp: {path}").format(path=written) + "\n", style=GREEN)
    else:
        existed = _(" (thay tệp cũ cùng tên)") if preview.target.exists() else ""
        text.append(_("Chưa ghi gì. Ctrl+S: ghi ra {path}{existed}.").format(path=preview.target, existed=existed)
                    + "\n", style=GREEN)
    if result.contributors and result.lists_withheld:
        text.append(_("Danh sách trẻ cần theo dõi (họ tên trẻ) không chuyển lên cấp này: chỉ chuyển số liệu.")
                    + "\n")
    return text


def shown_checks(result: Any) -> list[Any]:
    """The checks beyond the rejections, which are listed with their files already."""
    return [c for c in result.checks if not c.rejection]


def problems_text(result: Any) -> str:
    """«1 tệp bị từ chối, 2 lỗi, 1 cảnh báo», counted as they are listed below."""
    from mamnon.workbooks.kinds import SEVERITY_ERROR

    checks = shown_checks(result)
    errors = sum(1 for c in checks if c.severity == SEVERITY_ERROR)
    rejected = sum(1 for f in result.files if not f.accepted)
    parts = [_("{count} tệp bị từ chối").format(count=rejected)] if rejected else []
    return ", ".join([*parts, _("{count} lỗi").format(count=errors),
                      _("{count} cảnh báo").format(count=len(checks) - errors)])


def file_lines(result: Any) -> Text:
    text = Text.assemble("\n", (_("Tệp đọc được ({count}):").format(count=len(result.files)), "bold"), "\n")
    for status in result.files:
        name = Path(status.source).name or status.source
        if status.accepted:
            text.append(_("  Nhận     "), style=GREEN)
            text.append(_("{file} — {name} (mã {code})").format(file=name, name=status.unit.name,
                                                              code=status.unit.code) + "\n")
        else:
            text.append(_("  Từ chối  "), style=RED)
            text.append(f"{name}: {status.reason}\n")
    return text


def check_lines(result: Any) -> Text:
    from mamnon.workbooks.kinds import SEVERITY_ERROR

    checks = shown_checks(result)
    if not checks:
        return Text("\n" + _("Kiểm tra: không thấy vấn đề gì.") + "\n", style=GREEN)
    text = Text.assemble("\n", (_("Kiểm tra ({count}):").format(count=len(checks)), "bold"), "\n")
    for check in checks:
        who = (_("{name} (mã {code})").format(name=check.unit_name, code=check.unit_code) if check.unit_code
               else Path(check.file).name)
        style = RED if check.severity == SEVERITY_ERROR else YELLOW
        text.append(f"  {_(check.severity)}: {who}: {check.message}\n", style=style)
    return text


def total_lines(result: Any) -> Text:
    from mamnon.indicators import BY_CODE

    heading = _("Tổng của {unit} (vài chỉ tiêu chính; tệp ghi đủ mọi chỉ tiêu):").format(unit=result.unit.name)
    text = Text.assemble("\n", (heading, "bold"), "\n")
    for code in KEY_INDICATORS:
        ind = BY_CODE[code]
        value = figure(result.indicators.get(code), ind.places)
        text.append(f"  {ind.shown_label:<38} {value:>9} {ind.shown_unit}\n")
    return text


def preview_text(preview: Preview, written: Path | None = None) -> Text:
    text = verdict_lines(preview, written) + file_lines(preview.result) + check_lines(preview.result)
    if preview.result.contributors:
        text += total_lines(preview.result)
    text.rstrip()
    return text


REPLY_FOLDER = "tra-loi"
"""Beside the merged output: one reply workbook per unit answered."""


def unit_line(item: Any, result: Any, decided: str = "") -> str:
    """One received unit: code, name, its report's state, its timing, and the reply written if any."""
    sub = next((s for s in result.submissions if s.unit_code == item.unit.code), None)
    parts = [f"{item.unit.code}  {item.unit.name}"]
    if sub is not None and sub.state_shown:
        parts.append(sub.state_shown)
    if sub is not None and sub.timing_shown:
        parts.append(sub.timing_shown)
    if decided:
        parts.append(f"→ {decided}")
    return " — ".join(parts)


def reply_path(preview_target: Path, item: Any) -> Path:
    from exporters.reply import reply_file_name

    return preview_target.parent / REPLY_FOLDER / reply_file_name(item.unit.code, item.period)


def write_unit_reply(result: Any, item: Any, target: Path, decision: str, note: str, by: str) -> Path:
    """The reply of `result.unit` to the report `item` (a MergeInput), written to `target`."""
    from exporters.reply import make_reply, write_reply

    reply = make_reply(office_code=result.unit.code, office_name=result.unit.name, school_code=item.unit.code,
                       school_name=item.unit.name, period=item.period, figures=item.indicators,
                       decision=decision, note=note, by=by)
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(write_reply(target, reply, level=result.unit.level)).resolve()


class UnitReplies(OptionList):
    """The units received: D approves, T returns the highlighted one (the screen writes the reply)."""

    BINDINGS = [
        Binding("d", "screen.approve", _("Duyệt")),
        Binding("t", "screen.return_report", _("Trả lại")),
    ]


class MergeScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+r", "preview", _("Xem trước")),
        Binding("ctrl+s", "write", _("Ghi tệp")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.preview: Preview | None = None
        self.received: Preview | None = None
        """The last preview, kept after Ctrl+S: its units can still be answered."""
        self.decided: dict[int, str] = {}
        """Contributor index → the decision whose reply was written for `received`."""
        self.auto_output = ""
        """The output path this screen made up: it follows the next preview until the user types another."""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield FormBody(fields(), id="form")
        yield ProgressPanel(id="progress")
        with VerticalScroll(id="report"):
            yield Static(id="outcome")
        yield UnitReplies(id="units")
        yield Footer(compact=True)

    @property
    def body(self) -> FormBody:
        return self.query_one("#form", FormBody)

    @property
    def report(self) -> VerticalScroll:
        return self.query_one("#report", VerticalScroll)

    def on_mount(self) -> None:
        self.sub_title = _("Gộp báo cáo các đơn vị")
        self.say(_("Gộp các tệp báo cáo của trường (hoặc của Phòng) thành báo cáo của đơn vị mình; không cần "
                   "cơ sở dữ liệu trường. Điền các ô rồi nhấn Ctrl+R để xem trước, Ctrl+S để ghi tệp."))
        self.units.display = False
        self.body.focus_first()

    @property
    def ready(self) -> bool:
        return (self.preview is not None and bool(self.preview.result.contributors)
                and self.preview.values == self.body.values())

    @property
    def panel(self) -> ProgressPanel:
        return self.query_one("#progress", ProgressPanel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("preview", "write", "approve", "return_report") and self.panel.busy:
            return None  # one job at a time: Esc cancels the one running
        if action == "write":
            # Shown but greyed until a preview of the fields as they are now.
            return True if self.ready else None
        return True

    def on_key(self, event: events.Key) -> None:
        # A greyed binding runs nothing and lets its key through: say why, rather than nothing at all.
        if event.key == "ctrl+s" and not self.ready and not self.panel.busy:
            event.stop()
            self.explain_not_ready()

    def explain_not_ready(self) -> None:
        if self.preview is None:
            why = _("Chưa xem trước: nhấn Ctrl+R để đọc và kiểm tra các tệp, rồi mới ghi được.")
        elif not self.preview.result.contributors:
            why = NO_INPUT
        else:
            why = _("Các ô đã đổi sau lần xem trước: nhấn Ctrl+R để xem trước lại rồi mới ghi.")
        self.notify(why, title=_("Chưa ghi tệp"), severity="warning")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves to the next field; on the last one it previews.
        event.stop()
        if event.input.id == "output":
            self.action_preview()
        else:
            self.focus_next()

    def say(self, text: Text | str, style: str = "") -> None:
        self.query_one("#outcome", Static).update(Text(text, style=style) if isinstance(text, str) else text)
        self.report.scroll_home(animate=False)

    def action_preview(self) -> None:
        from mamnon.errors import ValidationError

        if self.panel.busy:
            return
        self.preview = None
        values = self.body.values()
        if values["output"] == self.auto_output:
            values["output"] = ""
        try:
            given = given_fields(values)  # the fields are checked at once; only the files take long
        except ValidationError as exc:
            self.preview_failed(exc)
            return
        self.say(_("Đang đọc các tệp…"))
        self.panel.run(lambda progress: merge_given(given, progress), self.preview_done, self.preview_failed,
                       in_thread=worth_a_thread(given.arguments))
        self.refresh_bindings()

    def preview_failed(self, exc: Exception) -> None:
        from mamnon.errors import Cancelled, MamnonError, ValidationError

        if isinstance(exc, Cancelled):
            self.say(_("Đã hủy: chưa đọc xong các tệp, chưa ghi tệp nào."), YELLOW)
        elif isinstance(exc, ValidationError):
            loose = self.body.show(exc.errors)
            self.say("\n".join([_("Chưa xem trước được: xem dòng chữ đỏ dưới các ô."), *loose.values()]), RED)
        elif isinstance(exc, MamnonError):
            self.say(str(exc), RED)
        else:
            raise exc
        self.received = None
        self.show_units()
        self.refresh_bindings()

    def preview_done(self, found: tuple[Path, Any]) -> None:
        self.show_preview(*found)
        self.refresh_bindings()

    def show_preview(self, target: Path, result: Any) -> None:
        self.body.show({})
        output = self.query_one("#output", Input)
        if not output.value.strip() or output.value == self.auto_output:
            output.value = self.auto_output = str(target)
        self.preview = self.received = Preview(self.body.values(), target, result)
        self.say(preview_text(self.preview))
        self.decided = {}
        self.show_units()
        self.report.focus()

    @property
    def units(self) -> UnitReplies:
        return self.query_one("#units", UnitReplies)

    def show_units(self) -> None:
        result = self.received.result if self.received else None
        units = self.units
        highlighted = units.highlighted
        units.clear_options()
        if result is None or not result.contributors:
            units.display = False
            return
        units.add_options([Option(unit_line(item, result, self.decided.get(i, "")), id=str(i))
                           for i, item in enumerate(result.contributors)])
        units.border_title = _("Đơn vị đã nộp: D duyệt, T trả lại (ghi tệp trả lời)")
        units.display = True
        units.highlighted = highlighted if highlighted is not None else 0

    def action_approve(self) -> None:
        from mamnon.workbooks.reply_spec import APPROVE

        self.answer(APPROVE)

    def action_return_report(self) -> None:
        from mamnon.workbooks.reply_spec import RETURN

        self.answer(RETURN)

    def answer(self, decision: str) -> None:
        from tui.dialogs.reply_note import ReplyNoteDialog
        from mamnon.services.approval import period_text
        from mamnon.workbooks.reply_spec import DECISION_LABELS, RETURN

        if self.received is None or self.units.highlighted is None:
            return
        index = self.units.highlighted
        result = self.received.result
        item = result.contributors[index]
        target = reply_path(self.received.target, item)
        label = _(DECISION_LABELS[decision])

        def write(note: str, by: str) -> Path:
            return write_unit_reply(result, item, target, decision, note, by)

        def done(path: Path | None) -> None:
            if path is None:
                return
            self.decided[index] = label
            self.show_units()
            self.notify(f"{item.unit.name}: {path}", title=_("Đã ghi tệp trả lời «{decision}»").format(decision=label))

        title = _("{decision} báo cáo {period} của {unit}").format(decision=label, period=period_text(item.period),
                                                                  unit=item.unit.name)
        note = (_("Tệp trả lời ghi vào {path} (thay tệp cũ).") if target.exists()
                else _("Tệp trả lời ghi vào {path}.")).format(path=target)
        self.app.push_screen(ReplyNoteDialog(title, note, write, note_required=decision == RETURN,
                                             confirm_label=label), done)

    def action_write(self) -> None:
        from exporters.report import write_merged

        if self.panel.busy:
            return
        if not self.ready:
            self.explain_not_ready()
            return
        preview = self.preview
        # Written or not, the next Ctrl+S needs a new preview: the folder now holds another file.
        self.preview = None
        self.refresh_bindings()
        self.panel.run(lambda progress: (preview, Path(write_merged(preview.target, preview.result,
                                                                    progress=progress)).resolve()),
                       self.write_done, self.write_failed, in_thread=worth_a_thread_to_write(preview.result))

    def write_failed(self, exc: Exception) -> None:
        from mamnon.errors import Cancelled, MamnonError

        self.refresh_bindings()
        if isinstance(exc, Cancelled):
            self.say(_("Đã hủy: chưa ghi tệp gộp nào (tệp cũ cùng tên, nếu có, giữ nguyên)."), YELLOW)
        elif isinstance(exc, MamnonError):
            self.say(str(exc), RED)
        else:
            raise exc

    def write_done(self, made: tuple[Preview, Path]) -> None:
        preview, written = made
        self.refresh_bindings()
        self.say(preview_text(preview, written))
        self.notify(_("{summary}, {schools} trường: {path}").format(
            summary=preview.result.summary_shown, schools=len(preview.result.leaves), path=written),
                    title=_("Đã ghi báo cáo gộp {period}").format(period=period_label(preview.result.period)))

    def action_back(self) -> None:
        self.dismiss()
