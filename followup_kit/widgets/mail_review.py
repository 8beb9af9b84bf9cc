"""Mail to review: events found in the candidate's mailbox export, for the coach to accept, change or reject.

The coach gives the export the candidate made (a path on this computer, or an
uploaded file), and :func:`followup_kit.inbox.scan.scan` reads it here, on
this machine, and keeps what it shows as proposals. Each proposal is listed
with the sentence that shows it; nothing reaches the candidate's events until
the coach accepts it, and a message accepted or rejected is never proposed
again.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..data import schema
from ..errors import FollowupKitError
from ..words import KIND_WORDS, human_date, plural
from .common import WIDE, message, says_errors
from .session import CoachingSession

#: What the list says when no proposal is waiting.
EMPTY = "No mail waiting for review: read a mailbox export to look for events."
#: What the form says about the mail it reads, above the boxes.
READ_HINT = (
    "Type the path of the candidate's mailbox export on this computer: a Gmail Takeout <code>.mbox</code>, "
    "a Thunderbird or Apple Mail mailbox, a Maildir, an <code>.eml</code> file, or a folder holding these "
    "(for Outlook, convert the <code>.pst</code> with <code>readpst</code> first). Or upload an "
    "<code>.mbox</code> or <code>.eml</code> file; a large export reads better from its path. The mail is "
    "read here and kept nowhere: only the events you accept are written.")
READ_LABEL = "Read mail"
READING_LABEL = "Reading\N{HORIZONTAL ELLIPSIS}"
#: Where the candidate's own message went, as the list says it; the employer's messages say nothing.
TO_INTERVIEWER_WORDS = {True: "to the interviewer", False: "not to the interviewer"}
_ROW_LAYOUT = w.Layout(width="100%", flex_flow="row wrap", align_items="flex-start",
                       border_bottom="1px solid #ddd", padding="6px 0")


def _typed_paths(text: str) -> list[str]:
    """The path in the box as the coach typed or pasted it: quotes around it and a leading ``~`` understood."""
    given = text.strip().strip("\"'").strip()
    return [os.path.expanduser(given)] if given else []


def _addresses(text: str) -> list[str]:
    """The candidate's other addresses typed in "also from", each checked as the tables check an email."""
    return [schema.email_address(part, "also from") for part in re.split(r"[,;]", text) if part.strip()]


@contextmanager
def _uploaded(files: Sequence[dict]) -> Iterator[list[str]]:
    """The uploaded files as paths to read: written to a private temporary folder, deleted on leaving.

    The folder is readable by this user only, and goes with every byte of the
    mail as soon as the scan is over, whatever happened in it.
    """
    if not files:
        yield []
        return
    with tempfile.TemporaryDirectory(prefix="followup-kit-mail-") as folder:
        paths = []
        for number, upload in enumerate(files, start=1):
            # Only the file's own name: a name the browser sent is never a path to write to.
            name = os.path.basename(str(upload.get("name") or "")) or "upload"
            # Each in a folder of its own, under its own name: a "Sent" mailbox still reads as sent mail.
            path = Path(folder) / str(number) / name
            path.parent.mkdir()
            path.write_bytes(bytes(upload["content"]))
            paths.append(str(path))
        yield paths


def _when(session: CoachingSession, stamp: str) -> str:
    """A message's moment as a person writes it, in the candidate's time zone where known: "Thursday 5 March, 09:12"."""
    moment = pd.Timestamp(stamp)
    zone = session.candidate["timezone"].iloc[0]
    if isinstance(zone, str) and zone:
        moment = moment.tz_convert(zone)
    return f"{human_date(moment, today=session.today)}, {moment:%H:%M}"


def _about(session: CoachingSession, row, when: str, interviews: dict[str, str]) -> str:
    """A proposal's first line, as HTML: when, which interview, whose message; its id small, for the log."""
    whose = (f"{session.name}'s message, {TO_INTERVIEWER_WORDS[bool(row.to_interviewer)]}"
             if not pd.isna(row.to_interviewer) else "from the employer")
    interview = interviews.get(row.interview_id, row.interview_id)
    return (f'<div style="line-height:1.4;white-space:normal"><b>{html.escape(when)}</b>'
            f" &middot; {html.escape(interview)} &middot; {html.escape(whose)} "
            f'<span style="color:#767676;font-size:11px">{html.escape(row.proposal_id)}</span></div>')


def _evidence(text: str) -> str:
    """The sentence that shows the kind, escaped, wrapping inside the row."""
    said = " ".join(str(text).split())
    return (f'<div style="line-height:1.4;white-space:normal;overflow-wrap:anywhere;color:#333;'
            f'margin:2px 0 0 0"><i>&ldquo;{html.escape(said)}&rdquo;</i></div>')


def mail_review(session: CoachingSession, *, start: str | None = None) -> tuple[w.VBox, dict]:
    """Mail to review: read the candidate's mailbox export and accept, change or reject what it shows.

    "Read mail" reads the path typed (a file or a folder on this computer,
    read in place and never copied) and any file uploaded. An uploaded file
    is written to a private temporary folder for the scan and deleted right
    after it, and the upload box is emptied. "also from" takes the
    candidate's other addresses, when they wrote from more than the one on
    record. While the mail is read the button says "Reading…" and cannot be
    pressed again; then the line of what was read shows above the list. A
    path that is no mailbox, an address that is not one, or mail with
    nothing new shows one line beside the button, and nothing is written.

    Each event waiting for review shows when the message was sent (in the
    candidate's time zone), the interview, whose message it is and, for the
    candidate's own, whether it went to the interviewer; the sentence that
    shows the event; and what happened, as a menu the coach may change
    before accepting. Accepting writes the event through the store's checks
    (as the logger writes one) and every view of the session updates;
    rejecting writes nothing but keeps the message's id, so it is never
    proposed again.

    Parameters
    ----------
    session : CoachingSession
    start : str, optional
        The path the box holds at first (the candidate's export folder, say).

    Returns
    -------
    box : ipywidgets.VBox
    parts : dict
        ``path`` (Text), ``upload`` (FileUpload), ``also_from`` (Text),
        ``read`` (Button), ``message`` (HTML: reading, or what went wrong),
        ``summary`` (HTML: the line of the last read), ``caption`` (HTML:
        how many events wait, or that none does), ``list`` (VBox of the
        rows), ``accept_all`` (Button), ``decided`` (HTML: what was accepted
        or rejected, or why not), ``rows`` (dict: each waiting proposal's id
        to its row's ``kind`` Dropdown, ``accept`` and ``reject`` Buttons,
        ``about`` and ``evidence`` HTML, ``interview_id`` and ``when``).
    """
    label = {"style": {"description_width": "80px"}, "layout": w.Layout(width="100%", max_width="720px")}
    path = w.Text(value=start or "", description="mailbox",
                  placeholder="e.g. ~/Downloads/Takeout/Mail/All mail Including Spam and Trash.mbox", **label)
    upload = w.FileUpload(description="Upload .mbox or .eml", multiple=True, layout=w.Layout(width="auto"))
    also_from = w.Text(description="also from", placeholder="the candidate's other addresses, if they wrote "
                       "from more than one (separated by commas)", **label)
    read = w.Button(description=READ_LABEL, icon="envelope", button_style="primary", layout=w.Layout(width="auto"))
    said = w.HTML()
    summary = w.HTML(layout=WIDE)
    accept_all = w.Button(description="Accept all", icon="check-double", layout=w.Layout(width="auto"),
                          tooltip="write every event listed, with the kinds chosen")
    decided = w.HTML()
    caption = w.HTML(layout=w.Layout(margin="0 12px 0 0"))
    rows_box = w.VBox(layout=WIDE)
    rows: dict[str, dict] = {}
    # Kinds the coach chose and has not yet decided on, kept when the list is drawn again.
    chosen: dict[str, str] = {}

    def close_rows() -> None:
        for row in rows.values():
            for widget in (row["kind"], row["accept"], row["reject"], row["about"], row["evidence"],
                           *row["boxes"]):
                widget.close()
        rows.clear()

    def redraw(_=None) -> None:
        waiting = session.store.proposals(session.candidate_id)
        names = {i: words for words, i in session.interview_options()}
        close_rows()
        for pid in set(chosen) - set(waiting["proposal_id"]):
            del chosen[pid]
        accept_all.disabled = waiting.empty
        accept_all.layout.display = "none" if waiting.empty else None
        if waiting.empty:
            caption.value = message("note", EMPTY)
            rows_box.children = []
            return
        caption.value = (f'<b>{html.escape(plural(len(waiting), "event"))} from '
                         f"{html.escape(session.name)}'s mail to review</b>")
        for row in waiting.itertuples(index=False):
            rows[row.proposal_id] = one_row(row, names)
        rows_box.children = [rows[pid]["boxes"][0] for pid in waiting["proposal_id"]]

    def one_row(row, names: dict[str, str]) -> dict:
        pid = row.proposal_id
        kind = w.Dropdown(description="what happened", options=[(KIND_WORDS[k], k) for k in schema.KINDS],
                          value=chosen.get(pid, row.kind), style={"description_width": "initial"},
                          layout=w.Layout(width="300px"))
        kind.observe(lambda change: chosen.__setitem__(pid, change["new"]), names="value")
        accept = w.Button(description="Accept", icon="check", button_style="success",
                          tooltip="write this event to the candidate's record", layout=w.Layout(width="auto"))
        reject = w.Button(description="Reject", icon="times", layout=w.Layout(width="auto"),
                          tooltip="not an event: this message is never proposed again")
        accept.on_click(lambda _: accept_these([pid]))
        reject.on_click(lambda _: reject_this(pid))
        when = _when(session, row.date)
        about = w.HTML(_about(session, row, when, names), layout=WIDE)
        evidence = w.HTML(_evidence(row.evidence), layout=WIDE)
        text = w.VBox([about, evidence], layout=w.Layout(flex="1 1 420px", min_width="0", margin="0 12px 0 0"))
        controls = w.HBox([kind, accept, reject], layout=w.Layout(flex="0 0 auto", flex_flow="row wrap"))
        box = w.HBox([text, controls], layout=_ROW_LAYOUT)
        return {"kind": kind, "accept": accept, "reject": reject, "about": about, "evidence": evidence,
                "interview_id": row.interview_id, "when": when, "boxes": (box, text, controls)}

    @says_errors(decided, "accept the events")
    def accept_these(ids: list[str]) -> None:
        kinds = {pid: rows[pid]["kind"].value for pid in ids}
        events = session.store.accept_proposals(ids, kinds=kinds)
        if len(ids) == 1:
            done = f"Accepted {events[0]}: {KIND_WORDS[kinds[ids[0]]]}, {rows[ids[0]]['when']}."
        else:
            done = f"Accepted {plural(len(events), 'event')}: {', '.join(events)}."
        decided.value = message("ok", done + " The plan is updated.")
        session.changed()

    @says_errors(decided, "reject the event")
    def reject_this(pid: str) -> None:
        session.store.reject_proposals([pid])
        decided.value = message("ok", f"Rejected {pid}: it will not be proposed again.")
        redraw()

    @says_errors(said, "read the mail")
    def read_mail(_=None) -> None:
        # Imported when mail is first read: the caseload, the sessions and the candidate's page open
        # without loading the mail readers.
        from ..inbox.scan import scan

        typed = _typed_paths(path.value)
        addresses = _addresses(also_from.value)
        if not typed and not upload.value:
            raise FollowupKitError("type the path of the candidate's mailbox export, or upload a file, "
                                   "then read it")
        read.disabled, read.description = True, READING_LABEL
        said.value = message("note", "Reading the mail: a large export takes a while\N{HORIZONTAL ELLIPSIS}")
        try:
            with _uploaded(upload.value) as uploaded:
                result = scan(session.store, session.candidate_id, [*typed, *uploaded], addresses=addresses,
                              progress=False)
        finally:
            read.disabled, read.description = False, READ_LABEL
            upload.value = ()
        summary.value = message("note", result.proposed.summary())
        found = len(result.proposal_ids)
        said.value = (message("ok", f"{plural(found, 'new event')} to review below.") if found else
                      message("note", "Nothing new to review in this mail."))
        redraw()

    read.on_click(read_mail)
    accept_all.on_click(lambda _: accept_these(list(rows)))
    session.observe(redraw, names="revision")
    redraw()
    box = w.VBox([
        w.HTML(f'<div style="line-height:1.4;white-space:normal;max-width:820px;color:#333">{READ_HINT}</div>',
               layout=WIDE),
        path, also_from,
        w.HBox([upload, read, said], layout=w.Layout(width="100%", flex_flow="row wrap", align_items="center")),
        summary,
        w.HBox([caption, accept_all, decided],
               layout=w.Layout(width="100%", flex_flow="row wrap", align_items="center", margin="8px 0 0 0")),
        rows_box,
    ], layout=WIDE)
    parts = {"path": path, "upload": upload, "also_from": also_from, "read": read, "message": said,
             "summary": summary, "list": rows_box, "accept_all": accept_all, "decided": decided, "rows": rows,
             "caption": caption}
    return box, parts


__all__ = ["EMPTY", "mail_review"]
