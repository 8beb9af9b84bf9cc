"""The fifth fresh set, measured once: the checker may not read its letters worse than it did then.

``tests/data/letters_fresh_fifth/`` holds 156 labelled letters of every kind (42 thank-you emails, 13
notes, 31 follow-ups, 31 replies to a rejection, 39 to an offer), written from the seed's advice and the
parts alone by someone who had seen neither the rules nor any earlier set, and committed in fe76d83,
before the rules written on the fourth set were merged. They were measured once, with the rules as they
stand at f3cc292; ``MEASURED`` is that measurement, the README's table. Nobody writing rules has read
this set.
"""

from __future__ import annotations

from pathlib import Path

from letter_sets import fallen_below, folder_digest

FRESH_FIFTH = Path(__file__).parent / "data" / "letters_fresh_fifth"
# Every file of the folder (names and bytes) as measured.
FRESH_FIFTH_SHA256 = "7147f446bc5e93eabac2ba5a62e4c2cd2d2420a12d985edaba44e4da6fe4209c"
# (kind, part): (tp, fp, fn, tn), measured once with the rules of f3cc292.
MEASURED = {
    ("thank_you", "appreciation"): (40, 0, 0, 2),
    ("thank_you", "interest"): (30, 1, 8, 3),
    ("thank_you", "strengths"): (33, 0, 2, 7),
    ("thank_you", "interviewer"): (39, 0, 1, 2),
    ("thank_you", "role"): (35, 0, 2, 5),
    ("note", "appreciation"): (12, 0, 0, 1),
    ("note", "interest"): (9, 0, 4, 0),
    ("note", "strengths"): (8, 0, 1, 4),
    ("note", "interviewer"): (12, 0, 0, 1),
    ("note", "role"): (9, 0, 1, 3),
    ("follow_up", "reintroduction"): (25, 0, 2, 4),
    ("follow_up", "reason"): (12, 1, 15, 3),
    ("follow_up", "asks_status"): (18, 0, 11, 2),
    ("rejection_reply", "thanks"): (24, 0, 1, 6),
    ("rejection_reply", "positive"): (23, 0, 1, 7),
    ("rejection_reply", "asks_tips"): (14, 0, 3, 14),
    ("offer_reply", "thanks"): (34, 0, 1, 4),
    ("offer_reply", "interest"): (26, 1, 3, 9),
    ("offer_reply", "role"): (30, 0, 2, 7),
}


def test_the_fifth_fresh_set_is_the_one_that_was_measured():
    assert folder_digest(FRESH_FIFTH) == FRESH_FIFTH_SHA256


def test_no_part_falls_below_its_measured_precision_or_recall():
    below = fallen_below(FRESH_FIFTH, MEASURED)
    assert below == [], "\n".join(below)


def test_the_checker_tells_what_most_replies_to_an_offer_do():
    # Measured once: 30 of the 39 replies' intents told (an accept, a request for time, a decline), none wrongly.
    from letter_sets import intents

    table = intents(FRESH_FIFTH)
    told = table["found"].notna()
    assert int(told.sum()) >= 30
    assert (table.loc[told, "found"] == table.loc[told, "label"]).all()
