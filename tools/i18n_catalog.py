"""Keeps the English catalogue in step with the source (developers only; needs polib).

    python tools/i18n_catalog.py update tui   # add tui's new _("…") texts to en/tui.po, drop unused ones
    python tools/i18n_catalog.py todo tui > t.json    # untranslated texts as {"vi": ""}
    python tools/i18n_catalog.py fill tui t.json      # write the filled-in translations back
    python tools/i18n_catalog.py compile      # every en/*.po → en/LC_MESSAGES/mamnon.mo
    python tools/i18n_catalog.py check        # exit 1: a text untranslated, {fields} differ, .mo stale

Every `_("…")` or `N_("…")` call (N_ marks a core label that a screen translates where it shows
it) with a literal text in the translated packages is a message.
The .po files (one per package) are what a translator edits; the .mo file is what
the program reads (stdlib gettext), committed so an install needs no build step.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("tui", "cli", "mamnon", "importers", "exporters")
LOCALE = ROOT / "mamnon" / "locale" / "en"
MO_PATH = LOCALE / "LC_MESSAGES" / "mamnon.mo"
_FIELD = re.compile(r"(?<!\{)\{([^{}!:]*)(?:[!:][^{}]*)?\}(?!\})")


def po_path(package: str) -> Path:
    """One .po file per package, so translators of different parts never edit the same file."""
    return LOCALE / f"{package}.po"


def messages(package: str, root: Path = ROOT) -> dict[str, list[str]]:
    """msgid → where it occurs ("tui/app.py:12"), from every `_("literal")` call in `package`."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return found


def fields(text: str) -> set[str]:
    """The str.format fields a text uses: a translation must keep exactly these."""
    return set(_FIELD.findall(text))


def load(package: str):
    import polib

    path = po_path(package)
    return polib.pofile(str(path)) if path.exists() else _new_po()


def problems(package: str) -> list[str]:
    po, found = load(package), messages(package)
    entries = {e.msgid: e for e in po if not e.obsolete}
    out = []
    for msgid, places in sorted(found.items()):
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr.strip():
            out.append(f"chưa dịch: {msgid!r} ({places[0]})")
        elif fields(msgid) != fields(entry.msgstr):
            out.append(f"trường {{…}} khác nhau: {msgid!r} → {entry.msgstr!r} ({places[0]})")
    for msgid in sorted(set(entries) - set(found) - {""}):
        out.append(f"thừa trong {package}.po (không còn trong mã nguồn): {msgid!r}")
    return out


def update(package: str) -> int:
    """Bring `package`.po in step with the source: new texts added untranslated, unused ones dropped."""
    import polib

    found = messages(package)
    po = load(package)
    known = {e.msgid: e for e in po}
    for msgid, places in found.items():
        entry = known.get(msgid)
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgstr=translated_elsewhere(msgid, package))
            po.append(entry)
        entry.occurrences = [tuple(p.rsplit(":", 1)) for p in places[:3]]
    for entry in list(po):
        if entry.msgid not in found:
            po.remove(entry)
    po.sort(key=lambda e: (e.occurrences[0] if e.occurrences else ("", ""), e.msgid))
    LOCALE.mkdir(parents=True, exist_ok=True)
    po.save(str(po_path(package)))
    compile_mo()
    out = problems(package)
    for line in out:
        print(line)
    print(f"{package}: {len(found)} câu, {len(out)} cần xử lý; đã ghi {po_path(package).relative_to(ROOT)} và mamnon.mo")
    return 0


def translated_elsewhere(msgid: str, package: str) -> str:
    for other in PACKAGES:
        if other != package and po_path(other).exists():
            for entry in load(other):
                if entry.msgid == msgid and entry.msgstr:
                    return entry.msgstr
    return ""


def merged():
    """Every package's translations in one catalogue (the first package that has a text wins)."""
    po = _new_po()
    seen = set()
    for package in PACKAGES:
        if not po_path(package).exists():
            continue
        for entry in load(package):
            if entry.msgstr and not entry.obsolete and entry.msgid not in seen:
                seen.add(entry.msgid)
                po.append(entry)
    return po


def compile_mo() -> None:
    import os

    MO_PATH.parent.mkdir(parents=True, exist_ok=True)
    tmp = MO_PATH.with_name(MO_PATH.name + ".tmp")
    merged().save_as_mofile(str(tmp))
    os.replace(tmp, MO_PATH)


def _new_po():
    import polib

    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "mamnon",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def disagreements() -> list[str]:
    """The same Vietnamese text translated two ways in two packages."""
    seen: dict[str, tuple[str, str]] = {}
    out = []
    for package in PACKAGES:
        if not po_path(package).exists():
            continue
        for entry in load(package):
            if not entry.msgstr:
                continue
            first = seen.setdefault(entry.msgid, (package, entry.msgstr))
            if first[1] != entry.msgstr:
                out.append(f"dịch khác nhau: {entry.msgid!r}: {first[0]} {first[1]!r}, {package} {entry.msgstr!r}")
    return out


def mo_is_stale() -> bool:
    import gettext

    if not MO_PATH.exists():
        return True
    with open(MO_PATH, "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    return any(compiled.gettext(e.msgid) != e.msgstr for e in merged() if e.msgid)


def todo(package: str) -> int:
    """The untranslated texts of `package` as JSON {vietnamese: ""}, for a translator to fill."""
    import json

    print(json.dumps({e.msgid: "" for e in load(package) if e.msgid and not e.msgstr}, ensure_ascii=False, indent=1))
    return 0


def fill(package: str, json_path: str) -> int:
    """Set translations from a JSON {vietnamese: english} file, then recompile."""
    import json

    given = json.loads(Path(json_path).read_text(encoding="utf-8"))
    po = load(package)
    used = 0
    for entry in po:
        if given.get(entry.msgid):
            entry.msgstr = given[entry.msgid]
            used += 1
    po.save(str(po_path(package)))
    compile_mo()
    print(f"{package}: đã điền {used} bản dịch")
    return 0


def check() -> int:
    out = [line for package in PACKAGES for line in problems(package)] + disagreements()
    if mo_is_stale():
        out.append("mamnon.mo không khớp các tệp .po: chạy «python tools/i18n_catalog.py compile»")
    for line in out:
        print(line)
    return 1 if out else 0


def _locked(fn, *args) -> int:
    """Several translators may run this at once: one read-modify-write at a time."""
    import fcntl

    LOCALE.mkdir(parents=True, exist_ok=True)
    with open(LOCALE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return fn(*args)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        sys.exit(_locked(update, sys.argv[2]))
    if command == "todo":
        sys.exit(todo(sys.argv[2]))
    if command == "fill":
        sys.exit(_locked(fill, sys.argv[2], sys.argv[3]))
    if command == "compile":
        _locked(compile_mo)
        sys.exit(0)
    sys.exit(check())
