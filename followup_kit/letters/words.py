"""Every phrase the letter checker listens for: word lists and regular expression vocabularies.

Most patterns are plain regular expressions over one sentence, matched on
folded text (accents and curly quotes made plain; see
:func:`followup_kit.letters.reading.fold`). The job and role words are matched
on a sentence's tokens instead (lower case, a trailing s dropped; see
:func:`followup_kit.letters.reading.tokens`), as their comments say. Change a
phrase here and the checker uses it everywhere.
"""

from __future__ import annotations

import re

# A sentence does not end after these: "Dr. Okafor" is one sentence, not two.
# Titles of address are cut short too: "Dear Engr. Bakare", "Dear Pharm. Olatunji", "Capt. Reyes".
ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Rev|Engr|Eng|Pharm|Arch|Atty|Barr|Hon|Capt|Supt|Insp|Cllr|Sgt|"
                          r"e\.g|i\.e|etc|approx)\.$", re.IGNORECASE)
SIGN_OFF = re.compile(r"^\W*[\w' ]{0,30},\s*$")
# The line that closes a letter; what follows it, but for a "P.S.", is the signature.
CLOSING = re.compile(
    r"^(?:(?:with )?(?:kind(?:est)?|best|warm(?:est)?|many) (?:regards|wishes)|regards|best|all the best|"
    r"thanks(?: again| so much| a lot)?|many thanks|(?:with )?thanks and regards|thank you(?: again)?|"
    r"yours(?: sincerely| faithfully| truly| respectfully)?|sincerely(?: yours)?|cheers|take care|warmly|"
    r"respectfully(?: yours)?|cordially(?: yours)?|with (?:respect|best wishes|warm wishes)|"
    r"with (?:gratitude|thanks|appreciation)|speak soon|talk soon)[,.!]?\s*$", re.IGNORECASE)
# A signature line is this short and ends in no full stop: "Rebecca Thornton", "07700 900123",
# "Candidate - Apprentice Paramedic interview, 4 May". A "P.S." is the letter again, however short.
SIGNATURE_LINE_WORDS = 8
POSTSCRIPT = re.compile(r"^\W*p\.?\s?p?\.?s\b", re.IGNORECASE)
# Where quoted text begins: a mail program's "On 3 June, Amara Lee wrote:", a forwarded header.
QUOTE_STARTS = re.compile(r"^(?:on\b.{0,200}\bwrote:|-{2,}\s*original message\s*-{2,}|from:\s|sent from my\b)",
                          re.IGNORECASE)
# A signature's own delimiter: a line of "-- ".
SIGNATURE_ENDS = re.compile(r"^-- ?$")

# -- lemmas --------------------------------------------------------------------
# Contractions written out before a sentence is lemmatised ("I'm" -> "i am", "can't" -> "can not").
# "Couldn't be more excited" says the most there is, so it reads as "be most excited", and "couldn't be
# keener" as "be most keener", which is "be keen".
CONTRACTIONS = tuple((re.compile(p), full) for p, full in (
    (r"\b(?:could|can)(?:n't| not|not) be (?:any )?(more|happier|keener|gladder|prouder)\b", r"be most \1"),
    (r"\bcan't\b|\bcannot\b", "can not"), (r"\bwon't\b", "will not"), (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"), (r"'m\b", " am"), (r"'re\b", " are"), (r"'ve\b", " have"), (r"'ll\b", " will"),
    (r"'d\b", " would"), (r"\bim\b", "i am"),
))
# Words that only grade the adjective after them: "more keen" reads as "keen", as "keener" does.
DEGREE_WORDS = frozenset({"more", "most"})
# Words the lemmatiser leaves as they are or reads wrongly ("gone" as "gan"), and "interesting", which is
# not "interested".
LEMMA_FIXES = {"writing": "write", "following": "follow", "thanking": "thank", "wondering": "wonder",
               "hoping": "hope", "checking": "check", "reaching": "reach", "interesting": "interesting",
               "gone": "go", "longed": "long", "longing": "long"}


def any_of(*patterns: str) -> re.Pattern:
    """One case-insensitive pattern that matches where any of ``patterns`` does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_NUMBER = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
           r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|several|many)")

# "I should be grateful if I might have until Friday" asks; it does not thank.
# Thanks in plainer words too: "cheers for the chat", "ta for letting me know", "I am very thankful to you",
# and as a text message spells it: "thx for letting me know", "thank u chef", "tysm".
THANKS = any_of(r"\bthank(?:s|ing| you| u| ya| yous?| ye)\b", r"\b(?:thx|thanx|thnx|thnks|tnx|tks|tysm|tyvm)\b",
                r"(?<!should be )(?<!would be )(?<!'d be )\b(?:grateful|thankful)\b",
                r"\bgratitude\b", r"\bappreciat(?:e|ed|ion)\b", r"\b(?:cheers|ta) (?:for|very much|a lot)\b")
APPRECIATION = any_of(
    THANKS.pattern,
    r"\b(?:a|real|great) pleasure\b",
    r"\benjoyed (?:meeting|speaking|talking|our|the|learning|hearing|working|it|discussing|getting)\b",
    r"\bvalued (?:learning|the|our|meeting|hearing|speaking)\b",
    r"\bglad (?:i had|to have had|to meet|we met)\b",
)
INTEREST = any_of(
    r"\binterest(?:ed)?\b(?! rates?)",
    r"\bexcited\b", r"\benthusias(?:m|tic)\b", r"\beager\b", r"\bkeen\b", r"\bthrilled\b",
    r"\b(?:would|'d|will)\s+(?:really\s+|very\s+much\s+|very\s+|be\s+(?:very\s+|so\s+|really\s+)?)?"
    r"(?:love|like|glad|happy|delighted|thrilled|proud|honou?red)\s+to\s+"
    # Taking a few days to decide is not taking the job.
    r"(?:join|be|work|contribute|bring|help|take(?!\s+(?:a |some |the |more |another |an )?(?:few |little |bit |of |"
    r"couple |extra |more )*(?:days?|weeks?|time|moment|while|night|weekend)\b)|start|come (?:on board|aboard))\b",
    r"\bdelighted to (?:join|be|work|contribute)\b",
    r"\b(?:would|'d)\s+(?:really\s+|very\s+much\s+)?(?:love|like|want)\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,3}"
    r"(?:job|role|position|opportunity|post|spot|opening|vacancy|gig|"
    r"chance\s+to\s+(?:work|join|be|contribute|bring|help|start|grow|learn|put|apply))\b",
    # Wanting the job itself, not "I wanted to say": "I really want it", "want the cashier job",
    # "I want really to work as line cook".
    r"\bwant(?:ed)?\s+(?:it|this|that)(?:\s+one)?(?:\s+(?:so much|very much|badly|a lot|even more))?\s*(?:[.!,;]|$)",
    r"\bwant(?:ed)?\s+(?:the|this|that|your)\s+(?:[\w-]+\s+){0,3}(?:job|role|position|post|spot|opening|gig)\b",
    r"\bwant\s+(?:really\s+|so\s+much\s+|very\s+much\s+)?to\s+(?:work|join|be part|start)\b",
    # "I am very interesting to work as ..." is a learner's "interested".
    r"\b(?:i am|i'm|im)\s+(?:still\s+|very\s+|so\s+|really\s+|also\s+)*interesting\s+(?:to|in)\b",
    r"\blook(?:ing)? forward to (?:the (?:chance|opportunity|possibility)|working|joining|contributing|being part)\b",
    r"\bexactly (?:what|the (?:kind|sort|type) of \w+) (?:i|i've)\b",
    r"\bcan't wait to (?:start|join|work|get)\b",
    # Keen in the words of speech: "raring to go", "chomping at the bit", "I'd love nothing more than to join".
    r"\braring to (?:go|start|get)\b", r"\bch[oa]mping at the bit\b",
    r"\b(?:would|'d) (?:like|love|want) nothing (?:more|better) than\b",
)
# The same over a sentence's lemmas (see :func:`followup_kit.letters.reading.lemmas`): "I'm even keener"
# is "i be even keen", "I still want very much this job" is "want very much this job".
_ADVERBS = (r"(?:(?:still|very|even|really|so|now|also|all|truly|genuinely|particularly|extremely|super|"
            r"quite|just|definitely|incredibly|much|as|very much|always|already|highly|absolutely|honestly|"
            r"deeply|mad|properly|certainly) )*")
# What a candidate may want, hope for or be set on: the job by any of its names.
_POSTS = (r"(?:job|role|position|post|place|offer|opening|vacancy|opportunity|apprenticeship|traineeship|"
          r"internship|placement|scheme|programme|program|contract)")
# Joining, in the words people use for it: "join", "come on board", "be part of".
_JOINING = r"(?:join|work (?:for|with|at|here|there|in)|start|be (?:a )?part of|become|come (?:on board|aboard))"
INTEREST_LEMMAS = any_of(
    # Keen however it came about: "I am keener", "I left even keener", "I came away more excited".
    rf"\b(?:be|feel|remain|get|grow|stay|make i|leave i|leave|come away|walk away|come out|walk out|end up|"
    rf"(?:go|head|come|drive) home) {_ADVERBS}"
    r"(?:interest|keen|eager|excite|thrill|enthusiastic|motivat\w*|desirous)\b(?! rate)",
    # Keen with the "I am" left out, as notes and speech leave it: "Keen as to get the lifeguard job",
    # "Really excited about the role".
    rf"^(?:[^\w\s]+ )?{_ADVERBS}(?:keen|eager|excite|thrill|enthusiastic|chuff) (?:as )?(?:to (?:{_JOINING}|get|"
    r"be|take|begin|hear back)|about|on (?:the|this|that|your|join|work|be|get)|for (?:the|this|that|your))\b",
    rf"\b(?:be|feel|remain) {_ADVERBS}(?:set|bent|intent|determined) (?:on|to) (?:{_JOINING}|get|work)\b",
    r"\bheart (?:be |have be )?set on\b", r"\bset my heart on\b",
    # Wanting the job in any verb for it: "I desire very much the Sommelier position", "I long for the post".
    rf"\b(?:want|desire|covet|crave|long for|yearn for) (?:(?!to |know |ask |hear |more |information |detail )"
    rf"[a-z]+ ){{0,3}}?(?:this|the|that|your) (?:[a-z-]+ ){{0,3}}?{_POSTS}\b",
    # The job, the place or the team as what the candidate wants: "a training contract at Morgan Price is
    # what I want", "the groundsman's job is just what I'm after", "Maple Ridge is where I want to teach",
    # "it's the kitchen I've wanted for years". Not "that is what I wanted to ask" or "what I want you to know".
    rf"\bbe {_ADVERBS}(?:exactly |precisely )?(?:what|where) i (?:(?:have|be|would|have be) )?{_ADVERBS}"
    r"(?:want|after|look for|hope for|dream of|belong)\b"
    r"(?! (?:you|them|him|her|it)\b| to (?:say|ask|know|check|mention|talk|add|share|tell|thank|make|point|raise|"
    r"clarify|follow|let|discuss|explain)\b)",
    rf"\b(?:{_POSTS}|spot|gig|kitchen|team|place|company|firm|practice|school|workplace|ward|studio) (?:that |which )?"
    rf"i (?:(?:have|had|be|have be) )?{_ADVERBS}(?:want|dream of|hope for|look for|long for)\b"
    r"(?! (?:you|them|him|her)\b| to (?:say|ask|know|check|mention|talk|add|share|tell|thank|make|point|raise|"
    r"clarify|follow|let|discuss|explain)\b)",
    # The job drawing the candidate or fitting them: "the role really excites me", "I'm drawn to the role",
    # "this is the job for me", "the role is a perfect fit for me", "it ticks every box", "it would mean a
    # lot to me"; jumping at the chance: "I'd jump at the chance", "I would relish the opportunity".
    rf"\b(?:{_POSTS}|spot|gig|it|this|the work|the team) {_ADVERBS}(?:excite|thrill|inspire|attract) i\b",
    rf"\bbe {_ADVERBS}draw to (?:the|this|your|that|work|join)\b",
    rf"\bbe {_ADVERBS}(?:the|my) (?:{_POSTS}|spot|gig|place|team|kitchen) for i\b",
    rf"\b(?:{_POSTS}|spot|gig|it|this) (?:would |will )?(?:be|feel|seem|sound) {_ADVERBS}(?:like )?(?:a|the) "
    r"(?:perfect|great|ideal|good|right|natural|brilliant) (?:fit|match) for i\b",
    r"\btick (?:every|all (?:the|my)) box\b",
    r"\b(?:would|will) mean (?:a lot|a great deal|so much|the world|everything) to i\b",
    r"\b(?:jump|leap) at (?:the|this|such an?|any) (?:[a-z]+ )?(?:chance|opportunity)\b",
    r"\b(?:relish|grab|seize) (?:the|this|such an?|any) (?:[a-z]+ )?(?:chance|opportunity) to\b",
    # Hoping for the news that they have it: "fingers crossed I get the porter job", "hoping to hear good news".
    r"\bfinger cross (?:that )?i (?:get|land|be offer|be successful|hear good)\b",
    rf"\bhope {_ADVERBS}(?:to hear|for|i hear|i get) (?:some )?(?:good|positive) news\b",
    # Seeing oneself in the job: "I can see myself being very happy at the Pavilion".
    rf"\b(?:can|could) {_ADVERBS}(?:see|picture|imagine) (?:i|myself) (?:be|work|fit|settle|stay|thrive|grow|"
    r"build|teach|do|spend)\b",
    rf"\bwant to (?:say yes|accept|{_JOINING})\b",
    # ... or to be given it: "I am still very much hoping to be given the chance".
    rf"\bhope {_ADVERBS}(?:to|i|that i) (?:get|be offer|be successful|be choose|be select|land|{_JOINING}|work with|"
    rf"be (?:the|your) (?:new|next)|be (?:give|award|grant) (?:the|a|this|that|your) (?:[a-z]+ )?(?:chance|opportunity|"
    rf"{_POSTS}|spot|gig))\b",
    r"\bmy (?:first|top|number one) choice\b", r"\bover the moon\b",
    r"\bhope (?:we|i) (?:can|could|will|may) work together\b",
    # The job drawing the candidate: "the role appeals to me", "my wish to work in Lynford".
    r"\bappeal to i\b",
    # The job fitting the candidate's life, or being the step they want: "the post would suit me perfectly",
    # "the job is exactly the next step I was looking for", "it would be a dream", "my dream job".
    rf"\b(?:{_POSTS}|spot|gig)(?: (?:at|with|in) (?:the )?[a-z&'-]+)? (?:would |will |could |should )?(?:[a-z]+ )?"
    r"suit i\b",
    rf"\b(?:{_POSTS}|spot|gig) (?:would |will |could )?be {_ADVERBS}(?:exactly |precisely )?(?:the|my|a) "
    r"(?:[a-z-]+ ){0,2}?(?:step|move|dream)\b",
    rf"\bmy dream (?:{_POSTS}|spot|gig|workplace)\b", r"\bwould be a dream\b",
    # Still wanting it, in the words of speech: "I'm still after the porter job".
    rf"\bbe {_ADVERBS}after (?:the|this|that|your) (?:[a-z-]+ ){{0,3}}?(?:{_POSTS}|spot|gig)\b",
    # Wanting the job itself, however strongly: "I'd absolutely love the porter spot", "I would like very
    # much the job", "I'd love to come and work with you", "I'd still like to be considered for it",
    # "I would welcome the chance to take it on", "a job I would love to do".
    rf"\bwould {_ADVERBS}(?:love|like|want) (?:very much |so much )?(?:the|this|that|your) (?:[a-z-]+ ){{0,3}}?"
    rf"(?:{_POSTS}|spot|gig)\b",
    rf"\bwould {_ADVERBS}(?:love|like) to (?:come (?:and |to )?)?{_JOINING}\b",
    rf"\bwould {_ADVERBS}(?:love|like) to be consider\b",
    rf"\bwould {_ADVERBS}welcome (?:the|a|an|any) (?:[a-z]+ )?(?:opportunity|chance) to\b",
    rf"\b(?:{_POSTS}|spot|gig) (?:that |which )?i would {_ADVERBS}(?:love|like) to (?:do|have)\b",
    rf"\bmy (?:[a-z]+ )?(?:wish|desire|ambition|eagerness|keenness|hope) to {_JOINING}",
    r"\bwhere i (?:would |really )?(?:rather|most want to|want to|like to|love to|hope to) (?:be|work)\b",
    r"\bcan not (?:picture|imagine|see) (?:i |myself )?(?:do|work|be)\w* (?:anything|anywhere) else\b",
    # Gladness at the chance itself: "really happy with the chance to join", "excited about the opportunity to work".
    rf"\b(?:happy|glad|please|delight|thrill|excite|proud|honou?r) (?:about|with|at|by) (?:the|this|such an?) "
    rf"(?:chance|opportunity|prospect) (?:to|of) {_JOINING}",
    # Glad or proud to take the job, in any modal and in any words for taking it: "I should be very pleased
    # to join the team", "I would be proud to succeed you as Managing Director", "I'd be honoured to step
    # into the role". Not "I'd be happy to send references" or "glad to answer any questions".
    rf"\b(?:would|should|will) be {_ADVERBS}(?:happy|glad|please|delight|thrill|proud|honou?r|privilege|overjoy|"
    rf"excite) to (?:{_JOINING}|work|accept|succeed|step into|serve|take (?:on|up) (?:the|this|that|your|a)|"
    r"be (?:a|the|your|part)\b)",
    # Wanting it the more for what the candidate saw ("it only made me want it more": the lemmas leave "more"
    # out), said where the clause ends. Not "I want it to be clear", nor "if you want it".
    r"\b(?:i|make i|leave i) (?:(?:still|really|just|only|now|truly|genuinely) )*want (?:it|this one|that one|this|that)"
    r"(?: (?:so much|very much|badly|a lot|even|all the|really|too|as well|still|again|now))*"
    r"(?= ?(?:[.!,;]|$)| (?:and|but|especially)\b)",
    # The chance to join, wanted in any words for joining: "I'd really love the chance to come on board",
    # "I would value the opportunity to work with you".
    rf"\bwould {_ADVERBS}(?:love|like|welcome|relish|value|appreciate|enjoy) (?:the|a|an|any|this) (?:[a-z]+ )?"
    rf"(?:chance|opportunity) to (?:come (?:and |to )?)?(?:{_JOINING}|work|contribute|help|bring|be (?:a|the|your|part))\b",
    # Hoping for the chance to join: "hoping for the opportunity to join you".
    rf"\bhope {_ADVERBS}for (?:the|a|this) (?:[a-z]+ )?(?:chance|opportunity) to (?:{_JOINING}|work)\b",
    # The job as a thing the candidate would value or welcome having: "how much I would value a summer
    # internship at Baxter & Cole". Not "I would like a copy of the job description".
    rf"\bwould {_ADVERBS}(?:value|welcome|relish|love|like|cherish|treasure|jump at) (?:a|an|the|this|that|your) "
    rf"(?:(?!of\b)[a-z-]+ ){{0,3}}?(?:{_POSTS}|spot|gig)\b"
    r"(?! (?:description|spec|specification|advert|title|pack|letter|detail|form|interview)\b)",
    # Wishing or longing to join: "I really wish to be part of your kitchen", "I long to work here".
    rf"\b(?:wish|long|yearn|aspire|itch|ache) to {_JOINING}\b",
    # A yes before any offer: "if it wasn't clear, count me in", "sign me up", "if you'll have me".
    r"\bcount i in\b", r"\bsign i up\b", r"\bif you (?:will|would) (?:still )?have i(?= ?(?:[.!,;]|$))",
    # A learner's "interesting" for "interested", however it is graded: "I am still very much interesting in the job".
    rf"\bi be {_ADVERBS}interesting (?:in|to|for)\b",
)
# An open question earlier in its clause leaves interest undecided: "I'm still weighing up whether a move back
# into a contractor's office is really what I want", "I can't decide if the role is what I'm after". Matched on
# a sentence as folded and as lemmas. A condition after the interest ("I'd love to join if you'll have me") asks
# nothing, and neither does an "if" that opens the clause ("if offered the job I would be thrilled to join").
UNDECIDED = re.compile(r"\bwhether\b|\b(?:know|sure|certain|decide|deciding|wonder|wondering|weigh|weighing|"
                       r"ask myself|ask i|asking myself|unsure) if\b")
# Interest followed by these is in some other job: "I'd love to be considered for that one instead", "for that
# post when it is advertised".
ANOTHER_JOB_AFTER = re.compile(r"\binstead\b(?! of)|\b(?:when|once|if) it (?:is |be |get |gets |'s )?"
                               r"(?:advertis|post|list|open|live|go live|come up)\w*\b")
# Joining an employer by a name that is not this one's: "excited about the prospect of joining Harland & Co"
# in a letter to Brightwater Events (matched as written, so the name keeps its capital).
JOINING_NAMED = re.compile(r"\bjoin(?:ing)?\s+(?:the\s+)?([A-Z][\w'&-]*)")
NOT_A_NAME = frozenset({"i", "you", "your", "the", "team", "us", "them", "as", "in", "on", "with", "and", "my", "our"})
# In a clause that has named another employer, "that opportunity" is theirs: "I'm in the final stage with
# another company and I'm really excited about that opportunity".
ANOTHER_EMPLOYER = re.compile(r"\b(?:another|other|a different) (?:company|employer|firm|organi[sz]ation|business|"
                              r"agency|practice|school|hospital|offer)\b")
# What a span of time was spent on when it is not experience: "three months looking for work".
_NOT_EXPERIENCE = (r"(?!\s+(?:of\s+)?(?:looking|searching|applying|job[ -]hunting|unemployed|out of work|"
                   r"off|commuting|travell?ing|waiting|between jobs|at home|on benefits)\b)")
# What follows "good with" or "quick at" when it is availability, not a skill: "good with any time".
_NOT_SKILL = (r"(?!\s+(?:early |late |short |long )?(?:any|either|both|whatever|whichever|whenever|all|"
              r"it|that|this|say(?:ing)?|"
              r"(?:the |that |this |my )?(?:time|date|day|slot|meeting|interview|plan|salary|pay|hour|commute|"
              r"travel|term|offer|start|arrangement|location|rota|contract|package)s?\b|"
              r"\w+day|mornings?|afternoons?|evenings?|weekends?|weekdays?|nights?|next|tomorrow|"
              r"today|short notice|\d)\b)")
STRENGTHS = any_of(
    r"\bmy (?:[\w'-]+\s+){0,3}?(?:experience|background|skills?|strengths?|expertise|qualifications?|"
    r"track record|degree|doctorate|phd|master's|masters|certificat\w*|certification|charter|"
    r"training|portfolio|knowledge|diploma|licen[cs]e|cert|nvq|btec|level \d+)\b",
    rf"\b{_NUMBER}\+? (?:full |more )?(?:years?|yrs?)\b{_NOT_EXPERIENCE}",
    # Time spent in a job or a placement, as the candidate's own: "my eighteen months on an acute unit",
    # "during my final placement in Oldham", "my placement year valuing farmland".
    r"\bmy (?:[\w-]+ ){0,2}?(?:years?|months?|summers?|seasons?|decades?|placement|internship|apprenticeship|"
    r"traineeship|residency|rotation|secondment)(?: year)? (?:of|as|in|at|on|with|for|\w+ing)\b",
    # A span of work however it is counted: "for six seasons", "a year's experience".
    rf"\b(?:for|over) (?:the (?:last|past) )?(?:about |nearly |almost |over |more than )?{_NUMBER}\+? "
    rf"(?:seasons?|summers?|winters?|terms?)\b{_NOT_EXPERIENCE}",
    rf"\b(?:for|over) the (?:last|past) (?:about |nearly |almost |over |more than )?{_NUMBER}\+? "
    rf"months?\b{_NOT_EXPERIENCE}",
    rf"\b(?:a|one|{_NUMBER}) (?:years?|months?)(?:'s|s'|s)? (?:of )?(?:experience|practice)\b",
    # A result measured from one figure to another, as written: "took the store from the bottom third to the
    # top five", "which took her Instagram from a few hundred followers to 12,000", "lifted completion from
    # 54% to 73%". Not a date moved "from the 1st to the 15th".
    r"\b(?:took|taken|take|taking|turned|brought|got|grew|grown|lifted|cut|doubled|tripled|halved|raised|"
    r"boosted|increased|reduced|dropped|pushed|improved|moved)\b[^.?!]{0,80}? from [^.?!]{1,60}? to "
    r"(?:the |a |just |around |about |under |over |less than |more than )?(?:top|bottom|best|first place|"
    r"\d[\d,.]*\s?(?:%|k\b|m\b|percent|per cent)|\d{1,3},\d{3}|\d{3,}|[\u00a3$\u20ac]\s?\d)",
    r"\bi(?: have| had|'ve| also)? (?:led|built|managed(?! to)|ran(?! late| out)|run(?! late| out)|designed|"
    r"delivered|shipped|grew(?! up)|"
    r"migrated|developed|launched|trained|supervised|created|automated|reduced|increased|improved|"
    r"handled|maintained|founded|organi[sz]ed|coordinated|taught|mentored|negotiated|published|"
    r"look after|looked after|worked (?:the|on|as|in|at|with)|hold(?! you| on| off| out)|speak|"
    r"am (?:fluent|certified|qualified|comfortable|experienced|skilled|proficient|fast|used to))\b",
    r"\b(?:strong|ideal|good|great|excellent) (?:candidate|fit|match)\b",
    r"\b(?:i|what i) (?:would|could|can|will) bring\b",
    r"\bi (?:also )?bring (?!(?:my |the |a )?(?:cv|references?|passport|documents?|id|certificates?|paperwork)\b)",
    # What the candidate is, trained: "As a qualified chef", "I'm a trained barista".
    r"\b(?:as|i am|i'm|im) (?:a|an) (?:fully |newly |recently )?(?:qualified|trained|certified|registered|licensed|"
    r"experienced|chartered|accredited|time-served|skilled)\b",
    # The scale of the work: "washed up for 300 covers a night", "practicals for up to 200 first-years".
    r"\b(?:for|of|to|with|serving|feeding) (?:up to |over |around |about |more than |nearly )?(?:\d{2,}|\d{1,3},\d{3})\+? "
    r"(?:[\w-]+ )?(?:covers|customers|patients|clients|children|kids|pupils|students|staff|people|residents|guests|"
    r"users|families|members|volunteers|orders|calls|tickets|accounts|sites|vehicles|beds|first-years|diners)\b",
    r"\b(?:at|in) my (?:last|previous|current|former|old) [\w'-]+",
    # What the candidate has done, said as a clause of its own: "Having taken Harcourt Dairies through a comparable
    # refinancing", "having steered Dunmore Press through its move to digital". Not "having met the team".
    r"\bhaving (?:also |successfully |recently |previously |personally |already |since )?(?:led|run|managed|built|"
    r"steered|taken [\w'&-]+(?: [\w'&-]+){0,2} through|delivered|grown|launched|trained|supervised|overseen|handled|"
    rf"spent (?:the )?(?:last |past )?{_NUMBER} (?:years?|months?|seasons?|summers?)|completed|qualified|"
    r"worked (?:as|at|in|on|for|with)|taught|developed|designed|shipped|founded|coached|mentored|restructured|"
    r"turned around|doubled|negotiated|secured|won|passed|earned|chaired|audited|implemented)\b",
    # Experience told plainly: "I did two summers at a juice bar", "I spent three seasons on the tills".
    rf"\bi(?: have|'ve)? (?:did|done|spent|worked|had)\s+(?:[\w-]+\s+){{0,2}}?{_NUMBER}\s+"
    rf"(?:summers?|seasons?|months?|mths?|years?|yrs?|shifts?|terms?)\b{_NOT_EXPERIENCE}",
    # Ability told plainly: "I can cook for 200", "I'm quick on the scanner", "im good with money".
    # Not "I can make it on Tuesday", "I can do any day" or "I can use the bus": those are logistics.
    r"\bi can (?:speak|cook|drive|lift|code|program|write|operate|repair|fix|type|read|"
    r"teach|sell|design|build|handle|lead|manage|run)\b",
    r"\b(?:i am|i'm|im) (?:also |very |really |pretty |quite )?(?:quick|fast|good|great|confident|"
    rf"reliable|strong|experienced|skilled|handy|trained) (?:on|at|with|in|teaching|using|working)\b{_NOT_SKILL}",
)
# Strengths over lemmas: "I completed my ALS course", "I have been part of the arrest team",
# "my years running the holiday club".
STRENGTHS_LEMMAS = any_of(
    # What the candidate did, in any tense: "I've already passed four of my exams", "I have been
    # rebuilding an old Corsa", "I currently look after four clients", "we ran a pricing experiment".
    r"\bi (?:(?:have|have be|also|recently|just|already|successfully|now|since|previously|currently|"
    r"personally|then|even|often|regularly|once|single-handedly) )*"
    r"(?:complete|finish|pass|earn|gain|obtain|achieve|qualify|lead|build(?! up the courage)|rebuild|"
    r"manage(?! to)|run(?! late| out| through| over| into| across| around)|design|deliver|ship|grow(?! up)|"
    r"migrate|develop|launch|train|supervise|create|automate|reduce|increase|improve|handle|maintain|organise|"
    r"organize|coordinate|teach|mentor|negotiate|publish|prepare(?! for| to)|look after|carry(?! on)|serve|"
    r"process|oversee|land(?! on| in| at| back| tomorrow| tonight| next)|volunteer|install|repair|restore|"
    r"care for|coach|tutor|sell|secure|win|double(?! -| check)|triple|treble|halve|streamline|implement|"
    r"chair|audit|hold(?! you| on| off| out)|co-write|co-author)\b",
    r"\bi have be (?:part of|in charge of|responsible for)\b", r"\bi have do my\b",
    r"\bi (?:have )?(?:also )?be work (?:as|at|in|on|with|for|alongside)\b",
    rf"\bmy (?:{_NUMBER} )?(?:[a-z-]+ )?year (?:of|as|in|at|run|work|lead|manage|teach|look)\b",
    # An award or grade: "I got a merit in my Level 2", "I won an award for it".
    r"\bi (?:also )?(?:get|win|receive|earn|gain|achieve|be award) (?:a|an|my) (?:[a-z0-9:-]+ )?"
    r"(?:merit|distinction|first|award|prize|scholarship|commendation)\b",
    # What the candidate is good at or used to: "I'm comfortable on a busy bar", "I'm used to tight deadlines".
    r"\bi be (?:also |very |really |pretty |quite |fully |totally )?(?:comfortable|familiar|fluent|proficient|"
    r"competent|capable|use(?:d)?|confident|experienced|skilled|trained|certified|qualified) "
    rf"(?:on|at|with|in|to|use|work|around|under|speak|handle|drive|operate|teach|run|lead|manage)\b{_NOT_SKILL}",
)
DESPERATE = (
    (r"\bjust (?:checking|touching base|wanted to check) in\b", "just checking in"),
    (r"(?<!grateful for )(?<!appreciate )(?<!welcome )(?<!thankful for )\bany updates?\b", "any update"),
    (r"\bplease,?\s+please\b", "please please"),
    (r"\bdesperate(?:ly)?\b", "desperate"),
    (r"\b(?:(?:really|truly|so),?\s+)+need (?:this|the|a) (?:job|role|position|work)\b", "I really need this job"),
    (r"\bbeg(?:ging)?\b", "begging"),
    (r"\bi'?(?:ll| will) do anything\b", "I'll do anything"),
    (r"\banything at all\b", "anything at all"),
)
PRESSURE = (
    (r"\bas soon as (?:possible|you can)\b|\basap\b", "as soon as possible"),
    (r"\burgent(?:ly)?\b|\bimmediately\b", "urgent"),
    (r"\b(?:need|expect|require|want)\b[^.?!;]*\b(?:by|before|within)\s+(?:tomorrow|tonight|today|"
     r"the end of|end of|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+ (?:hours|days))",
     "a deadline for them"),
    (r"\bother (?:job )?offers?\b", "mentioning other offers"),
    (r"\byou (?:said|promised|told me)\b[^.?!]*\bwould\b", "holding them to what they said"),
    (r"\b(?:still )?(?:haven't|have not|hasn't|not) (?:yet )?heard (?:back|anything)\b", "still haven't heard back"),
    (r"\botherwise i(?:'ll| will)\b", "an ultimatum"),
)
HOSTILE = (
    r"\bunfair(?:ly)?\b", r"\bwaste of (?:my|our|everyone's) time\b", r"\bmistake\b", r"\breconsider\b",
    r"\bridiculous\b", r"\bunprofessional\b", r"\binsult(?:ing|ed)?\b", r"\bfurious\b", r"\bangry\b",
    r"\bshocked\b", r"\bjoke\b",
    # Polite words that still reproach: surprise at the decision, time spent "only to" be turned
    # down, and the barbed wish that "whoever you have chosen lives up to your expectations".
    r"\b(?:surprised|baffled|puzzled|stunned|astonished) (?:(?:by|at|with|to (?:hear|learn|receive|get)) "
    r"(?:the |your |this |that |such a |a )?(?:outcome|decision|result|news|rejection|choice))\b",
    r"\bonly to (?:receive|get|be (?:told|rejected|turned down))\b",
    r"\blives? up to (?:your|the|their) expectations\b", r"\bso much of my time\b",
    r"\byour loss\b", r"\bgood luck (?:finding|replacing|with that)\b",
)
# Thanks or good wishes said to mean the opposite: the thing thanked for in scare quotes ('thanks for the
# "interview"', 'good luck with your "restructure"'), thanks for nothing, for finally doing it or for
# taking months, good luck that "you'll need". Such a sentence neither thanks nor stays positive.
SARCASM = (
    r"\b(?:the|your|this|that|our|an?) \"(?-i:[a-z][a-z' -]{0,24})\"",
    r"\bthanks? (?:you )?for nothing\b", r"\bthank(?:s| you)\b[^.?!]{0,20}\bfor finally\b",
    r"\bkeeping me waiting\b",
    r"\bthank(?:s| you)\b[^.?!]{0,30}\btaking (?:(?:\w+ ){1,2}(?:weeks|months)|so long|forever|ages)\b",
    r"\bthank(?:s| you)\b[^.?!]{0,40}\bafter (?:\w+ ){0,2}(?:weeks|months)\b",
    r"\bluck\b[^.?!]{0,40}\byou'?(?:ll| will) need it\b", r"\bwhat a (?:great|good|brilliant|fantastic) use of my\b",
)
SARCASM_RX = any_of(*SARCASM)
HOSTILE_RX = any_of(*HOSTILE)
POSITIVE = any_of(
    r"\benjoyed\b", r"\b(?:a|real|great) pleasure\b", r"\bglad\b",
    r"\bwish (?:you|the|everyone|your|\w+ and the team)\b", r"\ball the best\b(?!,\s*$)",
    r"\b(?:best of|good) luck\b", r"\bpaths cross\b", r"\b(?:stay|keep) in touch\b",
    r"\b(?:future|other|upcoming) (?:openings|opportunities|roles|vacancies|positions)\b",
    r"\bkeep me in mind\b", r"\blearn(?:ed|t) (?:a lot|a great deal|so much)\b",
    r"\bvalued (?:the|our|meeting|learning)\b", r"\bhope to (?:work|apply|meet)\b",
    # "I understand", "completely understandable"; not "difficult to understand", "I hope you
    # understand the position this puts me in", "as I understand it".
    r"(?<!as )\b(?:i|we) (?:\w+ )?understand\b(?! the (?:difficult|position))", r"\bunderstandable\b",
    r"\bcongratulations\b",
    # Taking the news gracefully: "no worries at all, these things happen", "I'm sure you picked someone great".
    r"\bno (?:worries|hard feelings|problem at all)\b", r"\b(?:these|such) things happen\b",
    r"\b(?:i'm|i am) sure (?:you|they|the team) (?:picked|chose|made|found|hired|have (?:picked|chosen|found|made))\b",
    r"\b(?:completely|totally|fully) (?:get it|fair|makes sense)\b",
)
# A positive tone over lemmas, as a coach hears it: a good wish however it is put ("wishing you and the
# clinic every success", "best wishes to the team"), a wish to be kept in mind or to try again with them
# later, respect for them, the decision taken well, and goodwill to whoever got the job.
POSITIVE_LEMMAS = any_of(
    r"\bwish (?:you|the|everyone|your|all)\b", r"\b(?:best|good) wish (?:to|for) (?:you|the|your|everyone|all)\b",
    r"\bwish\b[^.?!]{0,40}\b(?:success|well|luck|the best|height)\b",
    r"\bkeep (?:i |my (?:name|cv|detail|application) )?in mind\b",
    r"\b(?:like|love|hope|want|plan|intend|keen|happy|glad)\b[^.?!]{0,30}\b(?:apply|work|be consider|"
    r"be in the running|try|meet)\b[^.?!]{0,40}\b(?:again|one day|in (?:the )?future|next time|someday|"
    r"next year|later on)\b",
    r"\b(?:respect|admiration|admirer) (?:for|of)\b",
    r"\b(?:accept|respect|take|understand) (?:the|your|this|that) (?:decision|news|outcome)\b",
    r"\bi be sure (?:whoever|whomever|the (?:[a-z]+ )?(?:person|candidate|applicant|hire))\b",
    r"\bhope (?:the|your) (?:new|successful)\b",
    # Taking it on the chin: "Gutted, obviously, but I get it", "fair enough", "fair play to whoever got it".
    r"\bi (?:(?:totally|completely|fully|do|honestly|really) )?get it\b", r"\bfair (?:enough|play)\b",
    r"\b(?:lovely|great|nice|good|wonderful|a joy|a treat) (?:to meet|meet|to talk|talk|to speak|speak|to chat|chat)\b",
    # Looking out for the next chance with them, or saying they will try again: "I'll keep an eye out for
    # Christmas temp roles", "I'll keep an eye on your careers page", "I'll definitely apply again".
    r"\b(?:keep (?:a|my) eye (?:out |open )?(?:for|on)|look out for|watch out for|be on the lookout for|keep look out "
    r"for)\b[^.?!]{0,40}?\b(?:role|job|vacancy|opening|position|post|opportunity|advert|shift|chance|career|website|"
    r"page|listing)\b",
    r"\b(?:will|would|shall|be go to|plan to|hope to|intend to) (?:definitely |certainly |surely |happily )?"
    r"(?:apply again|reapply|try again)\b",
)
TIPS = any_of(
    r"\bfeedback\b", r"\btips?\b", r"\badvice\b", r"\bpointers\b", r"\bsuggestions?\b",
    r"\bwhat i (?:could|can|should|might) (?:do|have done) (?:better|differently)\b",
    r"\b(?:improve|develop|work on|strengthen)\b", r"\bwhat i did wrong\b",
)
# What was missing, asked for over lemmas: "in which points my profile was not strong enough",
# "what exactly was it that I was missing", "which criteria I was judged not to meet".
TIPS_LEMMAS = any_of(
    r"\b(?:what|which|why|where)\b[^.?!]{0,80}?\b(?:miss|lack|wrong|weak|short|criteria|criterion|"
    r"improve|differently|not (?:strong|good|meet|enough|right|ready|successful|select|choose))\b",
    r"\b(?:my|the|any) (?:interview )?score\b",
    # What I could have done better, however it is put ("what I could've done better"; "better" reads "good"),
    # what decided it ("what swung it", "the deciding factor"), where I fell down, and what the other
    # candidate had that I did not.
    r"\bwhat i (?:could|can|should|might|would|need to|ought to) (?:have )?(?:do|change|work on) "
    r"(?:good|differently|well)\b",
    r"\bwhat (?:could|can|should|might) i (?:have )?(?:do|change|work on) (?:good|differently|well)\b",
    r"\bhow i (?:come across|do|perform|could improve|compare|fare|get on)\b",
    r"\b(?:view|thought|comment|note|impression|opinion)s? on (?:my|how i)\b",
    r"\bwhat (?:swing|tip|clinch|sway|decide|settle) (?:it|the decision|things)\b",
    r"\b(?:decide|decisive|decid|decision) factor\b", r"\bwhat make the difference\b",
    r"\bwhere i (?:fall|go|come) (?:down|short|wrong)\b", r"\bwhere i let (?:myself|i) down\b",
    r"\bwhat (?:[a-z]+ ){0,3}?(?:the other|the successful|the chosen|they|he|she) (?:[a-z]+ )?"
    r"(?:have|do|bring|offer|show) that i\b",
    # What could have gone better, however the question opens ("anything you reckon I could've done better"), what to
    # brush up on, and anything to do for the next time: "Is there anything I should brush up on before the next
    # one?", "anything from the panel's discussion that I could take into future interviews", "what I should
    # improve for the next time". Not "what date the next round opens".
    r"\bi (?:could|can|should|might|would|need to|ought to) (?:have )?(?:do|handle|answer|prepare|present|approach|"
    r"explain|pitch|say)\w* (?:good|differently|well)\b",
    r"\b(?:brush up|polish up|sharpen up|read up|focus on|work hard on|get good at|swot up|bone up)\b",
    r"\b(?:anything|something|what|where|how)\b(?! (?:time|date|day)\b)[^.?!]{0,60}?\b(?:for|into|in|before|at|next) "
    r"(?:the |my |any |a |an )?(?:next|future|another|later) (?:time|interview|one|round|application|attempt|"
    r"opportunit|role|job)",
)
ASKING = any_of(
    r"\?", r"\b(?:would|could|can|do|might|will) you\b",
    r"\bi(?:'d| would) (?:(?:still|really|so|also|very much|just|genuinely|truly) )*(?:like|want|love) to "
    r"(?:know|hear|understand|learn)\b",
    r"\bplease,? (?:send|share|tell|let me know|give|could)\b", r"\bmay i ask\b",
    r"\bif you (?:have|had|could|can|are|give|tell|send|share)\b", r"\bif possible\b",
    # A wish however it is graded: "I'd also welcome twenty minutes with you", "I would really appreciate".
    r"\bshould you\b", r"\bi(?:'d| would) (?:(?:also|really|very much|greatly|genuinely|truly|so|still|just|certainly|"
    r"much|especially) )*(?:be (?:(?:very|most|really|so|extremely|truly) )?grateful|welcome|value|appreciate|"
    r"love to hear)\b",
    r"\bi (?:will|shall|should) be (?:very |most |really )?grateful\b",
    # A request made plainly, or as a demand: "Tell me what I should have done differently", "I expect a
    # full explanation of why I was unsuccessful".
    r"^\W*(?:please )?(?:tell|show|give|send) me\b",
    r"\bi (?:expect|demand|request|want|ask for) (?:a|an|some|the) (?:full |proper |clear |honest )?"
    r"(?:explanation|answer|reason|breakdown|account)\b",
    r"\bany\b",
)
REINTRODUCTION_CI = any_of(
    r"\bmy name is\b", r"\bi (?:interviewed|had an interview|was interviewed|met with you|came in for|spoke with you)\b",
    # "I had attended the interview for the post", "I did the interview and the model cut with you".
    r"\bi (?:had|have had|'ve had|attended|did|sat|took|have attended|had attended|'ve attended) "
    r"(?:the|a|an|my|our|your) (?!(?:another|other|second|new) )(?:[\w-]+ ){0,4}?interview\b",
    r"\bwho interviewed\b", r"\bwe (?:met|spoke|talked)\b", r"\byou interviewed me\b",
)
# Case matters here: "I'm Carla" introduces someone, "I'm writing" does not. A sentence may open with the
# name in other Englishes: "Nathan Reilly here", "Myself Kavya Reddy", "Is Ana Ribeiro, I did the interview",
# "Its Connor Hughes" (a full name then, so "Is Monday all right" is not one).
REINTRODUCTION_CASED = re.compile(
    r"\b(?:[Tt]his is|[Ii]t's|[Ii]t is|I am|I'm)\s+[A-Z][\w'-]+|"
    r"^\W*(?:(?:[Ii]t'?s|[Tt]his is)\s+)?(?!(?:Just|Also|Attached|Enclosed|Included|Still|Back|Right|Everyone|"
    r"Nobody|Someone|Somebody|More|All|Hi|Hello|Hey|Dear|Thanks|Cheers|Here|Details|Info)\b)"
    r"[A-Z][\w'-]+\s+[A-Z][\w'-]+\s+here\b|"
    r"^\W*(?:Myself|Is|Its|ITS)\s+[A-Z][\w'-]+\s+[A-Z][\w'-]+(?=\s*(?:[,.;:!]|-|\u2013|\band\b|$))|"
    # "my name Tomasz Wisniewski", the "is" left out.
    r"\b[Mm]y name\s+[A-Z][\w'-]+\s+[A-Z][\w'-]+")
# Reminding them of the interview over lemmas: "I came in last Monday for the scaffolders job", "I was in
# Tuesday for the Admin Assistant job", "I was in with you on the 2nd", "I had attended the interview for
# the post", "I did the interview and the model cut with you", "since my final-stage interview with you".
REINTRODUCTION_LEMMAS = any_of(
    r"\bi (?:be (?:in|over|round|by)|come (?:in|over|round|along|down|out|up|by|to)|pop (?:in|over|round|by)|"
    r"drop (?:in|by))\b(?: (?!for\b)[a-z0-9]+){0,5}? (?:for|about) (?:the|an|a|my|our|your) "
    r"(?:(?!before |after |since |until )[a-z0-9-]+ ){0,3}?(?:interview|chat|meeting|trial|job|role|position|post|"
    r"assessment|shift|vacancy)\b",
    r"\bi be in with you\b", r"\bi be (?:at|on|in for) (?:the |an |a |my |your )?(?:[a-z-]+ )?interview\b",
    # Seen at a trial rather than an interview: "I trialled for the sous chef job", "I did the trial shift with you".
    r"\bi (?:trial|audition|shadow)(?: shift)? (?:with you )?for (?:the|your|a|an) (?:[a-z-]+ ){0,3}?(?:job|role|"
    r"position|post|shift|vacancy|place|spot|part)\b",
    r"\bi do (?:a|the|my) (?:trial|test|assessment|practical)(?: shift| day)? with you\b",
    r"\bi come (?:in |over |along |round |by |down )?(?:for|to) (?:the|an|a|my|your) (?:[a-z0-9-]+ ){0,3}?"
    r"(?:interview|chat|meeting|trial|assessment)\b",
    r"\b(?:my|our) (?:[a-z0-9-]+ ){0,3}?interview (?:with you|on|last|for the)\b",
)
REASON = any_of(
    r"\b(?:i am|i'm|am) (?:writing|calling|contacting|emailing|reaching out|getting in touch|following up|ringing)\b",
    r"\bi (?:wanted|want|would like|'d like) to (?:follow up|ask|check|enquire|inquire|find out|see|know)\b",
    r"\bi (?:thought|figured) i(?:'d| would| should| might) (?:check|ask|follow up|get in touch|write|"
    r"drop you a line|reach out|touch base|see)\b",
    r"\bthe reason i\b", r"\breaching out\b", r"\bfollowing up on\b", r"\bto follow up\b",
    r"\bcontacting you (?:again )?(?:about|regarding|because|to)\b",
)
# The reason for writing, over lemmas: "just following up", "I write to follow about the interview",
# "I am just writing for follow up", "I am writing you after our meeting".
REASON_LEMMAS = any_of(
    r"\b(?:just |i |be |am )follow up\b", r"^follow up\b",
    r"\b(?:i|be) (?:just |only |simply )?write (?:to|for|about|regarding|because|after|as|you|again|in)\b",
    r"\b(?:get|be) in touch (?:about|to|regarding|because|after|again)\b", r"\btouch base\b",
    r"\bcheck in (?:on|about|to|regarding|with|as|because|since|after)\b",
    # "Just thought I'd check in", "I'd like to ask", "I simply wanted to keep in touch".
    r"\b(?:think|thought) i (?:would|should|might) (?:check|ask|follow up|get in touch|write|drop you a line|"
    r"reach out|touch base|see|enquire|inquire)\b",
    r"\bi (?:just |simply |only |also )?(?:want|would like|would love) to (?:follow up|ask|check|enquire|inquire|"
    r"find out|see|know|stay in touch|keep in touch|let you know|update you|share|tell you)\b",
    # Checking or following up, however it is put: "so just checking whether it's still open", "I thought
    # to write and follow up regarding the same".
    r"\b(?:just|only|i be|be|so) check (?:whether|if|on|to see|about|back|how|where)\b",
    r"\b(?:and|to) follow up (?:on|regard|about|with|after|re|as|because)\b",
    r"\b(?:think|thought) to (?:write|check|ask|follow up|get in touch|drop you a line|reach out|touch base|"
    r"enquire|inquire)\b",
    # Chasing, said plainly: "I'm just chasing up my application", "I hope you don't mind me chasing".
    r"\b(?:be |just |i |to )chase (?:up|this|my|the|it|after)\b", r"\bmind (?:i|my) chase\b",
    # Saying what the letter is for, in more words for it: "I wish to politely enquire", "I would like to kindly
    # ask", "I just thought I'd give you a shout", "I'm dropping you a quick note", "bit of a heads up".
    r"\bi (?:just |simply |only |also |therefore |now )?(?:wish|want|would like|would love|be write|write) to "
    r"(?:(?:kindly|politely|humbly|respectfully|briefly|quickly|gently|just) )?(?:follow up|ask|enquire|inquire|check|"
    r"find out|remind|update you|let you know|request)\b",
    r"\b(?:give|drop|send|fire|shoot) you (?:a |an )?(?:quick |short |brief |little )?(?:shout|call|ring|buzz|bell|"
    r"line|note|nudge|email|message|text|update)\b",
    r"\b(?:a|quick|just a|bit of a) heads?[ -]up\b",
)
# A reason for writing now, as a coach hears it, when the letter does not say "I'm writing to ...". First the
# wait. The employer's own time recalled: "you said I'd have an answer within a week", "you told me you will
# phone me in few days", "in your mail you indicated that candidates would be contacted on or before the 13th",
# "the date you mentioned", "the result was expected within 10 days"; the time since: "it's now been almost
# three weeks", "now is two weeks", "here we are into November". Over lemmas.
_WHEN = (r"(?:day|week|month|fortnight|weekend|year|end|middle|mid|start|beginning|close|tomorrow|today|"
         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
         r"august|september|october|november|december|christmas|easter|summer|autumn|spring|winter|term|"
         rf"\d+\w*|{_NUMBER})\b")
_BY_WHEN = (rf"\b(?:by|within|in|on|until|till|before|after|on or before|at the end of|end of|this|next|last|that) "
            rf"(?:the |a |this |next |last |that |mid-?)?(?:[a-z0-9-]+ ){{0,2}}?{_WHEN}")
WAITED_LEMMAS = any_of(
    r"\b(?:you|they|she|he|the (?:panel|team|board|committee|recruiter|manager|office)|your (?:email|mail|letter|message|"
    r"note|colleague|recruiter|team|office))(?: have| had| would| do)? (?:also |kindly |only |actually |originally )?"
    r"(?:say|tell|mention|indicate|inform|promise|reckon|expect|hope|note|advise|state|write|estimate|explain|suggest|"
    rf"let i know)\b[^.?!]{{0,80}}?{_BY_WHEN}",
    r"\b(?:date|day|deadline|period|window|week|timeframe|timescale|time|fortnight|weekend|month)s? (?:that |which )?"
    r"(?:you|they|the panel|the team) (?:have |had )?(?:mention|indicate|give|say|set|suggest|quote)",
    r"\b(?:decision|result|outcome|answer|news|feedback)s? (?:be|would be|will be|be to be|be due|be expect|be promise|"
    rf"be schedule)\b[^.?!]{{0,40}}?{_BY_WHEN}",
    rf"\b(?:it|that|this|now)(?: s)? (?:be|have be|have now be)(?: now)?(?: (?:almost|nearly|over|than|about|around|"
    rf"already|just|well|a good|a))* (?:{_NUMBER}|a|a few|a couple of|couple of) (?:day|week|month|fortnight)\b",
    r"\b(?:we|it)(?: s)? be (?:now )?(?:[a-z]+ ){0,3}?(?:past|into|beyond) (?:that|it|the (?:date|deadline|week|month|"
    r"time|end)|(?:the )?[a-z]+ (?:week|month)|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b",
)
# ... the time gone, as written, since the lemmas lose the tense: "the weekend's been and gone", "Now this week is
# already finished", "the period you indicated has passed". Not "I hope your week is going well".
WAITED = any_of(
    r"\b(?:date|day|deadline|period|window|week|timeframe|timescale|time|fortnight|weekend|month)s?\b[^.?!]{0,40}?"
    r"(?:\b(?:has|have|had|is|are|was|now|already|just)|'s)\s+(?:now\s+|already\s+|just\s+|long\s+)?(?:passed|"
    r"elapsed|gone by|come and gone|been and gone|expired|ended|finished|run out|over|gone)\b",
)
# ... and nothing heard since: "I haven't heard anything yet", "i dont have answer", "until now nobody phoned".
# Not in a condition ("if I don't hear back by Friday I'll assume it's a no"): see :data:`CONDITION`.
NOT_HEARD_LEMMAS = any_of(
    r"\b(?:not|never) (?:yet |still )?(?:hear|receive|get|have)\b(?: [a-z]+){0,2}? (?:anything|back|news|answer|reply|"
    r"response|word|call|email|mail|information|update|from you|from your|a thing)\b",
    r"\b(?:nobody|no one|no-one) (?:have |yet )?(?:phone|call|ring|rung|contact|write|email|get back|be in touch)",
    r"\bhear nothing\b", r"\bno (?:answer|reply|response|news|word|call) (?:yet|so far|since)\b",
)
CONDITION = re.compile(r"\b(?:if|unless|in case)\b")
# News of the candidate's own that bears on the decision: another offer ("I have another offer on the table",
# "another workshop in Dubbo offered me a spot", "two other kitchens are waiting on me", "I've been offered a
# locum contract"), a deadline of their own ("my current contract finishes on 31 May", "my employer needs 60
# days' notice", "I need to give them an answer", "a locum contract that needs an answer by Friday", "before I
# commit elsewhere"), or "hence this mail". Not a
# new phone number or a course passed, which the letter tells as news without a reason to write now.
_ELSEWHERE = (r"(?:company|employer|firm|kitchen|workshop|practice|school|restaurant|hotel|shop|agency|hospital|"
              r"organisation|organization|bank|place|team|site|garage|salon|clinic|store|business|trust|council|studio|"
              r"office|yard|depot|bar|pub|cafe)")
OWN_NEWS_LEMMAS = any_of(
    r"\b(?:another|other|a second|a different) (?:[a-z]+ ){0,2}?offer\b",
    rf"\b(?:another|other|a different) (?:[a-z]+ ){{0,2}}?{_ELSEWHERE}(?: in [a-z]+)? (?:(?:have|be|also|now|just|"
    r"already) )*(?:offer|want|wait|make i|ask|chase|need|keen)\b",
    rf"\b(?:a|one) (?:[a-z]+ ){{0,2}}?{_ELSEWHERE}(?: in [a-z]+)? (?:(?:have|be|also|now|just|already) )*"
    r"(?:offer i|want i|wait on i|make i an offer)\b",
    r"\b(?:i|we) (?:(?:have|also|now|just|recently|since) )*(?:be offer (?:a|an|the|another) (?:[a-z-]+ ){0,2}?"
    r"(?:job|role|position|post|contract|spot|place|start|offer)|(?:receive|get|have) (?:an?|another) (?:[a-z]+ )?offer)\b",
    r"\b(?:give|tell|let) (?:they|the other [a-z]+|my (?:current |present )?(?:employer|boss|manager|landlord|company)) "
    r"(?:an? |my )?(?:answer|response|decision|notice|know)\b",
    r"\b(?:need|want|require|expect) (?:an? |my )?(?:answer|response|decision|reply) (?:from i )?(?:by|before|within)\b",
    r"\bmy (?:current |present )?(?:contract|lease|visa|tenancy|notice period|placement)\b[^.?!]{0,40}\b(?:end|finish|"
    r"expire|run out|be due|be up|renew)\b",
    r"\b(?:need|require) (?:[a-z0-9]+ ){0,3}?notice\b|\b(?:give|hand in) (?:my |in my )?notice\b",
    r"\bbefore i (?:commit|sign|accept) (?:elsewhere|with|to|anything)\b",
    r"\b(?:hence|thus|therefore|that be why|which be why|this be why)(?: be)? (?:i be |i )?(?:write|contact|email|"
    r"(?:this|my) (?:mail|email|e-mail|message|note|letter|call))\b",
)
# A wait told as a reproach is no polite reason for writing: "nobody has bothered to get back to me".
REPROACH = re.compile(r"\b(?:bother(?:ed)? to|be bothered|the (?:basic |common )?courtesy|not even (?:a|the))\b",
                      re.IGNORECASE)
ASKS_STATUS_LEMMAS = any_of(
    r"\bwhere thing (?:be|stand)\b",
    r"\b(?:find|choose|pick|hire|appoint|select|take|give it to) (?:someone|somebody|another)\b",
    r"\b(?:have|do) you (?:decide|make a decision|reach a decision)\b",
    r"\bany (?:news|word|update|movement|progress|development)\b",
    # Whether the job is gone: "is the job filled?", "has the post been taken yet?".
    r"\b(?:be|have) (?:the|this|that|your) (?:[a-z-]+ ){0,3}?(?:job|role|position|post|vacancy|opening|place) "
    r"(?:already |now |yet |still )?(?:be )?(?:fill|take|go)\b",
    # Where the decision stands: "where you are with the decision", "have you had a chance to decide?".
    r"\bwhere (?:you|they|we|it|the [a-z]+) (?:be|stand)\b(?: [a-z]+){0,3} (?:decision|process|recruitment|"
    r"hiring|selection|shortlist)\b",
    r"\b(?:have|do|be) (?:you|they|the team|the panel) (?:[a-z]+ ){0,5}?(?:decide|make a decision|"
    r"reach a decision|make your decision|choose someone|pick someone)\b",
)
# Where things stand, asked in any words: a question or a wish to know (:data:`STATUS_ASKED`, or a question
# mark) about the decision, its timing, the next step, the process, or whether the candidate is still in the
# running or got the job (:data:`STATUS_TOPIC`), one sentence holding both. "Just wondering if you'd made a
# call yet", "Would you be able to tell me where you're at with it?", "I would be thankful if you can update
# me about my application status", "What's the decision?", "I just really need to know if I got it", even as
# a statement: "I'd be grateful for an update". Over lemmas.
_ASKING_ADVERBS = (r"(?:(?:just|really|also|only|very|so|most|much|genuinely|truly|kindly|politely|humbly|"
                   r"respectfully|simply|still|now|therefore|extremely|be) )*")
STATUS_ASKED = any_of(
    r"\b(?:could|can|would|will|might) you (?:please |kindly |possibly |perhaps |just )?(?:be able to |mind )?(?:tell|"
    r"let i know|share|update|confirm|advise|inform|say|give i|indicate|fill i in|keep i post|shed|drop i)",
    r"\b(?:may|might|can|could) i (?:please |kindly |just )?(?:ask|know|enquire|inquire|check|find out|request)\b",
    rf"\bi {_ASKING_ADVERBS}(?:would|will|shall|should) {_ASKING_ADVERBS}(?:be {_ASKING_ADVERBS}(?:grateful|thankful|"
    r"glad|happy|obliged|keen|delight)|appreciate|welcome|value|love|like|want) (?:to (?:know|hear|learn|find out|"
    r"understand|get|have|ask)|if|for|any|an?|some|it if|the|your)\b",
    rf"\bi {_ASKING_ADVERBS}(?:want|wish|need|hope|would like|would love|write|contact you|get in touch|reach out|call) "
    rf"to {_ASKING_ADVERBS}(?:ask|know|enquire|inquire|check|find out|learn|hear|confirm|see|request)\b",
    r"\bwonder\b", r"\bplease (?:kindly )?(?:let i know|tell i|update i|advise|confirm|inform i|share|keep i)",
    r"\blet i know\b", r"\bkeep i post\b", r"\bfill i in\b",
    r"\bany (?:news|update|word|indication|idea|sense|information|movement|progress)\b",
    r"\b(?:keen|eager|anxious|curious) to (?:know|hear|learn|find out)\b",
    r"\b(?:enquire|inquire|ask) (?:about|after|regarding|whether|if|as to)\b",
)
STATUS_TOPIC = any_of(
    r"\b(?:decision|decide|outcome|result|verdict|make (?:a|the|your|their|any) (?:call|choice|decision)|"
    r"make (?:your|their|up your) mind|mind up|reach (?:a|the) (?:decision|conclusion)|"
    r"(?:choose|pick) (?:someone|somebody|a|the|anyone)|appoint|shortlist)\b",
    r"\b(?:status|progress|timeline|timeframe|timescale|time frame|time scale|next step|next stage|update|news|word|"
    r"movement)\b", r"\bwhat (?:happen|come|be happen|will happen) next\b",
    r"\b(?:the|your|my|recruitment|selection|hiring|interview|application) process\b",
    r"\bwhere (?:do |be |have )?(?:thing|it|you|we|i|they|the [a-z]+|your [a-z]+|my [a-z]+)(?: [a-z]+)? "
    r"(?:be|stand|sit|have get|get|have)\b",
    r"\bhow (?:thing|it|the [a-z]+|you|everything) (?:be |be be )?(?:go|progress|move|track|come along|get on|shape up)\b",
    r"\bwhen (?:i|we) (?:can |could |might |may |should |will |would )?(?:expect (?:to (?:hear|know|get)|an? (?:answer|"
    r"reply|response|decision|update|outcome)|one|news|word)|hear|know|find out|get (?:an? )?(?:answer|reply|response|"
    r"decision|update|news|word))\b",
    r"\bwhen (?:you|they|the [a-z]+) (?:[a-z]+ ){0,3}?(?:decide|know|be in touch|get back|hear|finish|finalise|finalize|"
    r"wrap up|let)\b",
    r"\bstill (?:in (?:the running|contention|consideration|the frame|the mix)|be consider|under consideration|"
    r"on the shortlist|open|available|vacant|free|go|up for grab|recruit|hire|accept|interview|see (?:people|candidate))\b",
    r"\b(?:if|whether) i (?:have )?(?:get (?:it|the|this)|be successful|be unsuccessful|make it|be offer|land (?:it|the)|"
    r"be choose|be select|be pick)\b",
)
# A condition is not a question: "If you decide to go with someone else, I'd be grateful for feedback". An "if"
# after a verb asks ("can you tell me if you decided already").
STATUS_NOT_ASKED = re.compile(r"(?:^|[,;:] |\b(?:and|but|so|even|only) )if (?:you|they|the [a-z]+) (?:do )?"
                              r"(?:decide|choose|pick|go with)\b")
# Saying one is not asking is not asking: "I'm not asking whether you've made a decision", "I'm not chasing".
NOT_ASKING = re.compile(r"\b(?:not|n't|never) (?:asking|chasing|pushing|rushing|hurrying|expecting an answer)\b",
                        re.IGNORECASE)
ASKS_STATUS = any_of(
    # The job still open, not the candidate still free: "I'm still available to start" says nothing of it.
    r"(?<!i'm )(?<!i am )(?<!im )\bstill (?:open|available|vacant|free|considering|accepting|recruiting|hiring|"
    r"being considered)\b",
    r"\b(?:been|was|is|has|already) (?:already )?(?:filled|taken)\b",
    r"\bdecision (?:has|had) been (?:made|reached)\b", r"\b(?:made|reached) a decision\b",
    r"\b(?:has|have) (?:a|the|any) (?:final )?decisions? (?:yet )?been (?:made|reached)\b",
    r"\b(?:have|has) (?:you|they|the team) (?:decided|chosen|picked|filled)\b",
    r"\bstill (?:up for grabs|going|on offer|on the table|in the running)\b",
    r"\bwhere things stand\b", r"\bany updates?\b", r"\bany news\b", r"\bstatus of\b", r"\bnext steps?\b",
    r"\btimeline\b", r"\bwhether (?:i got|i have been|i've been)\b",
)

# -- negation ------------------------------------------------------------------
# A negation denies what follows it to the end of its clause: "not sure I am still interested".
# "I doubt" denies as "not" does, but "I don't doubt" and "no doubt" affirm.
NEGATION_CUE = re.compile(r"(?:\b(?:not|never|nor|hardly|unsure|no)\b|n(?:'|\s)t\b|"
                          r"(?<!not )(?<!n't )(?<!n t )(?<!no )\bdoubt\b)")
CLAUSE_BREAK = re.compile(r"[,;:!?()]| - |\b(?:but|however|although|though|yet|whereas|while|because|since)\b")
# Negations that do not deny: "not only", "couldn't be more excited", "can't wait", "no doubt".
NOT_DENYING = re.compile(
    r"(?:not (?:only|just)|no (?:doubt|worries|problem|hard feelings|matter|question)|"
    r"(?:n(?:'|\s)t|not)\s+(?:be\s+(?:any\s+)?(?:more|happier|keener|gladder)|thank|wait|have asked|"
    # "I can't tell you how much I wanted this job" says it all the more.
    r"(?:tell|say|express|describe)\s+(?:you\s+)?how\s+(?:much|badly|keen))|"
    r"never (?:been|felt) (?:more|so)|"
    # Doubting nothing affirms: "I don't doubt the post is the right step for me".
    r"(?:n(?:'|\s)t|not|no)\s+(?:doubt|question)(?:\s+(?:for a moment|at all))?\s+(?:that|it|the|this|i))\b")
# A "not" up to three words before a phrase denies it: "not interested", "don't want". "n't" ends
# a word, so it has no word boundary before it; in a sentence's tokens it is written "don t".
NEGATION = re.compile(r"(?:\b(?:not|no longer|never|nor)\b|n(?:'|\s)t\b)(?:\W+\w+){0,3}\W*$")
# "couldn't be more excited" and "can't thank you enough" intensify rather than deny.
INTENSIFYING_NOT = re.compile(r"n(?:'|\s)t\s+(?:be\s+(?:more|any more|happier|keener)|thank)\b")

# -- the role ------------------------------------------------------------------
# Level words left out of a role's title when the letter names it: "Senior", "II".
LEVEL_WORDS = frozenset({"senior", "sr", "junior", "jr", "principal", "i", "ii", "iii", "iv", "1", "2", "3"})
# Words a letter uses for "the job", matched on tokens.
JOB_WORDS = r"(?:job|role|position|post|spot|opening|vacanc\w*|gig|opportunit\w*)"
# Head nouns too general to name a role on their own: "the manager role" could be any manager.
GENERIC_HEADS = frozenset({
    "manager", "assistant", "associate", "officer", "coordinator", "administrator", "specialist",
    "representative", "executive", "technician", "worker", "operative", "clerk", "staff", "member",
    "lead", "head", "director", "consultant", "advisor", "adviser", "agent", "partner", "intern",
})
# Words that say a rank within a job rather than the job: a title is not written without them ("Store
# Manager" is not the Assistant Store Manager job), while "Sales Assistant" is the Retail Sales Assistant one.
RANK_WORDS = frozenset({"assistant", "deputy", "head", "lead", "chief", "trainee", "graduate", "apprentice",
                        "associate", "vice", "sub", "acting", "interim", "co", "under", "intern", "student"})
# A title word this long may be written as its first letters, three at least: "vet tech" for Veterinary
# Technician, "the rotational physio post".
SHORTENED_FROM = 6
# A one-word title this long may be cut to its first letters, five at least, as a job: "the physio role" for
# Physiotherapist, "as a physio", "the admin job" for Administrator.
CUT_HEAD_FROM = 9
CUT_TO = 5
# Initials of a two-word title are a job only beside a job word ("the RN position" for Registered Nurse), and
# never when they spell a word of their own: "the IT role" may be anyone's.
SHORT_WORDS = frozenset({"am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me",
                         "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we", "ye", "yo"})
# A title naming a learner's place, and the scheme it is: "Apprentice Carpenter" is "the carpentry
# apprenticeship", or just "the apprenticeship".
SCHEMES = {"apprentice": "apprenticeship", "trainee": "traineeship", "intern": "internship"}
# The endings of a title word that say who does it, one for another: groundsperson, groundsman, groundswoman.
WHO_ENDINGS = ("person", "woman", "man")
# Another word for the same head noun, counted only right after a word of the title ("forklift driver").
HEAD_SYNONYMS = {"operator": ("driver",), "driver": ("operator",), "cook": ("chef",), "chef": ("cook",)}
# Words that may stand right before a loosely written role ("the picker job", "your barista opening").
BEFORE_ROLE = ("the", "a", "an", "this", "that", "your", "my", "our", "their", "for", "as", "of", "about", "re")
# Words before "the cleaning job" that make it this job, not one the candidate had ("my cleaning job").
ONLY_THIS_JOB = r"the|this|that|your|for|as|about|re"
# What a role is written as after a job word: "a post as teacher", "working as a barista", "join Tapwise as
# Android developer", "join Elmwood as your receptionist", "come on board as a physio".
WORKING_AS = (rf"\b(?:(?:{JOB_WORDS}|work|working) (?:as|of|for)|(?:join|joining|start|starting|come on board|"
              rf"coming on board|come aboard|coming aboard)(?: [a-z0-9]+){{0,3}}? as) "
              r"(?:a |an |the |your |our )?")
# Endings a title word's other forms drop to share its stem: designer~design, teacher~teaching.
STEM_ENDINGS = ("ing", "er", "or", "ist", "e")

# -- the job, here or at another employer --------------------------------------
# What follows a job to place it: "at" or "with", then the employer (matched on tokens).
PLACED_AT = re.compile(r"\s*(?:at|with) ((\w+).*)")
# Words after "at" or "with" that keep a job at this employer: "the picker job at your depot".
# "The bar job with ye for the summer" is with this employer, as "with you" is.
AT_THIS_EMPLOYER = r"(?:your|the|this|our|you|ye|yous|u)\b(?!\s+(?:sister|other|partner|rival|competitor|new)\b)"
# ... and the words that place it at another one, whoever this employer is: "at another firm",
# "at your sister restaurant", "with a rival".
AT_ANOTHER_EMPLOYER = (r"(?:another|(?:your|the|this|our|a|an)\s+"
                       r"(?:sister|other|partner|rival|competitor|new|different))\b")


# A letter that turns the job down does not reiterate interest in it, however warmly it is written.
DECLINE = any_of(
    r"\bwithdraw(?:s|n|ing|al)?\b",
    r"\bdecided (?:not to|against|to (?:decline|withdraw|accept another|go elsewhere|stay))\b",
    r"\b(?:accepted|taken|took|accepting|taking) (?:another|a different|an?other|a) "
    r"(?:offer|job|role|position|post)(?: elsewhere)?\b(?!\s+(?:here|with you|at))",
    r"\b(?:must|have to|will have to|need to|going to|'ll have to) (?:respectfully |politely )?decline\b",
    r"\bhope you find (?:someone|somebody|the right|a (?:great|good|suitable|better|strong))\b",
    r"\bno longer (?:be )?(?:interested|available|looking|pursuing|considering)\b",
    r"\bnot (?:be )?(?:pursuing|proceeding|continuing|moving forward|going ahead)\b",
)
# Words that may stand before "job" without naming a role: "the new job", "this full-time post".
NEUTRAL_JOB_WORDS = frozenset({
    "new", "open", "advertised", "full", "part", "time", "permanent", "temporary", "summer", "weekend",
    "evening", "night", "day", "same", "whole", "real", "actual", "exact", "current", "available",
    "opportunity", "very", "kind", "of", "wonderful", "great", "exciting", "amazing", "perfect", "dream",
})
# After "join" or "work": the job a letter asks for ("join as pastry cook"), unless it is just
# joining people ("as part of the team", "as soon as").
AS_JOB = re.compile(r"^\s+(?:\w+\s+)?as\s+(?:an?\s+|the\s+)?"
                    # "Keen as to get stuck in" is keen, "as to" or "as if" names no job.
                    r"(?!(?:part|member|one|soon|well|much|long|quickly|to|if|ever|always|usual|possible|i|you|we)\b)"
                    r"((?:[\w-]+\s*){1,3})")
NAMED_JOB = re.compile(r"\b(?:the|this|that|your|a|an)\s+((?:[\w-]+\s+){1,3})"
                       r"(?:job|role|position|post|spot|opening|vacancy|gig)\b")
JOB_AT = re.compile(rf"\b(?:{JOB_WORDS}|offer)\b")
# Where the job a letter asks for ("join as pastry cook, at ...") stops being its title.
JOB_TITLE_ENDS = re.compile(r"[,.;:!?]| at | in | for | and | with ")

# -- names ---------------------------------------------------------------------
#: A title before a name ("Dr", "Mrs."), as a regex fragment to match case-insensitively;
#: name matching and the drafts skip the same titles when they find a first name.
TITLES = r"(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame)\.?"
# Words a letter puts before a surname to address someone by their post: "Dear Chef Bellini",
# "Dear Principal Romero", "Respected Madam Cooper", "Dear Sergeant Maguire". Only the name matching
# reads these; the drafts still skip :data:`TITLES` alone when they find a first name.
ADDRESS_TITLES = (r"(?:madam|madame|ma'am|doctor|mister|chef|principal|headteacher|head teacher|coach|captain|"
                  r"sergeant|sgt|inspector|constable|officer|sister|matron|nurse|pastor|father|reverend|rev|"
                  r"rabbi|imam|dean|judge|councillor|cllr|engineer|engr|eng|architect|arch|pharmacist|pharm|"
                  r"attorney|atty|barrister|barr|advocate|hon|capt|supt|insp|station manager|watch manager)\.?")
# A surname after a title, this long or longer, still names the interviewer with one letter wrong,
# left out, added or two swapped: "Ms Kowalsky" for Agnieszka Kowalski.
MISSPELT_FROM = 6
# Common short forms of first names: the full name first, then what a letter may call that person.
# The direction matters: "Bill" counts for William, but "William" does not count for a Bill, and
# "John" never counts for a Jack. Names that are also names in their own right (Sandra, Liam,
# Greta) are left out, so a letter to another person is not credited.
SHORT_FORMS = {
    group.split()[0]: frozenset(group.split()[1:]) for group in (
        "william bill billy will willy", "robert bob bobby rob robbie",
        "richard rick ricky rich richie", "edward ed eddie ted teddy ned",
        "james jim jimmy jamie", "john johnny", "margaret maggie meg peggy",
        "elizabeth liz lizzie beth betty libby", "katherine kate katie kathy kat",
        "catherine cath cathy kate katie", "mohammed mo moe", "muhammad mo moe",
        "mohammad mo moe", "mohamed mo moe", "anthony tony", "thomas tom tommy",
        "michael mike mikey mick", "charles charlie chuck", "henry harry hal",
        "jennifer jen jenny", "rebecca becky becca bec beccy becks", "patricia pat patty trish",
        "susan sue susie", "deborah debbie deb", "victoria vicky tori", "alexander alex",
        "alexandra alex lexi", "benjamin ben benny", "nicholas nick nicky",
        "christopher chris kit", "christine chris chrissy", "christina chris chrissy",
        "joseph joe joey", "daniel dan danny", "samuel sam sammy", "samantha sam sammy",
        "andrew andy drew", "matthew matt", "jonathan jon jonny", "gareth gaz", "gary gaz",
        "abigail abby abi", "jessica jess jessie", "frederick fred freddie", "theodore theo",
        "lawrence larry laurie", "philip phil", "phillip phil", "stephen steve", "steven steve",
        "gregory greg", "timothy tim", "kenneth ken kenny", "douglas doug", "raymond ray",
        "ronald ron ronnie", "donald don", "gerald gerry", "jacqueline jackie jacqui",
        "natalie nat", "natasha tash", "pamela pam", "penelope penny", "barbara barb",
        "kimberly kim", "suzanne suzie", "tobias toby", "funmilayo funmi", "oluwaseun seun",
        "oluwadamilare dami", "olufunke funke", "babatunde tunde",
        "oluwatobi tobi", "joanne jo", "joanna jo", "johanna jo", "josephine jo josie",
        "georgina georgie", "gabrielle gabby gabi", "gabriella gabby gabi", "nathaniel nat nate",
        "nathan nate", "zachary zach zac zack", "isabella izzy bella", "isabel izzy", "eleanor ellie nell",
        "francesca fran frankie", "frances fran", "francis frank", "harriet hattie", "jacob jake",
        "joshua josh", "madeleine maddie", "madison maddie", "stephanie steph", "terence terry",
        "terrence terry", "valerie val", "caroline caz", "gwendolyn gwen", "cameron cam",
    )
}
# Short forms are short, and some are everyday words ("Will", "Pat"), so one counts only where
# the letter addresses the reader with it: a comma, "!" or the line's end follows.
VOCATIVE_END = r"(?=\s*(?:[,!:;.?]|$))"

# -- replies to an offer -------------------------------------------------------
# A day named in a sentence: "Friday", "19 June", "June 19th", "10/07", "tomorrow".
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "may" alone is a verb ("may I have"), so a month counts only beside a day number.
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
A_DATE = any_of(
    rf"\b{_WEEKDAY}\b", rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}\b", rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b",
    r"\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b", r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b(?:tomorrow|tonight|next week|the weekend|(?:the )?end of (?:the |this |next )?(?:week|month))\b",
)
# Turning the offer down, however politely: "I must decline", "I'm going to turn it down",
# "I can not accept", "I have accepted a position closer to home", "I've decided to stay".
DECLINES_OFFER = any_of(
    r"\b(?:must|have to|will have to|need to|going to|'ll have to|'ll|will|decided to|regret(?:fully)?|"
    r"respectfully|politely|sadly|reluctantly|i) (?:\w+ )?decline\b",
    # With an aside between: "So I must, with sadness, decline", "I have, after much thought, to decline".
    r"\b(?:must|have|will|need|i),(?: [\w']+){1,5},(?: to)? decline\b",
    # Decided against it, in so many words: "After careful consideration I have decided not to accept it".
    r"\b(?:decided|decide|chosen|choose|concluded|opted|elected) (?:not to|against) (?:accept|tak|join|go ahead|"
    r"proceed|move forward)",
    r"\bdeclin(?:e|ing) (?:the|your|this|it)\b",
    r"\bturn(?:ing)? (?:it|this|that|the offer|this offer|your offer|the job|the role|the position|the post|"
    r"this one) down\b",
    r"\bturn(?:ing)? down (?:the|your|this|it)\b",
    r"\b(?:unable|not able|cannot|can ?not|can't|won't be able|will not be able|not in a position) to accept\b",
    r"\b(?:cannot|can ?not|can't|won't|will not|shall not) (?:be )?(?:accept(?:ing)?|"
    r"tak(?:e|ing) (?:it|this|that|up|the|your))\b",
    r"\bnot (?:be )?(?:accepting|taking (?:it|this|up|the|your))\b",
    r"\b(?:accepted|taken|accepting|taking|accept|take) (?:another|a different|an other|a job|a role|a position|"
    r"a post|an offer|a place)\b",
    r"\b(?:decided|chosen|choose|going|planning|prefer) to (?:stay|remain)\b",
    r"\bsay(?:ing)? no\b", r"\b(?:it's|it is|that's|that is) a no\b",
    r"\bpass on (?:this|the|it|your)\b", r"\b(?:i'll|i will|going to|have to|must) pass\b",
    r"\bwithdraw(?:ing)? (?:my|from)\b",
    r"(?:\bwould|'d) have (?:loved|liked|been (?:happy|glad|delighted|thrilled))(?: nothing (?:more|better) than)? "
    r"to (?:accept|join|take|work|start)\b",
    # Not the right fit, however the "not" is written: "the role as currently scoped isn't the right fit for me".
    r"(?:\bnot|n't) (?:quite |really |entirely )?(?:the right|a good|the best|right) (?:fit|move|step|choice|role|job|"
    r"match)(?: for me)?\b(?! (?:to|at|for (?:you|the|us)))",
    # Sorry to let them down: "I'm so sorry to let you down", "I hate to disappoint you".
    r"\b(?:sorry|hate|regret|apologi[sz]e) (?:for |to be )?(?:having )?(?:to )?(?:let(?:ting)? you down|"
    r"disappoint(?:ing)? you|mess(?:ing)? you (?:a|about|around))\b",
)
# Saying yes in so many words: "I am delighted to accept", "I accept the post", "yes please".
# "Before I accept" and "whether to accept" are still deciding.
ACCEPTS = any_of(
    r"(?<!before )(?<!if )(?<!until )(?<!whether )(?<!when )(?<!once )\b(?:i|we) (?:hereby |formally |"
    r"gladly |happily |"
    r"officially |do |also )?accept\b",
    r"\b(?:delighted|happy|pleased|thrilled|glad|honou?red|proud|excited|stoked|chuffed|overjoyed|ecstatic) "
    r"to (?:formally |officially )?accept\b",
    r"\b(?:i am|i'm) (?:formally |happily |gladly |officially )?accepting\b",
    r"\b(?:like|love|want|writing|write) to (?:formally |officially |gladly )?accept\b",
    r"\b(?:my|this|as) (?:formal )?acceptance\b",
    r"\byes,? please\b", r"\bcount me in\b",
    # "I'm delighted to say yes", "Yes, I accept": not "before I say yes".
    r"\b(?:delighted|happy|pleased|thrilled|glad|love|like|want|proud) to say yes\b",
    r"^\W*yes\W+(?:i (?:accept|will|would love|'d love)|absolutely|definitely|of course)\b",
    r"\b(?:would|'d) (?:love|like|be (?:happy|glad|delighted)) to take (?:it|you up|the (?:[\w-]+ ){0,3}"
    r"(?:job|role|position|post|offer|place|apprenticeship|traineeship|internship|contract|spot))\b",
)
# A yes over lemmas: "I'm in!", "when do I start?", "yes, I'll take the site manager job".
ACCEPTS_LEMMAS = any_of(r"^(?:\W+ )?i be in(?: (?:[^\w\s]|so|definitely)\b| ?[^\w\s]|$)",
                        r"\bwhen (?:do|can|should|shall) i start\b",
                        # The job taken by any of its names: "Yes, 100%, I'll take the apprenticeship".
                        r"\bi will (?:gladly |happily |definitely )?take (?:it|the (?:[a-z-]+ ){0,3}"
                        rf"(?:{_POSTS}|spot|gig))\b(?! (?:into|over|on board|away))")
# Keen to begin, which in a reply to an offer is a yes when nothing says otherwise.
EAGER_TO_START = any_of(
    r"\b(?:excited|delighted|thrilled|happy|pleased|glad|can't wait|cannot wait) to (?:join|start|be joining|"
    r"get started|begin)\b",
    r"\blook(?:ing)? forward to (?:joining|starting|getting started|being part)\b",
)
# Asking for time takes a request and something to decide in one sentence: "could I have
# until Friday 19 June to give you my answer?", "I would be grateful for a few days".
ASKS = any_of(
    r"\b(?:could|can|may|might) i\b", r"\bwould (?:it|that) be (?:possible|all right|alright|ok|okay|acceptable|fine)\b",
    r"\bis (?:it|that) (?:possible|all right|alright|ok|okay)\b",
    r"\bi(?:'d| would) (?:like|be (?:very |most )?grateful for|appreciate|welcome)\b",
    r"\bi need\b", r"\b(?:please|kindly),? (?:allow|give|grant) me\b", r"\bif i (?:could|may|might)\b",
    # Leave asked for: "Would you mind if I took a few days?", "Mind if I give you a buzz Monday?", "is it OK if I".
    r"\bmind if i\b", r"\b(?:is|would|will) (?:it|that) be (?:ok|okay|alright|all right|fine) if i\b",
    r"\b(?:it's|it is|that's) (?:ok|okay|alright|all right|fine) if i\b",
    # A request in so many words: "I would kindly request a week".
    r"\bi (?:would |should )?(?:however |also |like to |kindly |respectfully |humbly )*request\b",
)
DECIDING = any_of(
    r"\b(?:my|an|the) (?:answer|decision|final reply)\b", r"\b(?:decide|deciding)\b",
    r"\b(?:consider|think (?:it|this|things|everything) (?:over|through)|think about it)\b",
    r"\b(?:more|some|a little|a bit of|a few days'?|a week'?s?|enough|extra) (?:more )?time\b",
    r"\b(?:until|till|til)\b", r"\ba (?:few|couple of) (?:more )?days\b",
    r"\b(?:a|one|two) (?:more )?weeks?\b", r"\ba final (?:answer|decision|reply)\b",
    r"\bbefore i (?:answer|decide|reply|respond|confirm|commit|say yes|sign|give)\b",
    r"\b(?:review|go through|look over|read through) the (?:terms|contract|offer|package)\b",
    r"\b(?:reply|respond|answer|confirm) (?:by|before|on|within|no later than)\b",
    r"\b(?:let (?:you|u|ya) know|(?:come|came|get|got|getting|coming) back to (?:you|u|ya))\b",
    # Talking it over first: "need to talk it over w my wife", "sleep on it", "run it past my family".
    r"\b(?:talk|mull|chew|sleep|go) (?:it|this|things|everything|the offer) (?:over|through)\b", r"\bsleep on it\b",
    r"\b(?:discuss|talk about) (?:it|this|the offer|things) with\b", r"\brun (?:it|this|the offer) (?:by|past)\b",
)
# A decline that keeps the door open: "I hope our paths cross again", "future vacancies".
DOOR_OPEN = any_of(
    r"\bpaths (?:will |might |may )?cross\b", r"\b(?:stay|keep|be) in touch\b",
    r"\b(?:future|other|upcoming|later) (?:openings|opportunities|roles|vacancies|positions|posts|jobs)\b",
    r"\bkeep me in mind\b", r"\bconsidered for\b",
    r"\bwish (?:you|the|everyone|your)\b", r"\b(?:all the best|best of luck|good luck|every success)\b",
    r"\bhope\b[^.?!]*\b(?:in (?:the )?future|some other time|another time|one day|again|together)\b",
)
# Gladness at the offer itself: "I am very happy about it", "thrilled with the offer".
GLAD_OF_OFFER = any_of(
    r"\b(?:happy|pleased|delighted|thrilled|excited|glad) (?:about|with) (?:it|this|the offer|your offer|the news)\b",
    # Gladness said on its own, right after the offer: "Really pleased!", "I am so glad."
    r"^\W*(?:i am |i'm )?(?:(?:really|very|so|truly|absolutely) )*(?:pleased|delighted|thrilled|chuffed|"
    r"happy|glad|excited|stoked)\W*$",
    r"^\W*(?:i am|i'm) (?:(?:really|very|so|truly|absolutely) )*(?:pleased|delighted|thrilled|chuffed|happy|"
    r"glad|excited|stoked),",
)
# Gladness at the offer over lemmas, wherever it stands: "I am very glad to receive it", "Chuffed to bits
# with the offer", "Thank you so much for the offer - I'm really pleased, and ...". Not "glad to tell you".
GLAD_OF_OFFER_LEMMAS = any_of(
    r"\b(?:happy|glad|please|delight|thrill|chuff|excite|overjoy|ecstatic|honou?r)(?: to bit)? "
    r"(?:to (?:receive|get|have|hear) (?:it|this|that|the|your)\b(?! (?:chance|opportunity) to\b)|"
    r"(?:about|with|at|by) (?:it|this|the offer|your offer|this offer|the news|this news)\b)",
    r"(?:^|[-,;:] )(?:i be )?(?:(?:really|very|so|truly|absolutely|genuinely) )*(?:please|delight|thrill|chuff|"
    r"happy|glad|excite|overjoy) (?:[-,;:!.]|and\b|$)",
    # The offer as good news: "It is great news", "what wonderful news", "such brilliant news!".
    r"\b(?:it be|this be|that be|what|such) (?:a )?(?:(?:really|very|so|truly|absolutely|genuinely) )*(?:great|good|"
    r"wonderful|fantastic|brilliant|amazing|lovely|exciting|terrific|fab|excellent|welcome) news\b",
)
# In a reply to an offer, liking the employer is wanting the job: "I really like the projects of Trident
# Marine", "I liked very much the projects of the studio", "I loved everything I saw of the team". Not
# "I would like to ask" nor liking the interview itself ("I liked meeting you"). The employer's own name
# counts as an object too (see :func:`followup_kit.letters.reading.likes_employer`).
LIKES_EMPLOYER = re.compile(
    r"\bi (?:(?:really|truly|genuinely|honestly|also|already|just|always|have|so|very much|absolutely) )*"
    r"(?:like|love|admire|adore)(?: (?:very much|so much|a lot))? "
    r"(?!(?:meet|talk|speak|chat|interview|hear)\b)(\w+)")
LIKED_OBJECTS = frozenset({"the", "your", "this", "that", "everything", "every", "what", "how", "it", "all", "work",
                           "be", "everyone", "everybody"})
# In a letter that turns the offer down, interest is regret: said in the past ("I was genuinely excited
# about the role", "I really wanted this job") or as what would have been ("I'd have loved to work with
# you all"). Interest said of the future in a decline ("I'd be glad to be considered for future
# vacancies") keeps the door open instead; said in the present, it is often about the other job.
PAST_INTEREST = re.compile(r"\bi (?:[\w']+ ){0,3}?(?:was|were|wanted|loved|liked|had|would have|'d have|have always|"
                           r"'ve always)\b", re.IGNORECASE)
WOULD_HAVE_JOINED = re.compile(
    rf"\bwould have {_ADVERBS}(?:love|like|enjoy|be (?:so |very |really )?(?:happy|glad|delight|thrill|proud|"
    rf"honou?r))(?: nothing (?:more |good )?than)? to (?:{_JOINING}|work)\b")
