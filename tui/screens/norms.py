"""Nutrition norm sets: every set and stage, the one the school year uses, edit, load a province's file.

Editing stores a new version (menus.save_norm_version): the figures past days were
checked against stay readable. A province or office sends its figures as a norm
file (`mamnon meals norms export` writes one to start from); "l" loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from mamnon.i18n import _
from tui.screens.table_screen import RecordsScreen
from tui.widgets.record_table import Column

COLUMNS = (
    Column("used", "", 1),
    Column("name", _("Bộ định mức"), min_width=18),
    Column("stage", _("Cấp học"), 8),
    Column("version", _("Bản"), 3),
    Column("energy", _("Năng lượng"), 12),
    Column("plg", _("Đạm/Béo/Bột %"), 17),
)


def figure(value: float | None) -> str:
    return "–" if value is None else f"{value:g}".replace(".", ",")


def span(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "–"
    return f"{figure(low)}–{figure(high)}"


class NormsScreen(RecordsScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Định mức dinh dưỡng")
    columns = COLUMNS
    noun = _("định mức")
    BINDINGS = [
        Binding("e", "edit", _("Sửa (bản mới)")),
        Binding("u", "use", _("Dùng cho năm học")),
        Binding("l", "load", _("Nạp tệp của Sở/Phòng")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def compose_below(self):
        yield Static(id="detail")

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import menus, school
        from tui.widgets.stage_text import narrow_stage

        year = school.current_year()
        used = menus.norm_code_for(year.start_date)
        self._rows = {str(r.id): r for r in menus.list_norm_sets()}
        self.table.set_rows(
            [(key, ("✓" if r.code == used else "", r.name, narrow_stage(r.stage), str(r.version),
                    span(r.energy_min, r.energy_max),
                    "/".join(span(lo, hi) for lo, hi in ((r.protein_min_pct, r.protein_max_pct),
                                                           (r.lipid_min_pct, r.lipid_max_pct),
                                                           (r.glucid_min_pct, r.glucid_max_pct)))))
             for key, r in self._rows.items()],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        self.query_one("#status", Static).update(_("✓ = năm học {name} đang dùng.").format(name=year.name))
        self.show_detail()

    def on_data_table_row_highlighted(self, event) -> None:  # noqa: ANN001
        self.show_detail()

    def show_detail(self) -> None:
        from textual.markup import escape

        from mamnon.services import menus

        key = self.table.selected_key
        r = self._rows.get(key) if key is not None else None
        if r is None:
            self.query_one("#detail", Static).update("")
            return
        self.query_one("#detail", Static).update(
            _("Cả ngày {span} kcal; các bữa (% cả ngày): {meals}; đạm động vật ≥ {figure} %\n[dim]{source}[/dim]").format(
                span=span(r.daily_need_min, r.daily_need_max),
                meals=escape(menus.format_meal_split(r.meal_split) or '–'),
                figure=figure(r.animal_protein_min_pct), source=escape(r.source)))

    def form(self, row: Any | None) -> Screen:
        from tui.screens.norm_form import NormFormScreen

        return NormFormScreen(row)

    def action_add(self) -> None:  # a new set starts from an existing one: edit it
        self.action_edit()

    def action_use(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import menus, school

        row = self.selected
        if row is None:
            return
        year = school.current_year()
        try:
            menus.choose_norm_set(row.code, year.id)
        except MamnonError as exc:
            self.notify(str(exc), title=_("Không đổi được"), severity="error")
            return
        self.notify(_("Năm học {name} dùng định mức: {norm}.").format(name=year.name, norm=row.name))
        self.reload(select_id=row.id)

    def action_load(self) -> None:
        from tui.dialogs.load_norms import LoadNormsDialog

        def done(result: Any) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(LoadNormsDialog(), done)

    def action_back(self) -> None:
        self.dismiss()
