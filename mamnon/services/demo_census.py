"""The demo school's phổ cập census: its commune, two villages, the school's children linked and the other
children of the area — at another school, at home, moved away — so every screen of the census has figures.

Census year = the calendar year the school year starts in (docs/census.md). The
children of the school born outside the census years (none in a normal demo)
are left out by `census.link_school_children` itself.
"""

# i18n-data: the demo school's census (names of places, households), stored values, not interface
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from mamnon.models import CensusEntry, Child
from mamnon.services import census
from mamnon.services.census_recognition import set_condition
from mamnon.services.census_rules import ND20_5T, conditions_of

OTHER_SCHOOLS = ("MN Tư thục Hoa Sen", "MN Sao Mai")
# Children of the area not at the school, per age 0–5: (at another school, at home, moved away).
OTHERS_PER_AGE = {0: (0, 9, 0), 1: (0, 7, 1), 2: (1, 5, 0), 3: (2, 2, 0), 4: (2, 1, 1), 5: (1, 0, 0)}
NOT_COMPLETED_SHARE = 0.06
"""Attending 3–5-year-olds not (yet) marked as having completed the programme of their age."""


def fill_demo_census(rng: random.Random, *, commune: str, year: int, today: dt.date) -> int:
    """The census of `year` for the school's commune; returns the number of entries."""
    from mamnon.services.demo import _Names

    homes = Counter(v for (v,) in Child.select(Child.village).where(Child.village != "").tuples())
    villages = [v for v, _n in homes.most_common(2)] or ["Thôn Đông", "Thôn Tây"]
    if len(villages) == 1:
        villages.append("Thôn Tây" if villages[0] != "Thôn Tây" else "Thôn Đông")
    rows = [census.add_village(commune, v) for v in villages]
    # The school's children of other villages are surveyed in the first one (the survey's choice).
    census.link_school_children(year, village_id=rows[0].id)
    names = _Names(rng)
    for age, (other, home, moved) in OTHERS_PER_AGE.items():
        for status, n in ((census.OTHER, other), (census.NONE, home), (census.MOVED, moved)):
            for _i in range(n):
                sex = "M" if rng.random() < 0.5 else "F"
                family = names.family()
                birth = dt.date(year - age, 1, 1) + dt.timedelta(days=rng.randrange(330))
                if birth > today:
                    birth = dt.date(year - age, 1, 1)
                form = census.EntryForm(
                    village_id=rng.choice(rows).id, full_name=names.child(sex, family),
                    birth_date=birth, sex=sex, guardian_name=names.adult("M", family), status=status,
                    school_name=rng.choice(OTHER_SCHOOLS) if status == census.OTHER else "")
                if status == census.MOVED:
                    form.status_date = min(today, dt.date(year, 9, 1) + dt.timedelta(days=rng.randrange(40)))
                    form.destination = "Bình Dương"
                census.create_entry(year, form, today=today)
    attending = [r for r in census.list_entries(year) if r.attending and 3 <= r.age <= 5]
    done = [r.id for r in attending if rng.random() >= NOT_COMPLETED_SHARE]
    if done:
        CensusEntry.update(completed=True).where(CensusEntry.id.in_(done)).execute()
    # The commune has long been recognised for the 5-year-olds; the 3–5 conditions are still to be confirmed.
    for condition in conditions_of(ND20_5T):
        set_condition(year, commune, condition.code, True)
    return CensusEntry.select().where(CensusEntry.year == year).count()
