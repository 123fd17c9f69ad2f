from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_SECTION = _("网格通")


def _sees_events(scope) -> bool:
    return scope.is_all or scope.is_department or bool(scope.prefix)


NAV_ITEMS = [
    NavItem(_("上报事件"), "dispatch:event_report",
            lambda s: s.can(Capability.EVENT_REPORT) or s.can(Capability.DISPATCH), order=400, primary=True),
    NavItem(_("网格事件"), "dispatch:event_list", _sees_events, order=401),
    NavItem(_("人工分派"), "dispatch:queue", lambda s: s.can(Capability.DISPATCH), order=402),
    NavItem(_("吹哨报到"), "dispatch:whistle_list", lambda s: s.is_department or s.can(Capability.WHISTLE), order=403),
    # grid workers look up who handles a matter; managing catalogue versions and the 三率 figures of
    # departments are not their work (issue 11.5)
    NavItem(_("职责清单"), "dispatch:catalogue_list", lambda s: (s.is_all or bool(s.prefix)) and s.role != "grid",
            order=404),
    NavItem(_("谁来办"), "dispatch:who_handles", lambda s: s.is_all or bool(s.prefix), order=406),
    NavItem(_("三率统计"), "dispatch:dashboard", lambda s: _sees_events(s) and s.role != "grid", order=405),
]
