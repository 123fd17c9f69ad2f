import pytest


@pytest.fixture(autouse=True)
def _seeded_rules(request):
    """The national rules come from a data migration; a transactional test elsewhere on the same
    worker flushes them, so put them back for the tests that use the database."""
    uses_db = request.node.get_closest_marker("django_db") is not None or \
        {"db", "transactional_db", "world"} & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("db")
        from jianfu.monitor.services import rules_seed

        rules_seed()
