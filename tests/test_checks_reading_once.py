"""The checker reads each sentence once and runs a rule only where the words it needs stand.

Both are ways of checking faster as the coach types; neither may change a verdict. The words a
pattern needs are worked out from the pattern itself, so they are checked here against every
pattern the checker has, on every sentence of the development sets and on made-up text.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from followup_kit.letters import words
from followup_kit.letters.checks import check
from followup_kit.letters.names import name_rxs
from followup_kit.letters.reading import LetterText, case_blind, needed_words, read_sentence
from followup_kit.letters.roles import role_rx
from letter_sets import read_labelled

DATA = Path(__file__).parent / "data"
DEVELOPMENT_SETS = ("letters", "letters_blind", "letters_fresh", "letters_fresh_second", "letters_holdout",
                    "letters_offers", "letters_traps")
PATTERNS = [value for value in vars(words).values() if isinstance(value, re.Pattern)]
PATTERNS += [re.compile(p) for p, _ in (*words.DESPERATE, *words.PRESSURE)]


def _holds_needed(rx: re.Pattern, text: str) -> bool:
    keys = needed_words(rx)
    seen = case_blind(text) if rx.flags & re.IGNORECASE else text
    return keys is None or any(key in seen for key in keys)


def _development_letters():
    return [read_labelled(path) for name in DEVELOPMENT_SETS for path in sorted((DATA / name).glob("*.txt"))]


def test_needed_words_are_spelled_from_the_pattern():
    assert needed_words(re.compile(r"\bas soon as (?:possible|you can)\b|\basap\b")) == (
        "as soon as possible", "as soon as you can", "asap")
    # A case-blind pattern's words are in lower case; a case-kept one's as written.
    assert needed_words(re.compile(r"\bThank(?:s| you)\b", re.IGNORECASE)) == ("thank you", "thanks")
    assert needed_words(re.compile(r"\b(?:This is|I am) [A-Z]")) == ("I am ", "This is ")
    # "thank you" stands wherever "thank" does, so only "thank" is looked for.
    assert needed_words(re.compile(r"thank|thank you")) == ("thank",)
    # Nothing fixed is needed: the pattern runs on every sentence.
    assert needed_words(re.compile(r"\d+\s\w+")) is None
    assert needed_words(re.compile(r"[,;:]| - ")) == (" - ", ",", ":", ";")


def test_no_sentence_of_the_development_sets_is_ruled_out_where_a_pattern_matches():
    wrong = []
    for item in _development_letters():
        read = LetterText.read(item.body)
        readings = [read.text, read.text.lower()]
        readings += [text for s in read.sentences for text in (s.folded, s.lemmas, s.tokens)]
        own = [*name_rxs(item.interview.get("interviewer_name") or ""), role_rx(item.interview.get("role") or "")]
        wrong += [(rx.pattern[:60], text) for rx in [*PATTERNS, *filter(None, own)]
                  for text in readings if rx.search(text) and not _holds_needed(rx, text)]
    assert wrong == []


_PIECES = st.sampled_from(sorted({key for rx in PATTERNS for key in needed_words(rx) or ()}
                                 | {" ", ".", ",", "'", "I", "Th", "\u0130", "\u0131", "\u017f", "\u212a",
                                    "A", "K", "S", "not", "n't", "3", "\n"}))


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(PATTERNS))
def test_made_up_text_is_never_ruled_out_where_a_pattern_matches(text, rx):
    for variant in (text, text.upper(), text.title(), text.replace(" ", "")):
        assert not rx.search(variant) or _holds_needed(rx, variant)


def test_case_blind_text_holds_every_ascii_letter_a_case_blind_pattern_reads():
    # "\u0131" (dotless i), "\u017f" (long s), "\u212a" (Kelvin sign), "\u0130": matched as i, s, k, i.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        assert all(letter in case_blind(ch) for ch in re.findall(letter, everything, re.IGNORECASE))


def test_a_sentence_is_read_once_and_what_it_shows_is_kept_apart_for_each_interview():
    line = "I would love to join as a pastry cook at Brookfield."
    assert read_sentence(line) is read_sentence(line)
    letter = f"Dear Sam,\n\nThank you for the interview. {line}\n\nBest,\nAva"
    cook = {"interviewer_name": "Sam Reid", "role": "Pastry Cook", "company": "Brookfield"}
    driver = {"interviewer_name": "Sam Reid", "role": "Delivery Driver", "company": "Brookfield"}
    elsewhere = {"interviewer_name": "Sam Reid", "role": "Pastry Cook", "company": "Acme Bakery"}
    for _ in range(2):
        assert check("thank_you", letter, interview=cook).parts["interest"] is True
        assert check("thank_you", letter, interview=driver).parts["interest"] is False
        assert check("thank_you", letter, interview=cook).parts["role"] is True
        assert check("thank_you", letter, interview=elsewhere).parts["role"] is True
        assert check("thank_you", letter, interview=driver).parts["role"] is False


def test_a_letter_checked_as_it_is_typed_reads_each_new_line_afresh():
    start = "Dear Ms Lee,\n\nThank you for the interview for the Data Analyst role."
    typed = [start, start + "\nI am", start + "\nI am not", start + "\nI am not keen on it now.",
             start + "\nI am now keen on it."]
    interview = {"interviewer_name": "Amara Lee", "role": "Data Analyst", "company": "Cedar"}
    found = [check("thank_you", text, interview=interview).parts["interest"] for text in typed]
    assert found == [False, False, False, False, True]
