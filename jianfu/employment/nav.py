from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Capability
from jianfu.core.ui import NavItem

NAV_SECTION = _("就业帮扶")


def _reads(scope) -> bool:
    return scope.reads_employment_people       # the county's 人社局 too (ADR 0030)


def _manages(scope) -> bool:
    return scope.can(Capability.EMPLOYMENT_MANAGE)       # the county's 人社局 too (a department granted it)


def _county(scope) -> bool:
    return _manages(scope) and not scope.is_department and (scope.is_all or len(scope.prefix or "") <= 6)


def _dashboard(scope) -> bool:
    from jianfu.employment.access import may_see_dashboard

    return may_see_dashboard(scope)


NAV_ITEMS = [
    NavItem(_("走访提醒"), "employment:visit_tasks", lambda s: s.can(Capability.EMPLOYMENT_WRITE), order=500),
    NavItem(_("重点群体"), "employment:person_list", _reads, order=501),
    NavItem(_("招聘岗位"), "employment:job_list", lambda s: True, order=502),
    NavItem(_("岗位管理"), "employment:posting_list", _manages, order=503),
    NavItem(_("走访规则"), "employment:rule_list", _county, order=504),
    NavItem(_("一目了然"), "employment:dashboard", _dashboard, order=505),
]
