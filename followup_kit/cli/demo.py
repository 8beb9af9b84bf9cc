"""The ``demo`` subcommand: what ``make demo`` shows on the sample store.

A programme lead's view first (the cohort report and its pictures), then a
coach's (what is due across the programme), then one candidate's plan with the
reasons in plain words.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..playbook.applications import plan_rows
from ..playbook.caseload import caseload
from ..playbook.next_steps import LETTER_FOR
from ..stats.report import cohort_report
from ..stats.tables import report_table
from ..words import ACTION_WORDS, ASSOCIATION_SENTENCE, human_date, human_dates, in_step_order
from .options import about, day_option, open_store
from .playbook import planned

RULE = "-" * 78
#: How each next step reads in a list: (the step, the word before its date).
def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="the cohort summary and the plan, as 'make demo' shows them")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day to look from (default: today)")
    p.add_argument("--plots", metavar="DIR", default="out/demo",
                   help="where to write the report's pictures (default: out/demo)")
    p.set_defaults(func=cmd_demo)


def _heading(text: str) -> None:
    print(f"\n{text}\n{RULE}")


def pick_candidate(f: pd.DataFrame, p: pd.DataFrame) -> str:
    """The candidate whose plan shows the most kinds of step: the most instructive one to show."""
    steps = pd.DataFrame({"candidate_id": f["candidate_id"], "action": p["action"].astype("str")})
    live = steps[steps["action"] != "none"]
    pool = live if not live.empty else steps
    variety = pool.groupby("candidate_id")["action"].nunique()
    return str(variety.sort_values(ascending=False, kind="stable").index[0])


def _whose(f: pd.DataFrame, p: pd.DataFrame, candidates: pd.DataFrame, today, db: str, shown: int = 8) -> None:
    """Whose steps those are: the candidates who need their coach this week, the most overdue first."""
    with open_store(db, readonly=True) as store:
        notes = store.last_note_dates()
    table = caseload(f, candidates, today=today, within_days=7, last_notes=notes, steps=p)
    _heading(f"Who needs their coach this week: {len(table)} candidates (followup-kit agenda)")
    for row in table.head(shown).itertuples(index=False):
        step = ACTION_WORDS[str(row.action)]
        when = human_dates(pd.Series([row.due]), today=today).iloc[0]
        late = " (overdue)" if row.overdue else ""
        coach = row.coach if isinstance(row.coach, str) else "no coach"
        print(f"* {row.name} ({row.candidate_id}, {coach}): {step[0]} {step[1]} {when}{late}, {row.company}"
              if step[1] else f"* {row.name} ({row.candidate_id}, {coach}): {step[0]}, {row.company}")
    if len(table) > shown:
        print(f"  ... and {len(table) - shown} more; one coach's: followup-kit agenda --db {db} --coach NAME")


def cmd_demo(args: argparse.Namespace) -> int:
    today = day_option(args.as_of, "--as-of")
    (candidates, interviews, events), f, p = planned(args.db, None, today)
    paths = []
    if not f.empty:
        from ..plots import write_report_plots

        # The pictures first: a folder that cannot be written is one line, not a demo and then an error.
        with about("--plots"):
            paths = write_report_plots(f, Path(args.plots))

    print(f"followup_kit: {args.db}, seen from {human_date(today, today=pd.Timestamp(today))} "
          f"{pd.Timestamp(today).year}")
    print(f"{len(candidates):,} candidates, {len(interviews):,} interviews, {len(events):,} events "
          f"in {candidates['cohort'].nunique()} cohorts")
    if f.empty:
        print("\nNo interviews yet: import candidates, interviews and events with "
              f"'followup-kit import --db {args.db} FILE...' (see data/README.md for the formats).")
        return 0

    _heading("Cohorts: thank-you habits, response times, offers (95% intervals)")
    print(report_table(cohort_report(f)))
    print(ASSOCIATION_SENTENCE)

    _heading("What is due across the programme")
    actions = p["action"].astype("str")
    summary = pd.DataFrame({"applications": actions.value_counts(),
                            "overdue": p["overdue"].groupby(actions).sum()}).fillna(0).astype(int)
    summary = summary[summary.index != "none"].sort_values("applications", ascending=False)
    print(summary.rename_axis("next step").to_string())

    _whose(f, p, candidates, today, args.db)

    who = pick_candidate(plan_rows(f), p)
    person = candidates.set_index("candidate_id").loc[who]
    _heading(f"{person['name']} ({who}, {person['cohort']}): the plan")
    spoken = plan_rows(f)
    mine = spoken["candidate_id"] == who
    rows = pd.DataFrame({
        "interview_id": spoken.loc[mine, "interview_id"],
        "company": spoken.loc[mine, "company"],
        "action": p.loc[mine, "action"].astype("str"),
        "due": p.loc[mine, "due"],
        "when": human_dates(p.loc[mine, "due"], today=today),
        "overdue": p.loc[mine, "overdue"],
        "why": p.loc[mine, "reason"],
    })
    rows = in_step_order(rows)
    for row in rows.itertuples(index=False):
        step = ACTION_WORDS[row.action]
        when = f" {step[1]} {row.when}" if step[1] and isinstance(row.when, str) else ""
        late = " (overdue)" if row.overdue else ""
        print(f"* {row.company}: {step[0]}{when}{late}\n  {row.why}")

    _heading("Pictures")
    for path in paths:
        print(path)
    program = sys.argv[0] if Path(sys.argv[0]).name == "followup-kit" else "followup-kit"
    suggestions = [f"{program} plan --db {args.db} --candidate {who} --today {pd.Timestamp(today).date()}"]
    with_letter = rows[rows["action"].isin(list(LETTER_FOR))]
    if len(with_letter):
        first = with_letter.iloc[0]
        kind = LETTER_FOR[first["action"]]
        # A thank-you letter reminds the interviewer of a strength: the command shows where it goes.
        strength = " --strength 'three years of budgeting'" if kind == "thank_you" else ""
        suggestions.append(f"{program} draft --db {args.db} --interview {first['interview_id']} "
                           f"--kind {kind}{strength}")
    print("\nNext: " + "\n      ".join([*suggestions, "make lab"]))
    return 0
