"""One candidate's mailbox export read against the store: proposals kept as pending for the coach.

Only that candidate's rows are read (their interviews and events), the export
is read in place and never copied, and what is kept is each proposal alone: the
event it would be, the message id, and the sentence that shows it. Nothing is
written to the events until a coach accepts a proposal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import schema
from ..errors import FollowupKitError
from .propose import Proposed, propose
from .sources import read_sources

if TYPE_CHECKING:
    from ..data.store import Store


@dataclass
class ScanResult:
    """What one scan found and kept.

    Attributes
    ----------
    proposed : Proposed
        The proposals and the counts of what was read (:meth:`Proposed.summary` says them in a line).
    proposal_ids : list of str
        The ids the store gave the proposals, in the order of ``proposed.proposals``.
    """

    proposed: Proposed
    proposal_ids: list[str]


def scan(store: Store, candidate_id: str, paths: Iterable[str | Path], *, addresses: Sequence[str] = (),
         since: dt.date | None = None, progress: bool | None = None) -> ScanResult:
    """Read a candidate's mailbox export and keep what it shows as proposals waiting for the coach.

    A message already proposed, accepted or rejected for this candidate is
    never proposed again, whatever folder or export it is found in.

    Parameters
    ----------
    store : Store
        The store the candidate is in, open for writing.
    candidate_id : str
        Whose mail it is; an unknown candidate raises ``FollowupKitError`` naming them.
    paths : iterable of str or Path
        The export: mbox files, Maildir folders, folders of ``.eml``, Apple
        Mail ``.mbox`` folders, ``.eml`` files, or folders holding these.
    addresses : sequence of str
        The candidate's other addresses, besides the one the store has;
        each must be an email address.
    since : datetime.date, optional
        Leave out messages sent before this day.
    progress : bool, optional
        Show a bar of the bytes read (default: when stderr is a terminal).

    Returns
    -------
    ScanResult

    Raises
    ------
    FollowupKitError
        An unknown candidate, an address that is not one, or (``NotAMailbox``)
        a path that is not a mailbox export; nothing is written.
    """
    addresses = [schema.email_address(a, "address") for a in addresses]
    with store.snapshot():
        candidates, interviews, events = store.tables(candidate_id)
        known = store.mail_message_ids(candidate_id)
    if candidates.empty:
        raise FollowupKitError(f"no candidate '{candidate_id}' in {store.path}")
    proposed = propose(read_sources(list(paths), progress=progress), candidate=candidates.iloc[0].to_dict(),
                       interviews=interviews, events=events, addresses=addresses, since=since, known=known)
    ids = store.add_proposals(candidate_id, proposed.proposals)
    return ScanResult(proposed=proposed, proposal_ids=ids)
