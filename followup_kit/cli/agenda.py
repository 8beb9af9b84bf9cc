"""The ``agenda`` subcommand: who needs a coach today, across their caseload."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from ..data.lookup import same_name
from ..errors import FollowupKitError
from ..playbook.caseload import caseload
from ..playbook.interview_facts import facts
from ..words import human_dates
from .options import day_option, open_store, text_table, write_csv


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agenda", help="who needs you soon: one line per candidate with a step overdue or due")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--coach", metavar="NAME", help="only this coach's caseload (any case)")
    p.add_argument("--cohort", metavar="C", help="only this cohort")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day to look from; default: today")
    p.add_argument("--within", metavar="DAYS", type=int, default=7,
                   help="steps due within this many days count (default 7); overdue ones always do")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (readable, overdue first), csv or json (ISO dates)")
    p.set_defaults(func=cmd_agenda)


def _one_of(given: str, known: list[str], option: str, what: tuple[str, str], db: str) -> str:
    """The known value ``given`` names (without case), or one line listing the ones there are."""
    value = same_name(given, known)
    if value is not None:
        return value
    there = ", ".join(known) if known else "none yet"
    raise FollowupKitError(f"{option}: no {what[0]} {given!r} in {db}; the {what[1]} there are: {there}")


def caseload_of(db: str, today, *, coach: str | None = None, cohort: str | None = None,
                within_days: int = 7) -> pd.DataFrame:
    """The caseload from the store: only the chosen coach's (or cohort's) candidates' rows are read."""
    if within_days < 0:
        raise FollowupKitError(f"--within: {within_days} days is before today; give 0 or more")
    with open_store(db, readonly=True) as store:
        ids = None
        if coach is not None:
            coach = _one_of(coach, store.coaches(), "--coach", ("coach", "coaches"), db)
            ids = store.caseload_ids(coach)
        if cohort is not None:
            people = store.candidates()
            cohorts = sorted(people["cohort"].dropna().unique().tolist())
            cohort = _one_of(cohort, cohorts, "--cohort", ("cohort", "cohorts"), db)
            in_cohort = people.loc[(people["cohort"] == cohort).to_numpy(dtype=bool), "candidate_id"]
            ids = in_cohort.tolist() if ids is None else in_cohort.loc[in_cohort.isin(ids)].tolist()
        candidates, interviews, events = store.tables(ids)
        notes = store.last_note_dates(ids)
    f = facts(candidates, interviews, events, as_of=today)
    return caseload(f, candidates, today=today, within_days=within_days, last_notes=notes)


def cmd_agenda(args: argparse.Namespace) -> int:
    today = day_option(args.today, "--today")
    rows = caseload_of(args.db, today, coach=args.coach, cohort=args.cohort, within_days=args.within)
    dated = rows.assign(action=rows["action"].astype("str"), due=rows["due"].dt.strftime("%Y-%m-%d"),
                        last_note=rows["last_note"].dt.strftime("%Y-%m-%d"))
    if args.format == "json":
        json.dump(json.loads(dated.to_json(orient="records")), sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.format == "csv":
        write_csv(dated)
    elif rows.empty:
        whose = f" for {args.coach}" if args.coach else ""
        print(f"Nothing overdue or due within {args.within} days{whose}.")
    else:
        shown = rows.assign(
            due=human_dates(rows["due"], today=today).fillna("-"),
            overdue=rows["overdue"].map({True: "OVERDUE", False: ""}),
            coach=rows["coach"].fillna("-"),
            last_note=human_dates(rows["last_note"], today=today).fillna("-"),
            step=rows["action"].astype("str").str.replace("_", " "))
        print(text_table(shown[["candidate_id", "name", "cohort", "coach", "overdue", "due", "step", "company",
                            "role", "steps_due", "last_note"]].rename(columns={"steps_due": "steps"})))
    return 0
