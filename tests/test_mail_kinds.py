"""Which event a message shows: the employer's kinds by their words, the candidate's by the letter checker."""

from __future__ import annotations

import datetime as dt

import pytest

from followup_kit.inbox.kinds import (
    candidate_kind,
    employer_kind,
    employer_says,
    reads_as_english,
    still_to_meet,
)
from followup_kit.inbox.reading import Invitation, Reading, read_text

INTERVIEW = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Fernleaf Health"}
DAY = dt.date(2026, 3, 2)


def employer(text: str, *, person: bool = True, answering: str | None = None, invitation=None):
    read = read_text(text)
    if invitation is not None:
        read = Reading(read.text, read.quoted, read.forwarded, read.forwarded_from, invitation)
    return employer_kind(read, interview_day=DAY, person=person, answering=answering)


@pytest.mark.parametrize(("text", "kind"), [
    ("Unfortunately, we have decided not to move forward with your application at this time.", "rejection"),
    ("We regret to inform you that your application was unsuccessful.", "rejection"),
    ("We have decided to proceed with other candidates whose experience more closely matches our needs.",
     "rejection"),
    ("The position has now been filled.", "rejection"),
    ("We have decided to offer the role to an internal candidate.", "rejection"),
    ("Sadly, we won't be progressing your application further.", "rejection"),
    ("We are delighted to offer you the position of Data Analyst.", "offer"),
    ("I'm thrilled to extend you an offer for the Data Analyst role!", "offer"),
    ("Please find attached your offer letter.", "offer"),
    ("We would like to invite you to a second interview with our Head of Data.", "next_round"),
    ("We'd like to offer you a second interview.", "next_round"),
    ("We'd love to have you back for a final round with the team.", "next_round"),
    ("You've progressed to the next stage of our process.", "next_round"),
    ("Could you let me know your availability for a follow-up call next week?", "next_round"),
    ("Please use the link below to schedule your final interview.", "next_round"),
    ("We are still interviewing other candidates and expect to make a decision by Friday.", "employer_response"),
    ("Thank you for your patience while we finalise our decision.", "employer_response"),
    ("I just wanted to let you know that the decision has been delayed by a week.", "employer_response"),
    ("We'll be in touch next week.", "employer_response"),
])
def test_the_employers_kinds(text, kind):
    verdict = employer(f"Hi Hannah,\n\n{text}\n\nBest,\nAmara")
    assert (verdict.kind, verdict.evidence) == (kind, text)


@pytest.mark.parametrize("text", [
    # Denied: a rejection that names the offer it does not make.
    "We are not able to offer you the role on this occasion.",
    "We regret that we cannot offer you the position.",
])
def test_an_offer_denied_is_a_rejection(text):
    assert employer(text).kind == "rejection"


@pytest.mark.parametrize("text", [
    "If you have not heard from us within two weeks, please assume your application has been unsuccessful.",
    "Thank you for your application; we have received it and will be in touch.",
    "We'd like to invite you to join our talent community.",
    "We invite you to share feedback on your interview experience.",
    "Please see the attached parking information and directions to our office.",
    "We would like to offer you the chance to give us feedback.",
    "The team really enjoyed meeting you.",
])
def test_nothing_the_playbook_uses(text):
    verdict = employer(f"Hi Hannah,\n\n{text}\n\nBest,\nAmara")
    assert (verdict.kind, verdict.reason) == (None, "nothing_to_use")


def test_a_system_saying_it_will_be_in_touch_is_no_answer_but_a_person_is():
    text = "Thanks for your note. We'll be in touch."
    assert employer(text, person=True).kind == "employer_response"
    assert employer(text, person=False).kind is None


def test_a_person_asking_for_references_answers_a_system_does_not():
    text = "Could you send me the contact details of two references?"
    assert employer(text).kind == "employer_response"
    assert employer(text, person=False).kind is None


def test_answering_the_candidates_follow_up_is_a_response():
    text = "Hi Hannah, thanks for checking in. Nothing new to share, sorry!"
    assert employer(text).kind is None
    verdict = employer(text, answering="follow_up_sent")
    assert verdict.kind == "employer_response"
    assert verdict.evidence == "Nothing new to share, sorry!"


def test_a_calendar_invitation_for_a_later_day_invites_to_another_round():
    later = Invitation("REQUEST", dt.date(2026, 3, 16), "Interview: Data Analyst")
    verdict = employer("Please find an invitation attached.", invitation=later)
    assert verdict.kind == "next_round"
    assert verdict.evidence == "Calendar invitation: Interview: Data Analyst on Monday 16 March 2026"
    assert employer("Attached.", invitation=Invitation("REQUEST", DAY, "Interview")).kind is None
    assert employer("Attached.", invitation=Invitation("CANCEL", dt.date(2026, 3, 16), "Interview")).kind is None
    assert employer("Attached.", invitation=Invitation("REQUEST", dt.date(2026, 3, 16), "Offer call")).kind is None


def test_a_colleagues_message_forwarded_by_the_employer_speaks_for_them():
    text = ("See below.\n\n---------- Forwarded message ---------\nFrom: Tom <tom@fernleaf.example>\n\n"
            "We have decided not to move forward with Hannah's application.")
    assert employer(text).kind == "rejection"


def test_the_first_sentence_that_shows_the_kind_is_the_evidence():
    text = ("Thank you for your interest in the Data Analyst role at Fernleaf Health. After careful "
            "consideration, we have decided to move forward with other candidates. We wish you luck.")
    assert employer_says(text) == ("rejection", "After careful consideration, we have decided to move forward "
                                                "with other candidates.")


# -- the candidate ---------------------------------------------------------------
def candidate(text: str, **given):
    given.setdefault("days_after", 1)
    return candidate_kind(read_text(text), INTERVIEW, **given)


def test_a_thank_you():
    verdict = candidate("Dear Amara,\n\nThank you for taking the time to meet with me yesterday. I enjoyed "
                        "learning about the team.\n\nBest,\nHannah")
    assert (verdict.kind, verdict.evidence) == ("thank_you_sent",
                                                "Thank you for taking the time to meet with me yesterday.")
    assert candidate("Hi Amara,\n\nThanks so much for today!\n\nHannah", days_after=0).kind == "thank_you_sent"


def test_a_whole_thank_you_letter_that_does_not_name_the_interview():
    text = ("Dear Amara,\n\nThank you so much. I am very excited about the Data Analyst role, and my three "
            "years of SQL would help the team.\n\nBest,\nHannah")
    assert candidate(text).kind == "thank_you_sent"
    assert candidate(text, days_after=12).kind is None


def test_a_thank_you_that_looks_forward_to_next_steps_stays_a_thank_you():
    verdict = candidate("Dear Amara,\n\nThank you for the interview last week. I look forward to hearing "
                        "about next steps.\n\nBest,\nHannah", days_after=5)
    assert verdict.kind == "thank_you_sent"


@pytest.mark.parametrize("text", [
    "Dear Ms Lee,\n\nI interviewed for the Data Analyst role on 2 March and wanted to ask whether a decision has "
    "been made.\n\nKind regards,\nHannah",
    "Hi Amara, I'm writing to follow up on my interview for the Data Analyst position. Is the role still open?",
    "Dear Amara,\n\nJust checking in to see if there are any updates on the Data Analyst role?\n\nBest,\nHannah",
    "Dear Amara, I hope you're well. Do you have an update on the timeline for a decision?",
    "Dear Amara,\n\nThank you again for the interview. I wondered whether you have reached a decision yet?",
])
def test_a_follow_up_asks_where_things_stand(text):
    assert candidate(text, days_after=12).kind == "follow_up_sent"


def test_a_thank_you_the_next_day_that_asks_about_the_timeline_is_a_thank_you():
    text = "Dear Amara, thank you for meeting me yesterday. Could you tell me the timeline for a decision?"
    assert candidate(text, days_after=1).kind == "thank_you_sent"
    assert candidate(text, days_after=10).kind == "follow_up_sent"


def test_after_a_decision_the_candidate_replies():
    rejection = candidate("Dear Amara,\n\nThank you for letting me know. I enjoyed meeting the team and would "
                          "welcome any feedback.\n\nHannah", days_after=20, decided="rejection")
    assert (rejection.kind, rejection.evidence) == ("reply_sent", "Thank you for letting me know.")
    offer = candidate("Hi Amara,\n\nThank you so much! I am delighted to accept the offer.\n\nHannah",
                      days_after=20, decided="offer")
    assert (offer.kind, offer.evidence) == ("reply_sent", "I am delighted to accept the offer.")
    # A follow-up after the decision is a reply too: it chases nothing.
    assert candidate("Is the role still open?", days_after=30, decided="rejection").kind == "reply_sent"


def test_answering_the_employer():
    invited = candidate("Hi Amara,\n\nThank you for the invitation, and I enjoyed our conversation. Tuesday at "
                        "10am works for me.\n\nHannah", days_after=5, answering="next_round")
    assert (invited.kind, invited.evidence) == ("reply_sent", "Tuesday at 10am works for me.")
    asked = candidate("Hi Amara,\n\nPlease find attached the references you asked for.\n\nHannah",
                      days_after=5, answering="employer_response")
    assert asked.kind == "reply_sent"
    assert candidate("Hi Amara,\n\nPlease find attached the references you asked for.\n\nHannah",
                     days_after=5).kind is None


def test_thanks_for_the_update_is_no_thank_you_but_a_reply():
    text = "Hi Amara,\n\nThanks for the update, I appreciate it.\n\nHannah"
    assert candidate(text, days_after=8, answering="employer").kind == "reply_sent"
    # The update itself not in the export: the thanks for it still answers it.
    assert candidate(text, days_after=8).kind == "reply_sent"
    assert candidate("Hi Amara,\n\nI hope your week is going well.\n\nHannah", days_after=8).kind is None


def test_news_taken_in_is_a_reply_whatever_the_export_holds():
    sorry = candidate("Dear Amara,\n\nI was sorry to hear I was not selected, but I enjoyed meeting the team.",
                      days_after=20)
    assert (sorry.kind, sorry.evidence) == ("reply_sent", "I was sorry to hear I was not selected, but I enjoyed "
                                                          "meeting the team.")
    assert candidate("Dear Amara, thank you for meeting me. I was sorry to hear that Tom was ill.").kind == \
        "thank_you_sent"
    time = candidate("Dear Amara,\n\nCould I have until Friday to give you my decision on the offer?", days_after=20)
    assert time.kind == "reply_sent"


def test_a_message_to_someone_else_counts_only_as_a_letter_to_the_interviewer():
    told = "Hi Sam, I had my interview with Amara today and thank you for the tips on the interview!"
    assert candidate(told, days_after=0, to_employer=False).kind is None
    letter = "Dear Amara,\n\nThank you for meeting with me today.\n\nHannah"
    assert candidate(letter, days_after=0, to_employer=False).kind == "thank_you_sent"


def test_a_forward_and_a_bare_thanks_show_nothing():
    assert candidate("FYI, thank you for the interview tips!", forwarding=True).reason == "nothing_to_use"
    forwarded = read_text("Look!\n\n---------- Forwarded message ---------\nFrom: Amara\n\n"
                          "We are delighted to offer you the role.")
    assert candidate_kind(forwarded, INTERVIEW, days_after=20).kind is None
    assert candidate("Thanks!\n\nHannah", answering="employer").kind is None


@pytest.mark.parametrize(("text", "kind"), [
    ("We appreciate your interest, but we have chosen to pursue other candidates.", "rejection"),
    ("After much deliberation, the team has decided to go in a different direction.", "rejection"),
    ("We have filled the position.", "rejection"),
    ("It is my pleasure to offer you the position of Analyst.", "offer"),
    ("Great news, you got the job!", "offer"),
    ("We would love for you to join us as our new Data Analyst.", "offer"),
    ("We would love for you to join us for a final interview.", "next_round"),
    ("We'd like to bring you back for a second interview with our director.", "next_round"),
    ("The next step would be a final interview with our CEO.", "next_round"),
    ("We are running a little behind schedule.", "employer_response"),
    ("We are doing the final discussions internally and we will revert by next week.", "employer_response"),
    ("We will not be moving ahead with your application.", "rejection"),
    ("We have decided to move ahead with other applicants.", "rejection"),
    ("We've hired someone else.", "rejection"),
    ("The role went to another candidate.", "rejection"),
    ("We'd be delighted to have you join the team as our Data Analyst.", "offer"),
    ("We would be delighted to have you join us for a final interview.", "next_round"),
    ("Could you come in for a second interview next Tuesday?", "next_round"),
    ("We expect to have news for you by Friday.", "employer_response"),
    ("We're aiming to get back to everyone by the 20th.", "employer_response"),
])
def test_more_of_how_employers_write(text, kind):
    assert employer(text).kind == kind


def test_welcome_aboard_is_no_offer():
    assert employer("Welcome aboard, Hannah!").kind is None


def test_a_person_answering_any_of_the_candidates_messages_responds():
    text = "Hi Hannah,\n\nOf course, Tuesday is fine, and 8 June works for us too.\n\nAmara"
    assert employer(text).kind is None
    assert employer(text, answering="candidate").evidence == "Of course, Tuesday is fine, and 8 June works for us too."
    assert employer(text, answering="reply_sent", person=False).kind is None


def test_an_invitation_given_already_is_the_employer_answering_an_offer_made_again_is_an_offer():
    calendar = Invitation("REQUEST", dt.date(2026, 3, 16), "Second interview")
    text = "Please see the attached calendar invitation for your second interview on Monday."
    assert employer(text, invitation=calendar).kind == "next_round"
    again = employer_kind(read_text(text), interview_day=DAY, person=True, already={"next_round"})
    assert (again.kind, again.evidence) == ("employer_response", text)
    # In writing after the call, or with new terms: each is an offer the candidate must answer.
    offer = "Your offer letter is attached, with the start date we agreed."
    assert employer_kind(read_text(offer), interview_day=DAY, person=True, already={"offer", "next_round"}).kind == \
        "offer"


def test_a_calendars_own_answer_is_not_the_candidate_writing():
    accepted = Reading("Olivia Marsh has accepted this invitation. When: Tuesday 28 Apr 2026 11:00",
                       invitation=Invitation("REPLY", dt.date(2026, 4, 28), "Interview"))
    assert candidate_kind(accepted, INTERVIEW, days_after=5, answering="next_round").kind is None


def test_a_message_not_written_as_a_reply_still_answers_what_came_just_before():
    text = "Hi Amara,\n\nJust got the invite for the 17th - thank you! That time works for me.\n\nHannah"
    assert candidate(text, days_after=8).kind is None
    verdict = candidate(text, days_after=8, after="next_round")
    assert (verdict.kind, verdict.evidence) == ("reply_sent", "That time works for me.")
    assert candidate("Hi Amara,\n\nHope your week is going well!\n\nHannah", after="next_round").kind is None


def test_the_thank_you_for_a_round_held_is_a_thank_you():
    held = "Dear Ms Lee,\n\nThank you for the second interview yesterday. I enjoyed the technical exercise."
    assert candidate(held).kind == "thank_you_sent"
    invited = "Dear Ms Lee,\n\nThank you for considering me for a second interview."
    assert candidate(invited).kind is None


def test_still_to_meet_is_written_before_the_meeting():
    assert still_to_meet("Ha, no problem at all! See you at 2.\n\nPriya") == "See you at 2."
    assert still_to_meet("Looking forward to meeting you this afternoon.") is not None
    assert still_to_meet("It was great to meet you today.") is None


# -- families the second reading added: each with sentences of its own, and the near misses ----------
@pytest.mark.parametrize(("text", "kind"), [
    # A hiring system handing the offer over, and the offer made again with new terms.
    ("Northwind Analytics has sent you an offer for the Data Analyst position.", "offer"),
    ("Please review the attached offer letter before our call on Friday.", "offer"),
    ("We have gone up to 54,000, and the revised letter is attached.", "offer"),
    ("Attached is the amended offer letter with the hybrid pattern we discussed.", "offer"),
    # Going on to a later round, in any tense, and what the next step is.
    ("Priya would like you to progress to a final interview with our CTO.", "next_round"),
    ("Good news: you have moved forward to the next stage.", "next_round"),
    ("Your application will now go through to the second round.", "next_round"),
    ("The final step is a 45-minute chat with our COO.", "next_round"),
    ("Next up: a technical interview with two of our engineers.", "next_round"),
    ("Our director would love to meet you in person, if you can spare an hour.", "next_round"),
    ("Sam would like to meet you before we decide: could you come in on Friday?", "next_round"),
    # The answer still to come, and when.
    ("I'll have an answer for you by Thursday.", "employer_response"),
    ("I'll have news for you early next week.", "employer_response"),
])
def test_the_families_of_offers_rounds_and_updates(text, kind):
    verdict = employer(f"Hi Hannah,\n\n{text}\n\nBest,\nAmara")
    assert (verdict.kind, verdict.evidence) == (kind, text)


@pytest.mark.parametrize("text", [
    "Candidates who progress to the next round will be contacted by email.",
    "If you move forward to the final stage, we will ask for two referees.",
    "Unfortunately you will not be moving forward to the next round.",
    "The last step was a short chat with the hiring manager.",
    "It was lovely to meet you in person last week.",
    "We have sent you an email with the parking details.",
    "We haven't sent you an offer yet.",
    "We'd love to meet you halfway on salary.",
    "I'll have a look at the timetable for you.",
])
def test_near_misses_of_those_families_are_no_offer_round_or_update(text):
    assert employer(f"Hi Hannah,\n\n{text}\n\nBest,\nAmara").kind not in ("offer", "next_round", "employer_response")


@pytest.mark.parametrize("text", [
    "Thanks so much for leading the whiteboard session this morning.",
    "Thank you for sitting on my panel yesterday, I enjoyed our debate about pricing.",
    "Thank you for walking me through the case study today.",
])
def test_a_thank_you_for_the_interview_by_what_it_was(text):
    assert candidate(f"Hi Amara,\n\n{text}\n\nHannah").kind == "thank_you_sent"


def test_thanks_for_the_exercise_brief_is_no_thank_you_for_the_interview():
    assert candidate("Hi Amara,\n\nThanks for sending the exercise brief.\n\nHannah").kind != "thank_you_sent"


def test_an_answer_in_a_language_the_rules_cannot_read_is_proposed_as_nothing():
    french = ("Bonjour Léa,\n\nMerci pour ton message. Nous aimerions te revoir pour un deuxième entretien avec "
              "notre directrice, vendredi prochain à 14 h, à l'atelier ou en vidéo.\n\nStéphane")
    assert not reads_as_english(french)
    assert employer(french, answering="candidate").kind is None
    english = ("Hi Lea,\n\nOf course, Friday at two is fine for us and the studio is free then too, so come "
               "whenever suits.\n\nStephane")
    assert reads_as_english(english) and reads_as_english("Merci!")
    assert employer(english, answering="candidate").kind == "employer_response"


# -- what makes an answer news: a courtesy is none ---------------------------------------------------
@pytest.mark.parametrize("text", [
    "Thank you for telling us so quickly, and good luck with the new job!",
    "Sorry to hear it - we all enjoyed meeting you.",
    "Noted, thanks Hannah.",
    "It was a real pleasure to meet you too. All the best for the move.",
    # The signature after "Thanks & Regards," is no part of what was said.
    "Thanks for the kind words.\n\nThanks & Regards,\nJo Bloggs\nTalent Acquisition | Fernleaf Health Ltd.\n"
    "12 Dock Road, Leeds",
])
def test_a_courtesy_in_answer_is_no_news(text):
    verdict = employer(f"Hi Hannah,\n\n{text}\n\nAmara", answering="reply_sent")
    assert (verdict.kind, verdict.reason) == (None, "nothing_to_use")


@pytest.mark.parametrize(("text", "evidence"), [
    ("Thanks for letting us know. Could you return the signed form by Friday?",
     "Could you return the signed form by Friday?"),
    ("Sorry to hear that - we can raise the base to 52,000 if that changes things.",
     "Sorry to hear that - we can raise the base to 52,000 if that changes things."),
    ("Thank you! Monday the 4th works for us.", "Monday the 4th works for us."),
])
def test_an_answer_with_something_in_it_beside_the_courtesy_is_a_response(text, evidence):
    verdict = employer(f"Hi Hannah,\n\n{text}\n\nAmara", answering="reply_sent")
    assert (verdict.kind, verdict.evidence) == ("employer_response", evidence)


def test_an_answer_to_a_thank_you_is_news_only_with_where_things_stand_or_a_request():
    for nothing in ("Thanks Hannah, lovely to meet you too! Tom will be in touch.",
                    "Glad you enjoyed it. HR will share the outcome in due course."):
        assert employer(f"Hi Hannah,\n\n{nothing}\n\nAmara", answering="thank_you_sent").kind is None
    for news in ("Thanks Hannah! We'll have a decision for you by Friday 13 March.",
                 "Glad you enjoyed it. Could you send me two references?"):
        assert employer(f"Hi Hannah,\n\n{news}\n\nAmara", answering="thank_you_sent").kind == "employer_response"
    # The same vague promise answering her follow-up is the answer she asked for.
    assert employer("Hi Hannah,\n\nTom will be in touch.\n\nAmara", answering="follow_up_sent").kind == \
        "employer_response"


@pytest.mark.parametrize(("text", "kind"), [
    ("The whole team would love to have you join Fernleaf Health as our next Data Analyst.", "offer"),
    ("We'd like to have you join the clinic as a senior analyst from May.", "offer"),
    ("We'd love to have you join us for a second interview with Tom.", "next_round"),
    ("We would love to have you join our talent community.", None),
])
def test_wanting_them_in_the_job_by_its_name_is_an_offer(text, kind):
    assert employer(f"Hi Hannah,\n\n{text}\n\nAmara").kind == kind


def test_a_call_about_an_offer_on_the_table_is_no_new_round():
    text = "Of course, the 6th is fine. I'll send you an invitation for a call on Monday to go through it."
    assert employer(text).kind == "next_round"
    after = employer_kind(read_text(text), interview_day=DAY, person=True, answering="reply_sent", already={"offer"})
    assert (after.kind, after.evidence) == ("employer_response", "I'll send you an invitation for a call on Monday to "
                                            "go through it.")
