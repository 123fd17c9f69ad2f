from django.utils.translation import gettext_lazy as _

from jianfu.core.ui import NavItem

NAV_SECTION = _("系统管理")
# The unit tree is for those who manage units or look across them; a grid worker has only its grid.
NAV_ITEMS = [NavItem(_("组织机构"), "orgs:tree", lambda s: s.role != "grid", order=800)]
