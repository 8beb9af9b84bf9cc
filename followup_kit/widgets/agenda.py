"""The agenda: one candidate's next steps, one per application, overdue first, each with its reason and warnings."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..words import ACTION_WORDS, human_date, human_dates
from .common import WIDE, html_table, message, says_errors, show_html
from .session import CoachingSession


def agenda(session: CoachingSession) -> tuple[w.VBox, dict]:
    """The candidate's next steps, one per application, overdue first, each with its reason and warnings.

    An application of several rounds is one line, named with the round it
    speaks of ("Kora Bank, Graduate analyst (second interview)").

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

    def redraw(_=None) -> None:
        rows = session.agenda()
        shown = pd.DataFrame({
            "application": rows["application"],
            "next step": [ACTION_WORDS[a][0] for a in rows["action"].astype("str")],
            "when": [f"{ACTION_WORDS[a][1]} {d}".strip() if isinstance(d, str) else "-" for a, d in
                     zip(rows["action"].astype("str"), human_dates(rows["due"], today=session.today), strict=True)],
            "overdue": rows["overdue"].map({True: "OVERDUE", False: ""}),
            "warnings": rows["flags"].str.replace("_", " "),
            "why": rows["reason"],
        })
        if rows.empty:
            show_html(table, message("note", f"{session.name} has no interviews up to "
                                     f"{human_date(session.today, with_year=True)} yet."))
        else:
            show_html(table, html_table(shown, caption=f"{session.name}: what to do next, as of "
                                        f"{human_date(session.today, with_year=True)}",
                                        row_classes=["overdue" if o else "" for o in rows["overdue"]]),
                      text=shown.to_string(index=False))
        quietly("options", session.interview_options())
        follow()

    def quietly(name: str, value) -> None:
        # The session sets the dropdown here, not the coach: new options put it on their first.
        syncing["now"] = True
        try:
            setattr(step, name, value)
        finally:
            syncing["now"] = False

    def follow(_=None) -> None:
        if session.selected is not None:
            quietly("value", session.selected)

    @says_errors(said, "show that interview")
    def picked(change: dict) -> None:
        if not syncing["now"] and change["new"] is not None and change["new"] != session.selected:
            session.select(change["new"])

    step.observe(picked, names="value")
    redraw()
    session.observe(redraw, names="revision")
    session.observe(follow, names="selected")
    box = w.VBox([table, w.HBox([step], layout=WIDE),
                  w.HBox([to_draft, to_log], layout=w.Layout(flex_flow="row wrap")), said], layout=WIDE)
    return box, {"table": table, "step": step, "draft": to_draft, "log": to_log, "message": said}


__all__ = ["agenda"]
