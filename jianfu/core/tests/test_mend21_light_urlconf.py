"""mend21 #6: a new web process's first request (/login/ too) imports every view behind the URLconf — 1.7 s CPU, 5–9 s
on a loaded machine, which the background warm-up (config/warmup.py, started as the port opens) cannot take off it.
pypinyin's phrase dictionary (0.24 s CPU of it) is imported where a name is compared or a list sorted by pinyin, not
with the modules the URLconf imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_urlconf_imports_no_pinyin_dictionary():
    code = ("import sys, django; django.setup(); from django.urls import get_resolver; "
            "n = len(get_resolver().url_patterns); print(n, sorted(m for m in sys.modules if m.startswith('pypinyin')))")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "JIANFU_ALLOW_LOCAL_SECRETS": "1",
           "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                         check=True).stdout.strip().splitlines()[-1]
    assert out.split(" ", 1)[1] == "[]"
