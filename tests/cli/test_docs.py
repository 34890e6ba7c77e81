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


def _sections(text: str) -> dict[str, str]:
    parts = text.split("\n## `")[1:]
    return {p.split("`", 1)[0]: p for p in parts}


def test_docs_cli_md_documents_every_command_and_option():
    """Compared by content, not bytes: click versions lay out --help slightly differently."""
    sections = _sections(DOC.read_text(encoding="utf-8"))
    stale = "docs/cli.md is stale: run python tests/cli/test_docs.py"
    expected = [["mamnon"]] + [["mamnon", *args] for args, _ in _commands(cli, [])]
    assert sorted(sections) == sorted(" ".join(a) for a in expected), stale
    for args, cmd in [([], cli), *_commands(cli, [])]:
        section = " ".join(_squash(sections[" ".join(["mamnon", *args])]).split())
        assert (cmd.help or "").strip().splitlines()[0] in section, (args, stale)
        options = section.split("Options:", 1)[-1]
        for param in cmd.params:
            if isinstance(param, click.Argument):  # arguments are listed on the Usage line, by metavar
                assert (param.metavar or param.name.upper()) in section.split("Options:", 1)[0], (args, stale)
                continue
            for opt in getattr(param, "opts", []):
                assert opt in options, (args, opt, stale)
            if getattr(param, "help", None):
                assert " ".join(param.help.split()) in options, (args, param.help, stale)


def _squash(text: str) -> str:
    """Undo click's line wrapping of help texts (continuation lines are indented)."""
    return " ".join(line.strip() for line in text.splitlines())


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
