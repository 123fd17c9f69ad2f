"""村（社区）公开页's rows of the role × endpoint matrix (web and /api/v1/villages/).

Public pages: everyone and anonymous. Upkeep: the village edits its own list (village_a for 曲木村),
its township approves (town_quzhang), the admin may do both; the county office, departments, other
villages and grids may not."""

from __future__ import annotations

from jianfu.core.testing.matrix import EVERYONE, Case
from jianfu.villagepages.tests.factories import QUMU, list_in, snapshot
from jianfu.villagepages.workflow import Status

MANAGERS = frozenset({"admin", "town_quzhang", "village_a", "village_b"})
QUMU_EDITORS = frozenset({"admin", "village_a"})
QUMU_REVIEWERS = frozenset({"admin", "town_quzhang", "village_a"})
QUMU_APPROVERS = frozenset({"admin", "town_quzhang"})


def cases(world):
    list_in(QUMU, status=Status.APPROVED)
    submitted = list_in(QUMU, status=Status.SUBMITTED)

    def approve(username=None):
        target = list_in(QUMU, status=Status.SUBMITTED)
        return Case("villagepages:act", "post", f"/villages/lists/{target.pk}/approve/", QUMU_APPROVERS,
                    data={"note": "同意公开"}, unchanged=snapshot)

    def api_approve(username=None):
        target = list_in(QUMU, status=Status.SUBMITTED)
        return Case("api:villages-draft-act", "post", f"/api/v1/villages/drafts/{target.pk}/approve/", QUMU_APPROVERS,
                    api=True, format="json", data={"note": "同意公开"}, unchanged=snapshot)

    def edit_post(username=None):
        list_in(QUMU, status=Status.DRAFT)
        return Case("villagepages:edit", "post", f"/villages/manage/{QUMU}/edit/", QUMU_EDITORS,
                    data={"office_address": "村部", "rows": "1", "item-0-name": "开具居住证明"}, unchanged=snapshot)

    base_approve, base_api_approve, base_edit = approve(), api_approve(), edit_post()
    base_approve.fresh, base_api_approve.fresh, base_edit.fresh = approve, api_approve, edit_post
    return [
        Case("villagepages:public_index", "get", "/villages/", EVERYONE, anonymous_allowed=True),
        Case("villagepages:public_page", "get", f"/villages/{QUMU}/", EVERYONE, anonymous_allowed=True),
        Case("villagepages:public_poster", "get", f"/villages/{QUMU}/poster.pdf", EVERYONE, anonymous_allowed=True),
        Case("villagepages:manage", "get", "/villages/manage/", MANAGERS),
        Case("villagepages:edit", "get", f"/villages/manage/{QUMU}/edit/", QUMU_EDITORS, unchanged=snapshot),
        base_edit,
        Case("villagepages:review", "get", f"/villages/lists/{submitted.pk}/", QUMU_REVIEWERS),
        base_approve,
        Case("api:villages-public-index", "get", "/api/v1/villages/public/", EVERYONE, anonymous_allowed=True,
             api=True),
        Case("api:villages-public-page", "get", f"/api/v1/villages/public/{QUMU}/", EVERYONE, anonymous_allowed=True,
             api=True),
        Case("api:villages-lists", "get", "/api/v1/villages/lists/", MANAGERS, api=True),
        Case("api:villages-draft", "post", f"/api/v1/villages/lists/{QUMU}/draft/", QUMU_EDITORS, api=True,
             format="json", data={}, unchanged=snapshot),
        Case("api:villages-draft-detail", "get", f"/api/v1/villages/drafts/{submitted.pk}/", QUMU_REVIEWERS, api=True),
        base_api_approve,
    ]
