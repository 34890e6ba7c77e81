"""`mamnon census …`: the phổ cập census of the school's area, thin over mamnon.services.census."""

from __future__ import annotations

import json

import click

from cli.commands_meals import _date
from cli.group import AppContext, cli, pass_app

_YEAR_HELP = "Năm điều tra (mặc định: năm điều tra gần nhất, chưa có thì năm nay)."


@cli.group("census")
def census_group() -> None:
    """Điều tra phổ cập giáo dục mầm non: trẻ 0–5 tuổi của từng thôn, xã trong địa bàn.

    Tuổi tính theo năm sinh: năm điều tra Y, trẻ sinh năm Y−5 là trẻ 5 tuổi.
    Trẻ đang học tại trường được liên kết với hồ sơ của trường (census link),
    không phải gõ lại. Xem docs/census.md.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census link --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông"
      mamnon --db truong.sqlite census summary --year 2026
      mamnon --db truong.sqlite census carry 2027
    """


def _year(year: int | None) -> int:
    import datetime as dt

    from mamnon.services import census

    if year is not None:
        return year
    years = census.census_years()
    return years[-1] if years else dt.date.today().year


def _village_id(commune: str | None, village: str | None, *, create: bool = False) -> int | None:
    from mamnon.services import census

    if not commune and not village:
        return None
    if not (commune and village):
        raise click.ClickException("Cần cả --commune và --village.")
    if create:
        return census.add_village(commune, village).id
    found = census.find_village(commune, village)
    if found is None:
        raise click.ClickException(f"Chưa có thôn «{village}», xã «{commune}» trong danh sách "
                                   f"(mamnon census village-add).")
    return found.id


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


@census_group.command("villages")
@pass_app
def villages_cmd(app: AppContext) -> None:
    """Danh sách xã, thôn của địa bàn điều tra.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census villages
    """
    from mamnon.services import census

    app.open()
    rows = census.list_villages()
    if not rows:
        click.echo("Chưa có thôn, xóm nào.")
    for v in rows:
        click.echo(f"{v.commune}{' (ĐBKK)' if v.difficult else ''} – {v.name}")


@census_group.command("village-add")
@click.argument("commune", metavar="XÃ")
@click.argument("village", metavar="THÔN")
@click.option("--difficult/--not-difficult", default=None,
              help="Xã đặc biệt khó khăn (ĐBKK): áp dụng ngưỡng phổ cập thấp hơn.")
@pass_app
def village_add_cmd(app: AppContext, commune: str, village: str, difficult: bool | None) -> None:
    """Thêm một thôn, xóm (và xã của nó) vào địa bàn điều tra.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census village-add "Xã Tân Lập" "Thôn Đông" --difficult
    """
    from mamnon.services import census

    app.open()
    v = census.add_village(commune, village, difficult=difficult)
    click.echo(f"Đã có thôn «{v.name}», xã «{v.commune}»{' (ĐBKK)' if v.difficult else ''}.")


@census_group.command("list")
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", metavar="XÃ", help="Chỉ thôn này (cùng --village).")
@click.option("--village", metavar="THÔN", help="Chỉ thôn này (cùng --commune).")
@click.option("--search", metavar="CHỮ", default="", help="Tìm theo tên trẻ, cha mẹ, thôn; không cần dấu.")
@pass_app
def list_cmd(app: AppContext, year: int | None, commune: str | None, village: str | None, search: str) -> None:
    """Danh sách trẻ của năm điều tra: số mục, thôn, họ tên, ngày sinh, tuổi, tình trạng.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census list --year 2026 --search "nguyen thi"
    """
    from mamnon.formats import format_date
    from mamnon.services import census

    app.open()
    year = _year(year)
    rows = census.list_entries(year, village_id=_village_id(commune, village), search=search)
    for r in rows:
        link = f" [{r.child_code}]" if r.child_code else ""
        click.echo(f"{r.id:>5}  {r.village} – {r.commune}  {r.full_name}{link}  {format_date(r.birth_date)}  "
                   f"{r.age} tuổi  {r.where}{'  HT' if r.completed else ''}")
    click.echo(f"Năm {year}: {len(rows)} mục.")


@census_group.command("add")
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", metavar="XÃ", required=True, help="Xã, phường.")
@click.option("--village", metavar="THÔN", required=True, help="Thôn, xóm (thêm mới nếu chưa có).")
@click.option("--code", metavar="MÃ_TRẺ", help="Trẻ của trường: lấy họ tên, ngày sinh theo hồ sơ.")
@click.option("--name", "full_name", metavar="HỌ_TÊN", default="", help="Họ và tên trẻ.")
@click.option("--birth", metavar="dd/mm/yyyy", default="", help="Ngày sinh.")
@click.option("--sex", metavar="Nam|Nữ", default="", help="Giới tính.")
@click.option("--ethnicity", metavar="DÂN_TỘC", default="Kinh", help="Dân tộc (mặc định Kinh).")
@click.option("--guardian", metavar="HỌ_TÊN", default="", help="Họ tên cha, mẹ hoặc người giám hộ.")
@click.option("--address", default="", help="Địa chỉ.")
@click.option("--status", default="khong-hoc",
              help="tai-truong | truong-khac | khong-hoc | chuyen-di | da-mat (mặc định khong-hoc).")
@click.option("--school", "school_name", default="", help="Tên trường khác trẻ đang học.")
@click.option("--completed", is_flag=True, help="Trẻ đã hoàn thành chương trình GDMN của độ tuổi.")
@click.option("--disability", default="", help="Dạng khuyết tật, nếu có.")
@pass_app
def add_cmd(app: AppContext, year: int | None, commune: str, village: str, code: str | None, **fields) -> None:
    """Thêm một trẻ vào danh sách điều tra.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census add --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông" --name "Lò Văn Páo" --birth 03/04/2022 --sex Nam --guardian "Lò Văn Sinh" --ethnicity Thái
      mamnon --db truong.sqlite census add --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông" --code HS00012 --status tai-truong
    """
    from mamnon.services import census
    from mamnon.services.children import list_children

    app.open()
    child_id = None
    if code:
        match = [c for c in list_children(include_left=True) if c.code.casefold() == code.strip().casefold()]
        if not match:
            raise click.ClickException(f"Trường không có trẻ mã «{code}».")
        child_id = match[0].id
    form = census.EntryForm(village_id=_village_id(commune, village, create=True), child_id=child_id,
                            birth_date=fields.pop("birth"), guardian_name=fields.pop("guardian"), **fields)
    row = census.create_entry(_year(year), form)
    click.echo(f"Đã thêm mục {row.id}: {row.full_name}, sinh {row.birth_date:%d/%m/%Y} ({row.age} tuổi), "
               f"{row.village} – {row.commune}, {row.where}.")


@census_group.command("move")
@click.argument("entry_id", metavar="SỐ_MỤC", type=int)
@click.option("--status", required=True, help="chuyen-di | da-mat | truong-khac | tai-truong | khong-hoc.")
@click.option("--date", "on", metavar="dd/mm/yyyy", required=True, help="Ngày thay đổi.")
@click.option("--to", "destination", default="", help="Nơi chuyển đến (với chuyen-di).")
@click.option("--school", "school_name", default="", help="Tên trường mới (với truong-khac).")
@pass_app
def move_cmd(app: AppContext, entry_id: int, status: str, on: str, destination: str, school_name: str) -> None:
    """Ghi thay đổi của một trẻ: chuyển đi, đã mất, chuyển trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census move 12 --status chuyen-di --date 15/10/2026 --to "Xã Kim Đức"
    """
    from mamnon.services import census

    app.open()
    row = census.record_move(entry_id, status, _date(on), destination=destination, school_name=school_name)
    click.echo(f"Mục {row.id} {row.full_name}: {row.where}.")


@census_group.command("link")
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", metavar="XÃ", help="Xã cho trẻ chưa ghi thôn, xã trong hồ sơ (cùng --village).")
@click.option("--village", metavar="THÔN", help="Thôn cho trẻ chưa ghi thôn, xã trong hồ sơ.")
@pass_app
def link_cmd(app: AppContext, year: int | None, commune: str | None, village: str | None) -> None:
    """Đưa trẻ đang học tại trường vào danh sách điều tra (liên kết hồ sơ, không gõ lại).

    Trẻ đã có mục cùng họ tên và ngày sinh: mục đó được liên kết với hồ sơ.
    Trẻ mới: vào thôn ghi trong hồ sơ của trẻ nếu thôn có trong danh sách,
    không thì vào thôn --village.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census link --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông"
    """
    from mamnon.services import census

    app.open()
    year = _year(year)
    result = census.link_school_children(year, village_id=_village_id(commune, village))
    click.echo(f"Năm {year}: liên kết {result.linked} mục đã có, thêm {result.created} trẻ của trường"
               + (f"; {result.out_of_range} trẻ ngoài độ tuổi 0–5" if result.out_of_range else "") + ".")
    if result.without_village:
        click.echo(f"Chưa đưa vào ({len(result.without_village)} trẻ, thôn trong hồ sơ không có trong danh sách; "
                   f"dùng --commune, --village): " + ", ".join(result.without_village))


@census_group.command("carry")
@click.argument("year", metavar="NĂM", type=int)
@pass_app
def carry_cmd(app: AppContext, year: int) -> None:
    """Bắt đầu năm điều tra mới từ năm trước: chép các mục, bỏ trẻ đủ 6 tuổi, trẻ chuyển đi, đã mất.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census carry 2027
    """
    from mamnon.services import census

    app.open()
    r = census.carry_forward(year)
    click.echo(f"Năm {year}: chép {r.copied} mục từ năm {year - 1}; bỏ {r.aged_out} trẻ sinh năm {year - 6} "
               f"(đủ 6 tuổi), {r.gone} trẻ chuyển đi hoặc đã mất; {r.already} mục đã có.")
    click.echo(f"Trẻ sinh năm {year} (lứa mới) đã ghi: {r.newborns}. Hãy thêm trẻ mới sinh của từng thôn "
               f"(census add hoặc census import) và chạy census link cho trẻ mới vào trường.")


@census_group.command("summary")
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_app
def summary_cmd(app: AppContext, year: int | None, as_json: bool) -> None:
    """Tổng hợp theo xã và năm sinh: số trẻ, đang học, hoàn thành chương trình, tỷ lệ; đối chiếu tiêu chuẩn
    phổ cập trẻ 5 tuổi (NĐ 20/2014) và trẻ 3–5 tuổi (NĐ 277/2025); xã đạt hay chưa đạt chuẩn, vì sao.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census summary --year 2026
      mamnon --db truong.sqlite census summary --year 2026 --json
    """
    from mamnon.services.census import check_sentence
    from mamnon.services import census
    from mamnon.services.census_recognition import commune_sums, province_sentence, recognise

    app.open()
    year = _year(year)
    communes, area = census.summary(year)
    sums = commune_sums(year)
    if as_json:
        click.echo(json.dumps({"year": year, "communes": [_block_json(b, year) for b in communes],
                               "area": _block_json(area, year), "communes_recognised": sums},
                              ensure_ascii=False, indent=1))
        return
    click.echo(f"Năm điều tra {year}")
    for block in [*communes, area]:
        click.echo(f"\n{block.commune}{' (ĐBKK)' if block.difficult else ''}")
        click.echo("Năm sinh Tuổi  Số trẻ Đang học  Tỷ lệ    Hoàn thành Tỷ lệ    Không học Chuyển/mất")
        for label, line in [("", a) for a in block.ages] + [("3–5 tuổi", block.three_to_five), ("Cộng", block.total)]:
            first = f"{line.birth_year:<8} {line.age:<5}" if line.age >= 0 else f"{label:<14}"
            click.echo(f"{first} {line.children:>6} {line.attending:>8}  {_pct(line.attending_rate):<8} "
                       f"{line.completed:>10} {_pct(line.completed_rate):<8} {line.not_attending:>9} "
                       f"{line.moved + line.deceased:>10}")
        for check in block.checks:
            click.echo(check_sentence(check))
        if block.commune_id is not None:
            for recognition in recognise(block, year).recognitions:
                click.echo(f"Công nhận đạt chuẩn {recognition.sentence()}")
    click.echo("\n" + province_sentence(sums))


def _block_json(block, year: int) -> dict:
    from mamnon.services.census_recognition import recognise

    def line(a) -> dict:
        return {"birth_year": a.birth_year if a.age >= 0 else None, "age": a.age if a.age >= 0 else None,
                "children": a.children, "girls": a.girls, "minority": a.minority, "disabled": a.disabled,
                "here": a.here, "other": a.other, "attending": a.attending, "attending_rate": a.attending_rate,
                "completed": a.completed, "completed_rate": a.completed_rate, "not_attending": a.not_attending,
                "moved": a.moved, "deceased": a.deceased}

    def check(c) -> dict:
        return {"code": c.code, "rule": c.rule, "age": c.age, "ages": list(c.ages), "measure": c.measure,
                "required": c.required, "count": c.count, "children": c.children, "rate": c.rate, "met": c.met,
                "missing_children": c.missing_children, "source": c.source, "grade": c.grade}

    out = {"commune": block.commune, "difficult": block.difficult, "ages": [line(a) for a in block.ages],
           "ages_3_5": line(block.three_to_five), "total": line(block.total),
           "checks": [check(c) for c in block.checks], "age_checks": [check(c) for c in block.age_checks]}
    if block.commune_id is not None:
        out["recognition"] = [
            {"rule": r.rule.code, "title": r.rule.title, "status": r.status, "met": r.met, "reasons": r.reasons,
             "conditions": [{"code": s.condition.code, "text": s.condition.text, "confirmed": s.confirmed}
                            for s in r.conditions]}
            for r in recognise(block, year).recognitions]
    return out


@census_group.command("condition")
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", required=True, help="Tên xã (không phân biệt dấu, hoa thường).")
@click.argument("code", required=False)
@click.option("--yes/--no", "confirmed", default=True, help="Xác nhận (mặc định) hoặc bỏ xác nhận.")
@pass_app
def condition_cmd(app: AppContext, year: int | None, commune: str, code: str | None, confirmed: bool) -> None:
    """Điều kiện công nhận phổ cập không đếm được từ điều tra (giáo viên, phòng học…): xã xác nhận từng năm.

    Không có CODE: in danh sách điều kiện và tình trạng xác nhận. Có CODE: xác nhận (--yes) hoặc bỏ (--no).

    \b
    Ví dụ:
      mamnon --db truong.sqlite census condition --year 2026 --commune "Xã Tân Lập"
      mamnon --db truong.sqlite census condition --year 2026 --commune "Xã Tân Lập" ND277_CSVC
      mamnon --db truong.sqlite census condition --year 2026 --commune "Xã Tân Lập" ND277_GV --no
    """
    from mamnon.services.census_recognition import confirmed_conditions, find_commune, set_condition
    from mamnon.services.census_rules import CONDITIONS, RULES_BY_CODE

    app.open()
    year = _year(year)
    if code:
        set_condition(year, commune, code, confirmed)
    found = find_commune(commune)
    done = confirmed_conditions(year, found.id)
    click.echo(f"{found.name} – năm điều tra {year}")
    for c in CONDITIONS:
        mark = "[x]" if c.code in done else "[ ]"
        grade = "" if c.grade == "V" else " (nguồn chưa đối chiếu văn bản gốc)"
        click.echo(f"{mark} {c.code:<11} {RULES_BY_CODE[c.rule].short}: {c.text} – {c.source}{grade}")


@census_group.command("export")
@click.option("-o", "--output", metavar="TỆP", required=True, help="Tệp .xlsx sẽ ghi.")
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--blank", is_flag=True, help="Mẫu trống để điền (không ghi trẻ nào).")
@pass_app
def export_cmd(app: AppContext, output: str, year: int | None, blank: bool) -> None:
    """Xuất danh sách điều tra ra tệp Excel chuẩn (nhập lại được bằng census import).

    \b
    Ví dụ:
      mamnon --db truong.sqlite census export --year 2026 -o dieu-tra-2026.xlsx
      mamnon --db truong.sqlite census export --year 2027 --blank -o mau-dieu-tra.xlsx
    """
    from exporters.census_workbook import write_census_workbook
    from exporters.xlsx import check_target

    app.open()
    year = _year(year)
    path = write_census_workbook(check_target(output), year, blank=blank)
    click.echo(f"Đã ghi {path} (năm điều tra {year}).")


@census_group.command("import")
@click.argument("file", metavar="TỆP", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra và báo kết quả, không ghi gì.")
@click.option("--year", type=int, help="Năm điều tra (mặc định: năm ghi trong tệp).")
@click.option("--annotate", "annotate_to", metavar="PATH", default=None,
              help="Nơi ghi bản sao đánh dấu lỗi (mặc định: TỆP-loi.xlsx cạnh tệp).")
@pass_app
def import_cmd(app: AppContext, file: str, dry_run: bool, year: int | None, annotate_to: str | None) -> None:
    """Nhập danh sách điều tra từ tệp Excel chuẩn: đúng hết mới nhập, sai thì chỉ rõ dòng, cột.

    Một trẻ được nhận ra theo mã trẻ (trẻ của trường) hoặc theo họ tên, ngày
    sinh và cha/mẹ; hai dòng cùng một trẻ là lỗi. Nhập lại cùng tệp không đổi gì.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census import dieu-tra-2026.xlsx --dry-run
      mamnon --db truong.sqlite census import dieu-tra-thon-dong.xlsx --year 2026
    """
    from importers.census_import import import_census_workbook
    from mamnon.services.school import school_info

    app.open()
    done = import_census_workbook(file, unit_code=school_info().code, year=year, dry_run=dry_run,
                                  annotate_to=annotate_to)
    result = done.result
    click.echo(f"Tệp {done.book.path.name}: {done.book.kind_label}")
    for line in result.notes:
        click.echo(line)
    for warning in result.warnings:
        click.echo(f"Lưu ý: {warning.describe()}")
    if result.errors:
        for error in result.errors:
            click.echo(error.describe(done.book.path.name))
        click.echo(f"Bản sao đánh dấu lỗi: {done.annotated}")
        raise click.ClickException(f"Không nhập gì: {len(result.errors)} lỗi. Hãy sửa tệp rồi nhập lại.")
    counts = f"thêm mới {result.created}, cập nhật {result.updated}, không đổi {result.unchanged}"
    if dry_run:
        click.echo(f"Kiểm tra xong, không có lỗi ({counts}). Chưa ghi gì (--dry-run).")
    else:
        click.echo(f"Đã nhập: {counts}.")
