"""Session notes: what was said in the candidate's earlier sessions, and a box for today's.

The store checks every note (some words, at most 10,000 characters, a coach
the store knows) and writes it; a refused note is said beside the box and
nothing is written.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..words import human_date, human_dates, plural
from .common import WIDE, html_table, message, says_errors, show_html
from .session import CoachingSession

#: What each field of a note is called on screen, for the store's messages.
NOTE_WORDS = {"text": "note", "date": "date", "coach": "coach", "candidate_id": "candidate",
              "interview_id": "interview"}


def notes(session: CoachingSession, coach: str | None = None) -> tuple[w.VBox, dict]:
    """The candidate's earlier session notes, newest first, and a box to write today's.

    Parameters
    ----------
    session : CoachingSession
    coach : str, optional
        Who writes today's note (the caseload's coach); None leaves it unsigned.

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``earlier`` (Output: the notes table), ``text`` (Textarea), ``save``
        (Button), ``message`` (HTML: saved, or what is wrong with the note).
    """
    earlier = w.Output(layout=WIDE)
    text = w.Textarea(placeholder="what you talked about today, and what the candidate will do next",
                      layout=w.Layout(width="100%", max_width="800px", height="90px"))
    save = w.Button(description="Save the note", icon="save", button_style="primary", layout=w.Layout(width="auto"))
    said = w.HTML()

    def redraw(_=None) -> None:
        rows = session.notes
        if rows.empty:
            show_html(earlier, message("note", f"No notes of earlier sessions with {session.name} yet."))
            return
        shown = pd.DataFrame({"date": human_dates(rows["date"], today=session.today).fillna("-"),
                              "coach": rows["coach"].fillna("-"), "note": rows["text"]})
        show_html(earlier, html_table(shown, caption=f"Session notes: {plural(len(rows), 'note')}, newest first"),
                  text=shown.to_string(index=False))

    @says_errors(said, "save the note", field_words=NOTE_WORDS, nothing="Nothing was saved.")
    def saved(_=None) -> None:
        session.store.add_note(candidate_id=session.candidate_id, text=text.value,
                               date=pd.Timestamp(session.today).date().isoformat(), coach=coach)
        text.value = ""
        said.value = message("ok", f"Saved the note of {human_date(session.today)}.")
        session.changed()

    save.on_click(saved)
    redraw()
    session.observe(redraw, names="revision")
    box = w.VBox([earlier, text, w.HBox([save, said], layout=w.Layout(flex_flow="row wrap"))], layout=WIDE)
    return box, {"earlier": earlier, "text": text, "save": save, "message": said}


__all__ = ["NOTE_WORDS", "notes"]
