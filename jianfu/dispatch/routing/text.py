"""Text clean-up and Chinese word segmentation shared by every router.

Pure Python (no Django). Every router sees the same normalised text:

* HTML is reduced to its text (``<script>``/``<style>`` bodies dropped, tags removed, entities decoded);
* Unicode NFKC (full-width letters and digits become ASCII), lower case, whitespace collapsed;
* at most ``MAX_CHARS`` characters are kept, so a 100,000-character paste costs the same as a long
  message (the subject and first paragraphs carry the routing signal).

Segmentation uses a private ``jieba.Tokenizer`` so that the project never changes jieba's global
dictionary for other code in the same process.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import threading
import unicodedata
from typing import Any

MAX_CHARS = 2000

_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]{0,500}>")
_SPACE_RE = re.compile(r"\s+")
# a token is kept when it holds at least one CJK character, letter or digit
_WORD_RE = re.compile(r"[\w\u4e00-\u9fff]")

# Function words that carry no routing signal. Kept short on purpose: TF-IDF already discounts
# frequent words; this only stops single particles from forming spurious bigrams.
_STOP_WORDS_TEXT = (
    "的 了 是 在 我 我们 你 你们 他 她 它 他们 这 那 这个 那个 有 和 与 及 或 也 都 就 还 又 把 被 让 给 "
    "对 向 从 到 于 而 但 但是 并 并且 吗 吧 呢 啊 呀 哦 嗯 着 过 很 太 更 最 一个 一些 什么 怎么 为什么 "
    "请 请问 您好 你好 谢谢 麻烦 希望 能否 能不能 可以 是否 已经 现在 目前 因为 所以 如果 之 其 该 此"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Too little content to route (session 12, U17): a citizen's "<script>…</script>测试" was dispatched to 教育局 with a
# deadline. What is left after `normalize`, without words that say nothing about a matter (test words, greetings),
# is counted in CJK characters; fewer than MIN_CONTENT_CHARS goes to a person. 2 keeps two-character complaints
# (停电, 漏水) automatic; on the 8,606 real messages the fewest such characters is 14, so the rule alone sends none
# of them to the queue (docs/routing.md "Thresholds").
MIN_CONTENT_CHARS = 2
_FILLER_RE = re.compile(r"测试|试试|试一下|测一下|一下|test(?:ing)?|hello|你好|您好|谢谢|哈哈|呵呵|嘿嘿|嗯|啊|哦")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_tokenizer: Any = None  # jieba.Tokenizer (jieba has no type information)
_tokenizer_lock = threading.Lock()


def normalize(text: object) -> str:
    """Plain, bounded, NFKC-normalised lower-case text; never raises for str/None/numbers."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    # bound the work before the regular expressions run on a huge paste
    text = text[: MAX_CHARS * 8]
    if "<" in text:
        text = _SCRIPT_RE.sub(" ", text)
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACE_RE.sub(" ", text).strip()
    return text[:MAX_CHARS]


def content_chars(text: object) -> int:
    """CJK characters of the normalised text once markup and words that name no matter are gone."""
    return len(_CJK_RE.findall(_FILLER_RE.sub(" ", normalize(text))))


def too_little_content(text: object) -> bool:
    """Fewer than MIN_CONTENT_CHARS content characters (about 0.3 ms for 2,000 characters, nearly all of it
    `normalize`; a decision costs 30-50 ms)."""
    return content_chars(text) < MIN_CONTENT_CHARS


def _get_tokenizer() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                _tokenizer = tok
    return _tokenizer


def words(text: str) -> list[str]:
    """jieba words of already-normalised text, without whitespace, punctuation and stop words."""
    if not text:
        return []
    out = []
    for token in _get_tokenizer().lcut(text, HMM=True):
        token = token.strip()
        if token and token not in STOP_WORDS and _WORD_RE.search(token):
            out.append(token)
    return out


def compact(text: str) -> str:
    """Normalised text without spaces: the input of the character n-gram features (so that text
    already segmented with spaces and raw text give the same n-grams)."""
    return text.replace(" ", "")


_word_cache: dict[str, list[str]] | None = None


@functools.lru_cache(maxsize=256)
def _recent_words(text: str) -> tuple[str, ...]:
    # the hybrid router featurises the same event twice (learned, then catalogue): segment it once
    return tuple(words(text))


def analyze_words(text: str) -> list[str]:
    """sklearn ``analyzer`` for word features: input is normalised text."""
    if _word_cache is None:
        return list(_recent_words(text))
    cached = _word_cache.get(text)
    if cached is None:
        cached = _word_cache[text] = words(text)
    return cached


class word_cache:
    """Context manager memoising segmentation, for evaluations that featurise the same texts in
    every cross-validation fold. Not for serving (unbounded)."""

    def __init__(self) -> None:
        self._previous: dict[str, list[str]] | None = None

    def __enter__(self) -> word_cache:
        global _word_cache
        self._previous = _word_cache
        _word_cache = {}
        return self

    def __exit__(self, *exc: object) -> None:
        global _word_cache
        _word_cache = self._previous


# A place phrase names where, not what (newuser22 #4: "曲木村卫生室门前道路塌陷" went to 村卫生室与乡村医生): a short place
# ("X", at most MAX_PLACE_CHARS characters from the start of its clause) + 门前 / 门口 / 旁边 / 对面, followed in the same
# clause by the problem. The router weighs the problem after it (`CatalogueRouter.PLACE_WEIGHT`). A place phrase with
# too little after it in its clause ("路灯坏了，就在卫生室旁边") is left alone. 附近 / 周边 / 周围 / 边上 are not place
# words here: in the real messages they mostly say who or what is affected ("附近居民", "周边环境"), and taking them as
# places cost 4.7 points of catalogue top-1 on the dev messages holding them (docs/dispatch.md, Session 22).
_LOCATIVE_RE = re.compile(r"门前|门口|旁边|对面")
_CLAUSE_RE = re.compile(r"[^，,。.！!？?；;：:\n]+|[，,。.！!？?；;：:\n]+")
MIN_PROBLEM_CHARS = 3     # CJK characters after the place phrase for it to say a problem ("道路塌陷", "乱停车")
MAX_PLACE_CHARS = 12      # a longer lead-in is a sentence, not a place ("我家…的门口")


def without_places(text: str) -> str | None:
    """Normalised text with each clause's leading place phrase (the place and its locative word) left out, when the
    rest of the clause still says something (MIN_PROBLEM_CHARS): "曲木村卫生室门前道路塌陷" → "道路塌陷". None when
    the text has no such phrase. Pure: the routers decide how much the full text still counts."""
    out: list[str] = []
    changed = False
    for clause in _CLAUSE_RE.findall(text):
        match = _LOCATIVE_RE.search(clause)
        if (match is not None and match.start() <= MAX_PLACE_CHARS
                and len(_CJK_RE.findall(clause[match.end():])) >= MIN_PROBLEM_CHARS):
            out.append(clause[match.end():].lstrip("的 "))
            changed = True
        else:
            out.append(clause)
    return "".join(out) if changed else None
