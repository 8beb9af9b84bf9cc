"""One candidate as the coaching session sees them: their rows, facts, plan and the interview in view.

:class:`CoachingSession` reads the candidate's rows with the store's
per-candidate read and builds their interview facts and plan as of the
session's day; the agenda, composer and logger views follow it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..data.dates import as_day
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook.interview_facts import facts as build_facts
from ..playbook.next_steps import plan as build_plan
from ..words import human_date, in_step_order


class CoachingSession:
    """What the session knows about one candidate, and who to tell when it changes.

    Holds that candidate's rows only (read with the store's per-candidate
    read), their interview facts and plan as of ``today``, and the interview
    the coach is looking at. Views registered with :meth:`register` are called
    after every change, as mpl-interactions' controller does.

    Parameters
    ----------
    store : Store
        Open for writing.
    candidate_id : str
    today : date-like, optional
        The day the plan is for; the computer's date by default.
    """

    def __init__(self, store: Store, candidate_id: str, today=None):
        self.store = store
        self.candidate_id = candidate_id
        self.today = as_day(today)
        self.selected: str | None = None
        self._views: list[Callable[[CoachingSession], None]] = []
        self.reload()
        if self.candidate.empty:
            raise FollowupKitError(f"no candidate '{candidate_id}' in {store.path}; check the id "
                                   "with 'followup-kit export'")

    def reload(self) -> None:
        """Read the candidate's rows again and rebuild their facts and plan."""
        self.candidate, self.interviews, self.events = self.store.tables(self.candidate_id)
        self.facts = build_facts(self.candidate, self.interviews, self.events, as_of=self.today)
        self.plan = build_plan(self.facts, today=self.today)
        if self.selected not in set(self.interviews["interview_id"]):
            first = self.agenda().head(1)
            self.selected = str(first["interview_id"].iloc[0]) if len(first) else None

    def register(self, view: Callable[[CoachingSession], None]) -> None:
        """Call ``view(session)`` now and after every change."""
        self._views.append(view)
        view(self)

    def changed(self) -> None:
        """The store was written: reload and redraw every view once."""
        self.reload()
        for view in self._views:
            view(self)

    def select(self, interview_id: str) -> None:
        """Look at one interview in every view."""
        self.selected = interview_id
        for view in self._views:
            view(self)

    @property
    def name(self) -> str:
        return str(self.candidate["name"].iloc[0])

    def agenda(self) -> pd.DataFrame:
        """The candidate's next steps, overdue first, then soonest; closed ones last."""
        rows = pd.concat([self.facts[["interview_id", "company", "role", "interviewer_name"]],
                          self.plan[["action", "due", "overdue", "flags", "reason"]]], axis=1)
        return in_step_order(rows).reset_index(drop=True)

    def interview_row(self, interview_id: str | None = None) -> dict:
        """One interview's facts as a dict, with the candidate's name and email for letters."""
        interview_id = interview_id or self.selected
        row = self.facts.loc[self.facts["interview_id"] == interview_id]
        if row.empty:
            # An interview dated after today is in the store but not yet in the facts.
            row = self.interviews.loc[self.interviews["interview_id"] == interview_id]
        out = row.iloc[0].to_dict()
        out["candidate_name"] = self.name
        out["candidate_email"] = str(self.candidate["email"].iloc[0])
        return out

    def interview_options(self) -> list[tuple[str, str]]:
        """(label, id) of every interview, the agenda's order: "Acme Ltd, Data analyst (Mon 1 June)"."""
        known = self.agenda()["interview_id"].tolist()
        later = [i for i in self.interviews["interview_id"] if i not in known]
        by_id = self.interviews.set_index("interview_id")
        return [(f"{by_id.loc[i, 'company']}, {by_id.loc[i, 'role']} "
                 f"({human_date(by_id.loc[i, 'interview_date'], today=self.today)})", i)
                for i in [*known, *later]]


__all__ = ["CoachingSession"]
