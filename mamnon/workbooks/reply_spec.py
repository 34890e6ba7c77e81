"""The reply workbook (trả lời báo cáo): an office's decision on one school's report, sent back down.

One data row says who answers whom, for which period and which submission
(the report's «Mã đối chiếu»), the decision and the note. Every one of these
is a data cell, so the file's checksum covers them: a reply edited after it
was written, or re-addressed to another school, is refused on import. The
metadata repeats the office and the period only so that the standard reader
recognises the file; the reader refuses a file whose metadata and row disagree.
"""

from __future__ import annotations

# i18n-data: sheet names, headers and values of a standard workbook (official content)

from dataclasses import dataclass

from mamnon.i18n import N_
from mamnon.workbooks.spec import CHOICE, CODE, TEXT, Column, SheetSpec, WorkbookSpec

REPLY = "reply"
REPLY_LABEL = N_("Trả lời báo cáo")
SHEET = "Trả lời"

APPROVE, RETURN, UNLOCK = "duyet", "tra_lai", "mo_khoa"
DECISION_LABELS = {APPROVE: N_("Duyệt"), RETURN: N_("Trả lại"), UNLOCK: N_("Mở khóa")}
"""Decision code (stored in the school database) → the word written in the file; a screen shows `_(label)`."""

REPLY_SPEC = WorkbookSpec(
    kind=REPLY, version=1, title="TRẢ LỜI BÁO CÁO", period="any", fill_in=False,
    sheets=(SheetSpec(
        name=SHEET, title="TRẢ LỜI BÁO CÁO CỦA ĐƠN VỊ CẤP DƯỚI", rows=1, key=("to_code",),
        signature=("answers_code",),
        columns=(
            Column("from_code", "Mã đơn vị trả lời", CODE, required=True, input=False, width=12),
            Column("from_name", "Đơn vị trả lời", TEXT, required=True, input=False, width=26),
            Column("to_code", "Mã trường", CODE, required=True, input=False, width=12),
            Column("to_name", "Trường", TEXT, input=False, width=26),
            Column("period", "Kỳ báo cáo", CODE, required=True, input=False, width=10),
            Column("answers_code", "Mã đối chiếu của báo cáo", CODE, required=True, input=False, width=14),
            Column("decision", "Quyết định", CHOICE, required=True, choices=tuple(DECISION_LABELS.values()),
                   input=False, width=10),
            Column("note", "Ghi chú", TEXT, input=False, width=40),
            Column("decided_by", "Người xét", TEXT, input=False, width=18),
            Column("decided_at", "Thời điểm", TEXT, input=False, width=19),
        ),
    ),),
)


@dataclass(frozen=True)
class Reply:
    """One reply as read from its file (importers.reply) or about to be written (exporters.reply)."""

    from_code: str
    from_name: str
    to_code: str
    to_name: str
    period: str
    """Canonical period code ("2026-11", "2026-2027")."""
    answers_code: str
    """The «Mã đối chiếu» of the report answered."""
    decision: str
    """APPROVE, RETURN or UNLOCK."""
    note: str = ""
    decided_by: str = ""
    decided_at: str = ""
    """ISO date and time."""
    checksum: str = ""
    """The reply file's own data checksum (empty before it is written)."""

    def row(self) -> dict[str, str]:
        """The reply's data row as the writer takes it."""
        return {"from_code": self.from_code, "from_name": self.from_name, "to_code": self.to_code,
                "to_name": self.to_name, "period": self.period, "answers_code": self.answers_code,
                "decision": DECISION_LABELS[self.decision], "note": self.note, "decided_by": self.decided_by,
                "decided_at": self.decided_at}
