"""Entry point of the `mamnon` console script: the root group with every command registered."""

from __future__ import annotations

import sys

from cli import commands_school  # noqa: F401  registers init, demo, info, upgrade
from cli import commands_children  # noqa: F401  registers children …
from cli import commands_health  # noqa: F401  registers health rounds, stats, chart
from cli import commands_meals  # noqa: F401  registers meals day, print, html, close, market …
from cli import commands_norms  # noqa: F401  registers meals norms list, show, use, export, load
from cli import commands_templates  # noqa: F401  registers template write
from cli import commands_import  # noqa: F401  registers import
from cli import commands_report  # noqa: F401  registers export report, report show
from cli import commands_merge  # noqa: F401  registers merge
from cli import commands_trend  # noqa: F401  registers trend
from cli import commands_attendance  # noqa: F401  registers attendance month, print, dayoff
from cli import commands_print  # noqa: F401  registers print, forms
from cli import commands_parents  # noqa: F401  registers parents preview, sms, slips
from cli import commands_backup  # noqa: F401  registers backup, backup list, restore
from cli import commands_bundle  # noqa: F401  registers bundle
from cli import commands_staffing  # noqa: F401  registers staff-quality, facilities …
from cli import commands_census  # noqa: F401  registers census list, add, import, export, carry, link, summary
from cli import commands_csdl  # noqa: F401  registers csdl import, export
from cli import commands_accounts  # noqa: F401  registers users add|list|reset-password|passwd|mode, history
from cli import commands_lunch  # noqa: F401  registers lunch
from cli import commands_units  # noqa: F401  registers units
from cli import commands_reply  # noqa: F401  registers reply approve, return, unlock, import
from cli import commands_lang  # noqa: F401  registers lang
from cli.group import cli

__all__ = ["cli", "main"]


def main() -> None:
    # Windows' classic console is not UTF-8 by default; Vietnamese needs it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass
    cli(prog_name="mamnon")
