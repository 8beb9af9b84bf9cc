"""The logger: log what was sent or answered, add an interview or correct one, each write checked by the store."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..data import schema
from ..words import human_date
from .common import WIDE, message, says_errors
from .session import CoachingSession

#: The event a coach most likely logs after each next step.
EVENT_FOR = {"send_thank_you": "thank_you_sent", "follow_up": "follow_up_sent",
             "reply_to_rejection": "reply_sent", "respond_to_offer": "reply_sent"}
#: Each kind of event as the "what happened" menu and the log's confirmation say it.
KIND_WORDS = {"thank_you_sent": "thank-you letter sent", "follow_up_sent": "follow-up sent (chasing)",
              "reply_sent": "reply sent (answering them)", "employer_response": "the employer wrote",
              "offer": "offer", "rejection": "rejection", "withdrawn": "candidate withdrew"}
#: What each field of a form is called on screen, for validation messages.
FIELD_WORDS = {"kind": "what happened", "date": "date", "channel": "how", "to_interviewer": "to the interviewer",
               "note": "note", "interview_id": "interview", "company": "company", "role": "role",
               "interviewer_name": "interviewer's name", "interviewer_email": "interviewer's email",
               "interview_date": "interview date", "promised_decision_date": "promised decision date",
               "event_id": "event"}


def _day(value) -> str | None:
    return None if value is None else pd.Timestamp(value).date().isoformat()


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

    def list_interviews(_=None) -> None:
        options = session.interview_options()
        for dropdown in (interview, fix_interview):
            dropdown.options = options
            if session.selected is not None:
                dropdown.value = session.selected

    def follow(_=None) -> None:
        if session.selected is not None:
            interview.value = fix_interview.value = session.selected

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
        session.changed(selected=interview.value)

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
        session.changed(selected=interview_id)

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
    list_interviews()
    session.observe(list_interviews, names="revision")
    session.observe(follow, names="selected")
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


__all__ = ["logger"]
