"""The history of merged reports: every unit's indicators, period after period, in a database of its own.

An office or a province has no school database; what it keeps is what it
merged. `mamnon merge --into URL` stores the merging unit's totals, every
subtotal and every leaf school of the period (`store`), and `trend` reads one
indicator of one unit back over the periods. This is NOT the school database:
it has its own peewee Database object and one table, `unit_indicator`, and can
live in a SQLite file (the default) or in PostgreSQL (`postgresql://…`, with the
optional driver: `pip install mamnon[postgres]`).

Rates are never trusted as stored: each row's rates are recomputed from its sums
before writing, and `trend` recomputes a rate from the stored sums of each
period, so a rate over periods means the same as the rate of one report.

Units change (table `unit_change`: renamed, merged, split, given a new parent,
each with an effective date; mamnon.unit_structure). A unit's trend is summed
from the stored rows of the schools under it in the structure in force now, so
a commune created in July 2025 has figures for 2023 from its schools' reports
of 2023, and a province's trend runs through the reform without a break.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from peewee import (
    CharField, DatabaseError, DoubleField, InterfaceError, Model, OperationalError, SqliteDatabase, TextField,
)

from mamnon import indicators, unit_structure
from mamnon.errors import MamnonError, ValidationError
from mamnon.i18n import _
from mamnon.merge import PATH_SEPARATOR
from mamnon.paths import display_url  # re-exported: cli/commands_merge prints the history URL with it
from mamnon.workbooks.kinds import ROW_SCHOOL
from mamnon.workbooks.periods import parse_period

__all__ = ["KEY_CODES", "ROW_UNIT", "TABLE", "History", "HistoryError", "StoredUnit", "display_url", "format_value",
           "open_history"]

TABLE = "unit_indicator"
ROW_UNIT = "Đơn vị gộp"  # i18n-skip: a row type stored and written into the «Đơn vị» sheet
# i18n-skip below: a docstring for developers.
"""row_type of the merging unit's own totals (the leaves and subtotals keep the «Đơn vị» sheet's types)."""  # i18n-skip
KEY_CODES = ("TRE", "CC_TL", *(f"DD_{suffix}_TL" for suffix, *_ in indicators.NUTRITION_CODES))
"""The figures a unit's trend chart follows: its children, attendance and the five nutrition rates."""

# The same durability as the school file: WAL survives a crash mid-write, FULL a power cut.
SQLITE_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000}
_SQLITE_HEADER = b"SQLite format 3\x00"
_POSTGRES_SCHEMES = ("postgres", "postgresql", "postgres+pool", "postgresql+pool", "postgresext",
                     "postgresqlext", "postgresext+pool", "postgresqlext+pool")


class HistoryError(MamnonError):
    """The history database cannot be opened, or a question to it has no answer."""


class UnitIndicator(Model):
    period = CharField(max_length=20)
    unit_code = CharField(max_length=64)
    unit_name = TextField()
    level = TextField(default="")
    path = TextField(default="")
    """Unit names from the merging unit down to this row, joined by « › »."""
    row_type = CharField(max_length=32)
    code = CharField(max_length=64)
    value = DoubleField(null=True)
    source_file = TextField(default="")
    exported_at = CharField(max_length=32, default="")
    stored_at = CharField(max_length=32)

    class Meta:
        table_name = TABLE
        indexes = ((("period", "unit_code", "code"), True),)


class UnitChange(Model):
    """One recorded change of the units (mamnon.unit_structure.Change), lists kept as JSON text."""

    kind = CharField(max_length=32)
    effective_on = CharField(max_length=10)
    unit_code = CharField(max_length=64)
    unit_name = TextField(default="")
    level = TextField(default="")
    parent_code = CharField(max_length=64, default="")
    sources = TextField(default="[]")
    targets = TextField(default="[]")
    moves = TextField(default="[]")
    note = TextField(default="")
    stored_at = CharField(max_length=32)

    class Meta:
        table_name = "unit_change"


FIELDS = ("period", "unit_code", "unit_name", "level", "path", "row_type", "code", "value", "source_file",
          "exported_at", "stored_at")




@dataclass(frozen=True)
class StoredUnit:
    code: str
    name: str
    level: str
    path: str
    row_type: str
    last_period: str


def format_value(code: str, value: float | None) -> str:
    """A figure as people read it: thousands with «.», the decimal comma, the indicator's unit."""
    from mamnon.formats import format_money

    ind = indicators.BY_CODE[code]
    if value is None:
        return "–"
    if ind.unit == "đồng":  # i18n-skip: the catalogue's unit, compared
        return format_money(value)
    places = ind.places if ind.aggregate == indicators.RATE else (0 if float(value).is_integer() else 1)
    text = f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} {ind.shown_unit}"


# ---------------------------------------------------------------- opening


def _sqlite_path(url: str) -> Path | None:
    """The file of a plain path or a sqlite:/// URL; None for any other URL."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):]).expanduser()
    if "://" in url:
        return None
    return Path(url).expanduser()


def _refuse_foreign_file(path: Path) -> None:
    """Never write history rows into a school database or a file that is not SQLite at all."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        if fh.read(16) != _SQLITE_HEADER:
            raise HistoryError(_("Tệp {path} không phải cơ sở dữ liệu SQLite: hãy chọn tệp lịch sử khác.").format(
                path=path))


def _open_sqlite(path: Path, create: bool) -> SqliteDatabase:
    if not create and not path.is_file():
        raise HistoryError(_("Không có cơ sở dữ liệu lịch sử {path}: hãy gộp báo cáo với --into trước.").format(
            path=path))
    _refuse_foreign_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    try:
        db.connect()
        tables = set(db.get_tables())
    except DatabaseError as exc:
        db.close()
        raise HistoryError(_("Không mở được cơ sở dữ liệu lịch sử {path}: {error}.").format(
            path=path, error=exc)) from None
    if "schema_version" in tables:
        db.close()
        raise HistoryError(_("Tệp {path} là cơ sở dữ liệu của một trường, không phải cơ sở dữ liệu lịch sử "
                             "báo cáo gộp: hãy chọn tệp khác (ví dụ lich-su.sqlite).").format(path=path))
    return db


def _open_url(url: str):
    from playhouse.db_url import connect

    scheme = url.split("://", 1)[0].lower()
    if scheme in _POSTGRES_SCHEMES and importlib.util.find_spec("psycopg2") is None:
        raise HistoryError(_("Chưa cài trình kết nối PostgreSQL (psycopg2): hãy chạy "
                             "`pip install psycopg2-binary` (hoặc `pip install mamnon[postgres]`) rồi thử lại."))
    try:
        db = connect(url)
    except (RuntimeError, ValueError) as exc:
        raise HistoryError(_("Địa chỉ cơ sở dữ liệu lịch sử «{url}» không dùng được: {error}.").format(
            url=display_url(url), error=exc)) from None
    try:
        db.connect()
    except (OperationalError, InterfaceError, DatabaseError) as exc:
        raise HistoryError(_("Không kết nối được cơ sở dữ liệu lịch sử «{url}»: {error}.").format(
            url=display_url(url), error=str(exc).strip())) from None
    return db


def open_history(url: str | os.PathLike, *, create: bool = True) -> History:
    """The history database at `url`: a file path or sqlite:///path, or postgresql://…

    create: make a missing SQLite file (a merge storing); False only reads one that exists (a trend).
    """
    text = str(url).strip()
    if not text:
        raise HistoryError(_("Chưa ghi cơ sở dữ liệu lịch sử (đường dẫn tệp hoặc địa chỉ postgresql://…)."))
    path = _sqlite_path(text)
    db = _open_sqlite(path, create) if path is not None else _open_url(text)
    history = History(db)
    with history.bound():
        db.create_tables([UnitIndicator, UnitChange], safe=True)
    return history


# ---------------------------------------------------------------- the rows of a merge


def _stored_values(values) -> dict[str, float | None]:
    """Every catalogue code, the rates recomputed from the sums (a hand-edited rate is not kept)."""
    return indicators.complete({code: values.get(code) for code in indicators.SUM_CODES})


def _source_of(result, row) -> str:
    """The contributor file a row came from: the one whose unit heads the row's path."""
    for item in result.contributors:
        if row.path and item.unit.name == row.path[0]:
            return item.source
    return ""


def _unit_records(result, *, source_file: str, exported_at: str, stored_at: str) -> Iterable[tuple]:
    """One tuple per unit and code, in the order of FIELDS."""
    unit = result.unit
    rows = [(unit.code, unit.name, unit.level, unit.name, ROW_UNIT, result.indicators, source_file, exported_at)]
    for row in result.rows:
        path = PATH_SEPARATOR.join((unit.name, *row.path))
        rows.append((row.code, row.name, row.level, path, row.row_type, row.indicators,
                     _source_of(result, row), row.exported_at))
    for code, name, level, path, row_type, values, source, exported in rows:
        for ind_code, value in _stored_values(values).items():
            yield (result.period, code, name, level or "", path, row_type, ind_code, value, source, exported or "",
                   stored_at)


def _period_key(code: str) -> tuple:
    """Periods in time order (a month code and a school-year code do not sort as text); unknown codes last."""
    try:
        period = parse_period(code)
    except ValidationError:
        return (1, dt.date.max, code)
    return (0, period.start, code)


class History:
    """An opened history database; `close()` when done (or use it as a context manager)."""

    def __init__(self, db) -> None:
        self.db = db

    def bound(self):
        return self.db.bind_ctx([UnitIndicator, UnitChange])

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def store(self, result, *, source_file: str = "", exported_at: str = "",
              stored_at: dt.datetime | None = None) -> int:
        """Keep the merge `result` of its period: the unit, every subtotal and every leaf, in one transaction.

        The period's rows of those units are replaced, so merging the same period again
        (a late school, a corrected file) leaves exactly one row per unit and indicator.
        source_file, exported_at: the merged workbook written, for the unit's own row.
        Returns the number of units stored.
        """
        moment = (stored_at or dt.datetime.now()).replace(microsecond=0).isoformat()
        records = list(_unit_records(result, source_file=source_file, exported_at=exported_at, stored_at=moment))
        codes = sorted({r[1] for r in records})
        with self.bound(), self.db.atomic():
            for start in range(0, len(codes), 200):
                UnitIndicator.delete().where((UnitIndicator.period == result.period)
                                             & UnitIndicator.unit_code.in_(codes[start:start + 200])).execute()
            # A province's merge is ~2,000 schools × 80 codes: executemany of one prepared INSERT
            # is several times faster than peewee building the SQL text of every row.
            self.db.cursor().executemany(self._insert_sql(), records)
        return len(codes)

    def trends_with(self, result, codes=KEY_CODES) -> dict[str, list[tuple[str, float | None]]]:
        """The merging unit's trends of `codes`: the stored periods, with `result`'s own period taken from it.

        For the chart of a workbook written before (or instead of) storing its period.
        """
        stored = {p for p, _ in self._unit_values(result.unit.code, ("TRE",))}
        periods = sorted(stored | {result.period}, key=_period_key)
        out = {}
        for code in codes:
            ind = indicators.BY_CODE[code]
            past = dict(self.trend(code, result.unit.code)) if stored else {}
            past[result.period] = _stored_values(result.indicators)[ind.code]
            out[code] = [(p, past.get(p)) for p in periods]
        return out

    def _unit_values(self, unit: str, codes) -> list[tuple[str, float | None]]:
        with self.bound():
            return list(UnitIndicator.select(UnitIndicator.period, UnitIndicator.value)
                        .where((UnitIndicator.unit_code == unit) & UnitIndicator.code.in_(codes)).tuples())

    def _insert_sql(self) -> str:
        marks = ", ".join([self.db.param] * len(FIELDS))
        return f"INSERT INTO {TABLE} ({', '.join(FIELDS)}) VALUES ({marks})"

    def periods(self) -> list[str]:
        with self.bound():
            found = [r.period for r in UnitIndicator.select(UnitIndicator.period).distinct()]
        return sorted(found, key=_period_key)

    def units(self) -> list[StoredUnit]:
        """Every unit ever stored, as of its latest period: merging units first, then by path."""
        with self.bound():
            query = (UnitIndicator.select(UnitIndicator.period, UnitIndicator.unit_code, UnitIndicator.unit_name,
                                          UnitIndicator.level, UnitIndicator.path, UnitIndicator.row_type)
                     .where(UnitIndicator.code == "TRE").tuples())
            latest: dict[str, tuple] = {}
            for row in query:
                held = latest.get(row[1])
                if held is None or _period_key(row[0]) > _period_key(held[0]):
                    latest[row[1]] = row
        units = [StoredUnit(code, name, level, path, row_type, period)
                 for period, code, name, level, path, row_type in latest.values()]
        return sorted(units, key=lambda u: (u.row_type != ROW_UNIT, u.path, u.code))

    def unit(self, code: str) -> StoredUnit:
        """A unit by code: as last stored, with the name and place it has now; one only a change created too."""
        code = code.strip()
        structure = self.structure()
        stored = next((u for u in self.units() if u.code == code), None)
        if stored is None and not structure.known(code):
            raise HistoryError(_("Không có đơn vị mã «{code}» trong cơ sở dữ liệu lịch sử.").format(code=code))
        name = structure.names.get(code) or (stored.name if stored else code)
        path = PATH_SEPARATOR.join(structure.path(code)) if structure.known(code) else stored.path
        return StoredUnit(code, name, structure.levels.get(code) or (stored.level if stored else ""), path,
                          stored.row_type if stored else "", stored.last_period if stored else "")

    def merging_units(self) -> list[StoredUnit]:
        return [u for u in self.units() if u.row_type == ROW_UNIT]

    def default_unit(self) -> str:
        """The unit a trend shows when none is named: the one merging unit this database holds."""
        found = self.merging_units()
        if len(found) == 1:
            return found[0].code
        if not found:
            raise HistoryError(_("Cơ sở dữ liệu lịch sử chưa có số liệu nào: hãy gộp báo cáo với --into trước."))
        names = ", ".join(f"{u.code} ({u.name})" for u in found)
        raise HistoryError(_("Cơ sở dữ liệu lịch sử có nhiều đơn vị gộp: {names}. Hãy chọn một mã đơn vị.").format(
                names=names))

    def trend(self, code: str, unit_code: str | None = None) -> list[tuple[str, float | None]]:
        """(period, value) of indicator `code` for `unit_code` (None: the merging unit), in time order.

        A rate is recomputed from the period's stored numerator and denominator.
        """
        ind = indicators.BY_CODE.get(code)
        if ind is None:
            raise HistoryError(_("Không có chỉ tiêu mã «{code}» trong danh mục chỉ tiêu.").format(code=code))
        unit = unit_code.strip() if unit_code else self.default_unit()
        wanted = (ind.numerator, ind.denominator) if ind.aggregate == indicators.RATE else (code,)
        with self.bound():
            query = (UnitIndicator.select(UnitIndicator.period, UnitIndicator.code, UnitIndicator.value)
                     .where((UnitIndicator.unit_code == unit) & UnitIndicator.code.in_(wanted)).tuples())
            by_period: dict[str, dict[str, float | None]] = {}
            for period, row_code, value in query:
                by_period.setdefault(period, {})[row_code] = value
        structure = self.structure()
        changed = structure.changed_on.get(unit)
        for period, sums in self._school_sums(structure.schools_under(unit), wanted).items():
            # The unit's own stored total stands unless its schools changed after that period began.
            if period not in by_period or (changed is not None and _period_key(period)[1] < changed):
                by_period[period] = sums
        if not by_period:
            raise HistoryError(_("Không có đơn vị mã «{code}» trong cơ sở dữ liệu lịch sử.").format(code=unit))
        out = []
        for period in sorted(by_period, key=_period_key):
            values = by_period[period]
            out.append((period, indicators.rate_value(ind, values) if ind.aggregate == indicators.RATE
                        else values.get(code)))
        return out

    # ------------------------------------------------------------ units that change

    def _school_sums(self, schools: set[str], codes) -> dict[str, dict[str, float]]:
        """Period → the sums of `codes` over the stored rows of `schools` (rates are recomputed by the caller)."""
        rows: dict[str, dict[str, float]] = {}
        ordered = sorted(schools)
        with self.bound():
            for start in range(0, len(ordered), 500):
                query = (UnitIndicator.select(UnitIndicator.period, UnitIndicator.code, UnitIndicator.value)
                         .where(UnitIndicator.unit_code.in_(ordered[start:start + 500])
                                & (UnitIndicator.row_type == ROW_SCHOOL) & UnitIndicator.code.in_(codes)).tuples())
                for period, code, value in query:
                    sums = rows.setdefault(period, dict.fromkeys(codes, 0.0))
                    sums[code] += value or 0
        return rows

    def _stored_rows(self) -> list[unit_structure.StoredRow]:
        with self.bound():
            found = list(UnitIndicator.select(UnitIndicator.period, UnitIndicator.unit_code, UnitIndicator.unit_name,
                                              UnitIndicator.level, UnitIndicator.path, UnitIndicator.row_type)
                         .where(UnitIndicator.code == "TRE").tuples())
        parents = unit_structure.parents_from_paths(((c, path, p) for p, c, _, _, path, _ in found), PATH_SEPARATOR)
        out = []
        for period, code, name, level, _path, row_type in found:
            key = _period_key(period)
            if key[0]:
                continue
            out.append(unit_structure.StoredRow(key[1], code, name, level, parents[(period, code)],
                                                row_type == ROW_SCHOOL))
        return out

    def changes(self) -> list[unit_structure.Change]:
        with self.bound():
            rows = list(UnitChange.select().order_by(UnitChange.effective_on, UnitChange.id))
        return [_change_of(r) for r in rows]

    def structure(self, extra: unit_structure.Change | None = None) -> unit_structure.Structure:
        """The units as they are now: the newest stored reports, then every recorded change (and `extra`)."""
        changes = self.changes() + ([extra] if extra is not None else [])
        return unit_structure.build(self._stored_rows(), changes)

    def record_change(self, change: unit_structure.Change, *, stored_at: dt.datetime | None = None) -> int:
        """Keep `change` if the structure after it has no cycle and leaves no school without a parent."""
        unit_structure.check(self.structure(change))
        moment = (stored_at or dt.datetime.now()).replace(microsecond=0).isoformat()
        with self.bound(), self.db.atomic():
            row = UnitChange.create(
                kind=change.kind, effective_on=change.effective_on.isoformat(), unit_code=change.unit_code,
                unit_name=change.name, level=change.level, parent_code=change.parent_code,
                sources=json.dumps(list(change.sources), ensure_ascii=False),
                targets=json.dumps([list(t) for t in change.targets], ensure_ascii=False),
                moves=json.dumps([list(m) for m in change.moves], ensure_ascii=False), note=change.note,
                stored_at=moment)
        return row.id

    def record_changes(self, changes: Iterable[unit_structure.Change], *, where: Iterable[str] = ()) -> int:
        """All of `changes` or none (a workbook of changes is imported whole).

        where: how to name each change in a refusal ("tệp X, dòng 5"), in the same order.
        """
        count = 0
        labels = list(where)
        with self.bound(), self.db.atomic():
            for index, change in enumerate(changes):
                try:
                    self.record_change(change)
                except ValidationError as exc:
                    if index < len(labels):
                        raise ValidationError({k: f"{labels[index]}: {v}" for k, v in exc.errors.items()}) from None
                    raise
                count += 1
        return count


def _change_of(row: UnitChange) -> unit_structure.Change:
    return unit_structure.Change(
        row.kind, dt.date.fromisoformat(row.effective_on), row.unit_code, row.unit_name, row.level, row.parent_code,
        tuple(json.loads(row.sources)), tuple(tuple(t) for t in json.loads(row.targets)),
        tuple(tuple(m) for m in json.loads(row.moves)), row.note, row.id)
