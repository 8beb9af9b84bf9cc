"""Subcommands for the coach's session notes: ``note`` keeps one, ``notes`` lists a candidate's."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import FollowupKitError, ValidationError
from ..words import human_dates
from .options import day_option, open_store, option_error, text_table

#: The option a person typed for each field of a note the store checks.
OPTIONS = {"candidate_id": "--candidate", "text": "--text", "date": "--date", "coach": "--coach",
           "interview_id": "--interview"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("note", help="keep a note of a session with a candidate")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--candidate", metavar="ID", required=True, help="the candidate the session was with")
    p.add_argument("--text", required=True, help="what was said, up to 10,000 characters")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the session (default: today)")
    p.add_argument("--coach", metavar="NAME", help="who kept the note: one of the coaches candidates have")
    p.add_argument("--interview", metavar="ID", help="the candidate's interview the note is about")
    p.set_defaults(func=cmd_note)

    p = sub.add_parser("notes", help="list a candidate's session notes, newest first")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--candidate", metavar="ID", required=True, help="whose notes")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table (readable) or json (ISO dates)")
    p.set_defaults(func=cmd_notes)


def cmd_note(args: argparse.Namespace) -> int:
    # The day goes through the one strict parser first, so a bad one names --date alone.
    date = None if args.date is None else day_option(args.date, "--date")
    with open_store(args.db) as store:
        try:
            note_id = store.add_note(candidate_id=args.candidate, text=args.text, date=date,
                                     coach=args.coach, interview_id=args.interview)
        except ValidationError as exc:
            raise option_error(exc, OPTIONS) from None
    print(note_id)
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    with open_store(args.db, readonly=True) as store:
        if store.candidates(args.candidate).empty:
            raise FollowupKitError(f"--candidate: no candidate '{args.candidate}' in {args.db}")
        notes = store.notes(args.candidate)
    if args.format == "json":
        records = notes.assign(date=notes["date"].dt.strftime("%Y-%m-%d"))
        json.dump(json.loads(records.to_json(orient="records")), sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif notes.empty:
        print(f"no notes about {args.candidate} yet: keep one with 'followup-kit note'")
    else:
        shown = notes.assign(date=human_dates(notes["date"]), coach=notes["coach"].fillna("-"),
                             interview_id=notes["interview_id"].fillna("-"),
                             text=notes["text"].str.replace(r"\s*[\r\n]+\s*", " / ", regex=True))
        print(text_table(shown[["date", "coach", "interview_id", "text"]].rename(columns={"interview_id": "interview"})))
    return 0

