"""Mailbox exports read as a stream of messages, whatever program wrote them."""

from __future__ import annotations

import email
import email.parser
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class Found:
    """One message as a source holds it, read no further than asked.

    Attributes
    ----------
    source : str
        The file it is in (a path as the person gave it, or under the folder they gave).
    where : str
        Which message of that file: ``"message 12"`` of an mbox, or the file's own name.
    raw : bytes or None
        The message's bytes; None when ``problem`` says why they could not be read.
    problem : str or None
        Why the message cannot be read ("the file ends inside this message"); None when it can.
    labels : tuple of str
        The folder or labels the export gives it (Gmail's ``X-Gmail-Labels``, a Maildir's ``.Sent``).
    """

    source: str
    where: str
    raw: bytes | None
    problem: str | None = None
    labels: tuple[str, ...] = ()

    def headers(self) -> EmailMessage:
        """The message's headers alone, parsed with ``policy.default`` (the body is not read)."""
        return email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(self.raw)

    def message(self) -> EmailMessage:
        """The whole message, parsed with ``policy.default``."""
        return email.message_from_bytes(self.raw, policy=email.policy.default)
