"""The labelled letter sets the checker is measured on, read and scored.

Each folder under ``tests/data/`` holds ``NN-name.txt`` files: a ``key: value``
header (``kind``, ``interviewer_name``, ``role``, ``company``, ``labels``,
optionally ``written_to_fail`` and, for offer replies, ``intent``), a blank
line, then the letter.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup_kit.errors import FollowupKitError
from followup_kit.letters.checks import OFFER_INTENTS, PARTS, WARNING_CODES, LetterCheck, check


@dataclass(frozen=True)
class LabelledLetter:
    """One hand-labelled letter: its header fields, its labels per part, and the body.

    ``intent`` is what a reply to an offer does (``accept``, ``time`` or
    ``decline``), None for other kinds.
    """

    path: Path
    kind: str
    interview: dict[str, str]
    labels: dict[str, bool]
    written_to_fail: tuple[str, ...]
    body: str
    intent: str | None = None


def read_labelled(path: str | Path) -> LabelledLetter:
    """Read one labelled letter file: a ``key: value`` header, a blank line, then the body.

    Parameters
    ----------
    path : str or Path
        A file such as ``tests/data/letters/03-no-strengths.txt``.

    Returns
    -------
    LabelledLetter
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    if not sep:
        raise FollowupKitError(f"{path}: no blank line between the header and the letter")
    header = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon:
            raise FollowupKitError(f"{path}:{number}: header lines look like 'key: value', got {line!r}")
        header[key.strip()] = value.strip()
    kind = header.get("kind", "")
    if kind not in PARTS:
        raise FollowupKitError(f"{path}: kind must be one of {', '.join(PARTS)}, got {kind!r}")
    labels = {}
    for item in header.get("labels", "").split():
        name, _, value = item.partition("=")
        if name not in PARTS[kind] or value not in ("0", "1"):
            raise FollowupKitError(f"{path}: bad label {item!r}; write part=0 or part=1 "
                                   f"for the parts {', '.join(PARTS[kind])}")
        labels[name] = value == "1"
    if set(labels) != set(PARTS[kind]):
        raise FollowupKitError(f"{path}: label every part of a {kind} letter: {', '.join(PARTS[kind])}")
    interview = {k: header[k] for k in ("interviewer_name", "role", "company") if k in header}
    # "written_to_fail: -" (or nothing) marks a good example; the faults are listed with spaces or commas.
    reasons = tuple(r for r in re.split(r"[,\s]+", header.get("written_to_fail", "")) if r and r != "-")
    unknown = [r for r in reasons if r not in PARTS[kind] and r not in WARNING_CODES]
    if unknown:
        raise FollowupKitError(f"{path}: written_to_fail names {', '.join(unknown)}; use '-' for none, or "
                               f"parts ({', '.join(PARTS[kind])}) and warning codes ({', '.join(WARNING_CODES)})")
    intent = header.get("intent") or None
    if kind == "offer_reply" and intent not in OFFER_INTENTS:
        raise FollowupKitError(f"{path}: an offer reply needs 'intent:' {' or '.join(OFFER_INTENTS)}, "
                               f"got {intent!r}")
    if kind != "offer_reply" and intent is not None:
        raise FollowupKitError(f"{path}: only offer replies have an intent")
    return LabelledLetter(path, kind, interview, labels, reasons, body.strip("\n"), intent)


def labelled_set(folder: str | Path) -> list[tuple[LabelledLetter, LetterCheck]]:
    """Read every ``NN-name.txt`` in a folder and check it with its kind's checker.

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters.

    Returns
    -------
    list of (LabelledLetter, LetterCheck)
        In file-name order.
    """
    files = sorted(Path(folder).glob("*.txt"))
    if not files:
        raise FollowupKitError(f"{folder}: no labelled letters (*.txt) found")
    out = []
    for path in files:
        item = read_labelled(path)
        out.append((item, check(item.kind, item.body, interview=item.interview)))
    return out


def evaluate(folder: str | Path) -> pd.DataFrame:
    """Precision and recall of each part's rule on a folder of hand-labelled letters.

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters (see :func:`read_labelled` for the format).

    Returns
    -------
    pandas.DataFrame
        One row per kind and part: ``kind``, ``part``, ``letters``, ``tp``,
        ``fp``, ``fn``, ``tn``, ``precision``, ``recall`` (NaN when undefined).
    """
    rows = [
        {"kind": item.kind, "part": part, "label": item.labels[part], "found": result.parts[part]}
        for item, result in labelled_set(folder) for part in PARTS[item.kind]
    ]
    long = pd.DataFrame(rows)
    long["tp"] = long["label"] & long["found"]
    long["fp"] = ~long["label"] & long["found"]
    long["fn"] = long["label"] & ~long["found"]
    long["tn"] = ~long["label"] & ~long["found"]
    table = (long.groupby(["kind", "part"], sort=False)[["tp", "fp", "fn", "tn"]].sum()
             .astype("int64").reset_index())
    table.insert(2, "letters", table[["tp", "fp", "fn", "tn"]].sum(axis=1))
    found = table["tp"] + table["fp"]
    positive = table["tp"] + table["fn"]
    table["precision"] = (table["tp"] / found.where(found > 0)).astype("float64")
    table["recall"] = (table["tp"] / positive.where(positive > 0)).astype("float64")
    return table


def not_caught(folder: str | Path) -> list[tuple[str, str]]:
    """Bad examples the checker lets through: (file name, reason it was written to fail).

    A reason is a part name (the part must be reported missing) or a warning
    code (``too_long``, ``desperate``, ``pressure``, ``exclamations``, ``bitter``).

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters.

    Returns
    -------
    list of (str, str)
        Empty when every bad example is caught for the reason it was written for.
    """
    missed = []
    for item, result in labelled_set(folder):
        for reason in item.written_to_fail:
            caught = (not result.parts[reason]) if reason in result.parts else reason in result.flags
            if not caught:
                missed.append((item.path.name, reason))
    return missed


def intents(folder: str | Path) -> pd.DataFrame:
    """What the checker says each labelled offer reply of a folder does, beside its label.

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters; letters of other kinds are left out.

    Returns
    -------
    pandas.DataFrame
        One row per offer reply: ``letter`` (file name), ``label``, ``found``
        (None when the checker cannot tell) and ``evidence``.
    """
    return pd.DataFrame(
        [{"letter": item.path.name, "label": item.intent, "found": result.intent,
          "evidence": result.intent_evidence}
         for item, result in labelled_set(folder) if item.kind == "offer_reply"],
        columns=["letter", "label", "found", "evidence"])


def folder_digest(folder: str | Path) -> str:
    """A SHA-256 of every file of a folder, names and bytes: a measured set, held as it was."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fallen_below(folder: str | Path, measured: dict[tuple[str, str], tuple[int, int, int, int]]) -> list[str]:
    """Each part that finds fewer than its measured (tp, fp, fn, tn), or credits more wrongly."""
    table = evaluate(folder).set_index(["kind", "part"])
    assert set(table.index) == set(measured)
    below = []
    for (kind, part), (tp, fp, fn, tn) in measured.items():
        now = table.loc[(kind, part)]
        # The labels fix how many letters have the part, so recall holds while tp does.
        assert now["letters"] == tp + fp + fn + tn and now["tp"] + now["fn"] == tp + fn
        if now["tp"] < tp:
            below.append(f"{kind} {part}: recall {now['tp']}/{tp + fn}, was {tp}/{tp + fn}")
        # tp'/(tp'+fp') >= tp/(tp+fp), cross-multiplied so that no rounding decides it.
        if now["tp"] * (tp + fp) < tp * (now["tp"] + now["fp"]):
            below.append(f"{kind} {part}: precision {now['tp']}/{now['tp'] + now['fp']}, "
                         f"was {tp}/{tp + fp}")
    return below
