"""List the POST forms in jianfu/**/templates whose <form> … </form> markup has no form_token (fix-token28), less
the allow-list below: the forms whose second post is refused or changes nothing (fix-token29). What it prints is a
form that still needs the one-time token — a create form, whose second post makes a second record — and
tests/test_post_forms_without_token.py fails while it prints anything.

A form is named by its template and the url it posts to ("(self)": its own page's address); every form of that pair
is allowed. A form that includes the token only `{% if form_token %}` counts as having it: check that its view passes
one. An allowed pair that matches no form any more is printed too (`stale`), so the list stays true."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (template under jianfu/, url name or "(self)") → why its second post makes no second record (checked: the view or
# service read, and the forms marked † posted twice in a test, see docs/employment.md "Session 29")
ALLOWED: dict[tuple[str, str], str] = {
    # accounts
    ("accounts/templates/accounts/login.html", "(self)"): "signs in; no record (a session, throttled by axes)",
    ("accounts/templates/accounts/logout_confirm.html", "accounts:logout"): "ends the session; again is a no-op",
    ("accounts/templates/accounts/password_form.html", "(self)"): "sets the password and ends the session",
    ("accounts/templates/accounts/task_failures.html", "accounts:task_failure_resolve"): "marks resolved; idempotent",
    ("accounts/templates/accounts/user_form.html", "(self)"): "新建用户: the username is unique, the second post is "
                                                              "refused (账号已存在) †",
    ("accounts/templates/accounts/user_list.html", "accounts:user_disable"): "sets disabled; idempotent",
    ("accounts/templates/accounts/user_list.html", "accounts:user_enable"): "sets enabled; idempotent",
    # the direct line: its own design, no row outside its tables and its own scoped tokens (docs/directline.md)
    ("directline/templates/directline/_lockbar.html", "directline:lock"): "forgets the session's key; idempotent",
    ("directline/templates/directline/enrol.html", "(self)"): "spends the one-time invitation code: the second post "
                                                              "finds it spent",
    ("directline/templates/directline/handlers.html", "(self)"): "revoke/rotate are moves; 邀请 replaces the invitee's "
                                                                 "one enrolment (delete, then create)",
    ("directline/templates/directline/public_follow.html", "(self)"): "looks up by receipt code (POST keeps the code "
                                                                      "out of the URL); the reply form keeps its own "
                                                                      "scoped token",
    ("directline/templates/directline/public_receipt.html", "directline:public_follow"): "opens the follow page with "
                                                                                         "the receipt code; no write",
    ("directline/templates/directline/report_detail.html", "directline:report_act"): "moves the report's state; "
                                                                                     "the second move is refused",
    ("directline/templates/directline/unlock.html", "(self)"): "unlocks the session's key; idempotent",
    # dispatch: moves of the event's workflow, each refused from the state the first one left
    ("dispatch/templates/dispatch/_feedback_forms.html", "dispatch:event_feedback"): "评价: the event is no longer "
                                                                                      "已办结 after the first †",
    ("dispatch/templates/dispatch/_feedback_forms.html", "dispatch:event_reopen"): "重新交办: no longer 办结/关闭 "
                                                                                    "after the first †",
    ("dispatch/templates/dispatch/_rating_forms.html", "dispatch:event_rate"): "考核评价: one rating a department "
                                                                               "and event (已评价过) †",
    ("dispatch/templates/dispatch/catalogue_detail.html", "dispatch:catalogue_publish"): "publishes a draft; a "
                                                                                         "published one is refused",
    ("dispatch/templates/dispatch/dispatch_confirm.html", "dispatch:event_dispatch"): "派发: refused once dispatched",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_accept"): "workflow move, refused the 2nd time",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_assist"): "协办: one per department "
                                                                                "(已在协办) †",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_contact_reveal"): "shows the contact; each "
                                                                                        "reveal audited, no record",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_dismiss_duplicate"): "clears the duplicate "
                                                                                           "mark; idempotent",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_dispatch"): "派发: refused once dispatched",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_extension_decide"): "decides the one pending "
                                                                                          "request; then none pending",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_extension_request"): "申请延期: one pending "
                                                                                           "request at a time †",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_merge"): "merges once; a merged event refused",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_resolve"): "办结: workflow move, refused the "
                                                                                 "2nd time",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_return"): "退回: workflow move",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_start"): "workflow move",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:event_transfer"): "转派: workflow move",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:summons_checkin"): "报到: refused once checked in",
    ("dispatch/templates/dispatch/event_detail.html", "dispatch:summons_part"): "sets the department's part; "
                                                                                "idempotent",
    ("dispatch/templates/dispatch/matter_form.html", "(self)"): "事项: the code is unique in the version, the second "
                                                                "create is refused (已存在); edit is idempotent",
    ("dispatch/templates/dispatch/public_lookup.html", "(self)"): "looks up a case by its number; no write",
    ("dispatch/templates/dispatch/public_track.html", "(self)"): "the citizen's 评价/重新交办: the same services as "
                                                                 "the event page, refused the 2nd time",
    ("dispatch/templates/dispatch/queue.html", "dispatch:event_dispatch"): "派发: refused once dispatched",
    # employment
    ("employment/templates/employment/_import_status.html", "employment:import_action"): "a batch's moves (confirm, "
                                                                                         "retry, discard…)",
    ("employment/templates/employment/_import_status.html", "employment:import_skip_duplicates"): "a batch's move",
    ("employment/templates/employment/_seeker_import_status.html", "employment:seeker_import_action"): "a batch's "
                                                                                                       "moves",
    ("employment/templates/employment/person_detail.html", "(self)"): "更新状态: person_transition moves, refused "
                                                                      "from the state reached",
    ("employment/templates/employment/person_detail.html", "employment:referral_advance"): "records a referral's "
                                                                                           "outcome; a move",
    ("employment/templates/employment/person_detail.html", "employment:service_outcome"): "sets an outcome; "
                                                                                          "idempotent",
    ("employment/templates/employment/person_jobs.html", "employment:referral_create"): "推荐给单位's first step: "
                                                                                        "the confirm page (with its "
                                                                                        "token), writes nothing",
    ("employment/templates/employment/posting_detail.html", "(self)"): "posting_action moves (clear, withdraw, close, "
                                                                       "reopen)",
    ("employment/templates/employment/posting_detail.html", "employment:posting_action"): "修改后公开 (posting_amend): "
                                                                                          "refused once the posting "
                                                                                          "is no longer 待核查",
    ("employment/templates/employment/posting_detail.html", "employment:referral_create"): "the confirm page; "
                                                                                           "writes nothing",
    ("employment/templates/employment/rule_list.html", "employment:rule_edit"): "saves a rule's settings; idempotent",
    # monitor
    ("monitor/templates/monitor/case_form.html", "(self)"): "edits a case (its create form carries the token)",
    ("monitor/templates/monitor/confirm_delete.html", "(self)"): "deletes; the second finds nothing to delete",
    ("monitor/templates/monitor/finding_list.html", "monitor:finding_evaluate"): "re-runs the checks; idempotent",
    ("monitor/templates/monitor/ledger_detail.html", "monitor:ledger_delete"): "the delete confirmation step",
    ("monitor/templates/monitor/notice_detail.html", "monitor:case_delete"): "the delete confirmation step",
    ("monitor/templates/monitor/notice_detail.html", "monitor:case_rectify"): "sets the case's rectification state",
    ("monitor/templates/monitor/notice_detail.html", "monitor:notice_delete"): "the delete confirmation step",
    ("monitor/templates/monitor/notice_detail.html", "monitor:notice_publish"): "publishes; a published one refused",
    ("monitor/templates/monitor/rule_form.html", "(self)"): "新增本地规则: the code is unique (已存在) †; edit is "
                                                            "idempotent",
    ("monitor/templates/monitor/rule_list.html", "monitor:rule_delete"): "the delete confirmation step",
    ("monitor/templates/monitor/rule_list.html", "monitor:rule_toggle"): "posts the target state (enabled=0/1)",
    # orgs
    ("orgs/templates/orgs/tree.html", "orgs:department_create"): "新增部门: the name is unique under its parent "
                                                                 "(已有部门) †",
    ("orgs/templates/orgs/tree.html", "orgs:merge"): "merges once; a retired unit refused",
    ("orgs/templates/orgs/tree.html", "orgs:rename"): "sets the name; idempotent",
    ("orgs/templates/orgs/tree.html", "orgs:retire"): "retires once",
    # registry
    ("registry/templates/registry/_import_status.html", "registry:import_commit"): "a batch's move",
    ("registry/templates/registry/_import_status.html", "registry:import_discard"): "a batch's move",
    ("registry/templates/registry/_import_status.html", "registry:import_recover"): "a batch's move",
    ("registry/templates/registry/_import_status.html", "registry:import_revalidate"): "a batch's move",
    ("registry/templates/registry/attribute_list.html", "(self)"): "自定义属性: the key is unique (已存在) †",
    ("registry/templates/registry/attribute_list.html", "registry:attribute_deactivate"): "deactivates; idempotent",
    ("registry/templates/registry/conflict_list.html", "registry:conflict_resolve"): "resolves once",
    ("registry/templates/registry/household_detail.html", "(self)"): "加入: sets the person's household and relation; "
                                                                     "idempotent",
    ("registry/templates/registry/import_list.html", "registry:import_dismiss"): "hides a finished batch; idempotent",
    ("registry/templates/registry/import_mapping.html", "(self)"): "放弃本批 is a move; the mapping is saved by name "
                                                                   "(update_or_create)",
    ("registry/templates/registry/review_detail.html", "(self)"): "decides a duplicate review once",
    # reports
    ("reports/templates/reports/header_match.html", "(self)"): "reads the uploaded form and proposes; no write",
    ("reports/templates/reports/header_match.html", "reports:header_match_confirm"): "saves the template by its code "
                                                                                     "(update or create)",
    ("reports/templates/reports/index.html", "reports:submission_generate"): "one submission a template, village and "
                                                                             "period: the second regenerates it",
    ("reports/templates/reports/submission_detail.html", "reports:submission_approve"): "a submission's move",
    ("reports/templates/reports/submission_detail.html", "reports:submission_fill"): "saves the cells; idempotent",
    ("reports/templates/reports/submission_detail.html", "reports:submission_return"): "a submission's move",
    ("reports/templates/reports/template_designer.html", "(self)"): "saves the template by its code (update or "
                                                                    "create)",
    ("reports/templates/reports/template_detail.html", "reports:template_form_upload"): "replaces the template's "
                                                                                        "attached form",
    ("reports/templates/reports/template_form.html", "(self)"): "saves the template by its code (update or "
                                                                "create) †",
    # review
    ("review/templates/review/_finding.html", "review:finding_dismiss"): "a finding's move",
    ("review/templates/review/_finding.html", "review:finding_restore"): "a finding's move",
    ("review/templates/review/rule_list.html", "review:rule_toggle"): "posts the target state (enabled=0/1)",
    # villagepages
    ("villagepages/templates/villagepages/edit.html", "(self)"): "saves the draft's header; idempotent",
    ("villagepages/templates/villagepages/edit.html", "villagepages:act"): "撤回: a move",
    ("villagepages/templates/villagepages/review.html", "villagepages:act"): "approve/return/withdraw: moves",
}


def forms_without_token(root: Path = ROOT) -> list[tuple[str, int, str]]:
    """(template under jianfu/, line, url name or "(self)") of each POST form without form_token."""
    found = []
    for path in sorted((root / "jianfu").glob("**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<form\b[^>]*>", text, re.I | re.S):
            if not re.search(r"method\s*=\s*[\"']?post", m.group(0), re.I):
                continue
            body = text[m.end() : text.find("</form>", m.end())]
            if "form_token" not in body:
                action = re.search(r"url '([^']+)'", m.group(0))
                found.append((path.relative_to(root / "jianfu").as_posix(), text[: m.start()].count("\n") + 1,
                              action.group(1) if action else "(self)"))
    return found


def report(root: Path = ROOT) -> list[str]:
    """The lines to print: each form still needing a token, then each allow-list entry matching no form."""
    found = forms_without_token(root)
    lines = [f"jianfu/{path}:{line}: {action}" for path, line, action in found if (path, action) not in ALLOWED]
    seen = {(path, action) for path, _line, action in found}
    lines += [f"stale allow-list entry: jianfu/{path} {action}" for path, action in ALLOWED
              if (path, action) not in seen]
    return lines


def main() -> int:
    out = report()
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
