"""The coach's day in a real JupyterLab: from the caseload to a candidate's session and back, by clicking.

A real ``jupyter lab`` (the one :mod:`test_browser_lab` starts: loopback only,
a temporary copy of ``notebooks/`` on a copy of the demo store) serves the
coaching notebook; headless Chromium runs it, finds the demo candidate in
the caseload by part of their surname, opens their session, saves a note
and logs their overdue thank-you letter, and sees their caseload row change
each time. The store file is read back at the end; ``caseload.png`` is
saved where the browser tests save their pictures.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from test_browser_lab import STEP_MS, browser, lab, run_to_the_caseload, waiting  # noqa: F401 (fixtures)

from demo_case import demo_case
from followup_kit.data.demo import DEMO_AS_OF
from followup_kit.data.store import Store
from followup_kit.widgets.coaching import CoachingSession
from followup_kit.words import human_date

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DEMO = demo_case()
ROW = f"{DEMO.name} ({DEMO.who})"
NOTE = "Practised the follow-up call together: introduce yourself again, then ask whether the role is open."
#: A desktop screen, tall enough for the caseload and the top of the session under it.
SHOT_SIZE = {"width": 1280, "height": 1400}


def nbsp(text: str) -> str:
    """A menu label as ipywidgets writes it: its spaces as no-break spaces."""
    return text.replace(" ", "\N{NO-BREAK SPACE}")


def notes_of(db: Path) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute("SELECT candidate_id, date, text FROM notes ORDER BY rowid").fetchall()


def test_a_coach_finds_a_candidate_notes_the_session_logs_a_letter_and_sees_their_row_change(
        browser, request, screenshots):  # noqa: F811 (fixtures)
    assert browser is not None, "Chromium is needed for this browser test and 'chromium' is not on PATH"
    lab = request.getfixturevalue("lab")  # noqa: F811
    thank = DEMO.step("send_thank_you")["interview_id"]
    with Store(lab["db"], readonly=True) as store:
        options = dict((i, label) for label, i in
                       CoachingSession(store, DEMO.who, today=DEMO_AS_OF).interview_options())
    typed = DEMO.name.split()[-1][1:5].lower()
    today_written = human_date(DEMO_AS_OF, today=DEMO_AS_OF)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        caseload = run_to_the_caseload(page, lab)
        rows_before = caseload.locator("tbody tr").count()

        # Part of the surname, typed as a coach types it; the table narrows as they type.
        page.get_by_label("find", exact=True).press_sequentially(typed, delay=60)
        narrowed = page.locator(".jp-OutputArea-output table.fk-table caption", has_text=f"match \u201c{typed}\u201d")
        waiting(f"the caseload narrowed to the rows matching {typed!r}", lambda t: narrowed.wait_for(timeout=t),
                lab, page, STEP_MS)
        row = caseload.locator("tbody tr", has_text=ROW)
        assert 1 <= caseload.locator("tbody tr").count() < rows_before
        last_note = row.locator("td").last  # the row's "last note" cell
        assert last_note.inner_text().strip() != today_written

        page.get_by_label("open", exact=True).select_option(label=nbsp(ROW))
        agenda = page.locator(".jp-OutputArea-output table", has_text="what to do next")
        waiting("the candidate's session under the caseload", lambda t: agenda.wait_for(timeout=t),
                lab, page, STEP_MS)
        assert f"{DEMO.name}: what to do next" in agenda.inner_text()

        # Today's note: the row's last note becomes today.
        page.get_by_placeholder("what you talked about today", exact=False).fill(NOTE)
        page.get_by_role("button", name=re.compile(r"\bSave the note$")).click()
        saved = page.locator(".widget-html .fk-ok", has_text="Saved the note").filter(visible=True)
        waiting("the green 'Saved the note' message", lambda t: saved.wait_for(timeout=t), lab, page, STEP_MS)
        waiting("the caseload row's last note on today", lambda t: page.wait_for_function(
            "([row, day]) => [...document.querySelectorAll('table.fk-table tbody tr')].some("
            "r => r.innerText.includes(row) && r.lastElementChild.innerText.trim() === day)",
            arg=[ROW, today_written], timeout=t),
            lab, page, STEP_MS)
        notes_table = page.locator(".jp-OutputArea-output table", has_text="Session notes")
        assert NOTE in notes_table.inner_text()
        noted = row.inner_text()

        # The overdue thank-you letter, logged: the row's step moves on.
        page.locator(".jp-OutputArea-output .widget-tab").first.get_by_role(
            "tab", name="Log and correct", exact=True).click()

        def field(name: str):
            return page.get_by_label(name, exact=True).filter(visible=True)

        waiting("the logger's 'Log an event' form", lambda t: field("what happened").wait_for(timeout=t),
                lab, page, STEP_MS)
        field("interview").select_option(label=nbsp(options[thank]))
        field("what happened").select_option(label="thank-you letter sent")
        page.get_by_role("button", name=re.compile(r"\bLog it$")).click()
        logged = page.locator(".widget-html .fk-ok", has_text="Logged E").filter(visible=True)
        waiting("the green 'Logged E...' message", lambda t: logged.wait_for(timeout=t), lab, page, STEP_MS)
        waiting("the caseload row to change after the letter was logged", lambda t: page.wait_for_function(
            "([row, was]) => [...document.querySelectorAll('table.fk-table tbody tr')].some("
            "r => r.innerText.includes(row) && r.innerText !== was)", arg=[ROW, noted], timeout=t),
            lab, page, STEP_MS)
        after = row.inner_text()
        assert after != noted and last_note.inner_text().strip() == today_written
        assert page.locator(".widget-html .fk-error").filter(visible=True).count() == 0

        # The picture: the caseload narrowed to the candidate, their session opening below.
        page.get_by_label("find", exact=True).fill("")
        waiting("the whole caseload again", lambda t: page.wait_for_function(
            "n => document.querySelectorAll('table.fk-table')[0].querySelectorAll('tbody tr').length >= n",
            arg=rows_before - 1, timeout=t), lab, page, STEP_MS)
        page.get_by_label("find", exact=True).fill(DEMO.name.split()[0][:3].lower())
        page.wait_for_timeout(500)
        open_panel = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if open_panel.count():
            open_panel.click()
        page.set_viewport_size(SHOT_SIZE)
        page.locator(".jp-OutputArea-output h3", has_text="Caseload").evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(screenshots / "caseload.png"))
    finally:
        page.close()

    assert (DEMO.who, DEMO_AS_OF, NOTE) in notes_of(lab["db"])
    with Store(lab["db"], readonly=True) as store:
        events = store.events(candidate_id=DEMO.who)
    assert "thank_you_sent" in events.loc[events["interview_id"] == thank, "kind"].tolist()
