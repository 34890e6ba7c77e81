"""The state a report workbook carries: draft, submitted, approved or returned (docs/approval.md).

The state is written twice: in the metadata sheet (keys STATE_KEYS, for
programs) and as rows of the «Thông tin» sheet (for people). The rows are data
cells, so the file's checksum covers them; a reader compares the two and
treats any difference as an edit. A report exported before states existed
has neither: it was sent upward, so it reads as submitted.
"""

from __future__ import annotations

from mamnon.i18n import N_

# i18n-data: the «Thông tin» rows a report workbook carries (read back when importing)

DRAFT, SUBMITTED, APPROVED, RETURNED = "nhap", "da_nop", "da_duyet", "tra_lai"
STATE_LABELS = {DRAFT: N_("Nháp"), SUBMITTED: N_("Đã nộp"), APPROVED: N_("Đã duyệt"), RETURNED: N_("Trả lại")}
"""Written into the report workbook; a screen shows `_(label)`."""

STATE_KEYS = ("state", "state_by", "state_at", "state_note")
"""Metadata keys, in the order of INFO_ITEMS."""
INFO_ITEMS = {
    "state": "Trạng thái báo cáo",
    "state_by": "Người đặt trạng thái",
    "state_at": "Thời điểm đặt trạng thái",
    "state_note": "Ghi chú trạng thái",
}
"""«Thông tin» item labels of the state rows."""

LEGACY_STATE = SUBMITTED
"""The state of a file without one (exported before this feature)."""


def state_of_label(text: str) -> str | None:
    """The state code a «Thông tin» label names, or None."""
    from mamnon.vntext import fold

    wanted = fold(text or "").strip()
    return next((code for code, label in STATE_LABELS.items() if fold(label) == wanted), None)


def info_rows(state: dict[str, str]) -> list[dict[str, str]]:
    """The «Thông tin» rows of a state ({key: value} with STATE_KEYS)."""
    values = {**state, "state": STATE_LABELS[state["state"]]}
    return [{"item": INFO_ITEMS[key], "value": values.get(key, "")} for key in STATE_KEYS]
