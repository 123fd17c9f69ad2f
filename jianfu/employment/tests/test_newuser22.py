"""newuser22 #1: the visit form's photo is shrunk in the page (jianfu.js data-shrink-photos, as on the event form) and
its label says the limit; #2 a person no longer looking for work (已就业) is said so up front on their page and their
jobs page, whose jobs are listed to read without 推荐给单位 buttons (each tap was refused)."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment.models import KeyStatus, Referral
from jianfu.employment.tests.factories import TOWN, key_person_in, posting_in

pytestmark = pytest.mark.django_db
SAID = "该人员当前状态为“已就业”，不需要推荐岗位。"


def test_the_visit_photo_is_shrunk_in_the_page_and_the_label_says_the_limit(world):
    kp = key_person_in()
    html = world.client("grid_a").get(f"/employment/people/{kp.pk}/visit/").content.decode()
    assert '<label for="id_photo">照片（可选，不超过 10 MB，较大的照片会自动压缩）</label>' in html
    assert (
        '<input type="file" name="photo" accept="image/*" capture="environment" data-shrink-photos="1600" '
        'id="id_photo">'
    ) in html


def test_a_person_in_work_is_said_up_front_and_their_jobs_have_no_refer_buttons(world):
    kp = key_person_in(status=KeyStatus.EMPLOYED, profile={"desired_text": "电工，想找水电工的活"})
    posting_in(TOWN, title="水电工", description="小区水电维修，需电工证")
    jobs = f"/employment/people/{kp.pk}/jobs/"
    before = AuditRecord.objects.count()
    for username in ("village_a", "grid_a", "town_quzhang"):
        page = world.client(username).get(f"/employment/people/{kp.pk}/").content.decode()
        assert f'<p class="alert alert-info" id="not-seeking">{SAID}</p>' in page, username
        assert f'<a class="btn btn-secondary" href="{jobs}">适合的岗位</a>' in page, username
        assert ">推荐岗位</a>" not in page, username
        listed = world.client(username).get(jobs).content.decode()
        assert f'<p class="alert alert-info" id="not-seeking">{SAID}下列岗位仅供查看。</p>' in listed, (
            username
        )
        assert "<title>适合的岗位" in listed and "水电工" in listed and "为何推荐" in listed, username
        assert "推荐给单位" not in listed and 'id="refer-note"' not in listed, username
    assert (AuditRecord.objects.count(), Referral.objects.count()) == (before, 0)


@pytest.mark.parametrize("status", [KeyStatus.UNEMPLOYED, KeyStatus.REFERRED, KeyStatus.INTERVIEWING])
def test_a_person_still_seeking_keeps_the_refer_buttons_and_no_note(world, status):
    kp = key_person_in(status=status, profile={"desired_text": "电工，想找水电工的活"})
    posting_in(TOWN, title="水电工", description="小区水电维修，需电工证")
    client = world.client("village_a")
    page = client.get(f"/employment/people/{kp.pk}/").content.decode()
    listed = client.get(f"/employment/people/{kp.pk}/jobs/").content.decode()
    assert 'id="not-seeking"' not in page and 'id="not-seeking"' not in listed
    assert f'href="/employment/people/{kp.pk}/jobs/">推荐岗位</a>' in page
    assert listed.count("推荐给单位") == 1 and "<title>推荐岗位" in listed
