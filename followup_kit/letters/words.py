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
ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Rev|e\.g|i\.e|etc|approx)\.$", re.IGNORECASE)
SIGN_OFF = re.compile(r"^\W*[\w' ]{0,30},\s*$")
# The line that closes a letter; what follows it, but for a "P.S.", is the signature.
CLOSING = re.compile(
    r"^(?:(?:with )?(?:kind(?:est)?|best|warm(?:est)?|many) (?:regards|wishes)|regards|best|all the best|"
    r"thanks(?: again| so much| a lot)?|many thanks|(?:with )?thanks and regards|thank you(?: again)?|"
    r"yours(?: sincerely| faithfully| truly)?|sincerely(?: yours)?|cheers|take care|warmly|respectfully|"
    r"with (?:gratitude|thanks|appreciation)|speak soon|talk soon)[,.!]?\s*$", re.IGNORECASE)
# A signature line is this short and ends in no full stop: "Rebecca Thornton", "07700 900123".
SIGNATURE_LINE_WORDS = 6
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
               "gone": "go"}


def any_of(*patterns: str) -> re.Pattern:
    """One case-insensitive pattern that matches where any of ``patterns`` does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|many)"

# "I should be grateful if I might have until Friday" asks; it does not thank.
THANKS = any_of(r"\bthank(?:s|ing| you)\b", r"(?<!should be )(?<!would be )(?<!'d be )\bgrateful\b", r"\bgratitude\b", r"\bappreciat(?:e|ed|ion)\b")
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
    r"\bwant(?:ed)?\s+(?:it|this|that)(?:\s+(?:so much|very much|badly|a lot|even more))?\s*(?:[.!,;]|$)",
    r"\bwant(?:ed)?\s+(?:the|this|that|your)\s+(?:[\w-]+\s+){0,3}(?:job|role|position|post|spot|opening|gig)\b",
    r"\bwant\s+(?:really\s+|so\s+much\s+|very\s+much\s+)?to\s+(?:work|join|be part|start)\b",
    # "I am very interesting to work as ..." is a learner's "interested".
    r"\b(?:i am|i'm|im)\s+(?:still\s+|very\s+|so\s+|really\s+|also\s+)*interesting\s+(?:to|in)\b",
    r"\blook(?:ing)? forward to (?:the (?:chance|opportunity|possibility)|working|joining|contributing|being part)\b",
    r"\bexactly (?:what|the (?:kind|sort|type) of \w+) (?:i|i've)\b",
    r"\bcan't wait to (?:start|join|work|get)\b",
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
    rf"\b(?:be|feel|remain|get|grow|stay|make i|leave i|leave|come away|walk away|come out|end up) {_ADVERBS}"
    r"(?:interest|keen|eager|excite|thrill|enthusiastic|motivat\w*|desirous)\b(?! rate)",
    rf"\b(?:be|feel|remain) {_ADVERBS}(?:set|bent|intent|determined) (?:on|to) (?:{_JOINING}|get|work)\b",
    rf"\bwant (?:[a-z]+ ){{0,3}}?(?:this|the|that|your) (?:[a-z-]+ ){{0,2}}?{_POSTS}\b",
    rf"\bwant to (?:say yes|accept|{_JOINING})\b",
    rf"\bhope {_ADVERBS}(?:to|i|that i) (?:get|be offer|be successful|be choose|be select|land|{_JOINING}|work with|"
    r"be (?:the|your) (?:new|next))\b",
    r"\bmy (?:first|top|number one) choice\b", r"\bover the moon\b",
    r"\bhope (?:we|i) (?:can|could|will|may) work together\b",
    # The job drawing the candidate: "the role appeals to me", "my wish to work in Lynford".
    r"\bappeal to i\b",
    # The job fitting the candidate's life, or being the step they want: "the post would suit me perfectly",
    # "the job is exactly the next step I was looking for", "it would be a dream", "my dream job".
    rf"\b(?:{_POSTS}|spot|gig) (?:would |will |could |should )?(?:[a-z]+ )?suit i\b",
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
)
# In a clause that has named another employer, "that opportunity" is theirs: "I'm in the final stage with
# another company and I'm really excited about that opportunity".
ANOTHER_EMPLOYER = re.compile(r"\b(?:another|other|a different) (?:company|employer|firm|organi[sz]ation|business|"
                              r"agency|practice|school|hospital|offer)\b")
# What a span of time was spent on when it is not experience: "three months looking for work".
_NOT_EXPERIENCE = (r"(?!\s+(?:of\s+)?(?:looking|searching|applying|job[ -]hunting|unemployed|out of work|"
                   r"off|commuting|travell?ing|waiting|between jobs|at home|on benefits)\b)")
# What follows "good with" or "quick at" when it is availability, not a skill: "good with any time".
_NOT_SKILL = (r"(?!\s+(?:early |late |short |long )?(?:any|either|both|whatever|whichever|whenever|all|"
              r"it|that|this|saying|"
              r"(?:the |that |this )?(?:time|date|day|slot|meeting|interview|plan)s?\b|"
              r"\w+day|mornings?|afternoons?|evenings?|weekends?|weekdays?|nights?|next|tomorrow|"
              r"today|short notice|\d)\b)")
STRENGTHS = any_of(
    r"\bmy (?:[\w'-]+\s+){0,3}?(?:experience|background|skills?|strengths?|expertise|qualifications?|"
    r"track record|degree|doctorate|phd|master's|masters|certificat\w*|certification|charter|"
    r"training|portfolio|knowledge)\b",
    rf"\b{_NUMBER}\+? (?:full |more )?years?\b{_NOT_EXPERIENCE}",
    r"\bi (?:have |had |'ve |also )?(?:led|built|managed|ran|run|designed|delivered|shipped|grew|"
    r"migrated|developed|launched|trained|supervised|created|automated|reduced|increased|improved|"
    r"handled|maintained|founded|organi[sz]ed|coordinated|taught|mentored|negotiated|published|"
    r"look after|looked after|worked (?:the|on|as|in|at|with)|hold|speak|"
    r"am (?:fluent|certified|qualified|comfortable|experienced|skilled|proficient|fast|used to))\b",
    r"\b(?:strong|ideal|good|great|excellent) (?:candidate|fit|match)\b",
    r"\b(?:i|what i) (?:would|could|can|will) bring\b",
    r"\b(?:at|in) my (?:last|previous|current|former|old) [\w'-]+",
    # Experience told plainly: "I did two summers at a juice bar", "I spent three seasons on the tills".
    rf"\bi(?: have|'ve)? (?:did|done|spent|worked|had)\s+(?:[\w-]+\s+){{0,2}}?{_NUMBER}\s+"
    rf"(?:summers?|seasons?|months?|years?|shifts?|terms?)\b{_NOT_EXPERIENCE}",
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
    r"\bi (?:have |also |recently |just )*(?:complete|finish|pass|earn|gain|obtain|achieve|qualify)\b",
    r"\bi have be (?:part of|in charge of|responsible for)\b", r"\bi have do my\b",
    rf"\bmy (?:{_NUMBER} )?(?:[a-z-]+ )?year (?:of|as|in|at|run|work|lead|manage|teach|look)\b",
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
)
ASKING = any_of(
    r"\?", r"\b(?:would|could|can|do|might|will) you\b",
    r"\bi(?:'d| would) (?:like|want|love) to (?:know|hear|understand|learn)\b",
    r"\bplease (?:send|share|tell|let me know|give|could)\b", r"\bmay i ask\b", r"\bif you (?:have|had|could|can|are)\b",
    r"\bshould you\b", r"\bi(?:'d| would) (?:be (?:very |most )?grateful|welcome|value|appreciate|love to hear)\b",
    r"\bany\b",
)
REINTRODUCTION_CI = any_of(
    r"\bmy name is\b", r"\bi (?:interviewed|had an interview|was interviewed|met with you|came in for|spoke with you)\b",
    r"\bwho interviewed\b", r"\bwe (?:met|spoke|talked)\b", r"\byou interviewed me\b",
)
# Case matters here: "I'm Carla" introduces someone, "I'm writing" does not.
REINTRODUCTION_CASED = re.compile(r"\b(?:[Tt]his is|[Ii]t's|[Ii]t is|I am|I'm)\s+[A-Z][\w'-]+")
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
)
ASKS_STATUS_LEMMAS = any_of(
    r"\bwhere thing (?:be|stand)\b", r"\b(?:find|choose|pick|hire|appoint|select) (?:someone|somebody|another)\b",
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
ASKS_STATUS = any_of(
    r"\bstill (?:open|available|vacant|considering|accepting|recruiting|hiring|being considered)\b",
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
    r"(?:n(?:'|\s)t|not)\s+(?:be\s+(?:any\s+)?(?:more|happier|keener|gladder)|thank|wait|have asked)|"
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
# Another word for the same head noun, counted only right after a word of the title ("forklift driver").
HEAD_SYNONYMS = {"operator": ("driver",), "driver": ("operator",), "cook": ("chef",), "chef": ("cook",)}
# Words that may stand right before a loosely written role ("the picker job", "your barista opening").
BEFORE_ROLE = ("the", "a", "an", "this", "that", "your", "my", "our", "their", "for", "as", "of", "about", "re")
# Words before "the cleaning job" that make it this job, not one the candidate had ("my cleaning job").
ONLY_THIS_JOB = r"the|this|that|your|for|as|about|re"
# What a role is written as after a job word: "a post as teacher", "working as a barista", "join Tapwise as
# Android developer".
WORKING_AS = (rf"\b(?:(?:{JOB_WORDS}|work|working) (?:as|of|for)|(?:join|joining|start|starting)(?: [a-z0-9]+){{0,3}}? as) "
              r"(?:a |an |the )?")
# Endings a title word's other forms drop to share its stem: designer~design, teacher~teaching.
STEM_ENDINGS = ("ing", "er", "or", "ist", "e")

# -- the job, here or at another employer --------------------------------------
# What follows a job to place it: "at" or "with", then the employer (matched on tokens).
PLACED_AT = re.compile(r"\s*(?:at|with) ((\w+).*)")
# Words after "at" or "with" that keep a job at this employer: "the picker job at your depot".
AT_THIS_EMPLOYER = r"(?:your|the|this|our)\b(?!\s+(?:sister|other|partner|rival|competitor|new)\b)"
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
AS_JOB = re.compile(r"^\s+(?:\w+\s+)?as\s+(?:an?\s+|the\s+)?(?!(?:part|member|one|soon|well|much|long|quickly)\b)"
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
        "jennifer jen jenny", "rebecca becky becca", "patricia pat patty trish",
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
        "oluwatobi tobi",
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
    r"\bsay(?:ing)? no\b",
    r"\bpass on (?:this|the|it|your)\b", r"\b(?:i'll|i will|going to|have to|must) pass\b",
    r"\bwithdraw(?:ing)? (?:my|from)\b",
    r"\bwould have (?:loved|liked|been (?:happy|glad|delighted|thrilled)) to (?:accept|join|take|work|start)\b",
    r"\bnot the right (?:fit|time|move|step|choice|role|job) for me\b",
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
    r"\b(?:would|'d) (?:love|like|be (?:happy|glad|delighted)) to take (?:it|you up|the (?:[\w-]+ ){0,3}"
    r"(?:job|role|position|post|offer))\b",
)
# A yes over lemmas: "I'm in!", "when do I start?", "yes, I'll take the site manager job".
ACCEPTS_LEMMAS = any_of(r"^(?:\W+ )?i be in(?: (?:[^\w\s]|so|definitely)\b| ?[^\w\s]|$)",
                        r"\bwhen (?:do|can|should|shall) i start\b",
                        r"\bi will (?:gladly |happily |definitely )?take (?:it|the (?:[a-z-]+ ){0,3}"
                        r"(?:job|role|position|post|offer))\b(?! (?:into|over|on board|away))")
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
    r"\b(?:let you know|(?:come|came|get|got|getting|coming) back to you)\b",
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
