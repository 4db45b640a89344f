"""Lines where the site speaks to its reader, never the story's: paywall and
payment notices, newsletter boxes, cookie banners, notes after a story, appeals,
calls to action and advertising disclosures.

Each predicate names one kind of line and says in its docstring what it claims
and what it leaves alone. A story's own sentences report what someone said or
did ("…, the council said"); these ask the reader to do something for the site.
"""

from __future__ import annotations

import re

from narrate.clean.biography import opens_as_bio
from narrate.clean.rules import REPORTED, enabled, line_match, mentions, reports, speaks_to_reader, words_in
from narrate.text import EMAIL

_PAYWALL_NOTICE = re.compile(
    "|".join((
        r"\bupdat\w* (?:your |the )?payment (?:details|method|information|card)",
        r"\b(?:unable|not (?:been )?able|haven[’']t been able|hasn[’']t been able|couldn[’']t"
        r"|could not) to (?:take|process|collect) (?:your |a )?payment",
        r"\b(?:keep|renew|restore|reactivate) your (?:subscription|membership)",
        r"\byour (?:subscription|membership|(?:free )?trial)\b[^.]{0,30}"
        r"\b(?:terminat|expir|lapse|cancel|end(?:s|ed|ing)?\b|due to end)",
        r"\balready (?:a |an )?(?:subscriber|member)\b",
        r"\balready have an account\b",
        r"\b(?:subscribe|register|sign up|sign in|log in|login) (?:now )?to"
        r" (?:continue|keep reading|read (?:this|the full|more|on)|unlock"
        r"|access (?:this|the full|all)|get (?:full|unlimited))",
        r"\bto continue reading\b",
        r"\bfor unlimited (?:digital )?access\b",
        r"\b(?:subscribers? only|exclusive (?:to|for) subscribers|only available to subscribers)\b",
        r"\bunlock (?:this article|this story|the full|full access|unlimited)\b",
    )),
    re.IGNORECASE,
)
# Each of `_PAYWALL_NOTICE`'s phrases holds one of these.
_NOTICE_WORDS = ("payment", "subscri", "membership", "trial", "already", "register", "sign up", "sign in", "log in",
                 "login", "continue reading", "unlimited", "unlock")
_PAYWALL_OFFER = re.compile(
    "|".join((
        r"\b(?:subscribe|sign up|register|join) (?:now|today|here)\b",
        r"\b(?:start|begin) your (?:free )?(?:subscription|membership|trial)\b",
        r"\bfree trial\b",
        r"\bget unlimited (?:digital )?access\b",
        r"\b(?:subscription|special|introductory|limited[- ]time) offer\b",
        r"[£$€]\s?\d+(?:[.,]\d+)?\s*(?:a|per|/|for(?: (?:\d+|one|two|three|six|twelve|the first))?)\s*(?:month|week|year)s?\b",
        # a metered paywall's count: "You have 2 free articles left", "This is your last free story"
        r"\b(?:\d+|one|two|three|four|five|last) free (?:articles?|stor(?:y|ies)|reads?)\b",
        r"\byou[’']ve (?:read|reached|used)\b.{0,30}\b(?:articles?|stories)\b",
        r"\bcancel (?:at )?any ?time\b",
    )),
    re.IGNORECASE,
)
_PAYWALL_CUES = re.compile(
    r"\b(?:subscri\w+|payment|my account|sign in|log in|login|register|trial|"
    r"premium|unlock|paywall|offer|membership|subscriber)\b",
    re.IGNORECASE,
)

_PAYWALL_BUTTONS = line_match(
    r"subscribe", r"sign in", r"log in", r"login", r"register", r"sign in or register",
    r"log in or register", r"my account", r"create (?:a free |an )?account", r"sign up",
)


def is_paywall(text: str) -> bool:
    """Subscription and payment notices, and sign-in or subscribe buttons.

    A story sentence that merely mentions a subscription survives: a notice
    phrase addressed to the reader ("update your payment details", "already a
    subscriber") claims a line of any length, but an offer phrase ("free
    trial", "$5 a month") or a pile of paywall words only claims a short line
    that speaks to the reader ("you", "Subscribe …") and reports nobody.
    """
    if _PAYWALL_BUTTONS.match(text) or (mentions(text, _NOTICE_WORDS) and _PAYWALL_NOTICE.search(text)):
        return True
    if len(words_in(text)) > 15 or REPORTED.search(text):
        return False
    if not speaks_to_reader(text):
        return False
    return bool(_PAYWALL_OFFER.search(text)) or len(_PAYWALL_CUES.findall(text)) >= 2


_NEWSLETTER = re.compile(
    "|".join((
        r"\b(?:sign up|signup|subscribe|register)\b.{0,40}?\bnewsletters?\b",
        r"\bnewsletters?\b[^.]{0,20}\bsign[ -]?up\b",
        r"\benter your (?:(?:first )?name and (?:your )?)?e-?mail(?: address)?\b",
        r"^\s*(?:get|receive) (?:the|our)\b[^.]{0,50}\bnewsletters?\b",
        r"\b(?:delivered|straight) (?:direct(?:ly)? )?to your inbox\b",
        (
            r"^\s*subscribe to (?:get|receive)\b.{0,60}\b(?:sent|delivered) (?:straight |direct(?:ly)? )?"
            r"to your (?:e-?mail|inbox)\b"
        ),
        r"\byour e-?mail address\b",
        r"\bsubscribe (?:for free )?to (?:receive|get) (?:new|the latest|future) (?:posts|issues|articles|stories)\b",
        r"\bby signing up\b",
        r"^\s*newsletters?\s*$", r"^\s*type your e-?mail\b",
        r"^\s*(?:you[’']ll|you will) (?:also )?(?:get|receive) (?:a|our|the) (?:\w+ ){0,2}newsletters?\b",
        r"^\s*(?:sign up|register) (?:now )?for (?:a |your )?(?:free )?(?:[\w.-]+ ){0,3}account\b",
        r"\bsuccess?fully subscribed\b",
        r"^\s*subscribe\s+no,? thanks\b",
        r"^\s*(?:get|receive) (?:breaking news|the latest|our)\b.{0,60}\b(?:alerts|e-?mails|newsletters?)\b",
        r"^\s*(?:breaking )?news(?:letter)? (?:alerts|e-?mails)\s*$",
        r"^\s*thank you for (?:signing up|subscribing)\W*$", r"^\s*you[’']re (?:in|subscribed|all set)!\s*$",
        r"^\s*there was an error\.? please try again\.?\s*$", r"^\s*sorry, there seem to be some issues\. please try again later\.?\s*$",
        # the form's other messages, hidden until it is sent: "Sign-up successful!", "Check your inbox to confirm"
        r"^\s*(?:sign[- ]?up|subscription|registration) (?:was )?successful\W*$",
        r"\bcheck your (?:inbox|e-?mail)\b.{0,30}\b(?:confirm|complete|verify|finish)\b",
        r"^\s*something went wrong\.? please try again\W*$",
        r"^\s*(?:skip past|after) newsletter promotion\s*$",
        r"^\s*(?:privacy notice\s*:\s*)?newsletters? may contain\b",
        r"^\s*(?:free )?(?:daily|weekly|monthly|morning|evening) newsletters?\s*$",
    )),
    re.IGNORECASE,
)
# Each of `_NEWSLETTER`'s phrases holds one of these.
_NEWSLETTER_WORDS = ("newsletter", "enter your", "to your inbox", "subscribe", "mail", "signing up", "type your",
                     "account", "alerts", "thank you for", "you’re", "you're", "please try again", "successful",
                     "check your")
# A sign-up form's consent line: "By subscribing, you agree to our terms", "We use your sign-up to …", "Your
# information is handled in line with our privacy statement"; and the site's terms under a form or in its
# footer: "Use of this site constitutes acceptance of …".
_CONSENT = re.compile(
    r"^\s*by (?:subscribing|signing up|registering|submitting|entering your e-?mail|clicking"
    r"|using (?:this|our) (?:web ?)?site)\b.{0,80}\byou (?:agree|accept|consent)\b.{0,40}"
    r"\b(?:our|the|its) (?:[\w-]+ )?(?:terms|privacy|user agreement|policy)"
    r"|\bwe use your sign-?up\b"
    # a form's tick box: "I would like to be emailed about offers and events from …"
    r"|^\s*i (?:would like|agree|consent|am happy) to (?:be (?:e-?mailed|contacted)|receive)\b.{0,60}"
    r"\b(?:offers|updates|news|newsletters?|e-?mails?|marketing)\b"
    r"|\byour (?:information|(?:personal )?data|details) (?:is|are|will be) (?:being )?"
    r"(?:handled|used|processed|held)\b.{0,80}\bprivacy\b"
    r"|\b(?:use of|registration on)\b.{0,40}\b(?:this|our|the) (?:web ?)?site constitutes (?:your )?"
    r"(?:acceptance|agreement)\b",
    re.IGNORECASE,
)
# One of these words, or "By" first: most lines are passed over unsearched.
_CONSENT_WORDS = ("privacy", "sign", "constitutes", "i would", "i agree", "i consent", "i am happy")
_CONSENT_LENGTH = 40  # words: a form's small print, not a story's paragraph


def _is_consent(text: str) -> bool:
    folded = text.casefold()
    return (
        (any(w in folded for w in _CONSENT_WORDS) or folded.lstrip().startswith("by "))
        and len(words_in(text)) <= _CONSENT_LENGTH
        and bool(_CONSENT.search(text))
    )


# A newsletter's blurb says what it sends and how often, the cadence a phrase of its own: "The week's best
# science, explained by our reporters. Every Thursday.", "Rides and shop news, once a month.", "One or two
# posts a month about …". A story's "the market opens every Thursday" runs on inside its sentence.
_DAYS = r"(?:day|morning|evening|week|weekday|weekend|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_CADENCE = re.compile(
    rf"(?:^|[,.:;—–]\s*)(?:free,?\s+|roughly\s+|about\s+)?(?:every (?:other )?{_DAYS}(?: morning| evening)?"
    r"|(?:once|twice|three times|\w+ or \w+ times|\d+ times) a (?:day|week|month|year)"
    r"|(?:delivered |sent )?(?:daily|weekly|monthly|fortnightly))"
    r"(?:\s+(?:at|by|before)\s+\d{1,2}(?:[.:]\d\d)?\s*[ap]\.?m\.?)?\s*[.!]",  # "…, every weekday at 6am."
    re.IGNORECASE,
)
_SENDS = re.compile(
    r"\b(?:one|two|a few|\d+)(?: or (?:two|three))? (?:[\w’'-]+ ){0,2}(?:posts?|e-?mails?|issues?|letters?|ideas?)"
    rf" (?:a|every|each|per)(?: other)? {_DAYS}\b",
    re.IGNORECASE,
)
_BLURB_WORDS = 30
# Words one of the two patterns needs: most lines have none, and are passed over without a search.
_CADENCE_WORDS = ("every", "each", "daily", "weekly", "monthly", "fortnightly", " per ",
                  " a day", " a week", " a month", " a year", " a morning", " an evening")


# ... or when it lands: "Delivered weekdays at 6 a.m.", "in your inbox every Tuesday" (or "at 6 a.m."), "… before
# 7am, Monday to Saturday", and a morning briefing's pitch, "Start every weekday with the stories that matter".
_DELIVERY = re.compile(
    r"^\s*(?:start|begin) (?:every|each|your) (?:\w+ )?(?:day|morning|weekday|week) with (?:the|our)\b.{0,60}"
    r"\b(?:stories|news|headlines)\b"
    r"|\b(?:delivered|sent)\s+(?:weekdays|weekday mornings|(?:every|each) (?:weekday|morning|day))\b"
    r"|\bin(?:to)? your inbox (?:every |each |(?:at|by|before) \d{1,2}(?:[.:]\d\d)?\s*[ap]\.?m\b)"
    r"|\b(?:briefing|newsletter|digest|bulletin)\b.{0,80}\bmonday (?:to|through|-|–) (?:friday|saturday|sunday)\b",
    re.IGNORECASE,
)

# Words `_DELIVERY` needs, looked for before it is searched.
_DELIVERY_WORDS = ("start", "begin", "deliver", "sent", "inbox", "monday")


def is_newsletter_blurb(text: str) -> bool:
    """What a newsletter sends and how often: "Our best opinion writing, plus the letters that push back.
    Twice a week.", "One or two posts a month about building software", "Delivered weekdays at 6 a.m."."""
    cadence = mentions(text, _CADENCE_WORDS)
    delivery = mentions(text, _DELIVERY_WORDS) and enabled("delivery_times")
    if not (cadence or delivery) or len(words_in(text)) > _BLURB_WORDS or reports(text):
        return False  # most lines have none of the words: passed over without a search
    if delivery and _DELIVERY.search(text):
        return True
    return cadence and bool(_CADENCE.search(text) or _SENDS.search(text))


_INBOX = re.compile(r"\bin(?:to)? your inbox\b", re.IGNORECASE)
_INBOX_WORDS = 15  # "The best of the Gazette, in your inbox every morning": a box's line, not a story's sentence


def is_newsletter(text: str) -> bool:
    """Newsletter sign-up boxes: "Sign up to our newsletter", "Enter your email address"."""
    boxed = ((mentions(text, _NEWSLETTER_WORDS) and bool(_NEWSLETTER.search(text))) or _is_consent(text)
             or (len(words_in(text)) <= _INBOX_WORDS and bool(_INBOX.search(text))))
    return boxed and not reports(text)


_COOKIE = re.compile(
    r"\bwe (?:also )?use (?:some )?(?:essential |necessary )?cookies\b|"
    r"^\s*cookies on (?:the |this |our )?[\w .’'-]{0,40}\b(?:website|site)\s*$|"
    r"^\s*cookies on [\w-]+(?:\.[\w-]+)+\s*$|"  # "Cookies on harbourgazette.example": a banner's title
    r"\b(?:set|use) (?:additional|optional|analytics|non-essential) cookies\b|"
    r"\b(?:accept|reject|allow|manage|view) (?:all |our |additional |optional |analytics |non-essential )?cookies\b|"
    r"\bcookie (?:policy|settings|preferences|notice|consent)\b|\bmanage (?:my )?preferences\b|"
    r"^\s*(?:accept|reject|agree)(?: all)?\s*$|"
    r"\bby continuing to (?:use|browse)\b|\b(?:site|website|we) uses? cookies\b|\bnecessary cookies\b|"
    r"\bcookies (?:to|that) (?:improve|give|ensure|personali[sz]e)\b|"
    r"\bwe (?:value|care about|respect) your privacy\b|"
    r"\b(?:store|use) and(?:/or)? access information on (?:a|your) device\b|"
    # the consent framework's banner: "We and our 212 partners store and access personal data …"
    r"\bwe and our (?:\d+ )?(?:partners|vendors)\b.{0,40}\b(?:store|access|process|use)\b|"
    r"\b(?:manage|your) (?:privacy|consent) (?:choices|options)\b|"
    r"\bdo not sell (?:or share )?my (?:personal )?info|"
    r"\bthe storing of cookies\b|^\s*by clicking (?:the )?[“\"']?(?:accept|agree|ok|allow|got it)",
    re.IGNORECASE,
)


_AUTHOR_NOTE = re.compile(
    r"\b(?:can|may) be (?:reached|contacted|emailed) (?:at|on|via)\b|"
    r"\bfollow (?:him|her|them|us|me) on (?:twitter|x|facebook|instagram|bluesky|threads)\b|"
    r"\bshare (?:it|this(?: story| article)?) with (?:a friend|your friends)\b|"
    r"^\s*(?:like|enjoyed?|love) this (?:story|article)\?|"
    # the writer's own number or address: "Reach Jane Morrow at 555-0100 or jmorrow@…", "Contact Jane at jm@…"
    r"^\s*(?:reach|contact|e-?mail) (?-i:[A-Z])[\w’'.-]+(?: (?-i:[A-Z])[\w’'.-]+){0,2} (?:at|on) [^\s@]*[@\d]",
    re.IGNORECASE,
)


def is_author_note(text: str) -> bool:
    """A note to the reader after the story: "Sam can be reached at …", "Follow him on Bluesky",
    "Enjoyed this article? Share it with your friends!", "Reach Sam Okafor at 555-0100"."""
    return len(words_in(text)) <= 40 and bool(_AUTHOR_NOTE.search(text))


# At the start of the line ...
_APPEAL_OPENING = re.compile(
    r"\s*(?:"
    + "|".join((
        r"(?:follow|like) (?:us|[\w.]+(?: [\w.]+){0,5}) on (?:social media|twitter|facebook|instagram|linkedin|x|"
        r"bluesky|threads|tiktok|youtube|google news|whatsapp|telegram|flipboard|apple news|mastodon)\b",
        r"(?:submit|send) (?:a |your )(?:\w+ ){0,2}(?:letter|question|story|tip|news|photo)s?\b",
        r"(?:have|got|do you have) (?:a |any )?(?:news )?(?:story|stories|tips?)\b[^?]{0,40}\?",  # a news desk's tip line
        r"(?:get|receive) (?:regular |the latest |daily |weekly )?(?:\w+ )?(?:updates|news|alerts)\b.{0,60}$",
        r"(?:have|got) (?:something to say|an opinion|a view)\b.{0,80}\bletter\b.*",  # "…? Send a letter to the editor"
        r"download (?:the|our) (?:full )?(?:report|study|guide|paper|brochure)\b.{0,40}$",
        r"subscribe to (?:\w+ ){0,3}(?:updates|newsletters?|feeds?|alerts|e-?mails?)\s*[.!]?\s*$",
        r"stay (?:up to date|up-to-date|informed|in the know|in touch|connected)(?: with\b.{0,40})?[.!]?\s*$",
        r"get (?:the|our) (?:\w+ ){0,3}app\s*[.!]?\s*$",
        r"(?:download on|get it on|available on) (?:the )?(?:app store|google play)\b",
        r"(?:donate|contribute|give|support us)(?: now| today| here| to (?:the )?[\w.&'’-]+(?: [\w.&'’-]+)?)?\s*[.!]?\s*$",
        r"(?:listen|subscribe) to (?:our|the) (?:\w+ ){0,3}podcast\b",
    ))
    + ")",
    re.IGNORECASE,
)
# ... or anywhere in it.
_APPEAL = re.compile(
    "|".join((
        r"\bdownload (?:the|our)\b.{0,40}\bapps?\b",
        r"\bsend us (?:a |an |your )?(?:message|e-?mail|tip|letter|story|photo|video|question)s?\b",
        r"\bwe(?: woul|[’']|)d? (?:want|love|like) to hear (?:from you|what you think|your)\b",
        r"\bwe want to hear (?:from you|what you think|your)\b",
        r"\bno spam\b|\b(?:you can )?unsubscribe (?:at )?any ?time\b",
        r"\b(?:we|it|(?-i:[A-Z])[\w.&’'-]*) rel(?:y|ies) on (?:your|(?:its |our )?readers)\b",
        r"\b(?:our|independent) journalism (?:depends|relies) on\b",
        # a newsletter's sign-off to its readers: "Thanks for reading The Valley Letter! …"
        r"^\W*thanks for reading (?-i:[A-Z])[\w’'.&-]*(?: [\w’'.&-]+){0,4}!",
        # "a monthly contribution keeps our reporters …", "your donation of $5 helps …"
        r"\b(?:a|your) (?:small |monthly |regular |annual |one-off )*(?:donation|contribution|membership)\b"
        r"(?: of \S+)? (?:keeps|covers|helps|funds|pays for|supports)\b",
        r"\bif you (?:found|find|enjoyed|enjoy|value|liked|like) (?:this|our|what)\b.{0,60}\bplease consider\b",
        # a newsroom that its readers keep: "… is funded by its readers", "If you value local reporting, please …"
        r"\bis (?:funded|owned|paid for) by (?:its|our) (?:readers|listeners)\b",
        r"\bif you value\b.{0,40}\b(?:journalism|reporting|news|stories|writing)\b.{0,60}"
        r"\b(?:support|donat|subscrib|becom|join)",
        r"^[^.]{0,60}\bis an? (?:independent,? )?non-?profit newsroom\b",
        # a newsletter's or a blog's own appeal: "… is a reader-supported publication", "consider becoming a paid
        # subscriber"
        r"^[^.]{0,60}\bis (?:an? )?(?:reader|listener|member)-(?:supported|funded)"
        r"(?: (?:publication|newsletter|site|blog|magazine|newsroom)\b|\s*[.!]?\s*$)",
        r"\bconsider becoming an? (?:free or paid |paid |free |founding )?(?:subscriber|member|supporter|patron)\b",
        r"\bwe pay for (?:your )?(?:stories|tips|videos|photos|pictures)\b",
        r"\b(?:we[’']re|we are|(?:our|the) (?:\w+ ){0,2}team is) hiring\b",
        r"\b(?:support|donate to|fund) (?:our|independent|local) (?:\w+ )?(?:journalism|reporting|newsroom)\b",
        r"\byour (?:support|donation|contribution|gift) (?:helps|allows|enables|keeps|lets) (?:us|fund|protect|restore|keep)\b",
        r"\bis a registered 501\(c\)\(3\)|\b(?:gifts|donations) are tax[- ]deductible\b",
        r"\bwherever you (?:get|listen to) your podcasts\b",
        # a sponsor's note: "This week's Valley Letter is supported by …", "This episode is brought to you by …"
        r"^\s*this (?:(?:week|month)[’']s (?:\S+ ){1,4}"
        r"|(?:issue|edition|newsletter|episode|post)(?: of (?:\S+ ){1,4})? )"
        r"is (?:supported|sponsored|brought to you|presented) by\b",
        r"\b(?:subscribe to|join|follow) (?:our|the) (?:[\w.-]+ ){0,3}(?:whatsapp|telegram|youtube|broadcast) channel\b",
        r"^\W*catch all the (?:[\w-]+,? ){0,10}(?:news|updates)\b",  # "(Catch all the Business News … on Example Times)"
    )),
    re.IGNORECASE,
)


# Each of `_APPEAL`'s phrases holds one of these.
_APPEAL_WORDS = (
    "download", "send us", "to hear", "no spam", "unsubscribe", "rely on", "relies on", "journalism",
    "thanks for reading", "donation", "contribution", "membership", "please consider", "readers", "listeners",
    "if you value", "profit newsroom", "consider becoming", "we pay for", "hiring", "reporting", "newsroom",
    "supported", "funded", "your support", "your gift", "501(c)(3)", "tax", "podcasts", "sponsored",
    "brought to you", "presented", "channel", "catch all the",
)


def is_reader_appeal(text: str) -> bool:
    """A call to the reader around a story: "Read us on the go: download our app", "Follow us on Bluesky",
    "Send us your photos", "We would love to hear from you", "You can unsubscribe any time", "We rely on
    readers to pay for it".
    The story's own sentences report; these ask the reader to do something for the site."""
    return len(words_in(text)) <= 40 and bool(
        _APPEAL_OPENING.match(text) or (mentions(text, _APPEAL_WORDS) and _APPEAL.search(text))
    )


# An address to write to ("news@example.com") ...
# ... under a question put to the reader: "Have a news tip?", "Do you know a school like this?"
_QUESTION = re.compile(
    r"(?:^|[.!?]\s)\W*"
    r"(?:(?:have|got|know|spotted|seen|heard)\b[^.!?]{3,120}|[^.!?]{0,120}\byou(?:r)?\b[^.!?]{0,120})\?",
    re.IGNORECASE,
)
_TIP_LINE_WORDS = 70


def is_tip_line(text: str) -> bool:
    """A newsroom's call for tips after a story: a question put to the reader, then an address to write to
    ("Have a news tip? Email the newsroom at news@…", "Know a library kept open by its readers? We would like
    to hear about it: tips@…"). A story may give an address ("Volunteers can email help@…"), never asking."""
    if "@" not in text or "?" not in text or len(words_in(text)) > _TIP_LINE_WORDS:
        return False
    address = EMAIL.search(text)
    if address is None or not _QUESTION.search(text[: address.start()]):
        return False
    return not opens_as_bio(text)  # "Jane Morrow covers the council. Have a tip? …" ends the story as a biography


# A note on the story's own changes: "Correction: An earlier version of this story gave …", "Updated 4 March:
# This article was amended to …". A story reports others' corrections; this one speaks of itself.
_REVISION = re.compile(
    r"^\W*(?:(?:correction|clarification|editor[’']?s note|update[ds]?)\b.{0,40}?:\s*)?"
    r"(?:an? (?:earlier|previous|original|prior) version of this (?:story|article|report|piece|post)\b"
    r"|this (?:story|article|report|piece|post) (?:has been|was|is being)"
    r" (?:updated|amended|corrected|changed|revised)\b)",
    re.IGNORECASE,
)
_REVISION_WORDS = 60


def is_revision_note(text: str) -> bool:
    """The site's note on a change to the story: "Correction: An earlier version of this report said …"."""
    return len(words_in(text)) <= _REVISION_WORDS and bool(_REVISION.match(text))


# A short question to the reader answered at once by what to do: "Want more recipes? Join our club.",
# "Lost your card? Get help here.". The verbs are the site's calls to action.
_CALL_TO_ACTION = re.compile(
    r"^\W{0,3}(?:[\w’'-]+ ){0,5}[\w’'-]+\?\s+(?:[\w—-]+ ){0,3}?"
    r"(?:join|sign up|subscribe|add|get|click|tap|follow|check out|download|read|try|shop|buy|see|visit|find|"
    r"head|grab|learn|discover|explore|watch|listen|email|e-mail)\b",
    re.IGNORECASE,
)


def is_call_to_action(text: str) -> bool:
    """A question to the reader followed by what to do about it: "Want more recipes? Join our cooking club.",
    "Missed the show? Watch it again here", "Hungry? Add everything to your basket". The site asks the
    reader to act; a story's question is answered by the story."""
    return len(words_in(text)) <= 40 and bool(_CALL_TO_ACTION.match(text))


# A site's note about its own advertising or affiliate income: a label ("Advertiser disclosure",
# "Editorial disclaimer: ...") at the start of the line, or the site speaking of what it earns.
_DISCLOSURE_LABEL = re.compile(
    r"\s*(?:note\s*:\s*)?(?:the |our )?(?:advertis(?:ing|er|ement)|affiliate|editorial|sponsor(?:ed|ship)?|partner)"
    r" (?:disclosures?|disclaimers?|polic(?:y|ies))\b",
    re.IGNORECASE,
)
_DISCLOSURE = re.compile(
    "|".join((
        r"\bthe (?:views|opinions) expressed (?:in this \w+ )?are (?:those of the author|the author[’']s own)",
        # "Opinions expressed by Ledgerline contributors are their own."
        r"^\s*(?:the )?(?:views|opinions) expressed (?:by|in) .{1,60}? are (?:their|his|her|the author[’']s) own\.?\s*$",
        # "Disclaimer: Comments expressed by readers on this site are their own and …"
        r"^\s*disclaimer\s*:\s*(?:the )?(?:views|opinions|comments) expressed (?:by|in) .{1,60}?"
        r" are (?:their|his|her) own\b",
        r"\b(?:this|our|the) (?:\w+ )?poll is (?:not |non-?)scientific\b",
        r"\b(?:we|i|this (?:site|blog|website|page|post|article|story))(?: \w+)? (?:may |might |will |can )?"
        r"(?:receive|earn|get|make|collect)s? (?:an? )?(?:small )?(?:affiliate )?(?:compensation|commissions?|a share|a portion|revenue)\b"
        r".{0,80}\b(?:links?|click\w*|purchases?|buy|products?|advertisers?|partners?|retailers?|sales?)\b",
        r"\b(?:if|when) you (?:buy|purchase|click|shop)\b.{0,60}\b(?:we|[A-Z][\w.]*) (?:may |might |will |can )?"
        r"(?:get|earn|receive|make|collect)\b.{0,30}\b(?:share|commission|compensation|portion|cut|money)\b",
        r"\b(?:this|our) (?:site|blog|website|post|article|page|story) (?:may )?(?:contains?|includes?|uses?) (?:affiliate links"
        r"|(?:\w+ ){0,2}(?:products|links) from (?:\w+ ){0,5}(?:advertisers|partners|sponsors))\b",
        r"\b(?:this (?:site|blog|website)|we|i) (?:is |are |am )?(?:a )?(?:participa\w+|members?|takes? part) (?:in|of) the\b.{0,50}"
        r"\bassociates? program\b",
    )),
    re.IGNORECASE,
)


# Each of `_DISCLOSURE`'s phrases holds one of these.
_DISCLOSURE_WORDS = ("expressed", "poll is", "compensation", "commission", "share", "portion", "revenue", "if you",
                     "when you", "affiliate links", "advertisers", "partners", "sponsors", "associate")


def is_disclosure(text: str) -> bool:
    """A site's disclosure of its advertising income: "Advertiser disclosure", "We may earn a commission
    when you buy through the links on this page", "This blog takes part in the … associates program".
    The story reports what others earn; here the site speaks of itself."""
    return len(words_in(text)) <= 60 and bool(
        _DISCLOSURE_LABEL.match(text) or (mentions(text, _DISCLOSURE_WORDS) and _DISCLOSURE.search(text))
    )


# A link to the site's privacy page ("Privacy Policy", "Read our privacy policy"): a short line only, since a
# story may report a privacy policy ("The company changed its privacy policy on Tuesday").
_PRIVACY_LINK = re.compile(r"\bprivacy (?:policy|settings|notice)\b", re.IGNORECASE)
_PRIVACY_LINK_WORDS = 6


# A word one of the banner patterns above needs: a line with none is passed over without a search.
_COOKIE_WORDS = ("cookie", "preferences", "accept", "reject", "agree", "continuing", "privacy", "consent", "device",
                 "do not sell", "by clicking", "partners", "vendors")


def is_cookie_notice(text: str) -> bool:
    """Cookie and consent banners: "We use cookies", "Accept all cookies", "Manage preferences", and the
    links to a site's privacy page."""
    if not mentions(text, _COOKIE_WORDS):
        return False
    if _COOKIE.search(text):
        return not reports(text)
    return len(words_in(text)) <= _PRIVACY_LINK_WORDS and bool(_PRIVACY_LINK.search(text))


# A box's button offering something for nothing or for sign-up: "Start your free 14-day trial", "Download the
# template", "Become a member", "Give to the planting fund →". A story's subheading offers nothing.
_OFFER_BUTTON = re.compile(
    r"^\W{0,2}(?:start|try|get|book|claim|request|download|become|join|create|give|donate|send me|grab|reserve"
    r"|register|sign up|subscribe|schedule)\b[^.!?:]{0,60}?"
    r"(?:\b(?:free|trial|demo|template|guide|member(?:ship)?|account|fund|audit|checklist|whitepaper|e-?book|pdf"
    r"|place|spot|seat|tickets?)\b[^.!?:]{0,30}|[→›»])\s*$",
    re.IGNORECASE,
)
_BUTTON_WORDS = 8


def is_offer_button(text: str) -> bool:
    """A call-to-action box's button: "Start your free 14-day trial", "Book my free audit", "Become a member"."""
    return len(words_in(text)) <= _BUTTON_WORDS and bool(_OFFER_BUTTON.match(text))
