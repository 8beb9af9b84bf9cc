"""Subcommands of the playbook: plan (next steps) and ics (a calendar file)."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from ..errors import FollowupKitError
from ..playbook.applications import plan_rows
from ..playbook.calendar_file import write_ics
from ..playbook.interview_facts import facts
from ..playbook.next_steps import plan
from ..words import human_date, human_dates, in_step_order, plural
from .options import about, day_option, nothing_held, open_store, text_table, write_csv


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="the next step for every interview, with its date and reason")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--candidate", metavar="ID", help="only this candidate's interviews")
    p.add_argument("--today", metavar="YYYY-MM-DD",
                   help="plan as on this day (events after it are ignored); default: today")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (readable, overdue first), csv or json (ISO dates)")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("ics", help="write a candidate's upcoming steps as a calendar file")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--candidate", metavar="ID", required=True, help="the candidate")
    p.add_argument("--out", metavar="FILE.ics", required=True, help="the calendar file to write")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="leave out steps due before this day")
    p.set_defaults(func=cmd_ics)


def planned(db: str, candidate: str | None, today) -> tuple[tuple, pd.DataFrame, pd.DataFrame]:
    """Interview facts and plan from the store, for everyone or one candidate.

    Parameters
    ----------
    db : str
        The store file.
    candidate : str or None
        A candidate id, or None for everyone.
    today : numpy.datetime64
        The day of the plan.

    Returns
    -------
    tuple
        ((candidates, interviews, events), facts, plan); facts and plan in the
        same row order.
    """
    with open_store(db, readonly=True) as store:
        candidates, interviews, events = store.tables(candidate)
    if candidate is not None and candidates.empty:
        raise FollowupKitError(f"--candidate: no candidate '{candidate}' in {db}; "
                               "check the id with 'followup-kit export'")
    f = facts(candidates, interviews, events, as_of=today)
    later = int((interviews["interview_date"] > today).sum())
    if later:
        words = ("interviews are", "their") if later > 1 else ("interview is", "its")
        print(f"{later} {words[0]} dated after {human_date(today)}; {words[1]} steps appear in the "
              "plan from the interview day.", file=sys.stderr)
    return (candidates, interviews, events), f, plan(f, today=today)


def _rows(f: pd.DataFrame, p: pd.DataFrame) -> pd.DataFrame:
    out = pd.concat([plan_rows(f)[["interview_id", "candidate_id", "company", "role"]],
                     p[["round", "rounds", "action", "due", "overdue", "flags", "reason"]]], axis=1)
    return in_step_order(out, then="interview_id").reset_index(drop=True)


def cmd_plan(args: argparse.Namespace) -> int:
    today = day_option(args.today, "--today")
    (_, interviews, _), f, p = planned(args.db, args.candidate, today)
    rows = _rows(f, p)
    if args.format == "json":
        records = rows.assign(action=rows["action"].astype("str"),
                              due=rows["due"].dt.strftime("%Y-%m-%d"))
        json.dump(json.loads(records.to_json(orient="records")), sys.stdout, indent=2,
                  ensure_ascii=False)
        print()
    elif args.format == "csv":
        write_csv(rows.assign(due=rows["due"].dt.strftime("%Y-%m-%d")))
    elif rows.empty:
        print(nothing_held(interviews, today))
    else:
        shown = rows.assign(due=human_dates(rows["due"], today=today).fillna("-"),
                            overdue=rows["overdue"].map({True: "OVERDUE", False: ""}))
        print(text_table(shown.drop(columns="candidate_id" if args.candidate else [])))
    return 0


def cmd_ics(args: argparse.Namespace) -> int:
    today = day_option(args.today, "--today")
    _, f, p = planned(args.db, args.candidate, today)
    with about("--out"):
        n = write_ics(args.out, f, p, today=today, name=f"Interview follow-ups for {args.candidate}")
    print(f"{args.out}: {plural(n, 'upcoming step')}")
    return 0
