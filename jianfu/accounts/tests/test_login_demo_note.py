"""newuser17 #5: the demo accounts scrolled away with `make run`'s table and the login page named none. The login page
lists them and their shared password only when scripts/run.py serves the demo on the embedded default
(settings.JIANFU_DEMO_LOGIN_NOTE); production settings never do, whatever JIANFU_DEMO says."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.test_deploy_settings import ROOT, deploy_environment, run_manage

pytestmark = pytest.mark.django_db

SHOW = "from django.conf import settings; print(settings.JIANFU_DEMO_LOGIN_NOTE)"


def _demo_passwords(world) -> None:
    """The world's accounts with the demo's password, as `accounts.demo.load` sets it."""
    from jianfu.accounts.demo import DEMO_PASSWORD

    for user in world.users.values():
        user.set_password(DEMO_PASSWORD)
        user.save()


def test_the_demo_login_page_lists_the_accounts_and_their_password(world, settings):
    settings.JIANFU_DEMO_LOGIN_NOTE = True
    _demo_passwords(world)
    world.users["grid_a"].is_active = False
    world.users["grid_a"].save()
    html = world.client(None).get("/login/").content.decode()
    assert "演示账号（密码均为 jianfu-demo，仅供演示）" in html
    assert "<li><code>county_office</code> 县减负办 · 合浦县</li>" in html
    # the demo accounts that exist and are active: the world has no dept_hrss, and grid_a is disabled
    assert re.findall(r"<li><code>(\w+)</code>", html) == [
        "admin", "county_office", "dept_housing", "dept_forestry", "town_quzhang", "village_a", "village_b"]


def test_the_password_is_stated_only_while_it_is_still_the_demo_accounts(world, settings, monkeypatch):
    """mend18b #5a: the note said "jianfu-demo" after the demo's password had been changed. Each stored password is
    checked once per process (a hash check is slow by design); a changed one is a new hash, checked afresh."""
    from django.contrib.auth import hashers

    from jianfu.accounts import demo

    settings.JIANFU_DEMO_LOGIN_NOTE = True
    _demo_passwords(world)
    checked = []
    real = hashers.check_password
    monkeypatch.setattr(hashers, "check_password", lambda p, e, *a, **k: checked.append(e) or real(p, e, *a, **k))
    monkeypatch.setattr(demo, "_IS_DEMO_PASSWORD", {})
    client = world.client(None)
    listed = ["admin", "county_office", "dept_housing", "dept_forestry", "town_quzhang", "village_a", "village_b",
              "grid_a"]
    for _ in range(2):
        html = client.get("/login/").content.decode()
        assert "演示账号（密码均为 jianfu-demo，仅供演示）" in html
    assert len(checked) == len(listed) == len(set(checked))    # once each, the second page from the cache
    user = world.users["village_b"]
    user.set_password("另一个密码-changed-2026")
    user.save()
    html = world.client(None).get("/login/").content.decode()
    assert "jianfu-demo" not in html and "演示账号（仅供演示）" in html
    assert re.findall(r"<li><code>(\w+)</code>", html) == listed    # the accounts are still named
    assert checked[len(listed):] == [user.password]     # only the changed password was checked again


def test_a_database_without_the_demo_accounts_lists_none(client, settings):
    settings.JIANFU_DEMO_LOGIN_NOTE = True
    html = client.get("/login/").content.decode()
    assert 'id="demo-accounts"' not in html and "jianfu-demo" not in html


def test_without_the_setting_the_login_page_names_no_account(client, settings):
    settings.JIANFU_DEMO_LOGIN_NOTE = False
    html = client.get("/login/").content.decode()
    assert "jianfu-demo" not in html and "county_office" not in html and 'id="demo-accounts"' not in html


def test_production_settings_never_show_it(tmp_path):
    # docs/deploy.md's environment, with JIANFU_DEMO=1 set by mistake: still off
    done = run_manage(tmp_path, {**deploy_environment(), "JIANFU_DEMO": "1"}, "shell", "-c", SHOW)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"
    # a deployment (DATABASE_URL set) that still lets local secrets be generated: off too
    done = run_manage(tmp_path, {"JIANFU_ALLOW_LOCAL_SECRETS": "1", "JIANFU_DEMO": "1"}, "shell", "-c", SHOW)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_the_embedded_demo_shows_it(tmp_path):
    """What scripts/run.py starts: no DATABASE_URL, local secrets, JIANFU_DEMO=1 (and only then)."""
    import os

    base = {k: v for k, v in os.environ.items()
            if not k.startswith("JIANFU_") and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    base.update({"JIANFU_VAR_DIR": str(tmp_path / "var"), "JIANFU_ALLOW_LOCAL_SECRETS": "1"})
    shown = {}
    for demo in ("1", None):
        env = {**base, **({"JIANFU_DEMO": demo} if demo else {})}
        done = subprocess.run([sys.executable, "manage.py", "shell", "-c", SHOW], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        shown[demo] = done.stdout.strip().splitlines()[-1]
    assert shown == {"1": "True", None: "False"}
