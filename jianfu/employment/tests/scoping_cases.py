"""就业帮扶's rows of the role × endpoint matrix (web and /api/v1/employment/)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.testing.matrix import COUNTY_WIDE, Case
from jianfu.core.testing.matrix import EVERYONE as MATRIX_ACCOUNTS
from jianfu.employment.models import (
    KeyPerson,
    Posting,
    PostingImport,
    PostingStatus,
    Referral,
    SeekerImportBatch,
    ServiceRecord,
    Visit,
    VisitRule,
    VisitTask,
)
from jianfu.employment.tests.factories import (
    TOWN,
    VILLAGE_A,
    hrss_account,
    key_person_in,
    person_in,
    posting_in,
    snapshot_kp,
)

# the county's 人社局 (a department granted EMPLOYMENT_MANAGE by function) is run against these endpoints too
EXTRA_ACCOUNTS = ("dept_hrss",)
EVERYONE = MATRIX_ACCOUNTS | set(EXTRA_ACCOUNTS)
# ADR 0030: the county's 人社局 (dept_hrss) reads the county's 就业帮扶 people and figures as the county office does
# (reveals audited alike); it never searches the registry (纳入帮扶) and writes no person. No other department reads.
# ADR 0033: it refers (推荐就业, the public employment service's 职业介绍) a county person to an open posting.
REGISTRY_READERS = frozenset({"admin", "county_office", "town_quzhang", "village_a", "village_b", "grid_a"})
READERS = REGISTRY_READERS | {"dept_hrss"}
SEES_A = frozenset({"admin", "county_office", "dept_hrss", "town_quzhang", "village_a", "grid_a"})  # grid_a's person
WRITES_A = frozenset({"admin", "town_quzhang", "village_a", "grid_a"})                     # EMPLOYMENT_WRITE
WRITERS = WRITES_A | {"village_b"}
REFERS_A = WRITES_A | {"dept_hrss"}                                                            # ADR 0033
REVEALS_A = frozenset({"admin", "county_office", "dept_hrss", "town_quzhang", "village_a"})  # PII_REVEAL, 人社局
# EMPLOYMENT_MANAGE: the county's 人社局 (dept_hrss, a department granted it by function) too; no other department
MANAGERS = frozenset({"admin", "county_office", "town_quzhang", "dept_hrss"})
REVIEWERS = frozenset({"admin", "county_office", "dept_hrss"})   # clear a posting flagged as discriminatory
TOWNSHIP_ACTS = frozenset({"admin", "town_quzhang"})   # reassign / close a village's visit task
DASHBOARD = frozenset({"admin", "county_office", "dept_hrss", "town_quzhang", "village_a", "village_b"})


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 30)).save(out, format="PNG")
    return out.getvalue()


def _posting_form(title: str) -> dict:
    return {"employer": "曲樟乡荔枝专业合作社", "credit_code": "", "title": title, "headcount": "2",
            "education": "初中", "age": "18-50岁", "wage": "3000-4000元", "place": "曲樟乡",
            "description": "荔枝采摘、分拣装箱，包午餐。", "experience": "不限"}


def cases(world):
    hrss_account(world)
    kp = key_person_in(profile={"desired_text": "想进厂", "places": ["town", "county"]})
    other = key_person_in("450521200201", None)            # village_b
    posting = posting_in(TOWN)
    flagged = posting_in(TOWN, status=PostingStatus.FLAGGED, title="仓管员")
    Referral.objects.create(key_person=kp, posting=posting, org_code=kp.org_code, grid_code=kp.grid_code,
                                       referred_on=kp.identified_on)
    service = ServiceRecord.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code,
                                           kind="training", title="电工培训", started_on=kp.identified_on)
    visit = Visit.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code,
                                 visited_on=kp.identified_on, outcome="met")
    visit.photo.save("matrix.png", ContentFile(_png()), save=True)
    task = VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="new",
                                    reason="新认定", due_on=kp.identified_on, dedupe_key="matrix-task")
    batch = PostingImport.objects.create(org_code=TOWN, original_name="岗位.xlsx", status="failed",
                                         errors=[{"row": 2, "column": "月薪", "message": "x"}])
    from jianfu.employment.visits import rules_ensure

    rule = rules_ensure("450521")[0]
    P = f"/employment/people/{kp.pk}"

    def counts():
        return (KeyPerson.objects.count(), Posting.objects.count(), Referral.objects.count(), Visit.objects.count(),
                ServiceRecord.objects.count(), PostingImport.objects.count())

    def kp_case(name, path, *, allowed=WRITES_A, data=None, make=None, api=False):
        def build(username=None):
            target = make() if make else key_person_in(profile={"desired_text": "想进厂"})
            body = data(target) if callable(data) else (data or {})
            return Case(name, "post", path.format(pk=target.pk), allowed, data=body, api=api,
                        format="json" if api else None, unchanged=lambda: snapshot_kp(target))
        base = build()
        base.fresh = build
        return base

    def add_case(username=None):
        target = person_in()
        return Case("employment:person_add", "post", "/employment/people/add/", WRITES_A,
                    data={"person": target.pk, "groups": ["is_rural_labour"], "form_token": token_new()},
                    unchanged=counts)

    def api_add_case(username=None):
        target = person_in()
        return Case("api:employment-people", "post", "/api/v1/employment/people/", WRITES_A, api=True,
                    format="json", data={"person": target.pk, "groups": ["is_rural_labour"]}, unchanged=counts)

    def posting_create_case(username=None):
        return Case("employment:posting_create", "post", "/employment/postings/new/", MANAGERS,
                    data={**_posting_form(f"荔枝分拣工{username}"), "form_token": token_new()}, unchanged=counts)

    def api_posting_case(username=None):
        return Case("api:employment-postings", "post", "/api/v1/employment/postings/", MANAGERS, api=True,
                    format="json", data=_posting_form(f"荔枝采摘工{username}"), unchanged=counts)

    def posting_action_case(username=None):
        target = posting_in(TOWN)
        return Case("employment:posting_action", "post", f"/employment/postings/{target.pk}/close/", MANAGERS,
                    unchanged=lambda: Posting.objects.get(pk=target.pk).status)

    def posting_clear_case(username=None):
        # 核查无误，公开 a flagged posting of the township: the county's review (county office, 人社局), never the
        # township that posted it (tryout27 #2); a refusal leaves it held and writes no audit entry of a clearing
        target = posting_in(TOWN, status=PostingStatus.FLAGGED, title="保洁员")
        return Case("employment:posting_action", "post", f"/employment/postings/{target.pk}/clear/", REVIEWERS,
                    data={"note": "岗位要求与工作相关，核查无误"},
                    unchanged=lambda: (Posting.objects.get(pk=target.pk).status, AuditRecord.objects.filter(
                        action="employment.posting.clear", object_id=str(target.pk)).count()))

    def api_amend_case(username=None):
        # session 33: the API's 修改后公开 (PATCH a held posting's texts) for whoever manages the township's posting,
        # as on the web; a refusal leaves it held, its text and flags as they were, and writes no audit entry
        target = posting_in(TOWN, status=PostingStatus.FLAGGED, title="搬运工", description="装卸货物，限男性。",
                            flags=[{"code": "gender", "label": "性别", "excerpt": "限男性"}])
        return Case("api:employment-posting-detail", "patch", f"/api/v1/employment/postings/{target.pk}/", MANAGERS,
                    api=True, format="json", data={"description": "装卸货物。"},
                    unchanged=lambda: (Posting.objects.filter(pk=target.pk).values_list(
                        "status", "description", "flags").get(), AuditRecord.objects.filter(
                        action="employment.posting.amend", object_id=str(target.pk)).count()))

    def import_case(username=None):
        csv = ("单位名称,岗位名称,工作地点,岗位描述,月薪\n"
               f"曲樟乡某厂,包装工{username},曲樟乡,包装打包,3000-4000\n").encode()
        return Case("employment:posting_import", "post", "/employment/postings/import/", MANAGERS,
                    data=lambda: {"file": ContentFile(csv, name="jobs.csv"), "form_token": token_new()},
                    unchanged=counts)

    def api_import_case(username=None):
        csv = ("单位名称,岗位名称,工作地点,岗位描述,月薪\n"
               f"曲樟乡某厂,装箱工{username},曲樟乡,装箱打包,3000-4000\n").encode()
        return Case("api:employment-posting-import", "post", "/api/v1/employment/postings/import/", MANAGERS,
                    api=True, format="multipart", data=lambda: {"file": ContentFile(csv, name="jobs.csv")},
                    unchanged=counts)

    def import_action_case(action):
        def build(username=None):
            # an interrupted web import of the township (its worker died): retried or discarded on its page
            stuck = PostingImport.objects.create(org_code=TOWN, original_name="岗位.csv", status="interrupted",
                                                 file=ContentFile(b"x", name="jobs.csv"))
            return Case("employment:import_action", "post", f"/employment/postings/import/{stuck.pk}/{action}/",
                        MANAGERS, unchanged=lambda: PostingImport.objects.get(pk=stuck.pk).status)
        return fresh(build)

    def skip_duplicates_case(username=None):
        # a township's upload refused for a duplicate row alone (U10), no uploader on record: any manager of it may
        # skip the row and import the rest (with an uploader, only they: test_import_skip_duplicates.py); a refused
        # account changes nothing (the batch stays refused, its choice unmade)
        csv = ("单位名称,岗位名称,工作地点,岗位描述,月薪\n" + f"曲樟乡某厂,打包工{username},曲樟乡,打包,3000-4000\n" * 2).encode()
        refused = PostingImport.objects.create(
            org_code=TOWN, original_name="岗位.csv", status="failed", total_rows=2, duplicate_count=1,
            errors=[{"row": 3, "column": "岗位名称", "message": "与第2行是同一岗位", "duplicate_of": 2}],
            file=ContentFile(csv, name="jobs.csv"))
        return Case("employment:import_skip_duplicates", "post",
                    f"/employment/postings/import/{refused.pk}/skip-duplicates/", MANAGERS,
                    unchanged=lambda: PostingImport.objects.filter(pk=refused.pk).values_list(
                        "status", "skip_duplicates").get())

    def held_batch_case(action, api=False):
        def build(username=None):
            # a township's held upload (待确认, N03): confirmed, or withdrawn (撤销本批), by whoever manages it
            # (no uploader on record here; test_import_hold_everywhere.py: only the uploader confirms)
            held = PostingImport.objects.create(org_code=TOWN, original_name="岗位.csv", status="awaiting")
            pending = posting_in(TOWN, status=PostingStatus.PENDING, batch=held)
            return Case(f"api:employment-import-{action}" if api else "employment:import_action", "post",
                        f"/api/v1/employment/postings/imports/{held.pk}/{action}/" if api
                        else f"/employment/postings/import/{held.pk}/{action}/",
                        MANAGERS, api=api, format="json" if api else None,
                        unchanged=lambda: (PostingImport.objects.get(pk=held.pk).status,
                                           Posting.objects.get(pk=pending.pk).status))
        return fresh(build)

    def seeker_import_case(username=None):
        target = person_in()
        from jianfu.registry.services import person_id_number

        csv = f"身份证号,人员类别,求职意向,期望月薪\n{person_id_number(target)},农村劳动力,想进厂,3000-4000\n".encode()
        # another village's account gets the page back with a row error and nothing written
        # (test_seekers.py checks it): the import itself is open to every account that registers people.
        return Case("employment:seeker_import", "post", "/employment/people/import/", WRITERS,
                    data=lambda: {"file": ContentFile(csv, name="seekers.csv"), "form_token": token_new()},
                    unchanged=lambda: KeyPerson.objects.filter(person=target).count())

    def api_seeker_import_case(username=None):
        target = person_in()
        from jianfu.registry.services import person_id_number

        csv = f"身份证号,人员类别,求职意向\n{person_id_number(target)},农村劳动力,想进厂\n".encode()
        return Case("api:employment-seeker-import", "post", "/api/v1/employment/people/import/", WRITERS, api=True,
                    format="multipart", data=lambda: {"file": ContentFile(csv, name="seekers.csv")},
                    unchanged=lambda: (KeyPerson.objects.filter(person=target).count(),
                                       SeekerImportBatch.objects.count()))

    # a seeker upload of 曲木村 (village A): its batch is the village's — seen by who reads the village's people
    # (a grid worker only their own uploads), retried or discarded by who registers the village's people
    SEEKER_BATCH = frozenset({"admin", "county_office", "dept_hrss", "town_quzhang", "village_a"})
    seeker_batch = SeekerImportBatch.objects.create(org_code=VILLAGE_A, original_name="求职登记.csv", status="failed",
                                                    errors=[{"row": 2, "column": "身份证号", "message": "身份证号为空"}])

    def seeker_action_case(action):
        def build(username=None):
            stuck = SeekerImportBatch.objects.create(org_code=VILLAGE_A, original_name="求职登记.csv",
                                                     status="interrupted", file=ContentFile(b"x", name="s.csv"))
            return Case("employment:seeker_import_action", "post", f"/employment/people/import/{stuck.pk}/{action}/",
                        frozenset({"admin", "town_quzhang", "village_a"}),
                        unchanged=lambda: SeekerImportBatch.objects.get(pk=stuck.pk).status)
        return fresh(build)

    def dismiss_case(kind):
        # fix-left16 #3: only its uploader removes a failed batch (others who see it: 403; the rest: 404)
        def build(username=None):
            if kind == "posting":
                failed = PostingImport.objects.create(org_code=TOWN, original_name="岗位.csv", status="failed",
                                                      created_by=world.users["town_quzhang"])
                return Case("employment:import_action", "post", f"/employment/postings/import/{failed.pk}/dismiss/",
                            frozenset({"town_quzhang"}), unchanged=lambda: PostingImport.objects.filter(pk=failed.pk).exists())
            failed = SeekerImportBatch.objects.create(org_code=VILLAGE_A, original_name="求职登记.csv", status="failed",
                                                      created_by=world.users["village_a"])
            return Case("employment:seeker_import_action", "post", f"/employment/people/import/{failed.pk}/dismiss/",
                        frozenset({"village_a"}), unchanged=lambda: SeekerImportBatch.objects.filter(pk=failed.pk).exists())
        return fresh(build)

    def referral_case(username=None):
        target = key_person_in(profile={"desired_text": "想进厂"})
        job = posting_in(TOWN)
        return Case("employment:referral_create", "post", f"/employment/people/{target.pk}/refer/{job.pk}/",
                    REFERS_A, data={"score": "0.5", "reasons": "离家近", "confirm": "1", "form_token": token_new()},
                    unchanged=lambda: snapshot_kp(target))

    def referral_first_step_case():
        # 推荐给单位's first step (security20 #5): renders the person and the posting on the confirm page, writes
        # nothing; another village's person is not found, an account without the right is refused
        target = key_person_in(profile={"desired_text": "想进厂"})
        job = posting_in(TOWN)
        return Case("employment:referral_create", "post", f"/employment/people/{target.pk}/refer/{job.pk}/",
                    REFERS_A, data={}, expect_allowed=(200,),
                    unchanged=lambda: (snapshot_kp(target), Referral.objects.filter(key_person=target).count()))

    def api_referral_case(username=None):
        target = key_person_in(profile={"desired_text": "想进厂"})
        job = posting_in(TOWN)
        return Case("api:employment-person-refer", "post", f"/api/v1/employment/people/{target.pk}/referrals/",
                    REFERS_A, api=True, format="json", data={"posting": job.pk},
                    unchanged=lambda: snapshot_kp(target))

    def advance_case(api: bool):
        def build(username=None):
            target = key_person_in(status="referred")
            job = posting_in(TOWN)
            r = Referral.objects.create(key_person=target, posting=job, org_code=target.org_code,
                                        grid_code=target.grid_code, referred_on=target.identified_on)
            path = (f"/api/v1/employment/referrals/{r.pk}/advance/" if api
                    else f"/employment/referrals/{r.pk}/advance/")
            return Case("api:employment-referral-advance" if api else "employment:referral_advance", "post", path,
                        WRITES_A, api=api, format="json" if api else None, data={"status": "interviewed"},
                        unchanged=lambda: Referral.objects.get(pk=r.pk).status)
        base = build()
        base.fresh = build
        return base

    def task_case(action, api=False):
        # the township's actions on an open task of village_a (a fresh task for each allowed account)
        def build(username=None):
            target = key_person_in()
            t = VisitTask.objects.create(key_person=target, org_code=target.org_code, grid_code=target.grid_code,
                                         trigger="new", reason="新认定", due_on=target.identified_on,
                                         escalated_on=target.identified_on, dedupe_key=f"matrix-{action}-{target.pk}")
            body = {"assignee": world.users["village_a"].pk} if action == "reassign" else {"note": "已电话联系"}
            if not api:   # the web buttons' forms carry their token (fix-token28); the API has none
                body["form_token"] = token_new()
            return Case(f"api:employment-visit-task-{action}" if api else f"employment:visit_task_{action}", "post",
                        f"/api/v1/employment/visits/tasks/{t.pk}/{action}/" if api
                        else f"/employment/visits/tasks/{t.pk}/{action}/",
                        TOWNSHIP_ACTS, data=body, api=api, format="json" if api else None,
                        unchanged=lambda: VisitTask.objects.filter(pk=t.pk).values_list(
                            "status", "assignee_id", "grid_code", "handled_note").get())
        return fresh(build)

    def fresh(fn):
        base = fn()
        base.fresh = fn
        return base

    return [
        # key persons (web)
        Case("employment:person_list", "get", "/employment/people/", READERS),
        Case("employment:person_add", "get", "/employment/people/add/", REGISTRY_READERS),
        fresh(add_case),
        Case("employment:seeker_import", "get", "/employment/people/import/", WRITERS),
        Case("employment:seeker_import_template", "get", "/employment/people/import/template.xlsx", WRITERS),
        fresh(seeker_import_case),
        Case("employment:seeker_import_detail", "get", f"/employment/people/import/{seeker_batch.pk}/", SEEKER_BATCH),
        seeker_action_case("retry"),
        seeker_action_case("discard"),
        fresh(api_seeker_import_case),
        Case("api:employment-seeker-import-detail", "get", f"/api/v1/employment/people/imports/{seeker_batch.pk}/",
             SEEKER_BATCH, api=True),
        Case("employment:person_detail", "get", f"{P}/", SEES_A),
        Case("employment:person_detail", "get", f"/employment/people/{other.pk}/",
             frozenset({"admin", "county_office", "dept_hrss", "town_quzhang", "village_b"})),
        Case("employment:person_edit", "get", f"{P}/edit/", WRITES_A),
        kp_case("employment:person_edit", "/employment/people/{pk}/edit/",
                data={"groups": ["is_graduate"], "graduation_year": "2024", "major": "电子商务"}),
        kp_case("employment:person_transition", "/employment/people/{pk}/status/employ/", data={"note": "进厂"}),
        Case("employment:person_reveal", "post", f"{P}/reveal/", REVEALS_A, data={"field": "phone"},
             unchanged=lambda: snapshot_kp(kp)),
        Case("employment:profile_edit", "get", f"{P}/profile/", WRITES_A),
        kp_case("employment:profile_edit", "/employment/people/{pk}/profile/",
                data={"desired_text": "做过流水线，想进厂", "places": ["town"], "wage": "3000-4000"}),
        Case("employment:person_jobs", "get", f"{P}/jobs/", SEES_A),
        fresh(referral_case),
        referral_first_step_case(),
        kp_case("employment:service_create", "/employment/people/{pk}/services/",
                data=lambda _kp: {"kind": "si_subsidy", "title": "灵活就业社保补贴", "outcome": "ongoing", "amount": "1200",
                                  "form_token": token_new()}),
        Case("employment:visit_create", "get", f"{P}/visit/", WRITES_A),
        kp_case("employment:visit_create", "/employment/people/{pk}/visit/",
                data=lambda _kp: {"outcome": "met", "needs": ["job"], "next_step": "推荐分拣工", "form_token": token_new()}),
        advance_case(api=False),
        Case("employment:service_outcome", "post", f"/employment/services/{service.pk}/outcome/", WRITES_A,
             data={"outcome": "completed"}, unchanged=lambda: ServiceRecord.objects.get(pk=service.pk).outcome,
             fresh=lambda username=None: Case(
                 "employment:service_outcome", "post", f"/employment/services/{service.pk}/outcome/", WRITES_A,
                 data={"outcome": "completed"})),
        Case("employment:visit_tasks", "get", "/employment/visits/", READERS),
        # ADR 0028: the grid worker of an open visit task may reveal the phone from its visit form
        Case("employment:visit_task_reveal", "post", f"/employment/visits/tasks/{task.pk}/reveal/",
             REVEALS_A | {"grid_a"}, unchanged=lambda: AuditRecord.objects.filter(action="pii.reveal").count()),
        task_case("reassign"),
        task_case("handle"),
        Case("employment:visit_photo", "get", f"/employment/visits/{visit.pk}/photo/", SEES_A),
        Case("employment:visit_photo_thumb", "get", f"/employment/visits/{visit.pk}/photo/thumb/", SEES_A),
        # postings: public
        Case("employment:job_list", "get", "/employment/jobs/", EVERYONE, anonymous_allowed=True),
        Case("employment:job_detail", "get", f"/employment/jobs/{posting.pk}/", EVERYONE, anonymous_allowed=True),
        # postings: managed
        Case("employment:posting_list", "get", "/employment/postings/", MANAGERS),
        Case("employment:posting_create", "get", "/employment/postings/new/", MANAGERS),
        fresh(posting_create_case),
        Case("employment:posting_detail", "get", f"/employment/postings/{flagged.pk}/", MANAGERS),
        # an open posting: every manager opens it (U12: the 人社局 got 403 from the people section)
        Case("employment:posting_detail", "get", f"/employment/postings/{posting.pk}/", MANAGERS),
        # session 28: the referrals to a posting, and to all of an employer's postings (manage postings + read people)
        Case("employment:posting_referrals", "get", f"/employment/postings/{posting.pk}/referrals/", MANAGERS),
        Case("employment:employer_referrals", "get", f"/employment/employers/{posting.organisation_id}/referrals/",
             MANAGERS),
        fresh(posting_action_case),
        fresh(posting_clear_case),
        Case("employment:posting_import", "get", "/employment/postings/import/", MANAGERS),
        Case("employment:posting_import_template", "get", "/employment/postings/import/template.xlsx", MANAGERS),
        fresh(import_case),
        Case("employment:import_detail", "get", f"/employment/postings/import/{batch.pk}/", MANAGERS),
        import_action_case("retry"),
        import_action_case("discard"),
        dismiss_case("posting"),
        dismiss_case("seeker"),
        held_batch_case("confirm"),
        held_batch_case("withdraw"),
        fresh(skip_duplicates_case),
        # rules and dashboard
        Case("employment:rule_list", "get", "/employment/rules/", COUNTY_WIDE),
        Case("employment:rule_edit", "post", f"/employment/rules/{rule.pk}/", COUNTY_WIDE,
             data={"days": "9", "escalate_after_days": "3", "is_active": "on", "name": rule.name},
             unchanged=lambda: VisitRule.objects.filter(pk=rule.pk).values_list("days", "is_active").get()),
        Case("employment:dashboard", "get", "/employment/dashboard/", DASHBOARD),
        Case("employment:dashboard_export", "get", "/employment/dashboard/export/", DASHBOARD),
        # API
        Case("api:employment-postings", "get", "/api/v1/employment/postings/", EVERYONE, api=True,
             anonymous_allowed=True),
        fresh(api_posting_case),
        fresh(api_import_case),
        Case("api:employment-import-detail", "get", f"/api/v1/employment/postings/imports/{batch.pk}/", MANAGERS,
             api=True),
        held_batch_case("confirm", api=True),
        held_batch_case("withdraw", api=True),
        Case("api:employment-posting-detail", "get", f"/api/v1/employment/postings/{posting.pk}/", EVERYONE,
             api=True, anonymous_allowed=True),
        fresh(api_amend_case),
        Case("api:employment-posting-seekers", "get", f"/api/v1/employment/postings/{posting.pk}/seekers/", READERS,
             api=True),
        Case("api:employment-posting-referrals", "get", f"/api/v1/employment/postings/{posting.pk}/referrals/",
             MANAGERS, api=True),
        Case("api:employment-employer-referrals", "get",
             f"/api/v1/employment/employers/{posting.organisation_id}/referrals/", MANAGERS, api=True),
        Case("api:employment-people", "get", "/api/v1/employment/people/", READERS, api=True),
        fresh(api_add_case),
        Case("api:employment-person-detail", "get", f"/api/v1/employment/people/{kp.pk}/", SEES_A, api=True),
        Case("api:employment-person-reveal", "post", f"/api/v1/employment/people/{kp.pk}/reveal/", REVEALS_A,
             api=True, format="json", data={"field": "id_number"}, unchanged=lambda: snapshot_kp(kp)),
        Case("api:employment-person-jobs", "get", f"/api/v1/employment/people/{kp.pk}/jobs/", SEES_A, api=True),
        kp_case("api:employment-person-visit", "/api/v1/employment/people/{pk}/visits/", api=True,
                data={"outcome": "phone", "needs": ["training"]}),
        fresh(api_referral_case),
        advance_case(api=True),
        Case("api:employment-visit-tasks", "get", "/api/v1/employment/visits/", READERS, api=True),
        task_case("reassign", api=True),
        task_case("handle", api=True),
        Case("api:employment-dashboard", "get", "/api/v1/employment/dashboard/", DASHBOARD, api=True),
    ]

