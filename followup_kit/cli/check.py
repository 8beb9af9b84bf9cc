"""The ``check`` subcommand: check a letter a person wrote, part by part."""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import sys
from pathlib import Path

from ..errors import FollowupKitError
from ..letters.checks import PARTS, LetterCheck, check
from .options import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a letter a person wrote: which parts it has, what to change")
    p.add_argument("--kind", required=True, choices=tuple(PARTS),
                   help="what the letter is: thank_you, note, follow_up, rejection_reply or offer_reply")
    p.add_argument("--db", help="the store file, to check the interviewer's name and the role")
    p.add_argument("--interview", metavar="ID", help="the interview the letter is about (needs --db)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for reading (default), json for other tools")
    p.add_argument("file", metavar="FILE", help="the letter: plain text or an .eml email; - reads stdin")
    p.set_defaults(func=cmd_check)


def read_letter(name: str) -> str:
    """The text of a letter file: plain UTF-8 text, or the plain-text body of an ``.eml`` email."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except IsADirectoryError:
        raise FollowupKitError(f"{name} is a folder; give the letter's file") from None
    except OSError as exc:
        raise FollowupKitError(f"cannot read {name}: {exc.strerror}") from None
    shown = "standard input" if name == "-" else name
    if name.lower().endswith(".eml") or data.lstrip().lower().startswith((b"from:", b"subject:", b"to:",
                                                                           b"mime-version:")):
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        if body is None:
            raise FollowupKitError(f"{shown}: the email has no plain-text part to check")
        try:
            return body.get_content()
        except (LookupError, UnicodeError):
            raise FollowupKitError(f"{shown}: the email's text cannot be decoded") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FollowupKitError(f"{shown}: not UTF-8 text; save the letter as plain text (UTF-8)") from None
    if not text.strip():
        raise FollowupKitError(f"{shown}: the letter is empty")
    return text


def _interview(args: argparse.Namespace) -> dict | None:
    if args.interview is None:
        if args.db is not None:
            raise FollowupKitError("--db is only used with --interview: say which interview the letter is about")
        return None
    if args.db is None:
        raise FollowupKitError("--interview needs --db, the store that holds the interview")
    with open_store(args.db, readonly=True) as store:
        rows = store.interviews(interview_id=args.interview)
    if rows.empty:
        raise FollowupKitError(f"--interview: no interview '{args.interview}' in {args.db}")
    row = rows.iloc[0]
    return {k: str(row[k]) for k in ("interviewer_name", "role", "company")}


def verdict(result: LetterCheck, unchecked: list[str]) -> dict:
    """The check as a plain object: kind, ok, parts, evidence, warnings, what was not checked, and for
    an offer reply its ``intent`` (``accept``, ``time``, ``decline`` or None)."""
    return {
        "kind": result.kind,
        "ok": result.clean,
        "parts": dict(result.parts),
        "evidence": {k: v for k, v in result.evidence.items() if v is not None},
        "warnings": [str(w) for w in result.warnings],
        "not_checked": unchecked,
        **({"intent": result.intent} if result.kind == "offer_reply" else {}),
    }


def cmd_check(args: argparse.Namespace) -> int:
    interview = _interview(args)
    text = read_letter(args.file)
    result = check(args.kind, text, interview=interview)
    unchecked = [p for p in PARTS[args.kind] if p not in result.parts]
    if args.format == "json":
        print(json.dumps(verdict(result, unchecked), indent=2, ensure_ascii=False))
    else:
        print(result.summary())
        if unchecked:
            print(f"  not checked: {', '.join(unchecked)} (give --db and --interview to check them)")
    return 0 if result.clean else 1
