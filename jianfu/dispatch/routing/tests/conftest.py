import csv

import pytest

from jianfu.dispatch.routing import (
    CatalogueRouter,
    LearnedRouter,
    default_catalogue_path,
    load_catalogue_yaml,
)

from .vectors import vectors_directory

TRAINING = default_catalogue_path().parent / "training"
SHARED_VECTORS = vectors_directory()


def read_training(name: str, label: str) -> tuple[list[str], list[str]]:
    with (TRAINING / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r[label] for r in rows]


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
