from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_ITEMS = [
    NavItem(_("文件减负审查"), "review:document_list", lambda s: s.can(Capability.REVIEW_SUBMIT), order=500),
    NavItem(_("送审文件"), "review:submit", lambda s: s.can(Capability.REVIEW_SUBMIT), order=501),
    NavItem(_("审查规则"), "review:rule_list", lambda s: s.can(Capability.REVIEW_MANAGE), order=502),
    NavItem(_("审查统计"), "review:statistics", lambda s: s.can(Capability.STATISTICS_VIEW), order=503),
]
