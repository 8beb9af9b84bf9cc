"""Letter drafts: thank-you emails and notes, follow-ups, replies to a rejection or an offer.

:func:`draft` fills a template (:mod:`.rendering` finds and fills it, and
says how a coach adds one) from one interview (an interview facts row, a row
of the interviews table, or a plain mapping) plus the candidate's chosen
strengths, written as :mod:`.strengths` says, and one thing they enjoyed.

A reply to an offer says what the candidate does with it (``intent=``):
accepts it, asks for time to decide until a given day (with ``reply_by=``),
or declines it graciously.

A :class:`Letter` goes out as plain text, as a ``mailto:`` link or as an
``.eml`` file that any mail program opens (:mod:`.mail`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..data.dates import as_day
from ..errors import FollowupKitError
from ..words import human_date, round_words
from . import checks
from .mail import mailto_link, to_eml
from .rendering import (
    LETTER_KINDS,
    TONES,
    available_templates,
    fill_template,
    load_template,
    template_name,
)
from .strengths import strength_forms
from .verdict import OFFER_INTENTS
from .words import TITLES

__all__ = ["LETTER_KINDS", "MAX_PHRASE", "OFFER_INTENTS", "TONES", "Letter", "available_templates", "draft",
           "mailto_link", "phrase", "strength_forms", "template_name", "to_eml"]

_TITLES = re.compile(rf"^{TITLES}$", re.IGNORECASE)


@dataclass(frozen=True)
class Letter:
    """A filled-in letter, ready to read, check, copy or send.

    Attributes
    ----------
    kind, tone : str
        Which template made it, e.g. ``thank_you`` and ``warm``.
    subject, body : str
        The subject line and the text of the letter.
    to_name, to_email : str or None
        The interviewer.
    from_name, from_email : str or None
        The candidate.
    interview : dict
        The fields the checker needs (interviewer, role, company, strengths).
    intent : str or None
        For a reply to an offer, what the draft does: ``accept``, ``time`` or
        ``decline``; None for other kinds.
    note : str or None
        One line saying how a strength was written in the letter when it is not
        word for word as typed ("My calm way." reads "my calm way"); None when
        every strength is as typed.
    """

    kind: str
    tone: str
    subject: str
    body: str
    to_name: str | None = None
    to_email: str | None = None
    from_name: str | None = None
    from_email: str | None = None
    interview: dict = field(default_factory=dict, repr=False)
    intent: str | None = None
    note: str | None = None

    @property
    def text(self) -> str:
        """Subject line, a blank line, then the body: the draft as plain text."""
        return f"Subject: {self.subject}\n\n{self.body}\n" if self.subject else f"{self.body}\n"

    def check(self) -> checks.LetterCheck:
        """Run the checker for this kind of letter on the body."""
        return checks.check(self.kind, self.body, interview=self.interview)

    def mailto(self) -> str:
        """A ``mailto:`` link that opens this draft in the candidate's mail program."""
        if not self.to_email:
            raise FollowupKitError("this letter has no recipient email; add interviewer_email to the interview")
        return mailto_link(self.to_email, self.subject, self.body)

    def to_eml(self, date: dt.datetime | None = None) -> bytes:
        """This letter as the bytes of an ``.eml`` file (see :func:`to_eml`)."""
        return to_eml(from_name=self.from_name, from_email=self.from_email, to_name=self.to_name,
                      to_email=self.to_email, subject=self.subject, body=self.body, date=date)


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    value = str(value).strip()
    return value or None


def _first_name(name: str) -> str:
    words = [w for w in name.split() if not _TITLES.match(w)]
    return words[0] if words else name


def _round(value) -> int:
    """The interview's round as a number; 1 when the interview does not say."""
    if _text(value) is None:
        return 1
    try:
        number = float(str(value).strip())
    except ValueError:
        number = 0.0
    if number < 1 or not number.is_integer():
        raise FollowupKitError(f"round: {value!r} is not a round; give 1 for a first interview, "
                               "2 for a second, and so on")
    return int(number)


def _context(interview: Mapping, candidate: Mapping | None, strengths, enjoyed, today) -> dict:
    """The template fields; a field nobody gave is left out so the template can say which."""
    given = dict(interview.items())
    ctx: dict = {"round": _round(given.get("round"))}
    ctx["round_name"] = str(round_words([ctx["round"]]).iloc[0])
    for key in ("interviewer_name", "role", "company", "interviewer_email"):
        if (value := _text(given.get(key))) is not None:
            ctx[key] = value
    if "interviewer_name" in ctx:
        ctx["interviewer_first"] = _first_name(ctx["interviewer_name"])
    if _text(given.get("interview_date")) is not None:
        ctx["interview_date"] = human_date(given["interview_date"], today=today)
    promised = given.get("promised_decision_date")
    ctx["promised_decision_date"] = (
        human_date(promised, today=today) if _text(promised) is not None else None)
    person = dict(candidate.items()) if candidate is not None else {}
    name = _text(person.get("name")) or _text(given.get("candidate_name"))
    if name is not None:
        ctx["candidate_name"] = name
        ctx["candidate_first"] = _first_name(name)
    if (mail := _text(person.get("email")) or _text(given.get("candidate_email"))) is not None:
        ctx["candidate_email"] = mail
    if isinstance(strengths, str):
        strengths = [strengths]
    chosen = [s for s in (_text(x) for x in strengths or ()) if s]
    if chosen:
        ctx.update(strength_forms(chosen))
    if (liked := _text(enjoyed)) is not None:
        ctx["enjoyed"] = liked
    return ctx


def draft(interview: Mapping, *, kind: str = "thank_you", tone: str = "warm",
          strengths: Iterable[str] | None = None, enjoyed: str | None = None,
          candidate: Mapping | None = None, template_dir: str | Path | None = None,
          today=None, intent: str | None = None, reply_by=None) -> Letter:
    """Fill a letter template from one interview.

    Parameters
    ----------
    interview : mapping
        One interview: ``interviewer_name``, ``role``, ``company``,
        ``interview_date`` and, if known, ``promised_decision_date`` and
        ``interviewer_email``, and ``round`` (1 for a first interview, the
        default; a thank-you or follow-up after a later round says so: "thank
        you for seeing me again ... for the second interview"). A row of the
        interviews table or of the interview facts works. May carry
        ``candidate_name`` and ``candidate_email`` instead of ``candidate``.
    kind : {"thank_you", "note", "follow_up", "rejection_reply", "offer_reply"}
        Which letter.
    tone : str
        ``warm``, ``formal``, ``brief``, or a tone the coach's folder adds.
    strengths : list of str, optional
        The candidate's chosen strengths, each a noun phrase ("four years of
        SQL reporting"), one with its own "my" ("my calm way with patients"),
        a clause ("I ran the student union's budget"), one without its "I"
        ("managed a team of five") or what the candidate is ("good with
        numbers"); see :func:`strength_forms`.
        Thank-you letters and notes need at least one.
    enjoyed : str, optional
        One thing the candidate enjoyed in the interview, e.g. "hearing about
        the new clinic"; read after "I enjoyed".
    candidate : mapping, optional
        The candidate's ``name`` and ``email`` (a row of the candidates table).
    template_dir : str or Path, optional
        A coach's folder of ``<kind>.<tone>.txt.j2`` files that override or add templates.
    today : date-like, optional
        The reader's today, so dates in another year show their year.
    intent : {"accept", "time", "decline"}, optional
        Only for ``offer_reply``: accept the offer (the default), ask for time
        to decide, or decline it graciously.
    reply_by : date-like, optional
        With ``intent="time"``: the day the candidate will answer by, written
        in the letter as "Friday 19 June".

    Returns
    -------
    Letter

    Raises
    ------
    FollowupKitError
        For an unknown kind, tone or intent, a broken template, or a field the
        template needs that was not given (the message names the field).

    Examples
    --------
    >>> letter = draft({"interviewer_name": "Amara Lee", "role": "Data Analyst",
    ...                 "company": "Cedar Analytics", "interview_date": "2026-05-28",
    ...                 "candidate_name": "Chidi Okeke"},
    ...                strengths=["four years of SQL reporting"], today="2026-05-29")
    >>> letter.subject
    'Thank you: Data Analyst interview on Thursday 28 May'
    >>> letter.check().ok
    True
    >>> answer = draft({"interviewer_name": "Amara Lee", "role": "Data Analyst",
    ...                 "company": "Cedar Analytics", "candidate_name": "Chidi Okeke"},
    ...                kind="offer_reply", intent="time", reply_by="2026-06-19", today="2026-06-12")
    >>> "until Friday 19 June" in answer.body, answer.check().intent
    (True, 'time')
    """
    if kind not in LETTER_KINDS:
        raise FollowupKitError(f"unknown kind of letter {kind!r}; choose one of {', '.join(LETTER_KINDS)}")
    if kind == "offer_reply":
        intent = intent or "accept"
        if intent not in OFFER_INTENTS:
            raise FollowupKitError(f"unknown intent {intent!r} for a reply to an offer; choose one of "
                                   f"{', '.join(OFFER_INTENTS)}")
    elif intent is not None:
        raise FollowupKitError(f"an intent ({intent!r}) is for replies to an offer, not {kind} letters")
    if reply_by is not None and intent != "time":
        raise FollowupKitError("a reply-by date is for asking for time to decide: use it with intent 'time'")
    template = load_template(kind, tone, intent, template_dir)
    ctx = _context(interview, candidate, strengths, enjoyed, today)
    if reply_by is not None:
        ctx["reply_by"] = human_date(as_day(reply_by), today=today)
    subject, body = fill_template(template, ctx)
    # Only what the letter says is worth a note: a follow-up mentions no strength.
    tidied = [(typed, written) for typed, written in ctx.get("strength_changes", ()) if written in body]
    note = None if not tidied else "strengths as the letter writes them: " + "; ".join(
        f"\u201c{typed}\u201d reads \u201c{written}\u201d" for typed, written in tidied)
    return Letter(
        kind=kind, tone=tone, subject=subject, body=body,
        to_name=ctx.get("interviewer_name"), to_email=ctx.get("interviewer_email"),
        from_name=ctx.get("candidate_name"), from_email=ctx.get("candidate_email"),
        interview={k: ctx[k] for k in ("interviewer_name", "role", "company", "strengths") if k in ctx},
        intent=intent, note=note,
    )


#: The longest phrase a person adds to a letter (a strength, what they enjoyed).
MAX_PHRASE = 200


def phrase(value: str, what: str) -> str:
    """A phrase a person typed to go inside a sentence of a letter, checked; returned stripped.

    Parameters
    ----------
    value : str
    what : str
        What the phrase is, for the message: an option (``"--strength"``) or a field.

    Returns
    -------
    str

    Examples
    --------
    >>> phrase("  three years of bookkeeping ", "strength")
    'three years of bookkeeping'
    """
    text = value.strip()
    if not text:
        raise FollowupKitError(f"{what}: give a few words, not an empty text")
    if "\n" in text or "\r" in text or len(text) > MAX_PHRASE:
        raise FollowupKitError(f"{what}: give one short phrase (one line, at most {MAX_PHRASE} "
                               "characters); it is read inside a sentence of the letter")
    return text


