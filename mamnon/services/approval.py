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
from mamnon.i18n import _
from mamnon.models.approval import ReportReply, ReportSubmission, locked_periods
from mamnon.workbooks.periods import MONTH, parse_period
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
        period = parse_period(code)
    except ValidationError:
        return _("kỳ {code}").format(code=code)
    if period.kind == MONTH:
        return _("tháng {month}/{year}").format(month=f"{period.start.month:02d}", year=period.start.year)
    return _("năm học {code}").format(code=period.code)


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
        raise ReplyRefused(_("Tệp trả lời gửi cho {to_name} (mã {to_code}), không phải {name} (mã {code}).").format(
            to_name=reply.to_name or _("trường"), to_code=reply.to_code, name=info.name, code=info.code))
    parents = {p.code.strip().upper(): p.name for p in info.parents}
    if parents and reply.from_code.strip().upper() not in parents:
        units = ", ".join(_("{name} (mã {code})").format(name=n, code=c) for c, n in parents.items())
        raise ReplyRefused(_("Tệp trả lời của {name} (mã {code}), không phải đơn vị cấp trên "
                             "của trường ({units}).").format(name=reply.from_name, code=reply.from_code, units=units))


def _refuse_unanswered(reply: Reply) -> None:
    submitted = latest_submission(reply.period)
    if submitted is None:
        raise ReplyRefused(_("Trường chưa nộp báo cáo {period} (chưa xuất báo cáo chính thức "
                             "kỳ này), nên tệp trả lời này không khớp với báo cáo nào.").format(
            period=period_text(reply.period)))
    if submitted.paper_code != reply.answers_code:
        raise ReplyRefused(_("Tệp trả lời cho báo cáo {period} có mã đối chiếu {answers}, nhưng báo cáo trường "
                             "nộp gần nhất kỳ này có mã {submitted}: đây là trả lời cho một lần nộp khác.").format(
            period=period_text(reply.period), answers=reply.answers_code, submitted=submitted.paper_code))


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
        text = _("{office} đã duyệt báo cáo {period} (kỳ này đã khóa)").format(office=office, period=period)
    elif decision == RETURN:
        text = _("{office} trả lại báo cáo {period}").format(office=office, period=period)
    elif decision == UNLOCK:
        text = _("{office} đã mở khóa báo cáo {period}").format(office=office, period=period)
    else:
        text = _("{office}: {decision} báo cáo {period}").format(office=office, decision=decision, period=period)
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
