"""``mail scan | accept | reject``: events read from a candidate's mailbox export, written when the coach says."""

from __future__ import annotations

import argparse
import json
import shutil
import sys

import pandas as pd

from ..data import schema
from ..data.rounds import number_rounds
from ..data.store import ProposalError, Store
from ..errors import FollowupKitError
from ..inbox.scan import scan
from ..words import KIND_WORDS, human_dates, round_words
from .options import day_option, open_store, text_table

#: What the table of proposals shows, by column: the proposal's fields in words.
SHOWN_COLUMNS = ["proposal", "date", "interview", "kind", "to interviewer", "evidence"]
#: The fewest characters of evidence a table shows, however narrow the terminal.
MIN_EVIDENCE = 30


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("mail", help="read a candidate's mailbox export: events proposed from their mail, "
                       "written only when you accept them")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    s = actions.add_parser("scan", help="propose events from a candidate's mailbox export (nothing is "
                           "written to the events)")
    s.add_argument("--db", required=True, help="the store file")
    s.add_argument("--candidate", metavar="ID", required=True, help="whose mail it is")
    s.add_argument("--address", metavar="EMAIL", action="append", default=[],
                   help="another address the candidate writes from, besides the store's (repeat for more)")
    s.add_argument("--since", metavar="YYYY-MM-DD", help="leave out messages sent before this day")
    s.add_argument("--format", choices=("table", "json"), default="table",
                   help="table (readable) or json (ISO dates; the summary goes to stderr)")
    s.add_argument("source", metavar="SOURCE", nargs="+",
                   help="an mbox file (Gmail Takeout, Thunderbird), a Maildir, a folder of .eml files, an "
                        "Apple Mail .mbox folder, one .eml, or a folder holding these (readpst's output)")
    s.set_defaults(func=cmd_scan)

    for name, verb, what in (("accept", "accept", "write them as events, checked as 'log' checks one"),
                             ("reject", "reject", "their messages are never proposed again")):
        a = actions.add_parser(name, help=f"{verb} proposals found in mail: {what}")
        a.add_argument("--db", required=True, help="the store file")
        a.add_argument("--all", action="store_true", help=f"{verb} every proposal waiting (with --candidate: "
                       "that candidate's)")
        a.add_argument("--candidate", metavar="ID", help="whose proposals --all means; with PROPOSAL ids, "
                       "checks they are this candidate's")
        if name == "accept":
            a.add_argument("--kind", metavar="PROPOSAL=KIND", action="append", default=[],
                           help="accept a proposal as another kind, e.g. M0000003=reply_sent (repeat for more)")
        a.add_argument("proposal", metavar="PROPOSAL", nargs="*", help="the proposals, e.g. M0000001 M0000004")
        a.set_defaults(func=cmd_accept if name == "accept" else cmd_reject)


def cmd_scan(args: argparse.Namespace) -> int:
    addresses = [schema.email_address(a, "--address") for a in args.address]
    since = None if args.since is None else pd.Timestamp(day_option(args.since, "--since")).date()
    with open_store(args.db) as store:
        if store.candidates(args.candidate).empty:
            raise FollowupKitError(f"--candidate: no candidate '{args.candidate}' in {args.db}")
        found = scan(store, args.candidate, args.source, addresses=addresses, since=since)
        pending = store.proposals(args.candidate)
        kept = pending.loc[pending["proposal_id"].isin(found.proposal_ids)].reset_index(drop=True)
        if args.format == "json":
            json.dump(json.loads(kept.to_json(orient="records")), sys.stdout, indent=2, ensure_ascii=False)
            print()
            print(found.proposed.summary(), file=sys.stderr)
            return 0
        if not kept.empty:
            print(text_table(_shown(store, kept)))
    print(found.proposed.summary())
    return 0


def _shown(store: Store, proposals: pd.DataFrame) -> pd.DataFrame:
    """Proposals as the table shows them: the day and time sent, the interview, the kind in words."""
    numbered = number_rounds(store.interviews(proposals["candidate_id"].unique().tolist()))
    numbered["rounds"] = numbered.groupby("application_id")["round"].transform("max")
    about = proposals[["interview_id"]].merge(numbered, on="interview_id", how="left", validate="many_to_one")
    sent = proposals["date"]
    shown = pd.DataFrame({
        "proposal": proposals["proposal_id"],
        "date": human_dates(pd.to_datetime(sent.str.slice(0, 10), format="%Y-%m-%d")) + " " + sent.str.slice(11, 16),
        # A proposal is about one round: that round is named, even when a later one is held or set.
        "interview": (about["company"] + ", " + about["role"]
                      + (" (" + round_words(about["round"]) + ")").where(about["rounds"] > 1, "")),
        "kind": proposals["kind"].map(KIND_WORDS),
        "to interviewer": proposals["to_interviewer"].map({True: "yes", False: "no"}).fillna("-"),
    })
    # The evidence gets what the terminal has left, so each proposal stays on one line.
    used = sum(max(len(name), int(shown[name].str.len().max())) + 2 for name in shown.columns)
    room = max(shutil.get_terminal_size().columns - used, MIN_EVIDENCE)
    evidence = proposals["evidence"].str.replace(r"\s+", " ", regex=True)
    long = evidence.str.len() > room
    shown["evidence"] = evidence.where(~long, evidence.str.slice(0, room - 1).str.rstrip() + "…")
    return shown[SHOWN_COLUMNS]


def _chosen(store: Store, args: argparse.Namespace, verb: str) -> list[str]:
    """The proposals the command line names: ``--all`` (of ``--candidate``) or ids, each once."""
    if args.all and args.proposal:
        raise FollowupKitError(f"--all: give --all or PROPOSAL ids to {verb}, not both")
    if not args.all and not args.proposal:
        raise FollowupKitError(f"PROPOSAL: name the proposals to {verb} (e.g. M0000001), or give --all")
    if args.candidate is not None and store.candidates(args.candidate).empty:
        raise FollowupKitError(f"--candidate: no candidate '{args.candidate}' in {args.db}")
    if args.all:
        return store.proposals(args.candidate)["proposal_id"].tolist()
    ids = list(dict.fromkeys(args.proposal))
    if args.candidate is not None:
        everyone = store.proposals()
        others = everyone.loc[everyone["proposal_id"].isin(ids) & (everyone["candidate_id"] != args.candidate)]
        if not others.empty:
            raise FollowupKitError(f"PROPOSAL: proposal '{others['proposal_id'].iloc[0]}' is not "
                                   f"{args.candidate}'s; nothing was written")
    return ids


def _kinds(given: list[str]) -> dict[str, str]:
    """``--kind PROPOSAL=KIND`` options as a mapping of proposal id to kind."""
    kinds = {}
    for item in given:
        pid, sep, kind = item.partition("=")
        if not sep or not pid.strip() or not kind.strip():
            raise FollowupKitError(f"--kind: '{schema.shown_cell(item)}' is not PROPOSAL=KIND "
                                   "(e.g. M0000003=reply_sent)")
        kinds[pid.strip()] = kind.strip()
    return kinds


def _decided(store: Store, args: argparse.Namespace, verb: str, decide) -> tuple[pd.DataFrame, list]:
    """Decide the proposals the command line names; returns them as they were, and what ``decide`` gave.

    A proposal the store refuses is one line naming the option it came from.
    """
    kinds = _kinds(getattr(args, "kind", []))
    ids = _chosen(store, args, verb)
    stray = [pid for pid in kinds if pid not in ids]
    if stray:
        # Said here too, for --all when nothing is waiting: the store is then never asked.
        raise FollowupKitError(f"--kind: a kind is given for proposal '{stray[0]}', which is not among "
                               f"those to {verb}; nothing was written")
    if not ids:
        return store.proposals().iloc[:0], []
    pending = store.proposals()
    before = pending.set_index("proposal_id", drop=False).reindex(ids).reset_index(drop=True)
    try:
        done = decide(ids, kinds)
    except ProposalError as exc:
        if exc.field == "kind" and (exc.proposal_id in kinds):
            raise FollowupKitError(f"--kind: {exc}") from None
        if exc.field is None:
            raise FollowupKitError(f"PROPOSAL: {exc}") from None
        raise
    # Every id was pending (or deciding would have refused): the rows say what was decided.
    return before.assign(kind=[kinds.get(p, k) for p, k in zip(before["proposal_id"], before["kind"],
                                                               strict=True)]), done


def _what(store: Store, decided: pd.DataFrame) -> pd.Series:
    """Each decided proposal in words: "thank-you letter sent for Kora Bank, Analyst on Thursday 5 March"."""
    shown = _shown(store, decided)
    return shown["kind"] + " for " + shown["interview"] + " on " + shown["date"]


def cmd_accept(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        decided, events = _decided(store, args, "accept",
                                   lambda ids, kinds: store.accept_proposals(ids, kinds=kinds))
        if decided.empty:
            print(_nothing_waiting(args))
            return 0
        said = _what(store, decided)
    print(f"accepted {len(events)}:")
    for event_id, pid, what in zip(events, decided["proposal_id"], said, strict=True):
        print(f"  {event_id} {what} ({pid})")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        decided, _ = _decided(store, args, "reject", lambda ids, kinds: store.reject_proposals(ids))
        if decided.empty:
            print(_nothing_waiting(args))
            return 0
        said = _what(store, decided)
    print(f"rejected {len(decided)} (their messages are never proposed again):")
    for pid, what in zip(decided["proposal_id"], said, strict=True):
        print(f"  {pid} {what}")
    return 0


def _nothing_waiting(args: argparse.Namespace) -> str:
    whose = f" for {args.candidate}" if args.candidate else ""
    return f"no proposals waiting{whose}: read a candidate's mail with 'followup-kit mail scan'"

