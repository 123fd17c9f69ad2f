"""A small clause classifier (burden / not burden) trained at load time on the dev split of the
project's own corpus: TF-IDF over jieba words and character bigrams, logistic regression.

It is NOT used to produce findings: every finding must cite a rule and its provision, and on the
held-out split the classifier is worse than the rules and adds a false positive when OR-ed with them
(see docs/review.md). It is kept as the measured baseline of `evaluate --classifier`, and as the
place to start once a larger corpus annotated by county offices exists.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # scikit-learn is imported when the baseline is first asked for (and ships no types)
    from sklearn.pipeline import Pipeline

HINT_THRESHOLD = 0.8


def _tokens(text: str) -> list[str]:
    from .context import tokens

    words = [w for w in tokens(text) if w.strip()]
    return words + [text[i:i + 2] for i in range(len(text) - 1)]


@lru_cache(maxsize=1)
def model() -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from .corpus import load_split

    items = load_split("dev")
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer=_tokens, sublinear_tf=True, min_df=1),
        LogisticRegression(C=4.0, max_iter=1000, class_weight="balanced"),
    )
    pipeline.fit([i.text for i in items], [1 if i.rules else 0 for i in items])
    return pipeline


def burden_probability(texts: list[str]) -> list[float]:
    if not texts:
        return []
    return [float(p[1]) for p in model().predict_proba(texts)]
