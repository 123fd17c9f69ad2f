"""fixcr34d (newuser34b #6): the README's `.venv/bin/python manage.py employment_match …` line, typed in a fresh shell
(no JIANFU_ALLOW_LOCAL_SECRETS, which only `make` exports), failed with a 30-line traceback ending in
MissingSecretsError. manage.py now says it in one line naming the variable (production still refuses: nothing is
generated), and the README's file commands carry the variable."""

from __future__ import annotations

import re

from tests.test_deploy_settings import ROOT, run_manage


def test_a_fresh_shell_gets_one_line_naming_the_variable_and_nothing_written(tmp_path):
    done = run_manage(tmp_path, {}, "employment_match", "--seekers", "S.xlsx", "--jobs", "J.csv", "--out", "OUT.csv")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "manage.py: Missing secrets in the environment: JIANFU_SECRET_KEY, JIANFU_FIELD_KEYS, JIANFU_BLIND_INDEX_KEY, "
        "JIANFU_AUDIT_KEY. Production (JIANFU_DEBUG=0) does not generate local ones: set them as docs/deploy.md says, "
        "or set JIANFU_ALLOW_LOCAL_SECRETS=1 for a demo or development machine.\n")
    assert not (tmp_path / "var" / "secrets.json").exists()


def test_the_readmes_file_commands_carry_the_variable():
    """The two file commands a desk runs on its own machine; the console ones (audit_verify, directline_keys,
    orgs_load_divisions) run in production too, where the variable would let missing secrets be generated."""
    lines = re.findall(r"^\| `([^`]*manage\.py [^`]*)`", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert [line.split()[:4] for line in lines if "_match" in line or "_classify" in line] == [
        ["JIANFU_ALLOW_LOCAL_SECRETS=1", ".venv/bin/python", "manage.py", "employment_match"],
        ["JIANFU_ALLOW_LOCAL_SECRETS=1", ".venv/bin/python", "manage.py", "dispatch_classify"]]
