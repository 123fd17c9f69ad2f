"""N11 (session 14): a wage written for a day ("日结150元") keeps its words beside the monthly estimate, in the
posting's lists and detail and in the matcher's reasons; a monthly wage reads as before."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import wage_as_written
from jianfu.employment.matching.types import Job, Seeker
from jianfu.employment.tests.test_matching_generalise import GAZ


@pytest.mark.parametrize(("text", "written"), [
    ("日结150元", "日结150元"), ("150元/天", "150元/天"), ("时薪18元", "时薪18元"), ("年薪6万", "年薪6万"),
    ("3000-4500元/月", ""), ("3500元+计件", ""), ("面议", ""), ("日结", ""), ("4000元，日结", ""), ("", ""),
])
def test_a_wage_for_another_period_keeps_its_words(text, written):
    assert wage_as_written(text) == written


def test_the_reason_gives_the_day_wage_beside_the_monthly_estimate():
    seeker = Seeker(id="S", age=45, residence="公馆镇", desired="什么都能干", places="本镇")
    day = Job(id="J1", title="建筑杂工", place="公馆镇", wage="日结150元")
    month = Job(id="J2", title="建筑杂工", place="公馆镇", wage="3900元/月")
    recs = {r.job_id: r.reasons for r in Matcher(jobs=[day, month], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)}
    assert "工资日结150元（约合3900元/月）" in recs["J1"] and "月薪3900元" not in recs["J1"]
    assert "月薪3900元" in recs["J2"] and "约合" not in recs["J2"]


@pytest.mark.django_db
def test_lists_and_detail_show_the_wage_as_written_beside_the_estimate(world):
    from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

    hrss_account(world)
    day = posting_in(TOWN, title="荔枝采摘工", wage_min=3900, wage_max=None, wage_text="日结150元")
    month = posting_in(TOWN, title="分拣工", wage_min=3500, wage_max=None, wage_text="3500元")
    assert (day.wage_display, day.wage_note) == ("日结150元（约合3900元/月）", "")
    assert (month.wage_display, month.wage_note) == ("3500元/月", "")   # one figure, no 起 written (emend32 #4)
    client = world.client("dept_hrss")
    for url in ("/employment/postings/", f"/employment/postings/{day.pk}/", "/employment/jobs/",
                f"/employment/jobs/{day.pk}/"):
        html = client.get(url).content.decode()
        assert "日结150元（约合3900元/月）" in html, url
        assert "3900元/月起" not in html, url
