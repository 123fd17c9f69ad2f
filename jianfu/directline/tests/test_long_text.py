"""Long text on the direct line (newuser13 V11): the limit is shown with a live count, and text past it is
refused whole with the typed text kept — never cut and stored."""

from __future__ import annotations

import html
import re

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.directline import services
from jianfu.directline.models import Message, Report
from jianfu.directline.tests.factories import PASSPHRASE, TOWN, county_key_with_handler, submitted
from jianfu.directline.workflow import Status

CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
LONG = "县某局要求每周上报台账。" * 500 + "多出来的最后一句话。"   # 6000 + 10 characters


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match is not None
    return html.unescape(match.group(1))


@pytest.mark.django_db
def test_the_report_form_shows_the_limit_and_counts_instead_of_cutting(world):
    county_key_with_handler(world)
    page = world.client(None).get("/directline/public/report/").content.decode()
    assert "反映内容（最多 5000 字）" in page
    assert re.search(r'<textarea id="id_text" name="text" rows="8" data-maxlength="5000" required', page)
    assert 'maxlength="5000"' not in page.replace('data-maxlength="5000"', "")  # the browser would cut a paste


@pytest.mark.django_db
def test_an_over_long_report_is_refused_whole_and_the_text_kept(world):
    county_key_with_handler(world)
    assert len(LONG) == 6010
    response = world.client(None).post("/directline/public/report/",
                                       {"form_token": token_new(), "place": TOWN, "category": "app", "text": LONG})
    assert response.status_code == 400
    page = response.content.decode()
    assert "内容过长（6010 字），请控制在 5000 字以内，可分两次反映。" in page
    assert _textarea(page, "text") == LONG                    # all of it, to shorten
    assert CODE_RE.search(page) is None
    assert (Report.objects.count(), Message.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_exactly_the_limit_with_browser_line_ends_is_taken_whole(world):
    """A browser posts a textarea's line ends as CRLF; the counter and the server count each as one character."""
    county_key_with_handler(world)
    text = "长" * 2500 + "\r\n" + "短" * 2499
    client = world.client(None)
    response = client.post("/directline/public/report/", {"form_token": token_new(), "place": TOWN, "category": "app",
                                                          "text": text}, follow=True)
    assert response.status_code == 200
    code = CODE_RE.search(response.content.decode()).group()
    follow = client.post("/directline/public/follow/", {"code": code}).content.decode()
    assert "长" * 2500 + "<br>" + "短" * 2499 in follow


@pytest.mark.django_db
def test_an_over_long_answer_is_refused_and_kept(world):
    county_key_with_handler(world)
    report, code = submitted()
    client = world.client(None)
    page = client.post("/directline/public/follow/", {"code": code}).content.decode()
    assert "补充情况（最多 5000 字）" in page and 'data-maxlength="5000"' in page
    assert 'maxlength="5000"' not in page.replace('data-maxlength="5000"', "")
    response = client.post("/directline/public/follow/", {"form_token": token_new(), "code": code, "answer": LONG})
    assert response.status_code == 400
    page = response.content.decode()
    assert "内容过长（6010 字），请控制在 5000 字以内，可分两次反映。" in page
    assert _textarea(page, "answer") == LONG
    report.refresh_from_db()
    assert (report.status, Message.objects.filter(report=report).count()) == (Status.NEW, 0)


@pytest.mark.django_db
def test_a_handlers_over_long_note_or_summary_is_refused_not_cut(world):
    _key, private = county_key_with_handler(world)
    report, _code = submitted()
    handler = world.users["county_office"]
    services.report_accept(actor=handler, report=report, private=private)
    accepted = Report.objects.get(pk=report.pk).status
    before = AuditRecord.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.report_close(actor=handler, report=report, private=private, note="约谈" * 2501)  # 5002
    assert refused.value.message == "办理意见过长（5002 字），请控制在 5000 字以内。"
    with pytest.raises(ApplicationError) as refused:
        services.report_to_finding(actor=handler, report=report, private=private, issuer_code="450521000000",
                                   summary="要求每周上报台账照片" * 51)  # 510
    assert refused.value.message == "问题摘要过长（510 字），请控制在 500 字以内。"
    report.refresh_from_db()
    assert (report.status, bytes(report.outcome_sealed), report.finding_ref) == (accepted, b"", "")
    assert accepted == Status.IN_REVIEW
    assert AuditRecord.objects.count() == before
    client = world.client("county_office")
    client.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    page = client.get(f"/directline/{report.pk}/").content.decode()
    assert 'name="summary" rows="3" required data-maxlength="500"' in page
    assert 'id="id_cnote" name="note" rows="2" required data-maxlength="5000"' in page
