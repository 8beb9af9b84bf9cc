"""The checker on letters it was never tuned on: a floor under its one measurement on the second fresh set.

``tests/data/letters_fresh_second/`` holds 135 labelled letters of every kind (thank-you emails and
notes, follow-ups, replies to a rejection and to an offer), written from the seed's advice and the parts
alone by someone who had seen neither the rules nor any earlier set, and committed in a86eaf3, before the
rules over lemmas were written. They were measured once, with the rules as they stand at 7f53081;
the counts below are that measurement. No rule is changed to fit these letters and
nobody reads them to tune one: this test only says whether the checker still finds, part by
part, at least what it found then, and credits no more wrongly. A later rule change is measured
on a new fresh set, never on this one.
"""

from __future__ import annotations

from pathlib import Path

from letter_sets import fallen_below, folder_digest

FRESH_SECOND = Path(__file__).parent / "data" / "letters_fresh_second"
# Every file of the folder (names and bytes) as measured: an edited letter or label would no
# longer be the set that was measured.
FRESH_SECOND_SHA256 = "5d5b81f9987fc0b70352a9f8e33f0a7c8312804392eff6cdc6215be54c25948d"
# (kind, part): (tp, fp, fn, tn), measured once with the rules of 7f53081.
MEASURED = {
    ("thank_you", "appreciation"): (34, 0, 1, 1),
    ("thank_you", "interest"): (25, 1, 6, 4),
    ("thank_you", "strengths"): (27, 1, 4, 4),
    ("thank_you", "interviewer"): (29, 0, 2, 5),
    ("thank_you", "role"): (31, 0, 2, 3),
    ("note", "appreciation"): (14, 0, 0, 1),
    ("note", "interest"): (8, 0, 4, 3),
    ("note", "strengths"): (11, 0, 0, 4),
    ("note", "interviewer"): (13, 0, 0, 2),
    ("note", "role"): (9, 0, 3, 3),
    ("follow_up", "reintroduction"): (20, 1, 2, 4),
    ("follow_up", "reason"): (21, 0, 3, 3),
    ("follow_up", "asks_status"): (20, 1, 4, 2),
    ("rejection_reply", "thanks"): (19, 1, 1, 6),
    ("rejection_reply", "positive"): (20, 1, 0, 6),
    ("rejection_reply", "asks_tips"): (14, 0, 2, 11),
    ("offer_reply", "thanks"): (26, 0, 0, 4),
    ("offer_reply", "interest"): (14, 3, 4, 9),
    ("offer_reply", "role"): (19, 0, 3, 8),
}


def test_the_second_fresh_set_is_the_one_that_was_measured():
    assert folder_digest(FRESH_SECOND) == FRESH_SECOND_SHA256


def test_no_part_falls_below_its_measured_precision_or_recall():
    below = fallen_below(FRESH_SECOND, MEASURED)
    assert below == [], "\n".join(below)
