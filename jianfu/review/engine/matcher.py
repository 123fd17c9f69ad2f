"""Matching: clauses × rules → findings (and notes on hits that were judged not to be findings)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from . import context
from .rules import Catalogue, Pattern, Rule
from .structure import COMPREHENSIVE_MARKERS, SPECIAL_TASK_KINDS, Clause, Document
from .wording import normalise, widen

_SENTENCE = re.compile(r"[^。；！？!?;]+[。；！？!?;]?")


@dataclass
class Finding:
    rule_id: str
    rule_name: str
    group: str
    provision: str
    source: str
    severity: str
    suggestion: str
    clause_index: int | None  # None for a document-level finding
    heading_path: list[str]
    paragraph_index: int | None
    page: int | None
    start: int  # span of the matched text inside the clause text
    end: int
    doc_start: int  # the same span in Document.text
    doc_end: int
    matched: str
    sentence: str
    clause_text: str
    source_index: int | None = None
    # set for stored reviews: "reviewer" for a finding the office added; "dismissed" with the office's reason
    origin: str = "engine"
    status: str = "open"
    reviewer_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Note:
    """A pattern hit that is not a finding, and why (negation, quotation, exemption, voluntary …)."""

    rule_id: str
    clause_index: int
    matched: str
    reason: str


@dataclass
class MatchResult:
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    for m in _SENTENCE.finditer(text):
        if m.group(0).strip():
            yield m.start(), m.group(0)


# A document that is itself an emergency or disaster instrument (灾害防御办法, 应急预案, 防汛抗旱…).
_EMERGENCY_TITLE = re.compile(r"(灾害防御|灾害防治|防灾减灾|应急预案|应急管理办法|防汛|抗旱|突发事件|疫情防控|森林防火)")

# Reporting rules outside group DOC (regular reports, duplicate paper copies): an application's file is not one.
_REPORTING_RULES = {"BR-INS-08", "BR-APP-07"}
# Reporting and record-keeping rules, which the upkeep of one national system does not trigger. BR-APP-07 is not one
# (session 8, blind5 read): a paper form filled in again beside the national system's entry is the duplicate itself.
_RECORD_RULES = {"BR-INS-05", "BR-INS-08", "BR-DOC-02"}


# In a law, regulation or government rule (context.legal_instrument): the regime's own records, reports, filings,
# pledges and implementing rules — not its assessment or ranking of lower governments, which stay findings.
_REGIME_RULES = {"BR-INS-05", "BR-INS-08", "BR-APP-07", "BR-INS-03", "BR-DOC-03"}


# Rules whose burden can be evidence of work (photos, 留痕, ledgers, reports of them, rankings and circulation by them):
# the emergency exemption does not cover that evidence when an issuer adds it (session 13, context.added_evidence).
_EVIDENCE_RULES = {"BR-INS-05", "BR-APP-04", "BR-INS-08", "BR-INS-04", "BR-INS-16", "BR-APP-02", "BR-APP-06"}


# Reports and accounts, which the issuing level's own departments send to their own level without a burden on the grassroots
# (session 14, review-read14: context.own_level_report; session 22, review-fix22: and their copies, BR-APP-07 — 县直各部门's
# report to the county office in paper and electronic copies, blind10 B10107, is the county's own work)
_OWN_LEVEL_RULES = {"BR-DOC-02", "BR-INS-08", "BR-APP-07"}


# Assessment rules, which an assessment of bodies that are not grassroots units does not trigger (session 8).
_ASSESSMENT_RULES = {"BR-INS-12", "BR-INS-18", "BR-INS-11"}
# (session 16, review-read16, blind13 read: BR-INS-11 too — a body's quarterly assessment of the cleaning company it pays,
# 每季度对保洁公司作业质量进行考核, assesses a firm, not a lower level)


# New bodies, posts and plaques in townships and villages (session 16, review-read16, blind13 read): a safety regime named
# by its assessment or responsibility system beside them (站点建设情况纳入年终安全生产考核) does not require them — the
# regime's own words exempt its own duties, not a station, a post or a sign set up in every village (as for added
# evidence, session 14)
_NEW_BODY_RULES = {"BR-DUTY-02", "BR-DUTY-03"}


# An app's download, install or registration rate (session 24, review-read21, blind21 read): no safety regime's duty — a
# regime's assessment it is counted in (注册率纳入乡镇安全生产考核) does not make the rate statutory, as for added evidence;
# the emergency exemption is untouched
_NOT_REGIME_RULES = {"BR-APP-01"}


# A veto on units and an escalated target or frequency are never a safety regime's own words (session 28, review-read28,
# blind25 read: 森林防火考核实行一票否决, the 包保 督导 frequency raised from quarterly to monthly): added on the regime, they
# are judged as evidence added on it is (DATA_CARD.md: "a ranking, 一票否决 … added on top is a finding")
_ADDED_ON_REGIME = {"BR-INS-02", "BR-INS-13"}
# Session 33 (review-read33, blind30 read): nor an appraisal the issuer runs (县安委办将组织评比) — a 评比 or 评选 is never a
# safety regime's own words; and an appraisal's or creation's result counted in the regime's assessment (评比结果纳入乡镇安全
# 生产目标考核加分项, context.appraisal_counted) pushes that appraisal through the assessment (DATA_CARD.md: [DEMO, INS])
_APPRAISAL_RULES = {"BR-DEMO-04", "BR-DEMO-05"}


def _judge(rule: Rule, pattern: Pattern, sentence: str, start: int, end: int, heading: str, title: str = "",
           legal: bool = False, issuer: str = "unknown", lead: str = "") -> str | None:
    """Reason why this hit is not a finding, or None when it is one. `lead`: the clause's text before the sentence."""
    if legal and rule.id in _REGIME_RULES and not (rule.id == "BR-INS-08" and context.half_year_upward(sentence)):
        return "法规、规章规定的法定管理制度（登记、报告、备案等）"
    if legal:
        reason = context.listed_act(sentence, heading)
        if reason:
            return reason
    added = (rule.id in _EVIDENCE_RULES and context.added_evidence(sentence, start, end)) \
        or (rule.id == "BR-INS-04" and context.added_ranking(sentence, start, end)) or rule.id in _NEW_BODY_RULES \
        or rule.id in _ADDED_ON_REGIME or rule.id in _APPRAISAL_RULES \
        or (rule.id == "BR-INS-12" and (context.appraisal_counted(sentence) or context.new_body_counted(sentence)))
    for check in (context.forwarded_central(title, sentence), context.retrospective(sentence, title),
                  context.statutory(sentence, title, added=added or rule.id in _NOT_REGIME_RULES),
                  context.support_from_above(sentence), context.internal_arrangement(sentence, issuer),
                  # drafting and reporting demands bind only when a lower unit, not the issuer, must do them
                  context.upper_body(sentence, start) if rule.group == "DOC" or rule.id == "BR-INS-08" else None,
                  context.own_level_report(sentence) if rule.id in _OWN_LEVEL_RULES else None,
                  context.discretionary_hearing(sentence, start, end) if rule.id in _OWN_LEVEL_RULES else None,
                  context.application(sentence) if rule.group == "DOC" or rule.id in _REPORTING_RULES else None,
                  context.national_system(sentence) if rule.id in _RECORD_RULES else None,
                  context.generic_supervision(sentence, sentence[start:end]) if rule.id == "BR-INS-10" else None,
                  # session 21 (review-read21, blind18 read): a county body's own bulletin to its leaders; a national
                  # event's security watch that stops when the event ends
                  context.own_bulletin(sentence, start) if rule.id in _OWN_LEVEL_RULES else None,
                  context.event_watch(sentence) if rule.id in _REPORTING_RULES else None,
                  # session 29 (review-read29, blind26 read): a rhythm's sending addressed downward
                  context.sent_down(sentence, start, end) if rule.id == "BR-INS-08" else None,
                  context.provincial_division(title) if rule.id == "BR-DOC-07" else None,
                  context.assessed_body(sentence) if rule.id in _ASSESSMENT_RULES else None,
                  # session 32 (review-mend32): a ranger's plain patrol track, in any season (DATA_CARD.md line 9)
                  context.ranger_plain_track(sentence, start, end) if rule.id == "BR-APP-04" else None,
                  # session 34 (review-left34, line 11): the monitors' own record and photos of the hazard, up a group
                  context.regime_photos(sentence, start, end) if rule.id == "BR-INS-05" else None,
                  # session 36 (review-left36): work photos sent by a body's own staff (fixcr35b's openings, read as the bearer)
                  context.own_staff_photos(sentence, start, end) if rule.id == "BR-INS-05" else None,
                  None if rule.any_bearer else context.bearer(sentence, start, end, title)):
        if check:
            return check
    if pattern.negatable:
        reason = context.negation(sentence, start, end)
        if reason:
            return reason
    if pattern.negatable:
        # session 35 (review-read35, blind32 read): a condition opened by 凡 and banned after it
        reason = context.banned_condition(sentence, start, end)
        if reason:
            return reason
    reason = context.quotation(sentence, start, end)
    if reason:
        return reason
    exemptions = rule.exemptions
    # session 13 (review-exempt): evidence of work added on top of a safety or emergency regime is judged as anywhere
    # else; the regime's own inspections (BR-INS-10, -11) and plans (BR-DOC-03) keep the exemption
    if "emergency" in exemptions and added:
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 20 (review-new20): nor a weekly or monthly report of the work's progress in a fire or flood season
    # (context.progress_report) — the regime's own reports are the incident's and the watch's
    if "emergency" in exemptions and rule.id == "BR-INS-08" and context.progress_report(sentence, start, end, lead):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 22 (review-dev22): nor a rhythm report of the safety situation for a holiday period (context.holiday_rhythm)
    if "emergency" in exemptions and rule.id in _REPORTING_RULES and context.holiday_rhythm(sentence, start, end):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 32 (review-read32, blind29 read): nor the work's counts sent up daily through a holiday (context.holiday_work_counts)
    if "emergency" in exemptions and rule.id in _REPORTING_RULES and context.holiday_work_counts(sentence):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 34 (review-read34; the session-33 adjudication's line 10): nor a daily report demanded of every village, school
    # or clinic through the season at large (context.village_season_report), nor the circulation of the late ones beside it
    if "emergency" in exemptions and (rule.id in _REPORTING_RULES or rule.id in ("BR-INS-04", "BR-INS-16")) \
            and context.village_season_report(sentence):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 28 (review-read28, blind25 read): nor a zero report on a fixed rhythm outside a declared response
    if "emergency" in exemptions and rule.id in _REPORTING_RULES and context.zero_report(sentence):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 29 (review-read29, blind26 read): nor an app's demand when the emergency field only names the assessment it is
    # counted in (小程序签到打卡，签到率纳入各乡镇防灾减灾工作考核) — an app check-in added on a regime is a finding (DATA_CARD.md)
    if "emergency" in exemptions and rule.group == "APP" and context.emergency_only_in_assessment(sentence):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 30 (review-mend30): nor an app's demand in a sentence making the workers prove their presence — a check-in in
    # a work group or app outside a declared period, photos up a group or app each day or patrol (context.presence_proof)
    if "emergency" in exemptions and rule.group == "APP" and context.presence_proof(sentence, f"{heading} {title}"):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 34 (review-left34; the session-33 adjudication's lines 11 and 12): nor the evidence rule's photos proving a patrol,
    # a duty or a visit sent up a work group outside a declared period (context.presence_photos) — the group carrying only
    # the photos is no app's demand, and the regime does not require them
    if "emergency" in exemptions and rule.id == "BR-INS-05" and context.presence_photos(sentence, f"{heading} {title}"):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # session 32 (review-mend32): nor a patrol track made a quota through a season at large (context.track_made_quota)
    if "emergency" in exemptions and rule.group == "APP" and context.track_made_quota(sentence, f"{heading} {title}"):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # …nor a work or implementation plan filed upward beside or instead of the emergency plan (context.names_work_plan)
    if "emergency" in exemptions and rule.id == "BR-DOC-03" and context.names_work_plan(sentence[start:end]):
        exemptions = tuple(name for name in exemptions if name != "emergency")
    # the emergency exemption also reads the document's title (…灾害防御办法, …应急预案): the whole instrument is one
    if "emergency" in exemptions and _EMERGENCY_TITLE.search(title) and not context.EMERGENCY_OVER.search(sentence):
        return context.EXEMPTION_NAMES["emergency"]
    reason = context.exemption(exemptions, sentence, heading, start)
    if reason:
        return reason
    return context.voluntary(sentence, start, end)


def match_clause(clause: Clause, rules: tuple[Rule, ...], *, issuer: str = "unknown", title: str = "",
                 legal: bool = False) -> MatchResult:
    """`legal`: the document is a law, regulation or government rule (context.legal_instrument)."""
    result = MatchResult()
    heading = " ".join(clause.heading_path[:-1]) if clause.number else " ".join(clause.heading_path)
    for sent_start, original in sentences(clause.text):
        # rhythm variants read in their usual form (每个月 -> 每月), the sentence's length kept: spans found in it are
        # spans of the original, which the finding quotes (session 14, engine/wording.py)
        sentence, rewritten = normalise(original)
        fired: dict[str, Finding] = {}
        for rule in rules:
            if rule.issuer and issuer not in rule.issuer:
                continue
            if rule.requires and not any(r.search(sentence) for r in rule.requires):
                continue
            if rule.excludes and any(r.search(sentence) for r in rule.excludes):
                continue
            note = None
            for pattern in rule.patterns:
                for m in pattern.regex.finditer(sentence):
                    # a pattern may name the words to mark (?P<hit>…) when the rest only places them (session 12:
                    # the village named at the head of the sentence, the new body in its second half)
                    m_start, m_end = m.span("hit") if "hit" in pattern.regex.groupindex else m.span()
                    if m_end <= m_start:
                        continue
                    m_start, m_end = widen(rewritten, m_start, m_end)
                    reason = _judge(rule, pattern, sentence, m_start, m_end, heading, title, legal, issuer,
                                    clause.text[:sent_start])
                    # Session 21 (review-real21, real_blind13 read): old words an amendment quotes, read on the clause
                    if reason is None:
                        reason = context.amended_away(clause.text, sent_start + m_start, sent_start + m_end)
                    if reason is None:
                        s, e = sent_start + m_start, sent_start + m_end
                        fired[rule.id] = Finding(
                            rule_id=rule.id, rule_name=rule.name, group=rule.group, provision=rule.provision,
                            source=rule.source, severity=rule.severity, suggestion=rule.suggestion,
                            clause_index=clause.index, heading_path=list(clause.heading_path),
                            paragraph_index=clause.paragraph_index, page=clause.page, start=s, end=e,
                            doc_start=clause.start + s, doc_end=clause.start + e, matched=original[m_start:m_end],
                            sentence=original.strip(), clause_text=clause.text, source_index=clause.source_index)
                        break
                    if note is None:
                        note = Note(rule_id=rule.id, clause_index=clause.index, matched=original[m_start:m_end],
                                    reason=reason)
                if rule.id in fired:
                    break
            if rule.id not in fired and note is not None:
                result.notes.append(note)
        by_id = {r.id: r for r in rules if r.id in fired}
        # session 10 (blind7 read): a rule that itself yields to a third (BR-INS-05 to BR-MTG-06) subsumes nothing: the
        # third rule names another burden, so the first rule's own (BR-INS-12, the meeting's records counted in the
        # scoring) is no longer covered — one burden, one finding, not one finding for two burdens
        yielded = {rid for rid, r in by_id.items() if any(o in fired for o in r.subsumed_by if o != "*")}
        # session 34 (review-left34): a rule that yields in its group (`yields_in_group`: photos sent up a work group on a
        # rhythm beside the report, ranking or assessment of the group they make up) yields to that finding and so, as
        # above, subsumes nothing — the assessment it would otherwise cover (BR-INS-12) stands for both
        in_group = {rid for rid, r in by_id.items()
                    if any(o != rid and fired[o].group == r.group and "*" not in by_id[o].subsumed_by for o in fired)
                    and any(p.search(sentence) for p in r.yields_in_group)}
        yielded |= in_group
        for rule_id, finding in fired.items():
            rule = by_id[rule_id]
            # '*': a generic rule that yields to any other finding on the same sentence
            subsumers = [other for other in rule.subsumed_by if other in fired and other not in yielded]
            if subsumers and any(p.search(sentence) for p in rule.subsumed_unless):
                # the sentence names a burden of the rule's own group beside the other group's: only a rule of the
                # same group still subsumes it
                subsumers = [other for other in subsumers if fired[other].group == rule.group]
            # session 33 (review-read33, blind30 read): a circulation of the localities beside an app's demand (打卡不足…的，
            # 扣减…补助，并对所在乡镇进行通报) is not part of that demand: the app's burden is APP, the localities circulated by
            # it INS (DATA_CARD.md, session 31's line 3) — a generic rule ('*') does not yield when every other finding is APP's
            generic_yields = "*" in rule.subsumed_by and len(fired) > 1 and not (
                context.localities_circulated(sentence) and all(fired[o].group == "APP" for o in fired if o != rule_id))
            if subsumers or generic_yields:
                continue
            # session 22 (review-fix22): a rule that yields to any other finding only in some sentence shapes
            if len(fired) > 1 and any(p.search(sentence) for p in rule.yields_when):
                continue
            # session 34 (review-left34): …and in some shapes only to another finding of its own group (see in_group)
            if rule_id in in_group:
                continue
            result.findings.append(finding)
    return result


def match_document(doc: Document, catalogue: Catalogue, *, reference_text: str | None = None) -> MatchResult:
    result = MatchResult()
    clause_rules = catalogue.clause_rules
    # The title only names the subject the body deploys; it is checked for document-type rules only
    # (e.g. a 分工方案 issued as a document of its own).
    title_rules = tuple(r for r in clause_rules if r.group == "DOC")
    legal = context.legal_instrument(doc.title, doc.text)
    once = {r.id for r in clause_rules if r.once_per_document}
    named: set[tuple[str, str]] = set()  # (rule, words) of a once-per-document rule already found
    for clause in doc.clauses:
        is_title = clause.index == doc.title_index
        part = match_clause(clause, title_rules if is_title else clause_rules, issuer=doc.issuer, title=doc.title,
                            legal=legal)
        for finding in part.findings:
            if finding.rule_id in once:
                key = (finding.rule_id, re.sub(r"[\s“”\"'「」]", "", finding.matched))
                if key in named:
                    continue
                named.add(key)
            result.findings.append(finding)
        result.notes.extend(part.notes)
    for rule in catalogue.document_rules:
        document_finding = _document_check(rule, doc, reference_text)
        if document_finding:
            result.findings.append(document_finding)
    return result


def length_limit(rule: Rule, doc: Document) -> int | None:
    """The character limit that applies to this document, or None when it is exempt (comprehensive)."""
    if any(marker in doc.title for marker in COMPREHENSIVE_MARKERS):
        return None
    if doc.kind in SPECIAL_TASK_KINDS or any(w in doc.title for w in ("专项", "行动", "攻坚")):
        return int(rule.params.get("special_max", 4000))
    return int(rule.params.get("comprehensive_max", 5000))


def _doc_finding(rule: Rule, doc: Document, matched: str) -> Finding:
    return Finding(rule_id=rule.id, rule_name=rule.name, group=rule.group, provision=rule.provision,
                   source=rule.source, severity=rule.severity, suggestion=rule.suggestion, clause_index=None,
                   heading_path=[], paragraph_index=None, page=None, start=0, end=0, doc_start=0, doc_end=0,
                   matched=matched, sentence=matched, clause_text="")


def ngram_overlap(text: str, reference: str, n: int = 8) -> float:
    clean = re.sub(r"\s", "", text)
    ref = re.sub(r"\s", "", reference)
    grams = {clean[i:i + n] for i in range(len(clean) - n + 1)}
    if not grams:
        return 0.0
    ref_grams = {ref[i:i + n] for i in range(len(ref) - n + 1)}
    return len(grams & ref_grams) / len(grams)


def _document_check(rule: Rule, doc: Document, reference_text: str | None) -> Finding | None:
    if rule.check == "length":
        limit = length_limit(rule, doc)
        if limit is not None and doc.length > limit:
            return _doc_finding(rule, doc, f"正文约{doc.length}字，超过本类文件一般不超过{limit}字的要求")
    elif rule.check == "overlap" and reference_text:
        ratio = ngram_overlap(doc.text, reference_text, int(rule.params.get("ngram", 8)))
        if ratio > float(rule.params.get("max_overlap", 0.5)):
            return _doc_finding(rule, doc, f"与上级文件文字重复约{ratio:.0%}")
    return None


def warm() -> int:
    """Load what a process's first review would (the rule catalogue, jieba's dictionary: 1.3–3.2 s of a fresh
    server's first paste, review-new18); the number of rules loaded."""
    from .context import _jieba
    from .rules import load_catalogue

    _jieba()
    return len(load_catalogue().rules)
