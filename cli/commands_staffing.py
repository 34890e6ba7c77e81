"""Staff quality and facilities: `mamnon staff-quality`, `mamnon facilities sites|add-site|rooms|add-room|equipment`."""

from __future__ import annotations

import click

from cli.commands_meals import _date
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _
from mamnon.labels import shown

# Training levels and assessment grades are stored values; only the words shown are translated.
_LEVEL_WORDS = {"duoi": _("dưới chuẩn"), "dat": _("đạt chuẩn"), "tren": _("trên chuẩn"), "chua_ro": _("chưa rõ")}
_GRADE_WORDS = {
    "Tốt": _("Tốt"),  # i18n-skip: the stored grade (key)
    "Khá": _("Khá"),  # i18n-skip: the stored grade (key)
    "Đạt": _("Đạt"),  # i18n-skip: the stored grade (key)
    "Chưa đạt": _("Chưa đạt"),  # i18n-skip: the stored grade (key)
}


def _day(text: str | None):
    import datetime as dt

    return _date(text) if text else dt.date.today()


@cli.command("staff-quality", help=_("""Chất lượng đội ngũ: trình độ so với chuẩn, hợp đồng, đánh giá, định mức giáo viên.

    Trình độ chuẩn của giáo viên mầm non: cao đẳng sư phạm mầm non (Luật Giáo
    dục 2019, Điều 72). Định mức giáo viên theo Thông tư 19/2023 tính từ số lớp
    và số trẻ của từng lớp trong ngày (xem docs/staffing.md).

    \b
    Ví dụ:
      mamnon --db truong.sqlite staff-quality
      mamnon --db truong.sqlite staff-quality --date 30/11/2026 --json
    """))
@click.option("--date", "date", metavar="dd/mm/yyyy", help=_("Ngày lấy số liệu; mặc định hôm nay."))
@click.option("--json", "as_json", is_flag=True, help=_("In một đối tượng JSON (cho các script)."))
@pass_app
def staff_quality_cmd(app: AppContext, date: str | None, as_json: bool) -> None:
    from mamnon.services.staff_quality import number_text, staff_quality
    from mamnon.staffing_norms import TRAINING_LEVELS

    day = _day(date)
    app.open()
    q = staff_quality(day)
    if as_json:
        import json

        click.echo(json.dumps({
            "date": day.isoformat(), "school_year": q.year_name, "staff": q.staff_count,
            "teachers": q.teacher_count, "classes": len(q.classes), "children": q.children,
            "teacher_norm": q.norm, "teacher_shortfall": q.shortfall,
            "children_per_teacher": q.children_per_teacher, "teachers_per_class": q.teachers_per_class,
            "training": {k: q.levels.get(k, 0) for k in TRAINING_LEVELS},
            "contracts": {"bien_che": q.contracts.get("Biên chế", 0),  # i18n-skip: stored contract type
                          "hop_dong": q.contracts.get("Hợp đồng", 0)},  # i18n-skip: stored contract type
            "minority_staff": q.minority_staff, "assessments": dict(q.grades),
            "stages": [{"stage": s.stage, "classes": s.classes, "children": s.children, "teacher_norm": s.norm}
                       for s in q.stages],
            "flags": q.flags,
        }, ensure_ascii=False, indent=2))
        return
    click.echo(_("Ngày {day}, năm học {year}: {staff} cán bộ, {teachers} giáo viên, {classes} lớp, {children} trẻ.").format(
        day=f"{day:%d/%m/%Y}", year=q.year_name or _("(chưa có)"), staff=q.staff_count, teachers=q.teacher_count,
        classes=len(q.classes), children=q.children))
    for s in q.stages:
        click.echo(_("  {stage}: {classes} lớp, {children} trẻ, định mức {norm} giáo viên").format(
            stage=shown(s.label), classes=s.classes, children=s.children, norm=number_text(s.norm)))
    click.echo(_("Định mức giáo viên (TT 19/2023): {norm}; hiện có {teachers}; thiếu {shortfall}.").format(
        norm=number_text(q.norm), teachers=q.teacher_count, shortfall=number_text(q.shortfall)))
    click.echo(_("Trẻ/giáo viên: {per_teacher}; giáo viên/lớp: {per_class}.").format(
        per_teacher=number_text(q.children_per_teacher), per_class=number_text(q.teachers_per_class, 2)))
    levels = ", ".join(f"{_LEVEL_WORDS.get(k, _(label).lower())} {q.levels.get(k, 0)}" for k, label in TRAINING_LEVELS.items())
    click.echo(_("Trình độ giáo viên: {levels}.").format(levels=levels))
    click.echo(_("Biên chế {permanent}, hợp đồng {contract}; dân tộc thiểu số {minority}.").format(
        permanent=q.contracts.get("Biên chế", 0),  # i18n-skip: stored contract type
        contract=q.contracts.get("Hợp đồng", 0),  # i18n-skip: stored contract type
        minority=q.minority_staff))
    if q.grades:
        grades = ", ".join(f"{_GRADE_WORDS.get(g, g)} {n}" for g, n in q.grades.items())
        click.echo(_("Đánh giá chuẩn nghề nghiệp: {grades}.").format(grades=grades))
    for flag in q.shown_flags:
        click.echo(f"! {flag}")


@cli.group("facilities", help=_("""Cơ sở vật chất: điểm trường, phòng theo loại và tình trạng, thiết bị tối thiểu.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities add-site "Điểm chính" --main --water "Nước máy" --clean-water
      mamnon --db truong.sqlite facilities add-room --site "Điểm chính" --type phong_hoc --condition kien_co --count 4 --area 200
      mamnon --db truong.sqlite facilities equipment --set MN011001=5
    """))
def facilities_group() -> None:
    pass


@facilities_group.command("sites", help=_("""Các điểm trường: điểm chính, điểm lẻ, nguồn nước, số phòng và nhà vệ sinh.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities sites
    """))
@pass_app
def sites_cmd(app: AppContext) -> None:
    from mamnon.services.facilities import list_sites
    from mamnon.services.staff_quality import number_text

    app.open()
    sites = list_sites()
    if not sites:
        click.echo(_("Chưa có điểm trường nào (thêm bằng: mamnon facilities add-site TÊN)."))
    for s in sites:
        distance = _(", cách {km} km").format(km=number_text(s.distance_km)) if s.distance_km is not None else ""
        water = (shown(s.water_source) or _("chưa rõ nguồn nước")) + (_(", nước sạch") if s.clean_water
                                                                else _(", chưa có nước sạch"))
        click.echo(_("{name} ({kind}{distance}): {rooms} phòng, {toilets} nhà vệ sinh; {water}.").format(
            name=s.name, kind=_(s.kind_label).lower(), distance=distance, rooms=s.rooms, toilets=s.toilets, water=water))


@facilities_group.command("add-site", help=_("""Thêm một điểm trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities add-site "Điểm Bản Mòng" --address "Bản Mòng" --distance 4,5 --water "Giếng khoan"
    """))
@click.argument("name")
@click.option("--main", "is_main", is_flag=True, help=_("Đây là điểm trường chính."))
@click.option("--address", default="", help=_("Địa chỉ (thôn, xã)."))
@click.option("--distance", default="", metavar="KM", help=_("Khoảng cách đến điểm chính (km)."))
@click.option("--water", default="", metavar=_("NGUỒN"), help=_("Nguồn nước: Nước máy, Giếng khoan, Giếng đào, Nước mưa, "
                                                               "Nguồn khác, Không có."))
@click.option("--clean-water", is_flag=True, help=_("Điểm trường có nước sạch."))
@pass_app
def add_site_cmd(app: AppContext, name: str, is_main: bool, address: str, distance: str, water: str,
                 clean_water: bool) -> None:
    from mamnon.services.facilities import SiteForm, create_site

    app.open()
    row = create_site(SiteForm(name=name, is_main=is_main, address=address, distance_km=distance,
                               water_source=water, clean_water=clean_water))
    click.echo(_("Đã thêm {kind} «{name}».").format(kind=_(row.kind_label).lower(), name=row.name))


@facilities_group.command("rooms", help=_("""Các phòng theo điểm trường, loại và tình trạng, với tổng diện tích.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities rooms
    """))
@click.option("--date", "date", metavar="dd/mm/yyyy", help=_("Phòng đang dùng vào ngày này; mặc định hôm nay."))
@pass_app
def rooms_cmd(app: AppContext, date: str | None) -> None:
    from mamnon.services.facilities import list_rooms
    from mamnon.services.staff_quality import number_text

    day = _day(date)
    app.open()
    rows = list_rooms(day)
    if not rows:
        click.echo(_("Chưa có phòng nào."))
        return
    for r in rows:
        area = f", {number_text(r.area_m2, 2)} m²" if r.area_m2 is not None else ""
        click.echo(_("{site}: {type} {condition} — {count} phòng{area}").format(
            site=r.site_name, type=_(r.type_label).lower(), condition=_(r.condition_label).lower(), count=r.count, area=area))
    click.echo(_("Tổng: {count} phòng, {area} m².").format(
        count=sum(r.count for r in rows), area=number_text(sum(r.area_m2 or 0 for r in rows), 2)))


@facilities_group.command("add-room", help=_("""Thêm một dòng phòng: điểm trường, loại, tình trạng, số phòng, diện tích.

    Số âm hoặc sai bị từ chối và không ghi gì.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities add-room --site "Điểm chính" --type phong_hoc --condition kien_co --count 4 --area 210,5
    """))
@click.option("--site", required=True, metavar=_("TÊN"), help=_("Điểm trường."))
@click.option("--type", "room_type", required=True, metavar=_("LOẠI"),
              help="phong_hoc, phong_ngu, ve_sinh, bep, hanh_chinh, y_te, the_chat, nghe_thuat, da_nang, kho, khac.")
@click.option("--condition", required=True, metavar=_("TÌNH_TRẠNG"), help=_("kien_co, ban_kien_co hoặc tam."))
@click.option("--count", required=True, metavar=_("SỐ"), help=_("Số phòng (số nguyên, không âm)."))
@click.option("--area", default="", metavar="M2", help=_("Tổng diện tích các phòng (m²)."))
@pass_app
def add_room_cmd(app: AppContext, site: str, room_type: str, condition: str, count: str, area: str) -> None:
    from mamnon.services.facilities import RoomForm, create_room, find_site

    app.open()
    site_row = find_site(site)
    row = create_room(RoomForm(site_id=site_row.id, room_type=room_type, condition=condition, count=count,
                               area_m2=area))
    click.echo(_("Đã thêm {count} {type} {condition} ở «{site}».").format(
        count=row.count, type=_(row.type_label).lower(), condition=_(row.condition_label).lower(), site=row.site_name))


@facilities_group.command("equipment", help=_("""Thiết bị tối thiểu (trích Thông tư 02/2010): cần, hiện có, còn thiếu.

    Số cần = mức tối thiểu mỗi nhóm/lớp × số nhóm, lớp của năm học.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities equipment
      mamnon --db truong.sqlite facilities equipment --set MN011001=5 --set MN011003=12
    """))
@click.option("--set", "counts", multiple=True, metavar=_("MÃ=SỐ"), help=_("Ghi số lượng hiện có của một thiết bị."))
@click.option("--date", "date", metavar="dd/mm/yyyy", help=_("Ngày kiểm kê / ngày tính; mặc định hôm nay."))
@pass_app
def equipment_cmd(app: AppContext, counts: tuple[str, ...], date: str | None) -> None:
    from mamnon.db import database
    from mamnon.services.facilities import equipment_status, set_equipment_count

    day = _day(date)
    app.open()
    pairs = []
    for text in counts:
        code, sep, value = text.partition("=")
        if not sep:
            raise click.ClickException(_("«{text}»: cần dạng MÃ=SỐ, ví dụ MN011001=5.").format(text=text))
        pairs.append((code.strip(), value.strip()))
    with database.atomic():  # every --set or none
        for code, value in pairs:
            set_equipment_count(code, value, counted_on=day)
    for line in equipment_status(day):
        present = _("chưa kiểm kê") if line.present is None else _("có {count}").format(count=line.present)
        short = "" if not line.shortfall else _(" — THIẾU {count}").format(count=line.shortfall)
        click.echo(_("{code} {name}: cần {required}, {present}{short}").format(
            code=f"{line.item.code:9}", name=line.item.name, required=line.required, present=present, short=short))
