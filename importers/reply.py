"""Reading an office's reply workbook, refusing it whole (with the reason) when it cannot be trusted.

Refused here, before the school's database is looked at: not a reply
workbook, no checksum or a checksum that does not match (edited after it was
written), not exactly one reply row, a decision the program does not know,
and metadata that disagree with the row (the office or the period re-typed
in the hidden sheet). Whether the reply answers this school's submission is
mamnon.services.approval's part.
"""

from __future__ import annotations

import os

from importers.workbook_reader import ImportRefused, open_workbook
from mamnon.errors import ValidationError
from mamnon.i18n import _
from mamnon.vntext import fold
from mamnon.workbooks.cells import clean_text
from mamnon.workbooks.periods import parse_period
from mamnon.workbooks.reply_spec import DECISION_LABELS, REPLY, SHEET, Reply

__all__ = ["read_reply"]


def read_reply(path: str | os.PathLike) -> Reply:
    book = open_workbook(path, expected_kind=REPLY)
    name = book.path.name

    def refuse(reason: str) -> ImportRefused:
        return ImportRefused(_("Không nhập được tệp trả lời {name}: {reason}").format(name=name, reason=reason))

    if book.checksum_ok is None:
        raise refuse(_("tệp không có mã kiểm tra dữ liệu (trang «_mamnon»), không biết có bị sửa hay không."))
    if book.checksum_ok is False:
        raise refuse(_("mã kiểm tra dữ liệu không khớp: tệp đã bị sửa sau khi ghi. Xin cấp trên gửi lại tệp."))
    rows = book.sheets[SHEET].rows
    if len(rows) != 1:
        raise refuse(_("trang «{sheet}» phải có đúng một dòng trả lời, tệp có {count} dòng.").format(
            sheet=SHEET, count=len(rows)))
    row = rows[0]
    values = {key: clean_text(row.values.get(key)) for key in book.spec.sheets[0].keys}
    decision = next((code for code, label in DECISION_LABELS.items() if fold(label) == fold(values["decision"])),
                    None)
    if decision is None:
        # the decisions are quoted as the file must spell them: the reply workbook is Vietnamese in every language
        raise refuse(_("trang «{sheet}», dòng {row}, cột «Quyết định»: «{value}» không phải {choices}.").format(
            sheet=SHEET, row=row.row, value=values["decision"], choices=", ".join(DECISION_LABELS.values())))
    try:
        period = parse_period(values["period"]).code
    except ValidationError as exc:
        raise refuse(_("trang «{sheet}», dòng {row}, cột «Kỳ báo cáo»: {error}").format(
            sheet=SHEET, row=row.row, error=exc.errors["period"])) from None
    meta = book.meta
    if meta.get("unit_code", "") != values["from_code"] or meta.get("period", "") != period:
        raise refuse(_("thông tin nhận dạng trong trang «_mamnon» không khớp với dòng trả lời: tệp đã bị sửa."))
    return Reply(from_code=values["from_code"], from_name=values["from_name"], to_code=values["to_code"],
                 to_name=values["to_name"], period=period, answers_code=values["answers_code"], decision=decision,
                 note=values["note"], decided_by=values["decided_by"], decided_at=values["decided_at"],
                 checksum=meta.get("checksum", ""))
