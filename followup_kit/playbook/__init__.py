"""The career centre's three tips as rules: policy, business days, interview facts, next steps.

:class:`Policy` holds every number; :mod:`.rules` holds each rule once;
:func:`facts` applies them to the tables (one row per interview);
:func:`plan` turns the facts into each interview's next step with a reason;
:mod:`.calendar_file` writes the upcoming steps as an ``.ics`` calendar.
"""

from .applications import applications
from .interview_facts import FACTS_COLUMNS, facts
from .next_steps import ACTIONS, plan
from .policy import Policy

__all__ = ["ACTIONS", "FACTS_COLUMNS", "Policy", "applications", "facts", "plan"]
