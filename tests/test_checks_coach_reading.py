"""Rules written on the third fresh set, each on invented sentences: how a coach reads a letter.

Interest said as fit or as the next step, the job still wanted in the words of speech, keenness
graded however strongly, doubt that affirms; each with sentences that must not be credited.
"""

from __future__ import annotations

import pytest
from test_checks_lemma_rules import PORTER, thank_you_with

from followup_kit.letters.checks import check


def _thank_you(sentence: str):
    return thank_you_with(sentence, PORTER)


@pytest.mark.parametrize("sentence", [
    "Honestly, the porter job would suit me to a tee.",
    "This role is precisely the step I have wanted to take.",
    "Working in your kitchen would be a dream.",
    "A kitchen porter post at the Mill is my dream job.",
    "I am still after the kitchen porter role.",
    "I would truly love the kitchen porter position.",
    "I would like so much the post of kitchen porter.",
    "I'd love to come and work in your kitchen.",
    "I would very much like to be considered for the role.",
    "I would welcome the chance to get stuck in.",
    "It is a role I would love to have.",
    "I remain most desirous of joining the Mill.",
    "I am highly motivated to become part of your team.",
    "I'd be mad keen on a summer in your kitchen.",
    "I hope very much to be the next porter at the Mill.",
    "I couldn't be keener on the kitchen porter post.",
    "I don't doubt that the role is the right step for me.",
])
def test_interest_as_a_coach_reads_it_is_found(sentence):
    assert _thank_you(sentence).parts["interest"] is True


@pytest.mark.parametrize("sentence", [
    "The late shifts would not suit me.",
    "The job is not the right step for me.",
    "I doubt the role is the right step for me.",
    "I would love the chef role instead.",
    "I was after the bus when I left.",
    "I would welcome any feedback.",
    "My dream was once to be a pilot, and I left school to fly.",
])
def test_what_a_coach_does_not_read_as_interest_stays_unfound(sentence):
    assert _thank_you(sentence).parts["interest"] is False


def _rejection_reply(sentence: str):
    return check("rejection_reply", f"Dear Joan,\n\nThank you for letting me know.\n{sentence}\n\nSam")


@pytest.mark.parametrize("sentence", [
    "Wishing you and the kitchen every success this season.",
    "Please pass my best wishes to the whole brigade.",
    "I wish the Mill a busy summer and lots of luck.",
    "I'd love to be kept in mind for the autumn.",
    "I hope to apply to the Mill again next year.",
    "I have a lot of respect for how you run the place.",
    "I accept the decision and thank you for it.",
    "I'm sure whoever you picked will be brilliant.",
    "I hope the new porter settles in quickly.",
])
def test_a_positive_tone_as_a_coach_hears_it_is_found(sentence):
    assert _rejection_reply(sentence).parts["positive"] is True


@pytest.mark.parametrize("sentence", [
    "I do not accept the decision.",
    "I will not apply again.",
    "With respect, the process took months.",
    "Please don't keep my name in mind.",
])
def test_what_is_not_a_positive_tone_stays_unfound(sentence):
    assert _rejection_reply(sentence).parts["positive"] is False


def _offer_reply(body: str):
    return check("offer_reply", f"Dear Joan,\n\nThank you for the offer of the Kitchen Porter job.\n{body}\n\nSam",
                 interview=PORTER)


@pytest.mark.parametrize(("body", "intent"), [
    ("I'm chuffed to accept it.", "accept"),
    ("Kindly give me till Thursday to think.", "time"),
    ("Is it possible to have two weeks before I answer?", "time"),
    ("Would it be all right if I got back to you on Monday?", "time"),
    ("I would however respectfully request a week to review the contract.", "time"),
    ("May I have a week for a final answer?", "time"),
    ("I won't be taking the job, as I have found work nearer home.", "decline"),
    ("I will not take up the offer.", "decline"),
])
def test_what_a_reply_does_with_the_offer_in_other_words(body, intent):
    assert _offer_reply(body).intent == intent


@pytest.mark.parametrize(("body", "found"), [
    ("Really pleased! Could I have until Friday to decide?", True),
    ("I'm so glad, and could I have until Friday to decide?", True),
    ("It is a job I would love to do. Could I have until Friday to decide?", True),
    ("Could I have until Friday to decide?", False),
    ("I am glad to tell you I need until Friday to decide.", False),
])
def test_gladness_said_on_its_own_in_a_request_for_time_is_interest(body, found):
    result = _offer_reply(body)
    assert result.intent == "time"
    assert result.parts["interest"] is found
