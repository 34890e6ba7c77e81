"""Edit one stage of a norm set; saving stores a new version (the old one stays for past days)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

FIELDS = (
    ("name", "Tên bộ định mức"),
    ("energy_min", "Năng lượng từ"),
    ("energy_max", "đến (kcal)"),
    ("daily_need_min", "Cả ngày cần từ"),
    ("daily_need_max", "đến (kcal)"),
    ("meal_split", "Các bữa, % cả ngày"),
    ("protein_min_pct", "Đạm từ (%)"),
    ("protein_max_pct", "Đạm đến (%)"),
    ("lipid_min_pct", "Béo từ (%)"),
    ("lipid_max_pct", "Béo đến (%)"),
    ("glucid_min_pct", "Bột từ (%)"),
    ("glucid_max_pct", "Bột đến (%)"),
    ("animal_protein_min_pct", "Đạm động vật ≥ (%)"),
    ("source", "Nguồn (văn bản)"),
    ("note", "Ghi chú"),
)


class NormFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    save_label = "Lưu bản mới"

    def __init__(self, row: Any) -> None:
        super().__init__()
        from mamnon.reference import STAGE_LABELS

        self.row = row
        self.heading = f"{row.code} — {STAGE_LABELS[row.stage]}, sửa thành bản {row.version + 1}"

    def items(self) -> list[FieldSpec | str]:
        placeholders = {"meal_split": "trưa 30-35; chiều 25-30; phụ 5-10", "source": "số hiệu văn bản, ngày"}
        return [FieldSpec(key, label, required=key in ("name", "source"), placeholder=placeholders.get(key, ""))
                for key, label in FIELDS]

    def initial(self) -> dict[str, Any]:
        from dataclasses import asdict

        from mamnon.services import menus

        return asdict(menus.norm_form_for(self.row.code, self.row.stage))

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import menus

        form = menus.NormForm(**{key: values.get(key) or "" for key, _ in FIELDS})
        saved = menus.save_norm_version(self.row.code, self.row.stage, form)
        self.app.notify(f"Đã lưu {saved.name}, bản {saved.version}.")
        return saved.id
