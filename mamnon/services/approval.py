"""The school's side of approval: reports submitted, the office's replies, locked periods (docs/approval.md).

`write_report` records each submitted (non-draft) report here. An office's
reply (read by importers.reply) is checked against what this school really
submitted before it is stored: another school's reply, a reply from a unit
that is not this school's parent, for a period never submitted or for an
older submission of the period is refused with the reason. The latest reply
of a period decides its lock: approved → locked (mamnon.models.approval
refuses changes to its figures), returned or unlocked → open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import MamnonError
from mamnon.models.approval import ReportReply, ReportSubmission, locked_periods
from mamnon.workbooks.periods import parse_period
from mamnon.workbooks.reply_spec import APPROVE, RETURN, UNLOCK, Reply

__all__ = ["ReplyRefused", "ReplyStored", "actor_name", "apply_reply", "latest_reply_line", "latest_submission",
           "locked_periods", "period_text", "record_submission", "reply_line"]


class ReplyRefused(MamnonError):
    """A reply that does not answer a report this school submitted (the message says why)."""


@dataclass(frozen=True)
class ReplyStored:
    reply: Reply
    already: bool
    """True when the same reply had been imported before: nothing changed."""
    line: str
    """The sentence the home screen shows."""


def period_text(code: str) -> str:
    """«tháng 11/2026», «năm học 2026-2027» (inside a sentence)."""
    from mamnon.errors import ValidationError

    try:
        label = parse_period(code).label
    except ValidationError:
        return f"kỳ {code}"
    return label[:1].lower() + label[1:]


def actor_name() -> str:
    """Who sets a report's state: the logged-in account, or the school in single-user mode."""
    from mamnon.acting import logged_in
    from mamnon.services.school import school_info

    actor = logged_in()
    if actor is not None:
        return actor.full_name or actor.username
    return school_info().name


def record_submission(period_code: str, paper_code: str, exported_at: dt.datetime) -> None:
    ReportSubmission.create(period=period_code, paper_code=paper_code, exported_at=exported_at,
                            exported_by=actor_name())


def latest_submission(period_code: str) -> ReportSubmission | None:
    return (ReportSubmission.select().where(ReportSubmission.period == period_code)
            .order_by(ReportSubmission.id.desc()).first())


def _refuse_foreign(reply: Reply) -> None:
    from mamnon.services.school import school_info

    info = school_info()
    if reply.to_code.strip().upper() != info.code.strip().upper():
        raise ReplyRefused(f"Tệp trả lời gửi cho {reply.to_name or 'trường'} (mã {reply.to_code}), "
                           f"không phải {info.name} (mã {info.code}).")
    parents = {p.code.strip().upper(): p.name for p in info.parents}
    if parents and reply.from_code.strip().upper() not in parents:
        raise ReplyRefused(f"Tệp trả lời của {reply.from_name} (mã {reply.from_code}), không phải đơn vị cấp trên "
                           f"của trường ({', '.join(f'{n} (mã {c})' for c, n in parents.items())}).")


def _refuse_unanswered(reply: Reply) -> None:
    submitted = latest_submission(reply.period)
    if submitted is None:
        raise ReplyRefused(f"Trường chưa nộp báo cáo {period_text(reply.period)} (chưa xuất báo cáo chính thức "
                           "kỳ này), nên tệp trả lời này không khớp với báo cáo nào.")
    if submitted.paper_code != reply.answers_code:
        raise ReplyRefused(f"Tệp trả lời cho báo cáo {period_text(reply.period)} có mã đối chiếu "
                           f"{reply.answers_code}, nhưng báo cáo trường nộp gần nhất kỳ này có mã "
                           f"{submitted.paper_code}: đây là trả lời cho một lần nộp khác.")


def apply_reply(reply: Reply, file_name: str = "") -> ReplyStored:
    """Check `reply` against this school's submissions and store it; the period's lock follows it."""
    from mamnon.services import permissions

    permissions.require("report.export")
    _refuse_foreign(reply)
    _refuse_unanswered(reply)
    already = ReportReply.get_or_none(ReportReply.reply_checksum == reply.checksum)
    if already is None:
        with database.atomic():
            ReportReply.create(period=reply.period, decision=reply.decision, note=reply.note,
                               from_code=reply.from_code, from_name=reply.from_name, decided_by=reply.decided_by,
                               decided_at=reply.decided_at, answers_code=reply.answers_code,
                               reply_checksum=reply.checksum, file_name=file_name)
    return ReplyStored(reply, already is not None, reply_line(reply.from_name, reply.decision, reply.period,
                                                              reply.note))


def reply_line(office: str, decision: str, period_code: str, note: str) -> str:
    """«Phòng GD&ĐT Yên Lạc đã duyệt báo cáo tháng 11/2026» and the like, one line."""
    period = period_text(period_code)
    if decision == APPROVE:
        text = f"{office} đã duyệt báo cáo {period} (kỳ này đã khóa)"
    elif decision == RETURN:
        text = f"{office} trả lại báo cáo {period}"
    elif decision == UNLOCK:
        text = f"{office} đã mở khóa báo cáo {period}"
    else:
        text = f"{office}: {decision} báo cáo {period}"
    note = " ".join((note or "").split())
    return f"{text}: {note}" if note else text


def latest_reply_line() -> str:
    """The newest reply imported, as the home screen shows it; "" when none."""
    row = ReportReply.select().order_by(ReportReply.id.desc()).first()
    if row is None:
        return ""
    return reply_line(row.from_name, row.decision, row.period, row.note)


def is_locked(period_code: str) -> bool:
    row = (ReportReply.select().where(ReportReply.period == period_code)
           .order_by(ReportReply.id.desc()).first())
    return row is not None and row.decision == APPROVE
