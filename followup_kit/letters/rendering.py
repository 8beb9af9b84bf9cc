"""The letter templates: where they are found, which there are, and filling one in.

Each template is a Jinja2 file, ``<kind>.<tone>.txt.j2``. Its first line is
``Subject: ...``; the rest, after a blank line, is the body. A template that
mentions the strengths uses ``strength_nouns`` where a noun phrase goes and
``strength_clauses``, when there are any, where a clause goes (see
:func:`followup_kit.letters.strengths.strength_forms`); ``strengths`` is each
as typed. A reply to an offer has a template for each thing it can do:
``offer_reply.<tone>.txt.j2`` accepts, ``offer_reply_time.<tone>.txt.j2``
asks for time to decide and ``offer_reply_decline.<tone>.txt.j2`` declines.

A coach adds or replaces templates without touching the package: put files
with these names in a folder and pass ``template_dir=`` (on the command line
``--templates DIR``). A file there wins over the packaged one of the same
name; a new tone name adds a tone.

Every mistake in a template (a missing file, a syntax error, a field nobody
gave, an expression that raises) is a :class:`~followup_kit.FollowupKitError`
that names the file, and the line where there is one.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from ..errors import FollowupKitError
from .strengths import join_and

#: The kinds of letter there are templates for.
LETTER_KINDS = ("thank_you", "note", "follow_up", "rejection_reply", "offer_reply")
#: The tones of the packaged templates; a coach's folder may add more.
TONES = ("warm", "formal", "brief")
#: The templates shipped with followup_kit.
TEMPLATE_DIR = Path(__file__).parent / "templates"
_SUFFIX = ".txt.j2"
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
    env.filters["join_and"] = join_and
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


def load_template(kind: str, tone: str, intent: str | None,
                  template_dir: str | Path | None) -> jinja2.Template:
    """The template for a kind, tone and intent, the coach's folder first.

    Raises
    ------
    FollowupKitError
        When there is no such template (the message lists the tones there
        are), or it does not parse, or it is not UTF-8 text.
    """
    env = _environment(template_dir)
    name = template_name(kind, tone, intent)
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound:
        stem = name[: -len(_SUFFIX)].rsplit(".", 1)[0]
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


def fill_template(template: jinja2.Template, fields: dict) -> tuple[str, str]:
    """The template filled in with ``fields``, as its subject line and body.

    Raises
    ------
    FollowupKitError
        When the template needs a field that is not in ``fields`` (the message
        names it and says how to give it), or an expression in it raises.
    """
    name = template.name
    try:
        rendered = template.render(fields)
    except jinja2.UndefinedError as exc:
        missing = re.search(r"'([^']+)' is undefined", str(exc))
        field_name = missing.group(1) if missing else str(exc)
        field_name = _MADE_FROM.get(field_name, field_name)
        hint = _HINTS.get(field_name, f"add {field_name!r} to the interview")
        raise FollowupKitError(
            f"the {name[: -len(_SUFFIX)]} template needs the field {field_name!r}, which was not given: {hint}"
        ) from None
    # A coach's template runs its own expressions ("{{ role + 1 }}"); whatever they raise is
    # a mistake in that file, so it is reported as one, at its line.
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError,
            AttributeError) as exc:
        raise FollowupKitError(f"{_template_line(exc, template, name)}: template error: {exc}") from None
    return _split_subject(rendered)


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
