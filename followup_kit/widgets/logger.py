"""The logger: log what was sent or answered, add an interview or the next round of one, or correct one.

Every write is checked by the store.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..data import schema
from ..errors import FollowupKitError
from ..words import KIND_WORDS, human_date, round_words
from .common import WIDE, message, says_errors
from .session import CoachingSession

#: The event a coach most likely logs after each next step.
EVENT_FOR = {"send_thank_you": "thank_you_sent", "follow_up": "follow_up_sent",
             "reply_to_rejection": "reply_sent", "respond_to_offer": "reply_sent"}
#: What each field of a form is called on screen, for validation messages.
FIELD_WORDS = {"kind": "what happened", "date": "date", "channel": "how", "to_interviewer": "to the interviewer",
               "note": "note", "interview_id": "interview", "company": "company", "role": "role",
               "interviewer_name": "interviewer's name", "interviewer_email": "interviewer's email",
               "interview_date": "interview date", "promised_decision_date": "promised decision date",
               "event_id": "event", "round": "round", "application_id": "application"}


#: The text fields of a new interview, and of a correction (with the promised decision date).
NEW_TEXTS = ("company", "role", "interviewer_name", "interviewer_email")
FIX_TEXTS = ("interviewer_name", "interviewer_email", "role")


def _day(value) -> str | None:
    return None if value is None else pd.Timestamp(value).date().isoformat()


def build_forms(session: CoachingSession) -> dict:
    """The three forms' widgets, their interview menus still empty: the parts :func:`logger` returns."""
    label = {"style": {"description_width": "120px"}, "layout": w.Layout(width="100%", max_width="640px")}
    new = {name: w.Text(description=FIELD_WORDS[name], **label) for name in NEW_TEXTS}
    new["interview_date"] = w.DatePicker(description="interview date", value=pd.Timestamp(session.today).date(),
                                         **label)
    new["promised_decision_date"] = w.DatePicker(description="promised decision", value=None, **label)
    new["round"] = w.Text(description="round", placeholder="blank: numbered by date", **label)
    return {
        "interview": w.Dropdown(description="interview", **label),
        "kind": w.Dropdown(description="what happened", options=[(KIND_WORDS[k], k) for k in schema.KINDS],
                           value="thank_you_sent", **label),
        "channel": w.Dropdown(description="how", options=list(schema.CHANNELS), value="email", **label),
        "date": w.DatePicker(description="date", value=pd.Timestamp(session.today).date(), **label),
        "to_interviewer": w.Dropdown(description="to the interviewer",
                                     options=[("yes", "true"), ("no, someone else", "false"), ("not known", "")],
                                     value="true", **label),
        "note": w.Text(description="note", placeholder="anything worth remembering", **label),
        "log": w.Button(description="Log it", icon="check", button_style="primary"),
        "message": w.HTML(),
        "add_next_round": w.Button(description="Add the next round", icon="forward",
                                   tooltip="a new interview of the same application: same company, role "
                                           "and interviewer, the next round", layout=w.Layout(width="auto")),
        "new": new,
        # The application the new interview form was filled in for, while its company and role stay.
        "next_round_of": {},
        "add": w.Button(description="Add the interview", icon="plus", button_style="primary",
                        layout=w.Layout(width="auto")),
        "add_message": w.HTML(),
        "fix_interview": w.Dropdown(description="interview", **label),
        "fix": {"promised_decision_date": w.DatePicker(description="promised decision", **label),
                "interviewer_name": w.Text(description="interviewer's name", **label),
                "interviewer_email": w.Text(description="interviewer's email", **label),
                "role": w.Text(description="role", **label)},
        "save": w.Button(description="Save the correction", icon="save", button_style="primary",
                         layout=w.Layout(width="auto")),
        "fix_message": w.HTML(),
    }


def fill_choices(session: CoachingSession, parts: dict) -> None:
    """List the candidate's interviews in both interview menus, each on the one the session looks at."""
    options = session.interview_options()
    for dropdown in (parts["interview"], parts["fix_interview"]):
        dropdown.options = options
        if session.selected is not None:
            dropdown.value = session.selected


def follow_selection(session: CoachingSession, parts: dict) -> None:
    """Put both interview menus on the interview the session looks at."""
    if session.selected is not None:
        parts["interview"].value = parts["fix_interview"].value = session.selected


def fill_correction(session: CoachingSession, parts: dict) -> None:
    """Show the interview chosen to correct as the store holds it, in the correction's fields."""
    fix = parts["fix"]
    if parts["fix_interview"].value is None:
        return
    row = session.interviews.set_index("interview_id").loc[parts["fix_interview"].value]
    promised = row["promised_decision_date"]
    fix["promised_decision_date"].value = None if pd.isna(promised) else pd.Timestamp(promised).date()
    for name in FIX_TEXTS:
        fix[name].value = str(row[name])


def fill_next_round(session: CoachingSession, parts: dict, interview_id: str | None = None) -> None:
    """Fill the new interview form with the next round of an interview's application.

    The company, role and interviewer are those of the application's latest
    round (the one chosen in the event form by default), the round one more;
    saving the form adds the interview to the same application.
    """
    interview_id = interview_id or parts["interview"].value
    if interview_id is None:
        raise FollowupKitError("choose the interview first")
    rounds = session.rounds
    application = rounds.loc[rounds["interview_id"] == interview_id, "application_id"].iloc[0]
    held = rounds.loc[rounds["application_id"] == application]
    latest = held.loc[held["round"].idxmax()]
    new = parts["new"]
    for name in NEW_TEXTS:
        new[name].value = "" if pd.isna(latest[name]) else str(latest[name])
    following = int(latest["round"]) + 1
    new["round"].value = str(following)
    new["promised_decision_date"].value = None
    parts["next_round_of"].clear()
    parts["next_round_of"].update(application_id=str(application), company=new["company"].value,
                                  role=new["role"].value)
    parts["add_message"].value = message(
        "note", f"The {round_words([following]).iloc[0]} at {new['company'].value}: set its date, "
                "then add it.")


def save_event(session: CoachingSession, parts: dict) -> None:
    """Log the event the form describes; every view then shows that interview's new next step.

    An invitation to the next round also fills the new interview form for that round.
    """
    interview, said = parts["interview"], parts["message"]
    if interview.value is None:
        said.value = message("error", "choose the interview first")
        return
    kind, date, note = parts["kind"], parts["date"], parts["note"]
    event_id = session.store.log_event(
        interview_id=interview.value, kind=kind.value, date=_day(date.value) or "",
        channel=parts["channel"].value, to_interviewer=parts["to_interviewer"].value or None,
        note=note.value.strip() or None)
    note.value = ""
    logged = f"Logged {event_id}: {KIND_WORDS[kind.value]} on {human_date(date.value, today=session.today)}."
    invited = kind.value == "next_round"
    if invited:
        logged += " The next round is ready to add under \"Add an interview\" once its date is set."
    said.value = message("ok", logged)
    # The coach is working on this interview: every view stays on it.
    chosen = interview.value
    session.changed(selected=chosen)
    if invited:
        fill_next_round(session, parts, chosen)


def _same_application(values: dict, held: dict) -> bool:
    """Whether the form still names the company and role it was filled in for as a next round."""
    def folded(text: str) -> str:
        return " ".join(text.casefold().split())

    return bool(held) and all(folded(values[k]) == folded(held[k]) for k in ("company", "role"))


def save_interview(session: CoachingSession, parts: dict) -> None:
    """Add the interview the form describes, and look at it in every view.

    A form filled in as the next round of an application adds the interview
    to that application, unless its company or role was changed since.
    """
    new = parts["new"]
    values = {name: (_day(box.value) if isinstance(box, w.DatePicker) else box.value.strip())
              for name, box in new.items()}
    held = parts["next_round_of"]
    application_id = held["application_id"] if _same_application(values, held) else None
    interview_id = session.store.add_interview(candidate_id=session.candidate_id,
                                               interview_date=values.pop("interview_date") or "",
                                               round=values.pop("round") or None,
                                               application_id=application_id, **values)
    for name in (*NEW_TEXTS, "round"):
        new[name].value = ""
    held.clear()
    parts["add_message"].value = message("ok", f"Added {interview_id}.")
    session.changed(selected=interview_id)


def save_correction(session: CoachingSession, parts: dict) -> None:
    """Write the fields the coach changed in the correction, or say that nothing changed."""
    fix, said = parts["fix"], parts["fix_message"]
    interview_id = parts["fix_interview"].value
    if interview_id is None:
        return
    row = session.interviews.set_index("interview_id").loc[interview_id]
    before = {"promised_decision_date": None if pd.isna(row["promised_decision_date"])
              else pd.Timestamp(row["promised_decision_date"]).date().isoformat(),
              **{n: str(row[n]) for n in FIX_TEXTS}}
    after = {"promised_decision_date": _day(fix["promised_decision_date"].value),
             **{n: fix[n].value.strip() for n in FIX_TEXTS}}
    changes = {n: v for n, v in after.items() if v != before[n]}
    if not changes:
        said.value = message("note", "Nothing changed.")
        return
    session.store.correct_interview(interview_id, **changes)
    said.value = message("ok", "Saved: " + ", ".join(FIELD_WORDS[n] for n in changes) + ".")
    session.changed()


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
        ``to_interviewer``, ``note``, ``log`` (Button), ``message`` (HTML),
        ``add_next_round`` (Button: fills the new interview form with the next
        round of the chosen interview's application, and opens it; logging an
        invitation to the next round fills it too).
        New interview: ``new`` (dict of its fields, ``round`` among them),
        ``add``, ``add_message``, ``next_round_of`` (the application the form
        was filled in for, empty when none).
        Correction: ``fix`` (dict of its fields), ``save``, ``fix_message``.
    """
    parts = build_forms(session)

    def on_click(button: str, shown: str, action: str, save, nothing: str) -> None:
        parts[button].on_click(says_errors(parts[shown], action, field_words=FIELD_WORDS, nothing=nothing)(
            lambda _: save(session, parts)))

    on_click("log", "message", "log the event", save_event, "Nothing was logged.")
    on_click("add", "add_message", "add the interview", save_interview, "Nothing was added.")

    @says_errors(parts["message"], "fill in the next round")
    def to_next_round(_=None) -> None:
        fill_next_round(session, parts)
        tab.selected_index = 1

    parts["add_next_round"].on_click(to_next_round)
    on_click("save", "fix_message", "save the correction", save_correction, "Nothing was changed.")
    fill_fix = says_errors(parts["fix_message"], "show the interview to correct")(
        lambda _=None: fill_correction(session, parts))
    parts["fix_interview"].observe(fill_fix, names="value")
    fill_choices(session, parts)
    session.observe(lambda _: fill_choices(session, parts), names="revision")
    session.observe(lambda _: follow_selection(session, parts), names="selected")
    fill_fix()

    tab = w.Tab(children=[
        w.VBox([*(parts[name] for name in ("interview", "kind", "channel", "date", "to_interviewer", "note")),
                w.HBox([parts["log"], parts["add_next_round"], parts["message"]],
                       layout=w.Layout(flex_flow="row wrap"))]),
        w.VBox([*parts["new"].values(), w.HBox([parts["add"], parts["add_message"]])]),
        w.VBox([parts["fix_interview"], *parts["fix"].values(), w.HBox([parts["save"], parts["fix_message"]])]),
    ], layout=WIDE)
    for n, title in enumerate(("Log an event", "Add an interview", "Correct an interview")):
        tab.set_title(n, title)
    return tab, parts


__all__ = ["logger"]
