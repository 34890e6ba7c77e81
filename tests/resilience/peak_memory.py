"""Read each workbook named on the command line the way an import and a merge do; print the peak RSS.

Run by tests/resilience/test_fuzz.py in a fresh interpreter, so the peak is
this reading's and nothing else's: {"peak_mb": N} on the last line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from importers.merge_inputs import read_inputs
from importers.workbook_reader import open_workbook
from mamnon.errors import MamnonError


def main(paths: list[str]) -> None:
    for path in paths:
        try:
            open_workbook(path)
        except MamnonError:
            pass
        read_inputs([path])
    print(json.dumps({"peak_mb": _high_water_kb() / 1024}))


def _high_water_kb() -> int:
    """VmHWM, the peak resident set of this process. getrusage's ru_maxrss would not do: Linux carries it over
    from the parent (pytest, hundreds of MB) across fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


if __name__ == "__main__":
    main(sys.argv[1:])
