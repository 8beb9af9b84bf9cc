"""The checker on letters it was never tuned on: a floor under its one measurement on the third fresh set.

``tests/data/letters_fresh_third/`` holds 152 labelled letters of every kind (thank-you emails and
notes, follow-ups, replies to a rejection and to an offer), written from the seed's advice and the parts
alone by someone who had seen neither the rules nor any earlier set, and committed in 5efffb1, before
the rules written on the second fresh set. They were measured once, with the rules as they stand at
21dfd40; the counts below are that measurement. No rule is changed to fit these letters and nobody
reads them to tune one: this test only says whether the checker still finds, part by part, at least
what it found then, and credits no more wrongly. A later rule change is measured on a new fresh set.
"""

from __future__ import annotations

from pathlib import Path

from letter_sets import fallen_below, folder_digest

FRESH_THIRD = Path(__file__).parent / "data" / "letters_fresh_third"
# Every file of the folder (names and bytes) as measured.
FRESH_THIRD_SHA256 = "68412e7a83f7195845352cb9256ba929ef85d9ed0c068acb69c3b86f1fdb2c8f"
# (kind, part): (tp, fp, fn, tn), measured once with the rules of 21dfd40.
MEASURED = {
    ("thank_you", "appreciation"): (37, 1, 1, 3),
    ("thank_you", "interest"): (24, 1, 14, 3),
    ("thank_you", "strengths"): (31, 0, 7, 4),
    ("thank_you", "interviewer"): (36, 0, 2, 4),
    ("thank_you", "role"): (36, 1, 2, 3),
    ("note", "appreciation"): (19, 0, 0, 1),
    ("note", "interest"): (14, 0, 4, 2),
    ("note", "strengths"): (17, 0, 1, 2),
    ("note", "interviewer"): (18, 0, 0, 2),
    ("note", "role"): (17, 0, 1, 2),
    ("follow_up", "reintroduction"): (23, 0, 3, 4),
    ("follow_up", "reason"): (23, 1, 2, 4),
    ("follow_up", "asks_status"): (25, 0, 0, 5),
    ("rejection_reply", "thanks"): (27, 1, 0, 2),
    ("rejection_reply", "positive"): (18, 1, 8, 3),
    ("rejection_reply", "asks_tips"): (22, 0, 3, 5),
    ("offer_reply", "thanks"): (26, 1, 0, 3),
    ("offer_reply", "interest"): (14, 0, 6, 10),
    ("offer_reply", "role"): (25, 0, 2, 3),
}


def test_the_third_fresh_set_is_the_one_that_was_measured():
    assert folder_digest(FRESH_THIRD) == FRESH_THIRD_SHA256


def test_no_part_falls_below_its_measured_precision_or_recall():
    below = fallen_below(FRESH_THIRD, MEASURED)
    assert below == [], "\n".join(below)
