"""The domain core stays free of UI and Excel; the TUI never touches the ORM."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import mamnon

ROOT = Path(__file__).resolve().parents[1]
CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(mamnon.__path__, "mamnon."))
FORBIDDEN = ("textual", "rich", "openpyxl", "xlsxwriter", "click", "tui", "cli", "importers", "exporters")


def test_import_linter_contracts_hold(monkeypatch):
    """import-linter reads the contracts from setup.cfg and checks the whole import graph."""
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "setup.cfg"), no_cache=True) == 0


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui_in_a_fresh_interpreter(module):
    code = (f"import sys, {module}\n"
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
            "print(','.join(bad))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"{module} pulls in {proc.stdout.strip()}"


def test_the_cli_entry_does_not_load_textual_or_excel():
    """`mamnon info` and friends must start fast: the TUI and Excel libraries load on demand."""
    code = ("import sys, cli.main\n"
            "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'openpyxl', 'xlsxwriter', 'tui'})))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
