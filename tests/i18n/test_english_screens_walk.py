"""Walking the demo school's screens in English at 80×24: what a list shows must be English apart from data.

Found by walking the app (`MAMNON_LANG=en mamnon`): the children footer ran past 80 columns (Quit cut
off), the classes list showed age groups as «NT 13–24 tháng», the staff list stored positions and
training levels, staff quality the stage names, standards and contract types in Vietnamese.
Bindings are built at import, so each language runs in a fresh interpreter (as tests/i18n/test_english_tui.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.i18n.english_helpers import ROOT, child_env, english_only, make_demo_school, screens_shown

# Runs inside the child interpreter: pushes each screen and prints what its table, header lines and footer show.
WALK = r'''
import asyncio, json, sys
from mamnon import i18n
i18n.set_language(i18n.choose_language([]))
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey
from tui.app import make_app
from tui.screens.children import ChildrenScreen
from tui.screens.classes import ClassesScreen
from tui.screens.staff import StaffScreen
from tui.screens.staff_quality import StaffQualityScreen
from tui.screens.audit_log import AuditLogScreen
from tui.screens.census import CensusScreen
from tui.screens.dishes import DishesScreen
from tui.screens.facilities import FacilitiesScreen
from tui.screens.facilities_equipment import EquipmentScreen
from tui.screens.meal_money import MealMoneyScreen
from tui.screens.norms import NormsScreen


def shown(screen):
    table = screen.query(DataTable).first()
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return {
        "headers": [str(c.label) for c in table.columns.values()],
        "rows": rows,
        "summary": [str(w.render()) for w in screen.query("#summary")],
        "detail": [str(w.render()) for w in screen.query("#detail")],
        "footer": [(key.description, key.region.right) for key in screen.query(FooterKey)],
    }


async def main(path):
    app = make_app(path)
    out = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name, make in (("children", ChildrenScreen), ("classes", ClassesScreen), ("staff", StaffScreen),
                           ("quality", StaffQualityScreen), ("dishes", DishesScreen), ("money", MealMoneyScreen),
                           ("norms", NormsScreen), ("rooms", FacilitiesScreen), ("equipment", EquipmentScreen),
                           ("census", CensusScreen), ("audit", AuditLogScreen)):
            app.push_screen(make())
            await pilot.pause()
            await pilot.pause()
            out[name] = shown(app.screen)
            app.pop_screen()
            await pilot.pause()
    print(json.dumps(out, ensure_ascii=False))


asyncio.run(main(sys.argv[1]))
'''


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return make_demo_school(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def english(demo_db):
    return screens_shown(WALK, demo_db, "en")


@pytest.fixture(scope="module")
def vietnamese(demo_db):
    return screens_shown(WALK, demo_db, "vi")


def test_children_footer_fits_80_columns_in_english(english):
    footer = english["children"]["footer"]
    labels = [label for label, _ in footer]
    assert labels == ["Add", "Edit", "Move class", "Left school", "Show left", "Search", "Back", "Quit"]
    assert all(0 < right <= 80 for _, right in footer), footer
    english_only(" ".join(labels))


def test_classes_age_group_column_is_english_and_fits(english, vietnamese):
    groups = {row[1] for row in english["classes"]["rows"]}
    # the demo school has a class of every age group
    assert groups == {"Nurs. 3–12 mo", "Nurs. 13–24 mo", "Nurs. 25–36 mo", "KG 3–4 yrs", "KG 4–5 yrs", "KG 5–6 yrs"}
    assert all(len(g) <= 14 for g in groups)
    # in Vietnamese the column keeps the usual abbreviations
    assert {row[1] for row in vietnamese["classes"]["rows"]} == {
        "NT 3–12 tháng", "NT 13–24 tháng", "NT 25–36 tháng", "MG 3–4 tuổi", "MG 4–5 tuổi", "MG 5–6 tuổi"}


def test_staff_list_shows_positions_and_training_in_english(english, vietnamese):
    headers = english["staff"]["headers"]
    position, education = headers.index("Position"), headers.index("Education")
    rows = english["staff"]["rows"]
    for row in rows:
        english_only(row[position] + " " + row[education])
    positions = {row[position] for row in rows}
    assert {"Teacher", "Vice-principal", "Cook", "School nurse", "Security guard"} <= positions
    assert {row[education] for row in rows} <= {"Untrained", "Element.", "Intermed.", "College", "Univ.",
                                                "Master's", "Doctorate", ""}
    vi_rows = vietnamese["staff"]["rows"]
    assert {row[3] for row in vi_rows} >= {"Giáo viên", "P. hiệu trưởng", "NV nấu ăn", "NV y tế"}
    assert len(vi_rows) == len(rows)


def test_staff_quality_table_and_summary_are_english(english, vietnamese):
    quality = english["quality"]
    assert quality["headers"] == ["Full name", "Education", "Standard", "Contract", "Yrs", "Rating"]
    for row in quality["rows"]:
        english_only(" ".join(row[1:]))  # everything but the teacher's name
        assert row[2] in {"Below std.", "Meets std.", "Above std.", "Unknown"}
        assert row[3] in {"Tenured", "Contract"}
    # the stage counts, summed independently from the classes list's «size/limit» cells
    nursery = [int(row[3].split("/")[0]) for row in english["classes"]["rows"] if row[1].startswith("Nurs.")]
    kinder = [int(row[3].split("/")[0]) for row in english["classes"]["rows"] if row[1].startswith("KG")]
    summary = quality["summary"][0]
    assert summary.startswith(
        f"Nursery: {len(nursery)} classes, {sum(nursery)} children; "
        f"Kindergarten: {len(kinder)} classes, {sum(kinder)} children.")
    english_only(summary)
    vi = vietnamese["quality"]
    assert {row[3] for row in vi["rows"]} == {"Biên chế", "Hợp đồng"}
    assert vi["summary"][0].startswith(
        f"Nhà trẻ: {len(nursery)} lớp, {sum(nursery)} trẻ; Mẫu giáo: {len(kinder)} lớp, {sum(kinder)} trẻ.")


def test_stage_columns_keep_kindergarten_whole_in_english(english, vietnamese):
    # «Kindergarten» in an 8-wide column was cut to «Kinderg…»: the narrow form is a word, the ellipsis gone
    for screen, column in (("money", 1), ("norms", 2)):
        stages = {row[column] for row in english[screen]["rows"]}
        assert stages == {"Nursery", "Kinderg."}, (screen, stages)
        assert {row[column] for row in vietnamese[screen]["rows"]} == {"Nhà trẻ", "Mẫu giáo"}
    dishes = english["dishes"]
    assert dishes["headers"][1:3] == ["Nursery", "Kinderg."]
    # «3 TP» (thành phần) glued a Vietnamese abbreviation into the English column
    assert all(cell.endswith(" ingr.") for row in dishes["rows"] for cell in row[1:3])
    assert all(cell.endswith(" TP") for row in vietnamese["dishes"]["rows"] for cell in row[1:3])
    # the same counts in both languages
    assert [[c.split()[0] for c in row[1:3]] for row in dishes["rows"]] == [
        [c.split()[0] for c in row[1:3]] for row in vietnamese["dishes"]["rows"]]


def test_facilities_show_room_types_conditions_and_equipment_in_english(english, vietnamese):
    rooms = english["rooms"]["rows"]
    assert rooms, "the demo school has rooms"
    for row in rooms:
        english_only(row[1] + " " + row[2])  # the site's name (column 0) is data
    assert {row[2] for row in rooms} <= {"Solid", "Semi-solid", "Temporary"}
    assert {row[2] for row in vietnamese["rooms"]["rows"]} <= {"Kiên cố", "Bán kiên cố", "Tạm"}
    equipment = english["equipment"]["rows"]
    assert "Towel rack" in {row[0] for row in equipment}
    for row in equipment:
        english_only(" ".join(row))
    assert "Giá phơi khăn mặt" in {row[0] for row in vietnamese["equipment"]["rows"]}


def test_census_completion_column_has_an_english_header(english, vietnamese):
    assert english["census"]["headers"][-1] == "Done"
    assert vietnamese["census"]["headers"][-1] == "HT"
    # «Done» is marked for the same children as «HT»
    assert [row[-1] for row in english["census"]["rows"]] == [row[-1] for row in vietnamese["census"]["rows"]]


def test_change_history_names_every_field_of_a_lunch_support_record(english, vietnamese):
    # the demo's newest changes are lunch support records: their fields showed as «approved_by», «evidence»
    detail = english["audit"]["detail"][0]
    assert "Approved by: " in detail and "Documents: " in detail and "Group: " in detail
    assert not any(raw + ":" in detail for raw in ("approved_by", "approved_on", "evidence", "group"))
    assert detail.startswith("Add Lunch support")
    vi_detail = vietnamese["audit"]["detail"][0]
    assert "Người duyệt: " in vi_detail and "Giấy tờ: " in vi_detail



# Texts read in English without running the app: the merge form's labels and the Excel menu.
LABELS = r'''
import json
from mamnon import i18n
i18n.set_language(i18n.choose_language([]))
from tui.screens.merge import fields
from tui.screens.workbooks import ITEMS
print(json.dumps({"merge": [(f.label, f.required) for f in fields()], "menu": [item[1] for item in ITEMS]},
                 ensure_ascii=False))
'''


def _labels(folder, lang: str) -> dict:
    run = subprocess.run([sys.executable, "-c", LABELS], capture_output=True, text=True, encoding="utf-8",
                         env=child_env(folder, lang), cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_merge_form_labels_fit_their_column_and_units_are_english(tmp_path):
    shown = _labels(tmp_path, "en")
    # the label column is 18 wide: a label with its « *» longer than 17 wrapped onto a second line
    labels = [label + (" *" if required else "") for label, required in shown["merge"]]
    assert all(len(label) <= 17 for label in labels), labels
    assert labels[1:3] == ["Unit code *", "Unit name *"]
    # «(Phòng, Sở)» glued Vietnamese office names into the English menu
    assert "Merge reports of units (district, province)" in shown["menu"]
    for item in shown["menu"]:
        english_only(item)
    assert "Gộp báo cáo các đơn vị (Phòng, Sở)" in _labels(tmp_path, "vi")["menu"]
