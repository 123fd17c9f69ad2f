from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem


def _reads(scope) -> bool:
    return scope.can(Capability.REGISTRY_READ)


def _imports(scope) -> bool:
    return scope.can(Capability.REGISTRY_WRITE) and not scope.is_department and (
        scope.is_all or len(scope.unit_code or "") == 12)


def _defines(scope) -> bool:
    return scope.can(Capability.REPORT_DEFINE) and not scope.is_department and (
        scope.is_all or len(scope.prefix or "") <= 6)


NAV_ITEMS = [
    NavItem(_("人员"), "registry:person_list", _reads, order=100),
    NavItem(_("户"), "registry:household_list", _reads, order=101),
    NavItem(_("企业和社会组织"), "registry:organisation_list", _reads, order=102),
    NavItem(_("台账导入"), "registry:import_list", _imports, order=103),
    NavItem(_("疑似重复核对"), "registry:review_list", _imports, order=104),
    NavItem(_("导入冲突"), "registry:conflict_list", _imports, order=105),
    NavItem(_("自定义属性"), "registry:attribute_list", _defines, order=106),
]
