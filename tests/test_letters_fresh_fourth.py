"""The checker on letters it was never tuned on: a floor under its one measurement on the fourth fresh set.

``tests/data/letters_fresh_fourth/`` holds 155 labelled letters of every kind, written from the seed's
advice and the parts alone by someone who had seen neither the rules nor any earlier set, and committed
in 1774346, before the rules written on the third fresh set were merged. They were measured once, with
the rules as they stand at 5527048; the counts below are that measurement. No rule is changed to fit
these letters and nobody reads them to tune one. A later rule change is measured on a new fresh set.
"""

from __future__ import annotations

from pathlib import Path

from letter_sets import fallen_below, folder_digest

FRESH_FOURTH = Path(__file__).parent / "data" / "letters_fresh_fourth"
# Every file of the folder (names and bytes) as measured.
FRESH_FOURTH_SHA256 = "5dbaed9c33e5c1b2075a391fd2088bdee79b69241fc6a34501948353b051c504"
# (kind, part): (tp, fp, fn, tn), measured once with the rules of 5527048.
MEASURED = {
    ("thank_you", "appreciation"): (38, 1, 1, 2),
    ("thank_you", "interest"): (35, 2, 2, 3),
    ("thank_you", "strengths"): (36, 0, 3, 3),
    ("thank_you", "interviewer"): (38, 0, 1, 3),
    ("thank_you", "role"): (34, 1, 2, 5),
    ("note", "appreciation"): (19, 1, 0, 1),
    ("note", "interest"): (17, 0, 3, 1),
    ("note", "strengths"): (19, 0, 1, 1),
    ("note", "interviewer"): (18, 0, 1, 2),
    ("note", "role"): (16, 0, 2, 3),
    ("follow_up", "reintroduction"): (23, 0, 2, 5),
    ("follow_up", "reason"): (27, 0, 0, 3),
    ("follow_up", "asks_status"): (24, 2, 1, 3),
    ("rejection_reply", "thanks"): (27, 1, 0, 3),
    ("rejection_reply", "positive"): (25, 1, 1, 4),
    ("rejection_reply", "asks_tips"): (24, 0, 2, 5),
    ("offer_reply", "thanks"): (28, 0, 0, 3),
    ("offer_reply", "interest"): (16, 0, 7, 8),
    ("offer_reply", "role"): (25, 0, 2, 4),
}


def test_the_fourth_fresh_set_is_the_one_that_was_measured():
    assert folder_digest(FRESH_FOURTH) == FRESH_FOURTH_SHA256


def test_no_part_falls_below_its_measured_precision_or_recall():
    below = fallen_below(FRESH_FOURTH, MEASURED)
    assert below == [], "\n".join(below)
