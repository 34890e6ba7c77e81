"""Add or edit one entry of the phổ cập census; a child of the school shows their record, not typed again."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.screens.child_form import SEX_OPTIONS
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

if TYPE_CHECKING:
    from mamnon.services.census import EntryForm

YES_NO = [("Chưa", False), ("Đã hoàn thành", True)]


class CensusFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]

    def __init__(self, year: int, *, entry_id: int | None = None, village_id: int | None = None) -> None:
        super().__init__()
        from mamnon.services import census

        self.year = year
        self.entry_id = entry_id
        self.form = census.form_for(entry_id) if entry_id else census.EntryForm(village_id=village_id)
        self.linked = self.form.child_id is not None
        self.heading = (f"Sửa mục điều tra năm {year}" if entry_id else f"Thêm trẻ vào điều tra năm {year}")
        self.first_field = "status" if self.linked else "full_name"

    def items(self) -> list[FieldSpec | str]:
        from mamnon.reference import ETHNIC_NAMES
        from mamnon.services import census

        villages = [(v.label, v.id) for v in census.list_villages()]
        place = [
            FieldSpec("village_id", "Thôn, xóm", "select", villages, placeholder="(thôn mới: gõ ở hai ô dưới)"),
            FieldSpec("new_village", "Hoặc thôn mới", placeholder="tên thôn, xóm chưa có trong danh sách"),
            FieldSpec("new_commune", "của xã", placeholder="tên xã, phường"),
        ]
        if self.linked:
            who = [FieldSpec("child", "Trẻ của trường", "static"),
                   FieldSpec("guardian_name", "Cha/mẹ", placeholder="để trống: theo hồ sơ của trường")]
        else:
            who = [
                FieldSpec("full_name", "Họ và tên", required=True, placeholder="ví dụ Lò Văn Páo"),
                FieldSpec("birth_date", "Ngày sinh", required=True,
                          placeholder=f"dd/mm/yyyy, sinh {self.year - 5}–{self.year}"),
                FieldSpec("sex", "Giới tính", "select", SEX_OPTIONS, required=True),
                FieldSpec("ethnicity", "Dân tộc", "select", [(n, n) for n in ETHNIC_NAMES], allow_blank=False),
                FieldSpec("guardian_name", "Cha/mẹ", required=True, placeholder="cha, mẹ hoặc người giám hộ"),
                FieldSpec("disability", "Khuyết tật", placeholder="dạng khuyết tật; trống nếu không"),
            ]
        status = [
            FieldSpec("address", "Địa chỉ"),
            FieldSpec("status", "Tình trạng", "select", [(label, code) for code, label in census.STATUS_LABELS.items()],
                      allow_blank=False, required=True),
            FieldSpec("school_name", "Trường đang học", placeholder="khi học trường khác"),
            FieldSpec("completed", "Hoàn thành CT", "select", YES_NO, allow_blank=False),
            FieldSpec("status_date", "Ngày chuyển/mất", placeholder="dd/mm/yyyy"),
            FieldSpec("destination", "Chuyển đến", placeholder="khi chuyển đi"),
            FieldSpec("note", "Ghi chú"),
        ]
        return [*who, *place, *status]

    def initial(self) -> dict[str, Any]:
        values = asdict(self.form)
        values["village_id"] = self.form.village_id
        if self.linked:
            from mamnon.services import census

            row = census.get_entry(self.entry_id)
            values["child"] = f"{row.full_name} ({row.child_code}), sinh {row.birth_date:%d/%m/%Y}"
        return values

    def to_form(self, v: dict[str, Any]) -> EntryForm:
        from mamnon.services.census import EntryForm

        keep = self.form
        return EntryForm(
            village_id=v["village_id"] or None, child_id=keep.child_id,
            full_name=v.get("full_name", keep.full_name), birth_date=v.get("birth_date", keep.birth_date),
            sex=v.get("sex", keep.sex) or "", ethnicity=v.get("ethnicity", keep.ethnicity) or "Kinh",
            guardian_name=v["guardian_name"], address=v["address"], status=v["status"] or "",
            school_name=v["school_name"], completed=bool(v["completed"]),
            disability=v.get("disability", keep.disability), status_date=v["status_date"],
            destination=v["destination"], note=v["note"])

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import census

        form = self.to_form(values)
        new_place = values["new_village"].strip()
        if new_place:
            form.village_id = -1 if form.village_id is None else form.village_id
        _, chk = census.check_entry(form, self.year, entry_id=self.entry_id)
        errors = dict(chk.errors)
        if new_place:
            errors.pop("village_id", None)
            if not values["new_commune"].strip():
                errors["new_commune"] = "Cần nhập tên xã của thôn mới."
        return errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import census

        row = census.save_entry(self.year, self.to_form(values), entry_id=self.entry_id,
                                new_commune=values["new_commune"], new_village=values["new_village"])
        if self.entry_id is None:
            self.app.notify(f"Đã thêm {row.full_name} ({row.age} tuổi, {row.village}).")
        else:
            self.app.notify(f"Đã lưu {row.full_name}: {row.where}.")
        return row.id
