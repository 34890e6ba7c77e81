"""Add or edit one health check of a child: date, examiner, findings by body system, conclusion."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Static

from mamnon.i18n import _
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

if TYPE_CHECKING:  # for the annotation; methods import services when called, as everywhere in tui
    from mamnon.services.health_checks import HealthCheckForm

NORMAL_HINT = _("để trống: bình thường")


@dataclass(frozen=True)
class Saved:
    """What the form is dismissed with: the check, and what to offer for the next child."""

    id: int
    date_text: str
    examiner: str


class HealthCheckFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]

    def __init__(self, child: Any, check_id: int | None = None, *, date: str = "", examiner: str = "") -> None:
        super().__init__()
        self.child = child
        self.check_id = check_id
        self.default_date = date
        self.default_examiner = examiner
        self.heading = _("Sửa lần khám sức khỏe") if check_id else _("Thêm lần khám sức khỏe")

    def compose_intro(self) -> ComposeResult:
        from mamnon.formats import format_date

        yield Static(_("{full_name} · sinh {birth_date} · lớp {class_name}").format(
            full_name=self.child.full_name, birth_date=format_date(self.child.birth_date),
            class_name=self.child.class_name), classes="form-intro", markup=False)

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services.health_checks import FINDING_FIELDS

        return [
            FieldSpec("checked_on", _("Ngày khám"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("examiner", _("Người khám"), required=True, placeholder=_("ví dụ BS. Trạm y tế xã")),
            *(FieldSpec(key, _(label), placeholder=NORMAL_HINT) for key, label in FINDING_FIELDS.items()),
            FieldSpec("conclusion", _("Kết luận"), placeholder=_("để trống: sức khỏe bình thường")),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.services import health_checks
        from tui.dialogs.form_dialog import today_text

        if self.check_id is not None:
            form = health_checks.form_for(self.check_id)
            self.opened_version = form.row_version  # the save is refused if someone else saved meanwhile
            return asdict(form)
        return {"checked_on": self.default_date or today_text(), "examiner": self.default_examiner}

    def to_form(self, values: dict[str, Any]) -> HealthCheckForm:
        from mamnon.services.health_checks import HealthCheckForm

        return HealthCheckForm(**{k: values.get(k) or "" for k in HealthCheckForm.__dataclass_fields__
                                  if k != "row_version"})

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import health_checks

        _skip, chk = health_checks.check_health_check(self.to_form(values), self.child.id)
        return chk.errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.formats import format_date
        from mamnon.services import health_checks

        form = self.to_form(values)
        if self.check_id is None:
            row = health_checks.add_health_check(self.child.id, form)
        else:
            form.row_version = getattr(self, "opened_version", None)
            row = health_checks.update_health_check(self.check_id, form)
        self.app.notify(_("Đã lưu lần khám {checked_on} của {child_name}.").format(
            checked_on=format_date(row.checked_on), child_name=row.child_name))
        return Saved(row.id, format_date(row.checked_on), row.examiner)
