"""Roles and what each may do. The single table here is the whole policy."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    COUNTY_OFFICE = "county_office", _("县减负办")
    DEPARTMENT = "department", _("县直/乡镇部门")
    TOWNSHIP = "township", _("乡镇/街道")
    VILLAGE = "village", _("村/社区干部")
    GRID = "grid", _("网格员")


class Capability(StrEnum):
    ACCOUNTS_MANAGE = "accounts.manage"       # create/disable accounts in one's subtree
    ORGS_MANAGE = "orgs.manage"               # grids, departments, rename/merge/retire
    AUDIT_VIEW = "audit.view"                 # search the audit log
    PII_REVEAL = "pii.reveal"                 # see a full ID/phone number (audited)
    REGISTRY_READ = "registry.read"           # person-level records
    REGISTRY_WRITE = "registry.write"         # edit/import records of one's subtree
    REPORT_FILL = "reports.fill"              # fill and submit a village's report
    REPORT_APPROVE = "reports.approve"        # approve/return the villages' reports
    REPORT_DEFINE = "reports.define"          # define templates and data elements
    EVENT_REPORT = "dispatch.report"          # report a grid event
    DISPATCH = "dispatch.dispatch"            # route/assign events by hand (dispatch centre)
    EVENT_HANDLE = "dispatch.handle"          # accept/resolve/return events addressed to one's department
    WHISTLE = "dispatch.whistle"              # 吹哨: summon departments
    RATE_DEPARTMENTS = "dispatch.rate"        # 考核评价: rate departments' handling
    CATALOGUE_MANAGE = "dispatch.catalogue"   # edit the responsibility catalogue
    REVIEW_SUBMIT = "review.submit"           # submit a draft document for review
    REVIEW_MANAGE = "review.manage"           # manage review rules, see all reviews
    STATISTICS_VIEW = "stats.view"            # county-wide dashboards
    MONITOR_RECORD = "monitor.record"         # file burden-ledger rows (one's own department's, or what one's unit received)
    MONITOR_MANAGE = "monitor.manage"         # burden rules, typical-problem notices, findings triage (county office)
    DIRECTLINE_HANDLE = "directline.handle"   # 直通车: triage reports (also needs a handler key slot)
    VILLAGE_PAGE_EDIT = "villagepages.edit"   # edit one's village's public service list
    VILLAGE_PAGE_APPROVE = "villagepages.approve"  # approve/return the villages' service lists (township)
    EMPLOYMENT_WRITE = "employment.write"     # 就业帮扶: key persons, profiles, visits, referrals of one's subtree
    EMPLOYMENT_MANAGE = "employment.manage"   # 就业帮扶: postings, visit rules, discrimination review


C = Capability
ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.COUNTY_OFFICE: frozenset({C.ACCOUNTS_MANAGE, C.ORGS_MANAGE, C.AUDIT_VIEW, C.PII_REVEAL, C.REGISTRY_READ,
                                   C.REPORT_DEFINE, C.REPORT_APPROVE, C.DISPATCH, C.WHISTLE, C.RATE_DEPARTMENTS,
                                   C.CATALOGUE_MANAGE, C.REVIEW_SUBMIT, C.REVIEW_MANAGE, C.STATISTICS_VIEW}),
    Role.DEPARTMENT: frozenset({C.REPORT_DEFINE, C.EVENT_HANDLE, C.REVIEW_SUBMIT}),
    Role.TOWNSHIP: frozenset({C.REGISTRY_READ, C.REGISTRY_WRITE, C.PII_REVEAL, C.REPORT_APPROVE, C.EVENT_REPORT,
                              C.WHISTLE, C.RATE_DEPARTMENTS, C.REVIEW_SUBMIT}),
    Role.VILLAGE: frozenset({C.REGISTRY_READ, C.REGISTRY_WRITE, C.PII_REVEAL, C.REPORT_FILL, C.EVENT_REPORT}),
    Role.GRID: frozenset({C.REGISTRY_READ, C.REGISTRY_WRITE, C.EVENT_REPORT}),
}
# 减负监测 (monitor): additive grants, kept apart so merges stay easy.
ROLE_CAPABILITIES[Role.COUNTY_OFFICE] |= {C.MONITOR_RECORD, C.MONITOR_MANAGE}
ROLE_CAPABILITIES[Role.DEPARTMENT] |= {C.MONITOR_RECORD}
ROLE_CAPABILITIES[Role.TOWNSHIP] |= {C.MONITOR_RECORD}
ROLE_CAPABILITIES[Role.VILLAGE] |= {C.MONITOR_RECORD}
# 直通车: the county office's role may handle reports (each account still needs its own key slot);
# the admin role may not — administering the system must not mean reading who reported what.
ROLE_CAPABILITIES[Role.COUNTY_OFFICE] |= {C.DIRECTLINE_HANDLE}
ROLE_CAPABILITIES[Role.ADMIN] -= {C.DIRECTLINE_HANDLE}
# Public village pages: the village maintains its service list, the township approves it.
ROLE_CAPABILITIES[Role.VILLAGE] |= {C.VILLAGE_PAGE_EDIT}
ROLE_CAPABILITIES[Role.TOWNSHIP] |= {C.VILLAGE_PAGE_APPROVE}

# 就业帮扶 (issue 8), kept apart so the table above stays as it was.
ROLE_CAPABILITIES[Role.COUNTY_OFFICE] |= {C.EMPLOYMENT_MANAGE}
ROLE_CAPABILITIES[Role.TOWNSHIP] |= {C.EMPLOYMENT_WRITE, C.EMPLOYMENT_MANAGE}
ROLE_CAPABILITIES[Role.VILLAGE] |= {C.EMPLOYMENT_WRITE}
ROLE_CAPABILITIES[Role.GRID] |= {C.EMPLOYMENT_WRITE}

# A department's capabilities beyond its role's, by the department's function (its unit's short code, as
# `orgs.demo` and `reports.catalog` name them): the county's 人社局 (RS) posts jobs, imports job boards and reviews
# postings for discrimination (EMPLOYMENT_MANAGE, county-wide). Holding it, it reads the county's 就业帮扶 people and
# figures as the county office does (`Scope.reads_employment_people`, ADR 0030), never the registry; it writes no
# person, sets no visit rule and acts on no visit task (the county office's and the townships', `employment.access`).
DEPARTMENT_FUNCTION_CAPABILITIES: dict[str, frozenset[Capability]] = {
    "RS": frozenset({C.EMPLOYMENT_MANAGE}),
}

# The kind of unit each role's account must belong to.
ROLE_UNIT_KINDS: dict[str, tuple[str, ...]] = {
    Role.ADMIN: ("province", "prefecture", "county"),
    Role.COUNTY_OFFICE: ("county",),
    Role.DEPARTMENT: ("department",),
    Role.TOWNSHIP: ("town",),
    Role.VILLAGE: ("village",),
    Role.GRID: ("grid",),
}
