"""Clean stage: turn a read `Document` into an `Article` holding the story alone.

Pages pasted from a browser, markdown files and saved HTML pages all carry
clutter around the story: paywall notices, captions, photo credits, share
buttons, adverts, lists of other stories. Everything that reaches `split` is
read aloud, so clean removes clutter with general rules that recognise the
*kind* of line (never one page's strings), anchors the story at its headline
and pulls out the byline and publication date.

    clean(doc) -> Article
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from narrate.article import Article, Block, Document
from narrate.errors import InputError

# --------------------------------------------------------------------------
# Whitespace
# --------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_space(text: str) -> str:
    """NFC, drop invisible characters, collapse runs of spaces and strip.

    Nothing else changes: quotes, ellipses and brackets are a later stage's job.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w’'.-]*|\d[\w’'.:,/-]*", re.UNICODE)
_SENTENCE_END = tuple(".!?…:;\"”’)]")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def _is_all_caps(text: str) -> bool:
    letters = _letters(text)
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _upper_share(text: str) -> float:
    letters = _letters(text)
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _key(text: str) -> str:
    """A comparison key: case, spacing and typographic quote styles ignored."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def _line_match(*patterns: str) -> re.Pattern[str]:
    """A case-insensitive pattern that must match the whole line."""
    return re.compile(r"^\s*(?:" + "|".join(patterns) + r")\s*[.!:…]*\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------
# Clutter rules: one predicate per kind of non-story line
# --------------------------------------------------------------------------

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
        r"\b(?:subscribers? only|exclusive (?:to|for) subscribers|only available to subscribers)\b",
        r"\bunlock (?:this article|this story|the full|full access|unlimited)\b",
    )),
    re.IGNORECASE,
)
_PAYWALL_OFFER = re.compile(
    "|".join((
        r"\b(?:subscribe|sign up|register|join) (?:now|today|here)\b",
        r"\b(?:start|begin) your (?:free )?(?:subscription|membership|trial)\b",
        r"\bfree trial\b",
        r"\b(?:subscription|special|introductory|limited[- ]time) offer\b",
        r"[£$€]\s?\d+(?:[.,]\d+)?\s*(?:a|per|/)\s*(?:month|week|year)",
        r"\bcancel (?:at )?any ?time\b",
    )),
    re.IGNORECASE,
)
_PAYWALL_CUES = re.compile(
    r"\b(?:subscri\w+|payment|my account|sign in|log in|login|register|trial|"
    r"premium|unlock|paywall|offer|membership|subscriber)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you[’']re|you[’']ve|you[’']ll)\b", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^\s*(?:subscribe|start|get|try|join|save|unlock|sign|register|log|claim|continue|read|"
    r"become|upgrade|renew|act|don[’']t miss|enjoy)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b", re.IGNORECASE)
_PAYWALL_BUTTONS = _line_match(
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
    if _PAYWALL_BUTTONS.match(text) or _PAYWALL_NOTICE.search(text):
        return True
    if len(_words(text)) > 15 or _REPORTED.search(text):
        return False
    if not (_SECOND_PERSON.search(text) or _IMPERATIVE.match(text)):
        return False
    return bool(_PAYWALL_OFFER.search(text)) or len(_PAYWALL_CUES.findall(text)) >= 2


def is_shouted_promo(text: str) -> bool:
    """A long ALL-CAPS line inside a story: "GET THE APP BY CLICKING HERE", a shouted
    link to another story. Real subheadings in capitals are short."""
    return _is_all_caps(text) and 8 <= len(_words(text)) <= 30 and not re.search(r"\d", text)


def is_section_label(text: str) -> bool:
    """A short ALL-CAPS line such as "WAR IN UKRAINE": a section or topic tag."""
    return _is_all_caps(text) and 1 <= len(_words(text)) <= 5 and not text.endswith(".")


_AGENCIES = (
    r"reuters|afp|getty(?: images)?|ap|pa|epa|efe|ansa|dpa|anp|alamy|shutterstock|bloomberg|"
    r"associated press|press association|pa media|pa wire|rex|rex features|xinhua|kcna|"
    r"tass|sputnik|ria novosti|zuma|zuma press|sipa|aap|nurphoto|istock|istockphoto|"
    r"corbis|wireimage|ap photo|afp photo|epa-efe|anadolu|anadolu agency|imago|picture alliance|"
    r"the times|the telegraph|the guardian|bbc"
)
_AGENCY_WORD = re.compile(rf"(?<![\w-])(?:{_AGENCIES})(?![\w-])", re.IGNORECASE)
_AGENCY_UPPER = re.compile(rf"(?<![\w-])(?:{_AGENCIES.upper()})(?![\w-])")
_CREDIT_PREFIX = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b|(?:photo(?:graph)?s?|image|picture|pic|credit|"
    r"illustration|video|source)\s*(?:credit)?\s*:)",
    re.IGNORECASE,
)


def is_photo_credit(text: str) -> bool:
    """A photo credit: "SPUTNIK/ARTEM GEODAKYAN/REUTERS", "Photo: AP", "© Alamy".

    Credits are short, carry a credit prefix, or are mostly upper-case with "/"
    separators or an agency name; a sentence naming Reuters is not a credit.
    """
    words = _words(text)
    if not words or len(words) > 12:
        return False
    if _CREDIT_PREFIX.match(text):
        return True
    if text.rstrip().endswith((".", "?", "!", "”", '"')):
        return False
    upper = _upper_share(text) >= 0.7
    if upper and ("/" in text or _AGENCY_UPPER.search(text)):
        return True
    if re.fullmatch(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s?/\s?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}", text.strip()):
        return len(words) >= 3  # "Jane Doe/ZDNet": a name and an outlet; "Israel/Gaza" is too short

    if _AGENCY_WORD.search(text) and len(words) <= 8:
        # "Jane Doe/Getty Images", "AFP via Getty Images": every word capitalised.
        small = {"via", "for", "and", "from", "the", "of"}
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in words)
    return False


_CREDIT_TAIL = re.compile(
    r"(?:\((?:photo(?:graph)?s?|image|picture|pic|credit|illustration)\s*(?:credit)?\s*:[^)]*\)"
    r"|\((?:[A-Z]{2,6}\s)?(?:photo|image|picture)s?\s?(?:/|by\b)[^)]*\)"
    r"|\b(?:photo(?:graph)?|image|picture|credit)\s*:\s*[^.!?]{1,60})\s*$",
    re.IGNORECASE,
)


def is_credited_caption(text: str) -> bool:
    """A caption that carries its own credit: "… (Photo: Jane Doe/AP)"."""
    return bool(_CREDIT_TAIL.search(text))


_AD_MARKER = _line_match(
    r"advertisement", r"advert", r"ad", r"ads", r"sponsored(?: content| post| links?)?",
    r"(?:the )?(?:story|article) continues below(?: (?:this )?advert(?:isement)?)?",
    r"(?:story|article|content) continues (?:after|below) (?:the |this )?(?:advert(?:isement)?|ad)",
    r"skip (?:this )?(?:advertisement|advert|ad)", r"continue reading (?:the )?(?:main )?story",
    r"(?:continue|keep) reading below",
    r"paid (?:content|partner content|post)", r"promoted(?: by .*)?", r"in partnership with .*",
)


def is_ad_marker(text: str) -> bool:
    """Advertisement slots: "Advertisement", "Story continues below advertisement"."""
    return bool(_AD_MARKER.match(text))


_TRAILER = _line_match(
    r"promoted content", r"related (?:articles?|stories|content|coverage|reading|topics|links)",
    r"more (?:from|on|in|about) .{1,40}", r"more (?:stories|news|articles|to explore)",
    r"you (?:may|might) (?:also )?(?:like|be interested in|have missed)",
    r"most (?:read|popular|viewed|shared|watched)", r"recommended(?: for you| reading| stories)?",
    r"(?:what|read|watch) (?:to read )?next", r"top stories", r"trending(?: now| news| stories)?",
    r"more(?: \w+){0,3} (?:stories|news|articles|videos|coverage)",
    r"around the web", r"from around the web", r"latest (?:news|stories)",
    r"join the (?:conversation|discussion)",
    r"explore more", r"elsewhere on .{1,30}", r"don't miss", r"popular now",
    r"(?:top rated|latest|reader(?:s[’']?)?|\d+) comments?(?: \(\d+\))?", r"comments \(\d+\)",
    r"post navigation", r"(?:leave|post|add|write) a (?:comment|reply).*", r"tell us what you think",
    r"(?:previous|next|older|newer) (?:post|article|story)\b.*", r"popular posts", r"about the author",
)


def is_trailer(text: str) -> bool:
    """The start of an end-of-story list: "PROMOTED CONTENT", "Related articles", "Most read"."""
    return (
        bool(_TRAILER.match(text))
        and len(_words(text)) <= 12
        and not text.rstrip().endswith((".", "!", "?"))
    )


_SHARE_WORDS = frozenset(
    "share shares sharing this article story page post link on via to with your friends "
    "facebook twitter x linkedin whatsapp email e-mail tweet copy copied save saved "
    "comments comment print pinterest reddit messenger telegram bluesky threads "
    "gift bookmark send listen follow us pocket mix flipboard tumblr all sharing options buttons url "
    "short get addthis shares".split()
)
_SHARE_ACTIONS = frozenset(
    "share tweet copy save print email e-mail comment comments whatsapp facebook twitter "
    "linkedin pinterest reddit gift bookmark send listen follow sharing shares pocket flipboard url".split()
)


def is_share_button(text: str) -> bool:
    """Sharing tools: "Share", "Share on Facebook", "Copy link", "Comments", "Print"."""
    words = [w.lower() for w in re.findall(r"[\w-]+", text) if not w.isdigit()]
    if not words or len(words) > 6:
        return False
    return all(w in _SHARE_WORDS for w in words) and any(w in _SHARE_ACTIONS for w in words)


_READ_MORE = re.compile(
    r"^\s*(?:read more|read also|also read|see also|related|more|watch|listen|read|"
    r"read the full story|click here|continue reading)\s*(?::|»|›|>|→|$)|^\s*also on [\w-]+\.[a-z]{2,}\b",
    re.IGNORECASE,
)


def is_read_more(text: str) -> bool:
    """Cross-links: "Read more", "READ MORE: …", "Related: …", "See also: …"."""
    return bool(_READ_MORE.match(text))


_NEWSLETTER = re.compile(
    "|".join((
        r"\b(?:sign up|signup|subscribe|register)\b.{0,40}?\bnewsletters?\b",
        r"\bnewsletters?\b[^.]{0,20}\bsign[ -]?up\b",
        r"\benter your e-?mail(?: address)?\b",
        r"^\s*(?:get|receive) (?:the|our)\b[^.]{0,50}\bnewsletters?\b",
        r"\b(?:delivered|straight) (?:direct(?:ly)? )?to your inbox\b",
        r"\byour e-?mail address\b",
        r"\bby signing up\b",
        r"\bsuccess?fully subscribed\b",
        r"^\s*subscribe\s+no,? thanks\b",
        r"^\s*(?:get|receive) (?:breaking news|the latest|our)\b.{0,60}\b(?:alerts|e-?mails|newsletters?)\b",
        r"^\s*(?:breaking )?news(?:letter)? (?:alerts|e-?mails)\s*$",
    )),
    re.IGNORECASE,
)


def is_newsletter(text: str) -> bool:
    """Newsletter sign-up boxes: "Sign up to our newsletter", "Enter your email address"."""
    return bool(_NEWSLETTER.search(text))


_COOKIE = re.compile(
    r"\bwe use cookies\b|\b(?:accept|reject|allow|manage) (?:all |our )?cookies\b|"
    r"\bcookie (?:policy|settings|preferences|notice|consent)\b|\bmanage (?:my )?preferences\b|"
    r"^\s*(?:accept|reject|agree)(?: all)?\s*$|\bprivacy (?:policy|settings)\b|"
    r"\bby continuing to (?:use|browse)\b|\b(?:site|website|we) uses? cookies\b|\bnecessary cookies\b|"
    r"\bcookies (?:to|that) (?:improve|give|ensure|personali[sz]e)\b",
    re.IGNORECASE,
)


_AUTHOR_NOTE = re.compile(
    r"\b(?:can|may) be (?:reached|contacted|emailed) (?:at|on|via)\b|"
    r"\bfollow (?:him|her|them|us|me) on (?:twitter|x|facebook|instagram|bluesky|threads)\b|"
    r"^\s*(?:have|got) a (?:news )?tip\?|"
    r"\bshare (?:it|this(?: story| article)?) with (?:a friend|your friends)\b|"
    r"^\s*(?:like|enjoyed?|love) this (?:story|article)\?",
    re.IGNORECASE,
)


def is_author_note(text: str) -> bool:
    """A note to the reader after the story: "Have a tip? Jane may be reached at …",
    "Follow her on Twitter", "Like this story? Share it with a friend!"."""
    return len(_words(text)) <= 40 and bool(_AUTHOR_NOTE.search(text))


def is_cookie_notice(text: str) -> bool:
    """Cookie and consent banners: "We use cookies", "Accept all cookies", "Manage preferences"."""
    return bool(_COOKIE.search(text))


_FURNITURE = _line_match(
    r"skip to (?:the )?(?:main )?(?:content|article|navigation|search|footer)",
    r"(?:open |close |main )?(?:menu|navigation|search)", r"close", r"back to top",
    r"you are (?:signed|logged) in as.*", r"(?:sign|log) ?out",
    r"(?:show|view|load) more(?: sharing options| comments| stories)?",
    r"terms (?:of (?:use|service)|and conditions|& conditions)", r"contact us",
    r"about us", r"advertise(?: with us| with .{1,30})?",
    r"(?:all rights reserved.*|.*all rights reserved)",
    r"click to (?:share|email|print|open).*", r".*\(opens in (?:a )?new (?:window|tab)\)",
    r"\d+ min(?:ute)?s? read", r"\d+\s?(?:[smhd]|mins?|minutes?|hours?|hrs?|days?) ago",
    r".*\b(?:requires?|enable) javascript\b.*", r"follow (?:us|[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}) on(?: \w+){0,3}", r"tags?:(?:\s*\S+){0,8}", r"reply", r"sharing is caring",
)


def is_site_furniture(text: str) -> bool:
    """Page furniture around any article: "Skip to content", "Menu", "Terms of use",
    "All rights reserved", "Click to share on Reddit (Opens in new window)"."""
    return bool(_FURNITURE.match(text))


_BYLINE = re.compile(
    r"^\s*[Bb][Yy]\s+(?P<names>[A-Z\u00c0-\u024f][\w’'.-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w’'.-]*|"
    r"and|&|de|van|von|der|da|di|le|la|bin|al|el)){0,12})"
    r"(?P<rest>\s*(?:[,|•·–—-].{0,60})?)\s*$",
)


def byline_of(text: str) -> str | None:
    """The names in a byline line ("By Jane Smith and John Doe"), else None."""
    match = _BYLINE.match(text)
    if not match or len(_words(text)) > 16:
        return None
    names = _ROLE_AFTER_NAME.sub("", match.group("names").strip())
    if len(_words(names)) < 1:
        return None
    return names


# A job title run on after the names: "By Meg James Staff Writer".
_ROLE_AFTER_NAME = re.compile(
    r"(?:\s+(?:Senior|Chief|Staff|Political|Business|Sports?|Deputy|Associate|Contributing|Special"
    r"|Foreign|Economics|Science|Health|Technology|Tech|Local|News|Home|Legal|Security|Defen[cs]e"
    r"|Diplomatic|Education|Environment|Arts|Auto|Investigations?))*"
    r"\s+(?:Writer|Editor|Correspondent|Reporter|Columnist|Contributor|Producer)s?$"
)


def is_byline(text: str) -> bool:
    """A byline: "By Jane Smith", "By Jane Smith and John Doe, Seoul"."""
    return byline_of(text) is not None


_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_WORDS = frozenset(
    _MONTHS
    + "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun updated update published posted last first modified created on at am pm a.m. "
    "p.m. gmt bst utc cet cest est edt pst pdt et pt ist jst kst hkt aest aedt the of "
    "today yesterday ago hours hour minutes minute mins days day".split()
)
_DATE_PREFIX = re.compile(
    r"^\s*(?:(?:last |first )?(?:updated|published|posted|modified)(?: on| at)?|date)\s*:?\s*",
    re.IGNORECASE,
)
_HAS_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:"
    + "|".join(_MONTHS)
    + r")\b\.?|\b(?:today|yesterday|ago)\b",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """A dateline: "Updated 5 November 2023, 10:00am", "Sun 5 Nov 2023 12.00 GMT".

    Almost every word must be a date word or number, so a sentence that
    contains a date is not a dateline.
    """
    words = re.findall(r"[A-Za-z.]+|\d+", text)
    if not words or len(words) > 20 or not _HAS_DATE.search(text):
        return False
    if not re.search(r"\d", text) and not _DATE_PREFIX.match(text):
        return False
    dated = sum(1 for w in words if re.fullmatch(r"[\d:.,/-]+", w) or w.lower().strip(".") in _DATE_WORDS
                or w.lower() in _DATE_WORDS)
    return dated / len(words) >= 0.8


_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME_RE = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4}\b)?"
# One date in a line, with what usually rides along: a "Published:" prefix, a
# weekday, a time and a time zone ("Updated Tue 5 Mar 2024, 10.30am GMT").
_DATE_IN_LINE = re.compile(
    r"(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified)(?:\s+on|\s+at)?\s*:?\s*)?"
    r"(?:" + _TIME_RE + r"[,\s]+(?:on\s+)?)?"
    r"(?:" + _WEEKDAY_RE + r"\s+)?"
    r"(?P<date>" + _DAY_RE + r"\s+" + _MONTH_RE + r",?\s+\d{4}"
    r"|" + _MONTH_RE + r"\s+" + _DAY_RE + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b)"
    r"(?P<time>(?:[,\s]+(?:at\s+)?" + _TIME_RE + r")?)",
    re.IGNORECASE,
)
_US_ZONE = re.compile(r"\b(?:E[SD]T|C[SD]T|M[SD]T|P[SD]T|ET|PT)\b")


def _numeric_date(text: str, day_first: bool) -> str | None:
    """5/3/2024 as ISO: day first (British), unless a part cannot be a month or a US zone says otherwise."""
    from datetime import date

    a, b, y = (int(x) for x in re.split(r"[/.]", text))
    year = y + 2000 if y < 100 else y
    day, month = (a, b) if day_first else (b, a)
    if month > 12:
        day, month = month, day
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def published_of(text: str) -> str | None:
    """The ISO 8601 date (YYYY-MM-DD) in a dateline, when it can be parsed.

    The date is looked for inside the line, so a byline or a time around it
    does not stop it being read. An all-number date is read day first, as in
    British and most other news, unless a US time zone is named.
    """
    from datetime import datetime

    stripped = _DATE_PREFIX.sub("", text)
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", stripped)
    if iso:
        return iso.group(0)
    if re.search(r"\b(?:today|yesterday|ago)\b", stripped, re.IGNORECASE):
        return None  # relative to a moment we do not know
    found = _DATE_IN_LINE.search(stripped)
    if found and re.fullmatch(r"[\d/.]+", found.group("date")):
        return _numeric_date(found.group("date"), day_first=not _US_ZONE.search(text))
    if found:
        stripped = found.group("date")
    elif not re.search(r"\b\d{4}\b", stripped):
        return None  # "November 20": no year, and a guessed one is worse than none
    import dateparser  # slow to import: only when a dateline is found

    cleaned = re.sub(r"[•|·]", " ", stripped)
    cleaned = re.sub(r"\b(\d{1,2})\.(\d{2})\b", r"\1:\2", cleaned)  # 12.00 GMT
    parsed: datetime | None = dateparser.parse(
        cleaned, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                             "REQUIRE_PARTS": ["year"]}
    )
    return parsed.date().isoformat() if parsed else None


_BY_NAME = re.compile(r"(?:^|[\s|•·,])(?:written )?by\s*:?\s+[A-Z\u00c0-\u024f]", re.IGNORECASE)


def is_dated_byline(text: str) -> bool:
    """A byline run together with its date: "By Jane Doe November 19, 2019, 07:47 PM EST",
    "Monday November 18, 2019 7:45 am PST by Joe Bloggs", "November 12, 2018 | BY: Staff"."""
    words = _words(text)
    if not words or len(words) > 20 or not _BY_NAME.search(text):
        return False
    if text.rstrip().endswith((".", "!", "?")) and not re.search(r"\b(?:[ap]\.m|ET|GMT)\.?$", text):
        return False
    return bool(_HAS_DATE.search(text)) and bool(re.search(r"\d", text))


_NAME_PART = re.compile(
    r"^(?P<names>[A-Z\u00c0-\u024f][\w’'.-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w’'.-]*|"
    r"and|&|de|van|von|der|da|di|le|la|bin|al|el)){1,6})(?:\s*,\s*[A-Z][\w\s’'.-]{0,40})?$"
)
_SEPARATORS = " \t|•·,;:–—-"


def _name_before_date(text: str) -> str | None:
    """The names in "Jane Smith Tue 5 Mar 2024 10.30 GMT" or "Jane Smith | 5 March 2024".

    A name alone before a date is a byline only when a weekday, a time or a
    separator shows the date is a dateline, so "Storm Ciara 9 February 2020" is not.
    """
    found = _DATE_IN_LINE.search(text)
    if found is None or text[found.end() :].strip(_SEPARATORS) or len(_words(text)) > 16:
        return None
    head = text[: found.start()]
    plain = _NAME_PART.match(head.strip(_SEPARATORS))
    if not plain or re.match(r"(?:written\s+)?by\b", head.strip(), re.IGNORECASE):
        return None
    dated = (
        re.search(r"[|•·]", head)
        or found.group("time")
        or re.match(r"(?:[^\d]*\s)?" + _WEEKDAY_RE + r"\s", found.group(0), re.IGNORECASE)
    )
    return plain.group("names") if dated else None


def is_named_dateline(text: str) -> bool:
    """A byline without "By", run together with its date: "Jane Smith Tue 5 Mar 2024 10.30 GMT"."""
    return _name_before_date(text) is not None


def metadata_of(text: str) -> tuple[str | None, str | None]:
    """(byline names, ISO date) from a byline or dateline, either or both in one line.

    Reads "By Jane Smith, Political Editor | Updated 5 March 2024, 10:30am",
    "Jane Smith Tue 5 Mar 2024 10.30 GMT", "Published: 05/03/2024" and
    "Monday November 18, 2019 7:45 am PST by Joe Bloggs". Only lines the
    clutter rules drop are read, so a sentence in the story that names a
    person and a date gives nothing.
    """
    if named := _name_before_date(text):
        found = _DATE_IN_LINE.search(text)
        return named, published_of(found.group(0)) if found else None
    if not (is_byline(text) or is_date_line(text) or is_dated_byline(text)):
        return None, None
    found = _DATE_IN_LINE.search(text)
    if found is None:
        return byline_of(text), (published_of(text) if is_date_line(text) else None)
    names: str | None = None
    for part in (text[: found.start()], text[found.end() :]):
        part = re.sub(r"^(?:written\s+)?by\s*:?\s*", "By ", part.strip(_SEPARATORS), flags=re.IGNORECASE)
        if part.startswith("By ") and (names := byline_of(part)):
            break
    return names, published_of(found.group(0))


# The line rules, applied in order to every line after the headline. Section
# labels are handled by position (see `_drop_clutter`).
LINE_RULES: tuple[Callable[[str], bool], ...] = (
    is_paywall,
    is_ad_marker,
    is_photo_credit,
    is_credited_caption,
    is_share_button,
    is_read_more,
    is_newsletter,
    is_author_note,
    is_shouted_promo,
    is_cookie_notice,
    is_site_furniture,
    is_byline,
    is_date_line,
    is_dated_byline,
    is_named_dateline,
)


# Every rule the benchmark's ablation can switch off, by name.
RULES: tuple[str, ...] = (
    *(rule.__name__ for rule in LINE_RULES),
    "is_trailer", "is_section_label", "end_of_story", "drop_captions", "drop_repeats", "title_echo",
    "add_split_body",
)

# Rules switched off by name, for the benchmark's ablation (`--ablate`): empty in use.
DISABLED: set[str] = set()


def enabled(name: str) -> bool:
    """Whether the rule `name` is on (the benchmark switches rules off one at a time)."""
    return name not in DISABLED


def _line_rule(text: str) -> bool:
    return any(rule(text) for rule in LINE_RULES if rule.__name__ not in DISABLED)


def is_clutter(text: str) -> bool:
    """True when any line rule, the trailer rule or the section-label rule claims the line."""
    return (
        _line_rule(text)
        or (enabled("is_trailer") and is_trailer(text))
        or (enabled("is_section_label") and is_section_label(text))
    )


# --------------------------------------------------------------------------
# Headline anchoring
# --------------------------------------------------------------------------


def _looks_like_menu(text: str) -> bool:
    """Navigation such as "Home News Sport Business": capitalised words, no punctuation."""
    words = text.split()
    return len(words) >= 3 and all(w[:1].isupper() for w in words) and not re.search(
        r"[,:;’'‘“”\"?!()–—-]", text
    )


def looks_like_headline(text: str) -> bool:
    """3 to 25 words, no closing full stop, not shouted, not clutter, dateline or byline."""
    n = len(_words(text))
    return (
        3 <= n <= 25
        and not text.rstrip().endswith((".", ":", ","))
        and not _is_all_caps(text)
        and not is_clutter(text)
        and not _looks_like_menu(text)
    )


# A headline is followed by prose and, within a few lines, by a paragraph of at
# least this many words. Menus and teasers are followed by more menus.
_STORY_WORDS = 20
_STORY_REACH = 8


def _story_follows(blocks: Sequence[Block], index: int, strict: bool) -> bool:
    """A story paragraph comes soon; strictly, prose (not a menu) comes next."""
    following = [b for b in blocks[index + 1 :] if not is_clutter(b.text)][:_STORY_REACH]
    if strict and (not following or len(_words(following[0].text)) < 3):
        return False
    return any(len(_words(b.text)) >= _STORY_WORDS for b in following)


def _title_echo_index(blocks: Sequence[Block]) -> int | None:
    """A page pasted whole starts with its title ("Headline | Site"); where the
    headline itself comes again above a story, that line is the headline."""
    if len(blocks) < 2:
        return None
    first = blocks[0].text
    keys = {_key(first), _key(strip_site_name(first))}
    if len(_words(strip_site_name(first))) < 3:
        return None
    for i in range(1, len(blocks)):
        if _key(blocks[i].text) in keys and _story_follows(blocks, i, strict=False):
            return i
    return None


def _headline_index(blocks: Sequence[Block]) -> int | None:
    """The page title's echo above a story; else the first headline-like line with
    prose and then a story under it; failing that, with a story under it; failing
    that the first headline-like line; and failing that the first line that is not
    clutter."""
    echo = _title_echo_index(blocks) if enabled("title_echo") else None
    if echo is not None:
        return echo
    candidates = [i for i, b in enumerate(blocks) if looks_like_headline(b.text)]
    for strict in (True, False):
        for i in candidates:
            if _story_follows(blocks, i, strict):
                return i
    if candidates:
        return candidates[0]
    return next((i for i, b in enumerate(blocks) if not is_clutter(b.text)), None)


# --------------------------------------------------------------------------
# Sequence rules: ones that need a line's neighbours
# --------------------------------------------------------------------------


def drop_captions(blocks: Sequence[Block]) -> list[Block]:
    """Drop image captions found by their neighbours.

    A line repeated at once is an image's alt text plus its caption: both go,
    with a credit that follows. A short line that does not end a sentence and
    is followed by a photo credit is a caption (a story sentence before an
    uncaptioned picture's credit stays). One left-to-right pass, so a removal
    never creates new neighbours.
    """
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        text = blocks[i].text
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else None
        if nxt is not None and _key(nxt) == _key(text) and blocks[i].kind == "paragraph":
            i += 2
            while i < len(blocks) and is_photo_credit(blocks[i].text):
                i += 1
            continue
        if (
            nxt is not None
            and is_photo_credit(nxt)
            and blocks[i].kind == "paragraph"
            and len(_words(text)) <= 40
            and not text.rstrip().endswith((".", "!", "?"))
            and not is_clutter(text)
        ):
            i += 2
            continue
        kept.append(blocks[i])
        i += 1
    return kept


def cut_at_trailer(blocks: Sequence[Block]) -> list[Block]:
    """End the story at the first end-of-story list once the story has begun.

    Before that (fewer than two prose paragraphs kept), a "Most popular" box is
    dropped with the teaser lines listed under it, and the story goes on.
    """
    kept: list[Block] = []
    prose = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if is_trailer(block.text):
            if prose >= 2:
                break
            while i < len(blocks) and not _is_prose(blocks[i].text) and not is_trailer(blocks[i].text):
                i += 1
            continue
        kept.append(block)
        if block.kind == "paragraph" and _is_prose(block.text) and not is_clutter(block.text):
            prose += 1
    return kept


def _is_prose(text: str) -> bool:
    """A line of running prose: a sentence or more, not a link or a label."""
    n = len(_words(text))
    return n >= 20 or (n >= 8 and _ends_sentence(text) and not _is_all_caps(text))


def _line_score(block: Block) -> float:
    """Story evidence of a line: prose counts its words, known clutter nothing (its
    own rule removes it), anything else costs a little."""
    if _is_prose(block.text):
        return float(len(_words(block.text)))
    if is_clutter(block.text):
        return 0.0  # removed anyway, by its own rule
    return -float(min(max(len(_words(block.text)), 2), 8))


# Each further short line in an unbroken run costs more: a long run of links
# after the last paragraph is a page's furniture, not a list inside the story.
_RUN_GROWTH = 4
# A gap of short lines costing this much ends the story outright, whatever prose
# (an author's biography, a site's blurb, cookie notices) comes after.
_GAP_LIMIT = 60
_GAP_AFTER_WORDS = 150  # ... once the story has this many words of prose
_LEAD_RUN = 3  # short lines in a row after the headline: a teaser box, not a standfirst


def end_of_story(blocks: Sequence[Block]) -> list[Block]:
    """Cut a pasted page to its story.

    Under the headline, prose lines are evidence of the story and short lines
    (menus, teaser headlines, footer links) evidence against, each further
    line of an unbroken run more so. The story is the stretch where the
    balance peaks, so a subheading between paragraphs stays while the lists
    after the last paragraph go. Lines between the headline and that stretch
    (a standfirst, a byline) stay unless a run of short lines separates them
    from the headline: that is a teaser box, and goes.
    """
    best, best_start, best_end = 0.0, 0, 0
    total, start, run, gap = 0.0, 0, 0, 0.0
    for i, block in enumerate(blocks):
        score = _line_score(block)
        if score > 0:
            run, gap = 0, 0.0
        elif score < 0 or run:  # known clutter neither costs nor breaks a run
            run += 1
            score *= 1 + run / _RUN_GROWTH
            gap -= score
            if best >= _GAP_AFTER_WORDS and gap > _GAP_LIMIT:
                break
        total += score
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_start, best_end = total, start, i + 1
    if not best_end:
        return list(blocks)
    lead: list[Block] = []
    short = 0
    keys = [_key(b.text) for b in blocks[:best_start]]
    for block, key in zip(blocks[:best_start], keys):
        if _line_score(block) < 0 and keys.count(key) == 1:  # a doubled caption is drop_captions' job
            short += 1
        if short >= _LEAD_RUN:
            lead = []
            break
        lead.append(block)
    return lead + list(blocks[best_start:best_end])


def _drop_clutter(blocks: Sequence[Block]) -> list[Block]:
    """Apply the line rules; a section label before the first paragraph is dropped,
    one inside the story is a subheading."""
    kept: list[Block] = []
    begun = False
    for block in blocks:
        text = block.text
        if _line_rule(text):
            continue
        if enabled("is_section_label") and is_section_label(text):
            if not begun:
                continue
            kept.append(Block("heading", text))
            continue
        kept.append(block)
        begun = begun or block.kind == "paragraph"
    return kept


def _in_repeated_run(keys: Sequence[str], original: int, repeat: int) -> bool:
    """Whether a repeated block sits in a repeated stretch (a second menu, a second
    set of steps) rather than alone, as a pull quote or an image's alt text does."""
    before = original > 0 and keys[original - 1] == keys[repeat - 1] and original - 1 != repeat - 1
    after = repeat + 1 < len(keys) and keys[original + 1] == keys[repeat + 1] and original + 1 != repeat
    return before or after


def drop_repeats(title: str, blocks: Sequence[Block]) -> list[Block]:
    """Every story sentence once: drop a repeat of the headline or of a kept block,
    and a pull quote that another paragraph already holds."""
    title_key = _key(title)
    all_keys = [_key(b.text) for b in blocks]
    first: dict[str, int] = {}
    kept: list[Block] = []
    for i, (block, key) in enumerate(zip(blocks, all_keys)):
        if key == title_key:
            continue
        j = first.setdefault(key, i)
        if j != i and not _in_repeated_run(all_keys, j, i):
            continue
        kept.append(block)
    keys = [_key(b.text) for b in kept]
    result: list[Block] = []
    for i, block in enumerate(kept):
        key = keys[i].strip("\"'“”‘’ ")
        pulled = (
            block.kind == "paragraph"
            and len(key.split()) >= 6
            and any(j != i and len(k) > len(keys[i]) and key in k for j, k in enumerate(keys))
        )
        if not pulled:
            result.append(block)
    return result


# --------------------------------------------------------------------------
# Turning text into candidate blocks
# --------------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _starts_lower(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()


def join_wrapped(lines: Sequence[str]) -> list[str]:
    """Rejoin hard-wrapped lines: a line not ending a sentence continues into a
    following line that starts in lower case."""
    joined: list[str] = []
    for line in lines:
        if joined and not _ends_sentence(joined[-1]) and _starts_lower(line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _text_blocks(text: str) -> list[Block]:
    """Plain text: every non-blank line is a block, after rejoining wrapped lines."""
    lines = [normalise_space(line) for line in text.splitlines()]
    runs: list[list[str]] = [[]]
    for line in lines:  # blank lines end a run: never join across them
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [Block("paragraph", line) for run in runs for line in join_wrapped(run)]


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MD_EMPHASIS = (
    re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
_MD_CODE = re.compile(r"`+([^`]*)`+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def table_row(line: str) -> str:
    """A markdown table row read as a list: "| 1 | Kyle Busch | 5040 |" -> "1, Kyle Busch, 5040"."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return ", ".join(cell for cell in cells if cell)


_ESCAPE_BASE = 0xF0000  # a private-use plane: holds escaped characters meanwhile


def strip_inline_markdown(text: str) -> str:
    """Links become their text; images, emphasis markers and code ticks go."""
    text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPE_BASE + ord(m.group(1))), text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in _MD_EMPHASIS:
        while True:
            new = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
            if new == text:
                break
            text = new
    text = _MD_CODE.sub(r"\1", text)
    text = re.sub(r"[\U000f0000-\U000f00ff]", lambda m: chr(ord(m.group(0)) - _ESCAPE_BASE), text)
    return normalise_space(text)


def _markdown_blocks(text: str, line_blocks: bool = False) -> list[Block]:
    """Markdown: headings, and paragraphs of consecutive non-blank lines.

    With `line_blocks`, every line is its own block (as for pasted text); used
    for extractor output, where one line is one element of the page.
    """
    blocks: list[Block] = []
    para: list[str] = []
    in_fence = False

    def flush() -> None:
        lines = [strip_inline_markdown(line) for line in para]
        lines = [line for line in lines if line]
        if line_blocks:
            blocks.extend(Block("paragraph", line) for line in join_wrapped(lines))
        elif lines:
            blocks.append(Block("paragraph", " ".join(lines)))
        para.clear()

    raw = text.splitlines()
    for n, line in enumerate(raw):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence or _MD_REF_DEF.match(line):
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            title = strip_inline_markdown(heading.group(2))
            if title:
                blocks.append(Block("heading", title))
            continue
        if _MD_SETEXT.match(line) and len(para) == 1 and not _MD_LIST.match(para[0]):
            title = strip_inline_markdown(para[0])
            para.clear()
            if title:
                blocks.append(Block("heading", title))
            continue
        if _MD_RULE.match(line) or not line.strip():
            flush()
            continue
        if _MD_TABLE_RULE.match(line):
            continue
        if _MD_TABLE_ROW.match(line):
            flush()
            para.append(table_row(line))
            flush()
            continue
        content = _MD_QUOTE.sub("", line)
        if _MD_LIST.match(content):
            flush()
            content = _MD_LIST.sub("", content)
        if not content.strip():
            flush()
            continue
        para.append(content)
    flush()
    return blocks


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Extracted:
    text: str
    title: str | None
    author: str | None
    date: str | None


def _extract_html(doc: Document) -> _Extracted:
    """Let trafilatura find the article in a page; markdown keeps its headings."""
    return _extract_page(doc.text, doc.source)


@functools.lru_cache(maxsize=2)  # the benchmark's ablation cleans one page many times
def _extract_page(html: str, source: str) -> _Extracted:
    import trafilatura  # heavy: only for HTML input

    body = trafilatura.extract(
        html,
        favor_precision=True,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        with_metadata=False,
    )
    if not body or not body.strip():
        raise InputError(
            f"{source}: no article found in this HTML page",
            "Save the article's own page, or paste its text into a .txt file",
        )
    meta = trafilatura.extract_metadata(html)
    title = author = date = None
    if meta is not None:
        sitename = meta.sitename or ""
        title = strip_site_name(normalise_space(meta.title), sitename) if meta.title else None
        author = author_of(meta.author, sitename) if meta.author else None
        date = meta.date[:10] if meta.date and re.match(r"\d{4}-\d{2}-\d{2}", meta.date) else None
    return _Extracted(body, title or None, author or None, date)


# Account names a publishing system fills in when nobody signed the story.
_NOT_A_PERSON = re.compile(r"^(?:\w*admin\w*|administrator|editorial|webmaster|user|guest|root|author)$", re.IGNORECASE)
_ROLE_ONLY = re.compile(r"\b(?:writer|editor|correspondent|reporter|columnist|contributor|producer)s?$", re.IGNORECASE)


def author_of(raw: str, sitename: str = "") -> str | None:
    """A byline from page metadata: "Tom Krisher; Ap Auto Writer" -> "Tom Krisher".

    Metadata lists authors with ";" and mixes in job titles, the site's own
    name and account names such as "admin"; those are not who wrote the story.
    """
    site = _key(sitename).replace(".", " ")
    names: list[str] = []
    for part in re.split(r"\s*;\s*", normalise_space(raw)):
        part = re.sub(r"^by\s*:?\s+", "", part, flags=re.IGNORECASE).strip(_SEPARATORS)
        key = _key(part).replace(".", " ")
        if (
            not part
            or "@" in part
            or "/" in part
            or _NOT_A_PERSON.match(part)
            or _ROLE_ONLY.search(part)
            or all(w.casefold() in _DATE_WORDS for w in part.split())
            or (site and (key == site or key.replace(" ", "") == site.replace(" ", "")))
            or re.search(r"\b(?:com|net|org|co uk)$", key)
        ):
            continue
        words = set(key.split())
        if any(words <= set(_key(n).split()) or set(_key(n).split()) <= words for n in names):
            continue  # "Troy Smith" and "Troy L Smith": one person
        names.append(part)
    return " and ".join(names) or None


_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


def strip_site_name(title: str, sitename: str = "") -> str:
    """Drop a trailing site name: "Headline | The Times", "Headline - BBC News".

    A part after "|" is dropped when short; after a dash only when it is the
    known site name or a few capitalised words, so "Strike - what it means"
    keeps its tail.
    """
    site_key = _key(sitename)
    while True:
        separators = list(_SITE_SEPARATOR.finditer(title))
        if not separators:
            return title
        last = separators[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if len(_words(head)) < 3:
            return title
        tail_words = tail.split()
        named = bool(site_key) and (site_key in _key(tail) or _key(tail) in site_key)
        piped = "|" in last.group() and len(tail_words) <= 5
        dashed = len(tail_words) <= 4 and all(
            w[:1].isupper() or not w[:1].isalpha() for w in tail_words
        )
        if not (named or piped or dashed):
            return title
        title = head


# --------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------


def _no_article(doc: Document, why: str) -> InputError:
    return InputError(
        f"{doc.source}: no article found: {why}",
        "Check that the file holds the story itself (headline and paragraphs), "
        "not only the page around it",
    )


def _tidy(
    doc: Document,
    blocks: list[Block],
    title: str | None = None,
    byline: str | None = None,
    published: str | None = None,
    prefer_heading: bool = False,
    pasted: bool = False,
) -> Article:
    """The common clean-up for every format: anchor, strip clutter, check."""
    if title is None:
        index: int | None = None
        if prefer_heading:
            index = next((i for i, b in enumerate(blocks) if b.kind == "heading"
                          and not is_clutter(b.text)), None)
        if index is None:
            index = _headline_index(blocks)
        if index is None:
            raise _no_article(doc, "it looks like page clutter only")
        before, title, blocks = blocks[:index], blocks[index].text, blocks[index + 1:]
    else:
        before = []

    for block in (*blocks, *before):  # lines after the headline win
        if byline is not None and published is not None:
            break
        names, date = metadata_of(block.text)
        byline = byline or names
        published = published or date

    if pasted and enabled("end_of_story"):
        blocks = end_of_story(blocks)
    if enabled("drop_captions"):
        blocks = drop_captions(blocks)
    if enabled("is_trailer"):
        blocks = cut_at_trailer(blocks)
    blocks = _drop_clutter(blocks)
    if enabled("drop_repeats"):
        blocks = drop_repeats(title, blocks)
    while blocks and blocks[-1].kind == "heading":  # a heading with no story under it
        blocks.pop()
    if not any(b.kind == "paragraph" and (len(b.text.split()) >= 5 or b.text.endswith((".", "!", "?", "”", '"')))
               for b in blocks):  # a story has at least one sentence, not just links

        raise _no_article(doc, f"after the headline “{title}” it looks like page clutter only")
    return Article(
        source=doc.source,
        stem=doc.stem,
        title=title,
        blocks=tuple(blocks),
        byline=byline,
        published=published,
    )


def _prose_paragraphs(element: object) -> list[str]:
    texts = (normalise_space(p.text_content()) for p in element.iter("p"))  # type: ignore[attr-defined]
    return [t for t in texts if _is_prose(t) and len(_words(t)) >= 12]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _already_said(text: str, said: set[tuple[str, ...]]) -> bool:
    """Most of the paragraph is in the extract already, worded a little differently."""
    mine = _trigrams(text)
    return bool(mine) and len(mine & said) >= 0.5 * len(mine)


def add_split_body(html: str, blocks: Sequence[Block]) -> list[Block]:
    """Put back story paragraphs that a page split across several containers.

    Some pages break the story into sibling boxes around an advert, each with
    the same tag and class; the extractor may keep only the first. Paragraphs
    in the other boxes of that kind are added where they stand in the page.
    """
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return list(blocks)
    kept = {_key(b.text) for b in blocks}
    signatures: dict[tuple[str, str], int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and _key(normalise_space(p.text_content())) in kept:
            sig = (str(parent.tag), parent.get("class") or "")
            signatures[sig] = signatures.get(sig, 0) + 1
    if not signatures:
        return list(blocks)
    (tag, cls), count = max(signatures.items(), key=lambda item: item[1])
    if count < 2 or not cls:
        return list(blocks)
    boxes = [e for e in tree.iter(tag) if (e.get("class") or "") == cls]
    if len(boxes) < 2:
        return list(blocks)
    result = list(blocks)
    index = {_key(b.text): i for i, b in enumerate(result)}
    said = _trigrams(" ".join(b.text for b in blocks))
    previous: int | None = None
    for box in boxes:
        paragraphs = _prose_paragraphs(box)
        missing = [t for t in paragraphs if _key(t) not in index and not _already_said(t, said)]
        if len(missing) < 2:
            missing = []  # a teaser or a stray line, not a stretch of the story
        for text in paragraphs:
            key = _key(text)
            if key in index:
                previous = index[key]
                continue
            if text not in missing:
                continue
            at = 0 if previous is None else previous + 1
            result.insert(at, Block("paragraph", text))
            index = {_key(b.text): i for i, b in enumerate(result)}
            previous = at
    return result


def clean(doc: Document) -> Article:
    """The story alone, so that nothing but the article is read aloud.

    Raises InputError when the input holds no article.
    """
    if doc.format == "html":
        found = _extract_html(doc)
        blocks = _markdown_blocks(found.text, line_blocks=True)
        if enabled("add_split_body"):
            blocks = add_split_body(doc.text, blocks)
        return _tidy(doc, blocks, found.title, found.author, found.date)
    if doc.format == "markdown":
        return _tidy(doc, _markdown_blocks(doc.text), prefer_heading=True)
    return _tidy(doc, _text_blocks(doc.text), pasted=True)
