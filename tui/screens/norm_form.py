"""Edit one stage of a norm set; saving stores a new version (the old one stays for past days)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mamnon.i18n import _
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

FIELDS = (
    ("name", _("Tên bộ định mức")),
    ("energy_min", _("Năng lượng từ")),
    ("energy_max", _("đến (kcal)")),
    ("daily_need_min", _("Cả ngày cần từ")),
    ("daily_need_max", _("đến (kcal)")),
    ("meal_split", _("Các bữa, % cả ngày")),
    ("protein_min_pct", _("Đạm từ (%)")),
    ("protein_max_pct", _("Đạm đến (%)")),
    ("lipid_min_pct", _("Béo từ (%)")),
    ("lipid_max_pct", _("Béo đến (%)")),
    ("glucid_min_pct", _("Bột từ (%)")),
    ("glucid_max_pct", _("Bột đến (%)")),
    ("animal_protein_min_pct", _("Đạm động vật ≥ (%)")),
    ("source", _("Nguồn (văn bản)")),
    ("note", _("Ghi chú")),
)


class NormFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    save_label = _("Lưu bản mới")

    def __init__(self, row: Any) -> None:
        super().__init__()
        from mamnon.reference import STAGE_LABELS

        self.row = row
        self.heading = _("{code} — {stage}, sửa thành bản {version}").format(
            code=row.code, stage=_(STAGE_LABELS[row.stage]), version=row.version + 1)

    def items(self) -> list[FieldSpec | str]:
        placeholders = {"meal_split": _("trưa 30-35; chiều 25-30; phụ 5-10"), "source": _("số hiệu văn bản, ngày")}
        return [FieldSpec(key, label, required=key in ("name", "source"), placeholder=placeholders.get(key, ""))
                for key, label in FIELDS]

    def initial(self) -> dict[str, Any]:
        from dataclasses import asdict

        from mamnon.services import menus

        return asdict(menus.norm_form_for(self.row.code, self.row.stage))

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import menus

        form = menus.NormForm(**{key: values.get(key) or "" for key, _skip in FIELDS})
        saved = menus.save_norm_version(self.row.code, self.row.stage, form)
        self.app.notify(_("Đã lưu {name}, bản {version}.").format(name=saved.name, version=saved.version))
        return saved.id
