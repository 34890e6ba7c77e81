"""How far a long operation is, and the user's wish to stop it.

Merges, imports, report exports, backups and the bundle report here: a phase
with its total (`stage`), each unit of it done (`advance`), and a short
Vietnamese label of the current step. The CLI draws it on stderr, the TUI in a
ProgressBar; the core knows neither (no UI import here).

Cancelling only sets a flag (`cancel`, safe from any thread or a key handler);
the operation notices it at its next safe point (`check`, also run by `stage`
and `advance`) and raises `mamnon.errors.Cancelled`, so the cleanup is always
the operation's own: a temporary file removed, a transaction rolled back.

Operations take `progress=None` and use `ensure(progress)`: the shared
`SILENT` object does nothing, so a caller that wants no progress pays a method
call per step and nothing else (benchmarks/merge.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from mamnon.errors import Cancelled

__all__ = ["Progress", "SILENT", "ensure", "counted"]

T = TypeVar("T")


class Progress:
    """total and done of the current phase, its step label, and the cancel flag.

    on_change: called after every change with this object, in the thread doing the work (the CLI
    redraws its bar; the TUI reads the figures from its own thread instead, see tui/widgets/progress_panel.py).
    """

    def __init__(self, on_change: Callable[[Progress], None] | None = None,
                 cancel_event: threading.Event | None = None) -> None:
        self.total = 0
        self.done = 0
        self.label = ""
        self.phase = ""
        self.cancel_event = cancel_event or threading.Event()
        self.on_change = on_change

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        self.cancel_event.set()

    def check(self) -> None:
        """A safe point: stop here (Cancelled) when the user asked to."""
        if self.cancel_event.is_set():
            raise Cancelled()

    def stage(self, total: int, label: str) -> None:
        """A new phase of `total` units (0: one step whose length is not known), starting now."""
        self.check()
        self.phase = label
        self.total, self.done, self.label = max(0, int(total)), 0, label
        self._changed()

    def step(self, label: str) -> None:
        """The unit about to be worked on (the count does not move until `advance`)."""
        self.check()
        self.label = label
        self._changed()

    def advance(self, count: int = 1, label: str | None = None) -> None:
        """`count` units finished; then a safe point."""
        self.done += count
        if label is not None:
            self.label = label
        self._changed()
        self.check()

    def reach(self, done: int, total: int) -> None:
        """Figures counted by someone else (SQLite's pages copied of the total); then a safe point."""
        self.done, self.total = done, total
        self._changed()
        self.check()

    def finish(self) -> None:
        """The phase is complete; not a safe point (what was done is kept: the file is in place)."""
        self.done = max(self.done, self.total)
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self)


class _Silent(Progress):
    """Reports to no one and is never cancelled: the default of every operation."""

    def check(self) -> None:
        pass

    def stage(self, total: int, label: str) -> None:
        pass

    def step(self, label: str) -> None:
        pass

    def advance(self, count: int = 1, label: str | None = None) -> None:
        pass

    def reach(self, done: int, total: int) -> None:
        pass

    def finish(self) -> None:
        pass

    def cancel(self) -> None:
        pass


SILENT: Progress = _Silent()


def ensure(progress: Progress | None) -> Progress:
    return SILENT if progress is None else progress


def counted(items: Iterable[T], progress: Progress | None, label: Callable[[int, T], str]) -> Iterator[T]:
    """Each item of `items` with a step before it (label(index from 1, item)) and an advance after it."""
    progress = ensure(progress)
    for index, item in enumerate(items, start=1):
        progress.step(label(index, item))
        yield item
        progress.advance()
