"""The coaching session: one candidate's agenda, the letter composer, the logger and their mail, wired to the store.

A coach sits with one candidate: sees what is due and overdue (the agenda),
drafts or checks a letter together (the composer), logs what was sent
and what the employer answered (the logger), and accepts what the
candidate's mailbox export shows (mail to review). The widgets only wire the
layers below to a person: :func:`followup_kit.facts` and
:func:`followup_kit.plan` say what is due, :mod:`followup_kit.letters`
drafts and checks, and the :class:`~followup_kit.Store` checks and writes.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from ..data.store import Store
from .agenda import agenda
from .common import WIDE, says_errors, writable_store
from .composer import checklist_html, composer
from .logger import EVENT_FOR, logger
from .mail_review import mail_review
from .notes import notes
from .session import CoachingSession


def coaching_session(store_or_path: Store | str | Path, candidate_id: str, today=None,
                     display: bool = False, coach: str | None = None) -> tuple[w.VBox, dict]:
    """The coach's live session with one candidate: agenda, session notes, letter composer, logger and mail.

    Parameters
    ----------
    store_or_path : Store, str or Path
        The store to read and write (a path is opened for writing, in each
        thread the kernel answers the widgets from).
    candidate_id : str
    today : date-like, optional
        The day of the session; the computer's date by default.
    display : bool
        Show the session at once (in a notebook); False returns it unshown, e.g. in a test.
    coach : str, optional
        The coach holding the session: today's note is theirs.

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``session`` (the :class:`CoachingSession`), ``agenda``, ``notes``,
        ``composer``, ``logger`` and ``mail`` (each the parts dict of its
        builder) and ``tabs`` ("Letter", "Log and correct", "Mail to review").

    Examples
    --------
    In a notebook cell (``notebooks/coaching_session.ipynb`` does this)::

        box, parts = coaching_session("../data/demo.db", "C000135", today="2026-11-01")
        box
    """
    session = CoachingSession(writable_store(store_or_path), candidate_id, today=today)
    agenda_box, agenda_parts = agenda(session)
    notes_box, notes_parts = notes(session, coach=coach)
    composer_box, composer_parts = composer(session)
    logger_box, logger_parts = logger(session)
    mail_box, mail_parts = mail_review(session)
    tabs = w.Tab(children=[composer_box, logger_box, mail_box], layout=WIDE)
    for n, title in enumerate(("Letter", "Log and correct", "Mail to review")):
        tabs.set_title(n, title)

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
            # The plan has one line per application: an earlier round, or one to come, has none.
            line = session.plan.loc[session.plan["interview_id"] == step, "action"]
            action = str(line.iloc[0]) if len(line) else ""
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
    box = w.VBox([header, agenda_box, notes_box, tabs], layout=w.Layout(width="100%", max_width="1100px"))
    parts = {"session": session, "agenda": agenda_parts, "notes": notes_parts, "composer": composer_parts,
             "logger": logger_parts, "mail": mail_parts, "tabs": tabs}
    if display:
        from IPython.display import display as show

        show(box)
    return box, parts


__all__ = ["CoachingSession", "agenda", "checklist_html", "coaching_session", "composer", "logger", "mail_review",
           "notes"]
