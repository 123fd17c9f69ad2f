"""The phone flows end to end through the web: take a person in, fill the profile in colloquial words,
see the matcher's jobs with their explanation, refer, record outcomes; and the matcher's seeker side stays
inside the account's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import matchsvc
from jianfu.employment.models import KeyPerson, Referral, SeekerProfile
from jianfu.employment.tests.factories import (
    GRID_A,
    VILLAGE_A,
    key_person_in,
    person_in,
    posting_in,
    refer_confirmed,
)

pytestmark = pytest.mark.django_db


def test_take_in_fill_profile_refer_and_place_on_a_phone(world):
    person = person_in(name="黄秀梅", birth=dt.date(1988, 5, 6))
    near = posting_in("450521200000", title="海产品分拣工", description="冻虾分拣包装，白班，计件", age_min=18,
                      age_max=50, place_code="450521200000", place_text="曲樟乡")
    posting_in("450521200000", title="电子厂普工（夜班）", description="流水线，只招18-25岁", age_min=18, age_max=25,
               place_code="450521200000")
    client = world.client("grid_a")
    found = client.get("/employment/people/add/", {"q": "黄秀梅"}).content.decode()
    assert "黄秀梅" in found and f"?person={person.pk}" in found
    response = client.post("/employment/people/add/", {"person": person.pk, "groups": ["is_rural_labour",
                                                                                       "is_returning_migrant"],
                                                       "form_token": token_new()})
    kp = KeyPerson.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == f"/employment/people/{kp.pk}/profile/"
    response = client.post(f"/employment/people/{kp.pk}/profile/", {
        "desired_text": "做过流水线，想进厂，离家近就行", "certificates": "有健康证", "wage": "3500以上",
        "places": ["town"], "limits": ["day_only"]})
    assert response.status_code == 302, response.content.decode()[:500]
    kp.refresh_from_db()
    assert kp.profile.certificates == ["健康证"] and kp.profile.wage_min == 3500 and kp.profile.occupation_code
    detail = client.get(f"/employment/people/{kp.pk}/").content.decode()
    assert "本镇" in detail and "只能上白班" in detail and "返乡农民工" in detail
    page = client.get(f"/employment/people/{kp.pk}/jobs/").content.decode()
    assert "海产品分拣工" in page and "为何推荐" in page
    assert "电子厂普工（夜班）" not in page          # 18–25 only: never offered to a 37-year-old
    recs = matchsvc.jobs_for(kp, top=10)
    assert recs[0][0].pk == near.pk and recs[0][1].reasons
    refer_confirmed(client, f"/employment/people/{kp.pk}/refer/{near.pk}/", {"score": recs[0][1].score,
                                                                             "reasons": recs[0][1].reasons})
    referral = Referral.objects.get()
    assert referral.reasons == recs[0][1].reasons[:500] and KeyPerson.objects.get(pk=kp.pk).status == "referred"
    client.post(f"/employment/referrals/{referral.pk}/advance/", {"status": "hired"})
    kp.refresh_from_db()
    assert kp.status == "employed" and kp.placed_on is not None
    assert list(kp.history.order_by("id").values_list("to_status", flat=True)) == [
        "unemployed", "referred", "employed"]


def test_bad_profile_input_shows_the_error_on_the_field_and_saves_nothing(world):
    kp = key_person_in()
    response = world.client("village_a").post(f"/employment/people/{kp.pk}/profile/", {
        "desired_text": "想进厂", "wage": "看心情", "places": ["town"]})
    assert response.status_code == 400 and "无法识别的工资" in response.content.decode()
    assert SeekerProfile.objects.count() == 0


def test_seekers_for_a_posting_stay_in_the_accounts_scope(world):
    posting = posting_in("450521200000", title="海产品分拣工", description="分拣包装")
    mine = key_person_in(profile={"desired_text": "想进厂做分拣", "places": ["town", "county"]})
    theirs = key_person_in("450521200201", None, profile={"desired_text": "想进厂做分拣", "places": ["town", "county"]})
    got_a = {kp.pk for kp, _rec in matchsvc.seekers_for(world.users["village_a"], posting)}
    got_town = {kp.pk for kp, _rec in matchsvc.seekers_for(world.users["town_quzhang"], posting)}
    assert got_a == {mine.pk} and got_town == {mine.pk, theirs.pk}


def test_api_reveal_is_audited_and_lists_are_masked(world):
    kp = key_person_in()
    api = world.api_client("village_a")
    listed = api.get("/api/v1/employment/people/").json()["results"][0]
    assert "*" in listed["id_number"] and "*" in listed["phone"]
    before = AuditRecord.objects.filter(action="pii.reveal").count()
    value = api.post(f"/api/v1/employment/people/{kp.pk}/reveal/", {"field": "id_number"}, format="json").json()
    assert len(value["value"]) == 18 and "*" not in value["value"]
    assert AuditRecord.objects.filter(action="pii.reveal").count() == before + 1
    assert world.api_client("village_b").get(f"/api/v1/employment/people/{kp.pk}/").status_code == 404


def test_referral_outcomes_are_what_the_matcher_learns_from(world):
    from jianfu.employment import services
    from jianfu.employment.matching import Outcome

    kp = key_person_in()
    posting = posting_in()
    referral = services.referral_create(actor=world.users["village_a"], key_person=kp, posting=posting)
    services.referral_advance(actor=world.users["village_a"], referral=referral, status="refused", reason="要上夜班",
                              refused_by="seeker")
    assert matchsvc.outcomes() == [Outcome(seeker_id=str(kp.pk), job_id=str(posting.pk), stage="refused",
                                           reason="要上夜班", by="seeker")]


def test_script_in_a_posting_is_shown_as_text(world):
    posting = posting_in(title="<script>alert(1)</script>分拣工", description="<img src=x onerror=alert(1)>")
    body = world.client(None).get(f"/employment/jobs/{posting.pk}/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;分拣工" in body
    assert "<img src=x" not in body


def test_registry_suggests_people_who_may_need_help(world):
    from jianfu.employment import selectors

    poor = person_in(birth=dt.date(1975, 1, 1), is_poverty_alleviated=True, employment_status="")
    jobless = person_in(birth=dt.date(1995, 1, 1))
    person_in(birth=dt.date(1990, 1, 1), employment_status="employed", is_dibao=True)
    person_in(birth=dt.date(1950, 1, 1))                                  # past working age
    person_in("450521200201", None, birth=dt.date(1992, 1, 1))            # another village
    key_person_in(person=person_in(birth=dt.date(1993, 1, 1)))             # already taken in
    got = [(p.pk, groups) for p, groups in selectors.registry_candidates(user=world.users["village_a"])]
    assert got == [(poor.pk, ["is_poverty_labour"]), (jobless.pk, ["is_registered_unemployed"])]
    page = world.client("village_a").get(f"/employment/people/add/?person={poor.pk}").content.decode()
    import re

    checked = re.findall(r'<input type="checkbox" name="groups" value="(\w+)"[^>]*checked', page)
    assert checked == ["is_poverty_labour"]


def test_reveal_button_only_for_accounts_that_may_reveal(world):
    kp = key_person_in()
    assert "查看完整号码" in world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    page = world.client("grid_a").get(f"/employment/people/{kp.pk}/").content.decode()
    assert "查看完整号码" not in page and kp.person.phone_masked in page


def test_a_person_not_found_is_registered_and_the_cadre_comes_back_with_them_chosen(world):
    """Session 7 (a new user's trial): "没有找到" told the cadre to register the person in “人员” with no way there or
    back. Now a link registers first and returns to 纳入帮扶 with the new person chosen; only a fixed destination."""
    from jianfu.registry.models import Person

    client = world.client("village_a")
    page = client.get("/employment/people/add/", {"q": "黄小燕"}).content.decode()
    assert 'id="register-first" href="/registry/persons/new/?then=employment&amp;name=%E9%BB%84%E5%B0%8F%E7%87%95"' in page
    response = client.post("/registry/persons/new/?then=employment",
                           {"form_token": token_new(), "org_code": "450521200206", "name": "黄小燕", "residence_status": "huji", "status": "active"})
    person = Person.objects.get(name="黄小燕")
    assert response.status_code == 302 and response["Location"] == f"/employment/people/add/?person={person.pk}"
    assert "黄小燕" in client.get(response["Location"]).content.decode()
    other = client.post("/registry/persons/new/?then=https://evil.example/",
                        {"form_token": token_new(), "org_code": "450521200206", "name": "黄大燕", "residence_status": "huji", "status": "active"})
    assert other["Location"] == f"/registry/persons/{Person.objects.get(name='黄大燕').pk}/"   # no open redirect
    # a township clerk, who registers nobody at a village from here, is not sent to a page that would refuse them
    township = world.client("town_quzhang").get("/employment/people/add/", {"q": "黄中燕"}).content.decode()
    assert "没有找到" in township and 'id="register-first"' not in township


def test_the_register_hint_is_a_link_and_the_registry_page_offers_taking_into_help(world):
    from jianfu.registry.models import Person

    page = world.client("village_a").get("/employment/people/add/").content.decode()
    assert ('登记库里没有的，请先<a id="register-link" href="/registry/persons/new/?then=employment">在“人员”中登记</a>'
            '，登记后回到这里。') in page
    township = world.client("town_quzhang").get("/employment/people/add/").content.decode()
    assert 'id="register-link"' not in township and "登记库里没有的，请村（社区）先在“人员”中登记。" in township
    person = person_in(VILLAGE_A, GRID_A)
    button = f'<a class="btn btn-secondary" id="take-into-help" href="/employment/people/add/?person={person.pk}">纳入就业帮扶</a>'
    for role in ("village_a", "grid_a", "town_quzhang"):
        assert button in world.client(role).get(f"/registry/persons/{person.pk}/").content.decode(), role
    # county_office reads the registry but adds nobody to employment help here
    assert 'id="take-into-help"' not in world.client("county_office").get(f"/registry/persons/{person.pk}/").content.decode()
    # once in help, the button is gone
    key_person_in(person=Person.objects.get(pk=person.pk))
    assert 'id="take-into-help"' not in world.client("village_a").get(f"/registry/persons/{person.pk}/").content.decode()


def test_date_inputs_carry_iso_values_the_browser_accepts(world):
    from jianfu.registry.ledger.values import local_today
    from jianfu.registry.models import Person

    kp = key_person_in()
    page = world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    assert f'<input type="date" name="started_on" value="{local_today():%Y-%m-%d}"' in page
    # the same widget everywhere: the registry's edit form keeps a birth date instead of showing it empty
    Person.objects.filter(pk=kp.person.pk).update(birth_date=dt.date(1986, 3, 4))
    edit = world.client("village_a").get(f"/registry/persons/{kp.person.pk}/edit/").content.decode()
    assert '<input type="date" name="birth_date" value="1986-03-04"' in edit


def test_the_visit_form_counts_instead_of_cutting_and_names_the_limit(world):
    from jianfu.employment.models import Visit

    kp = key_person_in()
    client = world.client("village_a")
    page = client.get(f"/employment/people/{kp.pk}/visit/").content.decode()
    field = page.split('name="next_step"')[1].split(">")[0]
    assert 'data-maxlength="200"' in field and " maxlength=" not in field
    response = client.post(f"/employment/people/{kp.pk}/visit/", {"outcome": "met", "next_step": "推荐" * 101,
                                                                   "form_token": token_new()})
    assert response.status_code == 400 and "200" in response.content.decode().split('class="errorlist"')[1][:200]
    assert Visit.objects.count() == 0


def test_ten_thousand_characters_in_the_next_step_give_one_message(world):
    # N13: two messages for one field, the counter's and Django's "确保该变量包含不超过 200 字符"
    from jianfu.employment.models import Visit

    kp = key_person_in()
    response = world.client("grid_a").post(f"/employment/people/{kp.pk}/visit/",
                                           {"outcome": "phone", "next_step": "长" * 10_000, "form_token": token_new()})
    page = response.content.decode()
    errors = page.split('name="next_step"')[1].split("</div>")[0]
    assert response.status_code == 400 and "确保" not in page
    assert errors.count("<li>") == 1 and "<li>已输入 10000 字，最多 200 字，超出 9800 字，请删减</li>" in errors
    assert Visit.objects.count() == 0


def test_the_visit_form_drops_control_characters_and_bidi_overrides(world):
    # N14: "下一步\\x07\\x1b[31m红\\u202e反转" was stored with the RLO and shown reversed on the person's page
    from jianfu.employment.models import Visit

    kp = key_person_in()
    client = world.client("village_a")
    response = client.post(f"/employment/people/{kp.pk}/visit/",
                           {"outcome": "phone", "next_step": "下一步\x07\x1b[31m红\u202e反转\u2067\x9b",
                            "form_token": token_new()})
    assert response.status_code == 302
    assert list(Visit.objects.values_list("next_step", flat=True)) == ["下一步[31m红反转"]


def test_the_visit_form_says_how_to_reach_the_person(world):
    # the new user's trial: 电话联系 is an outcome, yet the visit form showed neither the phone nor the address
    kp = key_person_in()
    kp.person.phone_masked, kp.person.phone_cipher, kp.person.address = "138****5678", "x", "曲木村三队12号"
    kp.person.save(update_fields=["phone_masked", "phone_cipher", "address"])
    cadre = world.client("village_a").get(f"/employment/people/{kp.pk}/visit/").content.decode()
    assert '<span id="pii-phone">138****5678 <button' in cadre and "住址：曲木村三队12号" in cadre
    assert "查看完整号码（将记录）" in cadre                     # the cadre may reveal it (audited)
    grid = world.client("grid_a").get(f"/employment/people/{kp.pk}/visit/").content.decode()
    assert '<span id="pii-phone">138****5678</span>' in grid and "查看完整号码" not in grid   # the grid worker may not


def test_enrolling_an_enrolled_person_again_goes_to_their_page_and_writes_nothing(world):
    # N12: Back after 纳入帮扶 showed the enrol form again; resubmitting said "已在就业帮扶名单中" with no way on
    person = person_in(name="王军", birth=dt.date(1985, 3, 1))
    client = world.client("village_a")
    response = client.post("/employment/people/add/", {"person": person.pk, "groups": ["is_rural_labour"],
                                                       "form_token": token_new()})
    kp = KeyPerson.objects.get(person=person)
    assert response["Location"] == f"/employment/people/{kp.pk}/profile/"
    audits = AuditRecord.objects.count()
    back = client.get("/employment/people/add/", {"person": person.pk})
    assert (back.status_code, back["Location"]) == (302, f"/employment/people/{kp.pk}/")
    again = client.post("/employment/people/add/", {"person": person.pk, "groups": ["is_returning_migrant"],
                                                    "form_token": token_new()},
                        follow=True)
    assert again.redirect_chain == [(f"/employment/people/{kp.pk}/", 302)]
    assert "王军已在就业帮扶名单中。" in again.content.decode()
    kp.refresh_from_db()
    assert (KeyPerson.objects.count(), AuditRecord.objects.count()) == (1, audits)
    assert (kp.is_rural_labour, kp.is_returning_migrant) == (True, False)
