"""Letter drafts know the round: a thank-you or follow-up after a later interview does not read as a first one."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_letters import ENJOYED, SAMPLE, STRENGTHS

from followup_kit import FollowupKitError
from followup_kit.letters.checks import check
from followup_kit.letters.drafts import TONES, draft

#: The letters written right after an interview, or to chase one: the ones a round changes.
ROUND_KINDS = ("thank_you", "note", "follow_up")
KORA = {"interviewer_name": "Harriet Lowe", "role": "Graduate analyst", "company": "Kora Bank",
        "interview_date": "2026-04-20", "candidate_name": "Ada Obi",
        "interviewer_email": "harriet.lowe@kora.example"}
#: What a letter about a later round says and one about a first round never does.
LATER = re.compile(r"\bagain\b|\bsecond interview\b|\bthird interview\b|\bthis time\b", re.IGNORECASE)


def sample_rows() -> list[dict]:
    import io

    return pd.read_csv(io.StringIO(SAMPLE), dtype="str").to_dict("records")


def letter(round_, kind: str, tone: str, row: dict = KORA, enjoyed: str | None = ENJOYED):
    given = dict(row) if round_ is None else {**row, "round": round_}
    return draft(given, kind=kind, tone=tone, strengths=STRENGTHS, enjoyed=enjoyed, today="2026-04-21")


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("kind", ROUND_KINDS)
def test_a_second_round_letter_says_it_and_a_first_round_one_does_not(kind, tone):
    for enjoyed in (ENJOYED, None):
        first, second = letter(1, kind, tone, enjoyed=enjoyed), letter(2, kind, tone, enjoyed=enjoyed)
        assert LATER.search(first.text) is None, first.text
        assert LATER.search(second.body), second.body
        assert second.body != first.body
        # Older callers give no round: their letter is the first round's, word for word.
        assert letter(None, kind, tone, enjoyed=enjoyed).text == first.text
        assert letter(pd.NA, kind, tone, enjoyed=enjoyed).text == first.text


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("kind", ROUND_KINDS)
def test_every_round_two_draft_still_has_every_part_the_checker_looks_for(kind, tone):
    for row in sample_rows():
        for enjoyed in (ENJOYED, None):
            # The round as a CSV gives it (text) and as the facts give it (a number).
            for given in ("2", 3):
                drafted = letter(given, kind, tone, row=row, enjoyed=enjoyed)
                assert LATER.search(drafted.body), drafted.body
                verdict = check(kind, drafted.body, interview=drafted.interview)
                assert verdict.ok, f"{kind}.{tone} round {given}: missing {verdict.missing}\n{drafted.body}"
                assert verdict.warnings == [], f"{kind}.{tone}: {verdict.warnings}\n{drafted.body}"
                assert "{{" not in drafted.text and "\n\n\n" not in drafted.body


@pytest.mark.parametrize("tone", TONES)
def test_a_follow_up_after_a_later_round_names_that_round(tone):
    second, third = letter(2, "follow_up", tone), letter(3, "follow_up", tone)
    assert "second interview" in second.text and "third interview" in third.text
    assert "second interview" not in third.text


def test_the_thank_you_after_a_second_interview_reads_as_one():
    body = letter(2, "thank_you", "warm", enjoyed=None).body
    assert "Thank you for seeing me again on Monday 20 April for the second interview" in body
    assert "meeting the team this time" in body
    assert letter(2, "thank_you", "formal").subject == \
        "Thank you: Graduate analyst second interview on Monday 20 April"


@pytest.mark.parametrize("bad", ["0", "-1", "1.5", "second"])
def test_a_round_that_cannot_be_says_so(bad):
    with pytest.raises(FollowupKitError, match=r"^round: .* is not a round; give 1"):
        letter(bad, "thank_you", "warm")


def test_followup_kit_draft_numbers_a_blank_round_among_the_candidates_interviews(tmp_path, capsys):
    """A second interview stored with no round is the second round of its job, in the CLI's letter too."""
    from conftest import CANDIDATES, write
    from followup_kit import Store
    from followup_kit.cli import main

    db = tmp_path / "coach.db"
    with Store(db) as store:
        store.import_csv(write(tmp_path, "candidates.csv", CANDIDATES))
        first = store.add_interview(candidate_id="C1", company="Kora Bank", role="Graduate analyst",
                                    interviewer_name="Harriet Lowe", interviewer_email="harriet@kora.example",
                                    interview_date="2026-04-01")
        second = store.add_interview(candidate_id="C1", company="Kora Bank", role="Graduate analyst",
                                     interviewer_name="Harriet Lowe", interviewer_email="harriet@kora.example",
                                     interview_date="2026-04-20")
        assert store.interviews(interview_id=second)["round"].isna().all()
    for interview, later in ((first, False), (second, True)):
        assert main(["draft", "--db", str(db), "--interview", interview, "--strength", "SQL dashboards"]) == 0
        text = capsys.readouterr().out
        assert bool(LATER.search(text)) is later, text
