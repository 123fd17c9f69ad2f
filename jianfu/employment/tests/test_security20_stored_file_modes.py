"""security20 #5: the stored text models and seeker indexes (`text-*.joblib`, `seekers-*.joblib`) hold people's words
(a model's vocabulary, an index's wishes) and were 0644 in a 0755 directory: any account on the host read them. They
are created 0600, the directory 0700 (also one made before, 0755)."""

from __future__ import annotations

import os
import stat

from jianfu.employment import matchsvc


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_stored_index_and_its_directory_are_the_app_s_only(settings, tmp_path):
    settings.JIANFU_VAR_DIR = tmp_path / "var"
    directory = matchsvc.index_dir()
    directory.mkdir(parents=True, mode=0o755)   # as the earlier code left it
    directory.chmod(0o755)
    old = os.umask(0o022)
    try:
        assert matchsvc._store_atomically(directory / "seekers-abc.joblib", {"wish": "想在附近打零工"}, "index")
        assert matchsvc._store_atomically(directory / "text-abc.joblib", ["荔枝"], "text model")
    finally:
        os.umask(old)
    assert (_mode(directory), _mode(directory / "seekers-abc.joblib"), _mode(directory / "text-abc.joblib")) == (
        0o700, 0o600, 0o600)
    assert matchsvc._load_stored(directory / "seekers-abc.joblib", dict, "index") == {"wish": "想在附近打零工"}
    assert sorted(p.name for p in directory.iterdir()) == ["seekers-abc.joblib", "text-abc.joblib"]


def test_a_new_directory_is_made_0700(settings, tmp_path):
    settings.JIANFU_VAR_DIR = tmp_path / "fresh"
    path = matchsvc.index_dir() / "seekers-new.joblib"
    assert matchsvc._store_atomically(path, [1], "index")
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)
