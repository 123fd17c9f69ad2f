from django.utils.translation import gettext_lazy as _

from jianfu.core.ui import NavItem

NAV_SECTION = _("系统管理")
NAV_ITEMS = [NavItem(_("组织机构"), "orgs:tree", order=800)]
