"""Advice a coach can trust: ten cases where the plan once contradicted the seed, with their dates.

1. the silence clock starts at the employer's promised date, not at the interview;
2. an answer without a decision closes after ``give_up_after_days``;
3. a reply (``reply_sent``) is never chasing;
4. the plan uses the policy the facts were built with, or says it cannot;
5. early, pushy and not-the-interviewer follow-ups are said in words;
6. young cohorts do not flatter the offer rate; letters not due yet are not "none";
7. no invented upper limit where the response curve reaches 0;
8. dates typed by a person are ISO or refused;
9. every CSV the toolkit writes guards against spreadsheet formulas;
10. a candidate's own letter can be checked.
"""

from __future__ import annotations

import email.message
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_facts import CANDIDATE, make_tables

import followup_kit as fk
from followup_kit import FollowupKitError, Policy, Store, facts, plan
from followup_kit.cli import main

ROOT = Path(__file__).resolve().parent.parent
THANKED = {"interview_id": "I1", "date": "2026-06-02", "kind": "thank_you_sent"}


def one(interview: dict, events=(), today="2026-07-01", policy=None, candidates=None):
    c, i, e = make_tables([{"interview_id": "I1", **interview}], events, candidates)
    f = facts(c, i, e, as_of=today, policy=policy)
    return f.iloc[0], plan(f, today=today).iloc[0]


# -- 1. the silence clock --------------------------------------------------------------------
PROMISED = {"interview_date": "2026-06-01", "promised_decision_date": "2026-09-15"}


def test_nobody_is_told_to_move_on_before_the_employers_own_date():
    fact, step = one(PROMISED, [THANKED], today="2026-09-05")
    assert step["action"] == "wait"
    # Three business days after Tuesday 15 September.
    assert step["due"] == pd.Timestamp("2026-09-18")
    assert step["reason"] == ("Your interviewer said they would decide by Tuesday 15 September; "
                              "follow up from Friday 18 September if you have not heard.")
    assert fact["outcome"] == "pending"
    fact, _ = one(PROMISED, [THANKED], today="2026-08-20")
    assert fact["outcome"] == "pending"
    assert fact["waiting_since"] == pd.Timestamp("2026-09-15")


def test_the_clocks_run_from_the_promised_date():
    # ghost_after_days (45) after 15 September is Friday 30 October.
    assert one(PROMISED, [THANKED], today="2026-10-29")[0]["outcome"] == "pending"
    fact, step = one(PROMISED, [THANKED], today="2026-10-30")
    assert fact["outcome"] == "no_response" and fact["old_enough"]
    assert step["action"] == "follow_up"
    # give_up_after_days (90) after 15 September is Monday 14 December.
    assert one(PROMISED, [THANKED], today="2026-12-13")[1]["action"] == "follow_up"
    _, step = one(PROMISED, [THANKED], today="2026-12-14")
    assert step["action"] == "move_on" and step["due"] == pd.Timestamp("2026-12-14")
    assert "in the 90 days since the date they gave you, Tuesday 15 September" in step["reason"]


# -- 2. an answer without a decision ----------------------------------------------------------
ANSWERED = [THANKED, {"interview_id": "I1", "date": "2026-06-20", "kind": "employer_response"}]


def test_an_answer_without_a_decision_closes_after_give_up_days():
    fact, step = one({"interview_date": "2026-06-01"}, ANSWERED, today="2026-09-17")
    assert step["action"] == "follow_up" and fact["outcome"] == "pending"
    assert fact["last_heard"] == pd.Timestamp("2026-06-20")
    # 90 days after Saturday 20 June is Friday 18 September.
    fact, step = one({"interview_date": "2026-06-01"}, ANSWERED, today="2026-09-18")
    assert (step["action"], fact["outcome"]) == ("move_on", "no_response")
    assert step["reason"].startswith("Acme Ltd last wrote on Saturday 20 June without a decision")
    fact, step = one({"interview_date": "2026-06-01"}, ANSWERED, today="2027-02-20")
    assert (step["action"], fact["outcome"]) == ("move_on", "no_response")
    assert fact["responded"]


def test_a_later_message_restarts_the_clock():
    later = [*ANSWERED, {"interview_id": "I1", "date": "2026-08-10", "kind": "employer_response"}]
    fact, step = one({"interview_date": "2026-06-01"}, later, today="2026-09-18")
    assert (step["action"], fact["outcome"]) == ("follow_up", "pending")
    assert fact["last_heard"] == pd.Timestamp("2026-08-10")


# -- 3. replies are not chasing ----------------------------------------------------------------
def reply(date: str, to: str = "true") -> dict:
    return {"interview_id": "I1", "date": date, "kind": "reply_sent", "to_interviewer": to}


def test_sending_references_is_not_a_follow_up():
    asked = [THANKED, {"interview_id": "I1", "date": "2026-06-03", "kind": "employer_response",
                       "note": "asked for references"}, reply("2026-06-04", "false"), reply("2026-06-05")]
    fact, step = one({"interview_date": "2026-06-01"}, asked, today="2026-06-08")
    assert (fact["follow_ups"], fact["early_follow_ups"]) == (0, 0)
    assert not fact["pushy"] and not fact["not_interviewer"] and not fact["warned"]
    assert pd.isna(fact["replied_on"])
    # The follow-up the candidate may still send is untouched: from Monday 15 June, the usual window.
    assert (step["action"], step["due"], step["flags"]) == ("follow_up", pd.Timestamp("2026-06-15"), "")


@pytest.mark.parametrize("news", ["offer", "rejection"])
def test_a_reply_sent_settles_the_news(news):
    events = [THANKED, {"interview_id": "I1", "date": "2026-06-10", "kind": news}, reply("2026-06-11")]
    fact, step = one({"interview_date": "2026-06-01"}, events, today="2026-06-12")
    assert fact["replied_on"] == pd.Timestamp("2026-06-11") and fact["follow_ups"] == 0
    assert step["action"] == "none"
    assert step["reason"] == "You replied to Acme Ltd on Thursday 11 June; nothing more to do."


def test_a_reply_logged_as_a_follow_up_still_counts_as_the_reply():
    events = [THANKED, {"interview_id": "I1", "date": "2026-06-10", "kind": "offer"},
              {"interview_id": "I1", "date": "2026-06-11", "kind": "follow_up_sent"}]
    fact, step = one({"interview_date": "2026-06-01"}, events, today="2026-06-12")
    assert fact["replied_on"] == pd.Timestamp("2026-06-11") and fact["follow_ups"] == 0
    assert step["action"] == "none"


def test_reply_sent_goes_through_import_export_and_the_store(tmp_path, csv_dir):
    with (csv_dir / "events.csv").open("a", encoding="utf-8") as out:
        out.write("E9,I2,2026-05-30,reply_sent,email,true,thanked them and asked for tips\n")
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*sorted(csv_dir.glob("*.csv")))
        store.export_csv(tmp_path / "out")
        assert "reply_sent" in set(store.events()["kind"])
    exported = pd.read_csv(tmp_path / "out" / "events.csv", dtype=str, encoding="utf-8-sig")
    assert exported.loc[exported["event_id"] == "E9", "kind"].item() == "reply_sent"


# -- 4. the policy ---------------------------------------------------------------------------
def test_the_plan_uses_the_facts_policy_or_refuses_another():
    c, i, e = make_tables([{"interview_id": "I1", "interview_date": "2026-06-01"}],
                          [{**THANKED, "date": "2026-06-01"}])
    quick = Policy(default_wait_business_days=2)
    usual = facts(c, i, e, as_of="2026-06-04")
    with pytest.raises(FollowupKitError, match="default_wait_business_days=10, not "
                                               "default_wait_business_days=2"):
        plan(usual, today="2026-06-04", policy=quick)
    # Ten business days after Monday 1 June is Monday 15 June; two is Wednesday 3 June.
    assert plan(usual, today="2026-06-04").iloc[0]["due"] == pd.Timestamp("2026-06-15")
    built = facts(c, i, e, as_of="2026-06-04", policy=quick)
    step = plan(built, today="2026-06-04").iloc[0]
    assert (step["action"], step["due"]) == ("follow_up", pd.Timestamp("2026-06-03"))
    assert plan(built, today="2026-06-04", policy=quick).equals(plan(built, today="2026-06-04"))
    # A filtered copy keeps its policy.
    assert plan(built.loc[built["interview_id"] == "I1"], today="2026-06-04").equals(
        plan(built, today="2026-06-04"))


@pytest.mark.parametrize("lose", [
    lambda f: f.merge(pd.DataFrame({"interview_id": ["I1"], "coach": ["Sam Lee"]}), on="interview_id"),
    lambda f: f.join(pd.DataFrame({"coach": ["Sam Lee"]}, index=f.index)),
], ids=["merge", "join"])
def test_facts_that_lost_their_policy_are_never_planned_with_the_default(lose):
    c, i, e = make_tables([{"interview_id": "I1", "interview_date": "2026-06-01"}],
                          [{**THANKED, "date": "2026-06-01"}])
    quick = Policy(default_wait_business_days=2)
    built = facts(c, i, e, as_of="2026-06-04", policy=quick)
    lost = lose(built)
    # pandas 3 keeps no attrs through these: the facts no longer say what they were built with.
    assert "policy" not in lost.attrs
    with pytest.raises(FollowupKitError, match="do not say which Policy they were built with"):
        plan(lost, today="2026-06-04")
    assert plan(lost, today="2026-06-04", policy=quick).equals(plan(built, today="2026-06-04"))


# -- 5. warnings in words ---------------------------------------------------------------------
def chase(date: str, to: str = "true") -> dict:
    return {"interview_id": "I1", "date": date, "kind": "follow_up_sent", "to_interviewer": to}


def test_an_early_follow_up_is_said_with_what_to_do():
    _, step = one({"interview_date": "2026-06-01"}, [THANKED, chase("2026-06-10")], today="2026-06-12")
    assert step["flags"] == "early"
    assert step["action"] == "wait"
    assert ("Your follow-up came before Monday 15 June, when a follow-up first looked patient; "
            "wait for the date the plan gives before you write again.") in step["reason"]


def test_two_follow_ups_three_days_apart_are_said_to_be_pushy():
    _, step = one({"interview_date": "2026-06-01"},
                  [THANKED, chase("2026-06-16"), chase("2026-06-19")], today="2026-06-22")
    assert step["flags"] == "pushy"
    assert ("Two of your follow-ups were only 3 days apart, closer than the 5 working days the "
            "playbook suggests; give Jo Bloggs time to answer.") in step["reason"]


def test_three_follow_ups_are_said_to_be_too_many():
    _, step = one({"interview_date": "2026-06-01"},
                  [THANKED, chase("2026-06-15"), chase("2026-06-29"), chase("2026-07-13")],
                  today="2026-07-15")
    assert step["flags"] == "pushy"
    assert ("You have followed up 3 times, more than the two the playbook suggests; "
            "give Jo Bloggs time to answer.") in step["reason"]


def test_a_follow_up_to_someone_else_says_who_to_write_to():
    _, step = one({"interview_date": "2026-06-01"}, [THANKED, chase("2026-06-16", "false")],
                  today="2026-06-18")
    assert step["flags"] == "not_interviewer"
    assert ("Your follow-up went to someone other than Jo Bloggs; write to Jo Bloggs, who "
            "interviewed you.") in step["reason"]


def test_flags_reach_the_plan_csv_json_and_the_cohort_report(tmp_path, capsys):
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add_candidates([CANDIDATE])
        store.add_interviews([{"interview_id": iid, "candidate_id": "C1", "company": "Acme Ltd",
                               "role": role, "interviewer_name": "Jo Bloggs",
                               "interviewer_email": "jo@acme.example", "interview_date": "2026-06-01"}
                              for iid, role in (("I1", "Clerk"), ("I2", "Senior clerk"))])
        store.add_events([{"event_id": "E1", "interview_id": "I1", "date": "2026-06-10",
                           "kind": "follow_up_sent", "channel": "email", "to_interviewer": "false"}])
    assert main(["plan", "--db", str(db), "--today", "2026-06-12", "--format", "json"]) == 0
    rows = {r["interview_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert (rows["I1"]["flags"], rows["I2"]["flags"]) == ("early, not_interviewer", "")
    assert main(["plan", "--db", str(db), "--today", "2026-06-12", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert table.set_index("interview_id")["flags"].to_dict() == {"I1": "early, not_interviewer",
                                                                  "I2": ""}
    assert main(["report", "--db", str(db), "--as-of", "2026-06-12", "--format", "json"]) == 0
    (cohort,) = json.loads(capsys.readouterr().out)
    assert (cohort["warnings"], cohort["warning_share"]) == (1, 0.5)


# -- 6. honest cohort rates ---------------------------------------------------------------------
def programme():
    people = [{**CANDIDATE, "candidate_id": "C1", "cohort": "2026-spring"},
              {**CANDIDATE, "candidate_id": "C2", "cohort": "2026-autumn"}]
    old = [{"interview_id": f"S{n}", "candidate_id": "C1", "interview_date": "2026-03-02"}
           for n in range(4)]
    young = [{"interview_id": f"A{n}", "candidate_id": "C2", "interview_date": "2026-10-20"}
             for n in range(3)]
    young.append({"interview_id": "A3", "candidate_id": "C2", "interview_date": "2026-11-01"})
    events = [{"interview_id": "S0", "date": "2026-03-20", "kind": "offer"},
              *[{"interview_id": f"S{n}", "date": "2026-03-03", "kind": "thank_you_sent"} for n in range(4)],
              *[{"interview_id": f"A{n}", "date": "2026-10-21", "kind": "thank_you_sent"} for n in range(3)],
              {"interview_id": "A0", "date": "2026-10-25", "kind": "offer"},
              {"interview_id": "A1", "date": "2026-10-26", "kind": "offer"}]
    return facts(*make_tables(old + young, events, people), as_of="2026-11-01")


def test_a_young_cohort_gets_no_offer_rate_until_its_interviews_are_old_enough():
    report = fk.cohort_report(programme()).set_index("cohort")
    spring, autumn = report.loc["2026-spring"], report.loc["2026-autumn"]
    # Once, the young cohort's rate was 2 offers of 2 settled: 100%.
    assert (spring["offers"], spring["old_enough"], spring["too_young"]) == (1, 4, 0)
    assert spring["offer_rate"] == 0.25
    assert (autumn["offers"], autumn["old_enough"], autumn["too_young"]) == (0, 0, 4)
    assert np.isnan(autumn["offer_rate"]) and np.isnan(autumn["offer_ci_high"])
    assert "no application old enough to have settled yet" in autumn["note"]
    rates = fk.outcome_rates(programme(), by="cohort").set_index("cohort")
    assert rates.loc["2026-autumn", "trials"] == 0 and np.isnan(rates.loc["2026-autumn", "rate"])


def test_a_letter_not_due_yet_is_not_counted_as_missing():
    autumn = fk.cohort_report(programme()).set_index("cohort").loc["2026-autumn"]
    # A3 was held on the report's day: its letter is due tomorrow, so 3 of 3, not 3 of 4.
    assert (autumn["thank_you_on_time"], autumn["thank_you_due"]) == (3, 3)
    assert autumn["thank_you_on_time_rate"] == 1.0


# -- 7. no invented interval ---------------------------------------------------------------
def test_where_the_curve_reaches_zero_the_band_has_no_upper_end():
    f = programme()
    answered = f.assign(responded=True, response_days=np.arange(len(f)) + 1)
    curve = fk.response_curve(answered)
    assert curve["survival"].iloc[-1] == 0 and curve["ci_low"].iloc[-1] == 0
    assert np.isnan(curve["ci_high"].iloc[-1])
    assert not curve["ci_high"].iloc[:-1].isna().any()


# -- 8. strict dates ---------------------------------------------------------------------------
def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "followup_kit.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def store_of_june(tmp_path) -> Path:
    db = tmp_path / "june.db"
    with Store(db) as store:
        store.add_candidates([CANDIDATE])
        store.add_interviews([{"interview_id": "I1", "candidate_id": "C1", "company": '=HYPERLINK("http://x")',
                               "role": "Clerk", "interviewer_name": "Jo Bloggs",
                               "interviewer_email": "jo@acme.example", "interview_date": "2026-06-01"}])
    return db


@pytest.mark.parametrize(("command", "option", "typed"), [
    ("plan", "--today", "03/04/2026"), ("report", "--as-of", "2026-02-30"), ("plan", "--today", "4 March")])
def test_a_date_that_is_not_iso_is_refused_naming_the_option(store_of_june, command, option, typed):
    done = cli(command, "--db", str(store_of_june), option, typed)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"followup-kit {command}: {option}: '{typed}' is not a date")
    assert "YYYY-MM-DD" in line and "Traceback" not in done.stderr


def test_a_day_before_every_interview_says_so(store_of_june, capsys):
    assert main(["plan", "--db", str(store_of_june), "--today", "2026-03-04"]) == 0
    assert capsys.readouterr().out.strip() == ("no interviews held by Wednesday 4 March 2026; "
                                               "the first is on Monday 1 June 2026")
    assert main(["report", "--db", str(store_of_june), "--as-of", "2026-03-04"]) == 0
    assert capsys.readouterr().out.startswith("no interviews held by Wednesday 4 March 2026")


# -- 9. one formula guard ---------------------------------------------------------------------
def test_plan_and_report_csv_guard_formulas(store_of_june, tmp_path, capsys):
    assert main(["plan", "--db", str(store_of_june), "--today", "2026-06-02", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert table["company"].item() == "'=HYPERLINK(\"http://x\")"
    with Store(store_of_june) as store:
        store.add_candidates([{**CANDIDATE, "candidate_id": "C2", "cohort": "@SUM(A1)"}])
    assert main(["report", "--db", str(store_of_june), "--as-of", "2026-06-02", "--format", "csv"]) == 0
    report = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert "'@SUM(A1)" in set(report["cohort"])
    assert not report["cohort"].str.match(r"[=+\-@]").any()


# -- 10. a candidate's own letter ---------------------------------------------------------------
OWN_LETTER = ("Dear Jo,\n\nThank you for meeting me on Monday. I am still very keen on the Clerk job, "
              "and my three years of filing and customer service would help your office.\n\n"
              "Best wishes,\nAnn\n")


def test_check_reads_a_letter_file_and_checks_the_names_against_the_store(store_of_june, tmp_path,
                                                                            capsys):
    letter = tmp_path / "mine.txt"
    letter.write_text(OWN_LETTER, encoding="utf-8")
    assert main(["check", "--kind", "thank_you", "--db", str(store_of_june), "--interview", "I1",
                 "--format", "json", str(letter)]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["ok"] and verdict["parts"] == dict.fromkeys(
        ["appreciation", "interest", "strengths", "interviewer", "role"], True)
    assert verdict["evidence"]["interviewer"] == "Dear Jo,"
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(OWN_LETTER.replace("Dear Jo", "Dear Sir").replace("Clerk job", "job"),
                     encoding="utf-8")
    assert main(["check", "--kind", "thank_you", "--db", str(store_of_june), "--interview", "I1",
                 str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "MISSING  interviewer" in out and "MISSING  role" in out


def test_check_without_the_interview_leaves_the_names_unchecked(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OWN_LETTER.encode())))
    assert main(["check", "--kind", "thank_you", "-"]) == 0
    out = capsys.readouterr().out
    assert "not checked: interviewer, role" in out and "found    strengths" in out


def test_check_reads_the_plain_text_of_an_email(tmp_path, capsys):
    message = email.message.EmailMessage()
    message["Subject"] = "Following up"
    message["To"] = "jo@acme.example"
    message.set_content("Dear Jo,\n\nMy name is Ann Smith and I interviewed for the Clerk role on "
                        "1 June. I am writing to follow up on my interview. Is the position still "
                        "open?\n\nAnn\n")
    message.add_alternative("<p>ignored</p>", subtype="html")
    path = tmp_path / "follow-up.eml"
    path.write_bytes(bytes(message))
    assert main(["check", "--kind", "follow_up", "--format", "json", str(path)]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["parts"] == {"reintroduction": True, "reason": True, "asks_status": True}


def test_check_refuses_bad_input_with_one_line(store_of_june, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9".encode("latin-1"))
    for args, says in [
        (["--kind", "thank_you", str(bad)], "not UTF-8 text"),
        (["--kind", "thank_you", str(tmp_path / "nowhere.txt")], "cannot read"),
        (["--kind", "thank_you", "--db", str(store_of_june), "--interview", "I9", str(bad)],
         "no interview 'I9'"),
        (["--kind", "thank_you", "--interview", "I1", str(bad)], "--interview needs --db"),
    ]:
        done = cli("check", *args)
        assert done.returncode == 2, done
        (line,) = done.stderr.splitlines()
        assert says in line and "Traceback" not in done.stderr


def test_the_readme_example_plans_with_the_stricter_policy(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\nfrom followup_kit import Policy, Store, facts, plan")
    code = readme[start + len("```python\n"):readme.index("```", start + 3)]
    with Store(tmp_path / "demo.db") as store:
        store.import_csv(*(ROOT / "data" / f"{name}.csv" for name in ("candidates", "interviews", "events")))
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(code.replace("data/demo.db", "demo.db"), scope)
    steps, strict_steps = scope["steps"], scope["strict_steps"]
    assert list(steps.columns) == ["interview_id", "round", "rounds", "action", "due", "overdue", "reason",
                                   "flags"]
    # One follow-up allowed: more interviews have used theirs up, and more are pushy.
    assert (strict_steps["flags"].str.contains("pushy").sum() > steps["flags"].str.contains("pushy").sum())
    assert (strict_steps["action"] != steps["action"]).any()


@pytest.mark.parametrize(("letter", "intent"), [
    ("Dear Jo,\n\nThank you for the offer of the Clerk role; I am delighted to accept.\n\nAnn\n", "accept"),
    ("Dear Jo,\n\nThank you for the offer of the Clerk role. I have decided to decline it, and I hope "
     "our paths cross again.\n\nAnn\n", "decline"),
])
def test_check_says_what_an_offer_reply_does(store_of_june, tmp_path, capsys, letter, intent):
    path = tmp_path / "reply.txt"
    path.write_text(letter, encoding="utf-8")
    main(["check", "--kind", "offer_reply", "--db", str(store_of_june), "--interview", "I1",
          "--format", "json", str(path)])
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["intent"] == intent and verdict["parts"]["role"] and verdict["parts"]["thanks"]
