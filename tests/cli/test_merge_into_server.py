"""`mamnon merge --into postgresql://…`: the province's history on a PostgreSQL server (the suite's PostgreSQL
run, MAMNON_TEST_DB; skipped on SQLite only, where tests/cli/test_trend_commands.py covers the file)."""

from __future__ import annotations

import json

import pytest

from mamnon.merge import aggregate
from tests.cli import test_trend_commands as trend
from tests.server_db import ON_SERVER

pytestmark = pytest.mark.skipif(not ON_SERVER, reason="needs the PostgreSQL test server (MAMNON_TEST_DB)")
OFFICE, PERIODS = trend.OFFICE, trend.PERIODS
reports = trend.reports  # the two schools' reports of October and November, built once (a module fixture)


def test_two_periods_merged_into_a_server_and_read_back(run, reports, server_schemas, tmp_path):
    url = server_schemas.new_url()
    for period in PERIODS:
        files, _ = reports[period.code]
        result = run("merge", *map(str, files), "-o", str(tmp_path / f"gop-{period.code}.xlsx"), *OFFICE,
                     "--into", url)
        assert result.exit_code == 0, result.output
        assert f"Đã lưu chỉ tiêu {period.label} của 3 đơn vị vào lịch sử" in result.output

    totals = {p.code: aggregate(reports[p.code][1]) for p in PERIODS}
    data = json.loads(run("trend", "TRE", "--db-url", url, "--json").output)
    assert data["values"] == [{"period": p.code, "value": totals[p.code]["TRE"]} for p in PERIODS]

    # The rows really are in the server's schema, one per unit, period and indicator code.
    from mamnon.history import TABLE, open_history

    with open_history(url, create=False) as history:
        count = history.db.execute_sql(f"SELECT COUNT(DISTINCT unit_code) FROM {TABLE}").fetchone()[0]
    assert count == 3
