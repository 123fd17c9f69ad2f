from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_ITEMS = [
    NavItem(_("报表（一表同享）"), "reports:index", lambda s: s.role is not None, order=300),
    NavItem(_("报表报送"), "reports:submission_list",
            lambda s: (s.can(Capability.REPORT_FILL) or s.can(Capability.REPORT_APPROVE)) and not s.is_department,
            order=310),
    NavItem(_("报送完成情况"), "reports:completeness",
            lambda s: (s.can(Capability.REPORT_APPROVE) or s.can(Capability.STATISTICS_VIEW)) and not s.is_department,
            order=320),
    NavItem(_("填报负担"), "reports:burden", lambda s: s.can(Capability.STATISTICS_VIEW), order=330),
]
