"""Whose message it is (candidate, employer, hiring system) and which of the candidate's interviews it is about."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest

from followup_kit.data import schema
from followup_kit.data.csv_files import parse_csv
from followup_kit.inbox.matching import Matcher, company_names, hiring_system, is_public

CANDIDATE = {"candidate_id": "C1", "name": "Hannah Okafor", "email": "Hannah@Mail.example"}
INTERVIEWS = """interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date,promised_decision_date,round,application_id
I1,C1,Fernleaf Health Ltd,Data Analyst,Amara Lee,amara@fernleaf.example,2026-03-02,,1,
I2,C1,Fernleaf Health Ltd,Data Analyst,Tom Reed,tom@fernleaf.example,2026-03-16,,2,
I3,C1,Fernleaf Health Ltd,Research Assistant,Ola Ade,ola@fernleaf.example,2026-03-09,,,
I4,C1,Kora Bank,Clerk,Bob Ray,bob.ray@gmail.com,2026-03-05,,,
I9,C2,Umoja Tech,Designer,Eve Moss,eve@umoja.example,2026-03-01,,,
"""


def frame(text: str = INTERVIEWS):
    return schema.typed(schema.INTERVIEWS, parse_csv(text.encode(), "interviews.csv").frame)


@pytest.fixture
def matcher() -> Matcher:
    return Matcher(CANDIDATE, frame(), addresses=["h.okafor@work.example"])


def headers(**fields):
    text = "".join(f"{name.replace('_', '-')}: {value}\n" for name, value in fields.items())
    return email.message_from_bytes(f"{text}\n".encode(), policy=email.policy.default)


def test_only_the_candidates_own_interviews_are_read(matcher):
    assert {i.interview_id for i in matcher.interviews} == {"I1", "I2", "I3", "I4"}
    assert matcher.sender(headers(From="eve@umoja.example")) is None
    assert matcher.named("About your Umoja Tech designer interview") == ()


@pytest.mark.parametrize("sender", ["hannah@mail.example", "HANNAH@mail.EXAMPLE", "Hannah <h.okafor@work.example>"])
def test_the_candidates_addresses_case_blind(matcher, sender):
    assert matcher.sender(headers(From=sender)).side == "candidate"


def test_the_employer_by_address_and_by_domain(matcher):
    by_address = matcher.sender(headers(From="Amara Lee <AMARA@fernleaf.example>"))
    assert by_address.side == "employer" and by_address.person
    assert {i.interview_id for i in by_address.pool} == {"I1", "I2", "I3"}
    recruiter = matcher.sender(headers(From="Jo <jo@careers.fernleaf.example>"))
    assert recruiter.side == "employer"
    assert matcher.sender(headers(From="someone@notfernleaf.example")) is None


def test_a_public_domain_says_nothing_of_the_employer(matcher):
    assert is_public("gmail.com") and is_public("outlook.fr") and not is_public("fernleaf.example")
    assert matcher.sender(headers(From="bob.ray@gmail.com")).side == "employer"
    assert matcher.sender(headers(From="alice@gmail.com")) is None


@pytest.mark.parametrize("sender", ["Fernleaf Health <no-reply@greenhouse.io>", "jobs@hire.lever.co",
                                    "notifications@us.greenhouse-mail.io", "Careers <donotreply@fernleaf-jobs.example>",
                                    "Workday <noreply@myworkday.com>", "Fernleaf Careers <careers@fernleaf-jobs.example>",
                                    "talent.team@hiring.example"])
def test_hiring_systems_and_no_reply_senders(matcher, sender):
    found = matcher.sender(headers(From=sender))
    assert found.side == "hiring_system" and not found.person and found.pool == ()


def test_a_careers_address_at_a_public_domain_is_a_person(matcher):
    assert matcher.sender(headers(From="jobs@gmail.com")) is None
    assert matcher.sender(headers(From="Ann <annjobs@shop.example>")) is None


def test_a_system_writing_for_the_employer_is_the_employer(matcher):
    found = matcher.sender(headers(From="no-reply@greenhouse.io", Reply_To="amara@fernleaf.example"))
    assert found.side == "employer" and not found.person


def test_company_names_case_and_punctuation_blind(matcher):
    assert set(company_names("Fernleaf Health Ltd")) == {"fernleaf health", "fernleaf", "fernleafhealth"}
    assert set(company_names("Kora Bank")) == {"kora bank", "korabank", "kora"}
    for said in ("Your application to FERNLEAF", "fernleaf-health: next steps", "Fernleaf Health, Inc.",
                 "https://boards.greenhouse.io/fernleafhealth/jobs/1"):
        assert {i.company for i in matcher.named(said)} == {"Fernleaf Health Ltd"}, said
    assert matcher.named("Fernleafy Gardens newsletter") == ()


def test_a_name_too_short_alone_is_not_looked_for_alone():
    assert company_names("Bo Health") == ("bo health", "bohealth")


def test_the_latest_interview_held_on_or_before_the_day(matcher):
    pool = [i for i in matcher.interviews if i.company.startswith("Fernleaf") and i.role == "Data Analyst"]
    assert matcher.choose(pool, "", dt.date(2026, 3, 10))[0].interview_id == "I1"
    assert matcher.choose(pool, "", dt.date(2026, 3, 16))[0].interview_id == "I2"
    assert matcher.choose(pool, "", dt.date(2026, 4, 1))[0].interview_id == "I2"
    assert matcher.choose(pool, "", dt.date(2026, 3, 1)) == (None, "before_interview")
    assert matcher.choose([], "", dt.date(2026, 3, 1)) == (None, "not_about_an_interview")


def test_the_role_chooses_between_two_applications(matcher):
    pool = matcher.sender(headers(From="jo@fernleaf.example")).pool
    day = dt.date(2026, 3, 20)
    assert matcher.choose(pool, "Your Research Assistant application", day)[0].interview_id == "I3"
    assert matcher.choose(pool, "About the data analyst role", day)[0].interview_id == "I2"
    # Not named: the one this person interviewed for, else the latest held.
    assert matcher.choose(pool, "Hello", day, prefer="ola@fernleaf.example")[0].interview_id == "I3"
    assert matcher.choose(pool, "Hello", day)[0].interview_id == "I2"


def test_two_companies_named_and_no_way_to_tell(matcher):
    pool = matcher.named("Fernleaf and Kora Bank both wrote")
    assert matcher.choose(pool, "", dt.date(2026, 3, 20)) == (None, "nothing_to_use")
    assert matcher.choose(pool, "", dt.date(2026, 3, 20), subject="Kora Bank")[0].interview_id == "I4"


def test_recipients_point_to_the_interviews(matcher):
    pool, addresses, to_employer = matcher.recipients(headers(To="Amara <amara@fernleaf.example>", Cc="x@y.example"))
    assert {i.interview_id for i in pool} == {"I1", "I2", "I3"} and to_employer
    assert addresses == {"amara@fernleaf.example", "x@y.example"}
    assert matcher.recipients(headers(To="friend@gmail.com"))[2] is False
    assert matcher.recipients(headers(To="reply+abc@greenhouse.io"))[2] is True


def raw(**fields) -> bytes:
    body = fields.pop("body", "Hello")
    return ("".join(f"{name.replace('_', '-')}: {value}\n" for name, value in fields.items()) + f"\n{body}\n").encode()


def test_the_cheap_look_at_the_raw_bytes(matcher):
    # The candidate's address is in To of every message: it counts only in From.
    assert not matcher.might_matter(raw(From="shop@shop.example", To="hannah@mail.example"))
    assert matcher.might_matter(raw(From="Amara <amara@fernleaf.example>", To="hannah@mail.example"))
    assert matcher.might_matter(raw(From="x@bounce.example", Reply_To="bob.ray@gmail.com"))
    assert matcher.might_matter(raw(From="no-reply@greenhouse.io"))
    # A no-reply sender counts when the message names a company; the candidate when writing to one or naming it.
    assert not matcher.might_matter(raw(From="noreply@shop.example", Subject="Your order"))
    assert matcher.might_matter(raw(From="noreply@jobs.example", Subject="Your Fernleaf application"))
    assert not matcher.might_matter(raw(From="hannah@mail.example", To="mum@gmail.com", body="See you Sunday"))
    assert matcher.might_matter(raw(From="hannah@mail.example", To="jo@fernleaf.example"))
    assert matcher.might_matter(raw(From="hannah@mail.example", To="mum@gmail.com", body="Kora called!"))
    assert matcher.might_matter(raw(From="hannah@mail.example", To="mum@gmail.com", body="Kora called!").replace(
        b"\n", b"\r\n"))


def test_a_role_written_in_full_wins_over_one_found_loosely():
    text = """interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date
I1,C1,Fairhaven Bank,Senior Analyst,Mike Don,mike@fairhaven.example,2026-03-09
I2,C1,Fairhaven Bank,Credit Risk Analyst,Karen Liu,karen@fairhaven.example,2026-04-02
"""
    matcher = Matcher(CANDIDATE, frame(text))
    said = "Thank you for applying for the Credit Risk Analyst (R-10519) position at Fairhaven Bank."
    assert matcher.choose(matcher.named(said), said, dt.date(2026, 3, 27)) == (None, "before_interview")
    assert matcher.choose(matcher.named(said), said, dt.date(2026, 4, 3))[0].interview_id == "I2"
    senior = "About the Senior Analyst role at Fairhaven Bank"
    assert matcher.choose(matcher.named(senior), senior, dt.date(2026, 4, 3))[0].interview_id == "I1"


@pytest.mark.parametrize(("domain", "system"), [
    ("myworkday.eu", True), ("wd3.myworkday.co.uk", True), ("fernleaf.smartrecruiters.de", True),
    ("myworkday.com", True), ("myworkdaysucks.com", False), ("fernleaf.example", False), ("workday.fernleaf.example",
                                                                                         False),
])
def test_a_hiring_system_is_known_by_its_name_whatever_country_it_writes_from(domain, system):
    assert hiring_system(domain) is system
