"""Add or edit a child: identity, class (on add), address, policy, two guardians."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

if TYPE_CHECKING:  # for the annotation; methods import services when called, as everywhere in tui
    from mamnon.services.children import ChildForm

SEX_OPTIONS = [(_("Nam"), "M"), (_("Nữ"), "F")]


class ChildFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    first_field = "full_name"  # the code is usually left to the program
    # Ctrl+L, not a letter: the cursor is always in a field, where a letter is typed.
    BINDINGS = [*FormScreen.BINDINGS, Binding("ctrl+l", "history", _("Lịch sử"))]

    def __init__(self, child_id: int | None = None, class_id: int | None = None) -> None:
        super().__init__()
        self.child_id = child_id
        self.class_id = class_id
        self.heading = _("Sửa thông tin trẻ") if child_id else _("Thêm trẻ")

    def items(self) -> list[FieldSpec | str]:
        from mamnon.reference import ETHNIC_NAMES, GUARDIAN_RELATIONS, POLICY_CATEGORIES
        from mamnon.services import classes

        if self.child_id is None:
            class_field = FieldSpec(
                "class_id", _("Lớp"), "select", required=True, placeholder=_("(chọn lớp)"),
                options=[(c.name if c.name.startswith(c.age_group_label) else f"{c.name} – {_(c.age_group_label)}", c.id)
                         for c in classes.list_classes()],
            )
        else:
            # Editing never moves a child: the move dialog keeps the class history right.
            class_field = FieldSpec("class_name", _("Lớp"), "static")
        items: list[FieldSpec | str] = [
            FieldSpec("code", _("Mã trẻ"), placeholder=_("để trống: tự đặt mã")),
            FieldSpec("full_name", _("Họ và tên"), required=True, placeholder=_("ví dụ Nguyễn Thị Hoa")),
            FieldSpec("birth_date", _("Ngày sinh"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("sex", _("Giới tính"), "select", SEX_OPTIONS, required=True),
            class_field,
            FieldSpec("enrolled_on", _("Ngày nhập học"), placeholder=_("dd/mm/yyyy (để trống: hôm nay)")),
            FieldSpec("ethnicity", _("Dân tộc"), "select", [(n, n) for n in ETHNIC_NAMES], allow_blank=False),
            FieldSpec("village", _("Thôn/xóm")),
            FieldSpec("commune", _("Xã/phường")),
            FieldSpec("province", _("Tỉnh/TP")),
            FieldSpec("address", _("Địa chỉ"), placeholder=_("số nhà, đường")),
            FieldSpec("disability", _("Khuyết tật"), placeholder=_("để trống nếu không")),
            FieldSpec("policy_category", _("Diện chính sách"), "select", [(_(p), p) for p in POLICY_CATEGORIES],
                      placeholder=_("(không)")),
            FieldSpec("note", _("Ghi chú")),
        ]
        for i in (1, 2):
            items += [
                _("Người giám hộ {number}").format(number=i),
                FieldSpec(f"guardian{i}_name", _("Họ tên")),
                FieldSpec(f"guardian{i}_relation", _("Quan hệ"), "select",
                          [(_(r), r) for r in GUARDIAN_RELATIONS]),
                FieldSpec(f"guardian{i}_phone", _("Số điện thoại"), placeholder=_("ví dụ 0912 345 678")),
            ]
        return items

    def initial(self) -> dict[str, Any]:
        from mamnon.formats import format_phone
        from mamnon.services import children

        if self.child_id is None:
            from mamnon.services import school

            # Most children live where the school is: a default saves typing.
            info = school.school_info()
            return {"class_id": self.class_id, "ethnicity": "Kinh", "commune": info.commune,  # i18n-skip: stored ethnicity
                    "province": info.province}
        form = children.form_for(self.child_id)
        self.opened_version = form.row_version  # the save is refused if someone else saved meanwhile
        values = {k: v for k, v in asdict(form).items() if k != "guardians"}
        for i, g in enumerate(form.guardians, start=1):
            values.update({f"guardian{i}_name": g.full_name, f"guardian{i}_relation": g.relation or None,
                           f"guardian{i}_phone": format_phone(g.phone)})
        values["policy_category"] = form.policy_category or None
        values["class_name"] = children.get_child(self.child_id).row.class_name + _("  (đổi lớp: phím m ở danh sách)")
        return values

    def to_form(self, v: dict[str, Any]) -> ChildForm:
        from mamnon.services.children import ChildForm, GuardianForm

        return ChildForm(
            full_name=v["full_name"], birth_date=v["birth_date"], sex=v["sex"] or "", code=v["code"],
            class_id=v.get("class_id"), enrolled_on=v["enrolled_on"], ethnicity=v["ethnicity"] or "Kinh",  # i18n-skip: stored ethnicity
            village=v["village"], commune=v["commune"], province=v["province"], address=v["address"],
            disability=v["disability"], policy_category=v["policy_category"] or "", note=v["note"],
            guardians=[GuardianForm(v[f"guardian{i}_name"], v[f"guardian{i}_relation"] or "",
                                    v[f"guardian{i}_phone"]) for i in (1, 2)],
        )

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import children

        result = children.validate_child(self.to_form(values), child_id=self.child_id)
        return result.errors, result.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import children

        form = self.to_form(values)
        if self.child_id is None:
            row = children.create_child(form)
            self.app.notify(_("Đã thêm {full_name} (mã {code}) vào lớp {class_name}.").format(
                full_name=row.full_name, code=row.code, class_name=row.class_name))
        else:
            form.row_version = getattr(self, "opened_version", None)
            row = children.update_child(self.child_id, form)
            self.app.notify(_("Đã lưu thông tin {full_name}.").format(full_name=row.full_name))
        return row.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A child being added has no history yet: the key is left out of the footer.
        if action == "history" and self.child_id is None:
            return False
        return super().check_action(action, parameters)

    def action_history(self) -> None:
        if self.child_id is None:
            self.notify(_("Trẻ chưa được lưu nên chưa có lịch sử thay đổi."))
            return
        from mamnon.services import children
        from tui.screens.audit_log import AuditLogScreen

        self.app.push_screen(AuditLogScreen("child", self.child_id, children.get_child(self.child_id).row.full_name))
