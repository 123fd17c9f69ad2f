"""fixcr32 (code review of session 31): what the review found through the pages and the API — one posting's or one
seeker's "1月0日" never fails a person's 适合的岗位 page (finding 1)."""

from __future__ import annotations

import pytest

from jianfu.employment.tests.factories import TOWN, key_person_in, posting_in

pytestmark = pytest.mark.django_db


def test_a_posting_dated_1_month_0_day_leaves_the_jobs_page_listing_the_others(world):
    kp = key_person_in(profile={"desired_text": "电工，想找水电工的活", "certificates": ["电工证"]})
    posting_in(TOWN, title="小区水电工", description="小区水电维修，需电工证")
    posting_in(TOWN, title="寒假水电工", description="1月0日至2月3日，小区水电维修，需电工证")
    response = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "小区水电工" in html and "寒假水电工" in html


def test_a_seeker_off_school_on_1_month_0_day_still_gets_the_jobs_page(world):
    kp = key_person_in(profile={"desired_text": "电工，想找水电工的活", "certificates": ["电工证"],
                                "limits_note": "1月0号放假，2月22号开学"})
    posting_in(TOWN, title="水电工", description="小区水电维修，需电工证")
    response = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/")
    assert response.status_code == 200
    assert "水电工" in response.content.decode()


# ---------------------------------------------------------------------------- finding 5: a refusal's reason, cleaned


def _refusal_state(referral) -> tuple:
    from jianfu.employment.models import Referral

    r = Referral.objects.get(pk=referral.pk)
    return r.status, r.refusal_reason, r.key_person.status


@pytest.mark.parametrize("reason", ["\u200b", "\u200b\u200b\u200b", " \u200b "])
def test_a_refusal_whose_reason_cleans_to_nothing_is_refused_by_service_api_and_web(world, reason):
    from jianfu.core.errors import ApplicationError
    from jianfu.employment import services

    referral = services.referral_create(actor=world.users["village_a"], key_person=key_person_in(), posting=posting_in())
    before = _refusal_state(referral)
    with pytest.raises(ApplicationError) as caught:
        services.referral_advance(actor=world.users["village_a"], referral=referral, status="refused", reason=reason)
    assert (caught.value.field, str(caught.value.message)) == ("reason", "请填写未成功的原因。")
    response = world.api_client("village_a").post(f"/api/v1/employment/referrals/{referral.pk}/advance/",
                                                  {"status": "refused", "reason": reason}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"reason": ["请填写未成功的原因。"]}
    page = world.client("village_a").post(f"/employment/referrals/{referral.pk}/advance/",
                                          {"status": "refused", "reason": reason})
    assert page.status_code == 400
    assert "请填写未成功的原因。" in page.content.decode()
    assert _refusal_state(referral) == before


def test_a_refusal_with_a_real_reason_beside_invisible_characters_is_saved_cleaned(world):
    from jianfu.employment import services

    referral = services.referral_create(actor=world.users["village_a"], key_person=key_person_in(), posting=posting_in())
    response = world.api_client("village_a").post(f"/api/v1/employment/referrals/{referral.pk}/advance/",
                                                  {"status": "refused", "reason": "\u200b不想去\u200b"}, format="json")
    assert response.status_code == 200
    assert _refusal_state(referral)[:2] == ("refused", "不想去")


def test_an_over_long_reason_gets_one_answer_from_api_and_web(world):
    from jianfu.employment import services

    referral = services.referral_create(actor=world.users["village_a"], key_person=key_person_in(), posting=posting_in())
    before = _refusal_state(referral)
    words = "已输入 201 字，最多 200 字，超出 1 字，请删减"
    response = world.api_client("village_a").post(f"/api/v1/employment/referrals/{referral.pk}/advance/",
                                                  {"status": "refused", "reason": "不" * 201}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"reason": [words]}
    page = world.client("village_a").post(f"/employment/referrals/{referral.pk}/advance/",
                                          {"status": "refused", "reason": "不" * 201})
    assert page.status_code == 400 and words in page.content.decode()
    assert _refusal_state(referral) == before
