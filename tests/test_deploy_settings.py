"""Production settings by the book (issue 11.7): docs/deploy.md followed literally starts; production
without its secrets refuses to start and writes nothing; the embedded default keeps its local secrets."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "deploy.md"
SECRET_VARS = ("JIANFU_SECRET_KEY", "JIANFU_FIELD_KEYS", "JIANFU_BLIND_INDEX_KEY", "JIANFU_AUDIT_KEY")


def deploy_environment() -> dict[str, str]:
    """Every variable of deploy.md's environment table whose row says how to make its value
    (`python -c "…"`), made by running exactly that command."""
    env = {}
    for line in DEPLOY.read_text(encoding="utf-8").splitlines():
        row = re.match(r"\| `(JIANFU_[A-Z_]+)` \|(.*)\|\s*$", line)
        if not row:
            continue
        made = re.search(r'`python -c "(.+?)"`', row.group(2))
        if made:
            value = subprocess.run([sys.executable, "-c", made.group(1)], capture_output=True, text=True,
                                   check=True).stdout.strip()
            env[row.group(1)] = value
    flags = re.findall(r"\| `(JIANFU_[A-Z_]+)=(\w+)` \|", DEPLOY.read_text(encoding="utf-8"))
    env.update({name: value for name, value in flags if name == "JIANFU_ALLOW_LOCAL_SECRETS"})
    return env


def run_manage(tmp_path: Path, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("JIANFU_") and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "JIANFU_VAR_DIR": str(tmp_path / "var"),
                "JIANFU_DEBUG": "0", "JIANFU_ALLOWED_HOSTS": "jianfu.example.gov.cn", **extra})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_deploy_md_names_a_generator_for_every_secret():
    env = deploy_environment()
    assert set(SECRET_VARS) <= set(env)
    assert env["JIANFU_ALLOW_LOCAL_SECRETS"] == "0"
    assert env["JIANFU_FIELD_KEYS"].startswith("k1:")


@pytest.mark.slow
def test_production_by_the_book_starts_and_generates_nothing(tmp_path):
    env = deploy_environment()      # one installation, one set of secrets: the forms load's audit record must verify
    done = run_manage(tmp_path, env, "migrate", "--noinput", "-v", "0")
    assert done.returncode == 0, done.stderr[-2000:]
    done = run_manage(tmp_path, env, "reports_load_forms", "--if-changed")     # deploy.md's step after migrate
    assert done.returncode == 0 and done.stdout.startswith("已载入 分类 "), done.stderr[-2000:]
    done = run_manage(tmp_path, env, "audit_verify")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (tmp_path / "var" / "secrets.json").exists()


@pytest.mark.parametrize("allow", [None, "0"])
def test_production_without_its_secrets_refuses_to_start_and_writes_nothing(tmp_path, allow):
    env = deploy_environment()
    del env["JIANFU_AUDIT_KEY"]
    if allow is None:
        del env["JIANFU_ALLOW_LOCAL_SECRETS"]  # JIANFU_DEBUG=0 alone is enough to refuse
    done = run_manage(tmp_path, env, "check")
    assert done.returncode != 0
    assert "Missing secrets in the environment: JIANFU_AUDIT_KEY" in done.stderr
    assert not (tmp_path / "var" / "secrets.json").exists()


def test_embedded_default_generates_local_secrets_only_when_allowed(tmp_path):
    done = run_manage(tmp_path, {"JIANFU_ALLOW_LOCAL_SECRETS": "1"}, "check")
    assert done.returncode == 0, done.stderr[-2000:]
    path = tmp_path / "var" / "secrets.json"
    assert set(json.loads(path.read_text())) == {"secret_key", "field_keys", "blind_index_key", "audit_key"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_older_local_secrets_file_is_completed_and_kept(tmp_path):
    from config.local_secrets import load_or_create_local_secrets

    path = tmp_path / "secrets.json"
    path.write_text(json.dumps({"secret_key": "s", "field_keys": {"k1": "a"}, "blind_index_key": "b"}))
    data = load_or_create_local_secrets(tmp_path, allow_generate=True)
    assert (data["secret_key"], data["field_keys"], data["blind_index_key"]) == ("s", {"k1": "a"}, "b")
    assert len(data["audit_key"]) == 44 and json.loads(path.read_text()) == data
