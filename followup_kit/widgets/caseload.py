"""The coach's caseload: who needs them soon, a search box and filters, and a candidate's session below.

A coach starts the day here rather than with an id: one row per candidate
with a step overdue or due soon (:func:`followup_kit.playbook.caseload.caseload`
says which and in what order). Typing part of a name, an email, an id or a
company narrows the rows; choosing a candidate opens their coaching session
(:func:`~followup_kit.widgets.coaching.coaching_session`) under the table, in
place of the one open before. What the coach logs or notes there shows in
the candidate's row at once.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd
import traitlets as t

from ..data.dates import as_day
from ..data.lookup import same_name
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook.caseload import caseload, matching, search_text
from ..playbook.interview_facts import facts as build_facts
from ..playbook.next_steps import plan as build_plan
from ..words import ACTION_WORDS, human_date, human_dates, plural, step_when
from .coaching import coaching_session
from .common import WIDE, html_table, message, says_errors, show_html, writable_store

#: What the coach and cohort menus say for "no filter".
ALL_COACHES, ALL_COHORTS = "all coaches", "all cohorts"
#: The "due within" control's default and its longest reach, in days.
WITHIN_DAYS, MOST_DAYS = 7, 365
#: The candidate menu's first line: nobody chosen yet.
CHOOSE = "choose a candidate to open their session"
#: The value of each menu's first line ("all coaches", nobody chosen): a menu shows None as a blank.
NONE = ""


def known_coach(given: str | None, coaches: list[str]) -> str | None:
    """The coach of ``coaches`` that ``given`` names (any case); None for none or blank.

    An unknown name raises, listing the coaches there are.
    """
    if given is None or not given.strip():
        return None
    coach = same_name(given, coaches)
    if coach is not None:
        return coach
    there = ", ".join(coaches) if coaches else "none yet"
    raise FollowupKitError(f"coach: nobody's coach is called {given.strip()!r}; the coaches are: {there}")


class CaseloadController(t.HasTraits):
    """The caseload's state: whose candidates, which rows count, and who is chosen; the view observes it.

    Only the chosen coach's candidates' rows are read from the store (all of
    them for "all coaches"); their facts and plan are built once, and the
    cohort, the "due within" days and the search work on those. A candidate's
    own rows are rebuilt after a write in their session, nobody else's.

    Parameters
    ----------
    store : Store
        Open for writing (the sessions opened from the caseload write to it).
    today : date-like, optional
        The day the caseload is for; the computer's date by default.
    coach : str, optional
        Whose caseload to show first; None for every coach's.

    Attributes
    ----------
    coach, cohort : str or None
        The filters; None for all.
    within : int
        Steps due within this many days count (overdue ones always do).
    search : str
        What the coach typed in the search box.
    chosen : str or None
        The candidate whose session is open.
    table : DataFrame
        The caseload (:data:`~followup_kit.playbook.caseload.CASELOAD_COLUMNS`) of the coach and cohort.
    shown : DataFrame
        Its rows that match ``search``.
    """

    coach = t.Unicode(None, allow_none=True)
    cohort = t.Unicode(None, allow_none=True)
    within = t.Int(WITHIN_DAYS)
    search = t.Unicode("")
    chosen = t.Unicode(None, allow_none=True)
    #: One more each time ``shown`` changes.
    revision = t.Int(0)

    def __init__(self, store: Store, today=None, coach: str | None = None):
        super().__init__()
        self.store = store
        self.today = as_day(today)
        self.coaches = store.coaches()
        self._quiet = True
        self.coach = known_coach(coach, self.coaches)
        self._quiet = False
        self.load()

    @t.validate("within")
    def _within_days(self, proposal: t.Bunch) -> int:
        days = proposal["value"]
        if not 0 <= days <= MOST_DAYS:
            raise FollowupKitError(f"due within: {days} days; give 0 to {MOST_DAYS}")
        return days

    @t.observe("coach")
    def _coach_changed(self, _=None) -> None:
        if not self._quiet:
            self.load()

    @t.observe("cohort", "within")
    def _rows_changed(self, _=None) -> None:
        if not self._quiet:
            self.recount()

    @t.observe("search")
    def _search_changed(self, _=None) -> None:
        self.narrow()

    def load(self) -> None:
        """Read the coach's candidates' rows and build their facts and plan, then the caseload."""
        ids = None if self.coach is None else self.store.caseload_ids(self.coach)
        self.candidates, interviews, events = self.store.tables(ids)
        self.facts = build_facts(self.candidates, interviews, events, as_of=self.today)
        self.steps = build_plan(self.facts, today=self.today)
        self.last_notes = self.store.last_note_dates(ids)
        self.cohorts = sorted(self.candidates["cohort"].dropna().unique().tolist())
        if self.cohort not in self.cohorts:
            # Another coach's candidates may not be in the cohort chosen before.
            self._quiet = True
            self.cohort = None
            self._quiet = False
        self.recount()

    def recount(self) -> None:
        """The caseload again from the facts and plan in hand, for the cohort and days chosen."""
        self.table = caseload(self.facts, self.candidates, today=self.today, within_days=self.within,
                              cohort=self.cohort, last_notes=self.last_notes, steps=self.steps)
        self.haystack = search_text(self.table, self.candidates, self.facts)
        self.narrow()

    def narrow(self) -> None:
        """The rows of the caseload that match the search box."""
        self.shown = matching(self.table, self.search, self.haystack)
        self.revision += 1

    def renew(self, candidate_id: str, facts: pd.DataFrame, steps: pd.DataFrame,
              candidate: pd.DataFrame | None = None) -> None:
        """Put one candidate's new facts and plan (after a write in their session) in their row.

        Only their rows change, and their latest note is read again; the
        other candidates' facts and plan stay as they were.
        """
        if candidate_id not in set(self.candidates["candidate_id"]):
            return
        others = self.facts["candidate_id"] != candidate_id
        gone = set(self.facts.loc[~others, "interview_id"])
        self.facts = pd.concat([self.facts.loc[others], facts], ignore_index=True)
        self.steps = pd.concat([self.steps.loc[~self.steps["interview_id"].isin(gone)], steps],
                               ignore_index=True)
        if candidate is not None:
            rows = self.candidates["candidate_id"] == candidate_id
            self.candidates = pd.concat([self.candidates.loc[~rows], candidate], ignore_index=True)
        latest = self.store.last_note_dates([candidate_id])
        self.last_notes = pd.concat([self.last_notes.drop(candidate_id, errors="ignore"), latest])
        self.recount()


def caseload_rows(table: pd.DataFrame, today) -> pd.DataFrame:
    """The caseload as a coach reads it: one line per candidate, the step and its day in words."""
    actions = table["action"].astype("str")
    when = [step_when(a, d, today=today) for a, d in zip(actions, table["due"], strict=True)]
    return pd.DataFrame({
        "candidate": table["name"] + " (" + table["candidate_id"] + ")",
        "cohort": table["cohort"].fillna("-"),
        "coach": table["coach"].fillna("-"),
        "next step": [ACTION_WORDS[a][0] for a in actions],
        "application": (table["company"].fillna("") + ", " + table["role"].fillna("")).str.strip(", "),
        "when": [("OVERDUE, " + w if o else w) or "-" for w, o in zip(when, table["overdue"], strict=True)],
        "steps due": table["steps_due"].astype("str"),
        "last note": human_dates(table["last_note"], today=today).fillna("-"),
    })


def caseload_view(store_or_path: Store | str | Path, coach: str | None = None, today=None,
                  display: bool = False) -> tuple[w.VBox, dict]:
    """The coach's caseload, with a search box and filters; choosing a candidate opens their session below.

    Parameters
    ----------
    store_or_path : Store, str or Path
        The store to read and write (a path is opened for writing, in each
        thread the kernel answers the widgets from).
    coach : str, optional
        Whose caseload to open on (any case); None for every coach's. A name
        that is nobody's coach shows as a message listing the coaches, and the
        caseload opens on every coach's.
    today : date-like, optional
        The day the caseload is for; the computer's date by default.
    display : bool
        Show it at once (in a notebook); False returns it unshown, e.g. in a test.

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``controller`` (the :class:`CaseloadController`), ``search`` (Text),
        ``coach`` and ``cohort`` (Dropdowns, ``""`` for all), ``within``
        (BoundedIntText, days), ``table`` (Output), ``candidate`` (Dropdown of
        the rows shown, ``""`` for none: choosing one opens their session), ``message`` (HTML),
        ``session`` (the open session's parts dict, None before one is
        chosen) and ``sessions`` (the Box it shows in).

    Examples
    --------
    In a notebook cell (``notebooks/coaching_session.ipynb`` does this)::

        box, parts = caseload_view("../data/demo.db", coach="Ruth Amos", today="2026-11-01")
        box
    """
    store = writable_store(store_or_path)
    said = w.HTML()
    try:
        controller = CaseloadController(store, today=today, coach=coach)
    except FollowupKitError as exc:
        if coach is None:
            raise
        said.value = message("error", str(exc))
        controller = CaseloadController(store, today=today)
    label = {"style": {"description_width": "initial"}}
    search = w.Text(description="find", placeholder="part of a name, an email, an id or a company",
                    continuous_update=True, layout=w.Layout(width="100%", max_width="420px"), **label)
    coaches = w.Dropdown(description="coach", options=[(ALL_COACHES, NONE), *((c, c) for c in controller.coaches)],
                         value=controller.coach or NONE, layout=w.Layout(width="auto", max_width="260px"), **label)
    cohorts = w.Dropdown(description="cohort", layout=w.Layout(width="auto", max_width="220px"), **label)
    within = w.BoundedIntText(description="due within (days)", value=controller.within, min=0, max=MOST_DAYS,
                              layout=w.Layout(width="170px"), **label)
    table = w.Output(layout=WIDE)
    chooser = w.Dropdown(description="open", layout=w.Layout(width="100%", max_width="640px"), **label)
    sessions = w.VBox(layout=WIDE)
    parts = {"controller": controller, "search": search, "coach": coaches, "cohort": cohorts, "within": within,
             "table": table, "candidate": chooser, "message": said, "session": None, "sessions": sessions}
    syncing = {"now": False}

    def quietly(widget: w.ValueWidget, **values) -> None:
        # The caseload sets these, not the coach: no callback runs for them.
        syncing["now"] = True
        try:
            for name, value in values.items():
                setattr(widget, name, value)
        finally:
            syncing["now"] = False

    def redraw(_=None) -> None:
        rows = controller.shown
        whose = controller.coach or ALL_COACHES
        overdue = int(controller.table["overdue"].sum())
        caption = (f"{whose}: {plural(len(controller.table), 'candidate')} with a step overdue or due within "
                   f"{plural(controller.within, 'day')} of {human_date(controller.today, with_year=True)}"
                   f" ({overdue} overdue)")
        if controller.search.strip():
            caption += f"; {len(rows)} match \u201c{controller.search.strip()}\u201d"
        if rows.empty:
            show_html(table, message("note", caption + ". Nobody to show."))
        else:
            shown = caseload_rows(rows, controller.today)
            show_html(table, html_table(shown, caption=caption, numeric=["steps due"],
                                        row_classes=["overdue" if o else "" for o in rows["overdue"]]),
                      text=shown.to_string(index=False))
        options = [(CHOOSE, NONE), *((f"{n} ({i})", i) for n, i in
                                     zip(rows["name"], rows["candidate_id"], strict=True))]
        keep = controller.chosen if controller.chosen in set(rows["candidate_id"]) else NONE
        quietly(chooser, options=options, value=keep)

    def fill_cohorts() -> None:
        quietly(cohorts, options=[(ALL_COHORTS, NONE), *((c, c) for c in controller.cohorts)],
                value=controller.cohort or NONE)

    def set_trait(name: str, menu: bool = False):
        @says_errors(said, f"show that {name}")
        def apply(change: dict) -> None:
            if not syncing["now"]:
                setattr(controller, name, None if menu and change["new"] == NONE else change["new"])
        return apply

    @says_errors(said, "show that coach's caseload")
    def coach_chosen(change: dict) -> None:
        if not syncing["now"]:
            controller.coach = change["new"] or None
            fill_cohorts()

    @says_errors(said, "open the session")
    def candidate_chosen(change: dict) -> None:
        if syncing["now"] or not change["new"]:
            return
        open_session(change["new"])

    def open_session(candidate_id: str) -> None:
        box, session_parts = coaching_session(store, candidate_id, today=controller.today, coach=controller.coach)
        session = session_parts["session"]

        def written(_=None) -> None:
            controller.renew(candidate_id, session.facts, session.plan, session.candidate)

        session.observe(says_errors(said, "update the caseload row")(written), names="revision")
        parts["session"] = session_parts
        controller.chosen = candidate_id
        sessions.children = [box]
        keep = candidate_id if candidate_id in set(controller.shown["candidate_id"]) else NONE
        quietly(chooser, value=keep)

    search.observe(set_trait("search"), names="value")
    cohorts.observe(set_trait("cohort", menu=True), names="value")
    within.observe(set_trait("within"), names="value")
    coaches.observe(coach_chosen, names="value")
    chooser.observe(candidate_chosen, names="value")
    controller.observe(redraw, names="revision")
    fill_cohorts()
    redraw()
    filters = w.HBox([search, coaches, cohorts, within], layout=w.Layout(width="100%", flex_flow="row wrap"))
    title = w.HTML(f'<h3 style="margin:4px 0">Caseload <span style="font-weight:normal;color:#555">'
                   f'{html.escape(human_date(controller.today, with_year=True))}</span></h3>')
    box = w.VBox([title, filters, said, table, chooser, sessions],
                 layout=w.Layout(width="100%", max_width="1100px"))
    parts["open"] = open_session
    if display:
        from IPython.display import display as show

        show(box)
    return box, parts


__all__ = ["ALL_COACHES", "ALL_COHORTS", "NONE", "CaseloadController", "caseload_rows", "caseload_view", "known_coach"]
