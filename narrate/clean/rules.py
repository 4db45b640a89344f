"""Line rules: one predicate a kind of clutter, each recognising the *kind* of line.

Pages pasted from a browser, Markdown files and saved HTML pages all carry
clutter around the story: share buttons, adverts, menus, video players,
galleries, trailers and comments. (Lines where the site speaks to its reader,
such as paywalls and newsletter boxes, are in `appeals`.) Each predicate here
names one kind and says in its docstring what it claims and what it leaves
alone; none carries a string from one page. The small text helpers the other
modules of the clean stage share live here too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import filterfalse, islice

from narrate.text import LINE_ENDS, unescape_entities

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
LETTER = re.compile(r"[^\W\d_]")  # a letter of any alphabet, not a digit or "_"


@lru_cache(maxsize=1 << 14)  # every rule counts a line's words: each line is split once
def words_in(text: str) -> tuple[str, ...]:
    """A line's words (numbers with their separators count as one word)."""
    return tuple(_WORD.findall(text))


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """The line holds one of `words` (given in lower case), in any case. A pattern of many phrases is
    searched only in a line that holds one of the words its phrases need: most lines hold none, and
    a word is found far sooner than such a pattern is tried at every place in the line."""
    folded = text.casefold()
    return any(word in folded for word in words)


def letters_in(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def is_all_caps(text: str) -> bool:
    """At least two letters, every one upper-case (stops at the first lower-case letter: prose is long)."""
    letters = 0
    for c in text:
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 2


def upper_share(text: str) -> float:
    letters = letters_in(text)
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def compare_key(text: str) -> str:
    """A comparison key: case, spacing and typographic quote styles ignored."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


# Marks a page sets around a label: "— Advertisement —", "» Read more", "• Back to top".
_LABEL_MARKS = r"[-–—»«›‹•·*|]*"


def line_match(*patterns: str) -> re.Pattern[str]:
    """A case-insensitive pattern that must match the whole line, bar marks around it ("— Advertisement —")."""
    return re.compile(
        rf"^\s*{_LABEL_MARKS}\s*(?:" + "|".join(patterns) + rf")\s*{_LABEL_MARKS}[.!:…]*\s*$", re.IGNORECASE
    )


# --------------------------------------------------------------------------
# Clutter rules: one predicate per kind of non-story line
# --------------------------------------------------------------------------

_SECOND_PERSON = re.compile(r"\b(?:you|your|you[’']re|you[’']ve|you[’']ll)\b", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^\s*(?:subscribe|start|get|try|join|save|unlock|sign|register|log|claim|continue|read|"
    r"become|upgrade|renew|act|don[’']t miss|enjoy)\b",
    re.IGNORECASE,
)
# Words that report what someone said: a story sentence, never a notice or a caption.
_REPORT_WORDS = r"said|says|told|according to|announced|reported"
REPORTED = re.compile(rf"\b(?:{_REPORT_WORDS})\b", re.IGNORECASE)
_REPORTING = re.compile(rf"\b(?:{_REPORT_WORDS}|warned|urged|advised|found)\b", re.IGNORECASE)


_FULL_STOP = re.compile(r"[^.]\.[\"'”’)]*\s*$")
_PLEASE = re.compile(r"\b(?:please|click|tap)\b", re.IGNORECASE)


def speaks_to_reader(text: str) -> bool:
    """A line addressed to the reader: "you", "your", or a command at its start ("Subscribe …")."""
    return bool(_SECOND_PERSON.search(text) or _IMPERATIVE.match(text))


def is_short_sentence(text: str) -> bool:
    """A sentence too short to be prose, told in the story's voice ("Neither side has appealed."):
    three words or more, in sentence case, ending with a full stop, and not addressed to the reader."""
    words = words_in(text)
    capitals = sum(w[:1].isupper() for w in words[1:])
    return (
        len(words) >= 3
        and text.lstrip("“\"‘'(")[:1].isupper()
        and _FULL_STOP.search(text) is not None
        and 2 * capitals < len(words) - 1
        and not (speaks_to_reader(text) or _PLEASE.search(text))
    )


def reports(text: str) -> bool:
    """A story's sentence reporting what someone said or found ("…, police warned."): a notice's words
    inside it ("your email address", "uses cookies") do not make it the site's notice."""
    return len(words_in(text)) >= 10 and bool(_REPORTING.search(text))


# A shouted label and a link's title after it: "ADD TO CART: Harbour ferry model kit", "GIFT IDEA: …".
# (Not the kind of story a headline announces: "BREAKING: …", "VIDEO: …", "ANALYSIS: …".)
_SHOUTED_LINK = re.compile(
    r"^\s*(?!(?:BREAKING|EXCLUSIVE|VIDEO|WATCH|LIVE|UPDATED?|ANALYSIS|OPINION|PHOTOS?|REVIEW|INTERVIEW|JUST IN"
    r"|DEVELOPING|EDITORIAL|EXPLAINER|FACT CHECK|PODCAST|LISTEN|GALLERY)\b)"
    r"[A-Z][A-Z’' ]{2,30}[A-Z]:\s+(?P<title>[A-Z\d$£€“\"‘'].{2,120})$"
)


def is_shouted_promo(text: str) -> bool:
    """A long ALL-CAPS line inside a story: "GET THE APP BY CLICKING HERE", a shouted
    link to another story. Real subheadings in capitals are short. Or a shouted label
    before a link's title ("BUY NOW: Harbour ferry model kit"), not before a sentence."""
    if is_all_caps(text) and 8 <= len(words_in(text)) <= 30 and not re.search(r"\d", text):
        return True
    found = _SHOUTED_LINK.match(text)
    return bool(found) and not ends_sentence(found["title"]) and len(words_in(found["title"])) <= 16


def is_section_label(text: str) -> bool:
    """A short ALL-CAPS line such as "WAR IN UKRAINE": a section or topic tag."""
    return is_all_caps(text) and 1 <= len(words_in(text)) <= 5 and not text.endswith(".")


_AD_MARKER = line_match(
    r"advertisements?(?: · scroll to continue| \d{1,2})?", r"advert", r"ad", r"ads", r"hide ad", r"sponsored(?: content| post| links?)?",
    r"sponsor message",
    r"publicidade|publicidad|publicité|pubblicità|anzeige|werbung|advertentie|reklame|reklama|реклама",
    r"(?:the )?(?:story|article) continues(?: below(?: (?:this )?advert(?:isement)?)?)?",
    r"(?:story|article|content) continues (?:after|below) (?:the |this )?(?:advert(?:isement)?|ad)",
    r"skip (?:this )?(?:advertisement|advert|ad)", r"continue reading (?:the )?(?:main )?story",
    r"(?:continue|keep) reading below",
    r"paid (?:content|partner content|post)", r"promoted(?: by .*)?", r"in partnership with .*",
    r"(?:video )?ad (?:feedback|choices)", r"adchoices", r"report (?:this )?ad", r"why this ad\??",  # an ad's own links
)


def is_ad_marker(text: str) -> bool:
    """Advertisement slots: "Advertisement", "Story continues below advertisement"."""
    return bool(_AD_MARKER.match(text))


_TRAILER = line_match(
    r"promoted content",
    r"related (?:articles?|stories|content|coverage|reading|reads|topics|links|posts?|resources|videos|guides|news)",
    r"(?:recent|latest|similar) (?:posts|articles|stories)",
    r"more (?:from|on|in|about) .{1,40}", r"more (?:stories|news|articles|to explore)",
    r"you (?:may|might|will|[’']ll) (?:also )?(?:like|enjoy|love|be interested in|have missed)",
    r"keep reading", r"further reading", r"more like this", r"more for you", r"other (?:articles|stories|posts|news)",
    r"in case you missed it", r"more to read", r"read (?:these|this) next", r"also on .{1,40}",
    r"most (?:read|popular|viewed|shared|watched)(?: (?:in|on|from) .{1,30}| today| this week| now)?", r"recommended(?: for you| reading| stories| articles| posts| videos)?",
    r"(?:what|read|watch) (?:to read )?next", r"top stories", r"trending(?: now| news| stories)?",
    r"more(?: \w+){0,3} (?:stories|news|articles|videos|coverage)(?: in brief| (?:from|on) .{1,40})?",
    r"around the web", r"from around the web", r"latest (?:news|stories)",
    r"(?:join|welcome to) the (?:conversation|discussion)",
    r"explore more", r"elsewhere on .{1,30}", r"don't miss", r"popular now",
    r"(?:top rated|latest|reader(?:s[’']?)?|\d+) comments?(?: \(\d+\))?", r"comments \(\d+\)",
    r"post navigation", r"(?:leave|post|add|write) a (?:comment|reply).*", r"tell us what you think",
    r"(?:previous|next|older|newer) (?:post|article|story)\b.*", r"popular posts", r"about the author",
    r"(?:quick|useful|helpful|popular|important) links", r"editor[’']?s[’']? (?:picks?|choice)",
    r"(?:more )?must[- ]reads?(?: from .{1,40})?",
)


def is_trailer(text: str) -> bool:
    """The start of an end-of-story list: "PROMOTED CONTENT", "Related articles", "Most read", a pager to
    the next and previous entries (`is_pager`)."""
    return (
        bool(_TRAILER.match(text))
        and len(words_in(text)) <= 12
        and not text.rstrip().rstrip("*†‡").endswith((".", "!", "?"))  # a sentence, perhaps with its footnote mark
    ) or is_pager(text)


# The links to a blog's or a diary's next and previous entries, arrows at both ends: "← Previous TITLE Next →
# TITLE", "[ << Older entry | Index | Newer entry >> ]". French quotation marks open a quoted sentence, so
# "«" counts only before a word of the pager's.
_PAGER = re.compile(
    r"^\W{0,3}(?:←|⟵|◀|<<|«\s*(?:previous|prev|older|newer|back)\b)(?=.*(?:→|⟶|▶|>>|»|\bnext\b))",
    re.IGNORECASE,
)
_PAGER_WORDS = 40  # two entries' titles and the pager's own words
# A gallery's controls inside the story: "← 1 / 12 →", "‹ Previous photo Next photo ›".
_GALLERY_PAGER = re.compile(r"^\W*\d+\s*(?:/|of)\s*\d+\W*$|\b(?:photos?|images?|pictures?|slides?)\b", re.IGNORECASE)


def is_pager(text: str) -> bool:
    """Links to the next and previous entries: "← Day 8: Market day Day 10: The lighthouse walk →"; not a
    gallery's (`_GALLERY_PAGER`)."""
    return (bool(_PAGER.match(text)) and enabled("pager") and len(words_in(text)) <= _PAGER_WORDS
            and not _GALLERY_PAGER.search(text))  # the anchored match first: it is asked of every line


_COMMENTS = line_match(
    r"(?:view|show|read|see|load) (?:all )?(?:the )?(?:\d+ )?comments?(?: \(\d+\))?", r"(?:leave|post|add|write|submit) a (?:comment|reply|response).*", r"cancel reply", r"like loading.*",
    r"(?:your )?(?:name|e-?mail|website|comment)\s*\*", r"comments? (?:are|is) closed.*",
    r"notify me of (?:new|follow-up) (?:comments|posts).*", r"you must be (?:logged|signed) in to (?:post|leave) a comment.*",
    r"(?!.*[.!?]\s*$)(?:\d+|one) (?:thoughts?|responses?|replies|reply|comments?) (?:on|to) .{1,120}",  # no sentence
    r"this site uses akismet to reduce spam.*",
    r"(?:\d+|reader(?:s[’']?)?) (?:responses|replies)",
    r"responses \(\d+\)", r"webmentions", r"what are your thoughts\?", r"like this(?::.{0,60})?",
    r"showing \d+ of \d+ comments\b.*", r"discussion about this (?:post|article|story)", r"read comments",
    r"comments?(?: \(\d+\))?: .{1,30}",  # "Comments: Our rules"
    r"(?:[\w’']+\s+){1,4}\(\d+ (?:comments?|replies|responses)\)",  # "Have your say (3 comments)"
)


_STORY_END = line_match(
    r"notes? to editors?",
    r"post navigation", r"(?:previous|next|older|newer) (?:post|article|story)\b.*", r"about the author",
    r"tell us what you think", r"(?:join|welcome to) the (?:conversation|discussion)", r"(?:top rated|latest|reader(?:s[’']?)?|\d+) comments?(?: \(\d+\))?",
    r"comments \(\d+\)", r"popular posts",
    r"(?:was|is) this (?:article|page|story|post|information|answer) (?:helpful|useful)\??",  # a feedback widget
)


def is_story_end(text: str) -> bool:
    """A line that only ever comes after a story: "Post navigation", "Next article: …", "About the author",
    "12 comments", a pager to the next and previous entries. A box holding one is where the story stops,
    never a box inside it."""
    return (len(words_in(text)) <= 25 and bool(_STORY_END.match(text))) or is_pager(text)


_COPYRIGHT = re.compile(r"\ball rights reserved\b|\bthis (?:document|article|material) is subject to copyright\b|^\s*(?:©|\(c\)|copyright\b)\s*(?:©\s*)?\d{4}\b", re.IGNORECASE)


def is_copyright(text: str) -> bool:
    """The site's copyright notice: "© 2024 Example Media Ltd. All rights reserved", "Copyright 2023 The
    Daily Example". It closes a page's story; a photo credit ("© Jane Doe") names no year and reserves nothing."""
    return len(words_in(text)) <= 40 and bool(_COPYRIGHT.search(text)) and not reports(text)


# The site's rules for its comments, said to the reader above them: "Please keep comments relevant and
# respectful", "we need to be judicious while moderating your comments".
_COMMENT_RULES = re.compile(
    r"\bplease keep (?:your )?comments\b|\bkeep (?:the )?comments (?:relevant|respectful|civil|on[- ]topic)\b|"
    r"\bmoderat\w+ (?:your|all) comments\b|\bcomments (?:will|may) be moderated\b|\bcivil forum for discussion\b",
    re.IGNORECASE,
)
_COMMENT_RULES_WORDS = 60
# A story reports such words ("The ministry said comments will be moderated"); the site's rules are not quoted.
_REPORTED = re.compile(r"[“”\"]|\b(?:said|says|told|tells|according to)\b", re.IGNORECASE)


def is_comments_start(text: str) -> bool:
    """Where comments or a comment form begin: "Leave a reply", "Cancel reply", "Like Loading...",
    "Name *", "12 comments", the site's rules for them. Nothing after it is the story."""
    words = len(words_in(text))
    if words <= 25 and _COMMENTS.match(text):
        return True
    return (enabled("comment_rules") and words <= _COMMENT_RULES_WORDS and bool(_COMMENT_RULES.search(text))
            and not _REPORTED.search(text))


_SHARE_WORDS = frozenset(
    "share shares sharing this article story page post update link on via to with your friends full restack "
    "printer-friendly printer friendly version blogthis "
    "facebook twitter x linkedin whatsapp email e-mail tweet copy copied save saved "
    "comments comment print pinterest reddit messenger telegram bluesky bsky threads mastodon "
    "gift bookmark send listen follow us pocket mix flipboard tumblr all sharing options buttons url "
    "addthis close panel options instagram youtube tiktok snapchat sms formerly "
    "google stumbleupon digg vk weibo wechat xing skype evernote a friend del icio republish".split()
)
_SHARE_ACTIONS = frozenset(
    "share tweet copy save print email e-mail comment comments whatsapp facebook twitter restack "
    "printer-friendly printer blogthis "
    "linkedin pinterest reddit gift bookmark send listen follow sharing shares pocket flipboard url "
    "x bluesky bsky threads mastodon messenger telegram copied "
    "tumblr stumbleupon digg vk weibo wechat xing skype evernote".split()  # a network's name alone in a row of buttons
)


_SHARE_TOKEN = re.compile(r"[\w-]+")
_SHARE_ROW = 16  # a row of sharing tools copied as one line: "Share on Facebook Share on X Share on WhatsApp Copy link"


_DIGIT = re.compile(r"\d")
# A count beside a button ("1.2k", "14"), and a reading time among the buttons ("Share 4 minute read Save").
_BUTTON_COUNT = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b|\b\d+(?:[.,]\d+)?[kKmM]?\b", re.IGNORECASE)


def is_share_button(text: str) -> bool:
    """Sharing tools: "Share", "Share on Facebook 1.2k", "Copy link", "Comments", "Print"."""
    # only as many words as a row of buttons has are looked at
    words = [w.lower() for w in islice(filterfalse(str.isdigit, _SHARE_TOKEN.findall(text)), _SHARE_ROW + 4)]
    if len(words) > _SHARE_ROW + 3:  # three more: a count's and a reading time's words
        return False
    if enabled("button_counts") and _DIGIT.search(text):
        words = [w.lower() for w in re.findall(r"[\w-]+", _BUTTON_COUNT.sub(" ", text)) if not w.isdigit()]
    if not words or len(words) > _SHARE_ROW:
        return False
    return all(w in _SHARE_WORDS for w in words) and any(w in _SHARE_ACTIONS for w in words)


def is_share_row(text: str) -> bool:
    """A row of sharing buttons, two actions or more: "Share Facebook Twitter Email", "Tweet Share Print"."""
    return is_share_button(text) and len({w.lower() for w in re.findall(r"[\w-]+", text)} & _SHARE_ACTIONS) >= 2


_READ_MORE = re.compile(
    rf"^\s*{_LABEL_MARKS}\s*(?:read more|read also|also read|read next|up next|see also|related|more|watch|listen|read|"
    r"read the full story|click here|continue reading|related(?: [\w’'-]+){1,2}|"
    r"leia (?:também|mais)|lesen sie (?:auch|mehr)|(?:à )?lire aussi|leggi anche|lee también|lea también|"
    r"читайте также|zie ook|læs også|läs också|czytaj też)\s*(?::|»|›|>|→|\||$)|^\s*also on [\w-]+\.[a-z]{2,}\b|"
    r"^\s*(?-i:ALSO READ|READ ALSO|READ MORE|SEE ALSO)\s+(?-i:[A-Z0-9“‘\"'])|"  # a label in capitals run into its link
    r"^\s*(?:read )?more (?:news )?(?:on|about)(?: (?:[\w’'&.-]+ ){0,3}[\w’'&.-]+)?\s*:?\s*$",  # "MORE ON SEAGULLS"
    re.IGNORECASE,
)


# ... and in any case, run into its link with no mark between, when the link is a title, not a sentence:
# "Read more Ferry fares to rise in spring", "Related Story Why the pier closed". A story's "Read more about it
# in the report." ends as a sentence does.
_LABEL_RUN_ON = re.compile(
    r"^\s*(?:read (?:more|next|also)|also read|see also"
    r"|related(?: (?:story|stories|article|articles|reading|coverage))?)"
    r"\s+(?-i:[A-Z0-9“‘\"'])",
    re.IGNORECASE,
)
_RUN_ON_WORDS = 25


def is_read_more(text: str) -> bool:
    """Cross-links: "Read more", "READ MORE: …", "Related: …", "See also: …"."""
    return bool(_READ_MORE.match(text))


def is_cross_link(text: str) -> bool:
    """A cross-link's label run into its link, in any case: "Read more Ferry fares to rise in spring". One
    link, where `is_read_more` may label a box of them."""
    return (bool(_LABEL_RUN_ON.match(text)) and len(words_in(text)) <= _RUN_ON_WORDS
            and not text.rstrip().endswith((".", "!")))


_FURNITURE = line_match(
    r"skip to (?:the )?(?:main )?(?:content|article|navigation|search|footer)",
    r".{1,80}, opens new tab",
    r"[^{}]{0,60}\{\{[^{}]{1,40}\}\}[^{}]{0,60}",  # a template's placeholder left in the page: "Thank you, {{form.email}}"  # a link's label, read out by screen readers: "Acquire Licensing Rights, opens new tab"
    r"(?:open |close |main )?(?:menu|navigation|search)", r"close", r"back to top",
    r"you are (?:signed|logged) in as.*", r"(?:sign|log) ?out",
    r"(?:show|view|load) more(?: sharing options| comments| stories)?",
    r"terms (?:of (?:use|service)|and conditions|& conditions)", r"contact us",
    r"about us", r"advertise(?: with us| with .{1,30})?",
    r"(?:all rights reserved.*|.*all rights reserved)",
    r"click to (?:share|email|print|open).*", 
    r"\d+ min(?:ute)?s? (?:to )?read", r"(?:estimated )?(?:reading|read) time:?\s*(?:about )?\d+ min(?:ute)?s?\.?",
    r"\d+\s?(?:[smhd]|mins?|minutes?|hours?|hrs?|days?) ago",
    r".*\b(?:requires?|enable|turn on) javascript\b.*", r"loading", r"please wait",
    r".*\(opens in (?:a )?new (?:window|tab)\)", r"(?:tap|click) here to\b.{0,80}",
    r"(?:report|suggest|submit) (?:an? )?(?:error|typo|correction|problem|issue|mistake)"
    r"(?: (?:with|in|on) this (?:article|story|page|post))?",
    r"\d+ min(?:ute)?s?(?: listen)?", r"follow (?:us|[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}) on(?: \w+){0,3}",
    r"(?:(?:post |article )?tags?|tagged(?: with)?|topics?|labels?|categories|filed in)\s*:\s*(?:\S+(?:\s+|$)){0,20}",
    r"reply",
    r"(?:#[^\W\d_][\w-]*\s*){1,10}",  # a row of hashtags: "#Restoration #Volunteers"
    r"sharing is caring", r"share or comment on this (?:article|story|post)",
    r"(?:share\s+)?purchase licensing rights",  # a wire's picture tools
    r"previous(?:\s+next)?", r"next", r"expand",  # a gallery's controls
    r"gallery:\s.{1,60}",  # a link to a gallery: "Gallery: Farewell to the Harbour Queen"
    r"enjoyed this(?: (?:article|story|post|piece|newsletter))?\?",
    r"filed under\b\s*(?:\S+(?:\s+|$)){0,10}", r"back to (?:gallery|top|article|story|video)",
    # an embedded post's counts, a poll's controls, a form's example address
    r"(?:repl(?:y|ies)|reposts?|retweets?|quotes?|likes?|shares?|views?|votes?|reactions?|claps?)\s*[\d.,]+\s*[km]?",
    r"[\d.,]+\s*[km]?\s+(?:repl(?:y|ies)|reposts?|retweets?|likes?|shares?|views?|votes?|reactions?|claps?|restacks?)"
    r"\b.{0,40}",
    r"[\w.+-]+@(?:example|email|domain)\.\w+", r"poll", r"vote(?: now)?", r"(?:view|see) (?:the )?results",
    r"an? (?:post|photo|video) shared by .{1,80}",
    r"view (?:this|the) (?:post|photo|video|profile) on (?:instagram|tiktok|facebook|x|twitter|threads|youtube)",
    r"vote(?: now)? (?:view|see) (?:the )?results", r"(?:yes|no|maybe|unsure|not sure|don[’']t know)(?: (?:yes|no|maybe|unsure|not sure|don[’']t know)){1,3}",
    r"(?:your )?e-?mail address\s*\*?(?: (?:sign up|subscribe|submit|join))?", r"this (?:site|form|page) is protected by recaptcha\b.*",
    r"(?:learn|find out|discover) more(?: here)?",
    r"view (?:larger|full|bigger) map", r"map data\b.{0,60}", r"topics",
    r".*\bmay not be reproduced\b.*",
    r"this (?:entry|post|article) was (?:posted|filed|published) (?:in|on|under|by)\b.*",
    r".*\bbookmark the permalink\b.*", r"news provided by", r"(?:published|posted|featured) in", r"table of contents", r"view all",
    r"(?:learn (?:more )?about )?our editorial (?:process|standards|policy|guidelines)", r"editorial standards", r"reporting from (?-i:[A-Z])[\w’'.-]*(?:,? (?-i:[A-Z])[\w’'.-]*){0,5}", r"(?:request )?reprints?(?: (?:and|&) (?:permissions|licensing))?",
    r"(?:a version of )?this (?:article|story|feature|piece|essay|interview|review|column) (?:appeared|appears|was published|ran) (?:in|on)\b.{0,80}"
    r"\b(?:print|edition|issue|magazine)\b.*",
)
# A breadcrumb trail: "Home › News › Local", "Home » Garden": short steps joined by arrows.
_BREADCRUMB = re.compile(r"^\s*[^›»>/\n]{1,40}(?:\s[›»>/]\s[^›»>/\n]{1,40})+$")
_BREADCRUMB_STEP = 5  # words in one step of a breadcrumb trail
# ... and one from the home page down to the story itself, its last step the headline: "Home/ Markets/ Title"
_HOME_TRAIL = re.compile(r"^\s*home\s?[›»>/|]\s*(?:[^›»>/|\n]{1,40}\s?[›»>/|]\s*)+[^›»>/|\n]+$", re.IGNORECASE)


_FOOTER_LINK = line_match(
    r"about(?: us)?", r"contact(?: us)?", r"privacy(?: policy| notice)?", r"cookie (?:policy|settings)",
    r"terms(?: of (?:use|service)| and conditions| & conditions)?", r"advertise(?: with us)?", r"careers", r"jobs",
    r"site ?map", r"accessibility", r"help", r"faqs?",
)


def is_footer_link(text: str) -> bool:
    """A link of the site's footer, alone on its line: "About us", "Privacy", "Terms of use", "Careers"."""
    return bool(_FOOTER_LINK.match(text))


def is_site_furniture(text: str) -> bool:
    """Page furniture around any article: "Skip to content", "Menu", "Terms of use",
    "All rights reserved", "Click to share on Reddit (Opens in new window)", a breadcrumb trail."""
    if _HOME_TRAIL.match(text):
        return True
    if _BREADCRUMB.match(text):
        steps = re.split(r"\s[›»>/]\s", text)
        home = steps[0].strip().casefold() == "home"
        if " / " in text and (
            "," in text or not (home or len(steps) >= 3) or not all(step.strip()[:1].isupper() for step in steps)
        ):
            return False  # "Navy / White", a table's "x86, x64 / arm64", a list's "Café / best view / www…"
        return (len(steps) >= 3 or home) and all(len(words_in(step)) <= _BREADCRUMB_STEP for step in steps)
    return bool(_FURNITURE.match(text)) and not reports(text)


_PLAYER = re.compile(
    "|".join((
        r"\bhaving trouble viewing this (?:gallery|video|slideshow|content)\b",
        r"\b(?:beginning|end) of dialog window\b", r"\bthis is a modal window\b", r"\bclose modal dialog\b",
        r"\b(?:captions?|subtitles?|descriptions?|chapters?|audio track)s?\b[^.]{0,20}\b(?:settings|off|selected)\b",
        r"\b(?:current|remaining) time\s*-?\d+:\d\d", r"\bduration\s+-?\d+:\d\d", r"^\W*duration \d+ (?:minutes?|seconds?)\b",
        r"\bseek to live\b", r"\bpicture-in-picture\b",
        r"\b(?:text|background|window) colou?r\b.{0,40}\b(?:white|black|red|opaque|transparen)",
        r"\bfont (?:size|family)\b.{0,40}(?:\d+%|serif|monospace)", r"\bcaption area background\b",
        r"\breset restore all settings\b", r"\byour browser does not support (?:the )?(?:html5 )?video\b",
        r"\b(?:video|media) (?:is )?(?:unavailable|could not be loaded|not available)\b",
        r"\b(?:media |video )?playback (?:is )?(?:unsupported|not supported)\b",
        r"\b\d{1,2}:\d\d\s+(?:read|view|show) (?:the )?transcript\s*$",  # a clip's title, length and button
    )),
    re.IGNORECASE,
)
# Each of `_PLAYER`'s phrases holds one of these.
_PLAYER_WORDS = (
    "trouble viewing", "dialog window", "modal", "caption", "subtitle", "description", "chapter", "audio track",
    "current time", "remaining time", "duration", "seek to live", "picture-in-picture", "colo", "font ",
    "reset restore", "does not support", "video", "media", "playback", "transcript",
)
# The player's labels that stand at the start of a line (matched there only, which is cheaper).
_PLAYER_LABEL = re.compile(
    r"\s*(?:"
    + "|".join((
        r"playback rate\b", r"(?:loaded|progress)\s*:\s*\d+(?:\.\d+)?\s*%",
        r"(?:un)?mute\s*$", r"(?:non-)?full ?screen\s*$", r"(?:play|pause|replay)(?: video)?\W*$",
        r"\W*(?:(?:play|pause|(?:un)?mute|full ?screen|settings|captions|cc|\d{1,2}:\d\d)\W*){3,}$",  # a row of controls
        r"(?:play|watch) (?:the )?video\s*:.{1,100}$",  # "Play video: How a storm forms"
        r"(?:link to|embed|share|copy link to) this video\s*$", r"(?:more|related|latest) videos?(?: \(\d+ of \d+\))?\s*$",
        r"(?:up next|now playing|autoplay(?: next)?|watch next|watch live|listen live)\s*$",
        r"(?:show|hide) (?:key|all) (?:events|posts|updates)(?: only)?\s*$",  # a live blog's filter
        r"close (?:this )?video(?: player)?\s*$", r"trending videos\s*$",
        r"listen to (?:this|the) (?:article|story)\b.{0,30}$", r"(?:playlist|transcript|download|embed)\s*$",
        r"(?:listen|play|watch)\s*[·•|:–-]?\s*\d{1,3}(?::\d\d)?\s*(?:min(?:ute)?s?|mins?\.?)?\s*$",  # "Listen · 18 min"
        r"\d{1,2}:\d\d(?:\s*[-–—]\s*source\s*:.{1,40})?\s*$",  # a clip's running time: "02:12 - Source: Courier"
    ))
    + ")",
    re.IGNORECASE,
)


def is_player_chrome(text: str) -> bool:
    """A video player's own labels: "Beginning of dialog window…", "Playback Rate", "Captions off, selected",
    "Current Time 0:00", "Text Color White Black…". They are controls, never the story."""
    return len(words_in(text)) <= 60 and bool(
        _PLAYER_LABEL.match(text) or (mentions(text, _PLAYER_WORDS) and _PLAYER.search(text))
    )


_SLIDE_COUNTER = re.compile(
    r"^\s*\[?(?:(?:image|photo|picture|slide|gallery|item)\s+)?(\d{1,3})\s*(?:/|of)\s*(\d{1,3})\]?\s*(?=\s*$|\s*[:.|–—-]?\s*(?-i:[A-Z“\"(]))",
    re.IGNORECASE,
)


def is_gallery_slide(text: str) -> bool:
    """A slide of a gallery or slideshow: "3/40 The crowd at the finish", "Image 2 of 12". The counter gives it
    away ("1/4 of voters" is a fraction: lower case follows); a slide's caption is never the story."""
    found = _SLIDE_COUNTER.match(text)
    if found is None:
        return False
    return 1 <= int(found.group(1)) <= int(found.group(2)) and int(found.group(2)) >= 2


_SOURCE_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def is_source_markup(text: str) -> bool:
    """A line of a page's HTML source shown as text ("&lt;span style=\"display: none\"&gt;&lt;/span&gt;", an
    editor's stray bookmark tag): tags make up nearly all of it. Words with a "<" in them are left alone."""
    plain = unescape_entities(text)
    if "<" not in plain or ">" not in plain:
        return False
    return len(_SOURCE_TAG.sub("", plain).strip()) < 0.2 * len(plain)


def ends_sentence(text: str) -> bool:
    """The line finishes its thought: a stop, colon, semicolon or closing mark."""
    return text.rstrip().endswith(LINE_ENDS)


def starts_lower(text: str) -> bool:
    """A line that starts in lower case continues the one before it."""
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()


# An HTML tag or a page's script pasted as text ("<script src=…>"): code, never prose.
_MARKUP = re.compile(r"<\s*/?\s*(?:script|div|iframe|span|a|p|img|style|embed|object)\b[^>]*>", re.IGNORECASE)


PROSE_WORDS = 20  # a line this long is prose however it ends


def is_prose(text: str) -> bool:
    """A line of running prose: a sentence or more, not a link, a label or a tag."""
    n = len(words_in(text))
    return (n >= PROSE_WORDS or (n >= 8 and ends_sentence(text) and not is_all_caps(text))) and not _MARKUP.search(text)


# Rules switched off by name, for the benchmark's ablation (`--ablate`): empty in use.
DISABLED: set[str] = set()


def enabled(name: str) -> bool:
    """Whether the rule `name` is on (the benchmark switches rules off one at a time)."""
    return name not in DISABLED
