"""Text as a person could read it off a page or a widget: every escape a leak could hide behind, undone.

A widget's state holds names as Python strings (``json.dumps`` would write
non-ASCII as ``\\uXXXX``), markup holds them HTML-escaped (``O&#x27;Brien``), and
the candidate's timeline is an SVG picture inside a base64 ``data:`` address.
A search for a name in any of those forms misses it; in this text it cannot.
"""

from __future__ import annotations

import base64
import html
import re
from urllib.parse import unquote

#: A picture carried in the page itself: base64 (as the timeline is) or percent-encoded.
SVG_BASE64 = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/]+)")
SVG_QUOTED = re.compile(r"data:image/svg\+xml,([^\"'()\s]+)")


def readable(text: str) -> str:
    """``text`` with HTML entities undone, followed by the text of every SVG picture carried in it."""
    plain = html.unescape(text)
    pictures = [base64.b64decode(data + "=" * (-len(data) % 4)).decode("utf-8", "replace")
                for data in SVG_BASE64.findall(plain)]
    pictures += [unquote(data) for data in SVG_QUOTED.findall(plain)]
    return "\n".join([plain, *(html.unescape(picture) for picture in pictures)])


def descendants(widget):
    """The widget and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def strings_in(value) -> list[str]:
    """Every string inside a widget's state (nested lists and dicts included), as Python holds it."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


def widget_text(box) -> str:
    """What the widget and the widgets inside it show, readable (see :func:`readable`)."""
    return readable("\n".join(s for widget in descendants(box) for s in strings_in(widget.get_state())))
