"""One candidate as the coaching session sees them: their rows, notes, facts, plan and the interview in view.

:class:`CoachingSession` reads the candidate's rows and session notes with
the store's per-candidate reads and builds their interview facts and plan as
of the session's day; the agenda, notes, composer and logger views observe it.
"""

from __future__ import annotations

import pandas as pd
import traitlets as t

from ..data.dates import as_day
from ..data.rounds import number_rounds
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook.interview_facts import facts as build_facts
from ..playbook.next_steps import plan as build_plan
from ..words import application_names, human_date, in_step_order, round_words


class CoachingSession(t.HasTraits):
    """What the session knows about one candidate; the views observe its two traits.

    Holds that candidate's rows only (read with the store's per-candidate
    read), their session notes (newest first), their interview facts and plan as of ``today``, and the interview
    the coach is looking at. A view redraws what it shows from the rows when
    ``revision`` changes and follows ``selected``, as ipywidgets' own widgets
    observe their traits.

    Parameters
    ----------
    store : Store
        Open for writing.
    candidate_id : str
    today : date-like, optional
        The day the plan is for; the computer's date by default.

    Attributes
    ----------
    selected : str or None
        The interview every view is looking at; None for a candidate without interviews.
    revision : int
        How many times the rows were read; one more after every write.
    """

    selected = t.Unicode(None, allow_none=True)
    revision = t.Int(0)

    def __init__(self, store: Store, candidate_id: str, today=None):
        super().__init__()
        self.store = store
        self.candidate_id = candidate_id
        self.today = as_day(today)
        self.reload()
        if self.candidate.empty:
            raise FollowupKitError(f"no candidate '{candidate_id}' in {store.path}; check the id "
                                   "with 'followup-kit export'")

    def reload(self) -> None:
        """Read the candidate's rows and notes again and rebuild their facts and plan.

        The interview looked at stays, or becomes the agenda's first when it is gone.
        """
        with self.hold_trait_notifications():
            self.candidate, self.interviews, self.events = self.store.tables(self.candidate_id)
            self.notes = self.store.notes(self.candidate_id)
            # Every interview's application and round, those not yet held included.
            self.rounds = number_rounds(self.interviews)
            self.facts = build_facts(self.candidate, self.interviews, self.events, as_of=self.today)
            self.plan = build_plan(self.facts, today=self.today)
            # Held notifications go out in the order the traits were first set: the views take
            # the new rows before they follow an interview they may not have listed yet.
            self.revision += 1
            if self.selected not in set(self.interviews["interview_id"]):
                first = self.agenda().head(1)
                self.selected = str(first["interview_id"].iloc[0]) if len(first) else None

    def changed(self, selected: str | None = None) -> None:
        """The store was written: read the rows again, and look at ``selected`` when given.

        Every view redraws once, on the new rows.
        """
        with self.hold_trait_notifications():
            self.reload()
            if selected is not None:
                self.selected = selected

    def select(self, interview_id: str) -> None:
        """Look at one interview in every view; the one already looked at puts every view back on it."""
        if interview_id == self.selected:
            # Setting a trait to the value it has tells no observer, and the views must still go
            # back to it (the composer to the letter of its step, say).
            self.notify_change(t.Bunch(name="selected", old=interview_id, new=interview_id,
                                       owner=self, type="change"))
        else:
            self.selected = interview_id

    @property
    def name(self) -> str:
        return str(self.candidate["name"].iloc[0])

    def agenda(self) -> pd.DataFrame:
        """The candidate's next steps, one per application: overdue first, then soonest; closed ones last.

        Each row is the plan's line of one application (its latest round held),
        with ``company``, ``role``, ``interviewer_name`` and ``application``:
        the name a list shows, the round added where there are several
        ("Kora Bank, Graduate analyst (second interview)").
        """
        about = self.facts[["interview_id", "company", "role", "interviewer_name"]]
        rows = self.plan[["interview_id", "round", "rounds", "action", "due", "overdue", "flags", "reason"]] \
            .merge(about, on="interview_id", how="left", validate="one_to_one")
        rows["application"] = application_names(rows["company"], rows["role"], rows["round"], rows["rounds"])
        return in_step_order(rows).reset_index(drop=True)

    def interview_row(self, interview_id: str | None = None) -> dict:
        """One interview's facts as a dict, with the candidate's name and email for letters."""
        interview_id = interview_id or self.selected
        row = self.facts.loc[self.facts["interview_id"] == interview_id]
        if row.empty:
            # An interview dated after today is in the store but not yet in the facts.
            row = self.rounds.loc[self.rounds["interview_id"] == interview_id]
        out = row.iloc[0].to_dict()
        out["candidate_name"] = self.name
        out["candidate_email"] = str(self.candidate["email"].iloc[0])
        return out

    def interview_options(self) -> list[tuple[str, str]]:
        """(label, id) of every interview, the agenda's order, then the other rounds and interviews to come.

        "Acme Ltd, Data analyst (Monday 1 June)"; a round of an application of
        several says which: "Kora Bank, Graduate analyst, second interview (Monday 20 April)".
        """
        known = self.agenda()["interview_id"].tolist()
        later = [i for i in self.rounds["interview_id"] if i not in known]
        by_id = self.rounds.assign(said=round_words(self.rounds["round"]).to_numpy(),
                                   several=self.rounds.groupby("application_id")["round"].transform("size")
                                   > 1).set_index("interview_id")
        options = []
        for i in [*known, *later]:
            row = by_id.loc[i]
            which = f", {row['said']}" if row["several"] else ""
            options.append((f"{row['company']}, {row['role']}{which} "
                            f"({human_date(row['interview_date'], today=self.today)})", i))
        return options


__all__ = ["CoachingSession"]
