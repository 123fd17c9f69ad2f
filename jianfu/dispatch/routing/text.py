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


# --- pasted chat (session 32, branch route-paste32) -------------------------------------------------------------
# Grid workers paste messages forwarded from WeChat groups: a header ("[群聊] 张三 10:23", "XX村网格群"), a source line
# ("转发自…", "——来自微信"), emoji, @mentions, "收到请回复". They say nothing about the matter but move the routers'
# features (a helper measured the right department's score fall from 0.62 to 0.40 on one demo event). `strip_chat`
# removes them before the routers' features — and only there: the event keeps its text exactly as typed. The real
# citizen messages were read for the noise they carry (Excel's "_x000D_" in 190, zero-width spaces in 5, "......"):
# removing those moved the learned mode's dev top-1 by -0.001 (docs/routing.md, Session 32), so the real messages are
# left as they were read before — none of the 8,606 reads otherwise through `routing_text`.
# Conservative by design: a line is dropped only when the whole of it is such a header, and an untagged name + time
# header or a bare "收到" only when the text has another line (a one-line "小区停水 10:30" stays as it is).
# pictographs, dingbats, arrows and symbols of emoji keyboards, variation selectors, skin tones, tags
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u23e9-\u23fa\ufe0e\ufe0f"
                       "\U000e0000-\U000e007f\u20e3]")
# WeChat's emoji as text, and its placeholders for media: [微笑] [强] [OK] [图片] [语音] [群聊]
_BRACKET_CODE_RE = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]")
_MENTION_ALL_RE = re.compile(r"@(?:所有人|全体成员|全体|all)", re.IGNORECASE)
# "@张三 " (WeChat puts a space after a mention), a short name ending the line ("…收到请回复@李四"); otherwise only
# the sign goes ("@张三村口桥梁护栏断裂" keeps its words)
_MENTION_RE = re.compile(r"@[^\s@,.!?;:，。！？；：、]{1,12}(?=\s)|@[^\s@,.!?;:，。！？；：、]{1,6}$|@")
_ACK_RE = re.compile(r"(?:收到|看到)(?:后|的)?请?(?:及时)?回复(?:收到|确认)?|请回复收到|收到请回")
_SIGNATURE_RE = re.compile(r"[-—~_]+\s*(?:来自|发自)[^\n]{0,24}$")
# runs of chat emphasis ("！！！", "???", "~~"): not the "......" the real messages carry (read as they were)
_REPEAT_RE = re.compile(r"([!?~])\1+")
_TIME = r"(?:上午|下午|早上|晚上|中午|凌晨)?\s*\d{1,2}:\d{2}(?::\d{2})?"
_DATE = r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/月]\d{1,2}日?|昨天|前天|今天|星期.|周.)"
# a whole line: "[群聊] 张三 10:23", "张三(网格员) 2026/12/07 10:23:45", "昨天 下午3:05"
_HEADER_LINE_RE = re.compile(rf"(?:\[[^\]]{{1,8}}\]\s*)?(?:(?P<name>[^\s:]{{1,12}})\s+)?(?:{_DATE}\s*)?{_TIME}")
# at the start of a line, a header the worker's paste ran into the message: only with a tag or seconds or a date,
# which a citizen's own "小区停水 10:30 至今…" does not have
_HEADER_PREFIX_RE = re.compile(
    rf"^(?:\[[^\]]{{1,8}}\]\s*(?:[^\s:]{{1,12}}\s+)?(?:{_DATE}\s*)?{_TIME}"
    rf"|[^\s:]{{1,12}}\s+(?:{_DATE}\s*{_TIME}|\d{{1,2}}:\d{{2}}:\d{{2}}))\s+")
# a group's name as a line: "曲木村网格群", "合浦县网格员工作群(35)", "群聊"
_GROUP_LINE_RE = re.compile(r"(?:\S{0,20}(?:网格|工作|微信|业主|村民|居民|交流|通知|服务|值班|党员|干部|应急|管理|村|社区|镇|乡)"
                            r"(?:员)?\d*群|群聊)(?:\s*\(\d+\))?[:]?")
# where the message came from: "转发自曲木村网格群", "——来自微信", "发自我的iPhone", "张三和李四的聊天记录"
_SOURCE_LINE_RE = re.compile(r"[-—~_=*\s]*(?:转发自|转自|转发|来自|发自)[:\s]*(?:我的)?\s*(?P<rest>[^,.!?;:。！？；、\n]{0,24})"
                             r"|(?P<chat>[^\s,.!?;。！？；]{1,12}[和与跟][^\s,.!?;。！？；]{1,12}的聊天记录)"
                             r"|以下(?:是|为)?\S{0,6}转发\S{0,8}")
# a "来自…" line says where the message came from (not "来自基层群众…") when it names an app, a device or a group
# (the whole of it: "来自手机厂的噪音太大" is a message; fixcr33b M5)
_SOURCE_HINT_RE = re.compile(r"^(?:微信|iphone|ipad|android|安卓|华为|荣耀|小米|oppo|vivo|手机|客户端|朋友圈|公众号)"
                             r"[a-z0-9 +]*(?:手机|客户端|版|app)?$|群聊?$", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|www\.)[!-~]+", re.IGNORECASE)
_FORWARD_PREFIX_RE = re.compile(r"^(?:[\[【]转发[\]】]|转发自[^:\n]{1,20}:|转自[^:\n]{1,20}:|转发:)\s*")
# a line that only acknowledges: "收到", "好的", "1", "+1"
_ACK_LINE_RE = re.compile(r"收到|好的?|ok|嗯|\+?1", re.IGNORECASE)
_LINE_RE = re.compile(r"\r\n|\r|\n")

# --- session 33 (branch dispatch33): what session 32's held-out templates showed the rules miss ---------------------
# A speaker at the start of a line: "张三：…", "网格员张三:…", "孙老师：…", "王五(网格员)：…". Citizens write field
# labels the same way ("地址：…", "诉求：…", "问题：…"), and a 2-4-character subject before a colon ("小区停水：已经三天")
# is the matter itself, so a name is taken only as a common surname + 1-2 characters or 老/小 + a surname (a grid role
# may come before it: "网格员调解记录：…" is no speaker), and never when it holds a field label (FIELD_LABELS).
# A place of 3 characters starting with a surname's character ("江北区：…") is read as a name: only a place goes.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
             "崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤蒙农")
_FIELD_LABELS_TEXT = (
    "地址 地点 位置 时间 日期 诉求 问题 内容 事由 情况 描述 备注 说明 电话 联系 姓名 事件 原因 要求 建议 事项 类型 详情 结果 "
    "回复 来源 标题 主题 反映 投诉 举报 咨询 求助 附件 补充 经过 现状 意见 单位 部门 环境 现场 名称 编号 金额 面积 人数 "
    "进展 措施 目的 申请 通知 紧急 重要 注意 提示 网址 链接 邮箱 微信")
FIELD_LABELS = frozenset(_FIELD_LABELS_TEXT.split())
_SPEAKER_RE = re.compile(r"^(?:网格员|网格长|专职网格员|兼职网格员)?\s*(?P<name>[\u4e00-\u9fff]{2,4})"
                         r"(?:\([^()\n]{1,8}\))?\s*:\s*")
# a Chinese name is 2-3 characters with a one-character surname ("李四", "孙老师", "老李", "小王"): four ("高速公路：…",
# "周边环境：…") is a subject
_NAME_RE = re.compile(rf"[老小][{_SURNAMES}]|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}")
# a group's name in WeChat's full-width brackets, anywhere in a line: "【曲木村网格群】", "【璋嘉村便民服务群聊】"
_BRACKET_GROUP_RE = re.compile(r"【[^【】\n]{1,24}群聊?】")
# "群聊: 璋嘉村民情群" as a line (after NFKC the full-width colon is ":"), a group's name having no space — alone only
# when the name ends in 群 ("群聊：大家说村口…" is a message); at the start of a line too, then ended by 群 and a space
# ("群聊：璋嘉村民情群 村口…", as a one-line search box receives a paste)
_GROUP_NAMED_LINE_RE = re.compile(r"群聊\s*:\s*\S{1,24}")
_GROUP_NAMED_ALONE_RE = re.compile(r"群聊\s*:\s*\S{0,20}群")
_GROUP_NAMED_PREFIX_RE = re.compile(r"^群聊\s*:\s*\S{0,20}群\s+")
# a media placeholder starting a line, with what WeChat writes after it (a link's title, a file's name, a voice
# message's length, a place): "[链接] 张三分享的文章", "[文件] 情况说明.docx", "[语音] 3\"". The whole line goes only
# beside others; alone, only the placeholder goes (as [图片] did in session 32).
_MEDIA_LINE_RE = re.compile(r"\[(?:链接|文件|位置|语音|视频|图片|小程序|名片|聊天记录)\][^\n]*")


# the second character of a surname + 1-2 characters that makes a thing, not a name: many subjects start with a
# surname's character ("田埂：被挖断了", "林地：…", "马路：…", "石桥：…", "江水：…", "高温：…", "黄牛：…") and were read as a
# speaker, leaving "被挖断了" to be routed (fixcr33c). Characters rare in given names only ("林", "山", "华" are common).
_THING_SECOND_CHARS = frozenset(
    "地埂路桥水场边温牛羊猪狗鸡鸭鱼虾蟹塘坝沟渠井房屋楼门口区道街价线管网灯墙坡岸滩车税费粮菜苗树木草果"
    "油气电压速冰洞窑矿锅棚圈池湖河港站库仓厂店铺摊面底顶头块片段棍板壳皮毛肉蛋奶茶酒烟药病虫灾")

# what ends a place's name: "李家村", "王家屯", "陈家组", "黄泥镇", "金社区", "朱家路" start with a surname's character like a
# name and were read as a speaker, dropping where the matter is (fixcr34b #4); given names rarely end so ("李家明" goes)
_PLACE_SUFFIXES = ("村", "镇", "乡", "社区", "小区", "街道", "路", "街", "巷", "屯", "组", "庄", "寨", "区", "县")


def _speaker_prefix(line: str, *, allowed: bool) -> str:
    """The line without a speaker's "name:" at its start (see _SPEAKER_RE); unchanged otherwise. `allowed` is False
    for the only line of a one-line text that no header or group prefix opened: there "田埂：被挖断了" is a citizen's
    subject and its matter, as likely as a speaker (fixcr33c)."""
    if not allowed:
        return line
    match = _SPEAKER_RE.match(line)
    if match is None or not line[match.end():].strip():
        return line
    name = match.group("name")
    if any(label in name for label in FIELD_LABELS):
        return line
    if not name.startswith(("老", "小")) and name[1] in _THING_SECOND_CHARS:
        return line
    if name.endswith(_PLACE_SUFFIXES):   # "李家村：水管破了…" says where, and is the matter's (fixcr34b #4)
        return line
    return line[match.end():] if _NAME_RE.fullmatch(name) else line


def _noise_line(line: str, *, several: bool) -> bool:
    if not line:
        return True
    if line.startswith("[") and _HEADER_LINE_RE.fullmatch(line):  # "[群聊] 张三 10:23": a header even alone
        return True
    # group-name, source and header lines only beside other lines: one line alone is the message ("转发给住建局处理小区
    # 电梯故障", "来自手机厂的噪音太大影响休息" were erased whole and the hybrid answered TOO_LITTLE_CONTENT; fixcr33b M5)
    if not several:
        return False
    if _GROUP_LINE_RE.fullmatch(line) or _GROUP_NAMED_ALONE_RE.fullmatch(line) or _BRACKET_GROUP_RE.fullmatch(line):
        return True
    if _MEDIA_LINE_RE.fullmatch(line) or _GROUP_NAMED_LINE_RE.fullmatch(line):
        return True
    source = _SOURCE_LINE_RE.fullmatch(line)
    # a source names where the message came from: 转发自/转自 (a bare 转发 begins "转发给住建局…"), "X和Y的聊天记录"
    # (not "调取监控和聊天记录"), a dash before it, or an app, a device or a group as the whole of what follows 来自
    if source is not None and (
            line.lstrip("-—~_=* ").startswith(("转发自", "转自", "以下")) or source.group("chat")
            or line[0] in "-—~_=*" or _SOURCE_HINT_RE.search(source.group("rest") or "")):
        return True
    # a bare acknowledgement, or a header whose name is no field label ("停水时间 10:30" is the matter's time)
    header = _HEADER_LINE_RE.fullmatch(line)
    if header is not None and not any(label in (header.group("name") or "") for label in FIELD_LABELS):
        return True
    return bool(_ACK_LINE_RE.fullmatch(line))


def _inline_noise(line: str) -> str:
    line = _URL_RE.sub(" ", line)
    line = _EMOJI_RE.sub(" ", line)
    line = _BRACKET_CODE_RE.sub(" ", line)
    line = _MENTION_ALL_RE.sub(" ", line)
    line = _MENTION_RE.sub(" ", line)
    line = _ACK_RE.sub(" ", line)
    return _REPEAT_RE.sub(r"\1", line).strip()


# what `strip_chat` reads of a text: `normalize` keeps MAX_CHARS characters, and a paste's noise is a few lines; 3 times
# as much leaves room for a long chat record's headers and bounds the cost (about 2 ms of CPU for a 100,000-character
# paste, 6 ms when it read 8 times MAX_CHARS as `normalize` does)
CHAT_READ_CHARS = MAX_CHARS * 3


def strip_chat(text: object) -> str:
    """The text without what a chat paste adds: header, group-name and source lines, emoji (Unicode and WeChat's
    [微笑]), @mentions, "收到请回复", links, runs of "!", "?" or "~"; since session 33 a speaker's "张三：", 【…群】,
    "群聊：…" and media placeholder lines ("[链接] …", "[文件] …").
    Lines are kept apart ("\\n") for `normalize`. Pure; reads the first CHAT_READ_CHARS characters; text without such
    noise comes back unchanged but for NFKC. Applied only where the routers read an event (`routing_text`), never to
    what is stored."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _strip_chat(text[:CHAT_READ_CHARS])


@functools.lru_cache(maxsize=16)
def _strip_chat(text: str) -> str:
    # the hybrid reads an event three times (its content check, the learned model, the catalogue): cleaned once
    text = unicodedata.normalize("NFKC", text)
    lines = [line.strip() for line in _LINE_RE.split(text)]
    several = sum(1 for line in lines if line) > 1
    kept = []
    for line in lines:
        if _noise_line(line, several=several):
            continue
        opened = _BRACKET_GROUP_RE.sub("", _GROUP_NAMED_PREFIX_RE.sub("", _HEADER_PREFIX_RE.sub("", line))).strip()
        # a speaker's name goes in a paste of several lines, or after a header or group on the same line
        line = _SIGNATURE_RE.sub("", _FORWARD_PREFIX_RE.sub("", _speaker_prefix(
            opened, allowed=several or opened != line)))
        line = _inline_noise(line)
        if not _noise_line(line, several=several):
            kept.append(line)
    return "\n".join(kept)


def routing_text(text: object) -> str:
    """What the routers read of an event: `normalize` of `strip_chat`."""
    return normalize(strip_chat(text))


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
