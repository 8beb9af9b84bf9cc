"""The sixth fresh set, measured once: the checker may not read its letters worse than it did then.

``tests/data/letters_fresh_sixth/`` holds 156 labelled letters of every kind (42 thank-you emails, 13
notes, 31 follow-ups, 31 replies to a rejection, 39 to an offer), written from the seed's advice and the
parts alone by someone who had seen neither the rules nor any earlier set, and committed in 9c97ef1,
before the rules written on the fifth set were merged. They were measured once, with the rules as they
stand at 925dc9a; ``MEASURED`` is that measurement, the README's table. Nobody writing rules has read
this set.
"""

from __future__ import annotations

from pathlib import Path

from letter_sets import fallen_below, folder_digest, intents

FRESH_SIXTH = Path(__file__).parent / "data" / "letters_fresh_sixth"
# Every file of the folder (names and bytes) as measured.
FRESH_SIXTH_SHA256 = "a8c070bb51ef8a0363ebb13269bca7f4782bed6c4cc876a24d73b84ebd8c2859"
# (kind, part): (tp, fp, fn, tn), measured once with the rules of 925dc9a.
MEASURED = {
    ("thank_you", "appreciation"): (39, 1, 1, 1),
    ("thank_you", "interest"): (32, 1, 7, 2),
    ("thank_you", "strengths"): (28, 0, 4, 10),
    ("thank_you", "interviewer"): (36, 0, 1, 5),
    ("thank_you", "role"): (35, 0, 3, 4),
    ("note", "appreciation"): (13, 0, 0, 0),
    ("note", "interest"): (7, 0, 3, 3),
    ("note", "strengths"): (7, 0, 1, 5),
    ("note", "interviewer"): (12, 0, 0, 1),
    ("note", "role"): (7, 0, 3, 3),
    ("follow_up", "reintroduction"): (25, 0, 3, 3),
    ("follow_up", "reason"): (24, 2, 1, 4),
    ("follow_up", "asks_status"): (25, 1, 3, 2),
    ("rejection_reply", "thanks"): (25, 0, 1, 5),
    ("rejection_reply", "positive"): (23, 2, 2, 4),
    ("rejection_reply", "asks_tips"): (14, 0, 5, 12),
    ("offer_reply", "thanks"): (35, 0, 0, 4),
    ("offer_reply", "interest"): (24, 2, 4, 9),
    ("offer_reply", "role"): (30, 0, 0, 9),
}


def test_the_sixth_fresh_set_is_the_one_that_was_measured():
    assert folder_digest(FRESH_SIXTH) == FRESH_SIXTH_SHA256


def test_no_part_falls_below_its_measured_precision_or_recall():
    below = fallen_below(FRESH_SIXTH, MEASURED)
    assert below == [], "\n".join(below)


def test_the_checker_tells_what_most_replies_to_an_offer_do():
    # Measured once: 34 of the 39 replies' intents told (an accept, a request for time, a decline), none wrongly.
    table = intents(FRESH_SIXTH)
    told = table["found"].notna()
    assert int(told.sum()) >= 34
    assert (table.loc[told, "found"] == table.loc[told, "label"]).all()
