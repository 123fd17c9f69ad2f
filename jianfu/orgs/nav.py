from django.utils.translation import gettext_lazy as _

from jianfu.core.ui import NavItem

NAV_ITEMS = [NavItem(_("组织机构"), "orgs:tree", order=800)]
