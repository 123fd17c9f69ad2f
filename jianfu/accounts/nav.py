from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_SECTION = _("系统管理")
NAV_ITEMS = [
    NavItem(_("账号管理"), "accounts:user_list", lambda s: s.can(Capability.ACCOUNTS_MANAGE), order=900),
    NavItem(_("审计日志"), "accounts:audit_list", lambda s: s.can(Capability.AUDIT_VIEW), order=910),
    NavItem(_("后台任务"), "accounts:task_failures", lambda s: s.is_all, order=920),
]
