"""Writing an office's reply workbook (mamnon.workbooks.reply_spec) to one school's report."""

from __future__ import annotations

# i18n-data: the reply is a standard workbook the school's program reads back: Vietnamese in every language
import datetime as dt
import os
from pathlib import Path

from exporters.workbook_writer import UnitMeta, write_workbook
from mamnon.workbooks.reply_spec import DECISION_LABELS, REPLY_SPEC, SHEET, Reply

__all__ = ["make_reply", "reply_file_name", "write_reply"]


def make_reply(*, office_code: str, office_name: str, school_code: str, school_name: str, period: str,
               figures, decision: str, note: str = "", by: str = "",
               decided_at: dt.datetime | None = None) -> Reply:
    """The reply to the report of `school_code` for `period` whose indicators are `figures`.

    It answers the report's «Mã đối chiếu», computed from the figures as the school computed it when
    exporting, so it matches the submission the school recorded, and no other."""
    from mamnon.paper_code import report_code

    if decision not in DECISION_LABELS:
        raise ValueError(f"unknown decision {decision!r}")
    moment = (decided_at or dt.datetime.now()).replace(microsecond=0)
    return Reply(from_code=office_code.strip(), from_name=office_name.strip(), to_code=school_code,
                 to_name=school_name, period=period, answers_code=report_code(school_code, period, figures),
                 decision=decision, note=" ".join((note or "").split()), decided_by=by.strip(),
                 decided_at=moment.isoformat(timespec="seconds"))


def write_reply(path: str | os.PathLike, reply: Reply, *, level: str = "",
                exported_at: dt.datetime | None = None) -> Path:
    """Write `reply` to `path` atomically; the office is the file's unit, the school's period its period."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    line = f"{DECISION_LABELS[reply.decision]} báo cáo kỳ {reply.period} của {reply.to_name or reply.to_code}"
    return write_workbook(path, REPLY_SPEC, unit=UnitMeta(reply.from_code, reply.from_name, level),
                          period=reply.period, rows={SHEET: [reply.row()]}, subtitle={SHEET: line},
                          blank_rows=0, exported_at=exported_at)


def reply_file_name(school_code: str, period: str) -> str:
    """tra-loi-<school>-<period>.xlsx: ASCII, one per school and period."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in school_code.strip())
    return f"tra-loi-{safe}-{period}.xlsx"
