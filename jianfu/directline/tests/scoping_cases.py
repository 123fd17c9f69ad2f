"""直通车's rows of the role × endpoint matrix (web and /api/v1/directline/).

The reporter's pages and endpoints are public (every account and anonymous succeed, and none is
linked to the report). Everything else needs a designated handler: the county office's account
with a key slot — never the admin, the township, a village or a department."""

from __future__ import annotations

from jianfu.core.formtokens import token_new
from jianfu.core.testing.matrix import COUNTY_WIDE, EVERYONE, Case
from jianfu.directline.models import Attachment, HandlerSlot, Report
from jianfu.directline.tests.factories import PASSPHRASE, TOWN, county_key_with_handler, submitted

HANDLERS = frozenset({"county_office"})


def cases(world):
    county_key_with_handler(world)
    report, code = submitted()
    Attachment.objects.create(uid="matrix0attachment000000000000000", report=report, content_type="image/png",
                              extension="png", size=1, sealed_content=b"")

    def state(pk):
        return lambda: tuple(Report.objects.filter(pk=pk).values_list("status", "updated_on", "outcome_sealed"))

    def counts():
        return (Report.objects.count(), HandlerSlot.objects.filter(revoked_at__isnull=True).count())

    def accept(username=None):
        target, _code = submitted()
        # the handler unlocks first, as on the web (a locked handler's action is refused, 400, since session 11's N10;
        # a refused action answered with a redirect until session 14, which the matrix read as success)
        return Case("directline:report_act", "post", f"/directline/{target.pk}/act/accept/", HANDLERS, data={},
                    unchanged=state(target.pk),
                    before=lambda client: client.post("/directline/unlock/", {"passphrase": PASSPHRASE}))

    def api_accept(username=None):
        target, _code = submitted()
        return Case("api:directline-report-act", "post", f"/api/v1/directline/reports/{target.pk}/accept/", HANDLERS,
                    api=True, format="json", data={"passphrase": PASSPHRASE}, unchanged=state(target.pk))

    def public_submit(username=None):
        return Case("directline:public_report", "post", "/directline/public/report/", EVERYONE,
                    anonymous_allowed=True,
                    data=lambda: {"place": TOWN, "category": "meeting", "text": "某局要求村干部每周参加两次视频会议。",
                                  "form_token": token_new()})

    def api_public_submit(username=None):
        return Case("api:directline-public-submit", "post", "/api/v1/directline/public/reports/", EVERYONE,
                    anonymous_allowed=True, api=True, format="json",
                    data={"place": TOWN, "category": "meeting", "text": "某局要求村干部每周参加两次视频会议。"})

    base_accept, base_api_accept = accept(), api_accept()
    base_accept.fresh, base_api_accept.fresh = accept, api_accept
    base_submit, base_api_submit = public_submit(), api_public_submit()
    base_submit.fresh, base_api_submit.fresh = public_submit, api_public_submit

    return [
        # The reporter: public, for everyone.
        Case("directline:public_report", "get", "/directline/public/report/", EVERYONE, anonymous_allowed=True),
        base_submit,
        Case("directline:public_receipt", "get", "/directline/public/receipt/", EVERYONE, anonymous_allowed=True),
        Case("directline:public_follow", "get", "/directline/public/follow/", EVERYONE, anonymous_allowed=True),
        Case("directline:public_follow", "post", "/directline/public/follow/", EVERYONE, anonymous_allowed=True,
             data={"code": code}),
        base_api_submit,
        Case("api:directline-public-follow", "post", "/api/v1/directline/public/follow/", EVERYONE,
             anonymous_allowed=True, api=True, format="json", data={"code": code}),
        Case("api:directline-public-answer", "post", "/api/v1/directline/public/answer/", EVERYONE,
             anonymous_allowed=True, api=True, format="json", data={"code": code, "text": "补充：会议没有通知文件。"}),
        # The handlers.
        # anonymous: a redirect to the report form, not the login (newuser18 #1, test_newuser18.py), so "allowed"
        Case("directline:report_list", "get", "/directline/", HANDLERS, anonymous_allowed=True),
        Case("directline:report_detail", "get", f"/directline/{report.pk}/", HANDLERS),
        base_accept,
        Case("directline:attachment_download", "get",
             f"/directline/{report.pk}/attachments/{Attachment.objects.get(report=report).pk}/", HANDLERS),
        Case("directline:unlock", "get", "/directline/unlock/", HANDLERS),
        Case("directline:unlock", "post", "/directline/unlock/", HANDLERS, data={"passphrase": PASSPHRASE},
             unchanged=counts),
        Case("directline:lock", "post", "/directline/lock/", HANDLERS, unchanged=counts),
        Case("directline:handlers", "get", "/directline/handlers/", HANDLERS),
        Case("directline:enrol", "get", "/directline/enrol/", HANDLERS),
        Case("directline:stats", "get", "/directline/stats/", COUNTY_WIDE),
        Case("api:directline-report-list", "get", "/api/v1/directline/reports/", HANDLERS, api=True),
        Case("api:directline-report-detail", "get", f"/api/v1/directline/reports/{report.pk}/", HANDLERS, api=True),
        Case("api:directline-report-open", "post", f"/api/v1/directline/reports/{report.pk}/open/", HANDLERS,
             api=True, format="json", data={"passphrase": PASSPHRASE}, unchanged=state(report.pk)),
        base_api_accept,
        Case("api:directline-stats", "get", "/api/v1/directline/stats/", COUNTY_WIDE, api=True),
    ]
