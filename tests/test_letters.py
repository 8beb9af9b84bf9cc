"""Letter drafts: every template fills from real-looking interviews, passes its own checker,
and leaves as plain text, a mailto link and an .eml file that read back the same."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import re
import urllib.parse

import pandas as pd
import pytest

from followup_kit import FollowupKitError, Store
from followup_kit.cli import main
from followup_kit.letters.drafts import (
    LETTER_KINDS,
    OFFER_INTENTS,
    TONES,
    available_templates,
    draft,
    mailto_link,
    to_eml,
)

STRENGTHS = ["four years of SQL reporting", "calm way with difficult stakeholders"]
ENJOYED = "hearing how the team plans its first product launch"


# Interviews as coaches record them: titles in names, accents, apostrophes, levels and
# brackets in roles, commas in company names, with and without a promised date.
SAMPLE = """interview_id,company,role,interviewer_name,interviewer_email,interview_date,promised_decision_date,candidate_name,candidate_email
I1,Cedar Analytics,Data Analyst,Amara Lee,amara@cedar.example,2026-05-28,2026-06-05,Chidi Okeke,chidi@example.org
I2,Institute for Urban Futures,Policy Researcher,Zoë Ngũgĩ,zoe@iuf.example,2026-03-02,,José Fernández,jose@example.org
I3,"Beta, Inc.",Clerk,Bob Ray,bob@beta.example,2026-05-08,,Sam Tui,sam@example.org
I4,Tessellate Labs,Research Software Engineer,Dr Hannah Okafor,h.okafor@tessellate.example,2026-01-12,2026-01-30,Samuel Adeyemi,sam.a@example.org
I5,Quarry Systems,Software Engineer II,James O'Neill,jim@quarry.example,2026-09-15,,Farah Haddad,farah@example.org
I6,Pixelmint,Front-End Developer,Tobias Weber,tobias@pixelmint.example,2026-07-01,2026-07-10,Lena Vogel,lena@example.org
I7,Meridian Bank,Senior Business Analyst (Lending),Rachel Stone,r.stone@meridian.example,2026-10-20,,Kwame Boateng,kwame@example.org
I8,Smith & Sons,R&D Engineer,Mei Lin Tan,meilin@smith.example,2026-12-31,2027-01-15,Ahmed Rahman,ahmed@example.org
I9,Kiwi Co,designer,Tāne Moa,tane@kiwi.example,2026-05-11,,Aroha Ngata,aroha@example.org
"""


@pytest.fixture(scope="module")
def sample_interviews() -> list[dict]:
    return pd.read_csv(io.StringIO(SAMPLE), dtype="str").to_dict("records")


def test_every_kind_and_tone_has_a_template():
    assert available_templates() == sorted((k, t) for k in LETTER_KINDS for t in TONES)


@pytest.mark.parametrize(("kind", "tone"), [(k, t) for k in LETTER_KINDS for t in TONES])
def test_every_template_passes_its_own_checker(sample_interviews, kind, tone):
    for row in sample_interviews:
        for enjoyed in (ENJOYED, None):
            letter = draft(row, kind=kind, tone=tone, strengths=STRENGTHS, enjoyed=enjoyed)
            verdict = letter.check()
            assert verdict.ok, f"{kind}.{tone} for {row['interview_id']}: missing {verdict.missing}\n{letter.body}"
            assert verdict.warnings == [], f"{kind}.{tone}: {verdict.warnings}\n{letter.body}"
            assert letter.subject and "{{" not in letter.text and "\n\n\n" not in letter.body
            assert letter.to_email == row["interviewer_email"]
            assert letter.from_name == row["candidate_name"]


def test_dates_read_like_a_person_wrote_them():
    row = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar",
           "interview_date": "2026-05-28", "promised_decision_date": "2026-06-05",
           "candidate_name": "Chidi Okeke"}
    letter = draft(row, kind="follow_up", tone="warm", today="2026-06-10")
    assert "on Thursday 28 May" in letter.body
    assert "by Friday 5 June" in letter.body
    assert "2026-05-28" not in letter.text


def test_missing_field_names_the_field():
    row = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar",
           "interview_date": "2026-05-28", "candidate_name": "Chidi Okeke"}
    with pytest.raises(FollowupKitError, match="'strengths'.*--strength"):
        draft(row, kind="thank_you")
    without_role = {k: v for k, v in row.items() if k != "role"}
    with pytest.raises(FollowupKitError, match="needs the field 'role'"):
        draft(without_role, kind="follow_up")


def test_unknown_tone_and_kind_say_what_exists():
    row = {"interviewer_name": "A B", "role": "R", "company": "C", "interview_date": "2026-05-28"}
    with pytest.raises(FollowupKitError, match="choose a tone from brief, formal, warm"):
        draft(row, kind="follow_up", tone="cheerful")
    with pytest.raises(FollowupKitError, match="unknown kind of letter"):
        draft(row, kind="love_letter")


def test_coach_folder_overrides_and_adds_templates(tmp_path):
    (tmp_path / "thank_you.warm.txt.j2").write_text(
        "Subject: Merci, {{ interviewer_first }}\n\nCoach's own words for {{ role }} by {{ candidate_name }}.\n",
        encoding="utf-8")
    (tmp_path / "follow_up.cheerful.txt.j2").write_text(
        "Subject: Hello again\n\nHi {{ interviewer_first }}, it's {{ candidate_first }}!\n", encoding="utf-8")
    row = {"interviewer_name": "Dr Zoë Ngũgĩ", "role": "Data Analyst", "company": "Cedar",
           "interview_date": "2026-05-28", "candidate_name": "José Álvarez"}
    letter = draft(row, kind="thank_you", tone="warm", strengths=STRENGTHS, template_dir=tmp_path)
    assert letter.subject == "Merci, Zoë"
    assert letter.body == "Coach's own words for Data Analyst by José Álvarez."
    assert draft(row, kind="follow_up", tone="cheerful", template_dir=tmp_path).body == "Hi Zoë, it's José!"
    # The packaged templates the folder does not replace are still there.
    assert "Yours sincerely" in draft(row, kind="thank_you", tone="formal", strengths=STRENGTHS,
                                      template_dir=tmp_path).body
    assert ("follow_up", "cheerful") in available_templates(tmp_path)
    with pytest.raises(FollowupKitError, match="no such template folder"):
        draft(row, template_dir=tmp_path / "nope", strengths=STRENGTHS)


def test_broken_coach_template_names_file_and_line(tmp_path):
    (tmp_path / "note.warm.txt.j2").write_text("Subject: x\n\nDear {{ interviewer_first }\n", encoding="utf-8")
    row = {"interviewer_name": "A B", "role": "R", "company": "C", "interview_date": "2026-05-28"}
    with pytest.raises(FollowupKitError, match=r"note\.warm\.txt\.j2:3: template error"):
        draft(row, kind="note", strengths=STRENGTHS, template_dir=tmp_path)


def test_no_html_escaping_in_plain_text():
    row = {"interviewer_name": "James O'Neill", "role": "R&D Engineer", "company": "Smith & Sons",
           "interview_date": "2026-05-28", "candidate_name": "Ann <Annie> Lee"}
    body = draft(row, tone="formal", strengths=["<b>bold</b> ideas"]).body
    assert "Dear James O'Neill," in body
    assert "R&D Engineer" in body and "Smith & Sons" in body and "<b>bold</b>" in body


# Strengths as people type them, and how the letter then writes each one. A noun phrase takes
# "my" unless it says whose or how much already; a clause keeps its "I".
NOUN_STRENGTHS = [
    ("three years of budgeting", "my three years of budgeting"),
    ("four years of SQL reporting", "my four years of SQL reporting"),
    ("calm way with difficult customers", "my calm way with difficult customers"),
    ("attention to detail", "my attention to detail"),
    ("fluent Spanish", "my fluent Spanish"),
    ("strong Excel skills.", "my strong Excel skills"),
    ("knowledge of payroll software", "my knowledge of payroll software"),
    ("HGV class 1 licence", "my HGV class 1 licence"),
    ("Five years in retail", "my five years in retail"),
    ("a forklift licence", "a forklift licence"),
    ("an eye for detail", "an eye for detail"),
    ("plenty of experience with children", "plenty of experience with children"),
    ("the ability to stay calm under pressure", "the ability to stay calm under pressure"),
]
MY_STRENGTHS = [
    ("my experience running events", "my experience running events"),
    ("My calm way with patients", "my calm way with patients"),
    ("my three years of budgeting", "my three years of budgeting"),
    ("my attention to detail", "my attention to detail"),
    ("my degree in accounting", "my degree in accounting"),
    ("my track record of hitting sales targets", "my track record of hitting sales targets"),
    ("my patience with children.", "my patience with children"),
    ("MY first aid certificate", "my first aid certificate"),
    ("my time as a shift lead at a busy café", "my time as a shift lead at a busy café"),
    ("my knowledge of Sage and Xero", "my knowledge of Sage and Xero"),
]
CLAUSE_STRENGTHS = [
    ("I ran the student union's budget", "I ran the student union's budget"),
    ("I managed a team of five at my last job", "I managed a team of five at my last job"),
    ("I have three years of budgeting experience", "I have three years of budgeting experience"),
    ("I've trained new staff on the tills", "I've trained new staff on the tills"),
    ("I\u2019ve run a café kitchen on my own", "I\u2019ve run a café kitchen on my own"),
    ("I speak fluent Spanish", "I speak fluent Spanish"),
    ("I am fluent in Arabic and French", "I am fluent in Arabic and French"),
    ("I'm a qualified first aider", "I'm a qualified first aider"),
    ("I led the move to a new payroll system.", "I led the move to a new payroll system"),
    ("i taught maths for two years", "I taught maths for two years"),
    ("I can drive a forklift", "I can drive a forklift"),
    ("I have a clean driving licence", "I have a clean driving licence"),
]
# Clauses typed without their "I": a verb first, past or present. Each is written after "I".
VERB_STRENGTHS = [
    ("managed a team of five", "I managed a team of five"),
    ("ran the student union's budget", "I ran the student union's budget"),
    ("led the redesign of our timetable", "I led the redesign of our timetable"),
    ("taught myself SQL", "I taught myself SQL"),
    ("built a stock tracker in Excel", "I built a stock tracker in Excel"),
    ("Organised the summer fair for 300 families.", "I organised the summer fair for 300 families"),
    ("trained new staff on the tills", "I trained new staff on the tills"),
    ("co-founded the university coding society", "I co-founded the university coding society"),
    ("successfully reduced stock waste by a fifth", "I successfully reduced stock waste by a fifth"),
    ("won the regional sales award in 2024", "I won the regional sales award in 2024"),
    ("handled cash and card payments every shift", "I handled cash and card payments every shift"),
    ("balanced the books for a local charity", "I balanced the books for a local charity"),
    ("Wrote the weekly newsletter for 2,000 readers", "I wrote the weekly newsletter for 2,000 readers"),
    ("set up a food bank at my church", "I set up a food bank at my church"),
    ("speak Urdu, Punjabi and English", "I speak Urdu, Punjabi and English"),
    ("have a full UK driving licence", "I have a full UK driving licence"),
]
# What the candidate is: adjectives, each written after "I am".
DESCRIBING_STRENGTHS = [
    ("good with numbers", "I am good with numbers"),
    ("fluent in Spanish and French", "I am fluent in Spanish and French"),
    ("comfortable with difficult customers", "I am comfortable with difficult customers"),
    ("calm under pressure", "I am calm under pressure"),
    ("Very good at explaining things simply", "I am very good at explaining things simply"),
    ("highly organised", "I am highly organised"),
    ("patient with children and older people", "I am patient with children and older people"),
    ("experienced in stock control", "I am experienced in stock control"),
    ("calm, patient and kind.", "I am calm, patient and kind"),
    ("comfortable speaking in front of groups", "I am comfortable speaking in front of groups"),
    ("used to working under pressure", "I am used to working under pressure"),
    ("qualified as a pharmacy technician", "I am qualified as a pharmacy technician"),
    ("Passionate about customer service", "I am passionate about customer service"),
    ("reliable and punctual", "I am reliable and punctual"),
    ("friendly and approachable with the public", "I am friendly and approachable with the public"),
]
# Noun phrases that start with a word ending in -ed (or "proven") describing the noun after it.
ED_NOUN_STRENGTHS = [
    ("advanced Excel skills", "my advanced Excel skills"),
    ("proven sales record", "my proven sales record"),
    ("detailed knowledge of employment law", "my detailed knowledge of employment law"),
    ("varied experience in hospitality", "my varied experience in hospitality"),
    ("Specialised training in dementia care", "my specialised training in dementia care"),
    ("qualified teacher status", "my qualified teacher status"),
    ("extended placement on a children's ward", "my extended placement on a children's ward"),
    ("skilled use of Photoshop and InDesign", "my skilled use of Photoshop and InDesign"),
    ("balanced approach to risk", "my balanced approach to risk"),
    ("related experience in retail banking", "my related experience in retail banking"),
    ("well-developed research skills", "my well-developed research skills"),
    ("self-taught Python skills", "my self-taught Python skills"),
    ("Advanced first aid certificate.", "my advanced first aid certificate"),
    ("focused approach to deadlines", "my focused approach to deadlines"),
]
# Where each template that mentions strengths puts them: the sentence a noun phrase goes in,
# and the one clauses go in, for the interview of STRENGTH_ROW.
STRENGTH_SENTENCES = {
    ("thank_you", "warm"): (
        "I believe {} would let me contribute to your team from the start.",
        "{}, and I believe that would let me contribute to your team from the start."),
    ("thank_you", "formal"): (
        "I am confident that {} would allow me to make a useful contribution to Cedar Analytics.",
        "{}, and I am confident that this would allow me to make a useful contribution to Cedar Analytics."),
    ("thank_you", "brief"): (
        "I'm keen on the Data Analyst role and think {} would be a good fit for Cedar Analytics.",
        "I'm keen on the Data Analyst role. {}, and I think that makes me a good fit for Cedar Analytics."),
    ("note", "warm"): (
        "I would love to join Cedar Analytics in the Data Analyst role, where {} would help from the first day.",
        "I would love to join Cedar Analytics in the Data Analyst role. {}, and I am sure that would help "
        "from the first day."),
    ("note", "formal"): (
        "I remain very interested in joining Cedar Analytics, and I am confident that {} would serve the team well.",
        "I remain very interested in joining Cedar Analytics. {}, and I am confident that this would serve "
        "the team well."),
    ("note", "brief"): (
        "I'm keen on the Data Analyst role; {} would be a good fit.",
        "I'm keen on the Data Analyst role; {}, and I think that makes me a good fit."),
}
STRENGTH_ROW = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar Analytics",
                "interview_date": "2026-05-28", "candidate_name": "Chidi Okeke",
                "interviewer_email": "amara@cedar.example"}
# "my" before another word that says whose, a lone "I", or a clause's pronoun.
DOUBLED = re.compile(r"\bmy\s+(?:my|our|a|an|the|plenty|i|i'm|i've|i\u2019ve)\b", re.IGNORECASE)


def test_the_strength_sentences_cover_every_template_that_mentions_strengths():
    uses = set()
    for kind, tone in available_templates():
        try:
            draft(STRENGTH_ROW, kind=kind, tone=tone, intent=None, reply_by=None)
        except FollowupKitError as exc:
            if "'strengths'" in str(exc):
                uses.add((kind, tone))
    assert uses == set(STRENGTH_SENTENCES)


# The forms a strength is typed in: the phrasings, and whether the letter writes them as clauses.
FORMS = {"noun phrase": (NOUN_STRENGTHS, False), "with my": (MY_STRENGTHS, False),
         "clause": (CLAUSE_STRENGTHS, True), "verb first": (VERB_STRENGTHS, True),
         "describing": (DESCRIBING_STRENGTHS, True), "-ed noun phrase": (ED_NOUN_STRENGTHS, False)}


@pytest.mark.parametrize(("kind", "tone"), sorted(STRENGTH_SENTENCES))
@pytest.mark.parametrize("form", list(FORMS))
def test_a_strength_reads_as_english_in_every_form_and_tone(kind, tone, form):
    as_noun, as_clause = STRENGTH_SENTENCES[(kind, tone)]
    phrasings, is_clause = FORMS[form]
    for typed, written in phrasings:
        letter = draft(STRENGTH_ROW, kind=kind, tone=tone, strengths=[typed], today="2026-05-29")
        sentence = (as_clause if is_clause else as_noun).format(written)
        assert sentence in letter.body, f"{typed!r} in {kind}.{tone}:\n{letter.body}"
        assert DOUBLED.search(letter.body) is None, letter.body
        verdict = letter.check()
        assert verdict.clean, (typed, verdict.summary())
        assert written in verdict.evidence["strengths"]
        if form in ("verb first", "describing"):
            # The "I" or "I am" is the letter's addition to the words typed: the note says so.
            assert letter.note == ("strengths as the letter writes them: "
                                   f"\u201c{typed}\u201d reads \u201c{written}\u201d"), (typed, letter.note)
        else:
            # Only a change to the words typed is worth a note, not the "my" the sentence puts before them.
            assert (letter.note is None) is written.endswith(typed), (typed, letter.note)


@pytest.mark.parametrize(("kind", "tone"), sorted(STRENGTH_SENTENCES))
def test_strengths_of_every_form_together_make_one_list_of_clauses(kind, tone):
    _, as_clause = STRENGTH_SENTENCES[(kind, tone)]
    letter = draft(STRENGTH_ROW, kind=kind, tone=tone, today="2026-05-29",
                   strengths=["three years of budgeting", "my calm way with patients", "a forklift licence",
                              "I ran the student union's budget", "I speak Urdu"])
    assert as_clause.format("I bring my three years of budgeting, my calm way with patients and a forklift "
                            "licence, I ran the student union's budget, I speak Urdu") in letter.body
    nouns_only = draft(STRENGTH_ROW, kind=kind, tone=tone, today="2026-05-29",
                       strengths=["three years of budgeting", "my calm way with patients"])
    assert STRENGTH_SENTENCES[(kind, tone)][0].format(
        "my three years of budgeting and my calm way with patients") in nouns_only.body


@pytest.mark.parametrize(("kind", "tone"), sorted(STRENGTH_SENTENCES))
def test_verbs_adjectives_and_ed_noun_phrases_together_make_one_list_of_clauses(kind, tone):
    _, as_clause = STRENGTH_SENTENCES[(kind, tone)]
    letter = draft(STRENGTH_ROW, kind=kind, tone=tone, today="2026-05-29",
                   strengths=["advanced Excel skills", "Managed a team of five.", "good with numbers",
                              "three years of budgeting"])
    assert as_clause.format("I bring my advanced Excel skills and my three years of budgeting, I managed a "
                            "team of five, I am good with numbers") in letter.body
    assert letter.check().clean
    assert letter.note == ("strengths as the letter writes them: \u201cManaged a team of five.\u201d reads "
                           "\u201cI managed a team of five\u201d; \u201cgood with numbers\u201d reads "
                           "\u201cI am good with numbers\u201d")


def test_the_cli_says_in_one_line_how_a_strength_was_written(store_path, capsys):
    assert main(["draft", "--db", str(store_path), "--interview", "I1", "--strength", "My calm way with patients.",
                 "--strength", "i ran the ward rota"]) == 0
    printed = capsys.readouterr().out
    assert ("I bring my calm way with patients, I ran the ward rota, and I believe that would let me "
            "contribute to your team from the start.") in printed
    notes = [line for line in printed.splitlines() if line.startswith("note:")]
    assert notes == ["note: strengths as the letter writes them: \u201cMy calm way with patients.\u201d reads "
                     "\u201cmy calm way with patients\u201d; \u201ci ran the ward rota\u201d reads "
                     "\u201cI ran the ward rota\u201d"]
    assert main(["draft", "--db", str(store_path), "--interview", "I1", "--strength", "SQL dashboards"]) == 0
    assert "note:" not in capsys.readouterr().out


def test_mailto_round_trips():
    body = "Dear Zoë,\n\nThanks & well done: 100% + more?\nJosé"
    link = mailto_link("zoe@cedar.example", "Thank you: Data Analyst", body)
    assert " " not in link and "+" not in link and "\n" not in link
    assert "%20" in link and "%0D%0A" in link
    parts = urllib.parse.urlsplit(link)
    assert parts.scheme == "mailto" and urllib.parse.unquote(parts.path) == "zoe@cedar.example"
    query = urllib.parse.parse_qs(parts.query)
    assert query["subject"] == ["Thank you: Data Analyst"]
    assert query["body"] == [body.replace("\n", "\r\n")]


def test_eml_parses_back_with_non_ascii_names():
    row = {"interviewer_name": "Zoë Ngũgĩ", "interviewer_email": "zoe@cedar.example", "role": "Data Analyst",
           "company": "Cedar", "interview_date": "2026-05-28"}
    letter = draft(row, strengths=STRENGTHS, enjoyed="meeting Ngũgĩ's team",
                   candidate={"name": "José Álvarez", "email": "jose@example.org"})
    sent = dt.datetime(2026, 5, 29, 9, 30, tzinfo=dt.UTC)
    raw = letter.to_eml(date=sent)
    assert raw.isascii()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == letter.subject
    assert msg["To"].addresses[0].display_name == "Zoë Ngũgĩ"
    assert msg["To"].addresses[0].addr_spec == "zoe@cedar.example"
    assert msg["From"].addresses[0].display_name == "José Álvarez"
    assert msg["Date"].datetime == sent
    assert msg.get_content().replace("\r\n", "\n").rstrip("\n") == letter.body
    assert "José Álvarez" in msg.get_content()


def test_an_eml_draft_says_it_is_unsent_and_still_reads_as_a_whole_message():
    letter = draft(STRENGTH_ROW, strengths=["three years of budgeting"],
                   candidate={"name": "Chidi Okeke", "email": "chidi@example.org"}, today="2026-05-29")
    msg = email.message_from_bytes(letter.to_eml(), policy=email.policy.default)
    # Outlook opens a message with X-Unsent: 1 as a draft to send, not as one received.
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].addr_spec == "chidi@example.org"
    assert msg["To"].addresses[0].addr_spec == "amara@cedar.example"
    assert msg["Subject"] == letter.subject and msg["Date"] is not None and msg["Message-ID"]
    assert not msg.is_multipart()
    assert msg.get_content().replace("\r\n", "\n").rstrip("\n") == letter.body


def test_eml_needs_both_addresses():
    with pytest.raises(FollowupKitError, match="interviewer's email"):
        to_eml(from_name="A", from_email="a@x.example", to_name="B", to_email=None, subject="s", body="b")


@pytest.fixture
def store_path(tmp_path, csv_files):
    path = tmp_path / "coach.db"
    with Store(path) as store:
        store.import_csv(*csv_files)
    return path


def test_cli_draft_prints_letter_and_verdict_and_writes_eml(store_path, tmp_path, capsys):
    out = tmp_path / "letter.eml"
    code = main(["draft", "--db", str(store_path), "--interview", "I1", "--strength", "SQL dashboards",
                 "--enjoyed", "the tour of the office", "--tone", "formal", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Dear Ann Lee," in printed and "Zoë Ngũgĩ" in printed
    assert "all parts found" in printed
    msg = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert msg["To"].addresses[0].addr_spec == "ann@acme.example"
    assert msg["From"].addresses[0].display_name == "Zoë Ngũgĩ"


def test_cli_draft_shows_what_is_missing(store_path, tmp_path, capsys):
    (tmp_path / "thank_you.bare.txt.j2").write_text("Subject: hi\n\nHello.\n", encoding="utf-8")
    code = main(["draft", "--db", str(store_path), "--interview", "I2", "--tone", "bare",
                 "--templates", str(tmp_path)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "missing appreciation, interest, strengths, interviewer, role" in printed


def test_cli_unknown_interview_exits_2(store_path, capsys):
    assert main(["draft", "--db", str(store_path), "--interview", "I99", "--kind", "follow_up"]) == 2
    assert "no interview 'I99'" in capsys.readouterr().err


# -- replies to an offer: accept, ask for time, decline ------------------------------------
@pytest.mark.parametrize(("intent", "tone"), [(i, t) for i in OFFER_INTENTS for t in TONES])
def test_every_offer_reply_passes_its_own_checker_and_says_what_it_does(sample_interviews, intent, tone):
    for row in sample_interviews:
        for enjoyed in (ENJOYED, None):
            letter = draft(row, kind="offer_reply", tone=tone, intent=intent, enjoyed=enjoyed,
                           reply_by="2026-06-19" if intent == "time" else None, today="2026-06-12")
            verdict = letter.check()
            assert letter.intent == intent
            assert verdict.intent == intent, f"{intent}.{tone}: {verdict.intent_evidence}\n{letter.body}"
            assert verdict.ok, f"{intent}.{tone} for {row['interview_id']}: missing {verdict.missing}\n{letter.body}"
            assert verdict.warnings == [], f"{intent}.{tone}: {verdict.warnings}\n{letter.body}"
            assert verdict.parts["interest"] is (intent != "decline")
            assert "{{" not in letter.text and "\n\n\n" not in letter.body


def test_an_offer_reply_accepts_unless_told_otherwise_and_promises_nothing_else():
    row = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar",
           "candidate_name": "Chidi Okeke"}
    for tone in TONES:
        letter = draft(row, kind="offer_reply", tone=tone)
        # Accepting and promising an answer in a few days at once leaves the employer unsure.
        assert "few days" not in letter.body and "get back to you" not in letter.body
        assert letter.intent == "accept" and letter.check().intent == "accept"


def test_asking_for_time_names_the_day_as_a_person_writes_it():
    row = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar",
           "candidate_name": "Chidi Okeke"}
    for tone in TONES:
        body = draft(row, kind="offer_reply", tone=tone, intent="time", reply_by="2026-06-19",
                     today="2026-06-12").body
        assert "Friday 19 June" in body and "2026" not in body
    later = draft(row, kind="offer_reply", intent="time", reply_by="2027-01-04", today="2026-12-20")
    assert "Monday 4 January 2027" in later.body


def test_offer_intent_mistakes_say_what_to_do():
    row = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar",
           "candidate_name": "Chidi Okeke"}
    with pytest.raises(FollowupKitError, match="needs the field 'reply_by'.*--reply-by"):
        draft(row, kind="offer_reply", intent="time")
    with pytest.raises(FollowupKitError, match="unknown intent 'maybe'.*accept, time, decline"):
        draft(row, kind="offer_reply", intent="maybe")
    with pytest.raises(FollowupKitError, match="for replies to an offer, not follow_up"):
        draft(row, kind="follow_up", intent="decline")
    with pytest.raises(FollowupKitError, match="use it with intent 'time'"):
        draft(row, kind="offer_reply", intent="accept", reply_by="2026-06-19")
    with pytest.raises(FollowupKitError, match="not a date"):
        draft(row, kind="offer_reply", intent="time", reply_by="soon")
    with pytest.raises(FollowupKitError, match="no 'cheerful' template for offer_reply letters that decline"):
        draft(row, kind="offer_reply", intent="decline", tone="cheerful")


def test_a_coach_folder_can_replace_one_intent(tmp_path):
    (tmp_path / "offer_reply_decline.warm.txt.j2").write_text(
        "Subject: No, thank you\n\nDear {{ interviewer_first }}, thank you, but no.\n", encoding="utf-8")
    row = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar",
           "candidate_name": "Chidi Okeke"}
    assert draft(row, kind="offer_reply", intent="decline", template_dir=tmp_path).subject == "No, thank you"
    assert draft(row, kind="offer_reply", template_dir=tmp_path).check().intent == "accept"


def test_cli_draft_asks_for_time_until_a_day(store_path, capsys):
    code = main(["draft", "--db", str(store_path), "--interview", "I1", "--kind", "offer_reply",
                 "--intent", "time", "--reply-by", "2026-06-19"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Friday 19 June" in printed
    assert "intent   time:" in printed and "all parts found" in printed


@pytest.mark.parametrize(("template", "words"), [
    ("Subject: x\n\n{{ role + 1 }}\n", "thank_you.warm.txt.j2:3: template error: can only concatenate"),
    (b"\xff\xfeSubject", "thank_you.warm.txt.j2: the template is not UTF-8 text"),
])
def test_a_coach_template_that_fails_names_the_file(tmp_path, template, words):
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "thank_you.warm.txt.j2"
    path.write_bytes(template if isinstance(template, bytes) else template.encode())
    with pytest.raises(FollowupKitError, match=re.escape(words)):
        draft({"interviewer_name": "A B", "role": "R", "company": "C"}, strengths=STRENGTHS,
              template_dir=folder)


def test_cli_reply_by_is_a_day_typed_as_yyyy_mm_dd(store_path, capsys):
    code = main(["draft", "--db", str(store_path), "--interview", "I1", "--kind", "offer_reply",
                 "--intent", "time", "--reply-by", "19/06/2026"])
    assert code == 2
    assert "--reply-by: '19/06/2026' is not a date" in capsys.readouterr().err
