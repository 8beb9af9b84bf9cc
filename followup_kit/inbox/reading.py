"""A message's own words: what its sender wrote this time, without the history it carries.

An email holds more than its sender's words: the messages it answers, quoted
below (``> `` lines, "On 3 March, Amara Lee wrote:", Outlook's
"-----Original Message-----" and its "From: … Sent: … To: … Subject:" block),
a signature, and sometimes a whole other message forwarded inside it
("---------- Forwarded message ---------"). :func:`read_message` separates
them: the sender's own words (what the kinds are read from), the quoted
history (what a reply answers), the forwarded message (read on its own, so a
forwarded offer is the candidate passing it on, not the employer making it)
and a calendar invitation attached (``text/calendar``).

The plain-text part is read when there is one; an HTML-only message is read
as its text (blocks become lines, quoted blocks become ``> `` lines, styles
and scripts are left out). Lines a mail program wrapped are joined again, so a
sentence is read whole. The signature and sign-off are left to the letter
checker's own reading (:func:`followup_kit.letters.reading.own_words`), so
both read a letter the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import errors
from email.message import EmailMessage, Message
from html.parser import HTMLParser

import icalendar

from ..data.store.mail import EVIDENCE_LIMIT
from ..letters.reading import own_words

# Where a forwarded message begins: Gmail, Thunderbird, Apple Mail.
_FORWARD_MARK = re.compile(r"^\s*(?:-{3,}\s*forwarded message\s*-{3,}|begin forwarded message\s*:)\s*$",
                           re.IGNORECASE)
# Outlook's separator above the message it answers.
_ORIGINAL_MARK = re.compile(r"^\s*(?:-{3,}\s*original message\s*-{3,}|_{10,})\s*$", re.IGNORECASE)
# "On Tue, 3 Mar 2026 at 10:12, Amara Lee <amara@fernleaf.example> wrote:", wrapped over up to three
# lines; a date or an address in it tells it from a sentence of the letter that begins with "On".
_ON_WROTE = re.compile(r"^\s*on\b.{0,300}\b(?:wrote|writes)\s*:\s*$", re.IGNORECASE | re.DOTALL)
_ON = re.compile(r"^\s*on\s", re.IGNORECASE)
# A header line of a quoted or forwarded message, "*From:* …" as Outlook's text part writes it bold.
_HEADER_LINE = re.compile(r"^\s*\*?(from|sent|date|to|cc|subject|reply-to)\s*:\*?\s*(.*)$", re.IGNORECASE)
# How far below "From:" the rest of Outlook's block ("Sent:", "To:", "Subject:") may be.
_HEADER_BLOCK_LINES = 6
# A subject that forwards: "Fwd:", "FW:".
FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:re|aw)\s*:\s*)*(?:fwd?|wg)\s*:", re.IGNORECASE)

# A wrapped line runs on when it is this long and its sentence has not ended (and the next line goes
# on in lower case), or, from the shorter length, when it ends on a word no sentence ends on.
_WRAP_WIDTH = 40
_SHORTEST_RUN_ON = 12
_ENDS_SENTENCE = re.compile(r"[.!?:;,)\]\"']\s*$")
# Words no sentence ends on: a line ending on one runs on even when the next begins with a capital.
_RUNS_ON = re.compile(r"\b(?:the|a|an|to|of|with|for|and|or|in|on|at|your|our|you|we|i|is|are|be|by|from|that|"
                      r"this|as|will|would|have|has|not)$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022>]|\d+[.)])\s")


@dataclass(frozen=True)
class Invitation:
    """A calendar invitation attached to a message (a ``text/calendar`` part).

    Attributes
    ----------
    method : str
        What it asks: ``"REQUEST"`` (an invitation), ``"CANCEL"``, ``"REPLY"``; ``""`` when not said.
    start : datetime.date or None
        The day the meeting is set for, as the invitation writes it.
    summary : str
        Its title ("Second interview: Data Analyst").
    """

    method: str
    start: dt.date | None
    summary: str


@dataclass(frozen=True)
class Reading:
    """What one message says, taken apart.

    Attributes
    ----------
    text : str
        The sender's own words: no quoted history, no signature.
    quoted : str
        The history quoted below them (the message it answers), ``> `` marks, the
        line that says who wrote it and its headers taken off.
    forwarded : Reading or None
        A message forwarded inside this one, read the same way.
    forwarded_from : str
        Who wrote the forwarded message, as its "From:" line says ("" when not said).
    invitation : Invitation or None
        A calendar invitation attached to the message.
    problem : str or None
        Why the message cannot be read ("broken encoding"); None when it can.
    quoted_from : str
        Who wrote the quoted message, as the line above it says ("On 3 March, Amara Lee
        <amara@fernleaf.example> wrote:", or Outlook's "From:" line); "" when not said.
    """

    text: str
    quoted: str = ""
    forwarded: Reading | None = None
    forwarded_from: str = ""
    invitation: Invitation | None = None
    problem: str | None = None
    quoted_from: str = ""


def evidence(sentence: str) -> str:
    """A sentence as a proposal shows it: whitespace collapsed, at most 300 characters.

    A longer sentence is cut at the last whole word that fits, and ends with "…".

    Examples
    --------
    >>> evidence("We are  delighted\\n to offer you the role.")
    'We are delighted to offer you the role.'
    """
    said = " ".join(sentence.split())
    if len(said) <= EVIDENCE_LIMIT:
        return said
    cut = said[:EVIDENCE_LIMIT - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "\u2026"


# -- HTML ----------------------------------------------------------------------
_BLOCKS = frozenset({
    "p", "div", "br", "tr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "header", "footer", "hr", "blockquote", "pre", "address", "dd", "dt", "dl", "tbody",
    "thead", "tfoot", "form", "center", "main", "nav", "aside", "figure", "figcaption",
})
_UNREAD = frozenset({"style", "script", "head", "title", "noscript", "template", "svg"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class _HtmlText(HTMLParser):
    """HTML as the lines a reader sees: blocks on lines of their own, quoted blocks marked ``> ``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._quoted = 0
        self._unread = 0
        self._hidden: list[str] = []
        self._pre = 0

    def _flush(self) -> None:
        text = "".join(self._line)
        self._line = []
        text = text if self._pre else " ".join(text.split())
        for line in text.split("\n"):
            self.lines.append(("> " * self._quoted + line) if line.strip() else "")

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _UNREAD:
            self._unread += 1
            return
        if self._hidden and tag == self._hidden[-1] and tag not in _VOID:
            self._hidden.append(tag)
            return
        if tag not in _VOID and not self._hidden and _HIDDEN.search(dict(attrs).get("style") or ""):
            self._hidden.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "blockquote":
            self._quoted += 1
        elif tag == "pre":
            self._pre += 1
        elif tag in ("td", "th"):
            self._line.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNREAD:
            self._unread = max(0, self._unread - 1)
            return
        if self._hidden:
            if tag == self._hidden[0] or tag == self._hidden[-1]:
                self._hidden.pop()
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "blockquote":
            self._quoted = max(0, self._quoted - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if not self._unread and not self._hidden:
            self._line.append(data)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines)


def html_text(html: str) -> str:
    """An HTML body as plain text: each paragraph apart, styles and scripts left out.

    A ``<blockquote>`` (the message a reply quotes) comes out as ``> `` lines, so
    it is set apart from the sender's own words as quoted text is.

    Examples
    --------
    >>> html_text("<p>Dear Hannah,</p><p>We are <b>delighted</b>.</p><style>p {}</style>")
    'Dear Hannah,\\n\\nWe are delighted.'
    """
    parser = _HtmlText()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):
        pass
    return re.sub(r"\n{3,}", "\n\n", parser.text()).strip("\n")


# -- plain text ----------------------------------------------------------------
def _on_wrote(lines: list[str], at: int) -> int:
    """How many lines from ``at`` make an "On … wrote:" line (wrapped over up to three), or 0."""
    if not _ON.match(lines[at]):
        return 0
    for length in (1, 2, 3):
        said = " ".join(line.strip() for line in lines[at:at + length])
        if len(lines) >= at + length and _ON_WROTE.match(said) and re.search(r"\d|@", said):
            return length
    return 0


def _header_block(lines: list[str], at: int) -> bool:
    """Whether a "From:" line at ``at`` opens a quoted message's headers (Sent/Date and To/Subject follow)."""
    first = _HEADER_LINE.match(lines[at])
    if first is None or first.group(1).lower() != "from":
        return False
    names = {m.group(1).lower() for line in lines[at + 1:at + 1 + _HEADER_BLOCK_LINES]
             if (m := _HEADER_LINE.match(line))}
    return bool(names & {"sent", "date"}) and bool(names & {"to", "subject"})


def _history_starts(lines: list[str]) -> tuple[int, bool]:
    """Where the history below the sender's words begins, and whether it is a forwarded message.

    Returns ``(len(lines), False)`` when the message carries none.
    """
    for at, line in enumerate(lines):
        if _FORWARD_MARK.match(line):
            return at, True
        if _ORIGINAL_MARK.match(line) or _on_wrote(lines, at) or _header_block(lines, at):
            return at, False
    return len(lines), False


def _unwrap(lines: list[str], flowed: bool) -> list[str]:
    """Lines a mail program wrapped joined again, so each sentence is on one line.

    ``format=flowed`` text marks a wrapped line with a trailing space. Other text
    runs on where a long line stops mid-sentence and the next goes on in lower case,
    or where the line ends on a word no sentence ends on ("the", "to").
    """
    out: list[str] = []
    for line in lines:
        if flowed and line.startswith(" "):
            line = line[1:]
        if out and line.strip() and not _LIST_ITEM.match(line) and _runs_on(out[-1], line, flowed):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _runs_on(line: str, after: str, flowed: bool) -> bool:
    """Whether ``line`` was wrapped, its sentence going on in ``after``."""
    stripped = line.rstrip()
    if not stripped or stripped.lstrip().startswith(">"):
        return False
    if flowed:
        return line.endswith(" ")
    if _ENDS_SENTENCE.search(stripped):
        return False
    if _RUNS_ON.search(stripped) and len(stripped) >= _SHORTEST_RUN_ON:
        return True
    return len(stripped) >= _WRAP_WIDTH and (after.strip()[0].islower() or after.strip()[0].isdigit())


def _unquoted(lines: list[str]) -> str:
    """Quoted lines as the text they quote: ``> `` marks off, wrapped lines joined."""
    plain = [re.sub(r"^\s*(?:>\s?)+", "", line) for line in lines]
    return "\n".join(_unwrap(plain, False)).strip()


def _attribution(history: list[str]) -> tuple[str, list[str]]:
    """Who wrote the quoted message (the line above it, or its "From:"), and its lines below that."""
    at, said = 0, ""
    if history and (length := _on_wrote(history, 0)):
        said = " ".join(line.strip() for line in history[:length])
        at = length
    elif history and _ORIGINAL_MARK.match(history[0]):
        at = 1
    while at < len(history) and (not history[at].strip() or _HEADER_LINE.match(history[at])):
        header = _HEADER_LINE.match(history[at])
        if header and header.group(1).lower() == "from" and not said:
            said = header.group(2).strip()
        at += 1
    return said, history[at:]


def _forwarded(lines: list[str], flowed: bool) -> tuple[Reading, str]:
    """The forwarded message below its mark: its headers read for who wrote it, its body read on its own."""
    at = 0
    sender = ""
    while at < len(lines) and (not lines[at].strip() or _FORWARD_MARK.match(lines[at])):
        at += 1
    while at < len(lines) and (header := _HEADER_LINE.match(lines[at])):
        if header.group(1).lower() == "from":
            sender = header.group(2).strip()
        at += 1
    return read_text("\n".join(lines[at:]), flowed=flowed), sender


def read_text(text: str, *, flowed: bool = False, forwarding: bool = False) -> Reading:
    """Take a message's text apart: the sender's own words, the history quoted, a message forwarded.

    Parameters
    ----------
    text : str
        The body as text (an HTML body through :func:`html_text` first).
    flowed : bool
        The body is ``format=flowed`` text (a trailing space marks a wrapped line).
    forwarding : bool
        The message's subject forwards ("Fwd:"): Outlook's block of headers below it
        then opens the forwarded message rather than the one it answers.

    Returns
    -------
    Reading
        Without a calendar invitation (see :func:`read_message`).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    at, forward = _history_starts(lines)
    own, history = lines[:at], lines[at:]
    if not forward and forwarding and history and not _ON.match(history[0]):
        forward = True
    quoted_lines = [line for line in own if line.lstrip().startswith(">")]
    if forward:
        inner, sender = _forwarded(history, flowed)
        return Reading(own_words("\n".join(_unwrap(own, flowed))).strip(), _unquoted(quoted_lines), inner, sender)
    said, below = _attribution(history)
    below, after = _bottom_posted(below)
    mine = own_words("\n".join(_unwrap([*own, *after], flowed)))
    return Reading(mine.strip(), _unquoted(quoted_lines + below), quoted_from=said)


def _bottom_posted(below: list[str]) -> tuple[list[str], list[str]]:
    """A reply written under the ``> `` lines it quotes, as Thunderbird may: (the quote, the reply below it)."""
    filled = [at for at, line in enumerate(below) if line.strip()]
    if not filled or not below[filled[0]].lstrip().startswith(">"):
        return below, []
    for at in filled:
        if not below[at].lstrip().startswith(">"):
            rest = below[at:]
            end, _ = _history_starts(rest)
            return below[:at] + rest[end:], rest[:end]
    return below, []


# -- whole messages ------------------------------------------------------------
_BROKEN = "broken encoding"
#: The problem of a message whose multipart body never ends.
CUT_SHORT = "the message is cut short"
# More of these than this share of a body's characters, and it was not text in the charset it claims.
_MOST_REPLACED = 0.2


def _decoded(part: Message) -> str | None:
    """A text part's words, or None when the bytes cannot be turned into text."""
    try:
        content = part.get_content()
    except LookupError:
        # A charset Python does not know: the words are read as UTF-8 when they are that.
        payload = part.get_payload(decode=True) or b""
        try:
            content = payload.decode("utf-8")
        except UnicodeDecodeError:
            return None
    except (UnicodeError, ValueError, AssertionError):
        return None
    if isinstance(content, bytes):
        return None
    letters = sum(ch.isalpha() for ch in content)
    replaced = content.count("\ufffd")
    if replaced and replaced > _MOST_REPLACED * max(1, letters + replaced):
        return None
    if not content.strip() and any("Base64" in type(d).__name__ for d in part.defects):
        return None
    return content


def _invitation(message: EmailMessage) -> Invitation | None:
    for part in message.walk():
        kind = part.get_content_type()
        name = (part.get_filename() or "").lower()
        if kind not in ("text/calendar", "application/ics") and not name.endswith(".ics"):
            continue
        try:
            payload = part.get_payload(decode=True) or b""
            calendar = icalendar.Calendar.from_ical(payload)
        except (ValueError, KeyError, TypeError, IndexError):
            continue
        method = str(calendar.get("METHOD") or part.get_param("method") or "").upper()
        for event in calendar.walk("VEVENT"):
            start = None
            try:
                when = event.decoded("DTSTART")
                start = when.date() if isinstance(when, dt.datetime) else when
            except (KeyError, ValueError, TypeError):
                pass
            return Invitation(method, start if isinstance(start, dt.date) else None,
                              " ".join(str(event.get("SUMMARY") or "").split()))
    return None


def _attached_message(message: EmailMessage) -> EmailMessage | None:
    """A message forwarded as an attachment (``message/rfc822``), as Outlook forwards it."""
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner:
                return inner[0]
    return None


def read_message(message: EmailMessage) -> Reading:
    """Read a whole message: its plain-text part (else its HTML as text), taken apart by :func:`read_text`.

    Parameters
    ----------
    message : email.message.EmailMessage
        Parsed with ``policy.default`` (as :meth:`Found.message` gives it).

    Returns
    -------
    Reading
        With ``problem`` "broken encoding" when the body's bytes cannot be read as
        text, and "the message is cut short" when its parts never close (the
        export ends inside it); a message with no text at all (a calendar invitation alone) reads as
        empty words, not as a problem.
    """
    if any(isinstance(defect, errors.CloseBoundaryNotFoundDefect) for part in message.walk() for defect in part.defects):
        # Its parts never close: the export ends inside it (a download cut short), whatever is left of it.
        return Reading("", problem=CUT_SHORT)
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    flowed = False
    if body is not None:
        decoded = _decoded(body)
        if decoded is None:
            return Reading("", problem=_BROKEN)
        if body.get_content_subtype() == "html":
            text = html_text(decoded)
        else:
            text = decoded
            flowed = str(body.get_param("format") or "").lower() == "flowed"
    reading = read_text(text, flowed=flowed, forwarding=bool(FORWARD_SUBJECT.match(str(message.get("Subject") or ""))))
    invitation = _invitation(message)
    forwarded, sender = reading.forwarded, reading.forwarded_from
    if forwarded is None and (inner := _attached_message(message)) is not None:
        attached = read_message(inner)
        if attached.problem is None:
            forwarded, sender = attached, str(inner.get("From") or "")
    return Reading(reading.text, reading.quoted, forwarded, sender, invitation, quoted_from=reading.quoted_from)
