"""The candidate's own read-only view: next steps, the patience meter, a timeline, letters to copy.

It opens from the link a coach sends, often on a phone, so it shows one
candidate only and keeps nothing of anyone else: the candidate's own rows,
and for the patience meter the count tables of their cohort (aggregates, no
names). Everything it says comes from the layers below:
:func:`followup_kit.facts` and :func:`followup_kit.plan` for the steps,
:mod:`followup_kit.stats` for the meter, :func:`followup_kit.timeline.timeline_svg`
for the picture (an SVG the browser draws, sharp at any width) and :func:`followup_kit.draft` for the letters.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd
import traitlets as t

from ..data.dates import as_day
from ..data.store import Store
from ..errors import FollowupKitError
from ..letters.drafts import Letter, draft
from ..playbook.interview_facts import facts as build_facts
from ..playbook.next_steps import LETTER_FOR
from ..playbook.next_steps import plan as build_plan
from ..stats.counts import Counts
from ..stats.one_cohort import cohort_day_counts, counts_of_cohort, read_candidate
from ..stats.survival import chance_from_curve, curve_from_counts
from ..timeline import timeline_svg, timeline_words
from ..words import ACTION_WORDS, application_names, human_date, in_step_order, plural
from .common import Progress, on_value, svg_image

#: What each letter is called over its draft.
LETTER_TITLES = {"thank_you": "Thank-you letter", "follow_up": "Follow-up letter",
                 "rejection_reply": "Reply to the rejection", "offer_reply": "Reply to the offer"}
#: The steps during which an interview with no answer is waiting on the employer.
WAITING_ACTIONS = ("wait", "follow_up")
#: Stands in for the candidate's strengths in a thank-you draft until they write their own.
STRENGTH_PLACEHOLDER = "<one of your strengths>"
WITHIN_DEFAULT, WITHIN_MIN, WITHIN_MAX = 30, 7, 60

# Phones first: nothing wider than the screen, text at 16px, long words broken rather
# than pushing the page sideways.
VIEW_CSS = (
    "<style>"
    ".fk-cv{font-size:16px;line-height:1.5;max-width:100%;overflow-wrap:anywhere}"
    ".fk-cv h2{font-size:20px;margin:16px 0 6px}"
    ".fk-cv h3{font-size:17px;margin:12px 0 4px}"
    ".fk-cv ol,.fk-cv ul{padding-left:1.3em;margin:4px 0}"
    ".fk-cv li{margin:0 0 10px}"
    ".fk-cv .fk-where{color:#333}"
    ".fk-cv .fk-late{font-weight:700}"
    ".fk-cv .fk-small{font-size:14px;color:#333}"
    ".fk-cv pre{white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;font-size:14px;"
    "background:#f5f5f5;border:1px solid #767676;padding:8px;margin:4px 0;user-select:all}"
    ".fk-meter{position:relative;width:100%;max-width:360px;height:22px;border:2px solid #222;"
    "background:#fff;box-sizing:border-box}"
    ".fk-meter>div{height:100%;background:#0072B2}"
    "</style>"
)
_PAGE = {"width": "100%", "max_width": "720px"}


def _layout(**extra) -> w.Layout:
    return w.Layout(**{**_PAGE, **extra})


def _section(markup: str) -> str:
    return f'{VIEW_CSS}<div class="fk-cv">{markup}</div>'


def _percent(chance: float) -> str:
    """A share as people write it: whole percents, never "0%" or "100%" for what is neither."""
    shown = round(100 * chance)
    if shown == 0 and chance > 0:
        return "less than 1%"
    if shown == 100 and chance < 1:
        return "more than 99%"
    return f"{shown}%"


class CandidateController(t.HasTraits):
    """Holds what one candidate sees and the meter's choices; the meter's views observe the choices.

    The steps, timeline and letters are drawn once; the meter's view observes
    ``within`` and ``interview_id`` and redraws after each change, as
    ipywidgets' own widgets observe their traits. The meter is measured again
    before any view hears of the change.

    Parameters
    ----------
    candidate : dict
        The candidate's ``candidate_id``, ``name``, ``email`` and ``cohort``.
    interviews : DataFrame
        The candidate's rows of the interviews table (what letters are drafted from).
    facts : DataFrame
        The candidate's interview facts.
    plan : DataFrame
        Their plan, as :func:`followup_kit.plan` returns it.
    days, groups : DataFrame
        The day counts and group counts of the candidate's cohort, one group.
    today : numpy.datetime64
        The day the view describes.

    Attributes
    ----------
    steps : DataFrame
        The plan in the order shown (open steps first, overdue first, then by
        date), one line per application, with ``company``, ``role`` and
        ``application`` (the name shown, with the round where there are several).
    waiting : DataFrame
        The interviews still waiting for the employer's answer (``interview_id``,
        ``company``, ``role``, ``response_days``), in the order of ``steps``.
    curve : DataFrame
        The cohort's response curve.
    within : int
        The days ahead the meter looks (a trait).
    interview_id : str or None
        The waiting interview the meter is about (a trait: one that is not waiting raises
        FollowupKitError); None when nothing waits.
    meter : pandas.Series or None
        The row of :func:`~followup_kit.stats.survival.chance_from_curve` for the current choice.
    letters : list of (str, str, Letter)
        Interview id, step and draft for every open step that has a letter.
    timeline : str or None
        The timeline as drawn (an SVG document); None for a candidate without interviews.
    """

    within = t.Int(WITHIN_DEFAULT)
    interview_id = t.Unicode(None, allow_none=True)

    def __init__(self, candidate: dict, interviews: pd.DataFrame, facts: pd.DataFrame,
                 plan: pd.DataFrame, days: pd.DataFrame, groups: pd.DataFrame,
                 today: np.datetime64):
        super().__init__()
        self.candidate = candidate
        self.interviews = interviews
        self.facts = facts
        self.plan = plan
        self.today = today
        self.curve = curve_from_counts(days, None)
        self.groups = groups
        self.steps = self._order_steps()
        open_wait = (~self.steps["responded"] & (self.steps["outcome"] == "pending")
                     & self.steps["action"].isin(WAITING_ACTIONS))
        self.waiting = self.steps.loc[open_wait, ["interview_id", "company", "role",
                                                  "response_days"]].reset_index(drop=True)
        self.meter: pd.Series | None = None
        self.letters = self._draft_letters()
        self.timeline: str | None = None
        self.interview_id = self.waiting["interview_id"].iloc[0] if len(self.waiting) else None
        self._measure()
        # Observing before any view does, the meter is measured again before a view redraws it.
        self.observe(self._measure, names=["within", "interview_id"])

    def _order_steps(self) -> pd.DataFrame:
        about = self.facts[["interview_id", "company", "role", "responded", "outcome",
                            "response_days"]]
        steps = self.plan.merge(about, on="interview_id", how="left", validate="one_to_one")
        steps["application"] = application_names(steps["company"], steps["role"], steps["round"],
                                                 steps["rounds"])
        return in_step_order(steps).reset_index(drop=True)

    def _draft_letters(self) -> list[tuple[str, str, Letter]]:
        person = {"name": self.candidate["name"], "email": self.candidate["email"]}
        by_id = self.interviews.set_index("interview_id")
        letters = []
        for iid, action, round_ in zip(self.steps["interview_id"], self.steps["action"].astype("str"),
                                       self.steps["round"], strict=True):
            if action not in LETTER_FOR:
                continue
            kind = LETTER_FOR[action]
            # Only the candidate knows their strengths; the draft holds a place for them.
            strengths = [STRENGTH_PLACEHOLDER] if kind == "thank_you" else None
            # The round as the plan numbered it: the stored row may leave it blank.
            interview = {**by_id.loc[iid].to_dict(), "round": int(round_)}
            letters.append((iid, action, draft(interview, kind=kind,
                                               strengths=strengths, candidate=person,
                                               today=self.today)))
        return letters

    @t.validate("interview_id")
    def _waiting(self, proposal: t.Bunch) -> str:
        interview_id = proposal["value"]
        if interview_id not in set(self.waiting["interview_id"]):
            raise FollowupKitError(f"'{interview_id}' is not one of your interviews waiting "
                                   "for an answer")
        return interview_id

    def _measure(self, _=None) -> None:
        if self.interview_id is None:
            self.meter = None
            return
        self.meter = chance_from_curve(self.curve, self.groups, self.waited_days,
                                       self.within).iloc[0]

    @property
    def waited_days(self) -> int | None:
        """How many days the chosen interview has waited for an answer."""
        if self.interview_id is None:
            return None
        chosen = self.waiting.loc[self.waiting["interview_id"] == self.interview_id]
        return int(chosen["response_days"].iloc[0])

    @property
    def chance(self) -> float | None:
        """The chance an answer still comes within :attr:`within` days; NaN with no basis, None when nothing waits."""
        return None if self.meter is None else float(self.meter["chance"])


def steps_markup(controller: CandidateController) -> str:
    """The next steps as a list: what to do, by or from when, and the reason in plain words."""
    today = controller.today
    steps = controller.steps
    items = {False: [], True: []}
    for row in steps.itertuples(index=False):
        action = str(row.action)
        what, word = ACTION_WORDS[action]
        what = what[:1].upper() + what[1:]
        when = ""
        if word and pd.notna(row.due):
            when = f" {word} {html.escape(human_date(row.due, today=today))}"
        late = ' <span class="fk-late">(overdue)</span>' if row.overdue else ""
        items[action == "none"].append(
            f"<li><b>{html.escape(what)}</b>{when}{late}<br>"
            f'<span class="fk-where">{html.escape(row.application)}</span><br>'
            f"{html.escape(row.reason)}</li>")
    heading = f"<h2>Your next steps on {html.escape(human_date(today, today=today))}</h2>"
    if steps.empty:
        return _section(f"{heading}<p>No interviews yet: your coach adds them as they come.</p>")
    body = f"<ol>{''.join(items[False])}</ol>" if items[False] else "<p>Nothing to do right now.</p>"
    if items[True]:
        body += f"<h3>Done for now</h3><ul>{''.join(items[True])}</ul>"
    return _section(heading + body)


def meter_sentence(controller: CandidateController) -> str:
    """What the patience meter says, in sentences."""
    if controller.meter is None:
        return _section("<p>None of your interviews is waiting for an employer's answer right "
                        "now, so there is no wait to measure.</p>")
    chosen = controller.waiting.loc[controller.waiting["interview_id"] == controller.interview_id]
    company, role = chosen["company"].iloc[0], chosen["role"].iloc[0]
    waited, within = plural(controller.waited_days, "day"), plural(controller.within, "day")
    lead = (f"<p>Your {html.escape(role)} interview at {html.escape(company)} has waited "
            f"{waited} for an answer.</p>")
    chance = controller.chance
    if math.isnan(chance):
        return _section(
            f"{lead}<p>No interview like yours in the data had waited {waited} without an "
            "answer, so the data give no basis for a chance yet. That is no bad sign in itself; "
            "the next steps above say when to follow up.</p>")
    basis = int(controller.meter["still_waiting"])
    small = (f"From the {basis:,} interviews in your cohort ({html.escape(controller.candidate['cohort'])}) "
             f"that had waited that long.")
    if controller.meter["note"]:
        small += f" Note: {html.escape(controller.meter['note'])}."
    return _section(
        f"{lead}<p>Of interviews like yours that had waited {waited} without an answer, "
        f"<b>{_percent(chance)}</b> still got one within the next {within}.</p>"
        f'<p class="fk-small">{small}</p>')


def gauge_markup(controller: CandidateController) -> str:
    """The chance as a bar with its number beside it, announced to screen readers as a meter."""
    chance = controller.chance
    if chance is None or math.isnan(chance):
        return ""
    value = round(100 * chance, 1)
    said = f"{_percent(chance)} chance of an answer within {plural(controller.within, 'day')}"
    return _section(
        f'<div class="fk-meter" role="meter" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{value:g}" aria-valuetext="{html.escape(said)}" '
        f'aria-label="Chance of an answer within {plural(controller.within, "day")}">'
        f'<div style="width:{value:g}%"></div></div>'
        f'<p class="fk-small" aria-hidden="true">{html.escape(said)}</p>')


def show_meter(controller: CandidateController, sentence: w.HTML, gauge: w.HTML, controls: w.Box,
               waiting: w.Dropdown) -> None:
    """Write the meter's sentence and gauge now and after each change of its choices.

    What has nothing to say is hidden: the gauge without a chance, the
    choices when nothing waits, the interview menu when only one waits.
    """

    def view(_=None) -> None:
        sentence.value = meter_sentence(controller)
        gauge.value = gauge_markup(controller)
        gauge.layout.display = "" if gauge.value else "none"
        controls.layout.display = "none" if controller.meter is None else "flex"
        waiting.layout.display = "" if len(controller.waiting) > 1 else "none"

    view()
    controller.observe(view, names=["within", "interview_id"])


def show_steps(controller: CandidateController, steps: w.HTML) -> None:
    """Write the next steps."""
    steps.value = steps_markup(controller)


def show_timeline(controller: CandidateController, picture: w.HTML) -> None:
    """Draw the candidate's timeline as one picture that scales to the width (``controller.timeline``)."""
    f = controller.facts
    if f.empty:
        controller.timeline = None
        picture.value = _section("<p>Your timeline appears here after your first interview.</p>")
        return
    controller.timeline = timeline_svg(f, today=controller.today)
    picture.value = svg_image(controller.timeline, timeline_words(f, today=controller.today))


def letter_markup(heading: str, letter: Letter, when: str, placeholder: bool) -> str:
    """One draft to copy: heading, recipient, when to send it, subject, text, and a mail-app link."""
    hint = (f'<p class="fk-small">Replace {html.escape(STRENGTH_PLACEHOLDER)} with something '
            "you showed in the interview before you send it.</p>") if placeholder else ""
    link = ""
    if letter.to_email:
        link = (f'<p><a href="{html.escape(letter.mailto())}">Open this draft in your email '
                "app</a></p>")
    to = f"<p><b>To:</b> {html.escape(letter.to_name or '')}"
    to += f" ({html.escape(when)})</p>" if when else "</p>"
    return _section(
        f"<h3>{html.escape(heading)}</h3>{to}{hint}"
        f"<p><b>Subject:</b> {html.escape(letter.subject)}</p>"
        f"<pre>{html.escape(letter.body)}</pre>{link}")


def show_letters(controller: CandidateController, drafts: w.VBox) -> None:
    """List a draft for every open step that has a letter, in the steps' order."""
    shown = []
    steps = controller.steps.set_index("interview_id")
    for iid, action, letter in controller.letters:
        kind = LETTER_FOR[action]
        label = LETTER_TITLES[kind]
        step = steps.loc[iid]
        when = ""
        if pd.notna(step["due"]):
            when = (f"send it {ACTION_WORDS[action][1]} "
                    f"{human_date(step['due'], today=controller.today)}"
                    + (", overdue" if step["overdue"] else ""))
        shown.append(w.HTML(letter_markup(f"{label}: {step['company']}", letter, when,
                                          kind == "thank_you"), layout=_layout()))
    if not shown:
        shown = [w.HTML(_section("<p>No letters to write right now.</p>"), layout=_layout())]
    drafts.children = shown


def candidate_view(store_or_path: Store | str | Path, candidate_id: str, today=None, *,
                   cohort_counts: Counts | None = None,
                   display: bool = False) -> tuple[w.VBox, dict]:
    """One candidate's read-only view: next steps, the patience meter, a timeline, letters to copy.

    Parameters
    ----------
    store_or_path : Store, str or Path
        An open :class:`~followup_kit.Store`, or the path of a store file
        (opened read-only and closed again once read).
    candidate_id : str
        The candidate; only their rows are read.
    today : date-like or ``YYYY-MM-DD`` text, optional
        The day the view describes; defaults to the computer's date.
    cohort_counts : Counts, optional
        Count tables with day counts of the candidate's cohort (``by=[]``) or
        of cohorts (``by="cohort"``), e.g. cached aggregates. When given, no
        other candidate's rows are read; when left out, the cohort's counts
        are made from the whole store and its rows let go.
    display : bool
        Show the view at once (in a notebook); leave False to get it back
        without showing it, e.g. in a test.

    Returns
    -------
    box : ipywidgets.VBox
        The view.
    parts : dict
        ``controller`` (the :class:`CandidateController`), ``steps`` (HTML),
        ``meter_sentence`` and ``gauge`` (HTML), ``within`` (BoundedIntText),
        ``waiting`` (Dropdown, hidden unless two or more interviews wait),
        ``message`` (HTML: what went wrong with a choice, if anything),
        ``timeline`` (Output) and ``drafts`` (VBox).

    Raises
    ------
    FollowupKitError
        For an unknown candidate, a store that cannot be read, a day that is
        not a date, or counts of another grouping.

    Examples
    --------
    In a notebook cell (``notebooks/candidate_dashboard.ipynb`` does this)::

        from followup_kit.data.demo import demo_store
        box, parts = candidate_view(demo_store(), "C000135", today="2026-11-01")
        box                                   # shows the view
        parts["within"].value = 14            # what typing 14 days does
    """
    day = as_day(today)
    progress = Progress(3, "Reading your interviews", display=display)
    if isinstance(store_or_path, Store):
        store, own = store_or_path, False
    else:
        store, own = Store(store_or_path, readonly=True), True
    try:
        candidates, interviews, events = read_candidate(store, candidate_id)
        cohort = str(candidates["cohort"].iloc[0])
        progress.step("Counting how long employers in your cohort took to answer")
        counts = cohort_counts if cohort_counts is not None else cohort_day_counts(store, day)
    finally:
        if own:
            store.close()
    days, groups = counts_of_cohort(counts, cohort)
    f = build_facts(candidates, interviews, events, as_of=day)
    person = candidates.iloc[0]
    controller = CandidateController(
        {"candidate_id": candidate_id, "name": person["name"], "email": person["email"],
         "cohort": cohort}, interviews, f, build_plan(f, today=day), days, groups, day)
    progress.step("Drawing your timeline")

    steps = w.HTML(layout=_layout())
    sentence = w.HTML(layout=_layout())
    gauge = w.HTML(layout=_layout())
    # A number field rather than a slider: it has a label screen readers announce, a phone
    # offers its number pad, and the arrow keys still step it by a day.
    within = w.BoundedIntText(value=WITHIN_DEFAULT, min=WITHIN_MIN, max=WITHIN_MAX, step=1,
                              description="look ahead (days)", continuous_update=False,
                              style={"description_width": "initial"},
                              layout=w.Layout(width="100%", max_width="240px"))
    waiting = w.Dropdown(
        options=[(f"{r.company}, {r.role} ({plural(int(r.response_days), 'day')})", r.interview_id)
                 for r in controller.waiting.itertuples(index=False)],
        value=controller.interview_id, description="interview",
        style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="360px"))
    controls = w.Box([within, waiting], layout=_layout(display="flex", flex_flow="row wrap",
                                                       align_items="center"))
    timeline = w.HTML(layout=_layout())
    drafts = w.VBox(layout=_layout())
    said = w.HTML(layout=_layout())

    on_value(within, said, "look that many days ahead", lambda v: setattr(controller, "within", v))
    on_value(waiting, said, "show the wait of that interview",
             lambda v: setattr(controller, "interview_id", v))
    show_steps(controller, steps)
    show_meter(controller, sentence, gauge, controls, waiting)
    show_timeline(controller, timeline)
    show_letters(controller, drafts)
    progress.done()

    box = w.VBox([
        steps,
        w.HTML(_section("<h2>Patience meter</h2>"), layout=_layout()),
        sentence, gauge, controls, said,
        w.HTML(_section("<h2>Your timeline</h2>"), layout=_layout()),
        timeline,
        w.HTML(_section("<h2>Letters to copy</h2><p class=\"fk-small\">Drafts to start from: "
                        "read them, make them yours, then send them yourself.</p>"),
               layout=_layout()),
        drafts,
    ], layout=_layout())
    parts = {"controller": controller, "steps": steps, "meter_sentence": sentence,
             "gauge": gauge, "within": within, "waiting": waiting, "controls": controls, "message": said,
             "timeline": timeline, "drafts": drafts}
    if display:
        from IPython.display import display as show

        show(box)
    return box, parts
