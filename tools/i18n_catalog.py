"""Keeps the English catalogue in step with the source (developers only; needs polib).

    python tools/i18n_catalog.py update tui   # add tui's new _("…") texts to en/tui.po, drop unused ones
    python tools/i18n_catalog.py todo tui > t.json    # untranslated texts as {"vi": ""} ({"ctx\u0004vi": ""} with a context)
    python tools/i18n_catalog.py fill tui t.json      # write the filled-in translations back
    python tools/i18n_catalog.py compile      # every en/*.po → en/LC_MESSAGES/mamnon.mo
    python tools/i18n_catalog.py check        # exit 1: a text untranslated, {fields} differ, .mo stale

Every `_("…")` or `N_("…")` call (N_ marks a core label that a screen translates where it shows
it) with a literal text in the translated packages is a message; so is `C_("context", "…")`, a text
whose English differs by place (msgctxt): it is keyed "context\x04text" (gettext's own key in a .mo),
in `messages()`, in the JSON of `todo`/`fill` and in the lines `check` prints.
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
CONTEXT_SEP = "\x04"  # between msgctxt and msgid, as in a compiled .mo
_FIELD = re.compile(r"(?<!\{)\{([^{}!:]*)(?:[!:][^{}]*)?\}(?!\})")


def po_path(package: str) -> Path:
    """One .po file per package, so translators of different parts never edit the same file."""
    return LOCALE / f"{package}.po"


def key(msgid: str, msgctxt: str | None = None) -> str:
    """A message's one name: the msgid, or "context\x04msgid" when it has a context."""
    return f"{msgctxt}{CONTEXT_SEP}{msgid}" if msgctxt else msgid


def entry_key(entry) -> str:
    return key(entry.msgid, entry.msgctxt)


def split_key(name: str) -> tuple[str | None, str]:
    """(msgctxt or None, msgid) of a key."""
    if CONTEXT_SEP in name:
        context, msgid = name.split(CONTEXT_SEP, 1)
        return context, msgid
    return None, name


def shown(name: str) -> str:
    """A key as a person reads it in a problem line."""
    context, msgid = split_key(name)
    return repr(msgid) if context is None else f"{msgid!r} [{context}]"


def _literal_args(node: ast.Call) -> list[str] | None:
    """The message of a `_("…")`/`N_("…")` call, or context and message of a `C_("…", "…")` call."""
    if not isinstance(node.func, ast.Name) or node.func.id not in ("_", "N_", "C_"):
        return None
    wanted = 2 if node.func.id == "C_" else 1
    args = node.args[:wanted]
    if len(args) < wanted or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
        return None
    return [a.value for a in args]


def messages(package: str, root: Path | None = None) -> dict[str, list[str]]:
    """key → where it occurs ("tui/app.py:12"), from every `_("literal")`, `N_("literal")` and
    `C_("context", "literal")` call in `package` (see `key` for a message with a context)."""
    root = root or ROOT
    found: dict[str, list[str]] = {}
    for path in sorted((root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            args = _literal_args(node) if isinstance(node, ast.Call) else None
            if args:
                name = key(args[-1], args[0] if len(args) == 2 else None)
                found.setdefault(name, []).append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
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
    entries = {entry_key(e): e for e in po if not e.obsolete}
    out = []
    for name, places in sorted(found.items()):
        entry = entries.get(name)
        if entry is None or not entry.msgstr.strip():
            out.append(f"chưa dịch: {shown(name)} ({places[0]})")
        elif fields(entry.msgid) != fields(entry.msgstr):
            out.append(f"trường {{…}} khác nhau: {shown(name)} → {entry.msgstr!r} ({places[0]})")
    for name in sorted(set(entries) - set(found) - {""}):
        out.append(f"thừa trong {package}.po (không còn trong mã nguồn): {shown(name)}")
    return out


def update(package: str) -> int:
    """Bring `package`.po in step with the source: new texts added untranslated, unused ones dropped."""
    import polib

    found = messages(package)
    po = load(package)
    known = {entry_key(e): e for e in po}
    for name, places in found.items():
        entry = known.get(name)
        if entry is None:
            context, msgid = split_key(name)
            entry = polib.POEntry(msgid=msgid, msgstr=translated_elsewhere(name, package))
            if context is not None:
                entry.msgctxt = context
            po.append(entry)
        entry.occurrences = [tuple(p.rsplit(":", 1)) for p in places[:3]]
    for entry in list(po):
        if entry_key(entry) not in found:
            po.remove(entry)
    po.sort(key=lambda e: (e.occurrences[0] if e.occurrences else ("", ""), e.msgid, e.msgctxt or ""))
    LOCALE.mkdir(parents=True, exist_ok=True)
    po.save(str(po_path(package)))
    compile_mo()
    out = problems(package)
    for line in out:
        print(line)
    print(f"{package}: {len(found)} câu, {len(out)} cần xử lý; đã ghi {po_path(package).relative_to(ROOT)} và mamnon.mo")
    return 0


def translated_elsewhere(name: str, package: str) -> str:
    """The English another package already gives this key (same text and same context)."""
    for other in PACKAGES:
        if other != package and po_path(other).exists():
            for entry in load(other):
                if entry_key(entry) == name and entry.msgstr:
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
            if entry.msgstr and not entry.obsolete and entry_key(entry) not in seen:
                seen.add(entry_key(entry))
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
    """The same Vietnamese text in the same context translated two ways in two packages
    (a different context is meant to read differently)."""
    seen: dict[str, tuple[str, str]] = {}
    out = []
    for package in PACKAGES:
        if not po_path(package).exists():
            continue
        for entry in load(package):
            if not entry.msgstr:
                continue
            first = seen.setdefault(entry_key(entry), (package, entry.msgstr))
            if first[1] != entry.msgstr:
                out.append(f"dịch khác nhau: {shown(entry_key(entry))}: {first[0]} {first[1]!r}, "
                           f"{package} {entry.msgstr!r}")
    return out


def mo_is_stale() -> bool:
    import gettext

    if not MO_PATH.exists():
        return True
    with open(MO_PATH, "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    return any(lookup(compiled, e) != e.msgstr for e in merged() if e.msgid)


def lookup(compiled, entry) -> str:
    """What the program reads for `entry` from a compiled catalogue."""
    if entry.msgctxt:
        return compiled.pgettext(entry.msgctxt, entry.msgid)
    return compiled.gettext(entry.msgid)


def todo(package: str) -> int:
    """The untranslated texts of `package` as JSON {vietnamese: ""}, for a translator to fill; a text
    with a context is keyed "context\u0004vietnamese" (JSON escapes the separator)."""
    import json

    print(json.dumps({entry_key(e): "" for e in load(package) if e.msgid and not e.msgstr},
                     ensure_ascii=False, indent=1))
    return 0


def fill(package: str, json_path: str) -> int:
    """Set translations from a JSON {key: english} file (keys as `todo` prints them), then recompile."""
    import json

    given = json.loads(Path(json_path).read_text(encoding="utf-8"))
    po = load(package)
    used = 0
    for entry in po:
        if given.get(entry_key(entry)):
            entry.msgstr = given[entry_key(entry)]
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
