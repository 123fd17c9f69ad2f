"""mend31 #7: the demo showed /employment/postings/298/ 钟点工（做饭打扫） at 8000–12000元/月 — the synthetic generator draws a
家政 wage for the sector, not the job. The demo's 家政 postings now pay what such a job is advertised at."""

from __future__ import annotations

import io
import random

import pytest
from openpyxl import load_workbook

from jianfu.employment import demo
from jianfu.employment.matching import synth

pytestmark = pytest.mark.django_db


def test_every_domestic_posting_of_the_demo_pays_what_its_job_pays():
    towns = ["曲樟乡", "廉州镇", "党江镇", "山口镇"]
    rows = list(load_workbook(io.BytesIO(demo._postings_xlsx(towns, random.Random(1)))).active.iter_rows(values_only=True))[2:]
    title_at, wage_at = synth.JOB_HEADERS.index("岗位名称"), synth.JOB_HEADERS.index("月薪")
    domestic = [(r[title_at], r[wage_at]) for r in rows if r[title_at] in demo.JOB_WAGES]
    assert len(domestic) > 20
    assert [(t, w) for t, w in domestic if w not in demo.JOB_WAGES[t]] == []
    hourly = {w for t, w in domestic if t == "钟点工（做饭打扫）"}
    assert hourly <= {"25元/小时", "30元/小时"} and hourly
    # the other sectors' postings are drawn as before: the same workbook but for the 家政 wages
    drawn = [synth.job_row(j) for j in synth.jobs(2000, seed=demo.SEED, geography=synth.Geography(towns))]
    assert {(r[title_at], r[wage_at]) for r in rows if r[title_at] not in demo.JOB_WAGES and r[0].startswith("J")} \
        <= {(r[title_at], r[wage_at]) for r in drawn}
