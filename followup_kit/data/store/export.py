"""The store as CSV files, one per table, optionally with pseudonyms in place of names."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import FollowupKitError
from .. import schema
from .privacy import pseudonymise

if TYPE_CHECKING:
    from . import Store


def export_csv(store: Store, out_dir: str | Path, *, pseudonym_key: str | None = None) -> list[Path]:
    """Write ``candidates.csv``, ``interviews.csv``, ``events.csv`` and ``notes.csv`` to ``out_dir``.

    Text comes out exactly as it went in, except that a cell a spreadsheet
    would run as a formula gets a leading apostrophe (``'=SUM(A1)``); import
    removes it again, so an export re-imports to the same store.

    What was read from candidates' mail is never exported, plain or
    anonymised: proposals waiting for a coach (their evidence sentences) and
    the message ids of those decided stay in the store alone. An accepted
    proposal is an event by then, and goes out as every event does.

    Parameters
    ----------
    out_dir : str or Path
        The folder for the files.
    pseudonym_key : str, optional
        Anonymise with this key (the store's secret,
        :func:`~followup_kit.data.secret.store_secret`): names and emails
        of candidates, interviewers and coaches become pseudonyms
        (:func:`pseudonymise`), events' notes are left empty and the
        text of every session note is left out (:data:`.privacy.LEFT_OUT`);
        everything the analyses read is kept.

    Returns
    -------
    list of Path
        The files written, candidates first, notes last.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise FollowupKitError(f"{out} is a file; give a folder for the CSV files")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FollowupKitError(f"cannot make the folder {out}: {exc.strerror}") from None
    written = []
    with store.snapshot():
        for name in schema.STORED:
            text = store._text(name)
            if pseudonym_key is not None:
                text = pseudonymise(text, name, pseudonym_key)
            text = schema.guard_formulas(text)
            path = out / f"{name}.csv"
            text.to_csv(path, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
            written.append(path)
    return written
