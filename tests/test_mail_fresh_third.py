"""The third fresh mail set, measured once: the scan may not read its mailboxes worse than it did then.

``tests/data/mail_fresh_third/`` holds five candidates' exports (Gmail Takeout, Thunderbird, Maildir,
Apple Mail mbox and ``.emlx`` with a lone ``.eml``, readpst's folders with a folder of ``.eml``) with
179 labelled messages, written by someone who had seen neither the mail rules nor any earlier mail set,
and committed in 2858532, before the rules written on the second fresh set were merged. It was measured
once, with the rules as they stand at a2953db; ``MEASURED`` is that measurement, the README's third
table. Nobody writing rules has read this set.
"""

from __future__ import annotations

from pathlib import Path

from mail_sets import fallen_below, tree_digest, wrongly_addressed

FRESH_THIRD = Path(__file__).parent / "data" / "mail_fresh_third"
# Every file under the folder (paths and bytes) as measured.
FRESH_THIRD_SHA256 = "443b205d1af1a3060a07d855dea21785822b9373fa1b86efc83b117aa6204256"
# kind: (labelled, proposed, right), measured once with the rules of a2953db.
MEASURED = {
    "thank_you_sent": (19, 19, 19),
    "follow_up_sent": (9, 6, 6),
    "reply_sent": (24, 26, 24),
    "employer_response": (11, 16, 10),
    "next_round": (4, 3, 3),
    "offer": (5, 5, 5),
    "rejection": (8, 5, 5),
}
# Of the candidate's messages proposed, those said wrongly to have gone (or not) to the interviewer.
MEASURED_WRONGLY_ADDRESSED = 2


def test_the_third_fresh_set_is_the_one_that_was_measured():
    assert tree_digest(FRESH_THIRD) == FRESH_THIRD_SHA256


def test_no_kind_falls_below_its_measured_precision_or_recall():
    assert fallen_below(FRESH_THIRD, MEASURED) == []


def test_no_more_of_the_candidates_messages_are_wrongly_addressed():
    assert len(wrongly_addressed(FRESH_THIRD)) <= MEASURED_WRONGLY_ADDRESSED
