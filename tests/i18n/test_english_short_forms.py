"""One Vietnamese text, two English forms: a narrow TUI column shows the short one (C_("cột hẹp", …)),
the command line and wide places the full one.

Column titles are built when their modules are imported, so each check runs in a fresh interpreter
with English chosen first (like test_english_cli.py); the demo school is built here, in Vietnamese,
and the figures the child prints are compared with the statistics service's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mamnon.services import session

ROOT = Path(__file__).resolve().parents[2]
DEMO_TODAY = dt.date(2027, 4, 1)

# MAMNON_LANG=en: the cli package chooses the language itself when it is first imported.
CLI_STATS = r'''
import sys
from click.testing import CliRunner
import cli.main  # registers every command group
from cli.group import cli as root
result = CliRunner().invoke(root, ["--db", sys.argv[1], "health", "stats", sys.argv[2]])
sys.stdout.write(result.output)
sys.exit(result.exit_code)
'''

TUI_STATS = r'''
import asyncio, json, sys
from mamnon import i18n
i18n.set_language("en")
from tui.app import make_app
from tui.screens.round_stats import RoundStatsScreen


async def main(path, round_id):
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(RoundStatsScreen(round_id))
        await pilot.pause()
        screen = app.screen
        table = screen.table
        print(json.dumps({
            "titles": [str(c.label) for c in table.columns.values()],
            "all": [c.plain.strip() for c in table.get_row("all")],
            "detail": str(screen.query_one("#detail").render()),
            "table_width": table.virtual_size.width,
        }))

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
'''


@pytest.fixture(scope="module")
def demo_school(tmp_path_factory):
    """A 40-child demo school file and its first round's statistics (computed here, in this process)."""
    from mamnon.services import demo
    from mamnon.services.growth_stats import round_statistics
    from mamnon.services.measurements import list_rounds

    path = tmp_path_factory.mktemp("short-forms") / "mau.sqlite"
    session.open_path(path)
    try:
        demo.build_demo(children=40, seed=1, today=DEMO_TODAY)
        first = list_rounds()[0]
        total = round_statistics(first.id).total
        expected = {"id": first.id, "underweight": total.underweight, "measured": total.measured,
                    "enrolled": total.enrolled}
    finally:
        session.close()
    return path, expected


def child(script: str, *args, tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["MAMNON_LANG"] = "en"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=300)


def test_health_stats_on_the_command_line_says_underweight_in_full(demo_school, tmp_path):
    path, expected = demo_school
    result = child(CLI_STATS, path, expected["id"], tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    [header] = [line for line in lines if line.startswith("Group ")]
    assert header.split()[:4] == ["Group", "Enrolled", "Measured", "Underweight"]
    assert "Underwt." not in result.stdout and "Meas." not in result.stdout
    # the first row under the rule is the whole school; its cells sit under their headers
    row = lines[lines.index(header) + 2]
    start = header.index("Underweight")
    assert row[start:].split()[0] == str(expected["underweight"])
    assert row[header.index("Enrolled"):].split()[0] == str(expected["enrolled"])
    assert row[header.index("Measured"):].split()[0] == str(expected["measured"])


def test_round_statistics_screen_keeps_the_short_form_in_its_narrow_column(demo_school, tmp_path):
    path, expected = demo_school
    result = child(TUI_STATS, path, expected["id"], tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["titles"][:3] == ["Group", "Meas.", "Underwt."]
    assert "Underweight" not in shown["titles"]
    assert shown["all"][1] == f"{expected['measured']}/{expected['enrolled']}"
    assert shown["all"][2].split()[0] == str(expected["underweight"])
    # the detail line below the table has room: the full word
    assert shown["detail"].split(": ", 1)[1].startswith("Underweight ")
    assert shown["table_width"] <= 80
