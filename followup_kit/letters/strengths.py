"""Strengths as a letter writes them: a noun phrase after "my", or a clause after "I" or "I am".

A candidate types each strength as it comes ("three years of budgeting",
"Managed a team of five", "good with numbers"); :func:`strength_forms` tells
the forms apart by their first word and gives the template the forms its
sentences need. The word lists it reads the first word with are here too:
they are grammar for writing a strength, not phrases the checker listens for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words a noun phrase may begin with that already say whose it is or how much of it there is:
# "a forklift licence", "plenty of patience", "my eye for detail" take no "my" in front.
_DETERMINERS = frozenset({
    "my", "our", "a", "an", "the", "this", "that", "these", "those", "some", "plenty", "lots", "much",
    "many", "several", "enough", "over", "more", "nearly", "almost", "about", "around", "all", "both",
    "each", "every",
})
# Words a person capitalises at the start of a form field that are written small inside a sentence.
_SMALL_WORDS = _DETERMINERS | frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty",
})
# A strength typed as a clause starts with "I": "I ran the budget", "I've trained staff", "i speak Urdu".
_CLAUSE = re.compile(r"^i(?=['\u2019]\w+\s|\s)", re.IGNORECASE)
# Words that begin a phrase saying what the candidate is: "good with numbers", "calm and patient".
_ADJECTIVES = frozenset({
    "able", "adaptable", "approachable", "aware", "bilingual", "brilliant", "calm", "capable", "careful",
    "caring", "certified", "comfortable", "committed", "competent", "confident", "creative", "dedicated",
    "dependable", "detail-oriented", "eager", "excellent", "experienced", "familiar", "flexible",
    "fluent", "focused", "friendly", "good", "great", "happy", "hard-working", "hardworking", "honest",
    "interested", "keen", "kind", "licensed", "motivated", "numerate", "organised", "organized",
    "passionate", "patient", "proficient", "punctual", "qualified", "quick", "reliable", "resilient",
    "self-motivated", "skilled", "strong", "thorough", "trained", "used", "willing",
})
# What follows such a word when it says how the candidate is, not which of their things: "good with
# numbers", "fluent in Spanish", "calm under pressure", "used to night shifts" (but "calm way with ...").
_PREPOSITIONS = frozenset({
    "about", "around", "as", "at", "during", "for", "in", "of", "on", "to", "under", "when", "with",
})
# The words among them that take an -ing word after them too: "comfortable speaking in public".
_BEFORE_ING = frozenset({"comfortable", "confident", "experienced", "happy"})
# What joins one such word to the next: "calm, patient and kind", "organised & reliable".
_JOINERS = frozenset({"and", "or", ",", "&"})
# Words before the first that say how much or how well: "highly organised", "successfully led ...".
_ADVERBS = frozenset({"very", "quite", "well", "always", "also", "often"})
# Past verbs that do not end in -ed: "ran the budget", "taught myself SQL".
_IRREGULAR_PAST = frozenset({
    "became", "began", "brought", "built", "came", "cut", "dealt", "did", "drew", "drove", "found", "gave",
    "got", "grew", "held", "kept", "led", "made", "met", "oversaw", "put", "ran", "rebuilt", "rewrote",
    "saw", "sent", "set", "sold", "spent", "spoke", "stood", "taught", "took", "undertook", "went", "won",
    "wrote",
})
# Verbs a strength starts with in the present: "speak three languages", "have a clean licence".
_PRESENT = frozenset({"am", "can", "enjoy", "have", "hold", "know", "speak"})
# Words, most ending in -ed, that usually describe the noun after them: "advanced Excel skills",
# "detailed knowledge of payroll", "varied experience"; one ending in -ed is a verb only when a word
# like "the", "a", "my" or "three" follows it ("balanced the books"). "Hundred" is no verb at all.
_DESCRIBING = frozenset({
    "accredited", "advanced", "applied", "balanced", "certified", "dedicated", "detailed", "experienced",
    "extended", "focused", "hundred", "licensed", "mixed", "proven", "qualified", "related", "skilled",
    "specialised", "specialized", "talented", "varied",
})


def join_and(items: Iterable[str]) -> str:
    """The items as a sentence lists them: "a", "a and b", "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and word not in _ADJECTIVES)


def _describes_the_candidate(words: list[str]) -> bool:
    """Whether the words are adjectives said of the candidate: "good with numbers", "calm and patient"."""
    at = 0
    while at < len(words) and words[at] in _ADJECTIVES:
        head, at = words[at], at + 1
        if (at == len(words) or words[at] in _PREPOSITIONS
                or (head in _BEFORE_ING and words[at].endswith("ing"))):
            return True
        if words[at] not in _JOINERS:
            return False
        while at < len(words) and (words[at] in _JOINERS or _is_adverb(words[at])):
            at += 1
    return False


def _is_verb(words: list[str]) -> bool:
    """Whether the words start with a verb of the candidate's: "managed a team", "speak Urdu"."""
    if not words:
        return False
    word, after = words[0], words[1] if len(words) > 1 else ""
    if word in _IRREGULAR_PAST or word in _PRESENT:
        return True
    # "need" and "speed" are not past verbs; "well-developed" describes, "co-founded" is done.
    if len(word) < 4 or not word.endswith("ed") or word.endswith("eed"):
        return False
    if "-" in word and not word.startswith(("co-", "re-")):
        return False
    return word not in _DESCRIBING or after in _SMALL_WORDS


def _as_written(text: str) -> tuple[bool, str]:
    """Whether a strength goes in the letter as a clause, and how it is written there."""
    if _CLAUSE.match(text):
        return True, "I" + text[1:]
    first = text.split(maxsplit=1)[0] if text else ""
    words = re.findall(r"[\w'\u2019-]+|[,&]", text.lower())
    while words and _is_adverb(words[0]):
        words = words[1:]
    # A clause begins with an adverb, adjective or verb, written small inside the letter's sentence.
    small = first.lower() + text[len(first):]
    if _describes_the_candidate(words):
        return True, f"I am {small}"
    if _is_verb(words):
        return True, f"I {small}"
    return False, small if first.lower() in _SMALL_WORDS | _ADJECTIVES | _DESCRIBING else text


def strength_forms(strengths: Iterable[str]) -> dict:
    """The chosen strengths in the forms a template's sentence needs, and what was tidied.

    People type a strength as a noun phrase ("three years of budgeting"), as a
    noun phrase with its own "my" ("my experience running events"), as a
    clause ("I ran the student union's budget"), as a clause without its "I"
    ("managed a team of five") or as words that say what they are ("good with
    numbers"). The forms are told apart by the first word, after any adverb
    (a word ending in -ly that is not one of the adjectives below, such as
    "friendly", or one of "very", "quite", "well", "always", "also", "often"):

    - "I", "I've", "I'm": a clause, written as typed.
    - One of a short list of adjectives ("good", "fluent", "calm",
      "comfortable", "organised", ...) followed by a preposition ("with",
      "in", "under", "to", ...), by nothing, or by "and", "or" or a comma
      and another of them ("calm and patient"); "comfortable", "confident",
      "experienced" and "happy" also before an -ing word ("comfortable
      speaking in public"): a clause, written after "I am".
    - A past verb: a word ending in -ed (not -eed; hyphenated only after
      "co-" or "re-") or one of a short list of irregular ones ("ran", "led",
      "taught", "built", ...), or one of the present verbs "am", "can",
      "enjoy", "have", "hold", "know", "speak": a clause, written after
      "I". An -ed word that usually describes a noun ("advanced", "detailed",
      "varied", "qualified", ...) starts a noun phrase ("advanced Excel
      skills"), unless a word like "the", "a" or "my" follows it ("balanced
      the books").
    - Anything else: a noun phrase. An adjective before a noun starts one
      too: "calm way with customers", "fluent Spanish".

    Each is kept as typed, but for a closing full stop (the letter has its
    own), a capital on a first word that is small inside a sentence (a verb
    or an adjective the rules above find, or one of the words they list:
    "Managed", "Fluent", "My", "Three", "Advanced"), a lower-case "i"
    starting a clause, and the "I" or "I am" put before a clause typed
    without it.

    Parameters
    ----------
    strengths : list of str
        As typed, each one phrase.

    Returns
    -------
    dict
        ``strengths``: each as the letter writes it. ``strength_nouns``: the
        noun phrases, each with "my" in front unless it begins with a word like
        "my", "a" or "plenty" already. ``strength_clauses``: empty when every
        strength is a noun phrase; otherwise every strength as a clause, the
        noun phrases gathered into one "I bring ..." clause first.
        ``strength_changes``: (typed, written) for each strength not written as typed.

    Examples
    --------
    >>> forms = strength_forms(["Three years of budgeting.", "I ran the student union's budget"])
    >>> forms["strength_nouns"], forms["strength_clauses"]
    (['my three years of budgeting'], ['I bring my three years of budgeting', "I ran the student union's budget"])
    >>> forms["strength_changes"]
    [('Three years of budgeting.', 'three years of budgeting')]
    >>> strength_forms(["Managed a team of five", "good with numbers", "advanced Excel skills"])["strength_clauses"]
    ['I bring my advanced Excel skills', 'I managed a team of five', 'I am good with numbers']
    """
    said, nouns, clauses, changes = [], [], [], []
    for typed in strengths:
        is_clause, text = _as_written(typed.strip().rstrip(".!;:,").rstrip())
        if is_clause:
            clauses.append(text)
        else:
            first = text.split(maxsplit=1)[0].lower() if text else ""
            nouns.append(text if first in _DETERMINERS else f"my {text}")
        said.append(text)
        if text != typed.strip():
            changes.append((typed.strip(), text))
    together = ([f"I bring {join_and(nouns)}"] if nouns else []) + clauses if clauses else []
    return {"strengths": said, "strength_nouns": nouns, "strength_clauses": together,
            "strength_changes": changes}

