"""The faces list one entry per application: the coaching session's agenda and the candidate's next steps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from followup_kit import Store
from followup_kit.widgets import candidate_view, coaching_session

KORA = {"company": "Kora Bank", "role": "Graduate analyst", "interviewer_name": "Harriet Lowe",
        "interviewer_email": "harriet.lowe@kora.example"}


def kora_store(path: Path) -> tuple[Path, str, dict[str, str]]:
    """Ada's interviews: Kora Bank over two rounds (invited on 10 April), Umoja over one."""
    with Store(path) as store:
        who = store.add_candidate(name="Ada Obi", email="ada@example.org", cohort="2026", country="GB")
        first = store.add_interview(candidate_id=who, interview_date="2026-04-01", **KORA)
        store.log_event(interview_id=first, kind="thank_you_sent", date="2026-04-02")
        store.log_event(interview_id=first, kind="next_round", date="2026-04-10")
        second = store.add_interview(candidate_id=who, interview_date="2026-04-20", round=2, **KORA)
        other = store.add_interview(candidate_id=who, company="Umoja", role="Clerk", interviewer_name="Sam Doe",
                                    interviewer_email="sam@umoja.example", interview_date="2026-04-15")
        store.log_event(interview_id=other, kind="thank_you_sent", date="2026-04-16")
    return path, who, {"first": first, "second": second, "other": other}


@pytest.fixture
def kora(tmp_path):
    return kora_store(tmp_path / "kora.db")


def test_the_agenda_has_one_line_per_application_naming_its_round(kora):
    path, who, ids = kora
    _, parts = coaching_session(path, who, today="2026-04-21")
    agenda = parts["session"].agenda()
    assert sorted(agenda["interview_id"]) == sorted([ids["second"], ids["other"]])
    line = agenda.set_index("interview_id").loc[ids["second"]]
    assert line["application"] == "Kora Bank, Graduate analyst (second interview)"
    assert str(line["action"]) == "send_thank_you" and line["reason"].startswith("Your second interview")
    assert agenda.set_index("interview_id").loc[ids["other"], "application"] == "Umoja, Clerk"
    (table,) = parts["agenda"]["table"].outputs
    shown = table["data"]["text/html"]
    rows = [row for row in re.findall(r"<tr.*?</tr>", shown, re.DOTALL) if "Kora Bank" in row]
    assert len(rows) == 1 and "Kora Bank, Graduate analyst (second interview)" in rows[0]


def test_before_the_second_round_the_agenda_says_it_is_to_come(kora):
    path, who, ids = kora
    _, parts = coaching_session(path, who, today="2026-04-12")
    agenda = parts["session"].agenda()
    assert agenda["interview_id"].tolist() == [ids["first"]]
    assert agenda["application"].iloc[0] == "Kora Bank, Graduate analyst (second interview to come)"
    # Every round stays in the menus, each named by its round.
    labels = dict((i, label) for label, i in parts["session"].interview_options())
    assert labels[ids["first"]] == "Kora Bank, Graduate analyst, first interview (Wednesday 1 April)"
    assert labels[ids["second"]] == "Kora Bank, Graduate analyst, second interview (Monday 20 April)"
    assert labels[ids["other"]] == "Umoja, Clerk (Wednesday 15 April)"


@pytest.mark.parametrize(("round_", "kind"), [("first", "employer_response"), ("second", "thank_you_sent"),
                                              ("other", "employer_response")])
def test_log_what_happened_takes_the_event_of_that_rounds_own_line(kora, round_, kind):
    path, who, ids = kora
    _, parts = coaching_session(path, who, today="2026-04-21")
    parts["logger"]["kind"].value = "employer_response"
    parts["agenda"]["step"].value = ids[round_]
    parts["agenda"]["log"].click()
    assert parts["agenda"]["message"].value == ""
    assert parts["logger"]["interview"].value == ids[round_] and parts["tabs"].selected_index == 1
    # The second round's line is a thank-you to send; the first round has no line of its own, and
    # Umoja's says to wait: neither suggests an event.
    assert parts["logger"]["kind"].value == kind


def test_the_candidate_sees_one_next_step_per_application_naming_the_round(kora):
    path, who, ids = kora
    _, parts = candidate_view(path, who, today="2026-04-21")
    steps = parts["steps"].value
    items = re.findall(r"<li>.*?</li>", steps)
    assert len(items) == 2
    kora_items = [item for item in items if "Kora Bank" in item]
    assert len(kora_items) == 1
    assert "Kora Bank, Graduate analyst (second interview)" in kora_items[0]
    assert "Your second interview" in kora_items[0]
    # The thank-you drafted for it is the second interview's.
    (letter,) = [letter for iid, _, letter in parts["controller"].letters if iid == ids["second"]]
    assert "again" in letter.body and "second interview" in letter.body
