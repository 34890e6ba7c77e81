"""The interface in English: the home screen of a demo school at 80×24 shows English menus.

Menus and key bindings are built when their modules are imported, so the app runs
in a fresh interpreter with MAMNON_LANG=en (as `MAMNON_LANG=en mamnon` would) and
prints what the home screen shows; the test reads that. Without the compiled
catalogue the labels would come out in Vietnamese and the test fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from english_helpers import make_demo_school, screens_shown

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)

# Runs inside the child interpreter: the language is chosen before any screen module loads.
SHOW_HOME = r'''
import asyncio, json, sys
from mamnon import i18n
i18n.set_language(i18n.choose_language([]))
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey
from tui.app import make_app


def shown(screen):
    menu = screen.query_one("#menu", OptionList)
    return {
        "screen": type(screen).__name__,
        "sub_title": screen.sub_title,
        "title": str(screen.query_one("#menu-title").render()),
        "menu": [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)],
        "counts": str(screen.query_one("#counts").render()),
        "footer": [(key.description, key.region.right) for key in screen.query(FooterKey)],
    }


async def main(path):
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = shown(app.screen)
        await pilot.press("4")  # Health: a table screen with a full footer
        await pilot.pause()
        health = {"screen": type(app.screen).__name__, "sub_title": app.screen.sub_title,
                  "footer": [(key.description, key.region.right) for key in app.screen.query(FooterKey)]}
    print(json.dumps({"home": home, "health": health}, ensure_ascii=False))


asyncio.run(main(sys.argv[1]))
'''


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    return make_demo_school(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def english(demo_db):
    return screens_shown(SHOW_HOME, demo_db, "en")


def test_home_menu_is_english(english):
    home = english["home"]
    assert home["screen"] == "HomeScreen"
    assert home["sub_title"] == "Home"
    assert home["title"] == "Choose a function (↑/↓ then Enter, or type the number):"
    assert home["menu"][:3] == ["1  Children", "2  Classes / groups", "3  Staff, teachers"]
    assert home["menu"][9] == "0  System: accounts, change history, backup"
    assert len(home["menu"]) == 10
    visible = [home["sub_title"], home["title"], *home["menu"], *(d for d, _ in home["footer"])]
    assert [text for text in visible if VIETNAMESE.search(text)] == []
    assert home["counts"].startswith("Enrolled: ")


def test_english_footer_fits_80_columns(english):
    health = english["health"]
    assert health["screen"] == "HealthScreen"
    assert health["sub_title"] == "Health, weighing and measuring"
    labels = [d for d, _ in health["footer"]]
    assert labels == ["Enter measurements", "New round", "Statistics", "Health checks", "Back", "Quit"]
    assert all(not VIETNAMESE.search(label) for label in labels), labels
    assert all(0 < right <= 80 for _, right in health["footer"]), health["footer"]


def test_vietnamese_is_still_the_default(demo_db):
    # the same file and code without English: the catalogue is what makes the difference above
    home = screens_shown(SHOW_HOME, demo_db, "vi")["home"]
    assert home["sub_title"] == "Trang chủ"
    assert home["menu"][0] == "1  Trẻ em"
    assert VIETNAMESE.search(home["title"])
