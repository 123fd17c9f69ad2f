"""The demo accounts (password `jianfu-demo`, demo only)."""

from __future__ import annotations

from jianfu.accounts.models import User
from jianfu.accounts.roles import Role
from jianfu.orgs.models import OrgUnit, UnitKind

DEMO_PASSWORD = "jianfu-demo"  # noqa: S105 - demo only, printed by `make run`
COUNTY = "450521000000"


def _department(short_code: str) -> str:
    return OrgUnit.objects.get(parent_code=COUNTY, kind=UnitKind.DEPARTMENT, short_code=short_code).code


DEMO_ACCOUNTS = [
    # username, role, unit code (callable for departments), display name, what it shows
    ("admin", Role.ADMIN, None, "系统管理员", "全部"),
    ("county_office", Role.COUNTY_OFFICE, COUNTY, "县减负办", "合浦县"),
    ("dept_housing", Role.DEPARTMENT, lambda: _department("ZJ"), "住建局经办人", "县住房和城乡建设局"),
    ("dept_forestry", Role.DEPARTMENT, lambda: _department("LY"), "林业局经办人", "县林业局"),
    # the county's 人社局: posts jobs and imports job boards (`roles.DEPARTMENT_FUNCTION_CAPABILITIES`)
    ("dept_hrss", Role.DEPARTMENT, lambda: _department("RS"), "人社局经办人", "县人力资源和社会保障局（可发布岗位）"),
    ("town_quzhang", Role.TOWNSHIP, "450521200000", "曲樟乡干部", "曲樟乡"),
    ("village_a", Role.VILLAGE, "450521200206", "曲木村干部", "曲木村委会"),
    ("village_b", Role.VILLAGE, "450521200201", "璋嘉村干部", "璋嘉村委会"),
    ("grid_a", Role.GRID, "450521200206001", "曲木村网格员", "曲木村第一网格"),
]


def load(*, stdout) -> None:
    for username, role, code, display_name, _scope in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        code = code() if callable(code) else code
        user = User(username=username, role=role, display_name=display_name,
                    org_unit=OrgUnit.objects.get(code=code) if code else None,
                    is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
        user.set_password(DEMO_PASSWORD)
        user.save()
    stdout.write(f"  演示账号 {len(DEMO_ACCOUNTS)} 个")


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role, what it shows) of each demo account that exists and is active: the login page's note when the
    demo runs (a database the demo was not loaded into lists none)."""
    present = set(User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS], is_active=True)
                  .values_list("username", flat=True))
    return [(username, str(Role(role).label), scope) for username, role, _code, _name, scope in DEMO_ACCOUNTS
            if username in present]


# stored password (its hash, salt included) → whether it is the demo password: each hash is checked once per process
# (Argon2, about 50 ms a check), and a password changed since is a new hash, so it is checked afresh
_IS_DEMO_PASSWORD: dict[str, bool] = {}


def demo_password_kept(usernames: list[str]) -> bool:
    """Whether each of these demo accounts still has the demo password, so the login page may state it (mend18b #5a:
    it said "jianfu-demo" after the password was changed). False when there is none to check."""
    from django.contrib.auth.hashers import check_password

    stored = list(User.objects.filter(username__in=usernames).values_list("password", flat=True))
    for encoded in stored:
        if encoded not in _IS_DEMO_PASSWORD:
            _IS_DEMO_PASSWORD[encoded] = check_password(DEMO_PASSWORD, encoded)
        if not _IS_DEMO_PASSWORD[encoded]:
            return False
    return bool(stored)


def accounts_table() -> str:
    lines = ["演示账号（密码均为 jianfu-demo，仅供演示）："]
    for username, role, _code, _name, scope in DEMO_ACCOUNTS:
        lines.append(f"  {username:<14} {Role(role).label:<10} {scope}")
    return "\n".join(lines)
