"""fix30 #3: a 补充 replayed (a double tap, back then 补充 again) after a colleague had dismissed — or restored — the
finding it added was answered 表单已失效, not "already submitted": the form's sender was read from the finding's
`decided_by`, which a dismissal rewrites. The sender is now bound into the form's content key, so a replay of an
applied token is always answered as a duplicate, whoever decided on the finding since; another account's replay
is still an expired form."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import FORM_EXPIRED, token_new
from jianfu.core.models import AuditRecord
from jianfu.review import services
from jianfu.review.models import Finding
from jianfu.review.services import review_submit
from jianfu.review.tests.test_token29_add_and_rule import DRAFT

pytestmark = pytest.mark.django_db

NOTE = "规定字数下限，属于以文辅政。"


def _state(review) -> tuple:
    review.refresh_from_db()
    return (list(Finding.objects.filter(review=review, origin="reviewer").values_list("pk", "status", "reason")),
            AuditRecord.objects.count(), review.score)


@pytest.mark.parametrize("restored", [False, True])
def test_an_add_replayed_after_a_colleague_decided_on_it_is_answered_as_submitted(world, restored):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（三）"))
    url = f"/review/reviews/{review.pk}/findings/add/"
    form = {"clause": str(index), "group": "DOC", "note": NOTE, "form_token": token_new()}
    client = world.client("county_office")
    assert client.post(url, form, follow=True).status_code == 200
    finding = Finding.objects.get(review=review, origin="reviewer")
    colleague = world.users["admin"]
    services.finding_dismiss(actor=colleague, review_id=review.pk, finding_id=finding.pk, reason="另有上级文件依据。")
    if restored:
        services.finding_restore(actor=colleague, review_id=review.pk, finding_id=finding.pk)
    before = _state(review)
    again = client.post(url, form, follow=True)
    assert again.redirect_chain == [(f"/review/reviews/{review.pk}/#clause-{index}", 302)]
    assert [str(m) for m in again.context["messages"]] == ["该表单已提交过，没有重复补充。"]
    assert _state(review) == before
    # the colleague replaying the same post is not its sender: an expired form, nothing written
    other = world.client("admin").post(url, form)
    assert (other.status_code, FORM_EXPIRED in other.content.decode()) == (400, True)
    assert _state(review) == before
