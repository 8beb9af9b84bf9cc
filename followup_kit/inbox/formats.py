"""How each kind of export holds its messages: what a file is, from its first bytes, and an mbox split.

Nothing here parses a message: an mbox is cut into messages' bytes at its
``From `` lines, an Apple Mail ``.emlx`` file at the byte count on its first
line. The caller reads the headers only of the messages it needs.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable, Iterator
from email.header import decode_header, make_header

#: How much of a file is read to tell what it is: enough for the long header block of a forwarded
#: message (Received, DKIM and ARC lines run to several kilobytes).
HEAD_BYTES = 64 * 1024

#: Said of a message an export cut short: the file stops before the message's headers are over,
#: or, in its last message, before the closing boundary of its parts.
TRUNCATED = "the file ends inside this message"

# A header line as mail readers take it (any printable name, then a colon); a message's first
# line after an mbox separator must be one.
_HEADER = re.compile(rb"[!-9;-~]+[ \t]*:").match
# A header line as a file's first line: a plain field name, so a CSV or a URL is not one.
_FIELD = re.compile(rb"([A-Za-z0-9-]+)[ \t]*:").match
# The time in a separator ("From ... Thu Mar 05 18:42:10 +0000 2026"): a body line that merely
# starts with "From " after a blank line ("From what I saw:") has none.
_TIME = re.compile(rb"\d:\d\d").search
# An Apple Mail .emlx file's first line: the message's length in bytes.
_EMLX_COUNT = re.compile(rb"[ \t]*(\d+)[ \t]*\r?\n").match
_MAIL_FIELDS = frozenset({
    b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"received", b"return-path",
    b"mime-version", b"delivered-to", b"reply-to", b"sender", b"in-reply-to", b"references",
    b"content-type", b"x-gm-thrid", b"x-gmail-labels", b"x-mozilla-status", b"status"})
_LABELS_FIELD = b"x-gmail-labels:"
# A multipart message's Content-Type (its continuation lines too) and the boundary it declares.
_CONTENT_TYPE = re.compile(rb"^content-type[ \t]*:[ \t]*multipart/[^\n]*(?:\r?\n[ \t][^\n]*)*",
                           re.IGNORECASE | re.MULTILINE)
_BOUNDARY = re.compile(rb'boundary[ \t]*=[ \t]*(?:"([^"]+)"|([^\s;"]+))', re.IGNORECASE)


def sniff(head: bytes, name: str = "") -> str | None:
    """What kind of mail file begins with these bytes.

    Parameters
    ----------
    head : bytes
        The file's first bytes (up to :data:`HEAD_BYTES`).
    name : str
        The file's name: a ``.eml`` that starts with an mbox ``From `` line is still one message.

    Returns
    -------
    str or None
        ``"mbox"``, ``"eml"`` (one message), ``"emlx"`` (Apple Mail's one message with its byte
        count), or None for a file that holds no mail.
    """
    if head.startswith(b"From "):
        end = head.find(b"\n") + 1
        if end and _mail_fields(head, end) >= 1:
            return "eml" if name.lower().endswith(".eml") else "mbox"
        return None
    count = _EMLX_COUNT(head)
    if count and _mail_fields(head, count.end()) >= 2:
        return "emlx"
    return "eml" if _mail_fields(head, 0) >= 2 else None


def _mail_fields(head: bytes, start: int) -> int:
    """How many of mail's own header fields the header block from ``start`` names (0 if it is none)."""
    names = set()
    for number, line in enumerate(head[start:].split(b"\n")):
        if line in (b"", b"\r"):
            break
        if number and line[:1] in (b" ", b"\t"):
            continue
        field = _FIELD(line)
        if field is None:
            break
        names.add(field.group(1).lower())
    return len(names & _MAIL_FIELDS)


def describe(head: bytes, name: str) -> str:
    """What a file that holds no mail is, in a few words, with what to do when there is something to do."""
    if not head:
        return "an empty file"
    known = [(b"%PDF", "a PDF document"),
             (b"PK\x03\x04", "a ZIP archive: unzip it and give the folder or .mbox file inside"),
             (b"\x1f\x8b", "a gzip archive: unpack it first (a Takeout .tgz: tar -xzf FILE)"),
             (b"!BDN", "an Outlook .pst file: convert it first with mkdir FOLDER; "
                       "readpst -r -o FOLDER FILE.pst, and give the FOLDER"),
             (b"SQLite format 3\x00", "a SQLite database"),
             (b"bplist", "a property list"),
             (b"// <!-- <mdb:mork", "a Thunderbird index (.msf): give the mail file beside it")]
    for magic, what in known:
        if head.startswith(magic):
            return what
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The head may end inside a character: only an error before its last few bytes counts.
        if exc.start < len(head) - 4:
            return "a binary file"
    kind = "a CSV file" if name.lower().endswith(".csv") else "a text file"
    return f"{kind} that starts neither with a 'From ' line nor with mail headers"


def mbox_messages(lines: Iterable[bytes]) -> Iterator[tuple[bytes | None, str | None, bytes | None]]:
    """Cut an mbox's lines into messages, keeping only one message in memory.

    A message starts at a ``From `` line that opens the file or follows a blank
    line, and is itself followed by a header line; away from the file's start
    the ``From `` line must carry a time, as every mail program writes it. So a
    body line "From what I saw..." that a program left unescaped stays in its
    message. The separator line and the blank line before the next one are not
    part of the message, as :mod:`mailbox` reads it.

    Parameters
    ----------
    lines : iterable of bytes
        The file's lines, line ends kept (a file opened ``"rb"``).

    Yields
    ------
    tuple
        ``(raw, problem, labels)``: the message's bytes or None, why it could
        not be read (:data:`TRUNCATED`, damaged bytes) or None, and the bytes of
        its ``X-Gmail-Labels`` header or None.
    """
    message: list[bytes] = []
    started = in_headers = in_labels = False
    labels = None
    blank = True
    held = None
    # One pass over the lines, the cheapest test first: a body line costs a few comparisons.
    for line in lines:
        if held is not None:
            if _HEADER(line) and (not started or _TIME(held)):
                if started:
                    yield _whole(message, labels)
                started = in_headers = True
                message = []
                labels = None
            else:
                message.append(held)
            held = None
        elif blank and line.startswith(b"From "):
            held = line
            blank = False
            continue
        blank = line == b"\n" or line == b"\r\n"
        if in_headers:
            if blank:
                in_headers = in_labels = False
            elif in_labels and line[:1] in (b" ", b"\t"):
                labels += line
            else:
                in_labels = line[:15].lower() == _LABELS_FIELD
                if in_labels:
                    labels = line[15:]
        message.append(line)
    if held is not None and (not started or _TIME(held)):
        if started:
            yield _whole(message, labels)
        yield None, TRUNCATED, None
    elif started:
        if held is not None:
            message.append(held)
        # Only the file's last message can be cut off by the file's end: only its parts are counted.
        yield (None, TRUNCATED, labels) if in_headers or _cut_short(message) else _whole(message, labels)


def _cut_short(message: list[bytes]) -> bool:
    """Whether a multipart message's lines stop before its closing boundary (``--BOUNDARY--``).

    A download or a copy cut off in an attachment leaves the message without
    it; every mail program writes it.
    """
    try:
        blank = next(n for n, line in enumerate(message) if line in (b"\n", b"\r\n"))
    except StopIteration:
        return False
    declared = _CONTENT_TYPE.search(b"".join(message[:blank]))
    boundary = declared and _BOUNDARY.search(declared.group())
    if not boundary:
        return False
    closing = b"--" + (boundary.group(1) or boundary.group(2)) + b"--"
    return not any(line.startswith(closing) for line in reversed(message[blank:]))


def _whole(message: list[bytes], labels: bytes | None) -> tuple[bytes | None, str | None, bytes | None]:
    if message and (message[-1] == b"\n" or message[-1] == b"\r\n"):
        message.pop()
    raw = b"".join(message)
    if b"\x00" in raw:
        # No mail program writes NUL bytes: a disk or a download damaged the file here.
        return None, "the message holds NUL bytes: this part of the file is damaged", labels
    return raw, None, labels


def emlx_message(data: bytes) -> tuple[bytes | None, str | None]:
    """The message in an Apple Mail ``.emlx`` (or ``.partial.emlx``) file's bytes.

    The first line gives the message's length in bytes; the message follows,
    then a property list of Mail's own flags, which is left out.

    Returns
    -------
    tuple
        ``(raw, None)``, or ``(None, problem)`` when the file is shorter than its count.
    """
    count = _EMLX_COUNT(data)
    length = int(count.group(1))
    raw = data[count.end():count.end() + length]
    if len(raw) < length:
        return None, f"{TRUNCATED} (it holds {len(raw):,} of the {length:,} bytes its first line gives)"
    return raw, None


def eml_message(data: bytes) -> bytes:
    """One message file's bytes, without the mbox ``From `` line some programs save at its top."""
    if data.startswith(b"From "):
        return data[data.find(b"\n") + 1:]
    return data


@functools.lru_cache(maxsize=4096)
def gmail_labels(value: bytes) -> tuple[str, ...]:
    """Gmail's labels from the bytes of an ``X-Gmail-Labels`` header (after its colon).

    >>> gmail_labels(b' Inbox,Important,"Jobs, 2026",Opened\\n')
    ('Inbox', 'Important', 'Jobs, 2026', 'Opened')
    """
    text = re.sub(r"\r?\n(?=[ \t])", "", value.decode("utf-8", "replace")).strip()
    if "=?" in text:
        text = str(make_header(decode_header(text)))
    parts = next(csv.reader([text], skipinitialspace=True)) if '"' in text else text.split(",")
    return tuple(label for label in (part.strip() for part in parts) if label)
