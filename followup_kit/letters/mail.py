"""A draft on its way out: a ``mailto:`` link, or an ``.eml`` file that any mail program opens."""

from __future__ import annotations

import datetime as dt
import email.policy
import re
import urllib.parse
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..errors import FollowupKitError


def mailto_link(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` link that opens a draft with this recipient, subject and body.

    Every character outside the unreserved set is percent-encoded as UTF-8:
    spaces become ``%20`` (not ``+``) and line breaks ``%0D%0A``, as RFC 6068 asks.

    Parameters
    ----------
    to : str
        The recipient's address.
    subject, body : str
        The subject line and the text.

    Returns
    -------
    str

    Examples
    --------
    >>> mailto_link("amara@cedar.example", "Thank you", "Dear Amara,\\nThanks & see you")
    'mailto:amara@cedar.example?subject=Thank%20you&body=Dear%20Amara%2C%0D%0AThanks%20%26%20see%20you'
    """
    crlf = re.sub(r"\r\n|\r|\n", "\r\n", body)
    return (f"mailto:{urllib.parse.quote(to.strip(), safe='@')}"
            f"?subject={urllib.parse.quote(subject, safe='')}&body={urllib.parse.quote(crlf, safe='')}")


def to_eml(*, from_name: str | None, from_email: str | None, to_name: str | None,
           to_email: str | None, subject: str, body: str, date: dt.datetime | None = None) -> bytes:
    """An email file (``.eml``) that a mail program opens as a draft to send.

    ``X-Unsent: 1`` makes Outlook open it as a new message with Send, not as
    one received; other programs ignore the header and open it as a message
    with its From, To, Subject and text, to edit or send again. Names and
    text may hold any characters ("Zoë Ngũgĩ", "José"): headers are encoded
    as RFC 2047 words and the body as UTF-8.

    Parameters
    ----------
    from_name, from_email : str
        The candidate.
    to_name, to_email : str
        The interviewer.
    subject, body : str
        The subject line and the text.
    date : datetime, optional
        The Date header; now, in UTC, when not given. A naive datetime is read as UTC.

    Returns
    -------
    bytes
        The message with CRLF line endings.
    """
    for label, value in (("candidate's email (From)", from_email), ("interviewer's email (To)", to_email)):
        if not value:
            raise FollowupKitError(f"an .eml file needs the {label}; add it to the store")
    if "\n" in subject.strip() or "\r" in subject.strip():
        raise FollowupKitError("the subject must be one line: take out its line breaks")
    when = date or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        sender = Address(display_name=from_name or "", addr_spec=from_email)
        recipient = Address(display_name=to_name or "", addr_spec=to_email)
    except (ValueError, IndexError) as exc:
        raise FollowupKitError(f"not an email address we can write to a file: {exc}") from None
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    # A domain given here keeps make_msgid from looking up this computer's name.
    msg["Message-ID"] = make_msgid(domain=sender.domain or "followup-kit.invalid")
    msg["X-Unsent"] = "1"
    msg.set_content(body if body.endswith("\n") else body + "\n")
    return msg.as_bytes(policy=email.policy.SMTP)
