"""Serving the candidate view: signed links, the page a link opens, the Voilà command.

Nothing here decides a next step or computes a statistic: a link names one
candidate, and the page shows :func:`followup_kit.widgets.candidate_view` for
that candidate or a short refusal.
"""

from .links import LinkError, make_link, make_token, read_token, revoke_all, secret_for


def __getattr__(name: str):
    # The page pulls in the widgets and matplotlib (about a second); the command line only needs
    # the links, so the page is imported when it is first asked for.
    if name == "dashboard_for_request":
        from .page import dashboard_for_request
        return dashboard_for_request
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["LinkError", "dashboard_for_request", "make_link", "make_token", "read_token",
           "revoke_all", "secret_for"]
