"""The coach's day-to-day writes: ``log`` one event, ``edit`` one interview or a candidate's coach."""

from __future__ import annotations

import argparse

from ..data.store import Store
from ..errors import FollowupKitError, ValidationError
from ..playbook.interview_facts import facts
from ..playbook.next_steps import plan
from ..words import human_date, step_when
from .options import day_option, open_store, option_error

#: The option a person typed for each field the store checks.
OPTIONS = {"interview_id": "--interview", "kind": "--kind", "date": "--date", "channel": "--channel",
           "to_interviewer": "--to-interviewer", "note": "--note", "event_id": "--interview",
           "promised_decision_date": "--promised-date", "interviewer_name": "--interviewer-name",
           "interviewer_email": "--interviewer-email", "role": "--role", "round": "--round",
           "application_id": "--application-id", "coach": "--coach", "candidate_id": "--candidate"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="log one event: a letter sent, a follow-up, the employer's answer")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--interview", metavar="ID", required=True, help="the interview it follows")
    p.add_argument("--kind", required=True, help="thank_you_sent, follow_up_sent, reply_sent, "
                   "employer_response, next_round (invited to another round), offer, rejection or withdrawn")
    p.add_argument("--date", metavar="YYYY-MM-DD", required=True, help="the day it happened")
    p.add_argument("--channel", default="email", help="email (default), note, phone, letter, in_person, other")
    p.add_argument("--to-interviewer", metavar="yes|no",
                   help="whether the candidate's message went to the person who interviewed them")
    p.add_argument("--note", help="anything worth remembering")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day the next step is for (default: today)")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("edit", help="correct one interview (a promised date learned later, the interviewer, the "
                       "role) or put a candidate in a coach's caseload")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--interview", metavar="ID", help="the interview to correct")
    p.add_argument("--candidate", metavar="ID", help="the candidate whose coach --coach sets")
    p.add_argument("--coach", metavar="NAME", help="with --candidate: the coach's name or email ('' takes the "
                   "candidate out of every caseload)")
    p.add_argument("--promised-date", metavar="YYYY-MM-DD",
                   help="the day the interviewer said they would decide ('' clears it)")
    p.add_argument("--interviewer-name", metavar="TEXT")
    p.add_argument("--interviewer-email", metavar="TEXT")
    p.add_argument("--role", metavar="TEXT")
    p.add_argument("--round", metavar="N", help="which round of its application it was: 1, 2, 3 ('' clears "
                   "it: numbered by date)")
    p.add_argument("--application-id", metavar="ID", help="the application it belongs to ('' clears it)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day the next step is for (default: today)")
    p.set_defaults(func=cmd_edit)


def next_step(store: Store, interview_id: str, today) -> str:
    """The interview's next step as one line: the action, its date and the reason."""
    row = store.interviews(interview_id=interview_id)
    candidate = str(row["candidate_id"].iloc[0])
    f = facts(*store.tables(candidate), as_of=today)
    steps = plan(f, today=today)
    mine = steps.loc[steps["interview_id"] == interview_id]
    if mine.empty:
        return f"next step: none yet (the interview is after {human_date(today)})"
    step = mine.iloc[0]
    when = step_when(str(step["action"]), step["due"], today=today)
    when = f" ({when})" if when else ""
    return f"next step: {step['action']}{when}. {step['reason']}"


def cmd_log(args: argparse.Namespace) -> int:
    today = day_option(args.today, "--today")
    with open_store(args.db) as store:
        try:
            event_id = store.log_event(interview_id=args.interview, kind=args.kind, date=args.date,
                                       channel=args.channel, to_interviewer=args.to_interviewer,
                                       note=args.note)
        except ValidationError as exc:
            raise option_error(exc, OPTIONS) from None
        print(f"logged {event_id}: {args.kind} on {args.date} for {args.interview}")
        print(next_step(store, args.interview, today))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    today = day_option(args.today, "--today")
    if args.candidate is not None:
        return _edit_candidate(args)
    if args.coach is not None:
        raise FollowupKitError("--coach: a coach is a candidate's: give --candidate ID with it, "
                               "not --interview")
    if args.interview is None:
        raise FollowupKitError("--interview: give the interview to correct (or --candidate ID "
                               "--coach NAME to set a candidate's coach)")
    changes = {name: value for name, value in (
        ("promised_decision_date", args.promised_date), ("interviewer_name", args.interviewer_name),
        ("interviewer_email", args.interviewer_email), ("role", args.role), ("round", args.round),
        ("application_id", args.application_id)) if value is not None}
    if not changes:
        raise FollowupKitError("nothing to change: give --promised-date, --interviewer-name, "
                               "--interviewer-email, --role, --round or --application-id")
    with open_store(args.db) as store:
        if store.interviews(interview_id=args.interview).empty:
            raise FollowupKitError(f"--interview: no interview '{args.interview}' in {args.db}")
        try:
            store.correct_interview(args.interview, **changes)
        except ValidationError as exc:
            raise option_error(exc, OPTIONS) from None
        print(f"corrected {args.interview}: {', '.join(OPTIONS[n] for n in changes)}")
        print(next_step(store, args.interview, today))
    return 0


def _edit_candidate(args: argparse.Namespace) -> int:
    """``edit --candidate ID --coach NAME``: the candidate's coach, set or ('') cleared."""
    others = [option for option, value in (
        ("--interview", args.interview), ("--promised-date", args.promised_date),
        ("--interviewer-name", args.interviewer_name), ("--interviewer-email", args.interviewer_email),
        ("--role", args.role), ("--round", args.round), ("--application-id", args.application_id))
        if value is not None]
    if others:
        raise FollowupKitError(f"--candidate: sets a candidate's coach; {', '.join(others)} correct an "
                               "interview: give --interview ID for those, in a command of their own")
    if args.coach is None:
        raise FollowupKitError("--candidate: nothing to change: give --coach NAME ('' for none)")
    with open_store(args.db) as store:
        if store.candidates(args.candidate).empty:
            raise FollowupKitError(f"--candidate: no candidate '{args.candidate}' in {args.db}")
        try:
            store.set_coach(args.candidate, args.coach)
        except ValidationError as exc:
            raise option_error(exc, OPTIONS) from None
        coach = store.candidates(args.candidate)["coach"].iloc[0]
    print(f"{args.candidate} is now in {coach}'s caseload" if isinstance(coach, str)
          else f"{args.candidate} is now in no coach's caseload")
    return 0
