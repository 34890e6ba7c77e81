"""Facilities: room lines by site, type and condition (add, edit, delete), the sites screen, the equipment screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui.dialogs.form_dialog import FormDialog
from tui.screens.table_screen import RecordsScreen
from tui.widgets.field_row import FieldSpec
from tui.widgets.record_table import Column
from mamnon.i18n import _

COLUMNS = (
    Column("site", _("Điểm trường"), 14),
    Column("type", _("Loại phòng"), min_width=16),
    Column("condition", _("Tình trạng"), 11),
    Column("count", _("Số phòng"), 8),
    Column("area", _("Diện tích m²"), 12),
)
SITE_COLUMNS = (
    Column("name", _("Điểm trường"), min_width=16),
    Column("kind", _("Loại"), 10),
    Column("distance", _("Cách (km)"), 9),
    Column("water", _("Nguồn nước"), 12),
    Column("clean", _("Nước sạch"), 9),
    Column("rooms", _("Phòng"), 6),
)
YES_NO = [(_("Có"), True), (_("Không"), False)]


class SiteDialog(FormDialog):
    """Add a school site (main or satellite) with its water source, or edit one."""

    def __init__(self, site=None) -> None:
        self.site = site
        self.confirm_label = _("Thêm") if site is None else _("Lưu")
        title = _("Thêm điểm trường") if site is None else _("Sửa điểm trường «{name}»").format(name=site.name)
        super().__init__(title, _("Mỗi trường có một điểm chính; các điểm khác là điểm lẻ."))

    def items(self) -> list[FieldSpec | str]:
        from mamnon.staffing_norms import WATER_SOURCES

        return [
            FieldSpec("name", _("Tên điểm"), required=True, placeholder=_("ví dụ Điểm Bản Mòng")),
            FieldSpec("is_main", _("Điểm chính"), "select", YES_NO, allow_blank=False),
            FieldSpec("distance_km", _("Cách điểm chính"), placeholder=_("km, ví dụ 4,5")),
            FieldSpec("water_source", _("Nguồn nước"), "select", [(_(w), w) for w in WATER_SOURCES],
                      placeholder=_("(chưa rõ)")),
            FieldSpec("clean_water", _("Có nước sạch"), "select", YES_NO, allow_blank=False),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.services.staff_quality import number_text

        s = self.site
        if s is None:
            return {"is_main": False, "clean_water": False}
        return {"name": s.name, "is_main": s.is_main, "distance_km": number_text(s.distance_km, 2),
                "water_source": s.water_source or None, "clean_water": s.clean_water}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services.facilities import SiteForm, create_site, update_site

        # Address and note are not on this small form: an edit keeps them.
        form = SiteForm(name=values["name"] or "", is_main=bool(values["is_main"]),
                        address=self.site.address if self.site else "", distance_km=values["distance_km"] or "",
                        water_source=values["water_source"] or "", clean_water=bool(values["clean_water"]),
                        note=self.site.note if self.site else "")
        if self.site is None:
            row = create_site(form)
            self.app.notify(_("Đã thêm điểm trường «{name}».").format(name=row.name))
        else:
            row = update_site(self.site.id, form)
            self.app.notify(_("Đã lưu điểm trường «{name}».").format(name=row.name))
        return row.id


class RoomDialog(FormDialog):
    """Add or edit a line of rooms: site, type, condition, how many, total area, when no longer used."""

    def __init__(self, room=None) -> None:
        self.room = room
        self.confirm_label = _("Thêm") if room is None else _("Lưu")
        title = _("Thêm phòng") if room is None else _("Sửa dòng phòng")
        super().__init__(title, _("Một dòng cho mỗi điểm trường, loại phòng và tình trạng."))

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services.facilities import list_sites
        from mamnon.staffing_norms import ROOM_CONDITIONS, ROOM_TYPES

        return [
            FieldSpec("site_id", _("Điểm trường"), "select", [(s.name, s.id) for s in list_sites()], required=True,
                      placeholder=_("(chọn điểm trường)")),
            FieldSpec("room_type", _("Loại phòng"), "select", [(_(v), k) for k, v in ROOM_TYPES.items()], required=True,
                      placeholder=_("(chọn loại phòng)")),
            FieldSpec("condition", _("Tình trạng"), "select", [(_(v), k) for k, v in ROOM_CONDITIONS.items()],
                      required=True, placeholder=_("(chọn tình trạng)")),
            FieldSpec("count", _("Số phòng"), required=True, placeholder=_("ví dụ 3")),
            FieldSpec("area_m2", _("Tổng diện tích"), placeholder=_("m², ví dụ 150,5")),
            FieldSpec("in_use_until", _("Thôi dùng từ"), placeholder=_("dd/mm/yyyy, trống nếu đang dùng")),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.services.facilities import room_form_for

        if self.room is None:
            return {}
        form = room_form_for(self.room.id)
        return {"site_id": form.site_id, "room_type": form.room_type, "condition": form.condition,
                "count": form.count, "area_m2": form.area_m2, "in_use_until": form.in_use_until}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services.facilities import RoomForm, create_room, room_form_for, update_room

        kept = room_form_for(self.room.id) if self.room else RoomForm()  # fields not on this form stay
        form = RoomForm(site_id=values["site_id"], room_type=values["room_type"] or "",
                        condition=values["condition"] or "", count=values["count"] or "",
                        area_m2=values["area_m2"] or "", in_use_from=kept.in_use_from,
                        in_use_until=values["in_use_until"] or "", note=kept.note)
        if self.room is None:
            row = create_room(form)
            self.app.notify(_("Đã thêm {count} {room_type} ở «{site_name}».").format(
                count=row.count, room_type=_(row.type_label).lower(), site_name=row.site_name))
        else:
            row = update_room(self.room.id, form)
            self.app.notify(_("Đã lưu dòng {room_type} ở «{site_name}».").format(
                room_type=_(row.type_label).lower(), site_name=row.site_name))
        return row.id


def _room_label(row) -> str:
    return _("{count} {room_type} {condition} ở «{site_name}»").format(
        count=row.count, room_type=_(row.type_label).lower(), condition=_(row.condition_label).lower(),
        site_name=row.site_name)


class FacilitiesScreen(RecordsScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Cơ sở vật chất")
    columns = COLUMNS
    noun = _("dòng phòng")
    BINDINGS = [
        Binding("a", "add", _("Thêm phòng")),
        Binding("e", "edit", _("Sửa")),
        Binding("d", "delete", _("Xóa")),
        Binding("s", "sites", _("Điểm trường")),
        Binding("t", "equipment", _("Thiết bị")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def reload(self, select_id: int | None = None) -> None:
        import datetime as dt

        from mamnon.services.facilities import list_rooms, list_sites
        from mamnon.services.staff_quality import number_text

        # Every line, also those no longer used: they must stay reachable to be corrected or deleted.
        rows = list_rooms()
        self._rows = {str(r.id): r for r in rows}
        today = dt.date.today()
        self.table.set_rows(
            # The marker goes first: a long type label is cut at the column's end on 80 columns.
            [(str(r.id), (r.site_name, ("" if r.in_use_on(today) else _("Thôi dùng: ")) + _(r.type_label),
                          _(r.condition_label), str(r.count), number_text(r.area_m2, 2))) for r in rows],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        used = [r for r in rows if r.in_use_on(today)]
        sites = list_sites()
        clean = sum(s.clean_water for s in sites)
        self.query_one("#status", Static).update(
            _("{n_sites} điểm trường ({clean} có nước sạch); {n_rooms} phòng đang dùng, {area} m²").format(
                n_sites=len(sites), clean=clean, n_rooms=sum(r.count for r in used),
                area=number_text(sum(r.area_m2 or 0 for r in used), 2) or 0))

    def form(self, row: Any | None) -> Screen:
        return RoomDialog(row)

    def delete(self, row: Any) -> None:
        from mamnon.services.facilities import delete_room

        delete_room(row.id)

    def action_add(self) -> None:
        from mamnon.services.facilities import list_sites

        if not list_sites():
            self.notify(_("Chưa có điểm trường: thêm điểm trường trước (phím s)."), severity="warning")
            return
        super().action_add()

    def action_delete(self) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        row = self.selected
        if row is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(row)

        # The question is one line at 80 columns; what is deleted goes in the note, which wraps.
        self.app.push_screen(ConfirmDialog(_("Xóa dòng phòng đã chọn?"),
                                           _("Dòng: {room_label}.\nPhòng đã phá dỡ hay trả lại thì nên sửa dòng, ghi ngày "
                                              "thôi dùng, để số liệu các kỳ trước vẫn đúng.").format(
                                               room_label=_room_label(row))), done)

    def _delete(self, row: Any) -> None:
        from mamnon.errors import MamnonError

        try:
            self.delete(row)
        except MamnonError as exc:
            self.notify(str(exc), title=_("Không xóa được"), severity="error")
            return
        self.notify(_("Đã xóa dòng {room_label}.").format(room_label=_room_label(row)))
        self.reload()

    def action_sites(self) -> None:
        self.app.push_screen(SitesScreen(), lambda _result: self.reload())

    def action_equipment(self) -> None:
        from tui.screens.facilities_equipment import EquipmentScreen

        self.app.push_screen(EquipmentScreen())

    def action_back(self) -> None:
        self.dismiss()


class SitesScreen(RecordsScreen):
    """The school's sites: add, edit, delete (a site with rooms is refused by the service)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Điểm trường")
    columns = SITE_COLUMNS
    noun = _("điểm trường")
    delete_note = _("Chỉ xóa được điểm trường không còn dòng phòng nào.")
    BINDINGS = [
        Binding("a", "add", _("Thêm")),
        Binding("e", "edit", _("Sửa")),
        Binding("d", "delete", _("Xóa")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services.facilities import list_sites
        from mamnon.services.staff_quality import number_text

        sites = list_sites()
        self._rows = {str(s.id): s for s in sites}
        self.table.set_rows(
            [(str(s.id), (s.name, _("Điểm chính") if s.is_main else _("Điểm lẻ"), number_text(s.distance_km, 2),
                          _(s.water_source) if s.water_source else "",
                          _("Có") if s.clean_water else _("Không"), str(s.rooms))) for s in sites],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        self.query_one("#status", Static).update(
            _("{n_sites} điểm trường, {n_satellite} điểm lẻ; {n_clean} điểm có nước sạch").format(
                n_sites=len(sites), n_satellite=sum(not s.is_main for s in sites),
                n_clean=sum(s.clean_water for s in sites)))

    def form(self, row: Any | None) -> Screen:
        return SiteDialog(row)

    def delete(self, row: Any) -> None:
        from mamnon.services.facilities import delete_site

        delete_site(row.id)

    def action_back(self) -> None:
        self.dismiss()
