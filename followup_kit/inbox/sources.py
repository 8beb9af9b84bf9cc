"""Mailbox exports read as a stream of messages, whatever program wrote them.

A coach gives the files or folders a candidate exported; :func:`read_sources`
reads them in place, one message at a time, and never copies them:

* an mbox file: Gmail Takeout's (its ``X-Gmail-Labels`` become the labels),
  Thunderbird's ``Inbox`` or ``Sent`` (no extension), readpst's;
* a Maildir folder (``cur/`` and ``new/``; its ``.Sent`` and other subfolders
  give their name as the label; ``tmp/`` is left alone);
* a folder of ``.eml`` files, or one ``.eml`` file;
* an Apple Mail ``NAME.mbox`` folder: the ``mbox`` file Mail's export writes,
  or Mail's own ``Messages/*.emlx`` (and ``.partial.emlx``) files;
* any folder holding these, walked in sorted order (readpst's ``-r`` tree of
  folders with an ``mbox`` file in each, its ``-e`` tree of ``.eml`` files).

Files are told apart by their first bytes, not their names. Inside a folder,
files that hold no mail (``.DS_Store``, property lists, Thunderbird's ``.msf``
indexes, attachments saved beside messages) are passed over.
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage

from ..errors import FollowupKitError
from . import formats

#: What :func:`source_kind` calls each source.
KINDS = ("mbox", "maildir", "eml_folder", "apple_mail", "eml", "folder")


class NotAMailbox(FollowupKitError):
    """A path given as a mailbox holds no mail: ``"PATH: not a mailbox (what was found)"``.

    ``path`` and ``what`` repeat the two parts.
    """

    def __init__(self, path: str | os.PathLike, what: str):
        self.path, self.what = str(path), what
        super().__init__(f"{self.path}: not a mailbox ({what})")

    def __reduce__(self):
        return type(self), (self.path, self.what)


@dataclass(frozen=True)
class Found:
    """One message as a source holds it, read no further than asked.

    Attributes
    ----------
    source : str
        The file it is in (a path as the person gave it, or under the folder they gave).
    where : str
        Which message of that file: ``"message 12"`` of an mbox, or the file's name relative to
        the folder given (``"Sent Items/3.eml"``).
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
        # The parser would still cut the whole body into lines: hand it the header block only.
        ends = [end + len(blank) // 2 for blank in (b"\n\n", b"\r\n\r\n")
                if (end := self.raw.find(blank)) >= 0]
        block = self.raw[:min(ends)] if ends else self.raw
        return email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(block)

    def message(self) -> EmailMessage:
        """The whole message, parsed with ``policy.default``."""
        return email.message_from_bytes(self.raw, policy=email.policy.default)


def source_kind(path: str | os.PathLike) -> str:
    """Which kind of mailbox export a path is, from its layout and its first bytes.

    Parameters
    ----------
    path : str or Path
        A file or folder the candidate exported.

    Returns
    -------
    str
        One of :data:`KINDS`: ``"mbox"``, ``"maildir"``, ``"eml_folder"``,
        ``"apple_mail"``, ``"eml"`` (one message file: ``.eml``, or Apple Mail's
        ``.emlx``) or ``"folder"`` (a folder holding any of these).

    Raises
    ------
    NotAMailbox
        The path is missing, or holds no mail (a PDF, a CSV, an empty file, a
        folder with no mail in it); the message names it and says what it is.
    """
    text = os.fspath(path)
    try:
        if os.path.isdir(text):
            return _folder_kind(text)
        if not os.path.exists(text):
            raise NotAMailbox(text, "no such file or folder")
        if not os.path.isfile(text):
            raise NotAMailbox(text, "neither a file nor a folder")
        with open(text, "rb") as handle:
            head = handle.read(formats.HEAD_BYTES)
    except OSError as exc:
        raise NotAMailbox(text, f"cannot read it: {exc.strerror or exc}") from None
    kind = formats.sniff(head, os.path.basename(text))
    if kind is None:
        raise NotAMailbox(text, formats.describe(head, text))
    return "mbox" if kind == "mbox" else "eml"


def _folder_kind(folder: str) -> str:
    if _is_maildir(folder):
        return "maildir"
    if folder.rstrip("/\\").lower().endswith(".mbox"):
        if os.path.isfile(os.path.join(folder, "mbox")) or _holds_mail(folder, one_mailbox=True):
            return "apple_mail"
        raise NotAMailbox(folder, "an Apple Mail .mbox folder with no mbox file and no .emlx messages")
    if not _holds_mail(folder):
        raise NotAMailbox(folder, "a folder with no mail in it")
    with os.scandir(folder) as listing:
        entries = [entry for entry in listing if not entry.name.startswith(".")]
    flat = not any(entry.is_dir() for entry in entries)
    return "eml_folder" if flat and any(e.name.lower().endswith(".eml") for e in entries) else "folder"


def _is_maildir(folder: str) -> bool:
    return os.path.isdir(os.path.join(folder, "cur")) or os.path.isdir(os.path.join(folder, "new"))


def _holds_mail(folder: str, *, one_mailbox: bool = False) -> bool:
    """Whether any file the walk of ``folder`` reaches holds mail (it stops at the first that does)."""
    for path, _, _, problem in _walk(folder, "", (), one_mailbox=one_mailbox):
        if problem is None:
            try:
                with open(path, "rb") as handle:
                    if formats.sniff(handle.read(formats.HEAD_BYTES), path):
                        return True
            except OSError:
                continue
    return False


def read_sources(paths: Iterable[str | os.PathLike] | str | os.PathLike, *,
                 progress: bool | None = None) -> Iterator[Found]:
    """Every message in the exports given, one at a time, in a repeatable order.

    Every path is checked before any message is read, so a wrong one stops the
    run at once; after that nothing raises: a message that cannot be read (the
    file ends inside it, a file in a folder cannot be opened) comes as a
    :class:`Found` whose ``problem`` says why. An mbox is read line by line,
    so memory holds one message at a time, whatever the file's size.

    Parameters
    ----------
    paths : path or iterable of paths
        Files and folders, as :func:`source_kind` reads them.
    progress : bool, optional
        Show a progress bar over the bytes of all the sources on standard error;
        by default when standard error is a terminal.

    Returns
    -------
    iterator of Found
        ``source`` is the file's path; ``where`` is ``"message N"`` (from 1) in
        an mbox, else the file's name relative to the folder given.

    Raises
    ------
    NotAMailbox
        A path that is not a mailbox (see :func:`source_kind`).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    plan = [(os.fspath(path), source_kind(path)) for path in paths]
    return _stream(plan, sys.stderr.isatty() if progress is None else progress)


def _stream(plan: list[tuple[str, str]], progress: bool) -> Iterator[Found]:
    bar = None
    if progress:
        # Imported here: a served page imports the package and never shows a bar.
        from tqdm.auto import tqdm

        total = sum(_size(path) for source, kind in plan for path, *_ in _files(source, kind))
        bar = tqdm(total=total, desc="reading mail", unit="B", unit_scale=True, unit_divisor=1024,
                   leave=False)
    try:
        for source, kind in plan:
            for path, where, labels, problem in _files(source, kind):
                if problem is not None:
                    yield Found(path, where, None, problem, labels)
                else:
                    yield from _read_file(path, where, labels, bar)
    finally:
        if bar is not None:
            bar.close()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _files(source: str, kind: str) -> Iterator[tuple[str, str, tuple[str, ...], str | None]]:
    """``(path, where, labels, problem)`` of each file of a source that may hold mail."""
    if kind == "mbox":
        # A file called mbox (readpst's, Apple Mail's export) is named by its folder.
        yield source, os.path.basename(source), _mailbox_name(os.path.dirname(os.path.abspath(source))), None
    elif kind == "eml":
        yield source, os.path.basename(source), (), None
    else:
        apple = kind == "apple_mail"
        yield from _walk(source, "", _mailbox_name(source) if apple else (), one_mailbox=apple)


def _walk(folder: str, prefix: str, labels: tuple[str, ...], *, one_mailbox: bool = False
          ) -> Iterator[tuple[str, str, tuple[str, ...], str | None]]:
    """The files under ``folder``, sorted by name (numbers in names as numbers: 2.eml before 10.eml).

    ``prefix`` is the folder's path relative to the one given; ``labels`` the
    mail folder its messages are in. Each subfolder is a mail folder of its own
    (readpst's ``Sent Items``), unless ``one_mailbox``: the parts of one, as a
    Maildir's ``cur`` and ``new`` or the inside of an Apple Mail ``.mbox``, where
    only a nested ``.mbox`` is a new mail folder and the attachments Mail keeps
    beside its messages are skipped. A Maildir's ``tmp`` is skipped; hidden files
    and folders are too, except a Maildir's ``.Sent`` and such.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_in_order)
    except OSError as exc:
        yield folder, prefix.rstrip("/") or ".", labels, f"cannot open this folder: {exc.strerror or exc}"
        return
    if _is_maildir(folder):
        for part in ("cur", "new"):
            path = os.path.join(folder, part)
            if os.path.isdir(path):
                yield from _walk(path, f"{prefix}{part}/", labels, one_mailbox=True)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name not in ("cur", "new", "tmp"):
                name = entry.name[1:].replace(".", "/") if entry.name.startswith(".") else entry.name
                yield from _walk(entry.path, f"{prefix}{entry.name}/", (name,))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        where = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if entry.name.lower().endswith(".mbox"):
                yield from _walk(entry.path, where + "/", _mailbox_name(entry.name), one_mailbox=True)
            elif not one_mailbox:
                yield from _walk(entry.path, where + "/", (entry.name,))
            elif entry.name != "Attachments":
                yield from _walk(entry.path, where + "/", labels, one_mailbox=True)
        elif entry.is_file():
            yield entry.path, where, labels, None


def _in_order(entry: os.DirEntry) -> tuple:
    parts = re.split(r"(\d+)", entry.name.lower())
    return [int(part) if number % 2 else part for number, part in enumerate(parts)], entry.name


def _mailbox_name(path: str) -> tuple[str, ...]:
    """The mail folder a file or folder stands for: ``Sent`` for ``Sent.mbox`` or Thunderbird's ``Sent``."""
    name = os.path.basename(path.rstrip("/\\"))
    name = name[:-5] if name.lower().endswith(".mbox") else name
    return (name,) if name else ()


def _read_file(path: str, where: str, labels: tuple[str, ...], bar) -> Iterator[Found]:
    """The messages of one file; nothing for a file that holds no mail; a problem for one unreadable."""
    done = size = 0
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(formats.HEAD_BYTES)
            kind = formats.sniff(head, path)
            if kind == "mbox":
                handle.seek(0)
                if os.path.basename(path).lower().rstrip("0123456789") != "mbox":
                    labels = _mailbox_name(path)
                number = 0
                try:
                    for raw, problem, gmail in formats.mbox_messages(handle):
                        number += 1
                        yield Found(path, f"message {number}", raw, problem,
                                    formats.gmail_labels(gmail) if gmail is not None else labels)
                        if bar is not None:
                            position = handle.tell()
                            bar.update(position - done)
                            done = position
                except OSError as exc:
                    yield Found(path, f"message {number + 1}", None,
                                f"the file cannot be read from here on: {exc.strerror or exc}", labels)
            elif kind is not None:
                data = head + handle.read()
                if kind == "emlx":
                    raw, problem = formats.emlx_message(data)
                else:
                    raw, problem = formats.eml_message(data), None
                yield Found(path, where, raw, problem, labels)
    except OSError as exc:
        yield Found(path, where, None, f"cannot read this file: {exc.strerror or exc}", labels)
    if bar is not None:
        bar.update(max(0, size - done))
