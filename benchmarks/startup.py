"""Start-up and search benchmark of mamnon (a script that reports; it never fails).

    python benchmarks/startup.py [--runs 5] [--search-runs 20] [--keep]

Measures, best of N cold runs, each in a fresh Python process:

  (a) a minimal Textual app (Header, a DataTable of 300 rows, Footer), from
      process start to its first screen ready, headless;
  (b) mamnon's TUI (tui.app.make_app) on a demo database of ~250 children to
      its first screen the same way (and, for information, on 2,000 children);

reporting wall time and peak RSS (inside the process: VmHWM on Linux, where
getrusage's ru_maxrss is inflated by the parent's memory across exec; ru_maxrss
elsewhere; both are kept in the JSON) and
the ratios mamnon / minimal against the targets (1.4x, <= 80 MB); then

  (c) the children search: list_children() over a 2,000-children demo
      database once, then filter_rows() for typical queries, best of 20,
      against the 30 ms target; list_children() itself is timed too;
  (d) the same search as a user meets it: one keystroke on the real children
      screen (filter + table refill), against the same 30 ms;

and whether `import cli.main` alone pulls in textual / openpyxl / xlsxwriter.
Figures are printed and written to benchmarks/results/startup.json.

"Process start" is the moment the parent spawns the child (its time.time()
just before the spawn), so interpreter start-up and imports are included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "startup.json"
TARGET_TIME_RATIO = 1.4
TARGET_RSS_MB = 80
TARGET_SEARCH_MS = 30.0
QUERIES = ("nguyen", "nguyen thi", "hoa", "tran van an", "xyz")
HEAVY_MODULES = ("textual", "rich", "openpyxl", "xlsxwriter", "peewee", "platformdirs")


# ---------------------------------------------------------------- child processes


def _child_ready_pilot(marks: dict):
    async def auto_pilot(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        # The first screen is ready when a screen other than the default is
        # shown (mamnon pushes Home in on_mount) or the app composed its own
        # widgets (minimal app), its workers are done and the queue is idle.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if len(app.screen_stack) > 1 or app.screen.query("*"):
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        marks["ready"] = time.time()
        marks["screen"] = type(app.screen).__name__
        app.exit()

    return auto_pilot


def child_minimal() -> dict:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Minimal(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Mã", "Họ và tên", "Ngày sinh", "Giới", "Lớp")
            table.add_rows(
                (f"HS{i:05d}", f"Nguyễn Thị Ngọc Ánh {i}", "05/09/2021", "Nữ", f"Lá {i % 3 + 1}")
                for i in range(1, 301)
            )

    marks: dict = {}
    Minimal().run(headless=True, size=(120, 40), auto_pilot=_child_ready_pilot(marks))
    return marks


def child_mamnon(db_path: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from tui.app import make_app

    marks: dict = {}
    app = make_app(db_path)
    app.run(headless=True, size=(120, 40), auto_pilot=_child_ready_pilot(marks))
    marks["return_code"] = app.return_code
    return marks


def child_import_cli() -> dict:
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    import cli.main  # noqa: F401

    elapsed = time.perf_counter() - t0
    loaded = sorted(m for m in HEAVY_MODULES if m in sys.modules)
    return {"ready": time.time(), "import_s": elapsed, "loaded": loaded}


def run_child(args: list[str]) -> dict:
    """Spawn this script in child mode; return its marks plus wall times."""
    start = time.time()
    proc = subprocess.run([sys.executable, __file__, "--child", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    end = time.time()
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if proc.returncode != 0 or line is None:
        return {"error": (proc.stderr or proc.stdout).strip()[-2000:] or f"exit code {proc.returncode}"}
    marks = json.loads(line[len("BENCH "):])
    marks["ready_s"] = marks["ready"] - start
    marks["process_s"] = end - start
    return marks


def peak_rss_kb() -> tuple[int, int]:
    """(peak RSS of this process, ru_maxrss) in KB.

    On Linux ru_maxrss survives exec: a child spawned by a big parent (vfork +
    exec) reports at least the parent's RSS. VmHWM in /proc/self/status is the
    high-water mark of this program's own memory, so it is preferred there.
    """
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        maxrss //= 1024  # bytes on macOS
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]), maxrss
    except OSError:
        pass
    return maxrss, maxrss


def child_main(argv: list[str]) -> None:
    kind, *rest = argv
    if kind == "minimal":
        marks = child_minimal()
    elif kind == "mamnon":
        marks = child_mamnon(rest[0])
    elif kind == "import-cli":
        marks = child_import_cli()
    else:
        raise SystemExit(f"unknown child {kind}")
    marks["rss_kb"], marks["ru_maxrss_kb"] = peak_rss_kb()
    print("BENCH " + json.dumps(marks), flush=True)


# ---------------------------------------------------------------- measuring


def best_of(args: list[str], runs: int) -> dict:
    samples = [run_child(args) for _ in range(runs)]
    good = [s for s in samples if "error" not in s]
    if not good:
        return {"error": samples[0]["error"], "runs": runs}
    return {
        "runs": len(good),
        "ready_s": min(s["ready_s"] for s in good),
        "ready_s_all": [round(s["ready_s"], 4) for s in good],
        "process_s": min(s["process_s"] for s in good),
        "rss_kb": min(s["rss_kb"] for s in good),
        "rss_kb_max": max(s["rss_kb"] for s in good),
        "ru_maxrss_kb": min(s["ru_maxrss_kb"] for s in good),
        "screen": good[0].get("screen"),
        **({"loaded": good[0]["loaded"], "import_s": min(s["import_s"] for s in good)}
           if "loaded" in good[0] else {}),
        **({"errors": len(samples) - len(good)} if len(good) < len(samples) else {}),
    }


def build_demo_db(path: Path, n_children: int) -> float:
    from mamnon.services import demo, session

    t0 = time.perf_counter()
    session.open_path(path)
    try:
        demo.build_demo(children=n_children, seed=0)
    finally:
        session.close()
    return time.perf_counter() - t0


def search_figures(db_path: Path, runs: int) -> dict:
    from mamnon.services import children, session

    session.open_path(db_path)
    try:
        t0 = time.perf_counter()
        rows = children.list_children()
        first_list = time.perf_counter() - t0
        list_times = []
        for _ in range(5):
            t0 = time.perf_counter()
            children.list_children()
            list_times.append(time.perf_counter() - t0)
        queries = {}
        for q in QUERIES:
            times = []
            hits = 0
            for _ in range(runs):
                t0 = time.perf_counter()
                hits = len(children.filter_rows(rows, q))
                times.append(time.perf_counter() - t0)
            queries[q] = {"best_ms": min(times) * 1000, "worst_ms": max(times) * 1000, "hits": hits}
    finally:
        session.close()
    return {
        "rows": len(rows),
        "list_children_first_ms": first_list * 1000,
        "list_children_best_ms": min(list_times) * 1000,
        "queries": queries,
        "max_best_ms": max(q["best_ms"] for q in queries.values()),
    }


TUI_QUERIES = ("n", "ng", "nguyen", "nguyen thi", "hoa", "xyz", "")


def tui_search_figures(db_path: Path, runs: int) -> dict:
    """One keystroke on the real children screen: filter + table refill (what a user waits for).

    Measured on ChildrenScreen.apply_filters, which the search box's Changed
    event calls; painting happens on the next frame and only for visible rows.
    """
    import asyncio

    from tui.app import make_app

    async def measure() -> dict:
        app = make_app(str(db_path))
        figures = {}
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            screen = app.screen
            search = screen.query_one("#search")
            for q in TUI_QUERIES:
                times = []
                for _ in range(runs):
                    search.value = q
                    t0 = time.perf_counter()
                    screen.apply_filters()
                    times.append(time.perf_counter() - t0)
                await pilot.pause()
                figures[q] = {"best_ms": min(times) * 1000, "worst_ms": max(times) * 1000,
                              "rows": len(screen.table.shown_keys)}
        return figures

    figures = asyncio.run(measure())
    return {"queries": figures, "max_best_ms": max(f["best_ms"] for f in figures.values())}


# ---------------------------------------------------------------- report


def ratio(a, b):
    return a / b if a and b else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per start-up figure (best is kept)")
    parser.add_argument("--search-runs", type=int, default=20, help="runs per search query (best is kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    tmp = Path(tempfile.mkdtemp(prefix="mamnon-bench-"))
    db_small, db_big = tmp / "demo-250.sqlite", tmp / "demo-2000.sqlite"
    print(f"Building demo databases in {tmp} …", flush=True)
    build_small = build_demo_db(db_small, 250)
    build_big = build_demo_db(db_big, 2000)
    tui_present = (ROOT / "tui" / "app.py").exists()

    print(f"Measuring start-up, best of {args.runs} cold runs …", flush=True)
    minimal = best_of(["minimal"], args.runs)
    mamnon = best_of(["mamnon", str(db_small)], args.runs) if tui_present else {"error": "tui/app.py missing"}
    mamnon_big = best_of(["mamnon", str(db_big)], args.runs) if tui_present else {"error": "tui/app.py missing"}
    imports = best_of(["import-cli"], args.runs)
    print(f"Measuring the children search, best of {args.search_runs} …", flush=True)
    search = search_figures(db_big, args.search_runs)
    tui_search = tui_search_figures(db_big, args.search_runs)

    time_ratio = ratio(mamnon.get("ready_s"), minimal.get("ready_s"))
    rss_ratio = ratio(mamnon.get("rss_kb"), minimal.get("rss_kb"))
    mamnon_mb = mamnon.get("rss_kb", 0) / 1024 if "rss_kb" in mamnon else None

    def ok(flag: bool | None) -> str:
        return "—" if flag is None else ("OK" if flag else "OVER")

    print()
    print(f"mamnon start-up benchmark — Python {platform.python_version()}, {platform.system()} "
          f"{platform.machine()}, {os.cpu_count()} CPU")
    print(f"Demo databases built in {build_small:.2f} s (250 children) and {build_big:.2f} s (2,000 children).")
    print()
    print(f"{'Start-up to first screen (best of %d)' % args.runs:<44}{'wall s':>9}{'process s':>11}{'peak RSS MB':>13}")
    for label, fig in (("(a) minimal Textual app (DataTable 300 rows)", minimal),
                       ("(b) mamnon TUI, demo 250 children", mamnon),
                       ("    mamnon TUI, demo 2,000 children", mamnon_big),
                       ("    `import cli.main` (no TUI)", imports)):
        if "error" in fig:
            print(f"{label:<44}  ERROR: {fig['error'].splitlines()[-1] if fig['error'] else ''}")
            continue
        print(f"{label:<44}{fig['ready_s']:>9.3f}{fig['process_s']:>11.3f}{fig['rss_kb'] / 1024:>13.1f}"
              + (f"   [{fig['screen']}]" if fig.get("screen") else ""))
    print()
    if time_ratio:
        print(f"mamnon / minimal, time: {time_ratio:.2f}x   (target ≤ {TARGET_TIME_RATIO}x)  "
              f"{ok(time_ratio <= TARGET_TIME_RATIO)}")
        print(f"mamnon / minimal, RSS:  {rss_ratio:.2f}x   mamnon peak RSS {mamnon_mb:.1f} MB "
              f"(target ≤ {TARGET_RSS_MB} MB)  {ok(mamnon_mb <= TARGET_RSS_MB)}")
    if "loaded" in imports:
        heavy = [m for m in imports["loaded"] if m in ("textual", "openpyxl", "xlsxwriter")]
        print(f"`import cli.main` loads: {', '.join(imports['loaded']) or 'none of ' + ', '.join(HEAVY_MODULES)}"
              f" — textual/openpyxl/xlsxwriter: {'NOT imported  OK' if not heavy else 'IMPORTED: ' + ', '.join(heavy)}"
              f" (import {imports['import_s'] * 1000:.0f} ms)")
    print()
    print(f"Children search over {search['rows']} children (filter_rows, best of {args.search_runs}):")
    for q, fig in search["queries"].items():
        print(f"  {q!r:<16}{fig['best_ms']:>8.2f} ms  (worst {fig['worst_ms']:.2f} ms, {fig['hits']} found)")
    print(f"  max {search['max_best_ms']:.2f} ms   (target ≤ {TARGET_SEARCH_MS:.0f} ms)  "
          f"{ok(search['max_best_ms'] <= TARGET_SEARCH_MS)}")
    print(f"list_children(): first call {search['list_children_first_ms']:.1f} ms, "
          f"best of 5 {search['list_children_best_ms']:.1f} ms")
    print()
    print(f"TUI keystroke on the children screen, {search['rows']} children (filter + table refill, "
          f"best of {args.search_runs}):")
    for q, fig in tui_search["queries"].items():
        print(f"  {q!r:<16}{fig['best_ms']:>8.2f} ms  (worst {fig['worst_ms']:.2f} ms, {fig['rows']} rows)")
    print(f"  max {tui_search['max_best_ms']:.2f} ms   (target ≤ {TARGET_SEARCH_MS:.0f} ms, one frame)  "
          f"{ok(tui_search['max_best_ms'] <= TARGET_SEARCH_MS)}")

    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "build_s": {"demo_250": build_small, "demo_2000": build_big},
        "startup": {"minimal": minimal, "mamnon_250": mamnon, "mamnon_2000": mamnon_big, "import_cli": imports},
        "ratios": {"time": time_ratio, "rss": rss_ratio, "mamnon_rss_mb": mamnon_mb},
        "targets": {"time_ratio": TARGET_TIME_RATIO, "rss_mb": TARGET_RSS_MB, "search_ms": TARGET_SEARCH_MS},
        "search": search,
        "tui_search": tui_search,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nFigures written to {RESULTS.relative_to(ROOT)}")
    if args.keep:
        print(f"Databases kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        main()
