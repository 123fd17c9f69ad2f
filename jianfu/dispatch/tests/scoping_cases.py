"""网格通's rows of the role × endpoint matrix (web and /api/v1/dispatch/)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from jianfu.core import crypto
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.testing.matrix import COUNTY_WIDE, EVERYONE, Case
from jianfu.dispatch import services
from jianfu.dispatch.models import (
    CatalogueVersion,
    Event,
    EventPhoto,
    ExtensionRequest,
    HeldPhoto,
    Whistle,
    WhistleSummons,
)
from jianfu.dispatch.services import CONTACT_PURPOSE, mask_contact
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot
from jianfu.dispatch.workflow import Status

SEES_GRID_A = frozenset({"admin", "county_office", "dept_forestry", "town_quzhang", "village_a", "grid_a"})
REPORTERS = frozenset({"admin", "county_office", "town_quzhang", "village_a", "village_b", "grid_a"})
FEEDBACK = frozenset({"admin", "county_office", "town_quzhang", "grid_a"})   # reporter + 回访 roles
TOWN_POWERS = frozenset({"admin", "county_office", "town_quzhang"})           # 吹哨, 考核评价
FORESTRY_ONLY = frozenset({"dept_forestry"})
REVEALERS = frozenset({"admin", "county_office", "town_quzhang", "village_a", "village_b"})  # PII_REVEAL
PLACE_OF = {"admin": "450521200206001", "county_office": "450521200206001", "town_quzhang": "450521200201",
            "village_a": "450521200206002", "village_b": "450521200201", "grid_a": "450521200206001"}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 30)).save(out, format="PNG")
    return out.getvalue()


def cases(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml, version_create_draft
    from jianfu.dispatch.tests.conftest import MINI

    version = catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))
    matter = version.matters.order_by("code").first()
    event = event_in(world, status=Status.ACCEPTED)
    Event.objects.filter(pk=event.pk).update(
        reporter_contact=mask_contact("13812345678"),
        reporter_contact_cipher=crypto.encrypt("13812345678", purpose=CONTACT_PURPOSE))
    photo = EventPhoto.objects.create(event=event, org_code=event.org_code, content_type="image/png", width=8,
                                      height=8, size=10, sha256="0" * 64,
                                      image=ContentFile(_png(), name="matrix.png"))
    # a photo held across a refused post (newuser23 #1) belongs to the browser session that sent it: no matrix
    # account's session, nor an anonymous one, owns this one, so every one of them gets a 404 (no login needed: the
    # citizens' form holds photos too); its owner's 200 is in test_held_photos
    held = HeldPhoto.objects.create(holding="0" * 64, owner="1" * 64, name="matrix.png", size=10,
                                    image=ContentFile(_png(), name="held.png"),
                                    expires_at=timezone.now() + dt.timedelta(hours=1))
    resolved = event_in(world, status=Status.RESOLVED)
    target_due = dt.datetime(2030, 1, 10, 17, 30, tzinfo=dt.UTC)
    token = event_in(world, status=Status.DISPATCHED).feedback_token

    def count():
        return (Event.objects.count(), CatalogueVersion.objects.count(), Whistle.objects.count())

    def post_case(name, action, *, state, allowed, data=None, make=None):
        def build(username=None):
            target = make() if make else event_in(world, status=state)
            body = data(target) if callable(data) else (data or {})
            return Case(f"dispatch:{name}", "post", f"/dispatch/events/{target.pk}/{action}/", allowed, data=body,
                        unchanged=lambda: snapshot(target))
        base = build()
        base.fresh = build
        return base

    def dup_pair():
        first = event_in(world, status=Status.REPORTED)
        return event_in(world, status=Status.REPORTED, suspected_duplicate_of=first)

    def summons(checked_in: bool):
        def make(username=None):
            target = event_in(world, status=Status.ACCEPTED)
            whistle = Whistle.objects.create(event=target, org_code="450521200000", reason="联合处置",
                                             checkin_deadline=target.created_at + dt.timedelta(hours=24))
            s = WhistleSummons.objects.create(whistle=whistle, department_code=HOUSING,
                                              checked_in_at=target.created_at if checked_in else None)
            path = "part" if checked_in else "checkin"
            return Case(f"dispatch:summons_{path}", "post", f"/dispatch/summons/{s.pk}/{path}/",
                        frozenset({"dept_housing"}), data={"part": "核查房屋手续"},
                        unchanged=lambda: WhistleSummons.objects.filter(pk=s.pk).values_list(
                            "checked_in_at", "part").get())
        base = make()
        base.fresh = make
        return base

    def returned(username=None):
        """A waiting event forestry returned: dispatching it back to forestry first shows a confirm page naming the
        return's reason, which only a dispatcher may see (security17 #5: village_a got the page, 200)."""
        target = event_in(world, status=Status.DISPATCHED)
        services.event_return(actor=world.users["dept_forestry"], event=target, reason="不属于林业部门职责，内部意见")
        return target

    def workflow_case(name, action, allowed, data, *, pending=False):
        """申请延期 / 审批 / 转派 / 协办 on an accepted event of grid_a's place, handled by forestry."""
        def build(username=None):
            target = event_in(world, status=Status.ACCEPTED, due_at=target_due)
            if pending:
                ExtensionRequest.objects.create(event=target, org_code=target.org_code, department_code=FORESTRY,
                                                reason="等待鉴定", workdays=3, old_due_at=target_due,
                                                new_due_at=target_due + dt.timedelta(days=5))

            def unchanged():
                e = Event.objects.get(pk=target.pk)
                return (snapshot(target), e.due_at, list(e.extensions.values_list("state", flat=True)),
                        e.assists.count())
            return Case(f"dispatch:{name}", "post", f"/dispatch/events/{target.pk}/{action}/", allowed, data=data,
                        unchanged=unchanged)
        base = build()
        base.fresh = build
        return base

    def report_case(username=None):
        return Case("dispatch:event_report", "post", "/dispatch/report/", REPORTERS,
                    data={"text": "路边电线杆倾斜，存在安全隐患", "org_code": PLACE_OF.get(username, "450521200206001"),
                          "urgency": "normal", "form_token": token_new()}, unchanged=count)

    def api_report_case(username=None):
        return Case("api:dispatch-events", "post", "/api/v1/dispatch/events/", REPORTERS, api=True, format="json",
                    data={"text": "路边电线杆倾斜，存在安全隐患", "org_code": PLACE_OF.get(username, "450521200206001")},
                    unchanged=count)

    def api_accept(username=None):
        target = event_in(world, status=Status.DISPATCHED)
        return Case("api:dispatch-event-action", "post", f"/api/v1/dispatch/events/{target.pk}/accept/",
                    FORESTRY_ONLY, api=True, format="json", data={}, unchanged=lambda: snapshot(target))

    def draft(username=None):
        d = version_create_draft(actor=None, county_code="450521", copy_from=version)
        return Case("dispatch:catalogue_publish", "post", f"/dispatch/catalogue/{d.pk}/publish/", COUNTY_WIDE,
                    data={"effective_from": "2099-01-01"},
                    unchanged=lambda: CatalogueVersion.objects.filter(pk=d.pk).values_list("state", flat=True).get())

    def matter_new(username=None):
        d = version_create_draft(actor=None, county_code="450521")
        return Case("dispatch:matter_create", "post", f"/dispatch/catalogue/{d.pk}/matters/new/", COUNTY_WIDE,
                    data={"code": "T-1", "name": "测试事项", "department": FORESTRY, "grassroots_role": "none",
                          "time_limit_days": "5", "urgent_hours": "24"},
                    unchanged=lambda: d.matters.count())

    draft_for_edit = version_create_draft(actor=None, county_code="450521", copy_from=version)
    editable = draft_for_edit.matters.order_by("code").first()

    base_report = report_case()
    base_report.fresh = report_case
    base_api_report = api_report_case()
    base_api_report.fresh = api_report_case
    base_api_accept = api_accept()
    base_api_accept.fresh = api_accept
    base_publish = draft()
    base_publish.fresh = draft
    base_matter = matter_new()
    base_matter.fresh = matter_new

    return [
        Case("dispatch:event_list", "get", "/dispatch/", EVERYONE),
        Case("dispatch:queue", "get", "/dispatch/queue/", COUNTY_WIDE),
        Case("dispatch:events_export", "get", "/dispatch/export.xlsx", EVERYONE),
        Case("dispatch:event_report", "get", "/dispatch/report/", REPORTERS),
        base_report,
        Case("dispatch:public_report", "get", "/dispatch/public/report/", EVERYONE, anonymous_allowed=True),
        Case("dispatch:public_track", "get", f"/dispatch/public/track/{token}/", EVERYONE, anonymous_allowed=True),
        Case("dispatch:public_lookup", "get", "/dispatch/public/lookup/", EVERYONE, anonymous_allowed=True),
        Case("dispatch:public_nearest", "get", "/dispatch/public/nearest/?lat=21.6&lon=109.2", EVERYONE,
             anonymous_allowed=True),
        Case("dispatch:held_thumb", "get", f"/dispatch/held/{held.pk}/thumb/", set(), anonymous_allowed=True,
             expect_allowed=(404,), unchanged=lambda: list(HeldPhoto.objects.values_list("pk", "expires_at"))),
        Case("dispatch:event_detail", "get", f"/dispatch/events/{event.pk}/", SEES_GRID_A),
        Case("dispatch:event_photo", "get", f"/dispatch/events/{event.pk}/photos/{photo.pk}/", SEES_GRID_A),
        Case("dispatch:event_photo_thumb", "get", f"/dispatch/events/{event.pk}/photos/{photo.pk}/thumb/", SEES_GRID_A),
        Case("dispatch:event_contact_reveal", "post", f"/dispatch/events/{event.pk}/contact/",
             SEES_GRID_A & REVEALERS, unchanged=lambda: AuditRecord.objects.filter(action="pii.reveal").count()),
        post_case("event_dispatch", "dispatch", state=Status.REPORTED, allowed=COUNTY_WIDE,
                  data={"department_code": FORESTRY}),
        post_case("event_dispatch", "dispatch", state=Status.REPORTED, allowed=COUNTY_WIDE,
                  data={"department_code": FORESTRY}, make=returned),
        post_case("event_accept", "accept", state=Status.DISPATCHED, allowed=FORESTRY_ONLY),
        post_case("event_start", "start", state=Status.ACCEPTED, allowed=FORESTRY_ONLY),
        post_case("event_resolve", "resolve", state=Status.ACCEPTED, allowed=FORESTRY_ONLY,
                  data={"resolution": "已出具权属证明"}),
        post_case("event_return", "return", state=Status.DISPATCHED, allowed=FORESTRY_ONLY,
                  data={"reason": "不属于林业部门职责"}),
        post_case("event_merge", "merge", state=Status.REPORTED, allowed=COUNTY_WIDE,
                  data={"into": str(resolved.pk)}),
        post_case("event_dismiss_duplicate", "not-duplicate", state=Status.REPORTED, allowed=COUNTY_WIDE,
                  make=dup_pair),
        post_case("event_feedback", "feedback", state=Status.RESOLVED, allowed=FEEDBACK, data={"score": "5"}),
        post_case("event_reopen", "reopen", state=Status.RESOLVED, allowed=FEEDBACK, data={"reason": "问题依旧"}),
        post_case("event_whistle", "whistle", state=Status.ACCEPTED, allowed=TOWN_POWERS,
                  data=lambda _t: {"departments": [HOUSING], "reason": "需要住建部门联合处置", "checkin_hours": "24",
                                   "form_token": token_new()}),
        post_case("event_rate", "rate", state=Status.RESOLVED, allowed=TOWN_POWERS, data={"score": "4"}),
        workflow_case("event_extension_request", "extension", FORESTRY_ONLY,
                      {"workdays": "3", "reason": "需等待鉴定结果"}),
        workflow_case("event_extension_decide", "extension/decide", TOWN_POWERS, {"decision": "approve"},
                      pending=True),
        workflow_case("event_transfer", "transfer", FORESTRY_ONLY,
                      {"department_code": HOUSING, "reason": "属于住建部门职责"}),
        workflow_case("event_assist", "assist", FORESTRY_ONLY, {"department_code": HOUSING, "note": "核查房屋"}),
        summons(False),
        summons(True),
        Case("dispatch:whistle_list", "get", "/dispatch/whistles/",
             TOWN_POWERS | {"dept_forestry", "dept_housing"}),
        Case("dispatch:catalogue_list", "get", "/dispatch/catalogue/", EVERYONE),
        Case("dispatch:who_handles", "get", "/dispatch/who/?q=%E6%9E%97%E5%9C%B0", EVERYONE),
        Case("dispatch:catalogue_detail", "get", f"/dispatch/catalogue/{version.pk}/", EVERYONE),
        Case("dispatch:catalogue_export", "get", f"/dispatch/catalogue/{version.pk}/export.xlsx", EVERYONE),
        Case("dispatch:catalogue_import", "get", "/dispatch/catalogue/import/", COUNTY_WIDE),
        Case("dispatch:catalogue_copy", "post", f"/dispatch/catalogue/{version.pk}/copy/", COUNTY_WIDE,
             data=lambda: {"form_token": token_new()}, unchanged=count),
        base_publish,
        Case("dispatch:matter_create", "get", f"/dispatch/catalogue/{draft_for_edit.pk}/matters/new/", COUNTY_WIDE),
        base_matter,
        Case("dispatch:matter_edit", "get", f"/dispatch/catalogue/{draft_for_edit.pk}/matters/{editable.pk}/",
             COUNTY_WIDE),
        Case("dispatch:dashboard", "get", "/dispatch/dashboard/", EVERYONE),
        Case("dispatch:dashboard_export", "get", "/dispatch/dashboard/export.xlsx", EVERYONE),
        Case("api:dispatch-events", "get", "/api/v1/dispatch/events/", EVERYONE, api=True),
        base_api_report,
        Case("api:dispatch-event-detail", "get", f"/api/v1/dispatch/events/{event.pk}/", SEES_GRID_A, api=True),
        Case("api:dispatch-event-timeline", "get", f"/api/v1/dispatch/events/{event.pk}/timeline/", SEES_GRID_A,
             api=True),
        base_api_accept,
        Case("api:dispatch-catalogue", "get", "/api/v1/dispatch/catalogue/", EVERYONE, api=True),
        Case("api:dispatch-metrics", "get", "/api/v1/dispatch/metrics/", EVERYONE, api=True),
    ] + ([] if matter is None else [])
