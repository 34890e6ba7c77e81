"""A long job's progress on a screen: the step, a ProgressBar with the count, and Esc to cancel.

`run(job, done, failed, in_thread=…)`: a big job runs in a worker thread with the panel's
Progress (mamnon.progress); the thread only sets plain attributes, which the panel reads on a
timer in the UI thread, so the work never waits for the screen. Esc (the panel has the focus
meanwhile) sets the cancel flag; the job stops at its next safe point and `failed` receives
mamnon.errors.Cancelled, for the screen to say what was left as it was. The result or the
error is handed back to the UI thread with app.call_from_thread. A small job (a few files,
well under a second) runs at once in the UI thread, as it always did: nothing to watch or cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar

from mamnon.i18n import _
from mamnon.progress import SILENT, Progress

REFRESH_SECONDS = 0.1


class ProgressPanel(Vertical, can_focus=True):
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    BINDINGS = [Binding("escape", "cancel", _("Hủy"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.progress: Progress | None = None
        self._timer = None

    def compose(self) -> ComposeResult:
        yield Label("", id="progress-step")
        with Horizontal(id="progress-row"):
            yield ProgressBar(total=None, show_eta=False, id="progress-bar")
            yield Label("", id="progress-count")
        yield Label(_("Esc: hủy (không ghi gì)"), id="progress-hint")

    def on_mount(self) -> None:
        self.display = False

    @property
    def busy(self) -> bool:
        return self.progress is not None

    def begin(self, progress: Progress | None = None) -> Progress:
        """Show the panel, take the focus (so Esc cancels) and give the job its Progress."""
        self.progress = progress or Progress()
        self.display = True
        self.query_one("#progress-step", Label).update("")
        self.query_one("#progress-bar", ProgressBar).update(total=None, progress=0)
        self.query_one("#progress-count", Label).update("")
        self.query_one("#progress-hint", Label).update(_("Esc: hủy (không ghi gì)"))
        self._timer = self.set_interval(REFRESH_SECONDS, self.show_figures)
        self.focus()
        return self.progress

    def show_figures(self) -> None:
        progress = self.progress
        if progress is None:
            return
        total, done, label = progress.total, progress.done, progress.label
        self.query_one("#progress-step", Label).update(label)
        self.query_one("#progress-bar", ProgressBar).update(total=total or None, progress=done)
        self.query_one("#progress-count", Label).update(f"{done}/{total}" if total else "")

    def end(self) -> None:
        """The job is over (done, failed or cancelled): hide the panel."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.progress = None
        self.display = False

    def run(self, job: Callable[[Progress], Any], done: Callable[[Any], None],
            failed: Callable[[Exception], None], *, in_thread: bool) -> None:
        """job(progress) → done(its value), or failed(the exception it raised), in the UI thread."""
        if not in_thread:
            try:
                value = job(SILENT)
            except Exception as exc:  # the screen says what it was
                failed(exc)
            else:
                done(value)
            return
        progress = self.begin()

        def work() -> None:
            try:
                value = job(progress)
            except Exception as exc:
                self.app.call_from_thread(self._over, failed, exc)
            else:
                self.app.call_from_thread(self._over, done, value)

        self.run_worker(work, thread=True, group="progress-panel")

    def _over(self, then: Callable[[Any], None], value: Any) -> None:
        self.end()
        then(value)

    def action_cancel(self) -> None:
        if self.progress is not None and not self.progress.cancelled:
            self.progress.cancel()
            self.query_one("#progress-hint", Label).update(_("Đang hủy… chờ bước đang làm xong."))
