"""Add or edit one entry of the phổ cập census; a child of the school shows their record, not typed again."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.screens.child_form import SEX_OPTIONS
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

if TYPE_CHECKING:
    from mamnon.services.census import EntryForm

YES_NO = [(_("Chưa"), False), (_("Đã hoàn thành"), True)]


class CensusFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]

    def __init__(self, year: int, *, entry_id: int | None = None, village_id: int | None = None) -> None:
        super().__init__()
        from mamnon.services import census

        self.year = year
        self.entry_id = entry_id
        self.form = census.form_for(entry_id) if entry_id else census.EntryForm(village_id=village_id)
        self.linked = self.form.child_id is not None
        self.heading = (_("Sửa mục điều tra năm {year}") if entry_id else _("Thêm trẻ vào điều tra năm {year}")).format(year=year)
        self.first_field = "status" if self.linked else "full_name"

    def items(self) -> list[FieldSpec | str]:
        from mamnon.reference import ETHNIC_NAMES
        from mamnon.services import census

        villages = [(v.label, v.id) for v in census.list_villages()]
        place = [
            FieldSpec("village_id", _("Thôn, xóm"), "select", villages, placeholder=_("(thôn mới: gõ ở hai ô dưới)")),
            FieldSpec("new_village", _("Hoặc thôn mới"), placeholder=_("tên thôn, xóm chưa có trong danh sách")),
            FieldSpec("new_commune", _("của xã"), placeholder=_("tên xã, phường")),
        ]
        if self.linked:
            who = [FieldSpec("child", _("Trẻ của trường"), "static"),
                   FieldSpec("guardian_name", _("Cha/mẹ"), placeholder=_("để trống: theo hồ sơ của trường"))]
        else:
            who = [
                FieldSpec("full_name", _("Họ và tên"), required=True, placeholder=_("ví dụ Lò Văn Páo")),
                FieldSpec("birth_date", _("Ngày sinh"), required=True,
                          placeholder=_("dd/mm/yyyy, sinh {first_year}–{last_year}").format(
                              first_year=self.year - 5, last_year=self.year)),
                FieldSpec("sex", _("Giới tính"), "select", SEX_OPTIONS, required=True),
                FieldSpec("ethnicity", _("Dân tộc"), "select", [(n, n) for n in ETHNIC_NAMES], allow_blank=False),
                FieldSpec("guardian_name", _("Cha/mẹ"), required=True, placeholder=_("cha, mẹ hoặc người giám hộ")),
                FieldSpec("disability", _("Khuyết tật"), placeholder=_("dạng khuyết tật; trống nếu không")),
            ]
        status = [
            FieldSpec("address", _("Địa chỉ")),
            FieldSpec("status", _("Tình trạng"), "select", [(_(label), code) for code, label in census.STATUS_LABELS.items()],
                      allow_blank=False, required=True),
            FieldSpec("school_name", _("Trường đang học"), placeholder=_("khi học trường khác")),
            FieldSpec("completed", _("Hoàn thành CT"), "select", YES_NO, allow_blank=False),
            FieldSpec("status_date", _("Ngày chuyển/mất"), placeholder="dd/mm/yyyy"),
            FieldSpec("destination", _("Chuyển đến"), placeholder=_("khi chuyển đi")),
            FieldSpec("note", _("Ghi chú")),
        ]
        return [*who, *place, *status]

    def initial(self) -> dict[str, Any]:
        values = asdict(self.form)
        values["village_id"] = self.form.village_id
        if self.linked:
            from mamnon.services import census

            row = census.get_entry(self.entry_id)
            values["child"] = _("{full_name} ({code}), sinh {birth_date:%d/%m/%Y}").format(
                full_name=row.full_name, code=row.child_code, birth_date=row.birth_date)
        return values

    def to_form(self, v: dict[str, Any]) -> EntryForm:
        from mamnon.services.census import EntryForm

        keep = self.form
        return EntryForm(
            village_id=v["village_id"] or None, child_id=keep.child_id,
            full_name=v.get("full_name", keep.full_name), birth_date=v.get("birth_date", keep.birth_date),
            sex=v.get("sex", keep.sex) or "", ethnicity=v.get("ethnicity", keep.ethnicity) or "Kinh",  # i18n-skip: stored ethnicity
            guardian_name=v["guardian_name"], address=v["address"], status=v["status"] or "",
            school_name=v["school_name"], completed=bool(v["completed"]),
            disability=v.get("disability", keep.disability), status_date=v["status_date"],
            destination=v["destination"], note=v["note"],
            row_version=keep.row_version)  # the version opened: the save is refused if someone saved since

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import census

        form = self.to_form(values)
        new_place = values["new_village"].strip()
        if new_place:
            form.village_id = -1 if form.village_id is None else form.village_id
        _result, chk = census.check_entry(form, self.year, entry_id=self.entry_id)
        errors = dict(chk.errors)
        if new_place:
            errors.pop("village_id", None)
            if not values["new_commune"].strip():
                errors["new_commune"] = _("Cần nhập tên xã của thôn mới.")
        return errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import census

        row = census.save_entry(self.year, self.to_form(values), entry_id=self.entry_id,
                                new_commune=values["new_commune"], new_village=values["new_village"])
        if self.entry_id is None:
            self.app.notify(_("Đã thêm {full_name} ({age} tuổi, {village}).").format(
                full_name=row.full_name, age=row.age, village=row.village))
        else:
            self.app.notify(_("Đã lưu {full_name}: {where}.").format(full_name=row.full_name, where=row.where_shown))
        return row.id
