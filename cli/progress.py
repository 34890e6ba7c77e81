"""A long command's progress bar on stderr, and Ctrl+C as a clean cancel.

    with shown_progress(_("Đã hủy: chưa ghi tệp gộp nào.")) as progress:
        read_inputs(..., progress=progress)

The bar is drawn only when stderr is a terminal: a script, a pipe or a test
sees the command's usual output and nothing else. A Ctrl+C (KeyboardInterrupt)
or a mamnon.errors.Cancelled inside the block has already been cleaned up by
the operation on its way out (temporary file removed, transaction rolled
back); the block then says what happened and the command ends with exit 1.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from typing import TextIO

import click

from mamnon.errors import Cancelled
from mamnon.progress import Progress

BAR_WIDTH = 20


class TerminalBar:
    """One line redrawn in place: «Đọc tệp 3/5: truong-c.xlsx  [########------------]  3/5 tệp»."""

    def __init__(self, stream: TextIO, unit: str) -> None:
        self.stream = stream
        self.unit = unit
        self.drawn = False

    def draw(self, progress: Progress) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        if progress.total:
            filled = min(BAR_WIDTH, BAR_WIDTH * progress.done // progress.total)
            counts = f"{progress.done}/{progress.total} {self.unit}".rstrip()
            tail = f"  [{'#' * filled}{'-' * (BAR_WIDTH - filled)}]  {counts}"
        else:
            tail = ""
        room = max(10, columns - 1 - len(tail))
        label = progress.label if len(progress.label) <= room else progress.label[:room - 1] + "…"
        self.stream.write("\r" + (label.ljust(room) + tail)[:columns - 1])
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (shutil.get_terminal_size((80, 24)).columns - 1) + "\r")
            self.stream.flush()
            self.drawn = False


def stderr_is_terminal() -> bool:
    stream = sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def shown_progress(cancelled: str, unit: str = "") -> Iterator[Progress]:
    """A Progress drawn on stderr (when a terminal); a cancel or Ctrl+C prints `cancelled` and exits 1."""
    bar = TerminalBar(sys.stderr, unit) if stderr_is_terminal() else None
    progress = Progress(on_change=bar.draw if bar is not None else None)
    try:
        yield progress
    except (KeyboardInterrupt, Cancelled):
        if bar is not None:
            bar.close()
        click.echo(cancelled, err=True)
        raise click.exceptions.Exit(1) from None
    finally:
        if bar is not None:
            bar.close()
