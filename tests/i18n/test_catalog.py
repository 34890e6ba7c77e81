"""The English catalogue covers every interface text, and no interface text escapes it.

Vietnamese is the source language: a text is translatable when it is written
`_("…")`. These tests fail when a `_()` text has no English, when a translation
drops or renames a {field}, when the compiled .mo lags the .po files, and when a
translated module still shows a Vietnamese literal outside `_()`.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n_catalog  # noqa: E402

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
SKIP_MARK = "# i18n-skip"  # a Vietnamese literal that is data, not interface (a stored value, a form's header)
# A module whose Vietnamese is content (a printed form, a workbook's headers, the demo school, a reference
# table) says so once, near its top: "# i18n-data: why". Its literals pass, except the messages it raises.
DATA_MARK = "# i18n-data:"
PACKAGES = ("tui", "cli", "mamnon", "importers", "exporters")
NOT_INTERFACE = ("mamnon/migrations/",)  # a migration writes stored values, never what a screen says

# Modules whose texts are not yet behind _(): this list only shrinks (docs/i18n.md).
PENDING = set()
_PENDING_FILE = ROOT / "tests" / "i18n" / "pending.txt"
if _PENDING_FILE.exists():
    PENDING = {line.strip() for line in _PENDING_FILE.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}


def translated_modules() -> list[Path]:
    return [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))
            if p.relative_to(ROOT).as_posix() not in PENDING
            and not p.relative_to(ROOT).as_posix().startswith(NOT_INTERFACE)]


def _is_data_module(lines: list[str]) -> bool:
    return any(line.startswith(DATA_MARK) for line in lines[:40])


def _raised(tree) -> set[int]:
    """Every node inside a raise statement: a message, even in a data module, is interface."""
    return {id(n) for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc is not None
            for n in ast.walk(node.exc)}


def loose_texts(path: Path) -> list[str]:
    """Vietnamese literals outside _(), docstrings and lines marked # i18n-skip."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "C_"):
            inside.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if _is_click_command(node):
                continue  # click shows this docstring as the command's help: interface text
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                inside.add(id(body[0].value))
    data_module = _is_data_module(lines)
    raised = _raised(tree) if data_module else set()
    out = []
    for node in ast.walk(tree):
        if id(node) in inside or not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if not VIETNAMESE.search(node.value):
            continue
        if data_module and id(node) not in raised:
            continue
        span = lines[node.lineno - 1:(node.end_lineno or node.lineno)]
        if any(SKIP_MARK in line for line in span):
            continue
        out.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}: {node.value[:60]!r}")
    return out


def _is_click_command(node) -> bool:
    return any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in ("command", "group")
               for d in getattr(node, "decorator_list", ()))


@pytest.mark.parametrize("package", i18n_catalog.PACKAGES)
def test_every_text_has_english_with_the_same_fields(package):
    assert i18n_catalog.problems(package) == []


def test_packages_agree_and_the_compiled_catalogue_is_current():
    assert i18n_catalog.disagreements() == []
    assert not i18n_catalog.mo_is_stale(), "chạy: python tools/i18n_catalog.py compile"


def test_translated_modules_show_no_vietnamese_outside_the_catalogue():
    loose = [line for path in translated_modules() for line in loose_texts(path)]
    assert loose == [], "\n".join(loose[:40])


def test_pending_list_names_only_real_files():
    assert all((ROOT / name).exists() for name in PENDING), "tests/i18n/pending.txt names a file that is gone"


def test_the_checker_catches_a_loose_text(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    bad = tmp_path / "bad.py"
    bad.write_text('"""Tài liệu."""\nx = "Đã lưu"\ny = _("Đã lưu")\nz = f"Lưu {x}"\n'
                   'w = "Kinh"  # i18n-skip: stored value\nv = "OK"\n'
                   '@cli.command("x")\ndef x():\n    """Trợ giúp của lệnh."""\n'
                   'def y():\n    """Chú thích cho người lập trình."""\n', encoding="utf-8")
    assert [line.split(":")[1] for line in loose_texts(bad)] == ["2", "4", "9"]
    data = tmp_path / "form.py"
    data.write_text('"""Mẫu in."""\n# i18n-data: the official form\nHEAD = "Họ và tên"\n'
                    'def f(x):\n    if not x:\n        raise ValueError("Thiếu tên")\n'
                    '    raise ValueError(_("Thiếu lớp"))\n', encoding="utf-8")
    assert [line.split(":")[1] for line in loose_texts(data)] == ["6"]


def _run(args, env_lang=None, tmp_path=None):
    import os

    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)
    if env_lang:
        env["MAMNON_LANG"] = env_lang
    if tmp_path is not None:
        env["XDG_CONFIG_HOME"] = str(tmp_path)  # the saved choice of a throwaway user
    return subprocess.run([sys.executable, "-c", "from cli.main import main; main()", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def test_lang_option_environment_and_saved_choice(tmp_path):
    assert "Ngôn ngữ đang dùng: Tiếng Việt (vi)." in _run(["lang"], tmp_path=tmp_path).stdout
    assert "Language in use: English (en)." in _run(["--lang", "en", "lang"], tmp_path=tmp_path).stdout
    assert "Language in use: English (en)." in _run(["lang"], env_lang="en", tmp_path=tmp_path).stdout
    saved = _run(["lang", "en"], tmp_path=tmp_path)
    assert saved.returncode == 0 and "Saved the language English (en)" in saved.stdout
    assert "Language in use: English (en)." in _run(["lang"], tmp_path=tmp_path).stdout
    # the command line wins over the saved choice
    assert "Ngôn ngữ đang dùng: Tiếng Việt (vi)." in _run(["--lang", "vi", "lang"], tmp_path=tmp_path).stdout
    bad = _run(["--lang", "fr", "lang"], tmp_path=tmp_path)
    assert bad.returncode == 2 and "fr" in bad.stderr


def test_marked_labels_are_collected_and_translated_where_shown(tmp_path, monkeypatch):
    """N_() keeps the core's label Vietnamese (it also goes into workbooks) but puts it in the catalogue,
    so a screen's _(label) finds its English."""
    from mamnon import i18n

    package = tmp_path / "demo_pkg"
    package.mkdir()
    (package / "labels.py").write_text('from mamnon.i18n import N_\nSTAGES = {"a": N_("Nhà trẻ"), "b": "Mẫu giáo"}\n',
                                       encoding="utf-8")
    found = i18n_catalog.messages("demo_pkg", root=tmp_path)
    assert list(found) == ["Nhà trẻ"]
    assert i18n.N_("Nhà trẻ") == "Nhà trẻ"


def test_a_text_with_a_context_gets_its_own_english(tmp_path, monkeypatch, capsys):
    """C_("cột hẹp", …) is a second catalogue entry (msgctxt) beside the plain text: update collects it,
    todo/fill key it "context\\u0004text", and the compiled .mo gives each place its own English."""
    import gettext
    import json

    from mamnon import i18n

    package = tmp_path / "demo_pkg"
    package.mkdir()
    (package / "screen.py").write_text(
        'from mamnon.i18n import _, C_\nCOLUMN = C_("cột hẹp", "Nhẹ cân")\nLINE = _("Nhẹ cân")\n'
        'OTHER = C_("cột hẹp", "Số trẻ {n}")\n', encoding="utf-8")
    locale = tmp_path / "locale"
    monkeypatch.setattr(i18n_catalog, "ROOT", tmp_path)
    monkeypatch.setattr(i18n_catalog, "PACKAGES", ("demo_pkg",))
    monkeypatch.setattr(i18n_catalog, "LOCALE", locale)
    monkeypatch.setattr(i18n_catalog, "MO_PATH", locale / "LC_MESSAGES" / "mamnon.mo")
    narrow = "cột hẹp\x04Nhẹ cân"
    assert sorted(i18n_catalog.messages("demo_pkg")) == sorted([narrow, "Nhẹ cân", "cột hẹp\x04Số trẻ {n}"])

    i18n_catalog.update("demo_pkg")
    capsys.readouterr()
    assert "chưa dịch: 'Nhẹ cân' [cột hẹp] (demo_pkg/screen.py:2)" in i18n_catalog.problems("demo_pkg")
    i18n_catalog.todo("demo_pkg")
    listed = json.loads(capsys.readouterr().out)
    assert sorted(listed) == sorted([narrow, "Nhẹ cân", "cột hẹp\x04Số trẻ {n}"])
    answers = tmp_path / "t.json"
    answers.write_text(json.dumps({narrow: "Underwt.", "Nhẹ cân": "Underweight",
                                   "cột hẹp\x04Số trẻ {n}": "Pupils {count}"}), encoding="utf-8")
    i18n_catalog.fill("demo_pkg", str(answers))
    # the field check looks at the context entry's own msgid and msgstr
    assert i18n_catalog.problems("demo_pkg") == [
        "trường {…} khác nhau: 'Số trẻ {n}' [cột hẹp] → 'Pupils {count}' (demo_pkg/screen.py:4)"]
    assert not i18n_catalog.mo_is_stale()
    assert i18n_catalog.disagreements() == []  # two English forms, two contexts: not a disagreement

    with open(locale / "LC_MESSAGES" / "mamnon.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    assert compiled.pgettext("cột hẹp", "Nhẹ cân") == "Underwt."
    assert compiled.gettext("Nhẹ cân") == "Underweight"
    assert i18n.C_("cột hẹp", "Nhẹ cân") == "Nhẹ cân"  # Vietnamese: the text itself

    # a .mo that lost the context entry is stale
    import polib

    po = polib.pofile(str(locale / "demo_pkg.po"))
    po.find("Nhẹ cân", msgctxt="cột hẹp").msgstr = "Underwt"
    po.save(str(locale / "demo_pkg.po"))
    assert i18n_catalog.mo_is_stale()


def test_context_lookup_in_the_real_catalogue(english):
    from mamnon import i18n

    assert i18n.C_("cột hẹp", "Nhẹ cân") == "Underwt."
    assert i18n._("Nhẹ cân") == "Underweight"
