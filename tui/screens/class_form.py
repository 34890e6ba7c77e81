"""Add or edit a class of the current school year."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

if TYPE_CHECKING:  # for the annotation; methods import services when called, as everywhere in tui
    from mamnon.services.classes import ClassForm


class ClassFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]

    def __init__(self, row: Any | None = None) -> None:
        """`row` is the ClassRow to edit, None to add a class."""
        super().__init__()
        self.row = row
        self.heading = _("Sửa lớp {name}").format(name=row.name) if row else _("Thêm lớp / nhóm")

    def items(self) -> list[FieldSpec | str]:
        from mamnon.reference import AGE_GROUPS
        from mamnon.services import staff

        teachers = [(f"{t.full_name} ({t.code})", t.id) for t in staff.list_staff(position="Giáo viên")]  # i18n-skip: stored position
        if self.row and self.row.main_teacher_id and all(v != self.row.main_teacher_id for _name, v in teachers):
            # Keep the current teacher even if no longer listed (left, other position):
            # saving must not drop her silently; the service explains if she cannot stay.
            teachers.append((self.row.main_teacher_name, self.row.main_teacher_id))
        return [
            FieldSpec("name", _("Tên lớp"), required=True, placeholder=_("ví dụ Lá 1, Chồi 2")),
            FieldSpec("age_group", _("Nhóm tuổi"), "select", [(_(g.label), g.code) for g in AGE_GROUPS],
                      required=True, placeholder=_("(chọn nhóm tuổi)")),
            FieldSpec("main_teacher_id", _("GV chủ nhiệm"), "select", teachers, placeholder=_("(chưa phân công)")),
            FieldSpec("room", _("Phòng")),
            FieldSpec("note", _("Ghi chú")),
        ]

    def initial(self) -> dict[str, Any]:
        if self.row is None:
            return {}
        r = self.row
        return {"name": r.name, "age_group": r.age_group, "main_teacher_id": r.main_teacher_id,
                "room": r.room, "note": r.note}

    def to_form(self, v: dict[str, Any]) -> ClassForm:
        from mamnon.services.classes import ClassForm

        return ClassForm(name=v["name"], age_group=v["age_group"] or "", main_teacher_id=v["main_teacher_id"],
                         room=v["room"], note=v["note"])

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import classes, school

        year_id = self.row.school_year_id if self.row else school.current_year().id
        _result, chk = classes.check_class(self.to_form(values), year_id=year_id,
                                     class_id=self.row.id if self.row else None)
        return chk.errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import classes

        form = self.to_form(values)
        if self.row is None:
            row = classes.create_class(form)
            self.app.notify(_("Đã thêm lớp {name}.").format(name=row.name))
        else:
            form.row_version = self.row.row_version  # refused if someone saved the class since the list was read
            row = classes.update_class(self.row.id, form)
            self.app.notify(_("Đã lưu lớp {name}.").format(name=row.name))
        return row.id
