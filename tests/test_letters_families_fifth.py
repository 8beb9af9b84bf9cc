"""Rules written on the fifth fresh set, each on invented sentences: families of wording, not phrases.

A follow-up's reason for writing now is the wait (the employer's own time recalled or gone by, nothing
heard since) or news of the candidate's own (another offer, a deadline of their own), and its question
where things stand is any question or wish about the decision, its timing, the next step or whether the
candidate is still in it. Interest is glad or proud to take the job in any modal and any verb for taking
it, wanting the chance to join however joining is said, hoping to be given it, valuing it; an open
question ("whether it is what I want") leaves it undecided. A reply to a rejection asks for tips however
the wish is graded and whatever it asks to improve; a reply to an offer declines, asks for time or says
yes in more words. Each family comes with sentences that must not be credited. No sentence here is taken
from a labelled set.
"""

from __future__ import annotations

import pytest

from followup_kit.letters.checks import check

MILL = {"interviewer_name": "Joan Pike", "role": "Kitchen Porter", "company": "The Old Mill"}


def _follow_up(sentence: str):
    return check("follow_up", f"Dear Joan,\n\n{sentence}\n\nSam")


def _thank_you(sentence: str, interview: dict = MILL):
    return check("thank_you", f"Dear Joan,\n\nThank you for meeting me.\n{sentence}\n\nBest wishes,\nSam",
                 interview=interview)


def _offer_reply(body: str, interview: dict = MILL):
    return check("offer_reply", f"Dear Joan,\n\nThank you for the offer of the Kitchen Porter job.\n{body}\n\nSam",
                 interview=interview)


# -- a follow-up's reason for writing now ----------------------------------------------

@pytest.mark.parametrize(("sentence", "found"), [
    # The wait: the employer's own time recalled, the time gone by, nothing heard since.
    ("You said you'd be in touch within ten days, and it has now been a fortnight.", True),
    ("Your email said the panel would meet on the 3rd.", True),
    ("The closing date the recruiter gave has come and gone.", True),
    ("We're now well into March.", True),
    ("Nobody has rung me back yet.", True),
    ("I still haven't had a reply.", True),
    # News of the candidate's own: another offer, a deadline of their own.
    ("I've just been offered a job at a bakery in town.", True),
    ("A garage in Leeds has offered me a start.", True),
    ("My tenancy runs out at the end of the month.", True),
    ("The bakery needs an answer from me by Thursday.", True),
    ("Hence my email.", True),
    # Saying what the letter is for, in more words for it.
    ("I wish to respectfully enquire about the outcome.", True),
    ("Just dropping you a quick line.", True),
    # No reason: a compliment recalled, a condition, a busy time, a reproach, the past, availability, news alone.
    ("You said you liked my portfolio.", False),
    ("If I don't hear back by Friday, I'll take it as a no.", False),
    ("It's been a busy fortnight at college.", False),
    ("I hope your week is going well.", False),
    ("Nobody has bothered to get back to me, even though you said I'd hear by Friday.", False),
    ("I worked at another hotel for two years.", False),
    ("I can start on two weeks' notice.", False),
    ("Just letting you know I have a new phone number.", False),
])
def test_a_reason_for_writing_now_is_the_wait_or_news_of_ones_own(sentence, found):
    assert _follow_up(sentence).parts["reason"] is found


# -- a follow-up's question where things stand ------------------------------------------

@pytest.mark.parametrize(("sentence", "found"), [
    ("Where are we up to with the decision?", True),
    ("Do you know roughly when you'll be in touch?", True),
    ("I'd be grateful for an update.", True),
    ("I'd love to know whether I'm still under consideration.", True),
    ("Could you let me know what happens next?", True),
    ("Have you made your mind up yet?", True),
    ("Please let me know if I've been successful.", True),
    ("I was hoping to hear how the selection is progressing.", True),
    ("Can you tell me if you decided already?", True),
    # A statement, a condition, another matter, looking forward, saying one is not asking.
    ("You said you'd make a decision by Friday.", False),
    ("If you decide to go with someone else, I'd be grateful for some feedback.", False),
    ("Could you let me know when I can expect my travel expenses?", False),
    ("I look forward to hearing your decision.", False),
    ("I'm not chasing a decision, I just wanted to say thanks.", False),
    ("Could you tell me whether you received my references?", False),
])
def test_where_things_stand_asked_in_any_words(sentence, found):
    assert _follow_up(sentence).parts["asks_status"] is found


@pytest.mark.parametrize(("sentence", "found"), [
    ("I was on interview with you last Tuesday.", True),
    ("I trialled for the porter job on Saturday.", True),
    ("my name Sam Patel, from the Saturday trial.", True),
    ("I trial new dishes at home.", False),
    ("My name badge was missing on the day.", False),
])
def test_a_reintroduction_in_other_englishes(sentence, found):
    assert _follow_up(sentence).parts["reintroduction"] is found


# -- interest in a thank-you letter ------------------------------------------------------

@pytest.mark.parametrize(("sentence", "found"), [
    ("I should be pleased to join the team.", True),
    ("I would be proud to step into the role.", True),
    ("Seeing the kitchen only made me want it more.", True),
    ("I'd really love the chance to come and work with you.", True),
    ("I am still hoping to be given the chance.", True),
    ("I would value a place in your kitchen more than I can say.", True),
    ("I really wish to join your crew.", True),
    ("Count me in!", True),
    ("I am very much interesting in this job.", True),
    ("The porter job at the Mill would suit me down to the ground.", True),
    # Glad to do something else, wanting something else, a condition, and a question left open.
    ("I'd be happy to send references.", False),
    ("I'd be glad to answer any other questions.", False),
    ("I want it to be clear that I can work weekends.", False),
    ("I would like a copy of the job description.", False),
    ("If you will have me down for Friday, I can bring my knives.", False),
    ("I'm still weighing up whether the job is what I want.", False),
    ("I'm deciding whether the job is really what I'm after.", False),
])
def test_interest_in_more_words_and_undecided_interest(sentence, found):
    assert _thank_you(sentence).parts["interest"] is found


def test_interest_as_the_job_taken_by_its_title_read_over_lemmas():
    director = {**MILL, "role": "Managing Director"}
    assert _thank_you("I would be proud to succeed you as Managing Director.", director).parts["interest"]
    assert not _thank_you("I would be proud to succeed you as Finance Director.", director).parts["interest"]


@pytest.mark.parametrize(("sentence", "found"), [
    ("Having run the night kitchen, I know the pace.", True),
    ("Having taken our bakery through a move to a bigger site, I know how to plan.", True),
    ("I did 3 yrs on the grill.", True),
    ("Having met the team, I can see why people stay.", False),
    ("Having seen the kitchen, I am keen.", False),
])
def test_strengths_as_a_having_clause_and_in_short_words(sentence, found):
    assert _thank_you(sentence).parts["strengths"] is found


# -- the role and the interviewer ------------------------------------------------------

@pytest.mark.parametrize(("role", "sentence", "found"), [
    ("Physiotherapist", "I'd love the physio job.", True),
    ("Physiotherapist", "I'd love to come on board as a physio.", True),
    ("Registered Nurse - Cardiac Unit", "I'm keen on the RN post on the cardiac unit.", True),
    ("Dental Receptionist", "I'd love to join you as your receptionist.", True),
    # Too short a cut, another scheme's initials, and initials that spell a word.
    ("Therapist", "Thank you for the job interview.", False),
    ("Registered Nurse", "My RN job at St Mary's taught me a lot.", False),
    ("Inventory Technician", "I'd love the IT job.", False),
])
def test_the_role_cut_short_by_its_initials_or_as_yours(role, sentence, found):
    interview = {**MILL, "role": role, "company": "Oakfield"}
    assert _thank_you(sentence, interview).parts["role"] is found


@pytest.mark.parametrize(("greeting", "found"), [
    ("Dear Engr. Pike,", True),
    ("Dear Pharm. Pike,", True),
    ("Dear Capt. Pike,", True),
    ("Dear Engr. Pyke,", False),
])
def test_the_interviewer_by_a_shortened_title_of_address(greeting, found):
    result = check("thank_you", f"{greeting}\n\nThank you for the interview.", interview=MILL)
    assert result.parts["interviewer"] is found


# -- replies to a rejection ----------------------------------------------------------

@pytest.mark.parametrize(("text", "part", "found"), [
    ("I would also welcome ten minutes of your time to hear where I fell short.", "asks_tips", True),
    ("Is there anything I could have handled better?", "asks_tips", True),
    ("Anything I should brush up on before the next round?", "asks_tips", True),
    ("Would you share anything I could take into my next interview?", "asks_tips", True),
    ("Is there something I should do differently at the next interview?", "asks_tips", True),
    ("Could you tell me what date the next round opens?", "asks_tips", False),
    ("I will brush up on my Excel anyway.", "asks_tips", False),
    ("Could you tell the practice manager I said goodbye?", "asks_tips", False),
    ("I'll keep an eye on your jobs page.", "positive", True),
    ("I'll definitely apply again next year.", "positive", True),
    ("I'll keep an eye on my phone.", "positive", False),
    ("thx for the call.", "thanks", True),
    ("thank u for letting me know.", "thanks", True),
])
def test_a_reply_to_a_rejection_in_more_words(text, part, found):
    result = check("rejection_reply", f"Dear Joan,\n\n{text}\n\nSam")
    assert result.parts[part] is found


# -- replies to an offer -------------------------------------------------------------

@pytest.mark.parametrize(("body", "intent"), [
    ("I must, with a heavy heart, decline.", "decline"),
    ("After a long talk with my family I have decided not to take up the offer.", "decline"),
    ("The role isn't quite the right fit for me.", "decline"),
    ("I'm so sorry to disappoint you.", "decline"),
    ("I'd have loved nothing more than to join you, but the move is impossible.", "decline"),
    ("Would you mind if I took the weekend to think it over?", "time"),
    ("Hope it's OK if I take the weekend to think it over.", "time"),
    ("Mind if I sleep on it?", "time"),
    ("can i get back to u by weds", "time"),
    # Declining mentioned, not done; a poor time for a call; and no decision at all.
    ("I don't want to disappoint you, so could I have until Friday to decide?", "time"),
    ("I really don't want to decline, so could I have until Friday to decide?", "time"),
    ("If now is not a good time for a call, could I have until Friday to decide?", "time"),
    ("I'm sure it's the right fit for me.", None),
])
def test_what_a_reply_to_an_offer_does_in_more_words(body, intent):
    assert _offer_reply(body).intent == intent


def test_a_yes_by_the_jobs_other_name_and_good_news_as_interest():
    apprentice = {**MILL, "role": "Apprentice Chef"}
    assert _offer_reply("Yes, I'll take the apprenticeship.", apprentice).intent == "accept"
    glad = _offer_reply("What wonderful news! Could I have until Friday to decide?")
    assert glad.intent == "time" and glad.evidence["interest"] == "What wonderful news!"
    assert not _offer_reply("I have some news: could I have until Friday to decide?").parts["interest"]
    regret = _offer_reply("I'd have loved nothing more than to join you, but the move is impossible.")
    assert regret.parts["interest"]
