"""The coaching session: one candidate's agenda, the letter composer and the logger, wired to the store.

A coach sits with one candidate: sees what is due and overdue (the agenda),
drafts or checks a letter together (the composer), and logs what was sent
and what the employer answered (the logger). The widgets only wire the
layers below to a person: :func:`followup_kit.facts` and
:func:`followup_kit.plan` say what is due, :mod:`followup_kit.letters`
drafts and checks, and the :class:`~followup_kit.Store` checks and writes.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..data import schema
from ..data.dates import as_day
from ..data.store import Store
from ..errors import FollowupKitError
from ..letters.checks import INTENT_UNCLEAR, OFFER_INTENTS, LetterCheck, check
from ..letters.drafts import LETTER_KINDS, TONES, Letter, draft, phrase
from ..playbook.interview_facts import facts as build_facts
from ..playbook.next_steps import LETTER_FOR as NEXT_LETTER
from ..playbook.next_steps import plan as build_plan
from ..words import ACTION_WORDS, human_date, human_dates, in_step_order
from .common import html_table, message, says_errors, show_html

#: The letter that fits each next step; a wait is the time to prepare the follow-up.
LETTER_FOR = {**NEXT_LETTER, "wait": "follow_up"}
#: The event a coach most likely logs after each next step.
EVENT_FOR = {"send_thank_you": "thank_you_sent", "follow_up": "follow_up_sent",
             "reply_to_rejection": "reply_sent", "respond_to_offer": "reply_sent"}
KIND_WORDS = {"thank_you_sent": "thank-you letter sent", "follow_up_sent": "follow-up sent (chasing)",
              "reply_sent": "reply sent (answering them)", "employer_response": "the employer wrote",
              "offer": "offer", "rejection": "rejection", "withdrawn": "candidate withdrew"}
LETTER_WORDS = {"thank_you": "thank-you email", "note": "handwritten note", "follow_up": "follow-up",
                "rejection_reply": "reply to a rejection", "offer_reply": "reply to an offer"}
#: What each field of a form is called on screen, for validation messages.
FIELD_WORDS = {"kind": "what happened", "date": "date", "channel": "how", "to_interviewer": "to the interviewer",
               "note": "note", "interview_id": "interview", "company": "company", "role": "role",
               "interviewer_name": "interviewer's name", "interviewer_email": "interviewer's email",
               "interview_date": "interview date", "promised_decision_date": "promised decision date",
               "event_id": "event"}
WIDE = w.Layout(width="100%")


def open_store(store_or_path: Store | str | Path) -> Store:
    """An open store for writing: the one given, or the file at that path."""
    if isinstance(store_or_path, Store):
        return store_or_path
    return Store(store_or_path)


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


def _day(value) -> str | None:
    return None if value is None else pd.Timestamp(value).date().isoformat()


# -- the agenda ---------------------------------------------------------------------------------
def agenda(session: CoachingSession) -> tuple[w.VBox, dict]:
    """The candidate's next steps, overdue first, each with its reason and warnings.

    Picking a step and pressing "Draft the letter" or "Log what happened"
    sets the composer or the logger to that interview (the session builder
    wires them; on its own the agenda selects the interview in the session).

    Parameters
    ----------
    session : CoachingSession

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``table`` (Output), ``step`` (Dropdown of interviews), ``draft`` and
        ``log`` (Buttons), ``message`` (HTML: what went wrong, if anything).
    """
    table = w.Output(layout=WIDE)
    said = w.HTML()
    step = w.Dropdown(description="step", layout=w.Layout(width="100%", max_width="640px"))
    to_draft = w.Button(description="Draft the letter", icon="pencil", button_style="primary",
                        layout=w.Layout(width="auto"))
    to_log = w.Button(description="Log what happened", icon="plus", layout=w.Layout(width="auto"))
    syncing = {"now": False}

    def view(s: CoachingSession) -> None:
        rows = s.agenda()
        shown = pd.DataFrame({
            "interview": rows["company"] + ", " + rows["role"],
            "next step": [ACTION_WORDS[a][0] for a in rows["action"].astype("str")],
            "when": [f"{ACTION_WORDS[a][1]} {d}".strip() if isinstance(d, str) else "-" for a, d in
                     zip(rows["action"].astype("str"), human_dates(rows["due"], today=s.today), strict=True)],
            "overdue": rows["overdue"].map({True: "OVERDUE", False: ""}),
            "warnings": rows["flags"].str.replace("_", " "),
            "why": rows["reason"],
        })
        if rows.empty:
            show_html(table, message("note", f"{s.name} has no interviews up to "
                                     f"{human_date(s.today, with_year=True)} yet."))
        else:
            show_html(table, html_table(shown, caption=f"{s.name}: what to do next, as of "
                                        f"{human_date(s.today, with_year=True)}",
                                        row_classes=["overdue" if o else "" for o in rows["overdue"]]),
                      text=shown.to_string(index=False))
        syncing["now"] = True
        try:
            step.options = s.interview_options()
            if s.selected is not None:
                step.value = s.selected
        finally:
            syncing["now"] = False

    @says_errors(said, "show that interview")
    def picked(change: dict) -> None:
        if not syncing["now"] and change["new"] is not None and change["new"] != session.selected:
            session.select(change["new"])

    step.observe(picked, names="value")
    session.register(view)
    box = w.VBox([table, w.HBox([step], layout=WIDE),
                  w.HBox([to_draft, to_log], layout=w.Layout(flex_flow="row wrap")), said], layout=WIDE)
    return box, {"table": table, "step": step, "draft": to_draft, "log": to_log, "message": said}


# -- the logger ---------------------------------------------------------------------------------
def logger(session: CoachingSession) -> tuple[w.Tab, dict]:
    """Log an event, add an interview or correct one; every write checked like an import.

    A value the store refuses shows its message beside the form, naming the
    field, and nothing is written; so does a store that is busy or open
    read-only, and anything unexpected shows as one line naming what was
    being done (:func:`~followup_kit.widgets.common.says_errors`). A write
    that goes through refreshes every view of the session (the agenda shows
    the new next step).

    Parameters
    ----------
    session : CoachingSession

    Returns
    -------
    tab : ipywidgets.Tab
        "Log an event", "Add an interview", "Correct an interview".
    parts : dict
        Event form: ``interview``, ``kind``, ``channel``, ``date``,
        ``to_interviewer``, ``note``, ``log`` (Button), ``message`` (HTML).
        New interview: ``new`` (dict of its fields), ``add``, ``add_message``.
        Correction: ``fix`` (dict of its fields), ``save``, ``fix_message``.
    """
    label = {"style": {"description_width": "120px"}, "layout": w.Layout(width="100%", max_width="640px")}
    interview = w.Dropdown(description="interview", **label)
    kind = w.Dropdown(description="what happened", options=[(KIND_WORDS[k], k) for k in schema.KINDS],
                      value="thank_you_sent", **label)
    channel = w.Dropdown(description="how", options=list(schema.CHANNELS), value="email", **label)
    date = w.DatePicker(description="date", value=pd.Timestamp(session.today).date(), **label)
    to_interviewer = w.Dropdown(description="to the interviewer",
                                options=[("yes", "true"), ("no, someone else", "false"), ("not known", "")],
                                value="true", **label)
    note = w.Text(description="note", placeholder="anything worth remembering", **label)
    log = w.Button(description="Log it", icon="check", button_style="primary")
    said = w.HTML()

    def sync_interviews(s: CoachingSession) -> None:
        options = s.interview_options()
        for dropdown in (interview, fix_interview):
            dropdown.options = options
            if s.selected is not None:
                dropdown.value = s.selected

    @says_errors(said, "log the event", field_words=FIELD_WORDS, nothing="Nothing was logged.")
    def log_event(_=None) -> None:
        if interview.value is None:
            said.value = message("error", "choose the interview first")
            return
        event_id = session.store.log_event(
            interview_id=interview.value, kind=kind.value, date=_day(date.value) or "",
            channel=channel.value, to_interviewer=to_interviewer.value or None,
            note=note.value.strip() or None)
        note.value = ""
        said.value = message("ok", f"Logged {event_id}: {KIND_WORDS[kind.value]} on "
                                   f"{human_date(date.value, today=session.today)}.")
        # The coach is working on this interview: every view stays on it.
        session.selected = interview.value
        session.changed()

    log.on_click(log_event)

    new = {name: w.Text(description=FIELD_WORDS[name], **label)
           for name in ("company", "role", "interviewer_name", "interviewer_email")}
    new["interview_date"] = w.DatePicker(description="interview date", value=pd.Timestamp(session.today).date(),
                                         **label)
    new["promised_decision_date"] = w.DatePicker(description="promised decision", value=None, **label)
    add = w.Button(description="Add the interview", icon="plus", button_style="primary",
                   layout=w.Layout(width="auto"))
    add_said = w.HTML()

    @says_errors(add_said, "add the interview", field_words=FIELD_WORDS, nothing="Nothing was added.")
    def add_interview(_=None) -> None:
        values = {name: (_day(box.value) if isinstance(box, w.DatePicker) else box.value.strip())
                  for name, box in new.items()}
        interview_id = session.store.add_interview(candidate_id=session.candidate_id,
                                                   interview_date=values.pop("interview_date") or "",
                                                   **values)
        for name in ("company", "role", "interviewer_name", "interviewer_email"):
            new[name].value = ""
        add_said.value = message("ok", f"Added {interview_id}.")
        session.selected = interview_id
        session.changed()

    add.on_click(add_interview)

    fix_interview = w.Dropdown(description="interview", **label)
    fix = {"promised_decision_date": w.DatePicker(description="promised decision", **label),
           "interviewer_name": w.Text(description="interviewer's name", **label),
           "interviewer_email": w.Text(description="interviewer's email", **label),
           "role": w.Text(description="role", **label)}
    save = w.Button(description="Save the correction", icon="save", button_style="primary",
                    layout=w.Layout(width="auto"))
    fix_said = w.HTML()

    @says_errors(fix_said, "show the interview to correct")
    def fill_fix(change=None) -> None:
        if fix_interview.value is None:
            return
        row = session.interviews.set_index("interview_id").loc[fix_interview.value]
        promised = row["promised_decision_date"]
        fix["promised_decision_date"].value = None if pd.isna(promised) else pd.Timestamp(promised).date()
        for name in ("interviewer_name", "interviewer_email", "role"):
            fix[name].value = str(row[name])

    @says_errors(fix_said, "save the correction", field_words=FIELD_WORDS,
                 nothing="Nothing was changed.")
    def save_fix(_=None) -> None:
        if fix_interview.value is None:
            return
        row = session.interviews.set_index("interview_id").loc[fix_interview.value]
        before = {"promised_decision_date": None if pd.isna(row["promised_decision_date"])
                  else pd.Timestamp(row["promised_decision_date"]).date().isoformat(),
                  **{n: str(row[n]) for n in ("interviewer_name", "interviewer_email", "role")}}
        after = {"promised_decision_date": _day(fix["promised_decision_date"].value),
                 **{n: fix[n].value.strip() for n in ("interviewer_name", "interviewer_email", "role")}}
        changes = {n: v for n, v in after.items() if v != before[n]}
        if not changes:
            fix_said.value = message("note", "Nothing changed.")
            return
        session.store.correct_interview(fix_interview.value, **changes)
        fix_said.value = message("ok", "Saved: " + ", ".join(FIELD_WORDS[n] for n in changes) + ".")
        session.changed()

    fix_interview.observe(fill_fix, names="value")
    save.on_click(save_fix)
    session.register(sync_interviews)
    fill_fix()

    tab = w.Tab(children=[
        w.VBox([interview, kind, channel, date, to_interviewer, note, w.HBox([log, said])]),
        w.VBox([*new.values(), w.HBox([add, add_said])]),
        w.VBox([fix_interview, *fix.values(), w.HBox([save, fix_said])]),
    ], layout=WIDE)
    for n, title in enumerate(("Log an event", "Add an interview", "Correct an interview")):
        tab.set_title(n, title)
    return tab, {"interview": interview, "kind": kind, "channel": channel, "date": date,
                 "to_interviewer": to_interviewer, "note": note, "log": log, "message": said,
                 "new": new, "add": add, "add_message": add_said,
                 "fix_interview": fix_interview, "fix": fix, "save": save, "fix_message": fix_said}


# -- the letter composer ------------------------------------------------------------------------
PART_WORDS = {"appreciation": "says how much the interview was appreciated",
              "interest": "says again that they want this job",
              "strengths": "reminds the interviewer of a strength",
              "interviewer": "names the interviewer", "role": "names the role",
              "reintroduction": "introduces the candidate again", "reason": "says why they are writing",
              "asks_status": "asks whether the job is still open",
              "thanks": "thanks them", "positive": "stays positive", "asks_tips": "asks for tips",
              }
#: What a reply to an offer does, in the checklist and on the composer's buttons.
INTENT_WORDS = {"accept": "accepts the offer", "time": "asks for time to decide",
                "decline": "declines the offer"}
INTENT_CHOICES = {"accept": "accept", "time": "ask for time", "decline": "decline"}


def _found(words: str, quote: str | None) -> str:
    """A checklist item found, ``words`` already HTML, with the sentence that shows it."""
    return (f'<li><span aria-label="found">&#10004;</span> {words}: '
            f'<i>&ldquo;{html.escape(quote or "")}&rdquo;</i></li>')


def checklist_html(result: LetterCheck) -> str:
    """The checker's verdict as a list a person reads, the same verdict ``followup-kit check`` prints.

    For a reply to an offer, first what it does with the offer; then each
    part found (with its sentence), missing, or not asked of this letter (a
    decline need not show interest); then the warnings. The heading says
    "Every part is there." only when :attr:`LetterCheck.clean`.
    """
    items = []
    if result.kind == "offer_reply":
        items.append(_found(html.escape(INTENT_WORDS[result.intent]), result.intent_evidence) if result.intent
                     else "<li><b>? what it does with the offer is unclear:</b> "
                          f"{html.escape(INTENT_UNCLEAR)}</li>")
    for part, state in result.states.items():
        words = html.escape(PART_WORDS.get(part, part.replace("_", " ")))
        if state == "found":
            items.append(_found(words, result.evidence[part]))
        elif state == "missing":
            items.append(f'<li><b><span aria-label="missing">&#10008;</span> missing:</b> {words}</li>')
        else:
            items.append(f'<li><span aria-label="not asked">&ndash;</span> {words}: not asked of a letter '
                         f"that {html.escape(str(result.intent))}s</li>")
    items += [f'<li><b>&#9888; {html.escape(str(warning))}</b></li>' for warning in result.warnings]
    head = "Every part is there." if result.clean else "Worth another look:"
    return f'<div style="font-size:14px"><b>{head}</b><ul style="margin:4px 0">{"".join(items)}</ul></div>'


def composer(session: CoachingSession) -> tuple[w.VBox, dict]:
    """Draft a letter with the candidate, or check one they wrote; download it or open it in mail.

    Choose the interview and the kind of letter, tick the strengths to
    mention and a tone (for a reply to an offer, whether it accepts, asks for
    time until a day, or declines), and press "Draft": the draft appears in a
    text area the coach and candidate can edit, with a note when a strength
    is written otherwise than typed. The checklist (appreciation, interest,
    strengths, names; for a follow-up: reintroduction, reason, the question)
    follows every change of the text, so a letter the candidate wrote can be
    pasted in and checked the same way.

    Parameters
    ----------
    session : CoachingSession

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``interview``, ``kind``, ``tone``, ``intent`` (ToggleButtons, shown for
        a reply to an offer), ``reply_by`` (DatePicker, shown when it asks for
        time), ``strengths`` (VBox of Checkboxes),
        ``new_strength`` (Text), ``add_strength``, ``draft`` and ``clear``
        (Buttons), ``subject`` (Text), ``text`` (Textarea), ``checklist``
        (HTML), ``links`` (HTML: the .eml download and the mailto link),
        ``message`` (HTML) and ``state`` (the last ``letter`` and ``check``).
    """
    label = {"style": {"description_width": "90px"}, "layout": w.Layout(width="100%", max_width="480px")}
    interview = w.Dropdown(description="interview", **label)
    kind = w.Dropdown(description="letter", options=[(LETTER_WORDS[k], k) for k in LETTER_KINDS],
                      value="thank_you", **label)
    tone = w.ToggleButtons(options=list(TONES), value="warm", description="tone",
                           style={"description_width": "90px", "button_width": "80px"})
    intent = w.ToggleButtons(options=[(INTENT_CHOICES[i], i) for i in OFFER_INTENTS], value="accept",
                             description="the offer",
                             style={"description_width": "90px", "button_width": "110px"})
    reply_by = w.DatePicker(description="answer by", value=None, **label)
    strengths = w.VBox([], layout=w.Layout(width="100%"))
    new_strength = w.Text(placeholder="a strength, e.g. three years of bookkeeping", description="strength",
                          **label)
    add_strength = w.Button(description="Add", icon="plus", layout=w.Layout(width="80px"))
    make = w.Button(description="Draft", icon="pencil", button_style="primary")
    clear = w.Button(description="Clear, to paste a letter", icon="eraser", layout=w.Layout(width="auto"))
    subject = w.Text(description="subject", layout=w.Layout(width="100%"), style={"description_width": "90px"})
    text = w.Textarea(placeholder="Press Draft, or paste the letter the candidate wrote.",
                      layout=w.Layout(width="100%", height="260px"))
    checklist = w.HTML()
    links = w.HTML()
    said = w.HTML()
    state: dict = {"letter": None, "check": None}

    @says_errors(said, "show the choices for an offer")
    def offer(_=None) -> None:
        asked = kind.value == "offer_reply"
        intent.layout.display = "" if asked else "none"
        reply_by.layout.display = "" if asked and intent.value == "time" else "none"

    @says_errors(said, "add the strength")
    def add(_=None) -> None:
        if not new_strength.value.strip():
            return
        words = phrase(new_strength.value, "strength")
        said.value = ""
        if words not in [box.description for box in strengths.children]:
            strengths.children = (*strengths.children,
                                  w.Checkbox(value=True, description=words, indent=False,
                                             layout=w.Layout(width="100%")))
        new_strength.value = ""

    def ticked() -> list[str]:
        return [box.description for box in strengths.children if box.value]

    @says_errors(said, "draft the letter")
    def make_draft(_=None) -> None:
        if interview.value is None:
            said.value = message("error", "choose the interview first")
            return
        answer = intent.value if kind.value == "offer_reply" else None
        if answer == "time" and reply_by.value is None:
            said.value = message("error", "answer by: choose the day you will give your answer by")
            return
        candidate = {"name": session.name, "email": str(session.candidate["email"].iloc[0])}
        letter = draft(session.interview_row(interview.value), kind=kind.value, tone=tone.value,
                       strengths=ticked() or None, candidate=candidate, today=session.today,
                       intent=answer, reply_by=reply_by.value if answer == "time" else None)
        state["letter"] = letter
        subject.value = letter.subject
        text.value = letter.body
        said.value = message("note", letter.note) if letter.note else ""

    @says_errors(said, "check the letter and make its download")
    def refresh(_=None) -> None:
        if interview.value is None:
            return
        row = session.interview_row(interview.value)
        names = {"interviewer_name": row["interviewer_name"], "role": row["role"],
                 "company": row["company"], "strengths": ticked()}
        body = text.value
        if not body.strip():
            checklist.value = message("note", "The checklist appears as soon as there is a letter.")
            links.value = ""
            state["check"] = None
            return
        state["check"] = result = check(kind.value, body, interview=names)
        checklist.value = checklist_html(result)
        letter = Letter(kind=kind.value, tone=tone.value, subject=subject.value, body=body,
                        to_name=row["interviewer_name"], to_email=row.get("interviewer_email"),
                        from_name=session.name, from_email=str(session.candidate["email"].iloc[0]),
                        interview=names)
        state["letter"] = letter
        try:
            eml = base64.b64encode(letter.to_eml()).decode("ascii")
        except FollowupKitError as exc:
            # The checklist still follows the text; only the download waits for a fix.
            links.value = message("error", f"{exc}. Nothing to download yet.")
            return
        file_name = f"{kind.value.replace('_', '-')}-{row['company']}.eml"
        mail = letter.mailto() if letter.to_email else ""
        links.value = (f'<a download="{html.escape(file_name)}" href="data:message/rfc822;base64,{eml}">'
                       "Download the .eml</a>"
                       + (f' &nbsp;|&nbsp; <a href="{html.escape(mail)}" target="_blank">Open in your '
                          "mail program</a>" if mail else ""))

    @says_errors(said, "clear the letter")
    def cleared(_=None) -> None:
        subject.value = ""
        text.value = ""

    def follow(s: CoachingSession) -> None:
        interview.options = s.interview_options()
        if s.selected is not None:
            interview.value = s.selected
            step = s.plan.loc[s.facts["interview_id"] == s.selected, "action"]
            if len(step) and str(step.iloc[0]) in LETTER_FOR:
                kind.value = LETTER_FOR[str(step.iloc[0])]

    add_strength.on_click(add)
    make.on_click(make_draft)
    clear.on_click(cleared)
    for box in (text, subject, kind, interview):
        box.observe(refresh, names="value")
    for box in (kind, intent):
        box.observe(offer, names="value")
    session.register(follow)
    offer()
    refresh()
    box = w.VBox([interview, kind, tone, intent, reply_by, w.HBox([new_strength, add_strength]),
                  strengths, w.HBox([make, clear], layout=w.Layout(flex_flow="row wrap")), said, subject,
                  text, checklist, links], layout=WIDE)
    return box, {"interview": interview, "kind": kind, "tone": tone, "intent": intent,
                 "reply_by": reply_by, "strengths": strengths, "new_strength": new_strength, "add_strength": add_strength, "draft": make,
                 "clear": clear, "subject": subject, "text": text, "checklist": checklist,
                 "links": links, "message": said, "state": state}


# -- the whole session --------------------------------------------------------------------------
def coaching_session(store_or_path: Store | str | Path, candidate_id: str, today=None,
                     display: bool = False) -> tuple[w.VBox, dict]:
    """The coach's live session with one candidate: agenda, letter composer and logger.

    Parameters
    ----------
    store_or_path : Store, str or Path
        The store to read and write (a path is opened for writing).
    candidate_id : str
    today : date-like, optional
        The day of the session; the computer's date by default.
    display : bool
        Show the session at once (in a notebook); False returns it unshown, e.g. in a test.

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``session`` (the :class:`CoachingSession`), ``agenda``, ``composer`` and
        ``logger`` (each the parts dict of its builder) and ``tabs``.

    Examples
    --------
    In a notebook cell (``notebooks/coaching_session.ipynb`` does this)::

        box, parts = coaching_session("../data/demo.db", "C000135", today="2026-11-01")
        box
    """
    session = CoachingSession(open_store(store_or_path), candidate_id, today=today)
    agenda_box, agenda_parts = agenda(session)
    composer_box, composer_parts = composer(session)
    logger_box, logger_parts = logger(session)
    tabs = w.Tab(children=[composer_box, logger_box], layout=WIDE)
    tabs.set_title(0, "Letter")
    tabs.set_title(1, "Log and correct")

    @says_errors(agenda_parts["message"], "open the letter")
    def to_composer(_=None) -> None:
        step = agenda_parts["step"].value
        if step is not None:
            session.select(step)
        tabs.selected_index = 0

    @says_errors(agenda_parts["message"], "open the log")
    def to_logger(_=None) -> None:
        step = agenda_parts["step"].value
        if step is not None:
            session.select(step)
            action = str(session.plan.loc[session.facts["interview_id"] == step, "action"].iloc[0]) \
                if (session.facts["interview_id"] == step).any() else ""
            if action in EVENT_FOR:
                logger_parts["kind"].value = EVENT_FOR[action]
        tabs.selected_index = 1
        logger_parts["tabs"].selected_index = 0

    logger_parts["tabs"] = logger_box
    agenda_parts["draft"].on_click(to_composer)
    agenda_parts["log"].on_click(to_logger)
    candidate = session.candidate.iloc[0]
    header = w.HTML(f'<h3 style="margin:4px 0">{html.escape(session.name)} '
                    f'<span style="font-weight:normal;color:#555">({html.escape(candidate_id)}, '
                    f'{html.escape(str(candidate["cohort"]))})</span></h3>')
    box = w.VBox([header, agenda_box, tabs], layout=w.Layout(width="100%", max_width="1100px"))
    parts = {"session": session, "agenda": agenda_parts, "composer": composer_parts,
             "logger": logger_parts, "tabs": tabs}
    if display:
        from IPython.display import display as show

        show(box)
    return box, parts


__all__ = ["CoachingSession", "agenda", "checklist_html", "coaching_session", "composer", "logger"]
