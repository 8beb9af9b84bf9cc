"""The demo's candidate in the committed sample: the example the widget and page tests write about.

Picked from the data as ``followup-kit demo`` picks (the candidate whose plan on
1 November 2026 shows the most kinds of step), with the interviews of their plan
these tests need, so the tests follow the sample when it is drawn again.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup_kit.cli.demo import pick_candidate
from followup_kit.data import schema
from followup_kit.data.rounds import number_rounds
from followup_kit.playbook import facts, plan
from followup_kit.playbook.applications import plan_rows

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = "2026-11-01"


@dataclass(frozen=True)
class DemoCase:
    """The demo candidate's plan, one row per application, and what the sample holds."""

    who: str
    name: str
    cohort: str
    #: The plan's rows in the agenda's order, with the interview's company, role and interviewer.
    steps: pd.DataFrame
    #: Every interview of the candidate, with ``application_id`` and ``round`` worked out.
    interviews: pd.DataFrame
    interview_count: int
    event_count: int

    def step(self, *actions: str) -> pd.Series:
        """The first step (in the agenda's order) whose action is one of ``actions``."""
        found = self.steps[self.steps["action"].isin(actions)]
        assert len(found), f"{self.who} has no step {' or '.join(actions)} on {TODAY}"
        return found.iloc[0]

    @property
    def waiting(self) -> pd.Series:
        """A step still waiting for the employer's answer (patience or a follow-up)."""
        return self.step("wait", "follow_up")

    @property
    def latest_rounds(self) -> set[str]:
        """The interviews the plan speaks for: each application's latest round."""
        iv = self.interviews
        top = iv.groupby("application_id")["round"].transform("max")
        return set(iv.loc[iv["round"] == top, "interview_id"])

    @property
    def next_interview_id(self) -> str:
        return f"I{self.interview_count + 1:07d}"

    @property
    def next_event_id(self) -> str:
        return f"E{self.event_count + 1:08d}"


def first_name(full: str) -> str:
    return full.split(" ", 1)[0]


@functools.cache
def _sample() -> tuple:
    """The sample's tables, its plan rows and the plan on :data:`TODAY`."""
    typed = schema.validate([schema.read_csv(DATA / f"{name}.csv") for name in schema.ORDER])
    candidates, interviews, events = (typed[name] for name in schema.ORDER)
    f = facts(candidates, interviews, events, as_of=TODAY)
    return (candidates, interviews, events), plan_rows(f), plan(f, today=TODAY)


def candidate_waiting_on(at_least: int) -> str:
    """The first candidate (by id) with at least that many interviews waiting for an answer."""
    _, rows, p = _sample()
    waiting = (~rows["responded"].to_numpy(dtype=bool) & (rows["outcome"].astype("str") == "pending").to_numpy()
               & p["action"].astype("str").isin(["wait", "follow_up"]).to_numpy())
    per = pd.Series(waiting).groupby(rows["candidate_id"].to_numpy()).sum()
    return str(per.index[(per >= at_least).to_numpy()][0])


@functools.cache
def demo_case() -> DemoCase:
    """The demo candidate as the sample in ``data/`` has them on :data:`TODAY`."""
    (candidates, interviews, events), rows, p = _sample()
    who = pick_candidate(rows, p)
    mine = (rows["candidate_id"] == who).to_numpy()
    detail = interviews.set_index("interview_id")[["company", "role", "interviewer_name",
                                                   "interviewer_email", "interview_date"]]
    steps = pd.DataFrame({"interview_id": rows.loc[mine, "interview_id"].to_numpy(),
                          "action": p.loc[mine, "action"].astype("str").to_numpy(),
                          "overdue": p.loc[mine, "overdue"].to_numpy(dtype=bool),
                          "due": p.loc[mine, "due"].to_numpy(),
                          "reason": p.loc[mine, "reason"].to_numpy()})
    steps = steps.join(detail, on="interview_id")
    # The agenda's order: overdue first, then by due date, closed steps last.
    steps = steps.sort_values(["overdue", "due"], ascending=[False, True], na_position="last",
                              kind="stable").reset_index(drop=True)
    person = candidates.set_index("candidate_id").loc[who]
    theirs = number_rounds(interviews[interviews["candidate_id"] == who].reset_index(drop=True))
    return DemoCase(who=who, name=str(person["name"]), cohort=str(person["cohort"]), steps=steps,
                    interviews=theirs, interview_count=len(interviews), event_count=len(events))


def another_with_a_letter(than: str) -> str:
    """The first candidate (by id) other than ``than`` with a thank-you letter to write on :data:`TODAY`.

    Their page drafts the letter, which they sign, so their own name is on it.
    """
    _, rows, p = _sample()
    writing = (p["action"].astype("str") == "send_thank_you").to_numpy() & (rows["candidate_id"] != than).to_numpy()
    return str(sorted(rows.loc[writing, "candidate_id"])[0])
