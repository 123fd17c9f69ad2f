"""fixcr32 #7: JIANFU_ANONYMOUS_READ_RATES="120" (no period) made every anonymous read answer 500 at its first request;
the settings now refuse such a value when the process starts, naming the variable and the value."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_rates
from jianfu.core import throttling

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("value", ["120", "120/", "/min", "abc/min", "0/min", "120/week", "120/min,2000", "-5/min",
                                   "1.5/min"])
def test_a_value_that_is_no_rate_is_refused(value: str) -> None:
    with pytest.raises(ImproperlyConfigured) as caught:
        env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day", {"JIANFU_ANONYMOUS_READ_RATES": value})
    assert str(caught.value).startswith("JIANFU_ANONYMOUS_READ_RATES: \"")


@pytest.mark.parametrize(("value", "rates"), [
    ("120/min,2000/day", [(120, 60), (2000, 86400)]),
    ("5/s", [(5, 1)]),
    ("30/minute, 500 / day", [(30, 60), (500, 86400)]),
    ("10/hour", [(10, 3600)]),
])
def test_near_misses_that_are_rates_are_read_as_the_throttle_reads_them(value: str, rates: list) -> None:
    read = env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day", {"JIANFU_ANONYMOUS_READ_RATES": value})
    assert [throttling.parse_rate(rate) for rate in read] == rates


def test_the_process_stops_at_start_with_the_variables_name() -> None:
    env = {**os.environ, "JIANFU_ANONYMOUS_READ_RATES": "120", "JIANFU_ALLOW_LOCAL_SECRETS": "1",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert 'ImproperlyConfigured: JIANFU_ANONYMOUS_READ_RATES: "120" is no rate' in done.stderr


# fix-cr32b #2: an empty list silently switched the throttle off ("" or " , " gave ()); now only "off" does

@pytest.mark.parametrize("value", ["", " ", " , ", ",,", "\t,"])
def test_a_value_naming_no_rate_is_refused(value: str) -> None:
    with pytest.raises(ImproperlyConfigured) as caught:
        env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day", {"JIANFU_ANONYMOUS_READ_RATES": value})
    assert str(caught.value) == (f'JIANFU_ANONYMOUS_READ_RATES: "{value}" names no rate; write N/period, e.g. '
                                 '"120/min,2000/day", or "off" to count no anonymous read')


@pytest.mark.parametrize("value", ["off", "OFF", " Off "])
def test_off_and_only_off_switches_the_throttle_off(value: str) -> None:
    assert env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day", {"JIANFU_ANONYMOUS_READ_RATES": value}) == ()


@pytest.mark.parametrize("value", ["off,120/min", "0ff", "none", "no"])
def test_look_alikes_of_off_are_refused(value: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day", {"JIANFU_ANONYMOUS_READ_RATES": value})


def test_unset_the_default_is_read() -> None:
    assert env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day", {}) == ("120/min", "2000/day")


def test_an_empty_value_stops_the_process_at_start() -> None:
    env = {**os.environ, "JIANFU_ANONYMOUS_READ_RATES": " , ", "JIANFU_ALLOW_LOCAL_SECRETS": "1",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert 'ImproperlyConfigured: JIANFU_ANONYMOUS_READ_RATES: " , " names no rate' in done.stderr
