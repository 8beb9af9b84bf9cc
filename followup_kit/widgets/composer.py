"""The letter composer: draft a letter with the candidate or check one they wrote, then download it or mail it."""

from __future__ import annotations

import base64
import html

import ipywidgets as w

from ..errors import FollowupKitError
from ..letters.checks import INTENT_UNCLEAR, OFFER_INTENTS, LetterCheck, check
from ..letters.drafts import LETTER_KINDS, TONES, Letter, draft, phrase
from ..playbook.next_steps import LETTER_FOR as NEXT_LETTER
from .common import WIDE, message, says_errors
from .session import CoachingSession

#: The letter that fits each next step; a wait is the time to prepare the follow-up.
LETTER_FOR = {**NEXT_LETTER, "wait": "follow_up"}
#: Each kind of letter as the composer's menu says it.
LETTER_WORDS = {"thank_you": "thank-you email", "note": "handwritten note", "follow_up": "follow-up",
                "rejection_reply": "reply to a rejection", "offer_reply": "reply to an offer"}
#: What each part the checker looks for does, as the checklist says it.
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

    def list_interviews(_=None) -> None:
        interview.options = session.interview_options()
        follow()

    def follow(_=None) -> None:
        if session.selected is not None:
            interview.value = session.selected
            step = session.plan.loc[session.plan["interview_id"] == session.selected, "action"]
            if len(step) and str(step.iloc[0]) in LETTER_FOR:
                kind.value = LETTER_FOR[str(step.iloc[0])]

    add_strength.on_click(add)
    make.on_click(make_draft)
    clear.on_click(cleared)
    for box in (text, subject, kind, interview):
        box.observe(refresh, names="value")
    for box in (kind, intent):
        box.observe(offer, names="value")
    list_interviews()
    session.observe(list_interviews, names="revision")
    session.observe(follow, names="selected")
    offer()
    refresh()
    box = w.VBox([interview, kind, tone, intent, reply_by, w.HBox([new_strength, add_strength]),
                  strengths, w.HBox([make, clear], layout=w.Layout(flex_flow="row wrap")), said, subject,
                  text, checklist, links], layout=WIDE)
    return box, {"interview": interview, "kind": kind, "tone": tone, "intent": intent,
                 "reply_by": reply_by, "strengths": strengths, "new_strength": new_strength, "add_strength": add_strength, "draft": make,
                 "clear": clear, "subject": subject, "text": text, "checklist": checklist,
                 "links": links, "message": said, "state": state}


__all__ = ["checklist_html", "composer"]
