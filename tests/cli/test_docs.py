"""docs/cli.md is the --help of every command; this test fails when they drift.

Regenerate with: python tests/cli/test_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from cli.main import cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"

HEADER = """# Lệnh `mamnon` / CLI reference

Sinh tự động từ `--help` của từng lệnh (`python tests/cli/test_docs.py`); một bài kiểm
thử so sánh tệp này với chương trình. Generated from each command's `--help`.
"""


def _commands(group: click.Group, path: list[str]):
    for name in sorted(group.commands):
        cmd = group.commands[name]
        yield path + [name], cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path + [name])


def render() -> str:
    runner = CliRunner()
    parts = [HEADER]
    for args, _ in [([], cli), *_commands(cli, [])]:
        result = runner.invoke(cli, [*args, "--help"], prog_name="mamnon", terminal_width=88)
        assert result.exit_code == 0, result.output
        title = " ".join(["mamnon", *args])
        parts.append(f"\n## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "".join(parts)


def test_every_command_has_vietnamese_help_with_an_example():
    for args, cmd in _commands(cli, []):
        assert cmd.help, f"{args} has no help"
        if not isinstance(cmd, click.Group):
            assert "Ví dụ" in cmd.help, f"mamnon {' '.join(args)}: the help should end with an example"


def test_docs_cli_md_matches_the_help():
    assert DOC.read_text(encoding="utf-8") == render(), "docs/cli.md is stale: run python tests/cli/test_docs.py"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
