"""Letter drafts: thank-you emails and notes, follow-ups, replies to a rejection or an offer.

Each draft is a Jinja2 template, ``<kind>.<tone>.txt.j2``, filled from one
interview (an interview facts row, a row of the interviews table, or a plain
mapping) plus the candidate's chosen strengths and one thing they enjoyed. The
first line of a template is ``Subject: ...``; the rest, after a blank line, is
the body. A template that mentions the strengths uses ``strength_nouns`` where
a noun phrase goes and ``strength_clauses``, when there are any, where a
clause goes (see :func:`strength_forms`); ``strengths`` is each as typed.

A reply to an offer says what the candidate does with it (``intent=``):
accepts it (``offer_reply.<tone>.txt.j2``), asks for time to decide until a
given day (``offer_reply_time.<tone>.txt.j2``, with ``reply_by=``), or
declines it graciously (``offer_reply_decline.<tone>.txt.j2``).

A coach adds or replaces templates without touching the package: put files
named ``<kind>.<tone>.txt.j2`` (or the offer-reply names above) in a folder and
pass ``template_dir=`` (on the command line ``--templates DIR``). A file there
wins over the packaged one of the same name; a new tone name adds a tone.

A draft goes out as plain text, as a ``mailto:`` link or as an ``.eml`` file
that any mail program opens.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import jinja2
import pandas as pd

from ..data.dates import as_day
from ..errors import FollowupKitError
from ..words import human_date
from . import checks
from .words import TITLES

LETTER_KINDS = ("thank_you", "note", "follow_up", "rejection_reply", "offer_reply")
TONES = ("warm", "formal", "brief")
#: What a reply to an offer can do; a draft accepts unless told otherwise.
OFFER_INTENTS = checks.OFFER_INTENTS
#: The templates shipped with followup_kit.
TEMPLATE_DIR = Path(__file__).parent / "templates"
_SUFFIX = ".txt.j2"
_TITLES = re.compile(rf"^{TITLES}$", re.IGNORECASE)
# What to tell a person when a template asks for a field they did not give.
_HINTS = {
    "strengths": "choose at least one strength: draft(..., strengths=[...]) or --strength TEXT",
    "enjoyed": "say one thing the candidate enjoyed: draft(..., enjoyed=...) or --enjoyed TEXT",
    "candidate_name": "give the candidate: draft(..., candidate={'name': ..., 'email': ...})",
    "candidate_first": "give the candidate: draft(..., candidate={'name': ..., 'email': ...})",
    "reply_by": "say by which day you will answer: draft(..., reply_by='2026-06-19') or --reply-by YYYY-MM-DD",
}
# Fields made from another one: a template that needs them needs what they are made from.
_MADE_FROM = {"strength_nouns": "strengths", "strength_clauses": "strengths"}


@dataclass(frozen=True)
class Letter:
    """A filled-in letter, ready to read, check, copy or send.

    Attributes
    ----------
    kind, tone : str
        Which template made it, e.g. ``thank_you`` and ``warm``.
    subject, body : str
        The subject line and the text of the letter.
    to_name, to_email : str or None
        The interviewer.
    from_name, from_email : str or None
        The candidate.
    interview : dict
        The fields the checker needs (interviewer, role, company, strengths).
    intent : str or None
        For a reply to an offer, what the draft does: ``accept``, ``time`` or
        ``decline``; None for other kinds.
    note : str or None
        One line saying how a strength was written in the letter when it is not
        word for word as typed ("My calm way." reads "my calm way"); None when
        every strength is as typed.
    """

    kind: str
    tone: str
    subject: str
    body: str
    to_name: str | None = None
    to_email: str | None = None
    from_name: str | None = None
    from_email: str | None = None
    interview: dict = field(default_factory=dict, repr=False)
    intent: str | None = None
    note: str | None = None

    @property
    def text(self) -> str:
        """Subject line, a blank line, then the body: the draft as plain text."""
        return f"Subject: {self.subject}\n\n{self.body}\n" if self.subject else f"{self.body}\n"

    def check(self) -> checks.LetterCheck:
        """Run the checker for this kind of letter on the body."""
        return checks.check(self.kind, self.body, interview=self.interview)

    def mailto(self) -> str:
        """A ``mailto:`` link that opens this draft in the candidate's mail program."""
        if not self.to_email:
            raise FollowupKitError("this letter has no recipient email; add interviewer_email to the interview")
        return mailto_link(self.to_email, self.subject, self.body)

    def to_eml(self, date: dt.datetime | None = None) -> bytes:
        """This letter as the bytes of an ``.eml`` file (see :func:`to_eml`)."""
        return to_eml(from_name=self.from_name, from_email=self.from_email, to_name=self.to_name,
                      to_email=self.to_email, subject=self.subject, body=self.body, date=date)


def _join_and(items: Iterable[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _environment(template_dir: str | Path | None) -> jinja2.Environment:
    paths = [TEMPLATE_DIR]
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise FollowupKitError(f"{folder}: no such template folder; give a folder of "
                                   f"<kind>.<tone>{_SUFFIX} files")
        paths.insert(0, folder)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in paths], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        # Plain-text letters: escaping would turn "O'Neill" into "O&#39;Neill".
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters["join_and"] = _join_and
    return env


def available_templates(template_dir: str | Path | None = None) -> list[tuple[str, str]]:
    """The (kind, tone) pairs there are templates for, the coach's folder included.

    Parameters
    ----------
    template_dir : str or Path, optional
        A coach's folder of ``<kind>.<tone>.txt.j2`` files.

    Returns
    -------
    list of (str, str)
        Sorted.
    """
    names = _environment(template_dir).list_templates(filter_func=lambda n: n.endswith(_SUFFIX))
    pairs = {tuple(n[: -len(_SUFFIX)].split(".", 1)) for n in names if n.count(".") == 3}
    return sorted(p for p in pairs if p[0] in LETTER_KINDS)


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    value = str(value).strip()
    return value or None


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
    together = ([f"I bring {_join_and(nouns)}"] if nouns else []) + clauses if clauses else []
    return {"strengths": said, "strength_nouns": nouns, "strength_clauses": together,
            "strength_changes": changes}


def _first_name(name: str) -> str:
    words = [w for w in name.split() if not _TITLES.match(w)]
    return words[0] if words else name


def template_name(kind: str, tone: str, intent: str | None = None) -> str:
    """The file name of a template: ``<kind>.<tone>.txt.j2``, or an offer reply's own for its intent.

    Examples
    --------
    >>> template_name("offer_reply", "warm", "time")
    'offer_reply_time.warm.txt.j2'
    >>> template_name("offer_reply", "formal")
    'offer_reply.formal.txt.j2'
    """
    stem = kind if intent in (None, "accept") else f"{kind}_{intent}"
    return f"{stem}.{tone}{_SUFFIX}"


def _context(interview: Mapping, candidate: Mapping | None, strengths, enjoyed, today) -> dict:
    """The template fields; a field nobody gave is left out so the template can say which."""
    given = dict(interview.items())
    ctx: dict = {}
    for key in ("interviewer_name", "role", "company", "interviewer_email"):
        if (value := _text(given.get(key))) is not None:
            ctx[key] = value
    if "interviewer_name" in ctx:
        ctx["interviewer_first"] = _first_name(ctx["interviewer_name"])
    if _text(given.get("interview_date")) is not None:
        ctx["interview_date"] = human_date(given["interview_date"], today=today)
    promised = given.get("promised_decision_date")
    ctx["promised_decision_date"] = (
        human_date(promised, today=today) if _text(promised) is not None else None)
    person = dict(candidate.items()) if candidate is not None else {}
    name = _text(person.get("name")) or _text(given.get("candidate_name"))
    if name is not None:
        ctx["candidate_name"] = name
        ctx["candidate_first"] = _first_name(name)
    if (mail := _text(person.get("email")) or _text(given.get("candidate_email"))) is not None:
        ctx["candidate_email"] = mail
    if isinstance(strengths, str):
        strengths = [strengths]
    chosen = [s for s in (_text(x) for x in strengths or ()) if s]
    if chosen:
        ctx.update(strength_forms(chosen))
    if (liked := _text(enjoyed)) is not None:
        ctx["enjoyed"] = liked
    return ctx


def draft(interview: Mapping, *, kind: str = "thank_you", tone: str = "warm",
          strengths: Iterable[str] | None = None, enjoyed: str | None = None,
          candidate: Mapping | None = None, template_dir: str | Path | None = None,
          today=None, intent: str | None = None, reply_by=None) -> Letter:
    """Fill a letter template from one interview.

    Parameters
    ----------
    interview : mapping
        One interview: ``interviewer_name``, ``role``, ``company``,
        ``interview_date`` and, if known, ``promised_decision_date`` and
        ``interviewer_email``. A row of the interviews table or of the
        interview facts works. May carry ``candidate_name`` and
        ``candidate_email`` instead of ``candidate``.
    kind : {"thank_you", "note", "follow_up", "rejection_reply", "offer_reply"}
        Which letter.
    tone : str
        ``warm``, ``formal``, ``brief``, or a tone the coach's folder adds.
    strengths : list of str, optional
        The candidate's chosen strengths, each a noun phrase ("four years of
        SQL reporting"), one with its own "my" ("my calm way with patients"),
        a clause ("I ran the student union's budget"), one without its "I"
        ("managed a team of five") or what the candidate is ("good with
        numbers"); see :func:`strength_forms`.
        Thank-you letters and notes need at least one.
    enjoyed : str, optional
        One thing the candidate enjoyed in the interview, e.g. "hearing about
        the new clinic"; read after "I enjoyed".
    candidate : mapping, optional
        The candidate's ``name`` and ``email`` (a row of the candidates table).
    template_dir : str or Path, optional
        A coach's folder of ``<kind>.<tone>.txt.j2`` files that override or add templates.
    today : date-like, optional
        The reader's today, so dates in another year show their year.
    intent : {"accept", "time", "decline"}, optional
        Only for ``offer_reply``: accept the offer (the default), ask for time
        to decide, or decline it graciously.
    reply_by : date-like, optional
        With ``intent="time"``: the day the candidate will answer by, written
        in the letter as "Friday 19 June".

    Returns
    -------
    Letter

    Raises
    ------
    FollowupKitError
        For an unknown kind, tone or intent, a broken template, or a field the
        template needs that was not given (the message names the field).

    Examples
    --------
    >>> letter = draft({"interviewer_name": "Amara Lee", "role": "Data Analyst",
    ...                 "company": "Cedar Analytics", "interview_date": "2026-05-28",
    ...                 "candidate_name": "Chidi Okeke"},
    ...                strengths=["four years of SQL reporting"], today="2026-05-29")
    >>> letter.subject
    'Thank you: Data Analyst interview on Thursday 28 May'
    >>> letter.check().ok
    True
    >>> answer = draft({"interviewer_name": "Amara Lee", "role": "Data Analyst",
    ...                 "company": "Cedar Analytics", "candidate_name": "Chidi Okeke"},
    ...                kind="offer_reply", intent="time", reply_by="2026-06-19", today="2026-06-12")
    >>> "until Friday 19 June" in answer.body, answer.check().intent
    (True, 'time')
    """
    if kind not in LETTER_KINDS:
        raise FollowupKitError(f"unknown kind of letter {kind!r}; choose one of {', '.join(LETTER_KINDS)}")
    if kind == "offer_reply":
        intent = intent or "accept"
        if intent not in OFFER_INTENTS:
            raise FollowupKitError(f"unknown intent {intent!r} for a reply to an offer; choose one of "
                                   f"{', '.join(OFFER_INTENTS)}")
    elif intent is not None:
        raise FollowupKitError(f"an intent ({intent!r}) is for replies to an offer, not {kind} letters")
    if reply_by is not None and intent != "time":
        raise FollowupKitError("a reply-by date is for asking for time to decide: use it with intent 'time'")
    env = _environment(template_dir)
    name = template_name(kind, tone, intent)
    label = name[: -len(_SUFFIX)]
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        stem = label.rsplit(".", 1)[0]
        tones = sorted({n[len(stem) + 1: -len(_SUFFIX)] for n in env.list_templates()
                        if n.startswith(f"{stem}.") and n.endswith(_SUFFIX) and n.count(".") == 3})
        what = f"{kind} letters" if stem == kind else f"{kind} letters that {intent}"
        raise FollowupKitError(
            f"no {tone!r} template for {what}; choose a tone from {', '.join(tones)} "
            f"or add {name} to your template folder") from None
    except jinja2.TemplateSyntaxError as exc:
        raise FollowupKitError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}") from None
    except UnicodeDecodeError:
        where = next((Path(folder) / name for folder in env.loader.searchpath
                      if (Path(folder) / name).is_file()), name)
        raise FollowupKitError(f"{where}: the template is not UTF-8 text; save it as UTF-8") from None
    ctx = _context(interview, candidate, strengths, enjoyed, today)
    if reply_by is not None:
        ctx["reply_by"] = human_date(as_day(reply_by), today=today)
    try:
        rendered = template.render(ctx)
    except jinja2.UndefinedError as exc:
        missing = re.search(r"'([^']+)' is undefined", str(exc))
        field_name = missing.group(1) if missing else str(exc)
        field_name = _MADE_FROM.get(field_name, field_name)
        hint = _HINTS.get(field_name, f"add {field_name!r} to the interview")
        raise FollowupKitError(
            f"the {label} template needs the field {field_name!r}, which was not given: {hint}"
        ) from None
    # A coach's template runs its own expressions ("{{ role + 1 }}"); whatever they raise is
    # a mistake in that file, so it is reported as one, at its line.
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError,
            AttributeError) as exc:
        raise FollowupKitError(f"{_template_line(exc, template, name)}: template error: {exc}") from None
    subject, body = _split_subject(rendered)
    # Only what the letter says is worth a note: a follow-up mentions no strength.
    tidied = [(typed, written) for typed, written in ctx.get("strength_changes", ()) if written in body]
    note = None if not tidied else "strengths as the letter writes them: " + "; ".join(
        f"\u201c{typed}\u201d reads \u201c{written}\u201d" for typed, written in tidied)
    return Letter(
        kind=kind, tone=tone, subject=subject, body=body,
        to_name=ctx.get("interviewer_name"), to_email=ctx.get("interviewer_email"),
        from_name=ctx.get("candidate_name"), from_email=ctx.get("candidate_email"),
        interview={k: ctx[k] for k in ("interviewer_name", "role", "company", "strengths") if k in ctx},
        intent=intent, note=note,
    )


def _template_line(exc: BaseException, template: jinja2.Template, name: str) -> str:
    """``FILE:LINE`` of the template line that raised, from the traceback Jinja2 rewrites."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == template.filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    where = template.filename or name
    return f"{where}:{line}" if line is not None else where


def _split_subject(rendered: str) -> tuple[str, str]:
    text = re.sub(r"[ \t]+\n", "\n", rendered.strip("\n"))
    subject = ""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        subject, text = first[len("subject:"):].strip(), rest
    # Optional parts that render empty would leave gaps of several blank lines.
    body = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return subject, body


def mailto_link(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` link that opens a draft with this recipient, subject and body.

    Every character outside the unreserved set is percent-encoded as UTF-8:
    spaces become ``%20`` (not ``+``) and line breaks ``%0D%0A``, as RFC 6068 asks.

    Parameters
    ----------
    to : str
        The recipient's address.
    subject, body : str
        The subject line and the text.

    Returns
    -------
    str

    Examples
    --------
    >>> mailto_link("amara@cedar.example", "Thank you", "Dear Amara,\\nThanks & see you")
    'mailto:amara@cedar.example?subject=Thank%20you&body=Dear%20Amara%2C%0D%0AThanks%20%26%20see%20you'
    """
    crlf = re.sub(r"\r\n|\r|\n", "\r\n", body)
    return (f"mailto:{urllib.parse.quote(to.strip(), safe='@')}"
            f"?subject={urllib.parse.quote(subject, safe='')}&body={urllib.parse.quote(crlf, safe='')}")


#: The longest phrase a person adds to a letter (a strength, what they enjoyed).
MAX_PHRASE = 200


def phrase(value: str, what: str) -> str:
    """A phrase a person typed to go inside a sentence of a letter, checked; returned stripped.

    Parameters
    ----------
    value : str
    what : str
        What the phrase is, for the message: an option (``"--strength"``) or a field.

    Returns
    -------
    str

    Examples
    --------
    >>> phrase("  three years of bookkeeping ", "strength")
    'three years of bookkeeping'
    """
    text = value.strip()
    if not text:
        raise FollowupKitError(f"{what}: give a few words, not an empty text")
    if "\n" in text or "\r" in text or len(text) > MAX_PHRASE:
        raise FollowupKitError(f"{what}: give one short phrase (one line, at most {MAX_PHRASE} "
                               "characters); it is read inside a sentence of the letter")
    return text


def to_eml(*, from_name: str | None, from_email: str | None, to_name: str | None,
           to_email: str | None, subject: str, body: str, date: dt.datetime | None = None) -> bytes:
    """An email file (``.eml``) that a mail program opens as a draft to send.

    ``X-Unsent: 1`` makes Outlook open it as a new message with Send, not as
    one received; other programs ignore the header and open it as a message
    with its From, To, Subject and text, to edit or send again. Names and
    text may hold any characters ("Zoë Ngũgĩ", "José"): headers are encoded
    as RFC 2047 words and the body as UTF-8.

    Parameters
    ----------
    from_name, from_email : str
        The candidate.
    to_name, to_email : str
        The interviewer.
    subject, body : str
        The subject line and the text.
    date : datetime, optional
        The Date header; now, in UTC, when not given. A naive datetime is read as UTC.

    Returns
    -------
    bytes
        The message with CRLF line endings.
    """
    for label, value in (("candidate's email (From)", from_email), ("interviewer's email (To)", to_email)):
        if not value:
            raise FollowupKitError(f"an .eml file needs the {label}; add it to the store")
    if "\n" in subject.strip() or "\r" in subject.strip():
        raise FollowupKitError("the subject must be one line: take out its line breaks")
    when = date or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        sender = Address(display_name=from_name or "", addr_spec=from_email)
        recipient = Address(display_name=to_name or "", addr_spec=to_email)
    except (ValueError, IndexError) as exc:
        raise FollowupKitError(f"not an email address we can write to a file: {exc}") from None
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    # A domain given here keeps make_msgid from looking up this computer's name.
    msg["Message-ID"] = make_msgid(domain=sender.domain or "followup-kit.invalid")
    msg["X-Unsent"] = "1"
    msg.set_content(body if body.endswith("\n") else body + "\n")
    return msg.as_bytes(policy=email.policy.SMTP)
