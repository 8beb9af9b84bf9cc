"""Rules over lemmas for interest, the role, the follow-up's question and the offer reply, each on invented sentences.

Each rule reads what a coach reads in a letter, in words no letter of the sets uses: keenness
however it came about, the job by any of its names, a wish to join, a question whether the job
is gone, gladness at the chance to join. Each comes with sentences that must not be credited.
"""

from __future__ import annotations

import pytest

from followup_kit.letters.checks import check
from followup_kit.letters.reading import tokens

NURSE = {"interviewer_name": "Joan Pike", "role": "Registered Veterinary Nurse", "company": "Oakfield Vets"}
OPERATIVE = {"interviewer_name": "Joan Pike", "role": "Warehouse Operative", "company": "Dunmore Logistics"}
DRIVER = {"interviewer_name": "Joan Pike", "role": "HGV Class 2 Driver", "company": "Dunmore Logistics"}
APPRENTICE = {"interviewer_name": "Joan Pike", "role": "Plumbing Apprentice", "company": "Pike & Daughters"}
PORTER = {"interviewer_name": "Joan Pike", "role": "Kitchen Porter", "company": "The Old Mill"}


def thank_you_with(sentence: str, interview: dict):
    """A short thank-you letter holding ``sentence``, checked against ``interview``."""
    return check("thank_you", f"Dear Joan,\n\nThank you for meeting me.\n{sentence}\n\nBest wishes,\nSam",
                 interview=interview)


def _thank_you(sentence: str, interview: dict = NURSE):
    return thank_you_with(sentence, interview)


@pytest.mark.parametrize("sentence", [
    "I walked away even keener on the job.",
    "I came away keener than ever.",
    "After the tour I am now set on joining your team.",
    "I still want the apprenticeship very much.",
    "I hope to be part of the practice from the spring.",
    "I hope to become your next nurse on the small-animal ward.",
    "The job appeals to me more than ever now.",
    "Our talk confirmed my desire to work with you.",
    "Oakfield is where I would most like to work.",
    "I honestly cannot imagine myself doing anything else.",
    "I would be happy to come aboard as a nurse in the spring.",
])
def test_interest_said_in_other_words_is_found(sentence):
    assert _thank_you(sentence).parts["interest"] is True


@pytest.mark.parametrize("sentence", [
    "The job no longer appeals to me.",
    "I am not set on joining any practice yet.",
    "I hope to hear from you soon.",
    "My wish is simply to know the outcome.",
    "I left the building at five.",
    "I would be happy to come aboard as a receptionist instead.",
])
def test_what_is_not_interest_stays_unfound(sentence):
    assert _thank_you(sentence).parts["interest"] is False


@pytest.mark.parametrize(("sentence", "interview", "found"), [
    ("I would be proud to join you as an RVN.", NURSE, True),
    ("It was good to hear about the RVN role.", NURSE, True),
    ("Thank you again for the chat about the warehouse job.", OPERATIVE, True),
    ("In my warehouse job I packed two hundred orders a shift.", OPERATIVE, False),
    ("I enjoyed hearing about the Class 2 job and the routes.", DRIVER, True),
    ("I enjoyed hearing about the Class 1 job and the routes.", DRIVER, False),
    ("I really want the plumbing apprenticeship.", APPRENTICE, True),
    ("I would like this porter job at this restaurant.", PORTER, True),
])
def test_the_role_by_its_initials_its_words_before_the_head_or_its_scheme(sentence, interview, found):
    assert _thank_you(sentence, interview).parts["role"] is found


def test_a_plural_loses_its_s_but_this_and_bonus_keep_theirs():
    assert tokens("This bonus for pickers") == ["this", "bonus", "for", "picker"]


def _follow_up(sentence: str):
    return check("follow_up", f"Hello Joan,\n\nThis is Sam Okoro; we met on the 3rd.\n{sentence}\n\nBest,\nSam")


@pytest.mark.parametrize("sentence", [
    "Is the nursing post filled now?",
    "Has the vacancy gone?",
    "Has there been any progress on the shortlist?",
    "Could you let me know where you are with the selection?",
    "Have you had time to make a decision?",
])
def test_the_question_whether_the_job_is_still_open_in_other_words(sentence):
    assert _follow_up(sentence).parts["asks_status"] is True


@pytest.mark.parametrize("sentence", [
    "I hope the post was worth the wait for you.",
    "Where you are based was easy to find.",
    "I filled in the form you sent.",
])
def test_what_does_not_ask_whether_the_job_is_open(sentence):
    assert _follow_up(sentence).parts["asks_status"] is False


@pytest.mark.parametrize(("sentence", "found"), [
    ("I only thought I should ask how things are going.", True),
    ("Thought I might drop you a line about the nursing post.", True),
    ("I simply wanted to let you know I have passed my driving test.", True),
    ("I also wanted to share that my certificate has arrived.", True),
    ("Just checking in again.", False),
])
def test_the_reason_for_writing_in_other_words(sentence, found):
    assert _follow_up(sentence).parts["reason"] is found


OFFER = {"interviewer_name": "Joan Pike", "role": "Mobile Developer (iOS)", "company": "Pike Apps"}


def _offer_reply(body: str):
    return check("offer_reply", f"Hi Joan,\n\nThank you for the offer.\n{body}\n\nBest,\nSam", interview=OFFER)


def test_taking_the_job_in_so_many_words_accepts_it():
    result = _offer_reply("Yes, I will gladly take the developer job.")
    assert (result.intent, result.parts["interest"]) == ("accept", True)


def test_gladness_at_the_chance_to_join_as_the_role_is_interest_and_names_it():
    result = _offer_reply("I am so pleased about the chance to join Pike Apps as iOS developer. "
                          "Could I have until Monday to decide?")
    assert (result.intent, result.parts["interest"], result.parts["role"]) == ("time", True, True)


def test_taking_a_few_days_or_another_employers_opportunity_is_not_interest():
    days = _offer_reply("I would like to take a couple of days to look at the contract before I give you "
                        "my answer by Friday.")
    elsewhere = _offer_reply("I have an offer from another company and I am really excited about that one, "
                             "so could I have until Friday to decide?")
    assert (days.intent, days.parts["interest"]) == ("time", False)
    assert (elsewhere.intent, elsewhere.parts["interest"]) == ("time", False)
