"""Labelled mailbox sets (tests/data/mail and the like): scan each candidate's exports, score per kind.

A set is laid out as a real run is (see tests/data/mail/README.md): the store's CSV files,
``scan.csv`` (whose sources, which other addresses) and ``labels.csv`` (one row per message: the
event a coach would log from it, or why none). A message is scored once by its id (a copy seen
twice has a ``duplicate`` row beside the labelled one); a proposal is right when its kind and its
interview both are.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd

from followup_kit.data import schema
from followup_kit.data.csv_files import read_csv
from followup_kit.inbox.propose import Proposed, propose
from followup_kit.inbox.sources import read_sources
from followup_kit.stats.rates import wilson_interval

#: The kinds a scan proposes, in the order a table lists them.
KINDS = ("thank_you_sent", "follow_up_sent", "reply_sent", "employer_response", "next_round", "offer", "rejection")


def _table(folder: Path, name: str) -> pd.DataFrame:
    return schema.typed(schema.TABLES[name], read_csv(folder / f"{name}.csv").frame)


@lru_cache(maxsize=4)
def scanned(folder: str | Path) -> tuple[tuple[str, Proposed], ...]:
    """(candidate_id, what propose found) for every candidate of ``scan.csv``, read once per folder."""
    folder = Path(folder)
    candidates, interviews, events = (_table(folder, name) for name in ("candidates", "interviews", "events"))
    plan = pd.read_csv(folder / "scan.csv", dtype=str, keep_default_na=False)
    out = []
    for row in plan.itertuples():
        candidate = candidates.loc[candidates["candidate_id"] == row.candidate_id].iloc[0].to_dict()
        theirs = interviews.loc[interviews["candidate_id"] == row.candidate_id]
        logged = events.loc[events["interview_id"].isin(theirs["interview_id"])]
        found = read_sources([folder / source for source in row.sources.split()], progress=False)
        out.append((row.candidate_id, propose(found, candidate=candidate, interviews=theirs, events=logged,
                                              addresses=row.extra_addresses.split())))
    return tuple(out)


def compared(folder: str | Path) -> pd.DataFrame:
    """One row per labelled message: its label beside what was proposed for it (empty: nothing).

    Columns ``candidate_id``, ``message_id``, ``interview_id``, ``kind``, ``to_interviewer``
    (labelled) and ``proposed_interview``, ``proposed_kind``, ``proposed_to_interviewer``.
    """
    folder = Path(folder)
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    # The copy labelled with a kind stands for the message; its duplicate row is the same message.
    labels = (labels.assign(_unlabelled=labels["kind"] == "")
              .sort_values("_unlabelled", kind="stable")
              .drop_duplicates(["candidate_id", "message_id"])
              .drop(columns="_unlabelled"))
    proposed = pd.concat(
        [result.proposals.assign(candidate_id=candidate) for candidate, result in scanned(folder)], ignore_index=True)
    proposed = proposed.rename(columns={"interview_id": "proposed_interview", "kind": "proposed_kind",
                                        "to_interviewer": "proposed_to_interviewer"})
    both = labels.merge(proposed[["candidate_id", "message_id", "proposed_interview", "proposed_kind",
                                  "proposed_to_interviewer"]], on=["candidate_id", "message_id"], how="outer")
    for name in ("kind", "proposed_kind", "interview_id", "proposed_interview"):
        both[name] = both[name].fillna("").astype("str")
    return both


def scores(folder: str | Path) -> pd.DataFrame:
    """Per kind: labelled, proposed, right (tp), precision and recall with their Wilson 95% intervals."""
    both = compared(folder)
    right = (both["kind"] == both["proposed_kind"]) & (both["interview_id"] == both["proposed_interview"])
    rows = []
    for kind in KINDS:
        labelled = int((both["kind"] == kind).sum())
        proposed = int((both["proposed_kind"] == kind).sum())
        tp = int(((both["kind"] == kind) & right).sum())
        rows.append({"kind": kind, "labelled": labelled, "proposed": proposed, "tp": tp})
    table = pd.DataFrame(rows)
    for name, trials in (("precision", "proposed"), ("recall", "labelled")):
        rate, low, high = wilson_interval(table["tp"].to_numpy(), table[trials].to_numpy())
        table[name], table[f"{name}_low"], table[f"{name}_high"] = rate, low, high
    return table


def wrongly_addressed(folder: str | Path) -> pd.DataFrame:
    """The candidate's proposed messages whose ``to_interviewer`` differs from the label."""
    both = compared(folder)
    sent = both.loc[(both["proposed_kind"] != "") & (both["to_interviewer"].fillna("") != "")]
    said = sent["proposed_to_interviewer"].map({True: "true", False: "false"}).fillna("")
    return sent.loc[sent["to_interviewer"].str.lower() != said]


def mistakes(folder: str | Path) -> pd.DataFrame:
    """The messages proposed wrongly or missed: label and proposal side by side, with the label's comment."""
    both = compared(folder)
    wrong = (both["kind"] != both["proposed_kind"]) | ((both["kind"] != "") & (both["interview_id"]
                                                                              != both["proposed_interview"]))
    return both.loc[wrong, ["candidate_id", "message_id", "interview_id", "kind", "why", "proposed_interview",
                            "proposed_kind", "comment"]]


def tree_digest(folder: str | Path) -> str:
    """A SHA-256 of every file under a folder, by path and bytes: a measured set, held as it was."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fallen_below(folder: str | Path, held: dict[str, tuple[int, int, int]]) -> list[str]:
    """The kinds a set is now read worse on than ``held`` says: fewer right, or a smaller share of proposals.

    ``held`` maps each kind to (labelled, proposed, right) as once measured; a kind
    whose count of labelled messages differs means the set is not the one measured.
    """
    table = scores(folder).set_index("kind")
    worse = []
    for kind, (labelled, proposed, right) in held.items():
        now = table.loc[kind]
        if int(now["labelled"]) != labelled:
            worse.append(f"{kind}: {int(now['labelled'])} messages labelled, {labelled} when measured")
        # right'/proposed' >= right/proposed, cross-multiplied so that no rounding decides it.
        elif now["tp"] < right or now["tp"] * proposed < right * now["proposed"]:
            worse.append(f"{kind}: {int(now['tp'])} of {int(now['proposed'])} proposals right, "
                         f"held at {right} of {proposed}")
    return worse


def only_raised(held: dict[str, tuple[int, int, int]], measured: dict[str, tuple[int, int, int]]) -> list[str]:
    """The kinds whose held floor is below the measured one (a floor may only ever be raised)."""
    return [kind for kind, (labelled, proposed, right) in held.items()
            if labelled != measured[kind][0] or right < measured[kind][2]
            or right * measured[kind][1] < measured[kind][2] * proposed]
