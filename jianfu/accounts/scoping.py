"""THE scoping rule: what an account may see and change. Every list, detail, export, API and
background export goes through `scope_for(user)`; nothing else filters by org.

- admin: everything.
- county office, township, village, grid: the subtree of their unit (a prefix of the org code).
- department staff: what is addressed to their department (`department_field`), and read-only the
  aggregated reports of the unit their department hangs off (一表同享: collected once, so
  departments need not ask villages again). Person-level records also need the REGISTRY_READ
  capability, which departments do not have — with one exception, 就业帮扶's people (`reads_employment_people`):
  the department that owns employment help in its county (one holding EMPLOYMENT_MANAGE by function, the
  人社局) reads that county's key persons and figures as the county office does (ADR 0030); nothing else of
  the registry follows from it.
- anonymous: nothing.
- what an account *received* (`received_q`): its subtree, and what was addressed to a unit above its own (its
  township, its county), which reaches it — a village reads the demands its township and county sent down.
A disabled account (is_active False) has no scope at all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jianfu.accounts.roles import DEPARTMENT_FUNCTION_CAPABILITIES, ROLE_CAPABILITIES, Capability, Role
from jianfu.core.errors import NotFoundError, PermissionDeniedError
from jianfu.orgs import codes


@dataclass(frozen=True)
class Scope:
    role: str | None
    prefix: str | None            # None with is_all: every unit; "" with not is_all: nothing
    is_all: bool = False
    department_code: str = ""     # set for department staff
    unit_code: str = ""
    capabilities: frozenset[Capability] = frozenset()

    # --- capabilities -------------------------------------------------------------------------
    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def require(self, capability: Capability) -> None:
        if not self.can(capability):
            raise PermissionDeniedError("您的角色无权进行此操作。", code="capability_required",
                                        details={"capability": str(capability)})

    # --- units --------------------------------------------------------------------------------
    @property
    def is_department(self) -> bool:
        return bool(self.department_code)

    @property
    def reads_own_villages_burden(self) -> bool:
        """A township or village that records burdens reads its own villages' 基层负担指数 and the report
        submissions behind it (N09): a unit of the division tree, not a department. One rule for the index page,
        its menu item and the reporting part of the index (session 12's diff review, R05)."""
        return self.can(Capability.MONITOR_RECORD) and not self.is_department and bool(self.unit_code)

    def covers(self, code: str | None) -> bool:
        """May this account see records of the unit `code`?"""
        if self.is_all:
            return True
        if not self.prefix or not code:
            return False
        return codes.in_subtree(code, self.prefix)

    def may_write(self, code: str | None, capability: Capability) -> bool:
        """Write access to records of `code`: the capability, and the unit in one's own subtree
        (departments never write other units' records through this path)."""
        return self.can(capability) and self.covers(code) and (self.is_all or not self.is_department)

    def require_write(self, code: str | None, capability: Capability) -> None:
        if not self.covers(code):
            raise NotFoundError("找不到该记录，或不在您的管辖范围内。")
        if not self.may_write(code, capability):
            raise PermissionDeniedError("您的角色无权修改该记录。", code="capability_required")

    def filter(self, qs: QuerySet, *, field: str = "org_code", department_field: str | None = None) -> QuerySet:
        """Narrow `qs` to what the account may see.

        `field` names the org code column; `department_field`, when the records are addressed to
        departments (events, whistles, reviews), names the column holding the department's code —
        department staff then see only what is addressed to them."""
        if self.is_all:
            return qs
        if self.is_department and department_field:
            return qs.filter(**{department_field: self.department_code})
        if not self.prefix:
            return qs.none()
        return qs.filter(codes.subtree_q(self.prefix, field))

    def q(self, *, field: str = "org_code", department_field: str | None = None) -> Q:
        """The same rule as a Q, for OR-ing with other conditions (e.g. "addressed to me or in my town")."""
        if self.is_all:
            return Q()
        if self.is_department and department_field:
            return Q(**{department_field: self.department_code})
        if not self.prefix:
            return Q(pk__in=[])
        return codes.subtree_q(self.prefix, field)

    def received_q(self, *, field: str = "org_code") -> Q:
        """Rows addressed to one's own subtree or to a unit above one's own (N09: a village could not see what it
        was asked this month, which mostly comes from its township and county). Departments and accounts with no
        unit receive nothing this way; an admin everything."""
        if self.is_all:
            return Q()
        if self.is_department or not self.prefix or not self.unit_code:
            return Q(pk__in=[])
        above = []
        code = codes.parent_code(self.unit_code)
        while code is not None:
            above.append(code)
            code = codes.parent_code(code)
        return codes.subtree_q(self.prefix, field) | Q(**{f"{field}__in": above})

    # --- 就业帮扶's people (ADR 0030) -----------------------------------------------------------
    @property
    def owns_employment_help(self) -> bool:
        """A department holding EMPLOYMENT_MANAGE: the county's 人社局 (`roles.DEPARTMENT_FUNCTION_CAPABILITIES`)."""
        return self.is_department and self.can(Capability.EMPLOYMENT_MANAGE)

    @property
    def reads_employment_people(self) -> bool:
        """May see 就业帮扶's people (key persons, their profiles, visits, referrals, services, the candidates for a
        posting) and its figures, inside `covers`: whoever reads the registry (REGISTRY_READ), and the department
        that owns employment help in its county, which reads that county's as the county office does (ADR 0030).
        Other departments see no person. Never a right to the registry itself."""
        return self.can(Capability.REGISTRY_READ) or self.owns_employment_help

    @property
    def reveals_employment_people(self) -> bool:
        """May reveal (audited) the full ID/phone of a 就业帮扶 key person in scope: PII_REVEAL, or the department that
        owns employment help (ADR 0030: it reads them as the county office does, the reveal audited alike). Not a
        PII_REVEAL for anything else (events, the registry)."""
        return self.can(Capability.PII_REVEAL) or self.owns_employment_help

    def may_refer_employment(self, code: str | None) -> bool:
        """May refer (推荐就业) a 就业帮扶 key person of the unit `code` to an open posting: whoever writes that person
        (EMPLOYMENT_WRITE inside the subtree), and the department that owns employment help in its county — the
        public employment service, whose 职业介绍 this is (ADR 0033). The referral moves the person 失业 → 已推荐 as
        any referral does; the department writes nothing else of a person (ADR 0030)."""
        return self.may_write(code, Capability.EMPLOYMENT_WRITE) or (self.owns_employment_help and self.covers(code))

    def may_reveal_for_visit(self, grid_code: str | None) -> bool:
        """A grid worker may reveal the phone of the person of an open visit task of their own grid, from
        that task's visit form only (ADR 0028: 电话联系 is an outcome of the visit). Callers pass the task's
        grid code; no other reveal right follows from this."""
        return self.role == Role.GRID and bool(grid_code) and self.covers(grid_code)

    def get(self, qs: QuerySet, *, field: str = "org_code", department_field: str | None = None, **lookup):
        """One object inside the scope, or NotFoundError — never a hint that it exists elsewhere."""
        obj = self.filter(qs, field=field, department_field=department_field).filter(**lookup).first()
        if obj is None:
            raise NotFoundError("找不到该记录，或不在您的管辖范围内。")
        return obj


NO_SCOPE = Scope(role=None, prefix="")


def scope_for(user) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_SCOPE
    role = user.role
    capabilities = ROLE_CAPABILITIES.get(role, frozenset())
    if role == Role.ADMIN:
        return Scope(role=role, prefix=None, is_all=True, capabilities=capabilities,
                     unit_code=user.org_code)
    unit = user.org_unit
    if unit is None or not unit.is_active:
        return NO_SCOPE
    if role == Role.DEPARTMENT:
        parent = unit.parent_code
        capabilities = capabilities | DEPARTMENT_FUNCTION_CAPABILITIES.get(unit.short_code, frozenset())
        return Scope(role=role, prefix=codes.significant_prefix(parent) if parent else "",
                     department_code=unit.code, unit_code=unit.code, capabilities=capabilities)
    return Scope(role=role, prefix=codes.significant_prefix(unit.code), unit_code=unit.code,
                 capabilities=capabilities)
