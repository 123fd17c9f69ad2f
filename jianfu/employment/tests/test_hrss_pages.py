"""Session 12's 人社局 day, the page side: 岗位管理 lists live postings first (U14), a held batch shows its first
rows and links all of them (U11), 纳入帮扶 says up front when 失业认定日期 is required (U05)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.core.formtokens import token_new
from jianfu.employment.forms import KeyPersonForm
from jianfu.employment.models import KeyPerson, Posting, PostingImport, PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, person_in, posting_in

pytestmark = pytest.mark.django_db


def _aged(posting: Posting, days: int) -> Posting:
    Posting.objects.filter(pk=posting.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    return posting


def test_the_managed_list_puts_open_postings_first_then_pending_flagged_ended_withdrawn(world):
    hrss_account(world)
    withdrawn_new = _aged(posting_in(TOWN, status=PostingStatus.WITHDRAWN, title="新下架"), 0)
    withdrawn_old = _aged(posting_in(TOWN, status=PostingStatus.WITHDRAWN, title="旧下架"), 9)
    open_old = _aged(posting_in(TOWN, title="旧招聘"), 8)
    open_new = _aged(posting_in(TOWN, title="新招聘"), 1)
    closed = _aged(posting_in(TOWN, status=PostingStatus.CLOSED, title="已结束"), 0)
    flagged = _aged(posting_in(TOWN, status=PostingStatus.FLAGGED, title="待核查"), 2)
    pending = _aged(posting_in(TOWN, status=PostingStatus.PENDING, title="待确认"), 3)
    page = world.client("dept_hrss").get("/employment/postings/").context["page"]
    assert [p.pk for p in page] == [open_new.pk, open_old.pk, pending.pk, flagged.pk, closed.pk,
                                    withdrawn_new.pk, withdrawn_old.pk]
    # a status filter still narrows to that status, newest first
    only = world.client("dept_hrss").get("/employment/postings/?status=withdrawn").context["page"]
    assert [p.pk for p in only] == [withdrawn_new.pk, withdrawn_old.pk]


def test_a_held_batch_shows_its_first_ten_rows_and_links_the_whole_batch(world):
    hrss = hrss_account(world)
    held = PostingImport.objects.create(org_code="450521000000", original_name="岗位.xlsx", status="awaiting",
                                        created_by=hrss, created_count=12)
    rows = [posting_in(TOWN, status=PostingStatus.PENDING, batch=held, title=f"叉车司机{i}", wage_min=4000 + i,
                       wage_max=5000) for i in range(12)]
    other = PostingImport.objects.create(org_code="450521000000", original_name="另一批.xlsx", status="awaiting",
                                         created_by=hrss, created_count=1)
    posting_in(TOWN, status=PostingStatus.PENDING, batch=other, title="仓管员")
    response = world.client("dept_hrss").get(f"/employment/postings/import/{held.pk}/")
    assert response.status_code == 200
    assert [p.pk for p in response.context["held"]] == [p.pk for p in rows[:10]]
    page = response.content.decode()
    assert "前 10 个待发布岗位" in page and "叉车司机0" in page and "4000–5000元/月" in page
    assert "叉车司机10" not in page
    link = f'href="/employment/postings/?batch={held.pk}&amp;status=pending"'
    assert link in page and "在岗位管理中查看本批全部 12 个待发布岗位" in page
    listed = world.client("dept_hrss").get(f"/employment/postings/?batch={held.pk}&status=pending")
    assert sorted(p.pk for p in listed.context["page"]) == sorted(p.pk for p in rows)
    assert "只显示导入批次“岗位.xlsx”的岗位。" in listed.content.decode()
    # a committed batch shows no held rows
    PostingImport.objects.filter(pk=held.pk).update(status="committed")
    assert world.client("dept_hrss").get(f"/employment/postings/import/{held.pk}/").context["held"] == []


def test_the_unemployment_date_says_up_front_when_it_is_required(world):
    person = person_in()                              # unemployed in the registry: 登记失业人员 comes pre-ticked
    page = world.client("village_a").get(f"/employment/people/add/?person={person.pk}").content.decode()
    # each hint names its box as the box is labelled (newuser30 #3: it said “高校毕业生”, a box the form has not)
    assert "勾选“登记失业人员”时必填。" in page and "勾选“未就业高校毕业生”时必填。" in page
    assert ('<label for="id_groups_1"><input type="checkbox" name="groups" value="is_graduate" id="id_groups_1">\n'
            ' 未就业高校毕业生</label>') in page
    assert "勾选“高校毕业生”" not in page
    assert '<label for="id_unemployment_registered_on">失业认定日期 *</label>' in page
    assert 'data-required-with="is_registered_unemployed"' in page and "employment/required_when.js" in page
    assert KeyPersonForm(initial={"groups": ["is_rural_labour"]})["unemployment_registered_on"].label == "失业认定日期"
    bound = KeyPersonForm(data={"groups": ["is_registered_unemployed", "is_graduate"]})
    assert (bound["unemployment_registered_on"].label, bound["graduation_year"].label) == ("失业认定日期 *", "毕业年份 *")
    # the service still decides: ticked and no date → the field's error, nothing written
    refused = world.client("village_a").post("/employment/people/add/", {
        "person": person.pk, "groups": ["is_registered_unemployed"], "form_token": token_new()})
    assert refused.status_code == 400 and "登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。" in refused.content.decode()
    assert KeyPerson.objects.filter(person=person).count() == 0
