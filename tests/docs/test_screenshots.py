"""The guides' screenshots are taken from the real screens, and each guide shows its own.

tools/screenshots.py takes every shot at 80×24 on a demo school; here they go to a
temporary folder and each must show the text the guide talks about. The committed
copies in docs/guide/img/ are made by `python -m tools.screenshots`.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # tools/ is not installed; plain `pytest` does not put the checkout first
    sys.path.insert(0, str(ROOT))

from tools.screenshots import GUIDE_IMAGES, SHOTS, svg_text, take_all  # noqa: E402

GUIDE = ROOT / "docs" / "guide"
ROLES = {"hieu-truong", "giao-vien", "y-te", "bep", "van-phong"}


@pytest.fixture(scope="module")
def taken(tmp_path_factory):
    out = tmp_path_factory.mktemp("anh")
    paths = asyncio.run(take_all(out))
    return {p.stem: p for p in paths}


@pytest.mark.parametrize("shot", SHOTS, ids=[s.name for s in SHOTS])
def test_each_screenshot_shows_its_screen(taken, shot):
    path = taken[shot.name]
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    shown = svg_text(svg)
    for text in shot.expected:
        assert text in shown, f"{shot.name}.svg does not show «{text}»"


def test_every_role_has_a_guide_page_showing_its_screenshots():
    for role in ROLES:
        page = (GUIDE / f"{role}.md").read_text(encoding="utf-8")
        for shot in (s for s in SHOTS if s.role == role):
            assert f"img/{shot.name}.svg" in page, f"{role}.md does not show {shot.name}.svg"
    assert {s.role for s in SHOTS} == ROLES


def test_every_image_a_guide_links_is_committed_and_is_a_textual_screenshot():
    linked = set()
    for page in GUIDE.glob("*.md"):
        linked |= set(re.findall(r"\(img/([\w-]+\.svg)\)", page.read_text(encoding="utf-8")))
    assert linked == {f"{s.name}.svg" for s in SHOTS}
    for name in linked:
        svg = (GUIDE_IMAGES / name).read_text(encoding="utf-8")
        shot = next(s for s in SHOTS if f"{s.name}.svg" == name)
        assert all(text in svg_text(svg) for text in shot.expected), name
