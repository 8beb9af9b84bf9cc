"""Rules written on the fourth fresh set, each on invented sentences: families of wording, not phrases.

Interest in a letter that turns an offer down is regret; gladness and liking the employer show it in a
request for time; interest, strengths, the role and the interviewer are found however plainly, or by
whatever short name, they are written; follow-ups and replies to a rejection are read in the words of
speech; thanks said to mean the opposite is not thanks. Each family comes with sentences that must not
be credited. No sentence here is taken from a labelled set.
"""

from __future__ import annotations

import pytest

from followup_kit.letters.checks import check

MILL = {"interviewer_name": "Joan Pike", "role": "Kitchen Porter", "company": "The Old Mill"}
CLINIC = {"interviewer_name": "Joan Pike", "role": "Registered Veterinary Nurse", "company": "Oakfield Vets"}


def _thank_you(sentence: str, interview: dict = MILL):
    return check("thank_you", f"Dear Joan,\n\nThank you for meeting me.\n{sentence}\n\nBest wishes,\nSam",
                 interview=interview)


def _offer_reply(body: str, interview: dict = MILL):
    return check("offer_reply", f"Dear Joan,\n\nThank you for the offer of the Kitchen Porter job.\n{body}\n\nSam",
                 interview=interview)


def _follow_up(sentence: str):
    return check("follow_up", f"Dear Joan,\n\n{sentence}\n\nSam")


def _rejection_reply(sentence: str):
    return check("rejection_reply", f"Dear Joan,\n\nThank you for letting me know.\n{sentence}\n\nSam")


# -- replies to an offer -------------------------------------------------------------

@pytest.mark.parametrize(("body", "found"), [
    ("I really liked the team and the kitchen, but I must decline.", True),
    ("I was so excited about the job, but I have to turn it down.", True),
    ("I would have loved to work with you all, but I must decline.", True),
    ("I must decline, though I really wanted this one.", True),
    ("I can't say how much I wanted the job, but I must decline.", True),
    # The decline itself, hopes for later, the job taken instead, and liking only the interview.
    ("I would have loved to accept, but I must decline.", False),
    ("I must decline. I would be glad to be considered for future roles.", False),
    ("I must decline, but I hope we can work together one day.", False),
    ("I must decline, as I have taken a job at the Riverside Inn that I am thrilled about.", False),
    ("I must decline. I liked meeting you.", False),
    ("I must decline; I did not like the split shifts.", False),
])
def test_a_decline_shows_interest_as_regret(body, found):
    result = _offer_reply(body)
    assert result.intent == "decline"
    assert result.parts["interest"] is found
    # Still not asked of a decline: leaving it out is no fault.
    assert result.ok


@pytest.mark.parametrize(("body", "found"), [
    ("I am very happy to receive it. Could I have until Friday to decide?", True),
    ("Thank you - I'm really chuffed, and could I have until Friday to decide?", True),
    ("I can see myself being happy at the Mill. Could I have until Friday to decide?", True),
    ("I like the look of the kitchen a lot. Could I have until Friday to decide?", True),
    ("I really like the Old Mill. Could I have until Friday to decide?", True),
    ("I'm glad to have the chance to think. Could I have until Friday to decide?", False),
    ("I am happy with the salary. Could I have until Friday to decide?", False),
    ("I would like to ask for until Friday to decide.", False),
])
def test_gladness_at_the_offer_or_liking_the_employer_is_interest_in_a_request_for_time(body, found):
    result = _offer_reply(body)
    assert result.intent == "time"
    assert result.parts["interest"] is found


@pytest.mark.parametrize(("body", "intent"), [
    ("I'm delighted to say yes.", "accept"),
    ("Yes, absolutely, and I can start on the 3rd.", "accept"),
    ("I'd love to take the apprenticeship.", "accept"),
    ("After a lot of thought, it's a no from me.", "decline"),
    ("Before I say yes, could I have until Friday?", "time"),
])
def test_a_yes_or_a_no_in_plain_words(body, intent):
    apprentice = {**MILL, "role": "Apprentice Chef"}
    assert _offer_reply(body, apprentice).intent == intent


def test_a_decline_names_the_job_it_turns_down():
    result = check("offer_reply", "Dear Joan,\n\nI won't be taking the Kitchen Porter job after all.\n\nSam",
                   interview=MILL)
    assert result.intent == "decline" and result.evidence["role"] == "I won't be taking the Kitchen Porter job after all."
    # In a thank-you letter a role turned down is still not the role reiterated.
    assert not _thank_you("I don't want the kitchen porter job any more.").parts["role"]


# -- interest in a thank-you letter --------------------------------------------------

@pytest.mark.parametrize(("sentence", "found"), [
    ("I drove home keener than ever on the porter job.", True),
    ("Really keen to get started in your kitchen.", True),
    ("Eager to join the team at the Mill.", True),
    ("The porter job is exactly what I have been looking for.", True),
    ("The Old Mill is where I want to work.", True),
    ("It is the kitchen I have always wanted to work in.", True),
    ("I could see myself working in your kitchen for years.", True),
    ("I've had my heart set on it since the open day.", True),
    ("I desire very much the porter post.", True),
    ("The role really excites me.", True),
    ("I'm really drawn to the role.", True),
    ("This is the job for me.", True),
    ("The role is a perfect fit for me.", True),
    ("I'd jump at the chance to work at the Mill.", True),
    ("Working at the Mill would mean a lot to me.", True),
    ("Fingers crossed I get the porter job.", True),
    ("I'm raring to go.", True),
    ("That is what I wanted to ask you about the rota.", False),
    ("Here is what I want you to know about my hours.", False),
    ("The team I want to thank most is the night crew.", False),
    ("I can't see myself working nights though.", False),
    ("I wanted to ask about the job before deciding.", False),
    ("It is not what I want.", False),
])
def test_interest_however_plainly_it_is_said(sentence, found):
    assert _thank_you(sentence).parts["interest"] is found


@pytest.mark.parametrize(("sentence", "found"), [
    ("I would love to be considered for the head chef post instead.", False),
    ("I'd love to be considered for that post when it is advertised.", False),
    ("I am excited about joining Riverside Inn next month.", False),
    ("I'd love the porter job with you for the summer.", True),
    ("I'd be keen on the porter job with ye.", True),
    ("I am excited about joining the Old Mill.", True),
])
def test_interest_in_another_job_stays_unfound_and_with_you_is_this_job(sentence, found):
    assert _thank_you(sentence).parts["interest"] is found


# -- the role ------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "sentence", "found"), [
    ("Registered Veterinary Nurse", "I hope to be your next reg vet nurse.", True),
    ("Veterinary Physiotherapist", "The vet physio post would suit me.", True),
    ("Retail Sales Assistant", "I'm keen on the Sales Assistant role.", True),
    ("Band 6 Community Physiotherapist", "The community physio job is what I'm after.", True),
    ("Part II Quantity Surveyor", "Thank you for the Part II Quantity Surveyor interview.", True),
    ("Charge Nurse, Intensive Care", "I'm keen on the Charge Nurse post.", True),
    ("Apprentice Plumber", "I really want the plumbing apprenticeship.", True),
    ("Apprentice Plumber", "I'm dead keen on the apprenticeship.", True),
    ("Groundsperson", "The groundswoman's job is what I'm after.", True),
    ("Kitchen Porter", "I want the porter job with you.", True),
    # A title without its rank is another job; a person is not a job; the candidate's own scheme is not this one.
    ("Assistant Store Manager", "I'd love the store manager job one day.", False),
    ("Retail Sales Assistant", "I chatted to the sales assistant on the floor.", False),
    ("Apprentice Plumber", "My apprenticeship at college taught me a lot.", False),
    ("Kitchen Porter", "I want the porter job at Riverside Inn.", False),
])
def test_the_role_by_its_short_names(role, sentence, found):
    interview = {**MILL, "role": role, "company": "Oakfield"}
    assert _thank_you(sentence, interview).parts["role"] is found


# -- the interviewer -----------------------------------------------------------------

@pytest.mark.parametrize(("name", "greeting", "found"), [
    ("Joan Pike", "Dear Chef Pike,", True),
    ("Joan Pike", "Dear Principal Pike,", True),
    ("Joan Pike", "Respected Madam Pike,", True),
    ("Joan Pike", "Dear Sergeant Pike,", True),
    ("Joanne Pike", "Hi Jo,", True),
    ("Rebecca Pike", "Hi Bec,", True),
    ("Agata Nowakowska", "Dear Ms Nowakowksa,", True),
    ("Agata Nowakowska", "Dear Mrs Nowakowka,", True),
    # A short surname one letter out is another name; so is one two letters out.
    ("Joan Pike", "Dear Coach Pyke,", False),
    ("Agata Nowakowska", "Dear Ms Nowakowsy,", False),
    ("Joan Pike", "Dear Chef,", False),
])
def test_the_interviewer_by_a_title_of_address_a_short_form_or_a_slip_of_the_pen(name, greeting, found):
    result = check("thank_you", f"{greeting}\n\nThank you for the interview.",
                   interview={**MILL, "interviewer_name": name})
    assert result.parts["interviewer"] is found


# -- strengths -----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "found"), [
    ("I have already finished my food hygiene course.", True),
    ("I've managed the stores at a hotel.", True),
    ("I have been working at a pub kitchen for a year.", True),
    ("I'm used to long shifts on my feet.", True),
    ("During my placement at a hotel I covered the pot wash.", True),
    ("I looked after the stores for four seasons.", True),
    ("I got a distinction in my Level 2 catering.", True),
    ("At my last place I cut waste from 20% to 8%.", True),
    ("I currently oversee the deliveries.", True),
    ("I have a year's experience in a busy kitchen.", True),
    ("As a qualified chef, I know my way round a kitchen.", True),
    ("Last summer I washed up for 300 covers a night.", True),
    # Logistics, manners and plans are not strengths.
    ("I'm comfortable with the salary you mentioned.", False),
    ("I'm comfortable with the hours.", False),
    ("I land back in the UK on Friday.", False),
    ("I ran late because of the bus.", False),
    ("I managed to find the back door.", False),
    ("I grew up near the Mill.", False),
    ("I hold you in high regard.", False),
    ("I'll be away for two months in the summer.", False),
    ("We moved the trial from the 1st to the 15th.", False),
    ("I got the first bus home.", False),
    ("I prepared for the interview all week.", False),
])
def test_strengths_in_any_tense_and_as_time_scale_or_results(sentence, found):
    assert _thank_you(sentence).parts["strengths"] is found


# -- follow-ups ----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "part", "found"), [
    ("Sam Patel here, hope you're well.", "reintroduction", True),
    ("Myself Sam Patel, from Monday's trial.", "reintroduction", True),
    ("Is Sam Patel, I had the trial with you.", "reintroduction", True),
    ("I popped in last Tuesday about the porter vacancy.", "reintroduction", True),
    ("I attended the second-round interview on Monday.", "reintroduction", True),
    ("I came for the trial shift on Saturday.", "reintroduction", True),
    ("Just here to say I'm still keen.", "reintroduction", False),
    ("Also here is my updated CV.", "reintroduction", False),
    ("Is Friday still good for you?", "reintroduction", False),
    ("I was in hospital for a week before the interview.", "reintroduction", False),
    ("I have an interview with another kitchen on Friday.", "reintroduction", False),
    ("So just checking whether you have decided.", "reason", True),
    ("I thought to write and follow up about the job.", "reason", True),
    ("I'm just chasing up my application.", "reason", True),
    ("Just checking in.", "reason", False),
    ("Is the porter job still free?", "asks_status", True),
    ("Have you taken someone on yet?", "asks_status", True),
    ("I haven't heard whether the job is still open.", "asks_status", True),
    ("I'm still free to start on Monday.", "asks_status", False),
    ("I'm not chasing, but is the job still open?", "asks_status", False),
])
def test_a_follow_up_in_the_words_of_speech(sentence, part, found):
    assert _follow_up(sentence).parts[part] is found


# -- replies to a rejection ----------------------------------------------------------

@pytest.mark.parametrize(("text", "part", "found"), [
    ("Cheers for letting me know, Joan.", "thanks", True),
    ("I am very thankful to you for the chance.", "thanks", True),
    ("I get it, and fair play to the chef you picked.", "positive", True),
    ("It was lovely to meet you all.", "positive", True),
    ("I don't get it at all.", "positive", False),
    ("What tipped it in the end?", "asks_tips", True),
    ("Please tell me where I went wrong.", "asks_tips", True),
    ("I would really love to hear what I could've done better.", "asks_tips", True),
    ("Could you tell me how I did in the practical?", "asks_tips", True),
    ("I will be grateful if you give me some pointers.", "asks_tips", True),
    ("I expect a full explanation of what the other candidate had that I lacked.", "asks_tips", True),
    ("I will develop my skills at college.", "asks_tips", False),
])
def test_a_reply_to_a_rejection_in_the_words_of_speech(text, part, found):
    result = check("rejection_reply", f"Dear Joan,\n\n{text}\n\nSam")
    assert result.parts[part] is found


@pytest.mark.parametrize(("text", "thanks", "positive"), [
    ('Thanks for the "interview". Good luck with it all.', False, False),
    ("Thanks for nothing. I wish you well.", False, False),
    ("Thanks for taking six weeks to tell me. I wish you well.", False, False),
    ("Thank you for finally replying. I wish you well.", False, False),
    ("Thank you. Good luck with the new chef, you'll need it.", True, False),
    ('Thank you for the "Women in Catering" evening; I wish you well.', True, True),
    ("Thank you for taking the time to call. I wish you well.", True, True),
])
def test_thanks_or_good_luck_said_to_mean_the_opposite_is_neither(text, thanks, positive):
    # One sentence said to mean the opposite sours the letter's tone, as a bitter one does.
    result = check("rejection_reply", f"Dear Joan,\n\n{text}\n\nSam")
    assert (result.parts["thanks"], result.parts["positive"]) == (thanks, positive)


# -- the letter's own words ----------------------------------------------------------

def test_a_longer_signature_line_and_a_formal_closing_are_left_out_but_a_short_ps_is_read():
    letter = ("Dear Joan,\n\nThank you for the interview. I'd love to join you.\n\nRespectfully yours,\n"
              "Sam Patel\nApplicant - Kitchen Porter vacancy, Old Mill\n")
    assert not check("thank_you", letter, interview=MILL).parts["role"]
    signed = ("Dear Joan,\n\nThank you for the interview.\n\nKind regards,\nSam\n"
              "PS I would love the porter job\n")
    assert check("thank_you", signed, interview=MILL).evidence["interest"] == "PS I would love the porter job"
