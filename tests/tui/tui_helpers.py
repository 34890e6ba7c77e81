"""Pilot helpers shared by the TUI tests (imported by name: tests/tui is on sys.path)."""

from __future__ import annotations

import asyncio
import threading

SIZE = (80, 24)
"""Every test runs at the smallest terminal the app supports."""


async def type_text(pilot, text: str) -> None:
    """Type `text` into the focused widget as key events, one per character.

    pilot.press waits ~60 ms for idleness after every key; a burst of key
    events followed by one pause is what a fast typist (or a paste) sends
    and keeps the tests quick. Only for text within one field: a Tab in the
    middle would race with the focus change.
    """
    from textual import events
    from textual.keys import _character_to_key

    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
    await pilot.pause()


async def pick(pilot, downs: int) -> None:
    """Open the focused Select, go `downs` options down from the top, choose it."""
    await pilot.press("enter", *(["down"] * downs), "enter")


def table_names(screen, column: int = 1) -> list[str]:
    """The text of one column of the screen's table, top to bottom."""
    table = screen.query_one("#table")
    return [table.get_row_at(i)[column].plain for i in range(table.row_count)]


WAIT = 30
"""Seconds before a stuck test gives up (a safeguard, never a measurement)."""


class Gate:
    """Holds a worker thread at one point: `reached` tells the test, `go` lets the worker on,
    so a test presses Esc while the work runs with no sleeps and no timing."""

    def __init__(self) -> None:
        self.reached, self.go = threading.Event(), threading.Event()

    def hold(self) -> None:
        self.reached.set()
        assert self.go.wait(WAIT)

    async def wait_reached(self) -> None:
        assert await asyncio.to_thread(self.reached.wait, WAIT)


async def finish(app, pilot) -> None:
    """Every worker done and the screen updated with what it left."""
    await app.workers.wait_for_complete()
    await pilot.pause()
