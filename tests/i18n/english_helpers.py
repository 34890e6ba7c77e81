"""What the English tests share: spotting a Vietnamese letter left in a text that should be English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
# Words the glossary keeps in Vietnamese in English too (docs/i18n.md), and the form number.
KEPT = ("phổ cập", "ĐBKK", "01.ĐN-MN", "NĐ")


def english_only(text: str, *names: str) -> str:
    """`text`, asserting no Vietnamese letter outside `names` (a class, a person or a file keeps its Vietnamese name)."""
    rest = text
    for name in (*names, *KEPT):
        rest = rest.replace(name, "")
    assert not VIETNAMESE.search(rest), text
    return text


def errors_of(call) -> dict:
    """The field → message errors of the ValidationError that `call()` raises."""
    from mamnon.errors import ValidationError

    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.errors


def no_vietnamese(text: str) -> bool:
    return VIETNAMESE.search(text) is None


ROOT = Path(__file__).resolve().parents[2]


def child_env(config: Path, lang: str) -> dict[str, str]:
    """The environment of a fresh interpreter in `lang`: menus and key bindings are built at import time, so a
    screen's English can only be seen in a process that chose the language before importing it."""
    env = dict(os.environ)
    env["MAMNON_LANG"] = lang
    env["XDG_CONFIG_HOME"] = str(config)  # no saved choice of the real user
    env["PYTHONPATH"] = str(ROOT)
    return env


def make_demo_school(folder: Path) -> Path:
    """`mamnon demo` into a new database file in `folder`."""
    db = folder / "demo.sqlite"
    made = subprocess.run([sys.executable, "-c", "from cli.main import main; main()", "--db", str(db), "demo"],
                          capture_output=True, text=True, encoding="utf-8", env=child_env(folder, "vi"), cwd=ROOT,
                          timeout=300)
    assert made.returncode == 0, made.stderr
    return db


def screens_shown(script: str, db: Path, lang: str) -> dict:
    """Run `script` (it opens screens on `db` and prints one JSON line last) in a fresh interpreter in `lang`."""
    run = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True,
                         encoding="utf-8", env=child_env(db.parent, lang), cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])
