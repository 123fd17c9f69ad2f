from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_ITEMS = [
    NavItem(_("减负监测台账"), "monitor:home", lambda s: s.can(Capability.MONITOR_RECORD), order=600),
    NavItem(_("减负问题"), "monitor:finding_list", lambda s: s.can(Capability.MONITOR_RECORD), order=601),
    NavItem(_("典型问题通报"), "monitor:notice_list", lambda s: s.can(Capability.MONITOR_RECORD), order=602),
    NavItem(_("减负监测看板"), "monitor:dashboard", lambda s: s.can(Capability.STATISTICS_VIEW), order=603),
    # a township or village reads its own villages' rows (N09); the county office the whole county
    NavItem(_("基层负担指数"), "monitor:index",
            lambda s: s.can(Capability.STATISTICS_VIEW) or s.reads_own_villages_burden, order=604),
]
