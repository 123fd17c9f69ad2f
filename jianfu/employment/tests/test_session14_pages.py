"""Session 14 (newuser14): what the employment pages show after a review, a long field, a single wage figure."""

from __future__ import annotations

import pytest

from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

pytestmark = pytest.mark.django_db

FLAGS = [{"code": "gender", "label": "限定性别或性别优先", "excerpt": "限男性，已婚已育优先", "laws": ["《就业促进法》第二十七条"]}]


@pytest.mark.parametrize(("action", "status", "message", "conclusion"), [
    ("withdraw", PostingStatus.WITHDRAWN, "已下架。", "核查结论：已下架"),
    ("clear", PostingStatus.OPEN, "已核查无误，岗位已公开。", "核查结论：核查无误，已公开"),
])
def test_after_the_review_the_page_says_done_and_shows_the_conclusion_not_the_flag(world, action, status, message,
                                                                                  conclusion):
    """N03: 下架 reloaded with no message, the yellow 需核查 box and the reason typed shown nowhere."""
    hrss = hrss_account(world)
    hrss.display_name = "人社局张科员"   # the conclusion names the account by its 姓名, not its login (newuser24)
    hrss.save(update_fields=["display_name"])
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="装配工", flags=FLAGS)
    client = world.client("dept_hrss")
    response = client.post(f"/employment/postings/{posting.pk}/{action}/", {"note": "限定性别和婚育状况，已联系单位"},
                           follow=True)
    assert Posting.objects.get(pk=posting.pk).status == status
    assert [str(m) for m in response.context["messages"]] == [message]
    html = response.content.decode()
    assert "疑似就业歧视，需核查" not in html
    assert conclusion in html
    assert "说明：限定性别和婚育状况，已联系单位" in html
    assert "人社局张科员 于 " in html and "dept_hrss 于 " not in html
    assert "曾提示的疑似歧视内容：限定性别或性别优先“限男性，已婚已育优先”" in html
    assert 'name="note"' not in html   # the 说明 box belongs to the review only, not left alone after it


def test_a_refused_review_keeps_the_flag_box_and_says_why(world):
    hrss_account(world)
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="装配工", flags=FLAGS)
    response = world.client("dept_hrss").post(f"/employment/postings/{posting.pk}/clear/", {"note": "  "},
                                               follow=True)
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    html = response.content.decode()
    # beside the 说明 box, not again as the page's message (fix-cr31b #2)
    assert [str(m) for m in response.context["messages"]] == []
    assert '<ul class="errorlist" id="note_error"><li>请写明核查结论。</li></ul>' in html and html.count("请写明核查结论。") == 1
    assert "疑似就业歧视，需核查" in html
    assert "review-conclusion" not in html


@pytest.mark.parametrize(("field", "limit"), [("limits_note", 200), ("desired_text", 200), ("certificates", 200),
                                              ("experience", 500), ("wage", 40)])
def test_every_free_text_field_of_the_profile_refuses_a_long_value_whole_with_a_counter(world, field, limit):
    """N07: 5000 characters pasted into 其他限制 were cut to 200 by the browser's maxlength and saved."""
    from jianfu.employment.models import SeekerProfile
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in(profile={"desired_text": "想进厂", "limits_note": "不能干重活", "wage_min": 3000,
                                "wage_max": 4000})
    client = world.client("village_a")
    page = client.get(f"/employment/people/{kp.pk}/profile/").content.decode()
    tag = page.split(f'name="{field}"')[1].split(">")[0]
    assert f'data-maxlength="{limit}"' in tag and " maxlength=" not in tag
    data = {"desired_text": "想进厂", "limits_note": "不能干重活", "wage": "3000-4000", field: "长" * 5000}
    response = client.post(f"/employment/people/{kp.pk}/profile/", data)
    errors = response.content.decode().split(f'name="{field}"')[1].split("</div>")[0]
    assert response.status_code == 400
    assert f"<li>已输入 5000 字，最多 {limit} 字，超出 {5000 - limit} 字，请删减</li>" in errors
    profile = SeekerProfile.objects.get(key_person=kp)
    assert (profile.desired_text, profile.limits_note, profile.wage_min, profile.wage_max) == (
        "想进厂", "不能干重活", 3000, 4000)


@pytest.mark.parametrize(("low", "high", "shown"), [(3000, 3000, "3000"), (3000, 4000, "3000-4000"),
                                                    (3500, None, "3500以上"), (None, 4000, "4000以内"),
                                                    (None, None, "")])
def test_the_profile_form_refills_the_wage_as_one_figure_or_a_named_bound(world, low, high, shown):
    """N16: a single figure was refilled "3000-3000"; a ceiling alone "4000", read back as a floor."""
    from jianfu.employment import parsing
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in(profile={"desired_text": "想进厂", "wage_min": low, "wage_max": high})
    form = world.client("village_a").get(f"/employment/people/{kp.pk}/profile/").context["form"]
    assert form.initial["wage"] == shown
    if high is None or low != high:   # read back, the refilled words give the same bounds
        assert parsing.wage(shown) == (low, high)


def test_the_refilled_wage_saved_unchanged_keeps_the_stored_bounds_and_a_new_one_is_read(world):
    """N16: "3000" refilled for 3000–3000 and saved as it stands must not become "3000 and up"."""
    from jianfu.employment.models import SeekerProfile
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in(profile={"desired_text": "想进厂", "wage_min": 3000, "wage_max": 3000})
    client = world.client("village_a")
    response = client.post(f"/employment/people/{kp.pk}/profile/", {"desired_text": "想进厂", "wage": "3000"})
    assert response.status_code == 302
    profile = SeekerProfile.objects.get(key_person=kp)
    assert (profile.wage_min, profile.wage_max, profile.wage_display) == (3000, 3000, "3000元")
    client.post(f"/employment/people/{kp.pk}/profile/", {"desired_text": "想进厂", "wage": "3500"})
    profile.refresh_from_db()
    assert (profile.wage_min, profile.wage_max) == (3500, None)


def test_the_service_refuses_a_long_limit_whole_not_cut(world):
    """N07: the service cut 其他限制 at 200 characters (a path without the form, such as the API, saved it cut)."""
    from jianfu.core.errors import ApplicationError
    from jianfu.employment import services
    from jianfu.employment.models import SeekerProfile
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in(profile={"desired_text": "想进厂", "wage_min": 3500, "wage_max": None})
    profile = SeekerProfile.objects.get(key_person=kp)

    with pytest.raises(ApplicationError) as refused:
        services.profile_save(actor=world.users["village_a"], key_person=kp,
                              data={"desired_text": "想进厂", "limits_note": "长" * 201, "wage": "4000"})
    assert (refused.value.message, refused.value.field) == ("其他限制过长（最多200字）。", "limits_note")
    profile.refresh_from_db()
    assert (profile.limits_note, profile.wage_min, profile.wage_max) == ("", 3500, None)
