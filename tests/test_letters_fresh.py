"""The checker on letters it was never tuned on: a floor under its one measurement.

``tests/data/letters_fresh/`` holds 80 labelled letters written from the seed's advice and
the parts alone, by someone who had not seen the checker or the development sets. They were
committed in 3880c64, before any rule change, and measured once with the rules as they stood
at daa2f3c; the counts below are that measurement. The rules over lemmas were then written
with these letters read, so the set is now a development set like the others: this test only
says whether the checker still finds, part by part, at least what it found then, and credits
no more wrongly. How the checker reads letters it has not seen is measured on the second fresh
set (test_letters_fresh_second.py).
"""

from __future__ import annotations

from pathlib import Path

from letter_sets import fallen_below, folder_digest

FRESH = Path(__file__).parent / "data" / "letters_fresh"
# Every file of the folder (names and bytes) as committed in 3880c64: an edited letter or
# label would no longer be the set that was measured.
FRESH_SHA256 = "290ae3321b63b2758bdb7399dcfcd2546e9637cbe9d0f2ce2a4bfd68530e4674"
# (kind, part): (tp, fp, fn, tn), measured once at 3880c64 with the rules of daa2f3c.
MEASURED = {
    ("thank_you", "appreciation"): (10, 0, 0, 6),
    ("thank_you", "interest"): (8, 0, 2, 6),
    ("thank_you", "strengths"): (9, 0, 1, 6),
    ("thank_you", "interviewer"): (10, 0, 0, 6),
    ("thank_you", "role"): (10, 0, 0, 6),
    ("note", "appreciation"): (5, 0, 0, 3),
    ("note", "interest"): (4, 0, 1, 3),
    ("note", "strengths"): (4, 0, 1, 3),
    ("note", "interviewer"): (5, 0, 0, 3),
    ("note", "role"): (5, 0, 0, 3),
    ("follow_up", "reintroduction"): (9, 0, 0, 9),
    ("follow_up", "reason"): (7, 0, 3, 8),
    ("follow_up", "asks_status"): (8, 0, 1, 9),
    ("rejection_reply", "thanks"): (9, 0, 0, 9),
    ("rejection_reply", "positive"): (9, 4, 0, 5),
    ("rejection_reply", "asks_tips"): (5, 0, 4, 9),
    ("offer_reply", "thanks"): (11, 1, 0, 8),
    ("offer_reply", "interest"): (6, 0, 5, 9),
    ("offer_reply", "role"): (10, 0, 1, 9),
}


def test_the_fresh_set_is_the_one_that_was_measured():
    assert folder_digest(FRESH) == FRESH_SHA256


def test_no_part_falls_below_its_measured_precision_or_recall():
    below = fallen_below(FRESH, MEASURED)
    assert below == [], "\n".join(below)
