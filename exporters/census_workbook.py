"""Writing the census workbook (điều tra phổ cập) of a year from its spec: filled, or blank to fill in."""

from __future__ import annotations

# i18n-data: the census workbook is a standard workbook, Vietnamese in every interface language
import os
from pathlib import Path

from exporters.workbook_writer import write_workbook
from mamnon.workbooks.census_spec import CENSUS_SPEC, YEAR_META

__all__ = ["census_rows", "write_census_workbook"]


def census_rows(year: int) -> list[dict[str, object]]:
    """The year's entries as workbook rows ({column key: database value}), commune by commune."""
    from mamnon.services import census

    return [{
        "commune": r.commune, "village": r.village, "code": r.child_code, "full_name": r.full_name,
        "birth_date": r.birth_date, "sex": r.sex, "ethnicity": r.ethnicity, "guardian_name": r.guardian_name,
        "address": r.address, "status": r.status_label, "school_name": r.school_name,
        "completed": r.completed, "disability": r.disability, "status_date": r.status_date,
        "destination": r.destination, "note": r.note,
    } for r in census.list_entries(year)]


def write_census_workbook(path: str | os.PathLike, year: int, *, blank: bool = False) -> Path:
    """The census of `year` (every entry, 20 empty rows below for new children); `blank`: no entries."""
    from exporters.templates import school_unit

    rows = [] if blank else census_rows(year)
    sheet = CENSUS_SPEC.sheets[0].name
    return write_workbook(path, CENSUS_SPEC, unit=school_unit(), rows={sheet: rows},
                          subtitle={sheet: f"Năm điều tra {year}: trẻ sinh từ năm {year - 5} đến năm {year}"},
                          blank_rows=None if not rows else 20, extra_meta={YEAR_META: str(year)})
