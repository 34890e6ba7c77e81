"""docs/index.md lists every page of docs/, and every relative link in the new pages leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
CHECKED = ("index.md", "install.md", "formulas.md", "guide/*.md")


def test_index_links_every_page():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(LINK.findall(index))
    pages = {p.relative_to(DOCS).as_posix() for p in [*DOCS.glob("*.md"), *DOCS.glob("guide/*.md")]}
    assert pages - {"index.md"} <= linked, f"docs/index.md does not list: {sorted(pages - linked - {'index.md'})}"


def test_relative_links_of_the_guides_and_install_pages_resolve():
    broken = []
    for pattern in CHECKED:
        for page in DOCS.glob(pattern):
            for target in LINK.findall(page.read_text(encoding="utf-8")):
                if "://" in target:
                    continue
                if not (page.parent / target).exists():
                    broken.append(f"{page.relative_to(DOCS)} → {target}")
    assert not broken, broken
