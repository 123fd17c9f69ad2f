"""Session 12 (U17): a citizen's report with no recognisable matter ("<script>…</script><img …>测试") was dispatched
to 教育局 with a 7-working-day deadline. Text with too little content after clean-up goes to the manual queue
(待分派) with the reason shown to the dispatcher; a short real complaint ("路灯坏了") stays automatic."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core.formtokens import token_new
from jianfu.dispatch.models import Event
from jianfu.dispatch.routing.routers import TOO_LITTLE_CONTENT, Candidate, HybridRouter
from jianfu.dispatch.routing.text import MIN_CONTENT_CHARS, content_chars, too_little_content
from jianfu.dispatch.tests.factories import FORESTRY
from jianfu.dispatch.workflow import Status

QUMU = "450521200206"
JUNK = "<script>alert(1)</script><img src=x onerror=alert(2)>测试"
QUEUE_NOTE = ("内容过少，看不出反映的是什么事项（去掉网页代码和“测试”等字样后不足 2 个汉字），未自动派发，"
              "转县指挥中心人工分派；可联系报告人补充。")


class SureCatalogue:
    """A catalogue router that is sure of one matter whatever it reads: without the rule, everything is dispatched."""

    matters = ["LY-001"]
    static = None

    def __init__(self) -> None:
        self.asked: list[object] = []

    def route(self, text, *, k, embed):
        self.asked.append(text)
        return [Candidate("LY-001", FORESTRY, 0.97)]


@pytest.mark.parametrize(("text", "chars"), [
    (JUNK, 0), ("测试", 0), ("test 测试测试", 0), ("你好，测试一下", 0), ("&lt;b&gt;测试&lt;/b&gt;", 0), ("123", 0),
    ("水", 1), ("停电", 2), ("漏水", 2), ("路灯坏了", 4), ("<script>x</script>测试控制字符 路灯坏了", 8)])
def test_content_is_counted_in_cjk_characters_after_clean_up(text, chars):
    assert content_chars(text) == chars
    assert too_little_content(text) is (chars < MIN_CONTENT_CHARS)


def test_the_hybrid_does_not_route_text_with_too_little_content():
    catalogue = SureCatalogue()
    router = HybridRouter(catalogue)  # type: ignore[arg-type]
    junk = router.route(JUNK)
    assert (junk.department, junk.matter_code, junk.mode, junk.reason, junk.suggestions) == (
        None, None, "none", TOO_LITTLE_CONTENT, ())
    assert catalogue.asked == []          # no router was asked, no department suggested
    real = router.route("路灯坏了")
    assert (real.department, real.mode, real.reason) == (FORESTRY, "catalogue", "")


@pytest.mark.django_db
def test_junk_from_the_public_form_waits_for_a_person_with_the_reason_and_a_short_complaint_is_dispatched(
        world, catalogue, monkeypatch):
    from jianfu.dispatch import routing_bridge

    cache.clear()
    monkeypatch.setattr(routing_bridge, "router_for", lambda version: HybridRouter(SureCatalogue()))  # type: ignore
    form = world.client(None)
    assert form.post("/dispatch/public/report/", {"form_token": token_new(), "text": JUNK, "org_code": QUMU}).status_code == 302
    junk = Event.objects.get()
    assert (junk.status, junk.department_code, junk.due_at, junk.routing_mode, junk.routing_candidates) == (
        Status.REPORTED, "", None, "none", [])
    assert junk.timeline.get(action="queue").note == QUEUE_NOTE
    queue = world.client("county_office").get("/dispatch/queue/").content.decode()
    assert junk.shown_number in queue and QUEUE_NOTE in queue
    cache.clear()
    assert form.post("/dispatch/public/report/", {"form_token": token_new(), "text": "路灯坏了", "org_code": QUMU}).status_code == 302
    real = Event.objects.exclude(pk=junk.pk).get()
    assert (real.status, real.department_code, real.due_at is not None) == (Status.DISPATCHED, FORESTRY, True)
