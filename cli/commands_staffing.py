"""Staff quality and facilities: `mamnon staff-quality`, `mamnon facilities sites|add-site|rooms|add-room|equipment`."""

from __future__ import annotations

import click

from cli.commands_meals import _date
from cli.group import AppContext, cli, pass_app


def _day(text: str | None):
    import datetime as dt

    return _date(text) if text else dt.date.today()


@cli.command("staff-quality")
@click.option("--date", "date", metavar="dd/mm/yyyy", help="Ngày lấy số liệu; mặc định hôm nay.")
@click.option("--json", "as_json", is_flag=True, help="In một đối tượng JSON (cho các script).")
@pass_app
def staff_quality_cmd(app: AppContext, date: str | None, as_json: bool) -> None:
    """Chất lượng đội ngũ: trình độ so với chuẩn, hợp đồng, đánh giá, định mức giáo viên.

    Trình độ chuẩn của giáo viên mầm non: cao đẳng sư phạm mầm non (Luật Giáo
    dục 2019, Điều 72). Định mức giáo viên theo Thông tư 19/2023 tính từ số lớp
    và số trẻ của từng lớp trong ngày (xem docs/staffing.md).

    \b
    Ví dụ:
      mamnon --db truong.sqlite staff-quality
      mamnon --db truong.sqlite staff-quality --date 30/11/2026 --json
    """
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
            "contracts": {"bien_che": q.contracts.get("Biên chế", 0), "hop_dong": q.contracts.get("Hợp đồng", 0)},
            "minority_staff": q.minority_staff, "assessments": dict(q.grades),
            "stages": [{"stage": s.stage, "classes": s.classes, "children": s.children, "teacher_norm": s.norm}
                       for s in q.stages],
            "flags": q.flags,
        }, ensure_ascii=False, indent=2))
        return
    click.echo(f"Ngày {day:%d/%m/%Y}, năm học {q.year_name or '(chưa có)'}: {q.staff_count} cán bộ, "
               f"{q.teacher_count} giáo viên, {len(q.classes)} lớp, {q.children} trẻ.")
    for s in q.stages:
        click.echo(f"  {s.label}: {s.classes} lớp, {s.children} trẻ, định mức {number_text(s.norm)} giáo viên")
    click.echo(f"Định mức giáo viên (TT 19/2023): {number_text(q.norm)}; hiện có {q.teacher_count}; "
               f"thiếu {number_text(q.shortfall)}.")
    click.echo(f"Trẻ/giáo viên: {number_text(q.children_per_teacher)}; "
               f"giáo viên/lớp: {number_text(q.teachers_per_class, 2)}.")
    click.echo("Trình độ giáo viên: " + ", ".join(f"{label.lower()} {q.levels.get(k, 0)}"
                                                  for k, label in TRAINING_LEVELS.items()) + ".")
    click.echo(f"Biên chế {q.contracts.get('Biên chế', 0)}, hợp đồng {q.contracts.get('Hợp đồng', 0)}; "
               f"dân tộc thiểu số {q.minority_staff}.")
    if q.grades:
        click.echo("Đánh giá chuẩn nghề nghiệp: " + ", ".join(f"{g} {n}" for g, n in q.grades.items()) + ".")
    for flag in q.flags:
        click.echo(f"! {flag}")


@cli.group("facilities")
def facilities_group() -> None:
    """Cơ sở vật chất: điểm trường, phòng theo loại và tình trạng, thiết bị tối thiểu.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities add-site "Điểm chính" --main --water "Nước máy" --clean-water
      mamnon --db truong.sqlite facilities add-room --site "Điểm chính" --type phong_hoc --condition kien_co --count 4 --area 200
      mamnon --db truong.sqlite facilities equipment --set MN011001=5
    """


@facilities_group.command("sites")
@pass_app
def sites_cmd(app: AppContext) -> None:
    """Các điểm trường: điểm chính, điểm lẻ, nguồn nước, số phòng và nhà vệ sinh.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities sites
    """
    from mamnon.services.facilities import list_sites
    from mamnon.services.staff_quality import number_text

    app.open()
    sites = list_sites()
    if not sites:
        click.echo("Chưa có điểm trường nào (thêm bằng: mamnon facilities add-site TÊN).")
    for s in sites:
        distance = f", cách {number_text(s.distance_km)} km" if s.distance_km is not None else ""
        water = (s.water_source or "chưa rõ nguồn nước") + (", nước sạch" if s.clean_water else ", chưa có nước sạch")
        click.echo(f"{s.name} ({s.kind_label.lower()}{distance}): {s.rooms} phòng, {s.toilets} nhà vệ sinh; {water}.")


@facilities_group.command("add-site")
@click.argument("name")
@click.option("--main", "is_main", is_flag=True, help="Đây là điểm trường chính.")
@click.option("--address", default="", help="Địa chỉ (thôn, xã).")
@click.option("--distance", default="", metavar="KM", help="Khoảng cách đến điểm chính (km).")
@click.option("--water", default="", metavar="NGUỒN", help="Nguồn nước: Nước máy, Giếng khoan, Giếng đào, Nước mưa, "
              "Nguồn khác, Không có.")
@click.option("--clean-water", is_flag=True, help="Điểm trường có nước sạch.")
@pass_app
def add_site_cmd(app: AppContext, name: str, is_main: bool, address: str, distance: str, water: str,
                 clean_water: bool) -> None:
    """Thêm một điểm trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities add-site "Điểm Bản Mòng" --address "Bản Mòng" --distance 4,5 --water "Giếng khoan"
    """
    from mamnon.services.facilities import SiteForm, create_site

    app.open()
    row = create_site(SiteForm(name=name, is_main=is_main, address=address, distance_km=distance,
                               water_source=water, clean_water=clean_water))
    click.echo(f"Đã thêm {row.kind_label.lower()} «{row.name}».")


@facilities_group.command("rooms")
@click.option("--date", "date", metavar="dd/mm/yyyy", help="Phòng đang dùng vào ngày này; mặc định hôm nay.")
@pass_app
def rooms_cmd(app: AppContext, date: str | None) -> None:
    """Các phòng theo điểm trường, loại và tình trạng, với tổng diện tích.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities rooms
    """
    from mamnon.services.facilities import list_rooms
    from mamnon.services.staff_quality import number_text

    day = _day(date)
    app.open()
    rows = list_rooms(day)
    if not rows:
        click.echo("Chưa có phòng nào.")
        return
    for r in rows:
        area = f", {number_text(r.area_m2, 2)} m²" if r.area_m2 is not None else ""
        click.echo(f"{r.site_name}: {r.type_label.lower()} {r.condition_label.lower()} — {r.count} phòng{area}")
    click.echo(f"Tổng: {sum(r.count for r in rows)} phòng, "
               f"{number_text(sum(r.area_m2 or 0 for r in rows), 2)} m².")


@facilities_group.command("add-room")
@click.option("--site", required=True, metavar="TÊN", help="Điểm trường.")
@click.option("--type", "room_type", required=True, metavar="LOẠI",
              help="phong_hoc, phong_ngu, ve_sinh, bep, hanh_chinh, y_te, the_chat, nghe_thuat, da_nang, kho, khac.")
@click.option("--condition", required=True, metavar="TÌNH_TRẠNG", help="kien_co, ban_kien_co hoặc tam.")
@click.option("--count", required=True, metavar="SỐ", help="Số phòng (số nguyên, không âm).")
@click.option("--area", default="", metavar="M2", help="Tổng diện tích các phòng (m²).")
@pass_app
def add_room_cmd(app: AppContext, site: str, room_type: str, condition: str, count: str, area: str) -> None:
    """Thêm một dòng phòng: điểm trường, loại, tình trạng, số phòng, diện tích.

    Số âm hoặc sai bị từ chối và không ghi gì.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities add-room --site "Điểm chính" --type phong_hoc --condition kien_co --count 4 --area 210,5
    """
    from mamnon.services.facilities import RoomForm, create_room, find_site

    app.open()
    site_row = find_site(site)
    row = create_room(RoomForm(site_id=site_row.id, room_type=room_type, condition=condition, count=count,
                               area_m2=area))
    click.echo(f"Đã thêm {row.count} {row.type_label.lower()} {row.condition_label.lower()} ở «{row.site_name}».")


@facilities_group.command("equipment")
@click.option("--set", "counts", multiple=True, metavar="MÃ=SỐ", help="Ghi số lượng hiện có của một thiết bị.")
@click.option("--date", "date", metavar="dd/mm/yyyy", help="Ngày kiểm kê / ngày tính; mặc định hôm nay.")
@pass_app
def equipment_cmd(app: AppContext, counts: tuple[str, ...], date: str | None) -> None:
    """Thiết bị tối thiểu (trích Thông tư 02/2010): cần, hiện có, còn thiếu.

    Số cần = mức tối thiểu mỗi nhóm/lớp × số nhóm, lớp của năm học.

    \b
    Ví dụ:
      mamnon --db truong.sqlite facilities equipment
      mamnon --db truong.sqlite facilities equipment --set MN011001=5 --set MN011003=12
    """
    from mamnon.db import database
    from mamnon.services.facilities import equipment_status, set_equipment_count

    day = _day(date)
    app.open()
    pairs = []
    for text in counts:
        code, sep, value = text.partition("=")
        if not sep:
            raise click.ClickException(f"«{text}»: cần dạng MÃ=SỐ, ví dụ MN011001=5.")
        pairs.append((code.strip(), value.strip()))
    with database.atomic():  # every --set or none
        for code, value in pairs:
            set_equipment_count(code, value, counted_on=day)
    for line in equipment_status(day):
        present = "chưa kiểm kê" if line.present is None else f"có {line.present}"
        short = "" if not line.shortfall else f" — THIẾU {line.shortfall}"
        click.echo(f"{line.item.code:9} {line.item.name}: cần {line.required}, {present}{short}")
