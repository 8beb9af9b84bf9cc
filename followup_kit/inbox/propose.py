"""From a stream of messages to the events they show: proposals for the coach, and a count of the rest.

:func:`propose` reads each message no further than it must. Most of a mailbox
is settled by a look at the raw From, Sender and Reply-To lines (nobody of the
candidate's interviews: ``not_about_an_interview``); the rest have their
headers parsed (the date, whether it is an automatic reply or a newsletter, a
message already seen), and only those still in the running are read whole
(:mod:`.reading`), matched to an interview (:mod:`.matching`) and read for the
event they show (:mod:`.kinds`). It is pure: it reads the store's rows it is
given and writes nothing.

The candidate's messages are read after the employer's, in date order, so a
reply knows the decision it answers and the employer's answer knows the
follow-up it answers, whichever folder each was found in.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import PurePath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from ..data.store.mail import PROPOSAL_COLUMNS
from ..words import human_date, plural
from .kinds import (
    NOTHING_TO_USE,
    Verdict,
    asks_where_things_stand,
    candidate_kind,
    employer_kind,
    employer_says,
    still_to_meet,
)
from .matching import Interview, Matcher, Sender
from .reading import FORWARD_SUBJECT, Reading, read_message
from .sources import Found

#: Why a message gives no proposal, each code as :meth:`Proposed.summary` words it (one, many).
REASONS = {
    "not_about_an_interview": ("not about an interview", "not about an interview"),
    "before_interview": ("from before the interview", "from before the interview"),
    "auto_reply": ("automatic reply", "automatic replies"),
    "bulk": ("newsletter", "newsletters"),
    "duplicate": ("seen twice", "seen twice"),
    "already_decided": ("already reviewed", "already reviewed"),
    "already_in_store": ("already logged", "already logged"),
    "nothing_to_use": ("with nothing for the plan", "with nothing for the plan"),
    "before_since": ("before the day asked for", "before the day asked for"),
}
# Reasons for messages that are not about the candidate's interviews at all: outside "about" and "ignored".
_OUTSIDE = ("not_about_an_interview", "before_since")

# Subjects of automatic replies: out of office, in the languages mailboxes most often hold.
_AUTO_SUBJECT = re.compile(
    r"\b(?:out\s+of\s+(?:the\s+)?office|automatic\s+reply|auto[-\s]?reply|autoreply|auto[-\s]?response|"
    r"abwesenheit(?:snotiz)?|absence\s+du\s+bureau|r[ée]ponse\s+automatique|respuesta\s+autom[aá]tica|"
    r"away\s+from\s+(?:the\s+)?office|on\s+(?:annual\s+)?leave|on\s+vacation)\b", re.IGNORECASE)
_BULK_PRECEDENCE = ("bulk", "list", "junk")
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# What the email package raises on bytes it cannot make a message of.
_MALFORMED = (email.errors.MessageError, ValueError, TypeError, LookupError, IndexError, AttributeError, UnicodeError,
              AssertionError)
# How long after the employer's message one of the candidate's, not written as a reply, may answer it.
_ANSWERED_WITHIN = dt.timedelta(days=14)
# An offer this many days after one the store holds for the application is the same offer (the letter after
# the call), unless the candidate answered it in between: then it is the offer made again.
_SAME_OFFER_DAYS = 3
# Names of unreadable messages the summary spells out; past these it counts the rest.
_MOST_NAMED = 3


@dataclass
class Proposed:
    """What a scan of a candidate's mail found: the proposals, and what became of every other message.

    Attributes
    ----------
    proposals : DataFrame
        :data:`PROPOSAL_COLUMNS`, one row per proposed event, in date order.
    read : int
        Messages read, readable or not.
    matched : int
        Messages about one of the candidate's interviews: from the candidate, or
        from the employer's side (an interviewer, their company, a hiring system
        naming the company), whatever became of them.
    ignored : collections.Counter
        Reason code (see :data:`REASONS`) -> messages left out for it.
    unreadable : list of (source, where, problem)
        The messages that could not be read, and why.
    candidate_name : str
        Whose mail it was, for the summary.
    since : datetime.date or None
        The day asked for: mail sent before it was left out.
    """

    proposals: pd.DataFrame
    read: int = 0
    matched: int = 0
    ignored: Counter = field(default_factory=Counter)
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)
    candidate_name: str = ""
    since: dt.date | None = None

    @property
    def proposed(self) -> int:
        """How many events are proposed."""
        return len(self.proposals)

    def summary(self) -> str:
        """One line a coach reads: what was read, what it was about, what is proposed, and the rest.

        Examples
        --------
        ``read 5,012 messages: 31 about Hannah Okafor's interviews, 12 proposed, ignored 19 (8 newsletters,
        6 from before the interview, 5 with nothing for the plan), 2 unreadable (Inbox, message 12: no
        Date header; …)``
        """
        head = f"read {plural(self.read, 'message')}"
        if self.ignored.get("before_since"):
            before = f"sent before {human_date(self.since)}" if self.since else REASONS["before_since"][0]
            head += f" ({self.ignored['before_since']:,} {before})"
        whose = f"{self.candidate_name}'s interviews" if self.candidate_name else "the candidate's interviews"
        parts = [f"{self.matched:,} about {whose}", f"{self.proposed:,} proposed"]
        reasons = [(code, n) for code, n in self.ignored.most_common() if n and code not in _OUTSIDE]
        if reasons:
            said = ", ".join(f"{n:,} {REASONS[code][0] if n == 1 else REASONS[code][1]}" for code, n in reasons)
            parts.append(f"ignored {sum(n for _, n in reasons):,} ({said})")
        if self.unreadable:
            named = [f"{_short(source, where)}: {problem}" for source, where, problem in self.unreadable[:_MOST_NAMED]]
            more = len(self.unreadable) - len(named)
            if more:
                named.append(f"and {more:,} more")
            parts.append(f"{self.unreadable_count:,} unreadable ({'; '.join(named)})")
        return f"{head}: {', '.join(parts)}"

    @property
    def unreadable_count(self) -> int:
        """How many messages could not be read."""
        return len(self.unreadable)


def _short(source: str, where: str) -> str:
    name = PurePath(source).name or source
    return name if where in ("", name) else f"{name}, {where}"


@dataclass
class _Message:
    """A message about one of the interviews, kept between the two readings (no body, only its words)."""

    order: int
    message_id: str
    sent: dt.datetime
    day: dt.date
    sender: Sender
    interview: Interview
    reading: Reading
    replies_to: tuple[str, ...]
    forwarding: bool
    to_employer: bool
    to_interviewer: bool | None
    verdict: Verdict | None = None


def _zone(candidate: Mapping) -> ZoneInfo | None:
    name = candidate.get("timezone")
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _header(headers: EmailMessage, name: str) -> str:
    try:
        value = headers.get(name)
        return "" if value is None else str(value)
    except (ValueError, TypeError, IndexError, AttributeError):
        return ""


def _sent(headers: EmailMessage) -> tuple[dt.datetime | None, str | None]:
    """The Date header as a moment with its own offset, or the problem with it."""
    try:
        value = headers.get("Date")
    except (ValueError, TypeError, IndexError, AttributeError):
        return None, "a Date header that is not a date"
    if value is None or not str(value).strip():
        return None, "no Date header"
    when = getattr(value, "datetime", None)
    if when is None:
        return None, "a Date header that is not a date"
    # "-0000" says the sender's zone is unknown: the moment is read as UTC.
    return (when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)), None


def _message_id(headers: EmailMessage) -> str:
    written = _header(headers, "Message-ID").strip()
    if written:
        return written
    seed = "\n".join(_header(headers, name) for name in ("Date", "From", "Subject"))
    return f"<{hashlib.sha256(seed.encode('utf-8', 'surrogateescape')).hexdigest()}@followup-kit>"


def _automatic(headers: EmailMessage, sender: Sender) -> bool:
    """Whether a message is an automatic reply (out of office), by its headers or its subject.

    ``Auto-Submitted: auto-generated`` from a hiring system is how such systems
    send every message, a rejection as much as a receipt: their words decide.
    """
    auto = _header(headers, "Auto-Submitted").strip().lower()
    if auto and auto != "no" and not (auto.startswith("auto-generated") and not sender.person):
        return True
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if _header(headers, name).strip().lower() not in ("", "no", "false"):
            return True
    if _header(headers, "Precedence").strip().lower() == "auto_reply":
        return True
    return bool(_AUTO_SUBJECT.search(_header(headers, "Subject")))


def _bulk(headers: EmailMessage) -> bool:
    """Whether a message went to a list: a newsletter, even from the employer's own domain."""
    if _header(headers, "List-Unsubscribe").strip() or _header(headers, "List-Id").strip():
        return True
    return _header(headers, "Precedence").strip().lower() in _BULK_PRECEDENCE


def _replies_to(headers: EmailMessage) -> tuple[str, ...]:
    """The messages this one answers, nearest first: In-Reply-To, then References from the last."""
    replying = _MESSAGE_ID.findall(_header(headers, "In-Reply-To"))
    references = _MESSAGE_ID.findall(_header(headers, "References"))
    return tuple(dict.fromkeys([*replying, *reversed(references)]))


def _store_days(events: pd.DataFrame, ids: set[str], zone: ZoneInfo | None) -> set[tuple[str, str, dt.date]]:
    """(interview, kind, day) of every event the store holds: the day as written, and in the candidate's zone."""
    if events is None or events.empty:
        return set()
    own = events.loc[events["interview_id"].astype("str").isin(ids)]
    out = set()
    for row in own.to_dict("records"):
        key = (str(row["interview_id"]), str(row["kind"]))
        if pd.notna(row.get("date")):
            out.add((*key, pd.Timestamp(row["date"]).date()))
        moment = row.get("sent_at")
        if moment is not None and pd.notna(moment):
            moment = pd.Timestamp(moment)
            out.add((*key, (moment.tz_convert(zone) if zone else moment).date()))
    return out


def _logged(events: pd.DataFrame, ids: Mapping[str, Interview], kinds: tuple[str, ...]) -> list[_Given]:
    """The events of these kinds the store holds, as :class:`_Given`."""
    if events is None or events.empty:
        return []
    out = []
    wanted = events.loc[events["kind"].astype("str").isin(kinds) & events["interview_id"].astype("str").isin(set(ids))]
    for row in wanted.to_dict("records"):
        moment = row.get("sent_at")
        if moment is not None and pd.notna(moment):
            when, exact = pd.Timestamp(moment).to_pydatetime(), True
        else:
            # A day without a time: the event came at its start, so that day's replies follow it.
            when, exact = dt.datetime.combine(pd.Timestamp(row["date"]).date(), dt.time(), tzinfo=dt.UTC), False
        out.append(_Given(ids[str(row["interview_id"])], when, str(row["kind"]), exact))
    return out


@dataclass(frozen=True)
class _Given:
    """An event already given, in the store or proposed earlier in the scan: what a later message follows."""

    interview: Interview
    when: dt.datetime
    kind: str
    exact: bool = True

    def before(self, message: _Message) -> bool:
        """Whether it came before ``message``: by the moment, or, logged with a day only, on an earlier day."""
        return self.when < message.sent if self.exact else self.when.date() < message.day


class _Scan:
    """One run of :func:`propose`: the rules for this candidate, and what has been seen so far."""

    def __init__(self, candidate: Mapping, interviews: pd.DataFrame, events: pd.DataFrame,
                 addresses: Sequence[str], since: dt.date | None, known: Collection[str]) -> None:
        self.matcher = Matcher(candidate, interviews, addresses)
        self.zone = _zone(candidate)
        self.since = since
        self.known = frozenset(known)
        self.seen: set[str] = set()
        # The candidate's messages from before an interview: the employer's answer to one is of that time too.
        self.early: set[str] = set()
        self.kept: list[_Message] = []
        self.result = Proposed(pd.DataFrame(columns=PROPOSAL_COLUMNS), candidate_name=str(candidate.get("name") or ""),
                               since=since)
        self.by_id = {i.interview_id: i for i in self.matcher.interviews}
        self.in_store = _store_days(events, set(self.by_id), self.zone)
        self.given = _logged(events, self.by_id, ("offer", "rejection", "next_round"))
        self.offers_in_store = [given for given in self.given if given.kind == "offer"]

    def ignore(self, reason: str) -> None:
        self.result.ignored[reason] += 1
        if reason not in _OUTSIDE:
            self.result.matched += 1

    def unreadable(self, found: Found, problem: str) -> None:
        self.result.unreadable.append((found.source, found.where, problem))

    def local_day(self, sent: dt.datetime) -> dt.date:
        return (sent.astimezone(self.zone) if self.zone else sent).date()

    # -- the first reading: who, when, which interview -------------------------------
    def look(self, order: int, found: Found) -> None:
        """Read one message as far as it must be, and keep it when it is about an interview."""
        try:
            self._look(order, found)
        except _MALFORMED as error:
            # The email package gives up on some bytes no mail program writes: the message is named, not fatal.
            self.unreadable(found, f"not readable as an email ({type(error).__name__})")

    def _look(self, order: int, found: Found) -> None:
        if found.problem is not None or found.raw is None:
            self.unreadable(found, found.problem or "no bytes to read")
            return
        if not self.matcher.might_matter(found.raw):
            self.ignore("not_about_an_interview")
            return
        headers = found.headers()
        sender = self.matcher.sender(headers)
        if sender is None:
            self.ignore("not_about_an_interview")
            return
        sent, problem = _sent(headers)
        if sent is None:
            self.unreadable(found, problem)
            return
        day = self.local_day(sent)
        if self.since is not None and day < self.since:
            self.ignore("before_since")
            return
        subject = _header(headers, "Subject")
        reading: Reading | None = None
        pool = sender.pool
        if sender.side == "hiring_system":
            pool = self.matcher.named(f"{subject} {sender.shown}")
            if not pool:
                reading = read_message(found.message())
                if reading.problem is not None:
                    self.unreadable(found, reading.problem)
                    return
                pool = self.matcher.named(reading.text)
                if not pool:
                    self.ignore("not_about_an_interview")
                    return
        message_id = _message_id(headers)
        if message_id in self.seen:
            self.ignore("duplicate")
            return
        self.seen.add(message_id)
        if message_id in self.known:
            self.ignore("already_decided")
            return
        if _automatic(headers, sender):
            self.ignore("auto_reply")
            return
        if _bulk(headers):
            self.ignore("bulk")
            return
        if reading is None:
            reading = read_message(found.message())
        if reading.problem is not None:
            self.unreadable(found, reading.problem)
            return
        to_pool, recipients, to_employer = self.matcher.recipients(headers)
        if sender.side == "candidate":
            pool = to_pool or self.matcher.named(f"{subject}\n{reading.text}")
        interview, reason = self.matcher.choose(pool, f"{subject}\n{reading.text}", day, prefer=sender.address,
                                                subject=subject)
        if interview is None:
            if reason == "before_interview" and sender.side == "candidate":
                self.early.add(message_id)
            self.ignore(reason)
            return
        candidate_side = sender.side == "candidate"
        self.kept.append(_Message(
            order=order, message_id=message_id, sent=sent, day=day, sender=sender, interview=interview,
            reading=reading, replies_to=_replies_to(headers),
            forwarding=bool(FORWARD_SUBJECT.match(subject)),
            to_employer=to_employer,
            to_interviewer=(interview.interviewer_email in recipients) if candidate_side else None))
        self.result.matched += 1

    # -- the second reading: what each shows, in date order ---------------------------
    def decide(self) -> None:
        by_id = {m.message_id: m for m in self.kept}
        rows = []
        for message in sorted(self.kept, key=lambda m: (m.sent, m.order)):
            if self._before_it_was_held(message):
                message.verdict = Verdict(None, "", "before_interview")
                self.ignore_kept("before_interview")
                continue
            if self._arranging_a_later_round(message):
                message.verdict = Verdict(None, "", "before_interview")
                self.ignore_kept("before_interview")
                continue
            if message.sender.side == "candidate":
                verdict = self._candidate(message, by_id)
            else:
                verdict = employer_kind(message.reading, interview_day=message.interview.day,
                                        person=message.sender.person, answering=self._answered(message, by_id),
                                        already=self._already(message))
            message.verdict = verdict
            if verdict.kind is None:
                self.ignore_kept(verdict.reason or NOTHING_TO_USE)
                continue
            if verdict.kind in ("offer", "rejection", "next_round"):
                self.given.append(_Given(message.interview, message.sent, verdict.kind))
            written, local = message.sent.date(), message.day
            key = (message.interview.interview_id, verdict.kind)
            if ((*key, written) in self.in_store or (*key, local) in self.in_store
                    or (verdict.kind == "offer" and self._offer_in_store(message))):
                self.ignore_kept("already_in_store")
                continue
            rows.append({"interview_id": message.interview.interview_id, "kind": verdict.kind,
                         "date": message.sent.isoformat(), "channel": "email",
                         "to_interviewer": pd.NA if message.to_interviewer is None else message.to_interviewer,
                         "message_id": message.message_id, "evidence": verdict.evidence})
        self.result.proposals = _frame(rows)

    def ignore_kept(self, reason: str) -> None:
        # Counted as about an interview when first read.
        self.result.ignored[reason] += 1

    def _before_it_was_held(self, message: _Message) -> bool:
        """Whether a message of the interview's own day was written before the interview.

        It answers one of the candidate's messages from before it, or looks
        forward to meeting later that day ("See you at 2").
        """
        if message.day != message.interview.day:
            return False
        if message.sender.side != "candidate" and any(replied in self.early for replied in message.replies_to):
            return True
        return still_to_meet(message.reading.text) is not None

    def _arranging_a_later_round(self, message: _Message) -> bool:
        """Whether an employer's message only arranges a later round of the application, one the store holds.

        It is that round's, from before it was held: the reminder on its eve
        (what to bring, the room), or a hiring system's calendar confirmation of
        the round already offered, for that round's day. A decision, where things
        stand, a request or a question to the candidate is still the earlier round's.
        """
        if message.sender.side == "candidate":
            return False
        coming = [i for i in self.matcher.interviews
                  if i.application == message.interview.application and i.day > message.day]
        if not coming:
            return False
        next_one = min(coming, key=lambda i: i.day)
        eve = (next_one.day - message.day).days == 1
        invitation = message.reading.invitation
        confirmed = (not message.sender.person and invitation is not None and invitation.start == next_one.day
                     and "next_round" in self._already(message))
        if not (eve or confirmed):
            return False
        said, _ = employer_says(message.reading.text)
        return said in (None, "next_round", "status_without_time") and "?" not in message.reading.text

    def _offer_in_store(self, message: _Message) -> bool:
        """Whether the store holds this application's offer from the days just before, not answered since."""
        for logged in self.offers_in_store:
            if logged.interview.application != message.interview.application:
                continue
            if not 0 <= (message.day - logged.when.date()).days <= _SAME_OFFER_DAYS:
                continue
            answered = any(other.sender.side == "candidate" and other.interview.application == logged.interview.application
                           and other.verdict is not None and other.verdict.kind
                           and logged.when.date() <= other.day and other.sent < message.sent for other in self.kept)
            if not answered:
                return True
        return False

    def _answered(self, message: _Message, by_id: Mapping[str, _Message]) -> str | None:
        """The kind of the candidate's message an employer's message answers (``"candidate"`` when not known)."""
        for replied in message.replies_to:
            if replied in by_id and by_id[replied].sender.side == "candidate":
                verdict = by_id[replied].verdict
                return verdict.kind if verdict is not None and verdict.kind else "candidate"
        if self._quotes_own(message.reading.quoted_from):
            return "candidate"
        if message.replies_to and asks_where_things_stand(message.reading.quoted):
            return "follow_up_sent"
        return None

    def _already(self, message: _Message) -> set[str]:
        """The kinds already given before a message: an invitation from its interview, an offer on its application."""
        return {given.kind for given in self.given if given.before(message) and (
            (given.kind == "next_round" and given.interview.interview_id == message.interview.interview_id)
            or (given.kind == "offer" and given.interview.application == message.interview.application))}

    def _after(self, message: _Message) -> str | None:
        """The kind of the employer's latest message on this application in the days before this one."""
        latest = None
        for earlier in self.kept:
            if (earlier.sender.side != "candidate" and earlier.verdict is not None
                    and earlier.interview.application == message.interview.application
                    and message.sent - _ANSWERED_WITHIN <= earlier.sent < message.sent
                    and (latest is None or earlier.sent > latest.sent)):
                latest = earlier
        return None if latest is None else (latest.verdict.kind or "employer")

    def _candidate(self, message: _Message, by_id: Mapping[str, _Message]) -> Verdict:
        answering = None
        own_thread = self._quotes_own(message.reading.quoted_from)
        for replied in message.replies_to:
            if replied in by_id:
                earlier = by_id[replied]
                own_thread = earlier.sender.side == "candidate"
                if not own_thread:
                    answering = earlier.verdict.kind if earlier.verdict and earlier.verdict.kind else "employer"
                break
        if answering is None and not own_thread and message.reading.quoted:
            quoted, _ = employer_says(message.reading.quoted)
            if quoted in ("offer", "rejection", "next_round"):
                answering = quoted
            elif message.replies_to and message.to_employer:
                answering = "employer"
        decided = None
        for given in sorted(self.given, key=lambda g: g.when):
            if (given.kind in ("offer", "rejection") and given.interview.application == message.interview.application
                    and given.when <= message.sent):
                decided = given.kind
        after = self._after(message) if answering is None and not message.replies_to else None
        return candidate_kind(message.reading, message.interview.as_letter(),
                              days_after=(message.day - message.interview.day).days, decided=decided,
                              answering=answering, after=after, to_employer=message.to_employer,
                              forwarding=message.forwarding)

    def _quotes_own(self, quoted_from: str) -> bool:
        """Whether the quoted message is the candidate's own (the line above it names their address)."""
        said = quoted_from.lower()
        return any(address in said for address in self.matcher.own)


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)
    for name in ("interview_id", "kind", "date", "channel", "message_id", "evidence"):
        frame[name] = frame[name].astype("str")
    frame["to_interviewer"] = frame["to_interviewer"].astype("boolean")
    return frame.reset_index(drop=True)


def propose(found: Iterable[Found], *, candidate: Mapping, interviews: pd.DataFrame, events: pd.DataFrame,
            addresses: Sequence[str] = (), since: dt.date | None = None,
            known: Collection[str] = ()) -> Proposed:
    """Read a candidate's mail and propose the events it shows, for the coach to accept or reject.

    Parameters
    ----------
    found : iterable of Found
        The messages, as :func:`~.sources.read_sources` streams them.
    candidate : mapping
        The candidate's row: ``candidate_id``, ``name``, ``email`` and, for the
        day a message was sent, ``timezone``.
    interviews, events : DataFrame
        The candidate's rows, as the store gives them; rows of anyone else are left out.
    addresses : sequence of str
        Other addresses the candidate writes from.
    since : datetime.date, optional
        Leave out messages sent before this day (``before_since``).
    known : collection of str
        Message ids already proposed, accepted or rejected: never proposed again
        (``already_decided``).

    Returns
    -------
    Proposed
        The proposals (one per event, in date order) and the count of every message read.
    """
    scan = _Scan(candidate, interviews, events, addresses, since, known)
    for order, message in enumerate(found):
        scan.result.read += 1
        scan.look(order, message)
    scan.decide()
    return scan.result
