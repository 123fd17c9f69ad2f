"""Who may see and change what in 就业帮扶 — built on THE scoping rule (`scope_for`), never beside it.

- Persons (key persons, profiles, visits, referrals, services, candidates for a posting): `reads_employment_people`
  to see them (REGISTRY_READ, or the county's 人社局 — a department holding EMPLOYMENT_MANAGE — ADR 0030); grid
  workers their grid (`grid_code`), everyone else their subtree (`org_code`) — the registry's own rule.
- Writes on persons: EMPLOYMENT_WRITE and the record inside the scope (village, grid, township).
- Referrals (推荐就业): those writers, and the county's 人社局 — the public employment service (ADR 0033).
- Postings: public when open; managed with EMPLOYMENT_MANAGE inside the scope (county office, township, and the
  county's 人社局: a department granted it by function, `roles.DEPARTMENT_FUNCTION_CAPABILITIES`).
- Visit rules: EMPLOYMENT_MANAGE at county level, never a department.
- Dashboard (aggregates): whoever reads persons or holds STATISTICS_VIEW, down to a village; of the departments only
  the 人社局 (ADR 0030).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability, Role
from jianfu.accounts.scoping import Scope, scope_for
from jianfu.core.errors import NotFoundError, PermissionDeniedError
from jianfu.registry import services as registry_services
from jianfu.registry.services import scope_field

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from jianfu.accounts.models import User

    Account = User | AnonymousUser  # request.user, or the account a task acts for

M = TypeVar("M", bound=Model)


class Placed(Protocol):
    """A scoped record: a key person, a visit task, a service record …"""

    @property
    def org_code(self) -> str: ...

    @property
    def grid_code(self) -> str | None: ...


def may_read_persons(user: Account) -> bool:
    return scope_for(user).reads_employment_people


def read_scope(user: Account) -> Scope:
    scope = scope_for(user)
    if not scope.reads_employment_people:
        raise PermissionDeniedError(_("您的角色不能查看就业帮扶人员信息。"), code="capability_required")
    return scope


def scoped(user: Account, qs: QuerySet[M]) -> QuerySet[M]:
    scope = read_scope(user)
    return scope.filter(qs, field=scope_field(scope))


def target_of(scope: Scope, obj: Placed) -> str | None:
    return obj.grid_code if scope_field(scope) == "grid_code" else obj.org_code


def require_person_write(actor: Account, obj: Placed) -> None:
    """`obj` is anything with org_code and grid_code (a key person, a visit task …)."""
    scope = scope_for(actor)
    scope.require_write(target_of(scope, obj), Capability.EMPLOYMENT_WRITE)


def may_write_person(actor: Account, obj: Placed) -> bool:
    """Whether `require_person_write` lets `actor` write `obj`, as a question (a replayed form's earlier row is
    named only to an account that may write it)."""
    scope = scope_for(actor)
    return scope.may_write(target_of(scope, obj), Capability.EMPLOYMENT_WRITE)


def may_manage_tasks(user: Account) -> bool:
    """Township staff (and admin) act on the visit tasks of their villages: EMPLOYMENT_WRITE with
    EMPLOYMENT_MANAGE, outside a department. Village cadres (no MANAGE) and the county office (no WRITE) do not."""
    scope = scope_for(user)
    return scope.can(Capability.EMPLOYMENT_WRITE) and scope.can(Capability.EMPLOYMENT_MANAGE) and not scope.is_department


def require_task_manage(actor: Account, task: Placed) -> None:
    """Reassign or close a visit task: inside one's scope (else 404, as if it did not exist), then the right."""
    scope = scope_for(actor)
    if not (scope.can(Capability.REGISTRY_READ) and scope.covers(task.org_code)):
        raise NotFoundError(_("找不到该走访任务，或不在您的管辖范围内。"))
    if not may_manage_tasks(actor):
        raise PermissionDeniedError(_("只有乡镇（街道）可以改派或处理走访任务。"), code="capability_required")


def may_match_jobs(user: Account) -> bool:
    """May read the matcher's jobs for a person (`people/<id>/jobs/`, read-only): whoever reads 就业帮扶's people —
    the person page links it exactly then (newuser13 V09). Referring someone is a write (`require_person_write`)."""
    return scope_for(user).reads_employment_people


def require_match_jobs(user: Account) -> None:
    if not may_match_jobs(user):
        raise PermissionDeniedError(_("您的角色不能查看就业帮扶人员信息。"), code="capability_required")


def may_refer(user: Account) -> bool:
    """Shows 推荐给单位 (posting, person and jobs pages): EMPLOYMENT_WRITE, or the county's 人社局 (ADR 0033). The
    person's own unit is checked by `require_refer` when the referral is made."""
    scope = scope_for(user)
    return scope.can(Capability.EMPLOYMENT_WRITE) or scope.owns_employment_help


def require_refer_right(user: Account) -> None:
    """The right to refer anyone at all (`may_refer`), before the person is looked up: what the API checks before it
    reads a referral's body (security20 #1); `require_refer` checks the person's own unit."""
    if not may_refer(user):
        raise PermissionDeniedError(_("您的角色无权推荐该人员。"), code="capability_required")


def require_refer(actor: Account, obj: Placed) -> None:
    """Refer this person (a referral and its 失业 → 已推荐 move): outside the scope 404, without the right 403."""
    scope = scope_for(actor)
    code = target_of(scope, obj)
    if not scope.covers(code):
        raise NotFoundError(_("找不到该记录，或不在您的管辖范围内。"))
    if not scope.may_refer_employment(code):
        raise PermissionDeniedError(_("您的角色无权推荐该人员。"), code="capability_required")


def may_write_persons(user: Account) -> bool:
    return scope_for(user).can(Capability.EMPLOYMENT_WRITE)


def manage_scope(user: Account) -> Scope:
    scope = scope_for(user)
    if not scope.can(Capability.EMPLOYMENT_MANAGE):
        raise PermissionDeniedError(_("您的角色无权管理招聘岗位。"), code="capability_required")
    return scope


def require_manage(actor: Account, code: str) -> None:
    scope = manage_scope(actor)
    if not scope.covers(code):
        raise NotFoundError(_("找不到该记录，或不在您的管辖范围内。"))


def may_read_referrals_of_postings(user: Account) -> bool:
    """May read the referrals to the postings it manages (an employer's 推荐记录, session 28): EMPLOYMENT_MANAGE for
    the postings and the right to read people for the rows — the county office, the county's 人社局, a township (its
    town's employers), admin."""
    scope = scope_for(user)
    return scope.can(Capability.EMPLOYMENT_MANAGE) and scope.reads_employment_people


def referral_reads_scope(user: Account) -> Scope:
    """`may_read_referrals_of_postings` or 403: the right to manage postings first (a village cadre, a grid worker),
    then the right to read people."""
    manage_scope(user)
    return read_scope(user)


def may_review_postings(user: Account) -> bool:
    """May clear a posting held for suspected discrimination (核查无误，公开): the county's review, never the unit that
    posted it — the county office (or admin) and the county's 人社局 (docs/employment.md's table: "review flags").
    A township manages its town's postings but does not clear its own flag (tryout27 #2); it may still take one down."""
    scope = scope_for(user)
    if not scope.can(Capability.EMPLOYMENT_MANAGE):
        return False
    if scope.is_all:
        return True
    return scope.role == Role.COUNTY_OFFICE or scope.owns_employment_help


def require_review_postings(actor: Account, code: str) -> None:
    """Clear a flagged posting of the unit `code`: outside the scope 404, without the review right 403."""
    require_manage(actor, code)
    if not may_review_postings(actor):
        raise PermissionDeniedError(_("疑似歧视的岗位由县减负办或县人社局核查，您的角色不能核查公开。"),
                                    code="capability_required")


def county_scope(user: Account) -> Scope:
    """Visit rules are the county's: EMPLOYMENT_MANAGE held at county level (or admin)."""
    scope = manage_scope(user)
    if scope.is_department or not (scope.is_all or len(scope.prefix or "") <= 6):
        raise PermissionDeniedError(_("只有县级可以修改走访规则。"), code="capability_required")
    return scope


def registry_search_scope(user: Account) -> Scope:
    """纳入帮扶 searches the registry itself: REGISTRY_READ, which the 人社局 has not (it reads 就业帮扶's people only)."""
    scope = read_scope(user)
    if not scope.can(Capability.REGISTRY_READ):
        raise PermissionDeniedError(_("纳入帮扶由乡镇、村（社区）和网格员从人口信息中选人办理。"), code="capability_required")
    return scope


def may_see_dashboard(scope: Scope) -> bool:
    """The figures are aggregates: whoever reads 就业帮扶's people (the 人社局 included, ADR 0030) or holds
    STATISTICS_VIEW, from the county down to a village; no other department, no grid worker."""
    if not (scope.reads_employment_people or scope.can(Capability.STATISTICS_VIEW)):
        return False
    if scope.is_department:
        return scope.owns_employment_help
    return scope.is_all or len(scope.unit_code or "") <= 12


def dashboard_scope(user: Account) -> Scope:
    scope = scope_for(user)
    if not may_see_dashboard(scope):
        raise PermissionDeniedError(_("您的角色不能查看就业帮扶统计。"), code="capability_required")
    return scope


def may_edit_registry_person(user: Account, person: Placed) -> bool:
    """May change the person's registry record (人口信息) — where the 联系电话 and the ID are kept, once: the village,
    the township or the grid worker holding the person (REGISTRY_WRITE in its subtree: `registry.services.may_write`,
    the rule of its `require_write`), never a department or the county office. The employment pages link there, as no
    employment form keeps a second copy of the phone (emend32 #5)."""
    return registry_services.may_write(user, person)
