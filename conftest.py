"""Shared fixtures. `world` builds the matrix accounts and their units (see docs/dev/conventions.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

os.environ.setdefault("JIANFU_TESTING", "1")
# One BLAS thread per test process: the two xdist workers already fill CI's two cores, and OpenBLAS's own threads then
# spin against each other — every `Matcher` fits a TruncatedSVD (matching.text), 1.1–1.7 s CPU per fit with the default
# two threads on a busy machine against 0.05 s with one (session 24, docs/benchmarks.md). Set before numpy is imported
# (it is not, until the tests are collected); a value exported by the caller wins.
for _blas_threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas_threads, "1")

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# Property tests check what holds, not how fast: hypothesis's default 200 ms deadline per example failed one
# (orgs test_codes, 6 ms idle) on a machine loaded by a coverage run beside the suite (session 30). Speed is measured in
# `make bench` and by the timed tests against floors; a test that means a deadline states its own.
hypothesis_settings.register_profile("jianfu", deadline=None)
hypothesis_settings.load_profile("jianfu")


@pytest.fixture(scope="session", autouse=True)
def _e5_vectors():
    """Every test reads the e5 vectors of texts embedded before instead of embedding them again (about 56 s of CPU
    per catalogue router: the routing tests, the 谁来办 page, each event filed through a form or the API): the
    committed vectors of the project's own texts, then what this machine's runs added (see
    jianfu/dispatch/routing/tests/vectors.py). Keyed by the text and the model, so a changed snippet or model is
    embedded afresh; new vectors are written at the end of the session (each worker renames its own file into place)."""
    from jianfu.dispatch.routing.embedding import embedding_cache
    from jianfu.dispatch.routing.tests.vectors import seed_from_committed, vectors_directory

    directory = vectors_directory()
    seed_from_committed(directory)
    with embedding_cache(directory):
        yield


@dataclass
class World:
    units: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def __getattr__(self, name):
        units = self.__dict__.get("units", {})
        if name in units:
            return units[name]
        raise AttributeError(name)

    def client(self, username: str | None):
        from django.test import Client

        client = Client(REMOTE_ADDR="127.0.0.9")
        if username:
            client.force_login(self.users[username])
        return client

    def api_client(self, username: str | None):
        from rest_framework.test import APIClient

        from jianfu.accounts.models import ApiToken

        client = APIClient(REMOTE_ADDR="127.0.0.9")
        if username:
            _, raw = ApiToken.issue(self.users[username])
            client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client


UNITS = [
    # key, code, name, kind, level, parent
    ("province", "450000000000", "广西壮族自治区", "province", 1, ""),
    ("prefecture", "450500000000", "北海市", "prefecture", 2, "450000000000"),
    ("county", "450521000000", "合浦县", "county", 3, "450500000000"),
    ("town", "450521200000", "曲樟乡", "town", 4, "450521000000"),
    ("town2", "450521100000", "廉州镇", "town", 4, "450521000000"),
    ("village_a", "450521200206", "曲木村委会", "village", 5, "450521200000"),
    ("village_b", "450521200201", "璋嘉村委会", "village", 5, "450521200000"),
    ("village_c", "450521100001", "廉州镇某社区", "village", 5, "450521100000"),
    ("grid_a", "450521200206001", "曲木村第一网格", "grid", 6, "450521200206"),
    ("grid_a2", "450521200206002", "曲木村第二网格", "grid", 6, "450521200206"),
    ("dept_housing", "450521000000D01", "住房和城乡建设局", "department", 3, "450521000000"),
    ("dept_forestry", "450521000000D02", "林业局", "department", 3, "450521000000"),
]
ACCOUNTS = [
    ("admin", "admin", None),
    ("county_office", "county_office", "county"),
    ("dept_housing", "department", "dept_housing"),
    ("dept_forestry", "department", "dept_forestry"),
    ("town_quzhang", "township", "town"),
    ("village_a", "village", "village_a"),
    ("village_b", "village", "village_b"),
    ("grid_a", "grid", "grid_a"),
]
SHORT_CODES = {"dept_housing": "ZJ", "dept_forestry": "LY"}


class _SerialLiveServer:
    """Made a WSGIServer subclass on first use (`_serve_one_request_at_a_time`): Django's own non-threaded server,
    taking the live server's `connections_override` and saying whether a request is being served."""

    serving = False


def _serve_one_request_at_a_time() -> None:
    """On the in-memory SQLite database the live server shares the test's one connection (Django's documented caveat);
    its default server serves each browser connection in a thread of its own, so two requests of one page (a form's
    answer and its thumbnails) could run on that connection at once: a CI-like run of session 26 failed a browser test
    with "cannot start a transaction within a transaction" when a thumbnail's session save met the other request's
    transaction. One request at a time removes that race; Django's server closes each connection after its answer when
    it is not threaded (no keep-alive to block the next one). PostgreSQL keeps the threaded server (a connection per
    thread)."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite" or isinstance(LiveServerThread.server_class, type) and \
            issubclass(LiveServerThread.server_class, _SerialLiveServer):
        return

    class SerialWSGIServer(_SerialLiveServer, WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

        def process_request(self, request, client_address):
            _SerialLiveServer.serving = True
            try:
                super().process_request(request, client_address)
            finally:
                _SerialLiveServer.serving = False

    LiveServerThread.server_class = SerialWSGIServer


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server():
    """Before pytest-django's session live server starts, whichever test asks for it first (`_serve_one_request_at_a_time`)."""
    _serve_one_request_at_a_time()


def build_world() -> World:
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    world = World()
    for key, code, name, kind, level, parent in UNITS:
        world.units[key] = OrgUnit.objects.create(code=code, name=name, kind=kind, level=level, parent_code=parent,
                                                  short_code=SHORT_CODES.get(key, ""))
    for username, role, unit_key in ACCOUNTS:
        user = User(username=username, role=role, org_unit=world.units.get(unit_key),
                    is_staff=role == "admin", is_superuser=role == "admin")
        user.set_password("jianfu-test-password")
        user.save()
        world.users[username] = user
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _own_anonymous_read_counts(monkeypatch):
    """Each test counts its anonymous reads afresh (`core.throttling`, session 31): the cache lives as long as the test
    process, and 2,000 reads a day from the test client's one address would otherwise be spent by the tests before."""
    import uuid

    from jianfu.core import throttling

    monkeypatch.setattr(throttling, "KEY_SPACE", f"throttle:anon_read-{uuid.uuid4().hex[:12]}")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.JIANFU_VAR_DIR = tmp_path / "var"


# The PostgreSQL pass (`make test-pg` sets JIANFU_DB_PASS=1) runs only the tests whose result the backends can change
# (ADR 0038): those that use the database — a django_db mark, a fixture that opens it (world, db, live_server …),
# a Django TestCase — and those marked `backend` (they read the cache, the queue or the settings the environment
# chooses). Every other test is pure Python under pytest-django's database block and ran already on the SQLite pass.
DB_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                         "live_server", "admin_user", "admin_client", "_django_db_helper"})


def _asks_for_the_db_blocker(item) -> bool:
    """`django_db_blocker` is in every test's fixture closure (pytest-django's autouse unittest fixture asks for it);
    count it only when the test or one of the project's fixtures asks for it, i.e. may unblock the database."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    if "django_db_blocker" in info.argnames:
        return True
    return any("django_db_blocker" in fixturedef.argnames and not fixturedef.func.__module__.startswith("pytest_django")
               for fixturedefs in info.name2fixturedefs.values() for fixturedef in fixturedefs)


def _uses_a_backend(item) -> bool:
    if item.get_closest_marker("django_db") or item.get_closest_marker("backend"):
        return True
    if DB_FIXTURES.intersection(getattr(item, "fixturenames", ())) or _asks_for_the_db_blocker(item):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None:
        from django.test import SimpleTestCase, TransactionTestCase

        if issubclass(cls, TransactionTestCase) or (issubclass(cls, SimpleTestCase) and cls.databases):
            return True
    return False


def _runs_on_the_db_pass(item) -> bool:
    """The browser suite runs once, on the SQLite pass (ADR 0042): what it adds to the test client's runs of the same
    views on PostgreSQL is the browser's side (layout, scripts), which the backend cannot change."""
    return _uses_a_backend(item) and item.get_closest_marker("e2e") is None


def _deselect_unless(config, items, marker: str, present: bool, refusal: str) -> None:
    """Tests marked `marker` need a server the run may not name: deselected where it is absent (deselected, not
    skipped — the house rule has no skips), and the PostgreSQL pass, which is meant to run them, fails without it."""
    if present:
        return
    needs = [item for item in items if item.get_closest_marker(marker)]
    if needs and os.environ.get("JIANFU_DB_PASS") == "1":
        raise pytest.UsageError(refusal)
    if needs:
        config.hook.pytest_deselected(items=needs)
        items[:] = [item for item in items if not item.get_closest_marker(marker)]


def pytest_collection_modifyitems(config, items):
    # `redis`: talks to the Redis JIANFU_REDIS_URL names (fixcr33b M2). `postgres`: races writers, which SQLite
    # serialises.
    _deselect_unless(config, items, "redis", bool(os.environ.get("JIANFU_REDIS_URL")),
                     "the PostgreSQL pass runs the Redis tests: name the Redis (JIANFU_REDIS_URL)")
    _deselect_unless(config, items, "postgres",
                     os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
                     "the PostgreSQL pass runs the race tests: name the PostgreSQL (DATABASE_URL)")
    if os.environ.get("JIANFU_DB_PASS") != "1":
        return
    kept = [item for item in items if _runs_on_the_db_pass(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not _runs_on_the_db_pass(item)])
        items[:] = kept
