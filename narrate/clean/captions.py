"""Captions and picture credits: what a page says under its pictures, never the story.

"SPUTNIK/ARTEM GEODAKYAN/REUTERS", "Photo: AP", "… (Photo: Jane Doe/AP)", "Image caption, …",
"Ana Ruiz, left, and Tom Bell open the new depot". One predicate a kind, as in `rules`.
"""

from __future__ import annotations

import re

from narrate.clean.rules import REPORTED, enabled, mentions, upper_share, words_in

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
    r"illustration|video|source|above|pictured|top|inset|main image)\s*(?:credit)?\s*:)",
    re.IGNORECASE,
)

# "Photo by Jane Doe on Picturebank", "Image courtesy of the museum", "Courtesy of the family": a credit
# when no sentence follows.
_CREDIT_BY = re.compile(
    r"^\s*(?:(?:photo(?:graph)?|image|picture|illustration|screenshot|screen ?grab|graphic)s?\s+(?:by|courtesy of)"
    r"|courtesy of)\s",
    re.IGNORECASE,
)


_CAPITALISED = r"[A-Z][\w'’.&-]*"
# "Sam Okafor/Harbour Gazette": who took the picture, for whom ("Navy / White" is no credit).
_NAME_SLASH_OUTLET = re.compile(
    rf"^\s*{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,3}}/{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}\s*$"
)


# "Sam Okafor for The Harbour Gazette": who took the picture, for whom ("The", capitalised, as an outlet's
# name has it). Alone on its line it needs its "The" ("Votes for the people" is no credit).
_NAME_FOR = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,2}}\s+for\s+"
_OUTLET = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}\s*$"
_NAME_FOR_OUTLET = re.compile(rf"^\s*{_NAME_FOR}The\s+{_OUTLET}")


# "All photographs by Sam Okafor for the Gazette.", "Photography by Jane Morrow": a line that only credits the
# pictures, a full stop or not.
_PERSON = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,3}}"
_CREDIT_LINE = re.compile(
    rf"^\s*(?i:all\s+)?(?i:photo(?:graph)?s|photography|pictures|images)(?i:\s+and\s+(?:video|words|text))?\s+by\s+"
    rf"{_PERSON}(?:\s+(?:and|&)\s+{_PERSON})?"
    rf"(?:\s+for\s+(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}})?\s*\.?\s*$"
)


_CAPTION_BUTTONS = re.compile(r"(?:\s*\b(?:hide|toggle) caption\b)+\s*$", re.IGNORECASE)


def is_caption_button(text: str) -> bool:
    """A caption's own button, "hide caption", "toggle caption": the line above it is a caption."""
    return bool(_CAPTION_BUTTONS.fullmatch(text))


# "Photos: …" and "Pictures: …" also open a gallery's headline, when more than a credit's few words follow.
_GALLERY_HEADLINE = re.compile(r"^\s*(?:photos|pictures|images|in pictures)\s*:", re.IGNORECASE)
_PREFIXED_CREDIT_WORDS = 6


def is_pictures_credit(text: str) -> bool:
    """A line that credits the story's pictures as a whole: "All photographs by Sam Okafor for the Gazette.",
    "Photography by Jane Morrow". Not a caption's credit: the line above it is the story's own."""
    return bool(_CREDIT_LINE.match(text))


def is_photo_credit(text: str) -> bool:
    """A photo credit: "SPUTNIK/ARTEM GEODAKYAN/REUTERS", "Photo: AP", "© Alamy".

    Credits are short, carry a credit prefix, or are mostly upper-case with "/"
    separators or an agency name; a sentence naming Reuters is not a credit.
    """
    if "caption" in text:  # "Jane Doe/Valley Radio hide caption toggle caption" (the search is costly on every line)
        text = _CAPTION_BUTTONS.sub("", text)
    words = words_in(text)
    if not words or len(words) > 12:
        return False
    if (found := _CREDIT_PREFIX.match(text)) and not (
        _GALLERY_HEADLINE.match(text) and len(words_in(text[found.end():])) > _PREFIXED_CREDIT_WORDS
    ):
        return True  # "Photo: Jane Doe/AP", "Above: …"; "Photos: Floods leave a town under water" is a headline
    if text.rstrip().endswith((".", "?", "!", "”", '"')):
        return False
    if _CREDIT_BY.match(text):
        return True
    upper = upper_share(text) >= 0.7
    if upper and ("/" in text or _AGENCY_UPPER.search(text)):
        return True
    if _NAME_SLASH_OUTLET.match(text) or (enabled("credit_for_outlet") and _NAME_FOR_OUTLET.match(text)):
        return True
    if _AGENCY_WORD.search(text) and len(words) <= 8:
        # "Jane Doe/Getty Images", "AFP via Getty Images": every word capitalised.
        small = {"via", "for", "and", "from", "the", "of"}
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in words)
    return False


_CREDIT_TAIL = re.compile(
    r"(?:\((?:photo(?:graph)?s?|image|picture|pic|credit|illustration)\s*(?:credit)?\s*:[^)]*\)"
    r"|\((?:[A-Z]{2,6}\s)?(?:photo|image|picture)s?\s?(?:/|by\b)[^)]*\)"
    rf"|\([^()/]{{1,40}}/\s*(?:{_AGENCIES})\)"  # "(Jane Doe/Getty Images)"
    r"|\((?-i:[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*/\s*(?-i:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4})\)"
    r"|\b(?:hide|toggle) caption"  # a caption's own buttons
    # "… Photograph by …", "… Gazette photo by …" (the paper's own photographer)
    r"|[.!?]\s+(?:(?-i:[A-Z][\w'’.&-]*)\s+){0,3}(?:photo(?:graph)?|picture|image|illustration)s?\s+by\s+"
    r"(?-i:[A-Z])[^.!?]{1,60}"
    # "… on Saturday. PHOTO | FILE", "… PHOTO | JANE DOE", "… (File photo)"
    r"|[.!?]\s+(?:photo|picture|image)s?\s*\|\s*[^.!?|]{1,40}"
    r"|\((?:file|archive|representative|representational)\s+(?:photo|picture|image)\)"
    rf"|[.!?]\s+(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})\s*[—/]\s*(?:{_AGENCIES})"  # "… quay. Jane Doe—AP"
    # "… quay, May 4, 2023. Harbour Wire/Jane Doe/File Photo": an outlet and its photographer, slash by slash
    r"|[.!?]\s+(?-i:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})(?:\s*/\s*(?-i:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})){1,3}\s*/?"
    r"|\b(?:photo(?:graph)?|image|picture|credit)\s*(?::|\.\.\.|…)\s*[^.!?]{1,60})\s*$",
    re.IGNORECASE,
)


# "… the quay at dawn. Jane Doe for The Harbour Times": who took the picture, and for whom, after a caption's
# sentence ("… Measuring Cups For Easy Measures" is a title in capitals; "Vaccination for the Elderly" names no one).
_FOR_OUTLET_TAIL = re.compile(rf"[.!?”\"]\s+{_NAME_FOR}(?:The\s+)?{_OUTLET}")
_CAPTIONED_WORDS = 4  # a caption's sentence before the credit, not a label ("Visual Abstract.")


# A caption or credit that says what it is: "Image caption, The harbour at dawn", "Media caption: ...".
_CAPTION_LABEL = re.compile(
    r"^\s*(?:image|media|video|picture|photo|audio) (?:source|caption|copyright|credit|description)s?(?:\s*[,:]|\s+(?-i:[A-Z]))", re.IGNORECASE
)


_BARE_CAPTION_LABEL = re.compile(r"^\s*(?:image|media|video|picture|photo) caption\s*[,:]?\s*$", re.IGNORECASE)


def is_caption_label(text: str) -> bool:
    """ "Image caption," alone on its line: the caption itself is on the next."""
    return bool(_BARE_CAPTION_LABEL.match(text))


# A wire's button after its picture's credit:
# "… Harbour Wire/Jane Doe/File Photo Purchase Licensing Rights, opens new tab".
_LICENSING = re.compile(
    r"\s*(?:purchase licensing rights(?:\s*,\s*opens new tab)?|license this content)\s*$", re.IGNORECASE
)


# Each of `_CREDIT_TAIL`'s forms holds one of these.
_CREDIT_MARKS = ("(", "|", "/", "—", "caption", "photo", "picture", "image", "illustration", "credit")


def is_credited_caption(text: str) -> bool:
    """A caption that carries its own credit, or says it is one: "… (Photo: Jane Doe/AP)", "Image caption, …"."""
    if "icens" in text and enabled("licensing_button"):  # "Licensing", "License this content": a cheap look first
        text = _LICENSING.sub("", text)
    if (mentions(text, _CREDIT_MARKS) and _CREDIT_TAIL.search(text)) or (
        len(words_in(text)) <= 60 and _CAPTION_LABEL.match(text)
    ):
        return True
    found = _FOR_OUTLET_TAIL.search(text) if enabled("credit_for_outlet") and " for " in text else None
    return found is not None and len(words_in(text[: found.start()])) >= _CAPTIONED_WORDS


# Where the people in a picture stand, or that they are pictured: "…, left, and …", "(L-R)",
# "pictured at the launch", and a name with what it is doing ("Ana Ruiz, speaking at a meetup").
_POSED = re.compile(
    "|".join((
        r", (?:left|right|centre|center|second (?:from )?(?:left|right))(?:,| and\b)",
        r"\((?:left|right|centre|center|l-r|r-l|from left|left to right)\)",
        r"\bfrom left(?: to right)?\s*[:,]",
        r"\bpictured (?:here )?(?:at|in|on|with|during|outside|inside|after|before|while)\b",
        (
            r"^(?-i:[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3}), (?:[^,]{1,60}, )?"  # a name: capitals, whatever the flag
            r"(?:speaking|standing|sitting|posing|arriving|walking|smiling|waving|gesturing|listening)\b"
        ),
    )),
    re.IGNORECASE,
)


# Each of `_POSED`'s phrases holds one of these.
_POSED_WORDS = ("left", "right", "centre", "center", "l-r", "r-l", "pictured ", "speaking", "standing", "sitting",
                "posing", "arriving", "walking", "smiling", "waving", "gesturing", "listening")


def is_posed_caption(text: str) -> bool:
    """A photo's caption told by who stands where or what they are doing: "Ana Ruiz, left, and Tom Bell
    open the new depot", "The mayor, pictured at the opening in May", "Ana Ruiz, speaking at a meetup".
    A story sentence reports ("…, pictured, said …") and names no one's place in a frame."""
    return (len(words_in(text)) <= 60 and mentions(text, _POSED_WORDS) and not REPORTED.search(text)
            and bool(_POSED.search(text)))
