"""The files of a merge: report workbooks (or folders of them) turned into mamnon.merge inputs.

Nothing here stops at a bad file: each one that cannot be used becomes a
`merge.Rejected` with its reason in the interface language (never a traceback) and the
next file is read. The period and the same unit sent twice are judged by the
core merge, which sees every file at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from importers.report_reader import CHECKSUM_CHANGED, ReportData, parse_surveillance, read_report
from importers.workbook_reader import CALAMINE, ImportRefused, open_workbook, refused_text
from mamnon.errors import MamnonError
from mamnon.i18n import _
from mamnon.merge import Check, ExpectedUnit, MergeInput, Rejected, Unit, UnitRow
from mamnon.progress import Progress, ensure
from mamnon.workbooks.cells import clean_text
from mamnon.workbooks.kinds import ROW_SUBTOTAL, SEVERITY_WARNING, UNITS, UNITS_SPEC

__all__ = ["default_workers", "input_files", "read_expected", "read_inputs", "to_input"]

LOCK_PREFIX = "~$"
"""Excel's owner file beside an open workbook: not a workbook, and locked."""


def input_files(arguments: Iterable[str | os.PathLike], *,
                exclude: str | os.PathLike | None = None) -> list[tuple[str, Path] | Rejected]:
    """(name shown, path) of every workbook named or inside a folder named, each once, in the order given.

    exclude: the output file, which a re-run would otherwise find in the input folder.
    """
    skip = {Path(exclude).resolve()} if exclude else set()
    out: list[tuple[str, Path] | Rejected] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.xlsx") if p.is_file() and not p.name.startswith(LOCK_PREFIX))
            if not found:
                out.append(Rejected(str(argument), _("thư mục không có tệp .xlsx nào.")))
            out += [(str(Path(argument) / p.name), p) for p in found]
        elif path.exists():
            out.append((str(argument), path))
        else:
            out.append(Rejected(str(argument), _("không tìm thấy tệp hoặc thư mục.")))
    unique = []
    for item in out:
        if isinstance(item, tuple):
            resolved = item[1].resolve()
            if resolved in skip:
                continue
            skip.add(resolved)
        unique.append(item)
    return unique


def _read_file(path: Path) -> ReportData:
    """The one place a report file is read: through every safety check, then by python-calamine,
    because merging a province's files reads every school's row again (benchmarks/merge.py)."""
    return read_report(path, engine=CALAMINE, surveillance=False)


def _reason(exc: ImportRefused, path: Path) -> str:
    """The refusal without its "Không nhập được tệp NAME: " lead (the file is named beside it)."""
    text = str(exc)
    lead = refused_text(path.name, "")
    return text[len(lead):] if text.startswith(lead) else text


PARALLEL_FROM_BYTES = 4 * 1024 * 1024
"""Below this much input a second process costs more to start (a spawn on Windows) than it saves."""
MAX_WORKERS = 4
"""Reading is what parallelises; beyond 4 processes the disk and the merge itself dominate."""


def default_workers() -> int:
    """Processes the command line reads with: the machine's cores, at most MAX_WORKERS."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def read_inputs(arguments: Sequence[str | os.PathLike], *, exclude: str | os.PathLike | None = None,
                workers: int = 1, progress: Progress | None = None) -> list[MergeInput | Rejected]:
    """Every file named (folders: every .xlsx inside) read, or rejected with the reason.

    workers: processes reading files side by side (a province's 30 office files on 2 cores); the
    results are the same as with one, in the same order.
    progress: one step per file read («Đọc tệp 12/200: truong-a.xlsx»); cancelling stops between
    files with mamnon.errors.Cancelled.
    """
    items = input_files(arguments, exclude=exclude)
    paths = [item[1] for item in items if not isinstance(item, Rejected)]
    read = iter(_read_all(paths, workers, ensure(progress)))
    out: list[MergeInput | Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            out.append(item)
            continue
        source, path = item
        report = next(read)
        out.append(Rejected(source, report) if isinstance(report, str) else to_input(report, source))
    return out


def _read_all(paths: list[Path], workers: int, progress: Progress) -> list[ReportData | str]:
    progress.stage(len(paths), _("Đọc tệp"))
    if workers > 1 and len(paths) > 1 and _total_bytes(paths) >= PARALLEL_FROM_BYTES:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _read_in_processes(paths, workers, progress, ProcessPoolExecutor)
        except (OSError, BrokenProcessPool):
            progress.stage(len(paths), _("Đọc tệp"))  # no second process here (a locked-down PC): one by one
    out = []
    for index, path in enumerate(paths, start=1):
        progress.step(_read_label(index, len(paths), path))
        out.append(_read_one(path))
        progress.advance()
    return out


def _read_label(index: int, total: int, path: Path) -> str:
    return _("Đọc tệp {index}/{total}: {name}").format(index=index, total=total, name=path.name)


def _read_in_processes(paths: list[Path], workers: int, progress: Progress, pool_class) -> list[ReportData | str]:
    """The files read side by side, counted in order as their results come back.

    On a cancel or Ctrl+C the files not yet started are dropped and the pool is shut down before
    the error goes up, instead of the pool's own exit waiting for every queued file."""
    pool = pool_class(max_workers=min(workers, len(paths)))
    try:
        results = pool.map(_read_one, paths, chunksize=max(1, len(paths) // (workers * 4)))
        out = []
        for index, result in enumerate(results, start=1):
            out.append(result)
            progress.advance(label=_read_label(index, len(paths), paths[index - 1]))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return out


def _total_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def _read_one(path: Path) -> ReportData | str:
    """The report, or why the file cannot be used: nothing a file holds escapes as an exception."""
    try:
        return _read_file(path)
    except ImportRefused as exc:
        return _reason(exc, path)
    except MamnonError as exc:
        return str(exc)
    except Exception as exc:  # a file damaged in a way no check foresaw: reject it, merge the others
        return _("tệp bị hỏng, không đọc được ({error}).").format(error=type(exc).__name__)


def to_input(report: ReportData, source: str) -> MergeInput:
    """The core merge's view of a report read from `source`."""
    unit = Unit(report.unit["code"], report.unit["name"], report.unit["level"])
    rows = [UnitRow(u["code"], u["name"], u["level"], tuple(u["names"]), u["exported_at"], dict(u["indicators"]),
                    subtotal=u["row_type"] == ROW_SUBTOTAL) for u in report.units]
    # The merge states a checksum mismatch itself, with the figures that differ.
    checks = [Check(SEVERITY_WARNING, unit.code, unit.name, source, text)
              for text in report.checks if text != _(CHECKSUM_CHANGED)]
    return MergeInput(source=source, unit=unit, period=report.period, template_version=report.template_version,
                      exported_at=report.exported_at, checksum_ok=report.checksum_ok,
                      indicators=dict(report.indicators), rows=rows, checks=checks,
                      surveillance_reader=lambda: parse_surveillance(report), state=report.state)


def read_expected(path: str | os.PathLike) -> list[ExpectedUnit]:
    """The units that should report (`--expect`): a «Danh sách đơn vị» workbook, or any sheet with the
    «Mã đơn vị» and «Tên đơn vị» headers. A row without a code is refused: it could never be matched."""
    book = open_workbook(path, expected_kind=UNITS)
    sheet = book.sheets[UNITS_SPEC.sheets[0].name]
    units, missing = [], []
    for row in sheet.rows:
        code = clean_text(row.values.get("unit_code"))
        if not code:
            missing.append(str(row.row))
            continue
        units.append(ExpectedUnit(code, clean_text(row.values.get("unit_name")), clean_text(row.values.get("level"))))
    if missing:
        raise ImportRefused(_("Không đọc được danh sách đơn vị {name}: dòng {rows} không có mã đơn vị.").format(
            name=Path(path).name, rows=", ".join(missing)))
    if not units:
        raise ImportRefused(_("Danh sách đơn vị {name} không có đơn vị nào.").format(name=Path(path).name))
    return units
