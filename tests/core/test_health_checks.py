"""Health checks: the form's checks, per child and per class, findings; the demo's checks."""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from mamnon.errors import NotFound, ValidationError
from mamnon.services import children, demo, session
from mamnon.services import health_checks as hc
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)


def add(child_id, on="08/10/2026", examiner="Y tá Hà", **findings):
    return hc.add_health_check(child_id, hc.HealthCheckForm(checked_on=on, examiner=examiner, **findings),
                               today=TODAY)


def test_a_check_is_stored_and_listed_newest_first(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    first = add(a.id)
    second = add(a.id, on="20/11/2026", teeth="Sâu răng", conclusion="Khám nha khoa")
    assert first.findings == () and not first.has_findings
    assert second.findings == (("Răng miệng", "Sâu răng"),) and second.conclusion == "Khám nha khoa"
    assert [r.id for r in hc.list_health_checks(a.id)] == [second.id, first.id]
    assert hc.get_health_check(first.id).child_name == "Lê Thị An"


def test_every_form_error_is_reported_at_once(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    with pytest.raises(ValidationError) as info:
        add(a.id, on="", examiner=" ")
    assert set(info.value.errors) == {"checked_on", "examiner"}
    assert info.value.errors["examiner"] == "Cần nhập người khám."
    with pytest.raises(ValidationError, match="tương lai"):
        add(a.id, on="24/11/2026")
    with pytest.raises(ValidationError, match="trước ngày sinh"):
        add(a.id, on="01/01/2023")
    with pytest.raises(ValidationError, match="Dài quá 500"):
        add(a.id, eyes="x" * 501)
    with pytest.raises(NotFound):
        add(9999)
    assert hc.list_health_checks(a.id) == []


def test_update_and_delete(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    row = add(a.id)
    form = hc.form_for(row.id)
    assert form.checked_on == "08/10/2026" and form.examiner == "Y tá Hà"
    form.ent = "  Viêm   mũi "
    updated = hc.update_health_check(row.id, form, today=TODAY)
    assert updated.ent == "Viêm mũi" and updated.findings == (("Tai mũi họng", "Viêm mũi"),)
    form.examiner = ""
    with pytest.raises(ValidationError):
        hc.update_health_check(row.id, form, today=TODAY)
    hc.delete_health_check(row.id)
    with pytest.raises(NotFound):
        hc.delete_health_check(row.id)


@pytest.mark.parametrize("text, finding", [("", False), ("Bình thường", False), ("bình thường.", False),
                                           ("BT", False), ("Không", False), ("Sâu răng", True),
                                           ("Viêm mũi", True)])
def test_blank_or_normal_words_are_not_findings(text, finding):
    assert hc.is_finding(text) is finding


def test_class_findings_lists_children_with_a_finding_in_that_class(school_db):
    m1, la = school_db["Mầm 1"], school_db["Lá 1"]
    well = add_child(m1, "Lê Thị An", "12/04/2023")
    teeth = add_child(m1, "Trần Văn Bình", "03/02/2023", sex="M")
    nose = add_child(m1, "Đỗ Văn Dũng", "15/05/2023", sex="M")
    other_class = add_child(la, "Lê Văn Lớn", "10/01/2021", sex="M")
    add(well.id, eyes="Bình thường", conclusion="Sức khỏe tốt")
    add(teeth.id, teeth="Sâu răng")
    add(nose.id, on="20/09/2026", ent="Viêm mũi")
    add(nose.id, on="20/11/2026")
    add(other_class.id, skin="Chàm da")
    found = hc.class_findings(m1)
    assert [(f.child_name, [c.findings for c in f.checks]) for f in found] == [
        ("Trần Văn Bình", [(("Răng miệng", "Sâu răng"),)]),
        ("Đỗ Văn Dũng", [(("Tai mũi họng", "Viêm mũi"),)]),
    ]
    assert [f.child_name for f in hc.class_findings(m1, since=dt.date(2026, 10, 1))] == ["Trần Văn Bình"]
    assert [f.child_name for f in hc.class_findings(la)] == ["Lê Văn Lớn"]
    assert len(hc.list_class_checks(m1)) == 4


def test_a_check_belongs_to_the_class_the_child_was_in_that_day(school_db):
    m1, nt = school_db["Mầm 1"], school_db["Nhà trẻ A"]
    a = add_child(m1, "Lê Thị An", "12/04/2023")
    add(a.id, on="20/09/2026", teeth="Sâu răng")
    children.move_child(a.id, nt, dt.date(2026, 10, 1))
    add(a.id, on="20/11/2026", ent="Viêm họng")
    assert [c.checked_on.month for c in hc.list_class_checks(m1)] == [9]
    assert [c.checked_on.month for c in hc.list_class_checks(nt)] == [11]


def test_demo_health_checks_are_mostly_normal_with_a_few_findings():
    session.open_memory()
    try:
        s = demo.build_demo(children=250, seed=0, today=dt.date(2027, 5, 1))
        from mamnon.services import classes

        rows = [r for c in classes.list_classes() for r in hc.list_class_checks(c.id)]
        assert s.health_checks == len(rows) > 400
        per_child = collections.Counter(r.child_id for r in rows)
        assert max(per_child.values()) <= 2
        with_findings = [r for r in rows if r.has_findings]
        assert 0.03 * len(rows) <= len(with_findings) <= 0.3 * len(rows)
        texts = {text for r in with_findings for _, text in r.findings}
        assert {"Sâu răng", "Viêm mũi"} <= texts
        assert all(r.examiner for r in rows)
    finally:
        session.close()
