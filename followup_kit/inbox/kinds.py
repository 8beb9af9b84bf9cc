"""Which event a message shows, and the sentence that shows it.

The candidate's own messages are read with the letter checker
(:mod:`followup_kit.letters`): a **thank-you** thanks them for the interview; a
**follow-up** asks where things stand; a **reply** answers the employer (after
an offer or a rejection, or a question of theirs: a time that suits, the
references asked for). The employer's messages are an **offer**, a
**rejection**, an invitation to another round (**next round**, also a calendar
invitation attached), or another real answer (**employer response**: a status
update, "we'll decide next week", an answer to the candidate's follow-up).

A wrong event misleads the plan more than a missing one, so each rule asks for
a sentence that says so in as many words, not denied ("we are not able to
offer you the role" is a rejection, not an offer) and not a condition ("if you
are not successful we will let you know"). A message that says nothing the
playbook uses (a receipt, the parking details) gives no event:
``nothing_to_use``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..letters import check_follow_up, check_offer_reply, check_rejection_reply, check_thank_you
from ..letters.names import name_rxs
from ..letters.reading import LetterText, Sentence, denied, word_count
from ..letters.words import (
    A_DATE,
    APPRECIATION,
    ASKS_STATUS,
    ASKS_STATUS_LEMMAS,
    CLAUSE_BREAK,
    CLOSING,
    SIGN_OFF,
    any_of,
)
from ..words import human_date
from .reading import Invitation, Reading, evidence

#: Why a message about an interview gives no event.
NOTHING_TO_USE = "nothing_to_use"

# -- the employer's words --------------------------------------------------------
_ARTICLE = r"(?:a|an|the|your|our|this|another)"
# What another round is called, and the talks that may be one (these only after "a", "the" ...).
_ROUND = (r"(?:interviews?|round|stage|assessment(?:\s+(?:day|centre|center))?|panel|onsite|on-site|superday|"
          r"presentation|case\s+study|technical\s+(?:test|exercise|challenge|task)|trial\s+(?:day|shift)|work\s+trial)")
_TALK = r"(?:call|chat|conversation|meeting|video\s+call|phone\s+call|visit)"
_LATER = r"(?:second|next|final|third|fourth|follow-up|follow\s+up|further|another|technical|panel|2nd|3rd|last)"
# Words between "invite you to" and the round that make it something else: a survey about the interview.
_NOT_INVITED = r"(?!(?:feedback|survey|rate|review|share|tell|apply|join\s+our\s+talent|subscribe)\b)"
_JOB = r"(?:position|role|job|post|contract|place|opportunity\s+to\s+join)"
# Between "offer you the" and the job, words that make it an interview ("the opportunity to interview").
_NOT_INTERVIEW = r"(?:(?!interview|opportunit|chance|feedback)[\w-]+\s+){0,5}?"

# What an offer letter may be called before "offer letter": "the attached offer letter", "your revised offer".
_OFFER_WORDS = r"(?:formal|conditional|written|official|verbal|attached|enclosed|revised|updated|amended|final|signed|new)"
# What a rejection says it cannot do: "unable to offer you the role", "we cannot move forward".
_NOT_GOING_ON = (r"(?:offer\s+you|move\s+forward|proceed|progress\s+(?:your|you)|take\s+(?:your|you|things)|invite\s+you|"
                 r"extend\s+(?:you\s+)?an?\s+offer)")

OFFER = any_of(
    r"\b(?:pleased|delighted|happy|thrilled|excited|glad|honou?red|proud)\s+to\s+(?:be\s+able\s+to\s+)?"
    r"(?:formally\s+|officially\s+)?(?:offer\s+you\s+(?:the|this|a|an)\s+" + _NOT_INTERVIEW + _JOB + r"\b|"
    r"offer\s+you\s+employment|extend\s+(?:to\s+you\s+|you\s+)?(?:an?|the|this|our)\s+(?:formal\s+|conditional\s+|"
    r"verbal\s+|written\s+|official\s+)?(?:job\s+)?offer|make\s+you\s+an?\s+(?:formal\s+|conditional\s+|verbal\s+)?offer|"
    r"confirm\s+(?:your|our|the)\s+(?:job\s+)?offer)",
    r"\b(?:would|'d)\s+(?:like|love)\s+to\s+(?:formally\s+)?(?:offer\s+you\s+(?:the|this|a|an)\s+" + _NOT_INTERVIEW
    + _JOB + r"\b|extend\s+(?:you\s+)?an?\s+(?:formal\s+)?offer|make\s+you\s+an?\s+(?:formal\s+)?offer)",
    r"\b(?:we\s+are|we're|i\s+am|i'm)\s+(?:\w+\s+)?(?:offering|making)\s+you\s+(?:the|an?)\s+" + _NOT_INTERVIEW
    + r"(?:offer|position|role|job|post)\b",
    r"\b(?:an?|the|your|our)\s+(?:" + _OFFER_WORDS + r"\s+){0,2}(?:job\s+|employment\s+)?"
    r"offer\s+(?:letter|of\s+employment|pack(?:age)?|is\s+attached|attached)\b",
    # A hiring system handing the offer over: "Fernleaf has sent you an offer".
    r"\b(?:has|have|just)\s+(?:now\s+)?sent\s+you\s+(?:an?|the|your)\s+(?:" + _OFFER_WORDS + r"\s+)?(?:job\s+)?offer\b",
    # An offer made again with new terms is an offer: "the revised letter (attached)", "an updated offer".
    r"\b(?:revised|updated|amended|improved)\s+(?:offer|(?:offer\s+)?letter\b[^.!?]{0,20}\b(?:attached|enclosed))\b",
    r"\b(?:attached|enclosed)\b[^.!?]{0,20}\b(?:revised|updated|amended)\s+(?:offer\s+)?letter\b",
    r"\boffer\s+of\s+employment\b",
    r"\b(?:attached|enclosed)\s+(?:is|are|please\s+find)\s+(?:your|our|the)\s+(?:formal\s+|written\s+)?offer\b",
    r"\bcongratulations\b[^.!?]{0,60}\b(?:job\s+offer|offer\s+of|new\s+role|joining\s+(?:us|the\s+team))\b",
    r"\bthe\s+(?:role|job|position|post)\s+is\s+yours\b",
    r"\b(?:my|our|a)\s+(?:great\s+)?pleasure\s+to\s+(?:formally\s+)?(?:offer\s+you|extend\s+(?:you\s+)?an?\s+offer)\b",
    r"\byou(?:'ve|\s+have)?\s+got\s+the\s+(?:job|role|position|post)\b",
    # The team wanting them in the job by its name: "would love to have you join Lumio Health as our Test Lead".
    r"\b(?:would|'d)\s+(?:love|like)\s+(?:to\s+have\s+you|for\s+you\s+to)\s+join\s+(?:[\w&'-]+\s+){1,4}?as\s+(?:our|a|an|the)\s",
    r"\b(?:would|'d)\s+love\s+(?:for\s+)?you\s+to\s+join\s+(?:us|the\s+team|our\s+team)\b(?!\s+(?:for|on|at|in\s+(?:a|an|the)))",
    r"\bwe\s+want\s+you\s+(?:to\s+join\s+(?:us|the\s+team)|on\s+(?:the\s+team|board))\b",
    r"\b(?:delighted|thrilled|happy|pleased|excited|glad)\s+to\s+(?:have|welcome)\s+you\s+(?:join\s+(?:us|the\s+team|our\s+team)|"
    r"on\s+board|aboard|to\s+the\s+team|as\s+(?:our|a|an))\b(?!\s+(?:for|on|at)\s+(?:a|an|the|our))",
)
REJECTION = any_of(
    r"\b(?:decided|chosen|elected|opted|determined)\s+not\s+to\s+(?:move|proceed|progress|go\s+(?:ahead|forward)|"
    r"take\s+(?:your|you|things)|pursue|continue|offer|advance|invite|shortlist)",
    r"\b(?:decided|chosen|elected|opted)\s+to\s+(?:move\s+(?:forward|ahead)|proceed|progress|go(?:\s+ahead|\s+forward)?|continue|"
    r"pursue)\s+(?:with\s+)?(?:other|another|a\s+(?:different|more)|different|more|someone|an?\s+(?:internal|external))\b",
    r"(?:\bnot|n't|\bno\s+longer)\s+(?:be\s+)?(?:moving|move|proceed(?:ing)?|progress(?:ing)?|tak(?:e|ing)|"
    r"go(?:ing)?\s+(?:ahead|forward)|advanc(?:e|ing)|continu(?:e|ing)|pursu(?:e|ing))\s+(?:forward\s+|further\s+|ahead\s+)?"
    r"(?:with\s+)?(?:your\s+(?:application|candidacy|candidature|profile)|you)\b",
    r"\bregret\s+to\s+(?:inform|tell|let|advise|say|confirm)\b",
    r"\b(?:have\s+not|haven't|has\s+not|hasn't|were\s+not|weren't|was\s+not|wasn't|are\s+not|aren't|is\s+not|isn't)"
    r"\s+(?:been\s+)?(?:successful|selected|shortlisted|chosen|progressed)\b",
    r"\bunsuccessful\b",
    r"\b(?:position|role|job|post|vacancy|opening)\s+(?:has|had)\s+(?:now\s+|already\s+)?been\s+"
    r"(?:filled|closed|cancell?ed|withdrawn)\b",
    r"\b(?:gone|go|going|proceed(?:ed|ing)?|mov(?:e|ed|ing)\s+(?:forward|ahead)|continu(?:e|ed|ing))\s+with\s+(?:another|"
    r"a\s+different|other|a\s+more\s+\w+)\s+(?:candidates?|applicants?|persons?|people|profiles?)\b",
    r"\b(?:offer(?:ed)?|give|given|gave)\s+the\s+(?:role|position|job|post)\s+to\s+(?:another|someone|a\s+different|"
    r"an\s+internal|an\s+external|a\s+candidate|a\s+colleague)",
    r"\b(?:candidates?|applicants?|profiles?|someone)\s+(?:whose|who|with)\b[^.!?]{0,100}\b(?:more\s+closely|better|"
    r"more\s+directly)\s+(?:match|matches|fit|fits|align|aligns|suit|suits|meet|meets)",
    r"\b(?:unable|not\s+able|won't\s+be\s+able|will\s+not\s+be\s+able|not\s+in\s+a\s+position)\s+to\s+" + _NOT_GOING_ON,
    r"\b(?:cannot|can\s*not|can't)\s+" + _NOT_GOING_ON,
    r"\b(?:not|won't|will\s+not)\s+be\s+(?:offering|extending|inviting|progressing|shortlisting)\s+you\b",
    r"\bno\s+longer\s+(?:being\s+)?consider(?:ed|ing)\s+(?:you|your)\b",
    r"\bdecided\s+against\s+(?:your|progressing|moving|proceeding|offering)",
    r"\b(?:go|going|gone|move|moving|moved|went|head(?:ed|ing)?)\s+in\s+a\s+different\s+direction\b",
    r"\b(?:we've|we\s+have|we)\s+(?:now\s+|already\s+)?filled\s+the\s+(?:role|position|vacancy|post|job)\b",
    r"\b(?:we|we've|we\s+have)\s+(?:now\s+)?(?:selected|chosen|hired|appointed)\s+(?:another|a\s+different|an\s+internal|"
    r"someone\s+else)\b",
    r"\b(?:role|job|position|post)\s+(?:has\s+)?(?:gone|went)\s+to\s+(?:another|someone|a\s+different|an\s+internal)\b",
)
NEXT_ROUND = any_of(
    rf"\binvit(?:e|ing)\s+you\s+(?:back\s+)?(?:to|for)\s+(?:{_ARTICLE}\s+)?(?:{_NOT_INVITED}[\w-]+\s+){{0,3}}?{_ROUND}\b",
    rf"\binvit(?:e|ing)\s+you\s+(?:back\s+)?(?:to|for)\s+{_ARTICLE}\s+(?:{_NOT_INVITED}[\w-]+\s+){{0,3}}?{_TALK}\b",
    r"\binvit(?:e|ing)\s+you\s+(?:back\s+)?(?:to\s+)?(?:interview|come\s+(?:back\s+)?(?:in|back)|meet\s+(?:the|our|with))\b",
    rf"\binvitation\s+(?:to|for)\s+(?:{_ARTICLE}\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_ROUND}|{_TALK})\b",
    r"\b(?:move|moving|moved|progress|progressing|progressed|advance|advancing|advanced|take|taking|put|putting)\s+"
    r"(?:you|your\s+application|your\s+candidacy)\s+(?:forward\s+|through\s+)?(?:to|into|for)\s+the\s+"
    r"(?:next|second|third|final|following|last)\s+(?:round|stage|step|phase)",
    r"\b(?:progressed|moved|advanced|made\s+it|through|shortlisted)\s+(?:on\s+)?(?:to|for)\s+the\s+"
    r"(?:next|second|third|final|following|last)\s+(?:round|stage|step|phase|interview)",
    rf"\b(?:like|love|want)\s+(?:for\s+)?(?:you\s+)?to\s+(?:come\s+(?:back\s+)?(?:in\s+)?(?:for|to)|meet|have\s+you|schedule|"
    rf"arrange|set\s+up|book|invite\s+you\s+to|bring\s+you\s+(?:back\s+)?(?:in\s+)?(?:for|to)|join\s+us\s+(?:again\s+)?for)\b[^.?!]{{0,60}}\b{_LATER}\s+(?:[\w-]+\s+)?(?:{_ROUND}|{_TALK})",
    rf"\b(?:schedul(?:e|ing)|arrang(?:e|ing)|set(?:ting)?\s+up|book(?:ing)?|organi[sz](?:e|ing))\s+(?:a|an|the|your)\s+"
    rf"{_LATER}\s+(?:[\w-]+\s+)?(?:{_ROUND}|{_TALK})",
    rf"\b(?:have|invite|welcome)\s+you\s+(?:back\s+)?(?:to\s+)?(?:join\s+us\s+)?for\s+(?:a|an|the|our)\s+{_LATER}\s+"
    rf"(?:[\w-]+\s+)?(?:{_ROUND}|{_TALK})",
    rf"\b(?:could|can|would)\s+you\s+(?:do|come\s+(?:back\s+)?(?:in\s+)?for|attend|make|join\s+us\s+for)\s+(?:a|an|the)\s+"
    rf"{_LATER}\s+(?:[\w-]+\s+)?(?:{_ROUND}|{_TALK})",
    rf"\b(?:availability|available)\s+for\s+(?:a|an|the|your)\s+{_LATER}\s+(?:[\w-]+\s+)?(?:{_ROUND}|{_TALK})",
    rf"\boffer\s+you\s+(?:a|an|the)\s+(?:{_LATER}\s+)?(?:[\w-]+\s+)?(?:{_ROUND}|{_TALK})\b",
    r"\boffer\s+you\s+(?:a|an|the)\s+(?:opportunity|chance)\s+to\s+(?:interview|meet|come\s+back|present|progress)\b",
    # The first line of a calendar program's invitation: "Invitation: Second interview @ Tue 17 Mar 2026".
    rf"^\W*(?:updated\s+)?invitation:\s+[^@]{{0,80}}\b{_ROUND}\b",
    # The candidate going on to a later round: "he would like you to progress to a second interview",
    # "you've moved forward to the next round".
    r"\b(?:you|your\s+(?:application|candidacy|profile))\s+(?:(?:have|has|will|'ll|'ve|to|are|were|now|been|being|"
    r"successfully|officially)\s+){0,3}(?:progress|mov|advanc|proceed|go|gone|went|get|got|made|make|com)\w*\s+"
    r"(?:it\s+)?(?:forward\s+|on\s+|through\s+|ahead\s+)?(?:on\s+)?(?:to|into|for)\s+(?:a|an|the|our)\s+"
    r"(?:next|second|third|final|following|last|2nd|3rd)\s+(?:round|stage|step|phase|interview)",
    # What the next step is, however it is put: "the last step is a 60-minute conversation", "Next up: final interview".
    rf"\b(?:next|last|final|following)\s+(?:step|stage|up)\s*(?:is|will\s+be|would\s+be|:|-)\s+"
    rf"(?:(?:a|an|the|your)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_ROUND}|{_TALK})\b",
    # Someone at the company asking, after the interview, to meet the candidate: another round.
    r"\b(?:would|'d)\s+(?:really\s+)?(?:like|love)\s+to\s+(?:meet|see)\s+you\b(?!\s+(?:halfway|half\s+way|in\s+the\s+middle))",
    rf"\b(?:pick|choose|select|book)\s+(?:a|your)\s+(?:time|slot|date)\b[^.?!]{{0,40}}\b{_LATER}\s+(?:[\w-]+\s+)?"
    rf"(?:{_ROUND}|{_TALK})",
)
# A status update: the decision is still to come, and when.
STATUS = any_of(
    r"\b(?:still|currently)\s+(?:interviewing|reviewing|meeting|considering|assessing|evaluating|deciding|"
    r"finali[sz]ing|deliberating|speaking\s+(?:to|with)|talking\s+(?:to|with)|in\s+the\s+(?:process|middle|midst)|"
    r"working\s+through|waiting\s+(?:on|for))\b",
    r"\bno\s+(?:final\s+)?decision\s+(?:yet|has\s+been|have\s+been|so\s+far)\b",
    r"\b(?:have\s+not|haven't|has\s+not|hasn't|not)\s+(?:yet\s+)?(?:made|reached|come\s+to|taken)\s+(?:a|our|the|any)\s+"
    r"(?:final\s+)?decision",
    r"\b(?:expect|hope|aim|plan|intend|hoping|expecting|aiming|planning)\s+to\s+(?:make\s+(?:a|our|the)\s+(?:final\s+)?"
    r"decision|decide|reach\s+a\s+decision|have\s+(?:a\s+|an\s+|some\s+|more\s+)?(?:decision|answer|update|news|feedback)|"
    r"be\s+(?:back\s+)?in\s+touch|(?:get|come)\s+back\s+to\s+(?:you|everyone|all)|let\s+you\s+know|update\s+you|"
    r"finali[sz]e|conclude|wrap\s+up)",
    r"\b(?:will|'ll|shall|should)\s+(?:be\s+)?(?:making|make|reach|reaching|have|take|taking)\s+(?:a|our|the)\s+"
    r"(?:final\s+)?decision",
    r"\b(?:decision|process|timeline|recruitment|hiring|selection)\s+(?:has\s+been|is|was|is\s+being)\s+"
    r"(?:delayed|pushed\s+back|postponed|taking\s+longer|on\s+hold|paused)",
    r"\btaking\s+(?:a\s+(?:bit|little)\s+)?longer\s+than\s+(?:expected|planned|anticipated|we)",
    r"\b(?:running|are|we're|is)\s+(?:a\s+(?:bit|little)\s+|slightly\s+)?behind(?:\s+schedule)?\b",
    r"\b(?:thank\s+you|thanks)\s+(?:so\s+much\s+|very\s+much\s+)?for\s+(?:your\s+(?:continued\s+)?patience|"
    r"bearing\s+with\s+us)",
    r"\b(?:will|'ll|shall)\s+(?:be\s+(?:back\s+)?in\s+touch|(?:get|be|come)\s+back\s+to\s+you|revert(?:\s+to\s+you)?|"
    r"let\s+you\s+know|update\s+you|have\s+(?:an\s+update|news|an\s+answer|a\s+decision)(?:\s+for\s+you)?|contact\s+you|"
    r"reach\s+out)\s+"
    r"(?:again\s+)?(?:with\s+(?:a|our|the)\s+(?:final\s+)?(?:decision|answer|outcome)|by|before|within|next|early|"
    r"later\s+this|in\s+the\s+next|this\s+(?:week|month)|at\s+the\s+end|as\s+soon\s+as|in\s+(?:a|one|two|three|\d+)\s+"
    r"(?:few\s+)?(?:days?|weeks?)|(?:on\s+)?(?:mon|tues|wednes|thurs|fri)day|tomorrow)",
    r"\b(?:still|remains?)\s+(?:under\s+(?:review|consideration)|being\s+(?:reviewed|considered)|"
    r"in\s+(?:the\s+)?(?:running|process|consideration))\b",
    r"\bdecision\s+(?:by|early|later|next|this|within|before|in\s+the\s+(?:next|coming))\b(?!\s+(?:e-?mail|phone|post|letter))",
    r"\b(?:you(?:'re|\s+are)|you\s+remain)\s+(?:still\s+)?(?:on\s+(?:our|the)\s+shortlist|in\s+the\s+running|"
    r"a\s+strong\s+contender)",
    r"\bhaven't\s+forgotten\s+(?:about\s+)?you\b",
)
# Said without a time, the answer still to come: a person who writes it is answering, a system is not.
STATUS_WITHOUT_TIME = any_of(
    r"\b(?:will|'ll|shall)\s+(?:be\s+(?:back\s+)?in\s+touch|(?:get|be|come)\s+back\s+to\s+you|revert|let\s+you\s+know|"
    r"keep\s+you\s+(?:posted|updated|informed)|update\s+you)\b",
)
# The employer asking the candidate for something the process needs.
ASKS_FOR = any_of(
    r"\b(?:could|can|would|will)\s+you\b|\bplease\b|\bkindly\b|\bare\s+you\s+able\b|\bwould\s+it\s+be\s+possible\b|"
    r"\bwe(?:'d|\s+would)\s+(?:like|need)\b|\bwe\s+need\b",
)
WANTED = any_of(
    r"\breferences?\b", r"\breferees?\b", r"\bportfolio\b", r"\bwork\s+samples?\b", r"\bsalary\s+expectations?\b",
    r"\bnotice\s+period\b", r"\bright\s+to\s+work\b", r"\bstart\s+date\b", r"\btranscripts?\b",
    r"\b(?:a\s+)?(?:few|couple\s+of)\s+(?:more\s+|follow-up\s+)?questions\b", r"\bbackground\s+check\b",
)
# A courtesy that carries no news: thanks returned, the pleasure of meeting, good wishes, sorry to hear it,
# "noted". Each part of a sentence is read; a sentence made only of these tells the coach nothing.
PLEASANTRY = any_of(
    r"^(?:many\s+|huge\s+|big\s+)?(?:thanks|thank\s+you)\b",
    r"^noted\b",
    r"^(?:it\s+was|it's\s+been|it\s+has\s+been|what|was)?\s*(?:a|an|such\s+a|my|our)?\s*(?:real\s+|great\s+|absolute\s+)?"
    r"(?:pleasure|delight)\b",
    r"^(?:it\s+was\s+|it's\s+been\s+|it\s+has\s+been\s+|so\s+)?(?:really\s+|very\s+)?(?:great|lovely|nice|good|wonderful|"
    r"fantastic|brilliant)\s+(?:to\s+)?(?:meet|meeting|see|seeing|speak|speaking|talk|talking|chat|chatting)\b",
    r"^(?:i|we|the\s+(?:whole\s+)?team|everyone|all\s+of\s+us)\s+(?:(?:all|both|really|also|very\s+much|"
    r"thoroughly|truly)\s+){0,2}enjoyed\b",
    r"^(?:i'm\s+|i\s+am\s+|we're\s+|we\s+are\s+)?(?:so\s+|very\s+|really\s+)?(?:sorry|sad)\s+to\s+(?:hear|read|learn)\b",
    r"^(?:(?:i|we)\s+)?(?:wish(?:ing)?\s+you|all\s+the\s+(?:very\s+)?best|best\s+of\s+luck|good\s+luck)\b",
    r"^(?:the|our)\s+door\s+is\s+(?:always\s+)?open\b",
    r"^(?:i'm\s+|i\s+am\s+|we're\s+|we\s+are\s+)?(?:so\s+|really\s+)?(?:glad|happy|pleased)\s+(?:you\s+enjoyed|to\s+hear|it\s+went)\b",
    r"^(?:i\s+|we\s+)?hope\s+you\s+(?:have|had|enjoy)\b",
    r"^(?:likewise|you\s+too|same\s+here|my\s+pleasure|the\s+pleasure\s+was\s+(?:mine|ours))\b",
)
# Where a sentence's parts meet: its clause breaks, and the dashes written between two thoughts.
_PARTS = re.compile(CLAUSE_BREAK.pattern + r"|\s[\u2013\u2014]\s|\.\s")
# The words that join a part to the one before it: "and good luck with the move".
_JOINED = re.compile(r"^(?:and|also|so|oh)\s+")
# A part that only names whom it speaks to: "Chinedu", "Hi Aoife".
_NAMING = re.compile(r"^(?:(?:hi|hello|dear|hey)\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?$")
# A receipt: the system says it has the message, and nothing of the decision.
RECEIPT = any_of(
    r"\b(?:received|receipt\s+of)\s+(?:your|the)\s+(?:application|email|e-mail|message|note|details|cv|resume|"
    r"submission|documents?|form)\b",
    r"\bthank\s+you\s+for\s+(?:applying|submitting|your\s+application)\b", r"\bwe\s+have\s+received\s+it\b",
    r"\bthis\s+is\s+an\s+(?:automated|automatic)\b",
)
# A condition before a phrase, anywhere in its sentence, takes its meaning away: "if you are not
# successful, we will let you know", "if you have not heard from us, please assume ...".
_CONDITION = re.compile(r"\b(?:if|unless|should\s+you|whether|in\s+case|in\s+the\s+event|once\s+(?:we|you|a|the)|"
                        r"assume)\b")
# Words that deny an offer or an invitation before it in its clause, besides a plain "not": "we are
# unable to offer", "we regret we cannot".
_CANNOT = re.compile(r"\b(?:cannot|unable|regret)\b")
# An invitation to an event that is no interview: an offer call, the first day.
_NOT_A_ROUND = re.compile(r"\b(?:offer|onboarding|induction|first\s+day|welcome|start\s+date|cancel+ed)\b", re.IGNORECASE)

# -- the candidate's words -------------------------------------------------------
# What a thank-you thanks them for: the interview, the meeting, their time.
INTERVIEW_TOPIC = any_of(
    r"\binterview(?:ing|ed|s)?\b", r"\bmeet(?:ing)?\b", r"\bmet\b", r"\bspeak(?:ing)?\b", r"\bspoke\b",
    r"\btalk(?:ing|ed)?\b", r"\bchat(?:ting)?\b", r"\bconversation\b", r"\bdiscussion\b",
    r"\b(?:your|the)\s+(?:valuable\s+)?time\b", r"\btaking\s+(?:the\s+)?time\b", r"\b(?:showing|show)\s+me\b",
    r"\btour\b", r"\b(?:having|hosting|welcoming|seeing)\s+me\b",
    # The interview by what it was: the panel, the session, the exercise.
    r"\b(?:panel|session|critique|workshop|pairing|walk-?through|onsite|on-site|superday|assessment|case\s+study|"
    r"exercise|presentation|visit)\b",
    r"\b(?:opportunity|chance)\s+to\s+(?:interview|meet|speak|talk|discuss|learn|visit|present)\b",
    r"\bfor\s+(?:today|yesterday|this\s+(?:morning|afternoon)|earlier)\b",
    r"\b(?:phone|video|zoom|teams)\s+call\b", r"\bcall\s+(?:today|yesterday|this\s+(?:morning|afternoon)|earlier)\b",
)
# Thanks for something else: the news, the invitation, the reply; or for a round still to come.
THANKS_FOR_OTHER = any_of(
    r"\bfor\s+(?:the|your|this)\s+(?:kind\s+|quick\s+|prompt\s+|speedy\s+)?(?:offer|update|news|invitation|invite|"
    r"reply|response|answer|email|e-mail|message|note|feedback|decision|information|info|details|confirmation|"
    r"reminder|link)\b",
    r"\bfor\s+(?:letting|getting|coming|writing|reaching|following|offering|sending|confirming|keeping|informing|"
    r"responding|replying)\b",
    rf"\b(?:invit\w*|consider\w*|schedul\w*|arrang\w*|look\w*\s+forward|chance|opportunity|offer\w*)\b[^.!?]{{0,40}}"
    rf"\b{_LATER}\s+(?:round|interview|stage)\b",
)
# A sentence that asks, as a follow-up asks where things stand.
ASKING = any_of(
    r"\?", r"\bwonder(?:ing|ed)?\b", r"\bwhether\b", r"\bif\s+(?:there|you|the|a|any|i|it|my|we)\b",
    r"\blet\s+me\s+know\b", r"\b(?:could|would|can)\s+you\b", r"\bcurious\b",
    r"\b(?:wanted|want|like|love|writing|write|hoping|hope)\s+to\s+(?:ask|check|see|find\s+out|enquire|inquire|know|hear|"
    r"follow\s+up|get\s+an?\s+update)\b",
    r"\bany\s+(?:news|update|word|progress)\b",
)
# "Following up on my interview": chasing, even without a question.
FOLLOWING_UP = any_of(
    r"\b(?:follow(?:ing)?\s+up|check(?:ing)?\s+in)\s+(?:on|about|regarding|after)\s+(?:my|our|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:interview|application|conversation|meeting|candidacy|discussion|chat)\b",
    r"\b(?:hoping|hope|wanted|like|keen)\s+to\s+(?:hear|know|find\s+out|learn)\s+(?:back\s+)?(?:about|regarding|on|of)?\s*"
    r"(?:the|my|your)\s+(?:outcome|decision|result|status|progress)\b",
    r"\b(?:appreciate|grateful\s+for|welcome|value)\s+(?:an|any)\s+update\b",
)
LOOKING_FORWARD = any_of(r"\blook(?:ing)?\s+forward\b")
# Meeting still to come the same day: "see you at 2", "looking forward to meeting you this afternoon".
STILL_TO_MEET = any_of(
    r"\bsee\s+you\s+(?:at\s+\d|later|this\s+(?:morning|afternoon|evening)|today|soon|shortly|in\s+a\s+(?:bit|while|few))",
    r"\blook(?:ing)?\s+forward\s+to\s+(?:meeting|seeing|speaking\s+(?:to|with)|talking\s+(?:to|with))\s+you\s+"
    r"(?:later|this\s+(?:morning|afternoon|evening)|today|at\s+\d)",
)
GREETING = any_of(r"^\W*(?:dear|hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening)|greetings)\b")
# What a reply to the employer gives: a time that suits, what they asked for.
ANSWERS = any_of(
    r"\bavailab(?:le|ility)\b", r"\bworks?\s+(?:well\s+)?(?:for|with)\s+me\b", r"\bsuits?\s+me\b",
    r"\bi\s+(?:can|could|will|'ll)\s+(?:do|make|come|attend|join|be\s+there)\b", r"\battach(?:ed|ing)?\b",
    r"\bplease\s+find\b", r"\bhere\s+(?:is|are)\b", r"\breferences?\b", r"\breferees?\b", r"\bconfirm(?:ing)?\b", A_DATE.pattern,
)
# The candidate taking in the employer's news: "thank you for letting me know", "I was sorry to hear".
TAKES_NEWS = any_of(
    r"\b(?:thank(?:s|\s+you)|grateful)\b[^.!?]{0,40}\bfor\s+(?:letting\s+me\s+know|getting\s+back\s+to\s+me|"
    r"the\s+(?:kind\s+|wonderful\s+|great\s+)?(?:news|offer|decision|feedback|update)|your\s+(?:reply|response|offer|decision|feedback|"
    r"kind\s+(?:words|reply|email)))\b",
)
# ... and the bad news itself, which no thank-you for the interview speaks of.
TAKES_REJECTION = any_of(
    r"\b(?:sorry|sad|disappointed)\s+(?:to\s+(?:hear|learn|read)|that)\s+(?:that\s+)?(?:i\b|my\b|the\s+(?:news|outcome|"
    r"decision|role|position|job)|your\s+decision|it\s+didn't|it\s+did\s+not)",
    r"\bdisappointed\s+(?:by|with|about|in)\s+the\s+(?:news|outcome|decision|result)\b",
    r"\b(?:while|although|though|of\s+course)\s+i(?:'m|\s+am|\s+was)?\s+(?:a\s+(?:bit|little)\s+|very\s+)?disappointed\b",
    r"\bnot\s+(?:to\s+have\s+been|being|been)\s+(?:selected|successful|chosen)\b",
    r"\b(?:received|got|had)\s+(?:the|your)\s+(?:news|information|decision|email)\s+that\s+i\s+(?:was|wasn't|had|have)\b",
)
# The words English can hardly be written without: a text with few of them is in another language,
# which these rules cannot read, so a message in it is no answer they can vouch for.
_ENGLISH = frozenset("the a an and or to of in on for with you your we our i my me is are was be it this that will "
                     "would have has at as".split())
# Fewest of a text's words that are those, for it to be read as English (most English mail: a third or more).
_ENGLISH_SHARE = 0.15
# Fewer words than this say too little to tell the language by.
_LANGUAGE_WORDS = 12
# A thank-you written by this day after the interview stays a thank-you, even if it asks about the timeline.
_THANK_YOU_DAYS = 2
# A whole thank-you letter that does not name the interview counts up to this day after it.
_LATE_THANK_YOU_DAYS = 7
# Fewest words of a sentence that says something (not "Thanks!").
_FEWEST_WORDS = 3


@dataclass(frozen=True)
class Verdict:
    """What a message shows: an event kind and its sentence, or why it shows none.

    Attributes
    ----------
    kind : str or None
        An event kind (``thank_you_sent``, ``offer`` ...), or None.
    evidence : str
        The sentence that shows the kind (see :func:`~.reading.evidence`); "" with no kind.
    reason : str or None
        With no kind, the ignored reason (``nothing_to_use``).
    """

    kind: str | None
    evidence: str = ""
    reason: str | None = None


def reads_as_english(text: str) -> bool:
    """Whether a text is in English, as far as its commonest words tell (a short one is given the benefit).

    Examples
    --------
    >>> reads_as_english("Thank you for taking the time to meet with me on Tuesday.")
    True
    >>> reads_as_english("Merci beaucoup pour la rencontre de ce matin, le poste m'intéresse vraiment.")
    False
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _LANGUAGE_WORDS:
        return True
    return sum(word in _ENGLISH for word in words) >= _ENGLISH_SHARE * len(words)


def _nothing() -> Verdict:
    return Verdict(None, "", NOTHING_TO_USE)


def _found(kind: str, sentence: str) -> Verdict:
    return Verdict(kind, evidence(sentence))


def _says(sentence: Sentence, rx: re.Pattern, deniable: bool, conditional: bool = True) -> bool:
    """Whether the sentence says what ``rx`` looks for, and, if ``deniable``, does not deny it.

    ``conditional`` leaves out what a condition before it in the sentence takes
    back ("if you are not successful"); the candidate's questions ("whether a
    decision has been made") are read without it.
    """
    if not sentence.may_match(rx):
        return False
    text = sentence.folded.lower()
    for match in rx.finditer(text):
        if conditional and _CONDITION.search(text[:match.start()]):
            continue
        if deniable and (denied(text, match) or _CANNOT.search(CLAUSE_BREAK.split(text[:match.start()])[-1])):
            continue
        return True
    return False


def _asks_for_something(sentence: Sentence) -> bool:
    return _says(sentence, WANTED, deniable=True) and bool(ASKS_FOR.search(sentence.folded))


def pleasantry(sentence: str) -> bool:
    """Whether a sentence is only a courtesy: every part of it thanks, wishes well or names the reader.

    Examples
    --------
    >>> pleasantry("Sorry to hear that, but thank you for letting us know so promptly.")
    True
    >>> pleasantry("Thanks for checking in - you should hear from us by Friday.")
    False
    """
    parts = [part.strip(" \t.!?,;:-\u2013\u2014\"'") for part in _PARTS.split(sentence)]
    parts = [part for part in parts if part]
    if not parts:
        return False
    return all(_NAMING.match(part) or PLEASANTRY.search(_JOINED.sub("", part.lower())) for part in parts)


def employer_says(text: str) -> tuple[str | None, str | None]:
    """What an employer's words say, as the first of these a sentence shows, and that sentence.

    ``rejection`` first (a rejection often says what it does not offer), then
    ``offer``, ``next_round``, ``status`` (the decision still to come, and
    when), ``asks`` (references, a portfolio), ``status_without_time`` ("we'll
    be in touch"). Returns ``(None, None)`` when no sentence shows any.
    """
    letter = LetterText.read(text)
    looks = (("rejection", REJECTION, False), ("offer", OFFER, True), ("next_round", NEXT_ROUND, True),
             ("status", STATUS, False))
    for name, rx, deniable in looks:
        if (shown := letter.first(_says, rx, deniable)) is not None:
            return name, shown
    if (shown := letter.first(_asks_for_something)) is not None:
        return "asks", shown
    if (shown := letter.first(_says, STATUS_WITHOUT_TIME, True)) is not None:
        return "status_without_time", shown
    return None, None


def _invites(invitation: Invitation | None, interview_day: dt.date) -> bool:
    """Whether a calendar invitation sets up another round: a request, for a day after this interview."""
    if invitation is None or invitation.method not in ("REQUEST", "PUBLISH", ""):
        return False
    if invitation.start is not None and invitation.start <= interview_day:
        return False
    return not _NOT_A_ROUND.search(invitation.summary)


def _calendar_answer(invitation: Invitation | None) -> bool:
    """Whether a calendar part answers an invitation (accepted, declined): the calendar program's, not the candidate's words."""
    return invitation is not None and invitation.method in ("REPLY", "COUNTER")


def still_to_meet(text: str) -> str | None:
    """The sentence that looks forward to meeting later the same day ("See you at 2."), or None.

    Written on the interview's day, it was written before the interview was held.
    """
    return LetterText.read(text).find(STILL_TO_MEET)


def _substance(letter: LetterText) -> list[str]:
    """The sentences that say something: no greeting, no sign-off, nothing of the signature, three words or more."""
    out = []
    for sentence in letter.sentences:
        said = sentence.folded.strip()
        closing = CLOSING.match(said.replace("&", "and"))
        if out and said.endswith(",") and (closing or SIGN_OFF.match(said.replace("&", "and"))):
            # "Thanks & Regards," closes the letter: what follows is the signature (name, title, address).
            break
        if word_count(said) < _FEWEST_WORDS or closing or (SIGN_OFF.match(said) and word_count(said) <= 4):
            continue
        if GREETING.search(said) and word_count(said) <= 6:
            continue
        out.append(sentence.shown)
    return out


def employer_kind(reading: Reading, *, interview_day: dt.date, person: bool, answering: str | None = None,
                  already: Collection[str] = ()) -> Verdict:
    """The event an employer's (or hiring system's) message shows.

    Parameters
    ----------
    reading : Reading
        The message's words (see :func:`~.reading.read_message`).
    interview_day : datetime.date
        The day of the interview it is about: a calendar invitation counts for a later day.
    person : bool
        Written by a person (the interviewer, someone at the company), not a hiring
        system or a no-reply address: a person answering the candidate, or asking them
        for references, is a response; a system saying so is not.
    answering : str, optional
        When the message answers one of the candidate's: that message's kind, or
        ``"candidate"`` when its kind is not known. A person's answer is a response.
    already : collection of str
        The kinds the interview already has (``next_round``), or its application
        (``offer``): the invitation to a round already offered, or to a call about
        the offer, is the employer answering, not a second invitation.
        An offer made again (in writing after a call, with new terms) is an offer:
        the coach logs each one the candidate must answer.

    Returns
    -------
    Verdict
    """
    said, shown = employer_says(reading.text)
    if said is None and reading.forwarded is not None:
        # Someone at the company passing on a colleague's message speaks for the company.
        said, shown = employer_says(reading.forwarded.text)
        if said not in ("rejection", "offer", "next_round", "status"):
            said, shown = None, None
    if said not in ("rejection", "offer", "next_round") and _invites(reading.invitation, interview_day):
        summary = reading.invitation.summary or "an invitation"
        when = f" on {human_date(reading.invitation.start, with_year=True)}" if reading.invitation.start else ""
        said, shown = "next_round", f"Calendar invitation: {summary}{when}"
    if said == "next_round" and ("next_round" in already or "offer" in already):
        # A round already offered, or an offer on the table: a talk about it is the employer answering.
        return _found("employer_response", shown)
    if said in ("rejection", "offer", "next_round", "status"):
        return _found("employer_response" if said == "status" else said, shown)
    letter = LetterText.read(reading.text)
    if not person or letter.find(RECEIPT) is not None:
        return _nothing()
    if said == "asks":
        return _found("employer_response", shown)
    # A thank-you asks nothing: its answer is news only with where things stand by when, or a request.
    if answering == "thank_you_sent":
        return _nothing()
    if said == "status_without_time":
        return _found("employer_response", shown)
    # A person's answer is a response when it says more than a courtesy, and its words can be read: in
    # another language it may be anything.
    said_something = [sentence for sentence in _substance(letter) if not pleasantry(sentence)]
    if answering is not None and said_something and reads_as_english(reading.text):
        return _found("employer_response", said_something[0])
    return _nothing()


# -- the candidate ---------------------------------------------------------------
def _thanks_for_interview(sentence: Sentence) -> bool:
    """Whether a sentence thanks them for the interview (not for the news, nor a round to come)."""
    if not _says(sentence, APPRECIATION, True, False):
        return False
    folded = sentence.folded
    return bool(INTERVIEW_TOPIC.search(folded)) and not THANKS_FOR_OTHER.search(folded)


def _asks_where_things_stand(sentence: Sentence) -> bool:
    """Whether a sentence asks where things stand, as a question (not "I look forward to the next steps")."""
    folded = sentence.folded
    if LOOKING_FORWARD.search(folded):
        return False
    if _says(sentence, FOLLOWING_UP, True, False):
        return True
    status = (_says(sentence, ASKS_STATUS, True, False)
              or (sentence.may_match(ASKS_STATUS_LEMMAS, "lemmas")
                  and any(not denied(sentence.lemmas, m) for m in ASKS_STATUS_LEMMAS.finditer(sentence.lemmas))))
    return bool(status and ASKING.search(folded))


def asks_where_things_stand(text: str) -> bool:
    """Whether a text (a follow-up quoted in the employer's answer) asks where things stand."""
    return LetterText.read(text).first(_asks_where_things_stand) is not None


def _greets(letter: LetterText, interviewer_name: str) -> bool:
    """Whether the letter opens by greeting the interviewer by name ("Dear Ms Lee,")."""
    opening = letter.sentences[0].folded if letter.sentences else ""
    greeting = GREETING.search(opening)
    if greeting is None:
        return False
    # The greeting runs to its comma: "Hi Sam, I met Amara today" greets Sam.
    greeted = re.split(r"[,!:;.]", opening[greeting.start():], maxsplit=1)[0]
    return any(rx.search(greeted) for rx in name_rxs(interviewer_name))


def _whole_thank_you(checked) -> str | None:
    """The appreciation of a whole thank-you letter (appreciation, interest, strengths or the role), or None.

    A letter can thank without naming the interview ("Thank you so much, Amara.")
    and still be the thank-you: the checker finds every other part of one.
    """
    parts = checked.parts
    shown = checked.evidence.get("appreciation")
    if not (parts["appreciation"] and parts["interest"] and (parts["strengths"] or parts["role"])):
        return None
    return None if THANKS_FOR_OTHER.search(shown) else shown


def _reply_evidence(letter: LetterText, substance: list[str]) -> str:
    return letter.find(ANSWERS) or substance[0]


def candidate_kind(reading: Reading, interview: Mapping, *, days_after: int, decided: str | None = None,
                   answering: str | None = None, after: str | None = None, to_employer: bool = True,
                   forwarding: bool = False) -> Verdict:
    """The event a candidate's own message shows, read with the letter checker.

    Parameters
    ----------
    reading : Reading
        The message's words.
    interview : mapping
        ``interviewer_name``, ``role`` and ``company`` of the interview it is about.
    days_after : int
        Days from the interview to the message.
    decided : {"offer", "rejection"}, optional
        The employer's decision, when one came before this message: what follows it is a reply.
    answering : str, optional
        The kind of the employer's message this one answers (``"next_round"``,
        ``"employer_response"``, or ``"employer"`` when it answers the employer
        but what they said is not known).
    after : str, optional
        The kind of the employer's message just before this one, when this one is not
        written as a reply to anything: a message that gives what it asked for (a
        time that suits, a document) still answers it.
    to_employer : bool
        Sent to the interviewer, the company or its hiring system. A message to
        anyone else counts only as a letter to the interviewer (greeting them by name).
    forwarding : bool
        The message forwards another (its subject says "Fwd:"): the candidate passing
        something on, which is no event.

    Returns
    -------
    Verdict
    """
    if forwarding or reading.forwarded is not None or _calendar_answer(reading.invitation):
        return _nothing()
    letter = LetterText.read(reading.text)
    substance = _substance(letter)
    if not substance:
        return _nothing()
    if not to_employer and not _greets(letter, str(interview["interviewer_name"])):
        return _nothing()
    decided = decided or (answering if answering in ("offer", "rejection") else None)
    if decided == "offer":
        checked = check_offer_reply(reading.text, interview=interview)
        return _found("reply_sent", checked.intent_evidence or checked.evidence.get("thanks") or substance[0])
    if decided == "rejection":
        checked = check_rejection_reply(reading.text, interview=interview)
        shown = checked.evidence
        return _found("reply_sent", shown.get("thanks") or shown.get("asks_tips") or shown.get("positive")
                      or substance[0])
    if answering == "next_round":
        return _found("reply_sent", _reply_evidence(letter, substance))
    if (took := letter.find(TAKES_REJECTION)) is not None:
        return _found("reply_sent", took)
    thanks = letter.first(_thanks_for_interview)
    if thanks is None and answering is None and 0 <= days_after <= _LATE_THANK_YOU_DAYS:
        thanks = _whole_thank_you(check_thank_you(reading.text, interview=interview))
    status = letter.first(_asks_where_things_stand)
    if status is None:
        chased = check_follow_up(reading.text)
        if chased.ok and not LOOKING_FORWARD.search(chased.evidence["asks_status"]):
            status = chased.evidence["asks_status"]
    if status is not None and not (thanks is not None and days_after <= _THANK_YOU_DAYS):
        return _found("follow_up_sent", status)
    if thanks is not None:
        return _found("thank_you_sent", thanks)
    if answering is not None:
        return _found("reply_sent", _reply_evidence(letter, substance))
    if after is not None and (gives := letter.find(ANSWERS)) is not None:
        return _found("reply_sent", gives)
    # No reply in form, none just before it in the mailbox, yet it answers news (the rest of the thread not exported).
    if (took := letter.find(TAKES_NEWS)) is not None:
        return _found("reply_sent", took)
    answer = check_offer_reply(reading.text, interview=interview)
    if answer.intent in ("accept", "time"):
        return _found("reply_sent", answer.intent_evidence)
    return _nothing()
