"""Mail to review in a real JupyterLab: the coach reads a candidate's mailbox export and accepts what it shows.

A real ``jupyter lab`` (the one :mod:`test_browser_lab` starts: loopback only,
a temporary copy of ``notebooks/`` on a copy of the demo store) serves the
coaching notebook; headless Chromium runs it, opens the demo candidate's
session from the caseload, goes to "Mail to review", types the path of a
small mbox written in the test's own folder (the candidate's thank-you to
their interviewer, sent the day after the interview), reads it, sees the
proposal with its evidence and accepts it. The store file is read back at
the end; ``mail_review.png`` is saved where the browser tests save their
pictures.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from test_browser_lab import STEP_MS, browser, lab, run_to_the_caseload, waiting  # noqa: F401 (fixtures)

from demo_case import demo_case, first_name
from followup_kit.data.demo import DEMO_AS_OF
from followup_kit.data.store import Store
from followup_kit.widgets.coaching import CoachingSession
from followup_kit.words import KIND_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DEMO = demo_case()
ROW = f"{DEMO.name} ({DEMO.who})"
#: Reading mail takes a moment more than a click: the scan runs in the kernel.
READ_MS = 60_000
#: A desktop screen, tall enough for the whole session: the agenda's overdue thank-you and the mail that settles it.
SHOT_SIZE = {"width": 1280, "height": 1180}
OPENING = "Thank you for taking the time to meet me yesterday"


def nbsp(text: str) -> str:
    """A menu label as ipywidgets writes it: its spaces as no-break spaces."""
    return text.replace(" ", "\N{NO-BREAK SPACE}")


def thank_you_mbox(folder: Path, row: dict, zone: str | None) -> tuple[Path, dt.datetime]:
    """An mbox holding the candidate's thank-you to their interviewer, sent at 09:30 the day after the interview."""
    day = pd.Timestamp(row["interview_date"]).date() + dt.timedelta(days=1)
    sent = dt.datetime.combine(day, dt.time(9, 30), tzinfo=ZoneInfo(zone) if zone else dt.UTC)
    letter = (f"Dear {first_name(row['interviewer_name'])},\n\n"
              f"{OPENING} to talk about the {row['role']} role at {row['company']}. I really enjoyed "
              "hearing how your team plans its work for the year ahead.\n\n"
              f"Our conversation made me even keener to join {row['company']} as a {row['role']}. The "
              "projects I led during my placement, where I organised a team of four and kept a tight "
              "schedule, would let me help your team from the first week.\n\n"
              f"Best wishes,\n{row['candidate_name']}\n")
    message = (f"From {row['candidate_email']} {sent.astimezone(dt.UTC):%a %b %d %H:%M:%S %Y}\n"
               f"From: {row['candidate_name']} <{row['candidate_email']}>\n"
               f"To: {row['interviewer_name']} <{row['interviewer_email']}>\n"
               "Subject: Thank you for yesterday\n"
               f"Date: {email.utils.format_datetime(sent)}\n"
               "Message-ID: <thank-you-browser@mail.example>\n"
               "Content-Type: text/plain; charset=utf-8\n\n"
               f"{letter}\n")
    path = folder / "Takeout" / "Mail" / "Sent.mbox"
    path.parent.mkdir(parents=True)
    path.write_text(message, encoding="utf-8")
    return path, sent


def test_a_coach_reads_the_candidates_mail_and_accepts_the_thank_you_it_shows(
        browser, request, screenshots, tmp_path):  # noqa: F811 (fixtures)
    assert browser is not None, "Chromium is needed for this browser test and 'chromium' is not on PATH"
    lab = request.getfixturevalue("lab")  # noqa: F811
    thank = DEMO.step("send_thank_you")["interview_id"]
    with Store(lab["db"], readonly=True) as store:
        session = CoachingSession(store, DEMO.who, today=DEMO_AS_OF)
        row = session.interview_row(thank)
        zone = session.candidate["timezone"].iloc[0]
        before = store.events(candidate_id=DEMO.who)
    mailbox, sent = thank_you_mbox(tmp_path, row, zone if isinstance(zone, str) and zone else None)
    assert not ((before["interview_id"] == thank) & (before["kind"] == "thank_you_sent")).any()

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        run_to_the_caseload(page, lab)
        page.get_by_label("open", exact=True).select_option(label=nbsp(ROW))
        agenda = page.locator(".jp-OutputArea-output table", has_text="what to do next")
        waiting("the candidate's session under the caseload", lambda t: agenda.wait_for(timeout=t),
                lab, page, STEP_MS)

        # The session's own tabs (Letter | Log and correct | Mail to review), not JupyterLab's.
        page.locator(".jp-OutputArea-output .widget-tab").first.get_by_role(
            "tab", name="Mail to review", exact=True).click()
        path_box = page.get_by_label("mailbox", exact=True).filter(visible=True)
        waiting("the 'mailbox' box of Mail to review", lambda t: path_box.wait_for(timeout=t), lab, page, STEP_MS)
        assert page.get_by_text("No mail waiting for review", exact=False).filter(visible=True).count() == 1
        path_box.fill(str(mailbox))
        # A button's name starts with its Font Awesome icon's glyph: match the end of it.
        page.get_by_role("button", name=re.compile(r"\bRead mail$")).click()

        found = page.locator(".widget-html .fk-ok", has_text="new event to review").filter(visible=True)
        waiting("the green '1 new event to review below.' after 'Read mail' (a red line says what was wrong)",
                lambda t: found.wait_for(timeout=t), lab, page, READ_MS)
        assert "1 new event to review" in found.inner_text()
        summary = page.locator(".widget-html .fk-note", has_text="read 1 message").filter(visible=True)
        assert summary.count() == 1, page.locator("body").inner_text()[-2000:]
        evidence = page.locator(".widget-html i", has_text=re.compile(r"\w")).filter(visible=True)
        assert evidence.count() == 1
        shown = " ".join(evidence.inner_text().strip("\u201c\u201d").split())
        assert shown and shown.rstrip("\N{HORIZONTAL ELLIPSIS}.") in " ".join(
            mailbox.read_text(encoding="utf-8").split())
        kind = page.get_by_label("what happened", exact=True).filter(visible=True)
        assert kind.count() == 1 and kind.input_value() == KIND_WORDS["thank_you_sent"]
        assert page.locator(".widget-html .fk-error").filter(visible=True).count() == 0

        # The picture: the session's tabs and the proposal waiting, as the coach sees it before deciding.
        open_panel = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if open_panel.count():
            open_panel.click()
        page.set_viewport_size(SHOT_SIZE)
        page.locator(".jp-OutputArea-output h3", has_text=DEMO.name).evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        # Nothing in the review pushes the page sideways at a desktop width.
        assert page.locator(".jp-OutputArea-output .widget-tab").first.evaluate(
            "e => e.scrollWidth <= e.clientWidth + 1")
        page.screenshot(path=str(screenshots / "mail_review.png"))

        page.get_by_role("button", name=re.compile(r"\bAccept$")).filter(visible=True).click()
        accepted = page.locator(".widget-html .fk-ok", has_text="Accepted E").filter(visible=True)
        waiting("the green 'Accepted E...' after 'Accept'", lambda t: accepted.wait_for(timeout=t),
                lab, page, STEP_MS)
        waiting("the empty list once the event is accepted", lambda t: page.get_by_text(
            "No mail waiting for review", exact=False).filter(visible=True).wait_for(timeout=t),
            lab, page, STEP_MS)
        assert page.locator(".widget-html .fk-error").filter(visible=True).count() == 0
    finally:
        page.close()

    with Store(lab["db"], readonly=True) as store:
        events = store.events(candidate_id=DEMO.who)
        assert store.proposals(DEMO.who).empty
        assert "<thank-you-browser@mail.example>" in store.mail_message_ids(DEMO.who)
    new = events.loc[~events["event_id"].isin(before["event_id"])]
    assert new[["interview_id", "kind", "channel"]].values.tolist() == [[thank, "thank_you_sent", "email"]]
    assert new["sent_at"].iloc[0] == pd.Timestamp(sent)
