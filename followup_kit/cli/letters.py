"""The ``draft`` subcommand: fill a letter for one interview and say what the checker thinks of it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..data.dates import parse_day
from ..data.rounds import number_rounds
from ..errors import FollowupKitError
from ..letters.drafts import LETTER_KINDS, OFFER_INTENTS, draft, phrase
from .options import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="draft a thank-you, follow-up or reply for one interview, and check it")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--interview", required=True, metavar="ID", help="the interview_id to write about")
    p.add_argument("--kind", choices=LETTER_KINDS, default="thank_you", help="which letter (default thank_you)")
    p.add_argument("--tone", default="warm",
                   help="warm, formal, brief, or a tone from --templates (default warm)")
    p.add_argument("--strength", action="append", default=[], metavar="TEXT",
                   help="a strength to remind the interviewer of: 'three years of budgeting', "
                        "'my calm way with patients', 'I ran the budget', 'ran the budget' or "
                        "'good with numbers' "
                        "(repeat for more; thank-you letters and notes need one)")
    p.add_argument("--enjoyed", metavar="TEXT", help="one thing the candidate enjoyed, read after 'I enjoyed'")
    p.add_argument("--intent", choices=OFFER_INTENTS,
                   help="for --kind offer_reply: accept the offer (default), ask for time to decide "
                        "(with --reply-by), or decline it graciously")
    p.add_argument("--reply-by", metavar="YYYY-MM-DD",
                   help="with --intent time: the day you will give your answer by")
    p.add_argument("--templates", metavar="DIR", help="a folder of <kind>.<tone>.txt.j2 files that override or add")
    p.add_argument("--out", metavar="FILE.eml", help="also write the draft as an email file")
    p.set_defaults(func=cmd_draft)


def _option_of(message: str, args: argparse.Namespace) -> str:
    """The option a drafting error is about, from the part of the letter it names."""
    if args.templates and (args.templates in message or "template error" in message
                           or "not UTF-8" in message):
        return "--templates"
    for words, option in (("reply-by", "--reply-by"), ("reply_by", "--reply-by"),
                          ("intent", "--intent"), ("strength", "--strength"),
                          ("enjoyed", "--enjoyed"), ("template for", "--tone")):
        if words in message:
            return option
    return "--kind"


def cmd_draft(args: argparse.Namespace) -> int:
    with open_store(args.db, readonly=True) as store:
        match = store.interviews(interview_id=args.interview)
        if match.empty:
            raise FollowupKitError(f"--interview: no interview {args.interview!r} in {args.db}; "
                                   "'followup-kit export' lists the interview ids")
        candidate_id = match["candidate_id"].iloc[0]
        # A round left blank is numbered by date among the candidate's interviews for that job.
        theirs = number_rounds(store.interviews(candidate_id).reset_index(drop=True))
        interview = theirs.loc[theirs["interview_id"] == args.interview].iloc[0]
        candidates = store.candidates(candidate_id)
    candidate = candidates.iloc[0] if len(candidates) else None
    for value in args.strength:
        phrase(value, "--strength")
    if args.enjoyed is not None:
        phrase(args.enjoyed, "--enjoyed")
    reply_by = None if args.reply_by is None else parse_day(args.reply_by, "--reply-by")
    try:
        letter = draft(interview, kind=args.kind, tone=args.tone, strengths=args.strength,
                       enjoyed=args.enjoyed, candidate=candidate, template_dir=args.templates,
                       intent=args.intent, reply_by=reply_by)
    except FollowupKitError as exc:
        raise FollowupKitError(f"{_option_of(str(exc), args)}: {exc}") from None
    # The file first: one that cannot be written is one line, not a letter and then an error.
    if args.out:
        out = Path(args.out)
        try:
            out.write_bytes(letter.to_eml())
        except OSError as exc:
            raise FollowupKitError(f"--out: {out}: could not write the email file "
                                   f"({exc.strerror})") from None
    print(f"To: {letter.to_name} <{letter.to_email}>")
    print(letter.text)
    if letter.note:
        print(f"note: {letter.note}")
    print(letter.check().summary())
    if args.out:
        print(f"\nwrote {out}")
    return 0
