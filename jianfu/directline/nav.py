from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_SECTION = _("直通车与服务公开")  # not under 减负监测: a grid worker has no monitor entries (N18)

NAV_ITEMS = [
    # Everyone may report, and from inside the app too: the page itself is anonymous.
    NavItem(_("直通车反映问题"), "directline:public_report", lambda s: True, order=760),
    NavItem(_("直通车办理"), "directline:report_list", lambda s: s.can(Capability.DIRECTLINE_HANDLE), order=761),
]
