"""SMS batches as CSV files for the upload page of an SMS brandname portal.

The batch file has exactly two columns, a header row «SoDienThoai,NoiDung»
and one line per message (see docs/parents.md). It is UTF-8 with a byte-order
mark so that Excel on Windows shows the Vietnamese correctly when a teacher
opens it to check; the phone numbers are written as the digits with their
leading 0, which portals expect (Excel hides the 0 on screen — upload the file
as written, do not save it back from Excel).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from exporters.csv_safe import csv_cell
from exporters.xlsx import ExportError
from mamnon.i18n import _
from mamnon.services.notices import Message, Unreachable, unaccent

HEADER = ("SoDienThoai", "NoiDung")
ENCODING = "utf-8-sig"


def check_csv_target(path: str | os.PathLike) -> Path:
    """The output path, checked before any work: a .csv name in an existing folder."""
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise ExportError(_("Tên tệp tin nhắn phải có đuôi .csv (đã cho: {name}).").format(name=target.name or target))
    if target.is_dir():
        raise ExportError(_("{path} là một thư mục, không phải tệp.").format(path=target))
    if not target.parent.is_dir():
        raise ExportError(_("Không có thư mục {folder}: hãy tạo thư mục trước.").format(folder=target.parent))
    return target


def _atomic_write(path: str | os.PathLike, rows: Iterable[Sequence[object]]) -> Path:
    """Write the rows (every cell through csv_cell), then rename over `path`: an upload never sees half a file."""
    target = check_csv_target(path)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([csv_cell(v) for v in row] for row in rows)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".~mamnon-", suffix=".tmp.csv", dir=target.parent)
    except OSError as exc:
        raise ExportError(_("Không ghi được vào thư mục {folder}: {error}.").format(
            folder=target.parent, error=exc.strerror or exc)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding=ENCODING, newline="") as handle:
            handle.write(buffer.getvalue())
        try:
            os.replace(temp, target)
        except PermissionError:
            raise ExportError(_("Không thay được tệp {path}: tệp có thể đang mở trong Excel, hãy đóng tệp rồi "
                                "làm lại.").format(path=target)) from None
        except OSError as exc:
            raise ExportError(_("Không ghi được tệp {path}: {error}.").format(
                path=target, error=exc.strerror or exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return target


def write_sms_csv(path: str | os.PathLike, rows: Sequence[Message], *, unaccented: bool) -> Path:
    """The two-column batch «SoDienThoai,NoiDung»; `unaccented` strips the diacritics (GSM-7, cheaper)."""
    lines = [HEADER]
    for m in rows:
        lines.append((m.phone, unaccent(m.text) if unaccented else m.text))
    return _atomic_write(path, lines)


REPORT_HEADER = ("SoDienThoai", "MaTre", "HoTenTre", "Lop", "NguoiNhan", "SoKyTu", "SoTinNhan", "BangMa")
UNREACHABLE_HEADER = ("MaTre", "HoTenTre", "Lop", "PhuHuynh", "LyDo")


def write_sms_report(path: str | os.PathLike, rows: Sequence[Message],
                     unreachable: Sequence[Unreachable] = ()) -> Path:
    """The check list of a batch: each message's size, then the children no one can be texted about."""
    lines: list[Sequence[object]] = [REPORT_HEADER]
    for m in rows:
        r = m.recipient
        lines.append((r.phone, r.child_code, r.child_name, r.class_name, r.guardian,
                       m.chars, m.segments, m.encoding))
    lines.append(())
    # the check list is a file the school keeps with the batch: Vietnamese in every language, like the forms
    lines.append((f"Tổng: {len(rows)} tin, {sum(m.segments for m in rows)} tin nhắn tính cước",))  # i18n-skip: file
    lines.append(())
    lines.append(("Trẻ chưa có số điện thoại phụ huynh dùng được:",))  # i18n-skip: the file's content
    lines.append(UNREACHABLE_HEADER)
    for u in unreachable:
        lines.append((u.child_code, u.child_name, u.class_name, u.guardians, u.reason))
    return _atomic_write(path, lines)
