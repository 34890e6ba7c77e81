"""Health checks (khám sức khỏe định kỳ): one record per child per check.

Each finding (eyes, teeth, ENT, skin, heart/lungs, other) is free text; blank
— or a word meaning normal such as "Bình thường" — is normal. A class's
checks are those done while the child was in that class (the stay containing
the check date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import NotFound
from mamnon.formats import format_date
from mamnon.i18n import N_, _
from mamnon.models import Child, Enrollment, HealthCheck
from mamnon.services import audit, permissions
from mamnon.services.form_check import FormCheck
from mamnon.vntext import fold, name_sort_key

__all__ = [
    "FINDING_FIELDS", "ChildFindings", "HealthCheckForm", "HealthCheckRow",
    "add_health_check", "check_health_check", "class_findings", "delete_health_check", "form_for",
    "get_health_check", "is_finding", "list_class_checks", "list_health_checks", "update_health_check",
]

FINDING_FIELDS: dict[str, str] = {
    "eyes": N_("Mắt"),
    "teeth": N_("Răng miệng"),
    "ent": N_("Tai mũi họng"),
    "skin": N_("Da liễu"),
    "heart_lung": N_("Tim phổi"),
    "other": N_("Khác"),
}
"""Field -> Vietnamese label, in the order of the health check form (a screen shows _(label))."""

_NORMAL_WORDS = {"", "-", "bt", "binh thuong", "tot", "khong", "khong co", "khoe", "khoe manh", "on",
                 "chua phat hien bat thuong", "khong phat hien bat thuong", "khong bat thuong"}


def is_finding(text: str) -> bool:
    """True when a finding says something is wrong (not blank, not just 'Bình thường')."""
    return fold(" ".join((text or "").split())).strip(" .") not in _NORMAL_WORDS


@dataclass
class HealthCheckForm:
    """What the health check form holds, as typed (date dd/mm/yyyy)."""

    checked_on: str = ""
    examiner: str = ""
    eyes: str = ""
    teeth: str = ""
    ent: str = ""
    skin: str = ""
    heart_lung: str = ""
    other: str = ""
    conclusion: str = ""
    row_version: int | None = None
    """The check's row_version when the form was opened (form_for); None: save without the check."""


@dataclass(frozen=True)
class HealthCheckRow:
    id: int
    child_id: int
    child_code: str
    child_name: str
    checked_on: dt.date
    examiner: str
    eyes: str
    teeth: str
    ent: str
    skin: str
    heart_lung: str
    other: str
    conclusion: str
    row_version: int | None = field(default=None, compare=False)

    @property
    def findings(self) -> tuple[tuple[str, str], ...]:
        """(label, text) of every non-normal finding, in form order."""
        return tuple((label, getattr(self, key)) for key, label in FINDING_FIELDS.items()
                     if is_finding(getattr(self, key)))

    @property
    def has_findings(self) -> bool:
        return bool(self.findings)


@dataclass(frozen=True)
class ChildFindings:
    child_id: int
    child_code: str
    child_name: str
    checks: tuple[HealthCheckRow, ...]
    """The child's checks with a finding, newest first."""



def _row(h: HealthCheck, code: str, name: str) -> HealthCheckRow:
    return HealthCheckRow(h.id, h.child_id, code, name, h.checked_on, h.examiner, h.eyes, h.teeth, h.ent,
                          h.skin, h.heart_lung, h.other, h.conclusion, h.row_version)


def _child(child_id: int) -> Child:
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    return child


def check_health_check(form: HealthCheckForm, child_id: int, *, today: dt.date | None = None
                       ) -> tuple[dict, FormCheck]:
    """Clean values and every error of the form: date required, not in the future; examiner required."""
    today = today or dt.date.today()
    child = _child(child_id)
    chk = FormCheck()
    v = {"checked_on": chk.date("checked_on", form.checked_on, required=True, what=_("ngày khám"))}
    if v["checked_on"] is not None:
        if v["checked_on"] > today:
            chk.error("checked_on", _("Ngày khám ở tương lai."))
        elif v["checked_on"] < child.birth_date:
            chk.error("checked_on", _("Ngày khám trước ngày sinh của trẻ."))
    v["examiner"] = chk.text("examiner", form.examiner, required=True, max_len=100, what=_("người khám"))
    for key in FINDING_FIELDS:
        v[key] = chk.text(key, getattr(form, key), max_len=500)
    v["conclusion"] = chk.text("conclusion", form.conclusion, max_len=1000)
    return v, chk


def add_health_check(child_id: int, form: HealthCheckForm, *, today: dt.date | None = None) -> HealthCheckRow:
    permissions.require("health.edit")
    child = _child(child_id)
    v, chk = check_health_check(form, child.id, today=today)
    chk.raise_if_errors()
    with database.atomic():
        h = HealthCheck.create(child=child, **v)
    return get_health_check(h.id)


def update_health_check(check_id: int, form: HealthCheckForm, *, today: dt.date | None = None) -> HealthCheckRow:
    permissions.require("health.edit")
    h = HealthCheck.get_or_none(HealthCheck.id == check_id)
    if h is None:
        raise NotFound(_("Không có lần khám số {id}.").format(id=check_id))
    v, chk = check_health_check(form, h.child_id, today=today)
    chk.raise_if_errors()
    with database.atomic():
        for key, value in v.items():
            setattr(h, key, value)
        h.expect_version(form.row_version)  # ConcurrentEdit when someone saved the check meanwhile
        h.save()
    return get_health_check(check_id)


def delete_health_check(check_id: int) -> None:
    """Remove a check entered by mistake."""
    permissions.require("health.edit")
    with database.atomic():
        if audit.delete_where(HealthCheck, HealthCheck.id == check_id) == 0:
            raise NotFound(_("Không có lần khám số {id}.").format(id=check_id))


def get_health_check(check_id: int) -> HealthCheckRow:
    h = HealthCheck.get_or_none(HealthCheck.id == check_id)
    if h is None:
        raise NotFound(_("Không có lần khám số {id}.").format(id=check_id))
    return _row(h, h.child.code, h.child.full_name)


def form_for(check_id: int) -> HealthCheckForm:
    r = get_health_check(check_id)
    return HealthCheckForm(format_date(r.checked_on), r.examiner, r.eyes, r.teeth, r.ent, r.skin,
                           r.heart_lung, r.other, r.conclusion, r.row_version)


def list_health_checks(child_id: int) -> list[HealthCheckRow]:
    """A child's checks, newest first."""
    child = _child(child_id)
    query = (HealthCheck.select().where(HealthCheck.child == child_id)
             .order_by(HealthCheck.checked_on.desc(), HealthCheck.id.desc()))
    return [_row(h, child.code, child.full_name) for h in query]


def list_class_checks(class_id: int, since: dt.date | None = None) -> list[HealthCheckRow]:
    """Checks done while the child was in the class (from `since` on), by name then newest first."""
    query = (
        HealthCheck.select(HealthCheck, Child.code, Child.full_name)
        .join(Child, on=(HealthCheck.child == Child.id))
        .join(Enrollment, on=((Enrollment.child == Child.id) & (Enrollment.school_class == class_id)
                              & (Enrollment.start_date <= HealthCheck.checked_on)
                              & (Enrollment.end_date.is_null() | (Enrollment.end_date > HealthCheck.checked_on))))
    )
    if since is not None:
        query = query.where(HealthCheck.checked_on >= since)
    rows = [_row(h, h.code, h.full_name) for h in query.objects()]
    rows.sort(key=lambda r: (r.checked_on, r.id), reverse=True)
    rows.sort(key=lambda r: (name_sort_key(r.child_name), r.child_id))
    return rows


def class_findings(class_id: int, since: dt.date | None = None) -> list[ChildFindings]:
    """Children of the class with any finding in a check since `since` (all checks when None)."""
    by_child: dict[int, list[HealthCheckRow]] = {}
    for r in list_class_checks(class_id, since):
        if r.has_findings:
            by_child.setdefault(r.child_id, []).append(r)
    return [ChildFindings(checks[0].child_id, checks[0].child_code, checks[0].child_name, tuple(checks))
            for checks in by_child.values()]
