"""Serving the candidate view: signed links, the page a link opens, the Voilà command.

Nothing here decides a next step or computes a statistic: a link names one
candidate, and the page shows :func:`followup_kit.widgets.candidate_view` for
that candidate or a short refusal.
"""

from .links import LinkError, make_link, make_token, read_token, revoke_all, secret_for
from .page import dashboard_for_request

__all__ = ["LinkError", "dashboard_for_request", "make_link", "make_token", "read_token",
           "revoke_all", "secret_for"]
