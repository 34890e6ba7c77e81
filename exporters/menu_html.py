"""The week's menu of both stages as one self-contained HTML page (for the school's website).

`write_week_menu_html(path, monday)`: UTF-8, inline CSS, no script, no image,
no link to anything outside the file; every name is HTML-escaped. Dishes and
energy per child come from `mamnon.services.menus`. Written to a temporary file
in the same folder and renamed into place.
"""

from __future__ import annotations

# i18n-data: the page parents read on the school's website is Vietnamese in every interface language
import contextlib
import datetime as dt
import html
import os
import tempfile
from pathlib import Path

from exporters.meal_forms import WEEKDAYS, week_dates
from mamnon.errors import MamnonError
from mamnon.i18n import _

__all__ = ["render_week_menu_html", "write_week_menu_html"]

CSS = """
body{font-family:"Times New Roman",Times,serif;margin:1.5em;color:#222;background:#fff}
h1{text-align:center;font-size:1.6em;margin:.2em 0}
h2{font-size:1.25em;margin:1.4em 0 .4em;color:#1f4e79}
p.sub{text-align:center;font-style:italic;margin:.2em 0 1em}
p.school{text-align:center;font-weight:bold;margin:0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #999;padding:.35em .5em;vertical-align:top;font-size:.95em}
th{background:#e7e6e6}
td.meal{font-weight:bold;background:#f5f5f5;width:8em}
td.kcal{text-align:right;font-style:italic}
td.none{text-align:center;color:#888}
ul{margin:0;padding-left:1.1em}
footer{margin-top:2em;font-size:.85em;color:#666;text-align:center}
"""


def render_week_menu_html(monday: dt.date) -> str:
    """The page's text."""
    from mamnon.models.meals import MEALS, STAGES
    from mamnon.reference import STAGE_LABELS
    from mamnon.services import menus
    from mamnon.services.school import school_info

    days = week_dates(monday)
    school = school_info()
    esc = html.escape
    period = f"Từ ngày {days[0]:%d/%m/%Y} đến ngày {days[-1]:%d/%m/%Y}"
    parts = ["<!DOCTYPE html>", '<html lang="vi">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Thực đơn tuần {days[0]:%d/%m/%Y} – {esc(school.name)}</title>",
             f"<style>{CSS}</style>", "</head>", "<body>",
             f'<p class="school">{esc(school.name)}</p>', "<h1>THỰC ĐƠN TUẦN</h1>", f'<p class="sub">{period}</p>']
    any_menu = False
    for stage in STAGES:
        found = {m.date: m for m in menus.list_menu_days(days[0], days[-1], stage)}
        if not found:
            continue
        any_menu = True
        parts.append(f"<h2>{esc(STAGE_LABELS[stage])}</h2>")
        parts.append("<table>")
        parts.append("<tr><th>Bữa</th>" + "".join(
            f"<th>{WEEKDAYS[d.weekday()]}<br>{d:%d/%m/%Y}</th>" for d in days) + "</tr>")
        for code, name in MEALS:
            if not any(i.meal == code for m in found.values() for i in m.items):
                continue
            cells = []
            for d in days:
                menu = found.get(d)
                dishes = [i.dish_name for i in menu.items if i.meal == code] if menu else []
                if dishes:
                    cells.append("<td><ul>" + "".join(f"<li>{esc(x)}</li>" for x in dishes) + "</ul></td>")
                else:
                    cells.append('<td class="none">–</td>')
            parts.append(f'<tr><td class="meal">{esc(name)}</td>{"".join(cells)}</tr>')
        kcal = []
        for d in days:
            value = None
            if d in found:
                with contextlib.suppress(MamnonError):
                    value = menus.calculate_menu_day(d, stage).result.intake.energy_kcal
            kcal.append('<td class="none">–</td>' if value is None
                        else f'<td class="kcal">{value:.0f} kcal</td>')
        parts.append(f'<tr><td class="meal">Năng lượng/trẻ</td>{"".join(kcal)}</tr>')
        parts.append("</table>")
    if not any_menu:
        raise MamnonError(_("Chưa có thực đơn nào trong tuần {start} – {end}.").format(
            start=f"{days[0]:%d/%m/%Y}", end=f"{days[-1]:%d/%m/%Y}"))
    parts += [f"<footer>{esc(school.name)} – thực đơn có thể thay đổi theo thực phẩm trong ngày.</footer>",
              "</body>", "</html>", ""]
    return "\n".join(parts)


def write_week_menu_html(path: str | os.PathLike, monday: dt.date) -> Path:
    """Write the page to `path` (.html/.htm), atomically."""
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise MamnonError(_("Tên tệp phải có đuôi .html (đã cho: {name}).").format(name=target.name or target))
    if not target.parent.is_dir():
        raise MamnonError(_("Không có thư mục {folder}: hãy tạo thư mục trước.").format(folder=target.parent))
    text = render_week_menu_html(monday)
    fd, temp = tempfile.mkstemp(prefix=".~mamnon-", suffix=".tmp.html", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    return target
