import csv
from pathlib import Path

import pytest

from jianfu.dispatch.routing import (
    CatalogueRouter,
    LearnedRouter,
    default_catalogue_path,
    load_catalogue_yaml,
)

TRAINING = default_catalogue_path().parent / "training"
# e5 vectors of the catalogue's passages, shared by every test worker and run (var/ is never committed)
SHARED_VECTORS = Path(__file__).resolve().parents[4] / "var" / "cache" / "routing-tests"


def read_training(name: str, label: str) -> tuple[list[str], list[str]]:
    with (TRAINING / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r[label] for r in rows]


@pytest.fixture(scope="session", autouse=True)
def _shared_vectors():
    """e5 vectors (the catalogue's passages, the training events) embedded once for every later run and
    test worker, instead of about 56 s of CPU per catalogue router and 2 minutes per learned fit. Keyed
    by the text and the model, so a changed snippet or model is embedded afresh; written at the end of
    the session (each worker renames its own file into place)."""
    from jianfu.dispatch.routing.embedding import embedding_cache

    with embedding_cache(SHARED_VECTORS):
        yield


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue_yaml(default_catalogue_path())


@pytest.fixture(scope="session")
def catalogue_router(catalogue):
    return CatalogueRouter(catalogue[0])


@pytest.fixture(scope="session")
def learned_by_department_name(catalogue):
    """Learned from the generated events, labelled with department *names* (as a deployment might)."""
    texts, labels = read_training("events_train.csv", "department_name")
    matters, departments = catalogue
    return LearnedRouter(matters=matters, departments=departments).fit(texts, labels)
