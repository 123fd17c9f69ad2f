"""Precision guard on text nobody labelled (session 11): flag every distinct clause of the documents file.

    nice -n 19 env PYTHONPATH=. .venv/bin/python scripts/review_unlabelled_guard.py var/guard_before.json
    ... change the rules ...
    nice -n 19 env PYTHONPATH=. .venv/bin/python scripts/review_unlabelled_guard.py var/guard_after.json \
        --against var/guard_before.json

Writes clause hash -> rules, document id and span (never the text); with --against prints the clauses newly flagged,
no longer flagged or flagged by other rules (text read from ../shared/data, printed, never written). About 15 s CPU.
"""

import argparse
import json

from jianfu.review.engine import realdocs
from jianfu.review.engine.context import legal_instrument
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.rules import load_catalogue
from jianfu.review.engine.structure import Clause, detect_issuer


def flag_all() -> tuple[int, dict[str, dict[str, object]]]:
    documents = realdocs.load_documents()
    catalogue = load_catalogue()
    flagged: dict[str, dict[str, object]] = {}
    seen: set[str] = set()
    for doc in documents.values():
        text, title = doc["text"], doc.get("title", "")
        legal, issuer = legal_instrument(title, text), detect_issuer(title, [])
        for start, end in realdocs.distinct_clauses(text):
            key = realdocs.text_hash(text[start:end])
            if key in seen:
                continue
            seen.add(key)
            clause = Clause(
                index=0,
                text=text[start:end],
                number="",
                level=None,
                heading_path=[],
                paragraph_index=0,
                page=None,
                start=0,
            )
            result = match_clause(clause, catalogue.clause_rules, issuer=issuer, title=title, legal=legal)
            rules = sorted({f.rule_id for f in result.findings})
            if rules:
                flagged[key] = {"rules": rules, "doc": doc["id"], "start": start, "end": end}
    return len(seen), flagged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--against", help="an earlier output to compare with")
    args = parser.parse_args()
    total, flagged = flag_all()
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(flagged, fh)
    print(f"{total} distinct clauses, {len(flagged)} flagged")
    if args.against:
        with open(args.against, encoding="utf-8") as fh:
            before = json.load(fh)
        documents = realdocs.load_documents()
        added = [k for k in flagged if k not in before]
        removed = [k for k in before if k not in flagged]
        changed = [k for k in flagged if k in before and before[k]["rules"] != flagged[k]["rules"]]
        print(f"added {len(added)}, removed {len(removed)}, rules changed {len(changed)}")
        for label, keys, source in (("+", added, flagged), ("-", removed, before), ("~", changed, flagged)):
            for key in keys:
                e = source[key]
                text = documents[e["doc"]]["text"][e["start"] : e["end"]].strip()
                print(f"{label} {e['rules']} {documents[e['doc']].get('title', '')[:30]} | {text[:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
