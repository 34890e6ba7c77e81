"""`mamnon census …`: the phổ cập census of the school's area, thin over mamnon.services.census."""

from __future__ import annotations

import json

import click

from cli.commands_meals import _date
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

_YEAR_HELP = _("Năm điều tra (mặc định: năm điều tra gần nhất, chưa có thì năm nay).")


@cli.group("census", help=_("""Điều tra phổ cập giáo dục mầm non: trẻ 0–5 tuổi của từng thôn, xã trong địa bàn.

    Tuổi tính theo năm sinh: năm điều tra Y, trẻ sinh năm Y−5 là trẻ 5 tuổi.
    Trẻ đang học tại trường được liên kết với hồ sơ của trường (census link),
    không phải gõ lại. Xem docs/census.md.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census link --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông"
      mamnon --db truong.sqlite census summary --year 2026
      mamnon --db truong.sqlite census carry 2027
    """))
def census_group() -> None:
    pass


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
        raise click.ClickException(_("Cần cả --commune và --village."))
    if create:
        return census.add_village(commune, village).id
    found = census.find_village(commune, village)
    if found is None:
        raise click.ClickException(_("Chưa có thôn «{village}», xã «{commune}» trong danh sách "
                                     "(mamnon census village-add).").format(village=village, commune=commune))
    return found.id


def _commune_label(name: str, difficult: bool) -> str:
    return _("{commune} (ĐBKK)").format(commune=name) if difficult else name


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


@census_group.command("villages", help=_("""Danh sách xã, thôn của địa bàn điều tra.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census villages
    """))
@pass_app
def villages_cmd(app: AppContext) -> None:
    from mamnon.services import census

    app.open()
    rows = census.list_villages()
    if not rows:
        click.echo(_("Chưa có thôn, xóm nào."))
    for v in rows:
        click.echo(f"{_commune_label(v.commune, v.difficult)} – {v.name}")


@census_group.command("village-add", help=_("""Thêm một thôn, xóm (và xã của nó) vào địa bàn điều tra.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census village-add "Xã Tân Lập" "Thôn Đông" --difficult
    """))
@click.argument("commune", metavar=_("XÃ"))
@click.argument("village", metavar=_("THÔN"))
@click.option("--difficult/--not-difficult", default=None,
              help=_("Xã đặc biệt khó khăn (ĐBKK): áp dụng ngưỡng phổ cập thấp hơn."))
@pass_app
def village_add_cmd(app: AppContext, commune: str, village: str, difficult: bool | None) -> None:
    from mamnon.services import census

    app.open()
    v = census.add_village(commune, village, difficult=difficult)
    if v.difficult:
        click.echo(_("Đã có thôn «{village}», xã «{commune}» (ĐBKK).").format(village=v.name, commune=v.commune))
    else:
        click.echo(_("Đã có thôn «{village}», xã «{commune}».").format(village=v.name, commune=v.commune))


@census_group.command("list", help=_("""Danh sách trẻ của năm điều tra: số mục, thôn, họ tên, ngày sinh, tuổi, tình trạng.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census list --year 2026 --search "nguyen thi"
    """))
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", metavar=_("XÃ"), help=_("Chỉ thôn này (cùng --village)."))
@click.option("--village", metavar=_("THÔN"), help=_("Chỉ thôn này (cùng --commune)."))
@click.option("--search", metavar=_("CHỮ"), default="", help=_("Tìm theo tên trẻ, cha mẹ, thôn; không cần dấu."))
@pass_app
def list_cmd(app: AppContext, year: int | None, commune: str | None, village: str | None, search: str) -> None:
    from mamnon.formats import format_date
    from mamnon.services import census

    app.open()
    year = _year(year)
    rows = census.list_entries(year, village_id=_village_id(commune, village), search=search)
    for r in rows:
        link = f" [{r.child_code}]" if r.child_code else ""
        age = _("{age} tuổi").format(age=r.age)
        done = "  " + _("HT") if r.completed else ""
        click.echo(f"{r.id:>5}  {r.village} – {r.commune}  {r.full_name}{link}  {format_date(r.birth_date)}  "
                   f"{age}  {r.where_shown}{done}")
    click.echo(_("Năm {year}: {count} mục.").format(year=year, count=len(rows)))


@census_group.command("add", help=_("""Thêm một trẻ vào danh sách điều tra.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census add --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông" --name "Lò Văn Páo" --birth 03/04/2022 --sex Nam --guardian "Lò Văn Sinh" --ethnicity Thái
      mamnon --db truong.sqlite census add --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông" --code HS00012 --status tai-truong
    """))
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", metavar=_("XÃ"), required=True, help=_("Xã, phường."))
@click.option("--village", metavar=_("THÔN"), required=True, help=_("Thôn, xóm (thêm mới nếu chưa có)."))
@click.option("--code", metavar=_("MÃ_TRẺ"), help=_("Trẻ của trường: lấy họ tên, ngày sinh theo hồ sơ."))
@click.option("--name", "full_name", metavar=_("HỌ_TÊN"), default="", help=_("Họ và tên trẻ."))
@click.option("--birth", metavar="dd/mm/yyyy", default="", help=_("Ngày sinh."))
@click.option("--sex", metavar="Nam|Nữ", default="", help=_("Giới tính."))  # i18n-skip: the values stored
@click.option("--ethnicity", metavar=_("DÂN_TỘC"), default="Kinh", help=_("Dân tộc (mặc định Kinh)."))
@click.option("--guardian", metavar=_("HỌ_TÊN"), default="", help=_("Họ tên cha, mẹ hoặc người giám hộ."))
@click.option("--address", default="", help=_("Địa chỉ."))
@click.option("--status", default="khong-hoc",
              help=_("tai-truong | truong-khac | khong-hoc | chuyen-di | da-mat (mặc định khong-hoc)."))
@click.option("--school", "school_name", default="", help=_("Tên trường khác trẻ đang học."))
@click.option("--completed", is_flag=True, help=_("Trẻ đã hoàn thành chương trình GDMN của độ tuổi."))
@click.option("--disability", default="", help=_("Dạng khuyết tật, nếu có."))
@pass_app
def add_cmd(app: AppContext, year: int | None, commune: str, village: str, code: str | None, **fields) -> None:
    from mamnon.services import census
    from mamnon.services.children import list_children

    app.open()
    child_id = None
    if code:
        match = [c for c in list_children(include_left=True) if c.code.casefold() == code.strip().casefold()]
        if not match:
            raise click.ClickException(_("Trường không có trẻ mã «{code}».").format(code=code))
        child_id = match[0].id
    form = census.EntryForm(village_id=_village_id(commune, village, create=True), child_id=child_id,
                            birth_date=fields.pop("birth"), guardian_name=fields.pop("guardian"), **fields)
    row = census.create_entry(_year(year), form)
    click.echo(_("Đã thêm mục {number}: {full_name}, sinh {birth} ({age} tuổi), {village} – {commune}, "
                 "{where}.").format(number=row.id, full_name=row.full_name, birth=f"{row.birth_date:%d/%m/%Y}",
                                    age=row.age, village=row.village, commune=row.commune, where=row.where_shown))


@census_group.command("move", help=_("""Ghi thay đổi của một trẻ: chuyển đi, đã mất, chuyển trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census move 12 --status chuyen-di --date 15/10/2026 --to "Xã Kim Đức"
    """))
@click.argument("entry_id", metavar=_("SỐ_MỤC"), type=int)
@click.option("--status", required=True, help="chuyen-di | da-mat | truong-khac | tai-truong | khong-hoc.")
@click.option("--date", "on", metavar="dd/mm/yyyy", required=True, help=_("Ngày thay đổi."))
@click.option("--to", "destination", default="", help=_("Nơi chuyển đến (với chuyen-di)."))
@click.option("--school", "school_name", default="", help=_("Tên trường mới (với truong-khac)."))
@pass_app
def move_cmd(app: AppContext, entry_id: int, status: str, on: str, destination: str, school_name: str) -> None:
    from mamnon.services import census

    app.open()
    row = census.record_move(entry_id, status, _date(on), destination=destination, school_name=school_name)
    click.echo(_("Mục {number} {full_name}: {where}.").format(number=row.id, full_name=row.full_name, where=row.where_shown))


@census_group.command("link", help=_("""Đưa trẻ đang học tại trường vào danh sách điều tra (liên kết hồ sơ, không gõ lại).

    Trẻ đã có mục cùng họ tên và ngày sinh: mục đó được liên kết với hồ sơ.
    Trẻ mới: vào thôn ghi trong hồ sơ của trẻ nếu thôn có trong danh sách,
    không thì vào thôn --village.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census link --year 2026 --commune "Xã Tân Lập" --village "Thôn Đông"
    """))
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", metavar=_("XÃ"), help=_("Xã cho trẻ chưa ghi thôn, xã trong hồ sơ (cùng --village)."))
@click.option("--village", metavar=_("THÔN"), help=_("Thôn cho trẻ chưa ghi thôn, xã trong hồ sơ."))
@pass_app
def link_cmd(app: AppContext, year: int | None, commune: str | None, village: str | None) -> None:
    from mamnon.services import census

    app.open()
    year = _year(year)
    result = census.link_school_children(year, village_id=_village_id(commune, village))
    if result.out_of_range:
        click.echo(_("Năm {year}: liên kết {linked} mục đã có, thêm {created} trẻ của trường; "
                     "{out_of_range} trẻ ngoài độ tuổi 0–5.").format(
            year=year, linked=result.linked, created=result.created, out_of_range=result.out_of_range))
    else:
        click.echo(_("Năm {year}: liên kết {linked} mục đã có, thêm {created} trẻ của trường.").format(
            year=year, linked=result.linked, created=result.created))
    if result.without_village:
        click.echo(_("Chưa đưa vào ({count} trẻ, thôn trong hồ sơ không có trong danh sách; "
                     "dùng --commune, --village): {names}").format(
            count=len(result.without_village), names=", ".join(result.without_village)))


@census_group.command("carry", help=_("""Bắt đầu năm điều tra mới từ năm trước: chép các mục, bỏ trẻ đủ 6 tuổi, trẻ chuyển đi, đã mất.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census carry 2027
    """))
@click.argument("year", metavar=_("NĂM"), type=int)
@pass_app
def carry_cmd(app: AppContext, year: int) -> None:
    from mamnon.services import census

    app.open()
    r = census.carry_forward(year)
    click.echo(_("Năm {year}: chép {copied} mục từ năm {previous}; bỏ {aged_out} trẻ sinh năm {born} "
                 "(đủ 6 tuổi), {gone} trẻ chuyển đi hoặc đã mất; {already} mục đã có.").format(
        year=year, copied=r.copied, previous=year - 1, aged_out=r.aged_out, born=year - 6, gone=r.gone,
        already=r.already))
    click.echo(_("Trẻ sinh năm {year} (lứa mới) đã ghi: {newborns}. Hãy thêm trẻ mới sinh của từng thôn "
                 "(census add hoặc census import) và chạy census link cho trẻ mới vào trường.").format(
        year=year, newborns=r.newborns))


@census_group.command("summary", help=_("""Tổng hợp theo xã và năm sinh: số trẻ, đang học, hoàn thành chương trình, tỷ lệ; đối chiếu tiêu chuẩn
    phổ cập trẻ 5 tuổi (NĐ 20/2014) và trẻ 3–5 tuổi (NĐ 277/2025); xã đạt hay chưa đạt chuẩn, vì sao.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census summary --year 2026
      mamnon --db truong.sqlite census summary --year 2026 --json
    """))
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--json", "as_json", is_flag=True, help=_("In dạng JSON."))
@pass_app
def summary_cmd(app: AppContext, year: int | None, as_json: bool) -> None:
    from mamnon.services.census import check_line
    from mamnon.services import census
    from mamnon.services.census_recognition import commune_sums, province_line, recognise

    app.open()
    year = _year(year)
    communes, area = census.summary(year)
    sums = commune_sums(year)
    if as_json:
        click.echo(json.dumps({"year": year, "communes": [_block_json(b, year) for b in communes],
                               "area": _block_json(area, year), "communes_recognised": sums},
                              ensure_ascii=False, indent=1))
        return
    click.echo(_("Năm điều tra {year}").format(year=year))
    for block in [*communes, area]:
        click.echo("\n" + _commune_label(block.name_shown, block.difficult))
        for text in age_table_lines(block):
            click.echo(text)
        for check in block.checks:
            click.echo(check_line(check))
        if block.commune_id is not None:
            for recognition in recognise(block, year).recognitions:
                click.echo(_("Công nhận đạt chuẩn {sentence}").format(sentence=recognition.line()))
    click.echo("\n" + province_line(sums))


def age_table_lines(block) -> list[str]:
    """One commune's (or the area's) lines per birth year; a column widens when its header is longer."""
    rate = _("Tỷ lệ")
    columns = ((_("Năm sinh"), 8, "<"), (_("Tuổi"), 5, "<"), (_("Số trẻ"), 6, ">"), (_("Đang học"), 8, ">"),
               (rate, 8, "<"), (_("Hoàn thành"), 10, ">"), (rate, 8, "<"), (_("Không học"), 9, ">"),
               (_("Chuyển/mất"), 10, ">"))
    widths = [max(width, len(header)) for header, width, _align in columns]
    gaps = ("", " ", " ", " ", "  ", " ", " ", " ", " ")

    def cells(values) -> str:
        return "".join(gap + f"{value:{align}{width}}"
                       for gap, value, (_header, _width, align), width in zip(gaps, values, columns, widths))

    out = [cells([header for header, _width, _align in columns])]
    for label, line in ([("", a) for a in block.ages]
                        + [(_("3–5 tuổi"), block.three_to_five), (_("Cộng"), block.total)]):
        figures = [line.children, line.attending, _pct(line.attending_rate), line.completed,
                   _pct(line.completed_rate), line.not_attending, line.moved + line.deceased]
        if line.age >= 0:
            out.append(cells([line.birth_year, line.age, *figures]))
        else:
            out.append(f"{label:<{widths[0] + 1 + widths[1]}}" + cells(["", "", *figures])[widths[0] + 1 + widths[1]:])
    return out


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


@census_group.command("condition", help=_("""Điều kiện công nhận phổ cập không đếm được từ điều tra (giáo viên, phòng học…): xã xác nhận từng năm.

    Không có CODE: in danh sách điều kiện và tình trạng xác nhận. Có CODE: xác nhận (--yes) hoặc bỏ (--no).

    \b
    Ví dụ:
      mamnon --db truong.sqlite census condition --year 2026 --commune "Xã Tân Lập"
      mamnon --db truong.sqlite census condition --year 2026 --commune "Xã Tân Lập" ND277_CSVC
      mamnon --db truong.sqlite census condition --year 2026 --commune "Xã Tân Lập" ND277_GV --no
    """))
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--commune", required=True, help=_("Tên xã (không phân biệt dấu, hoa thường)."))
@click.argument("code", required=False)
@click.option("--yes/--no", "confirmed", default=True, help=_("Xác nhận (mặc định) hoặc bỏ xác nhận."))
@pass_app
def condition_cmd(app: AppContext, year: int | None, commune: str, code: str | None, confirmed: bool) -> None:
    from mamnon.services.census_recognition import confirmed_conditions, find_commune, set_condition
    from mamnon.services.census_rules import CONDITIONS, RULES_BY_CODE

    app.open()
    year = _year(year)
    if code:
        set_condition(year, commune, code, confirmed)
    found = find_commune(commune)
    done = confirmed_conditions(year, found.id)
    click.echo(_("{commune} – năm điều tra {year}").format(commune=found.name, year=year))
    for c in CONDITIONS:
        mark = "[x]" if c.code in done else "[ ]"
        grade = "" if c.grade == "V" else " " + _("(nguồn chưa đối chiếu văn bản gốc)")
        click.echo(f"{mark} {c.code:<11} {_(RULES_BY_CODE[c.rule].short)}: {_(c.text)} – {c.source}{grade}")


@census_group.command("export", help=_("""Xuất danh sách điều tra ra tệp Excel chuẩn (nhập lại được bằng census import).

    \b
    Ví dụ:
      mamnon --db truong.sqlite census export --year 2026 -o dieu-tra-2026.xlsx
      mamnon --db truong.sqlite census export --year 2027 --blank -o mau-dieu-tra.xlsx
    """))
@click.option("-o", "--output", metavar=_("TỆP"), required=True, help=_("Tệp .xlsx sẽ ghi."))
@click.option("--year", type=int, help=_YEAR_HELP)
@click.option("--blank", is_flag=True, help=_("Mẫu trống để điền (không ghi trẻ nào)."))
@pass_app
def export_cmd(app: AppContext, output: str, year: int | None, blank: bool) -> None:
    from exporters.census_workbook import write_census_workbook
    from exporters.xlsx import check_target

    app.open()
    year = _year(year)
    path = write_census_workbook(check_target(output), year, blank=blank)
    click.echo(_("Đã ghi {path} (năm điều tra {year}).").format(path=path, year=year))


@census_group.command("import", help=_("""Nhập danh sách điều tra từ tệp Excel chuẩn: đúng hết mới nhập, sai thì chỉ rõ dòng, cột.

    Một trẻ được nhận ra theo mã trẻ (trẻ của trường) hoặc theo họ tên, ngày
    sinh và cha/mẹ; hai dòng cùng một trẻ là lỗi. Nhập lại cùng tệp không đổi gì.
    Trong cửa sổ dòng lệnh, thanh tiến độ (trên stderr) đếm các dòng đã ghi;
    Ctrl+C hủy: cơ sở dữ liệu không thay đổi.

    \b
    Ví dụ:
      mamnon --db truong.sqlite census import dieu-tra-2026.xlsx --dry-run
      mamnon --db truong.sqlite census import dieu-tra-thon-dong.xlsx --year 2026
    """))
@click.argument("file", metavar=_("TỆP"), type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help=_("Chỉ kiểm tra và báo kết quả, không ghi gì."))
@click.option("--year", type=int, help=_("Năm điều tra (mặc định: năm ghi trong tệp)."))
@click.option("--annotate", "annotate_to", metavar="PATH", default=None,
              help=_("Nơi ghi bản sao đánh dấu lỗi (mặc định: TỆP-loi.xlsx cạnh tệp)."))
@pass_app
def import_cmd(app: AppContext, file: str, dry_run: bool, year: int | None, annotate_to: str | None) -> None:
    from cli.import_report import echo_outcome
    from cli.progress import shown_progress
    from importers.census_import import import_census_workbook
    from mamnon.services.school import school_info

    app.open()
    with shown_progress(_("Đã hủy: cơ sở dữ liệu không thay đổi."), unit=_("dòng")) as progress:
        done = import_census_workbook(file, unit_code=school_info().code, year=year, dry_run=dry_run,
                                      annotate_to=annotate_to, progress=progress)
    click.echo(_("Tệp {name}: {kind}").format(name=done.book.path.name, kind=done.book.kind_label))
    echo_outcome(done, dry_run=dry_run)
