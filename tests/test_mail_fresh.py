"""The fresh mail set, measured once: the scan may not read its mailboxes worse than it did then.

``tests/data/mail_fresh/`` holds four candidates' exports (Gmail Takeout, Thunderbird, Maildir, Apple
Mail and saved ``.eml`` files) with 177 labelled messages, written by someone who had seen no mail rule
and not the development set, and committed in b063258, before any rule existed. It was measured once,
with the rules as they stand at c6dca0b; ``MEASURED`` is that measurement, the README's table. Nobody
writing rules has read this set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mail_sets import KINDS, scores, tree_digest, wrongly_addressed

FRESH = Path(__file__).parent / "data" / "mail_fresh"
# Every file under the folder (paths and bytes) as measured.
FRESH_SHA256 = "892ab4303032e7194676d63b87c359cf01311ee8aedd376ad180738302340ebf"
# kind: (labelled, proposed, right), measured once with the rules of c6dca0b.
MEASURED = {
    "thank_you_sent": (27, 24, 24),
    "follow_up_sent": (12, 11, 11),
    "reply_sent": (25, 24, 24),
    "employer_response": (16, 20, 15),
    "next_round": (15, 9, 9),
    "offer": (11, 7, 7),
    "rejection": (11, 10, 10),
}


@pytest.fixture(scope="module")
def table():
    return scores(FRESH).set_index("kind")


def test_the_fresh_set_is_the_one_that_was_measured():
    assert tree_digest(FRESH) == FRESH_SHA256


@pytest.mark.parametrize("kind", KINDS)
def test_no_kind_falls_below_its_measured_precision_or_recall(table, kind):
    labelled, proposed, right = MEASURED[kind]
    now = table.loc[kind]
    assert int(now["labelled"]) == labelled
    assert now["tp"] >= right
    # tp'/proposed' >= tp/proposed, cross-multiplied so that no rounding decides it.
    assert now["tp"] * proposed >= right * now["proposed"]


def test_the_candidates_messages_say_rightly_whether_they_went_to_the_interviewer():
    assert wrongly_addressed(FRESH).empty
