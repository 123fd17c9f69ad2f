"""Review to-dos on the 工作台: documents of one's own whose latest review did not pass."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.review import selectors
from jianfu.review.models import Conclusion


def todos(user) -> list:
    from jianfu.core.ui import Todo

    scope = scope_for(user)
    if not scope.can(Capability.REVIEW_SUBMIT):
        return []
    pending = 0
    failed = 0
    for document in selectors.document_list(user=user).filter(created_by=user)[:500]:
        latest = document.latest_version
        review = getattr(latest, "review", None) if latest else None
        if review is None:
            continue
        if review.conclusion == Conclusion.FAIL:
            failed += 1
        elif review.conclusion == Conclusion.REVISE:
            pending += 1
    items = []
    url = reverse("review:document_list")
    if failed:
        items.append(Todo(_("审查未通过、需修改的文件"), url, failed, "soon", "review"))
    if pending:
        items.append(Todo(_("修改后通过、待上传修改稿的文件"), url, pending, "normal", "review"))
    return items
