"""security35 #1: the matcher's stored files (`seekers-*.joblib`, `text-*.joblib`) were plain pickles: a second,
unencrypted copy of seekers' wishes, experience and limits, and a file anyone who could write the directory could
replace with a pickle that runs code when the next web process loads it. They are sealed with the field key
(`core.crypto.seal`, AES-256-GCM, the file's name as associated data) and opened before anything is unpickled: a
plain, foreign, renamed or altered file is built again, never unpickled (ADR 0047)."""

from __future__ import annotations

import base64
import pickle

import pytest

from jianfu.core import crypto
from jianfu.employment import matchsvc
from jianfu.employment.matching import Matcher
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db
WISH = "种过荔枝，想在附近打零工"
RAN: list[str] = []


class _Payload:
    """A pickle that calls `_ran` when it is loaded (as an attacker's `os.system` would)."""

    def __reduce__(self):
        return (_ran, ("unpickled",))


def _ran(what: str) -> str:
    RAN.append(what)
    return what


@pytest.fixture(autouse=True)
def _clean():
    RAN.clear()
    matchsvc._indexes.clear()
    yield
    matchsvc._indexes.clear()


def _people():
    return [key_person_in(profile={"desired_text": WISH, "experience": "在海产厂分拣三年"})]


def test_a_stored_index_holds_no_readable_word_of_a_seeker(settings):
    people = _people()
    key = matchsvc.index_key(people)
    matchsvc.seeker_index(people, key=key)
    raw = matchsvc._index_path(key[0]).read_bytes()
    assert raw.startswith(crypto.SEALED_MAGIC)
    for word in (WISH, "在海产厂分拣三年", "荔枝"):
        assert word.encode("utf-8") not in raw
    assert b"jianfu.employment.matching" not in raw            # no pickle opcodes in the clear either
    loaded = matchsvc._load_stored(matchsvc._index_path(key[0]), Matcher, "seeker index")
    assert [s.id for s in loaded.seekers] == [str(people[0].pk)]


def test_a_plain_pickle_under_an_index_s_name_is_rebuilt_never_unpickled():
    people = _people()
    key = matchsvc.index_key(people)
    path = matchsvc._index_path(key[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(_Payload()))
    matcher = matchsvc.seeker_index(people, key=key)
    assert RAN == []
    assert [s.id for s in matcher.seekers] == [str(people[0].pk)]
    assert path.read_bytes().startswith(crypto.SEALED_MAGIC)        # replaced by the built one


def test_a_sealed_file_renamed_altered_or_of_another_key_is_not_opened(settings, tmp_path):
    directory = matchsvc.index_dir()
    good = directory / "seekers-aaa.joblib"
    assert matchsvc._store_atomically(good, _Payload(), "index")
    blob = good.read_bytes()
    # under another name (another scope's digest): the name is the associated data
    other = directory / "seekers-bbb.joblib"
    other.write_bytes(blob)
    assert matchsvc._load_stored(other, object, "index") is None
    # one byte changed
    flipped = bytearray(blob)
    flipped[-1] ^= 1
    good.write_bytes(bytes(flipped))
    assert matchsvc._load_stored(good, object, "index") is None
    assert RAN == []
    # sealed under a key this deploy does not hold
    good.write_bytes(blob)
    settings.JIANFU_FIELD_KEYS = {"elsewhere": base64.b64encode(b"k" * 32).decode()}
    assert matchsvc._load_stored(good, object, "index") is None
    assert RAN == []


def test_a_file_sealed_before_a_key_rotation_still_opens(settings):
    path = matchsvc.index_dir() / "text-ccc.joblib"
    assert matchsvc._store_atomically(path, ["荔枝", "分拣"], "text model")
    old = dict(settings.JIANFU_FIELD_KEYS) if isinstance(settings.JIANFU_FIELD_KEYS, dict) else None
    if old is None:
        old = dict(crypto.parse_field_keys(settings.JIANFU_FIELD_KEYS).keys)
    settings.JIANFU_FIELD_KEYS = {"new": base64.b64encode(b"n" * 32).decode(), **old}
    assert matchsvc._load_stored(path, list, "text model") == ["荔枝", "分拣"]


def test_no_field_key_stores_nothing(settings, monkeypatch):
    settings.JIANFU_FIELD_KEYS = None
    monkeypatch.delenv("JIANFU_FIELD_KEYS", raising=False)
    path = matchsvc.index_dir() / "seekers-ddd.joblib"
    assert matchsvc._store_atomically(path, [1], "index") is False
    assert not path.exists()
