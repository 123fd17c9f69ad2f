"""emp-fix27 #1 through `manage.py employment_match`: a birth month in the 备注 column and a start written without its
year in 岗位描述 count the age on the start, read from the command's today."""

from datetime import date

import pytest

from jianfu.employment.tests.test_employment_match_command import (
    JOB_HEADER,
    SEEKER_HEADER,
    read_out,
    run,
    write_csv,
)


@pytest.fixture
def december(monkeypatch):
    monkeypatch.setattr("jianfu.registry.ledger.values.local_today", lambda: date(2026, 12, 6))


def test_the_age_on_the_start_through_the_csv_command(tmp_path, december):
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, [
        ["S1", "林某", "男", "17", "初中", "廉州镇", "在校生", "寒假想进厂", "", "", "3000", "县内", "2009年1月生；家长同意"],
        ["S2", "黄某", "男", "17", "初中", "廉州镇", "在校生", "寒假想进厂", "", "", "3000", "县内", ""],
    ])
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, [
        ["J1", "某电子厂", "寒假工", "80", "初中以上", "18-35周岁", "不限", "", "3000元/月", "廉州镇", "2月1日进厂，做到3月15日，长白班", ""],
        ["J2", "某电子厂", "寒假工", "80", "初中以上", "18-35周岁", "不限", "", "3000元/月", "廉州镇", "1月20日进厂，做到2月25日，长白班", ""],
    ])
    rows = read_out(run(tmp_path, seekers, jobs))
    assert [(r["seeker_id"], r["job_id"], r["rank"]) for r in rows] == [("S1", "J1", "1")]
    assert "2027年2月1日到岗时18岁，符合18–35岁" in rows[0]["reasons"]
