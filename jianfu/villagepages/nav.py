from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_SECTION = _("直通车与服务公开")  # not under 减负监测: a grid worker has no monitor entries (N18)

NAV_ITEMS = [
    NavItem(_("村（社区）服务公开"), "villagepages:public_index", lambda s: True, order=770),
    NavItem(_("公开页维护"), "villagepages:manage",
            lambda s: s.can(Capability.VILLAGE_PAGE_EDIT) or s.can(Capability.VILLAGE_PAGE_APPROVE), order=771),
]
