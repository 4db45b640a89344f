"""normalise: input/output tables per rule group, run through speak() and the rules alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from narrate import normalise as n
from narrate.article import Segment
from narrate.normalise import RULES, apply_lexicon, normalise, speak

ARTICLE = Path(__file__).resolve().parent.parent / "articles" / "north-korea-dud-shells.txt"


def says(text: str, expected: str) -> None:
    assert speak(text) == expected


# --- quotation marks and apostrophes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea has ‘given dud artillery shells to Russia’", "North Korea has given dud artillery shells to Russia"),
        ("“As of today,” he said.", "As of today, he said."),
        ('He said "enough".', "He said enough."),
        ("Kyiv’s intelligence", "Kyiv's intelligence"),
        ("don't and can’t", "don't and can't"),
        ("the ’90s", "the nineties"),
        ("a 'quoted' word", "a quoted word"),
    ],
)
def test_quotation_marks(text: str, expected: str) -> None:
    says(text, expected)


def test_quotation_marks_rule_alone_keeps_apostrophes() -> None:
    assert n.quotation_marks("“Kyiv’s ‘best’ ’90s”") == "Kyiv's best '90s"


# --- square brackets and ellipsis ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[North Korea] gives away", "North Korea gives away"),
        ("from the DPRK [Democratic People’s Republic of Korea],", "from the D P R K Democratic People's Republic of Korea,"),
        ("it was wrong [sic] he said", "it was wrong he said"),
        ("old stuff … ramps up", "old stuff, ramps up"),
        ("old stuff...ramps up", "old stuff, ramps up"),
        ("and then…", "and then."),
        ("we [...] went", "we, went"),
        ("which tutor it was.[1]", "which tutor it was."),  # a footnote's mark, not "point one"
        ("It rose 5%[3] last year.", "It rose five percent last year."),
        ("see the note.↩", "see the note."),
    ],
)
def test_brackets_and_ellipsis(text: str, expected: str) -> None:
    says(text, expected)


def test_square_brackets_rule_alone() -> None:
    assert n.square_brackets("[North Korea] gives away") == "North Korea gives away"


# --- titles, ranks and "No 10" -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maj Gen Vadym Skibitsky", "Major General Vadym Skibitsky"),
        ("Maj-Gen Skibitsky", "Major General Skibitsky"),
        ("Lt Gen Kyrylo Budanov", "Lieutenant General Kyrylo Budanov"),
        ("Lt. Col. Smith", "Lieutenant Colonel Smith"),
        ("Brig Gen Jones", "Brigadier General Jones"),
        ("Gen. Budanov said", "General Budanov said"),
        ("Col Jones and Capt Smith", "Colonel Jones and Captain Smith"),
        ("Sgt Pepper and Cpl Jones", "Sergeant Pepper and Corporal Jones"),
        ("Adm Nelson", "Admiral Nelson"),
        ("Dr Smith said", "Doctor Smith said"),
        ("Yesterday Dr. Smith said", "Yesterday Doctor Smith said"),
        ("She lives on Mulholland Dr.", "She lives on Mulholland Drive."),
        ("Prof Brian Cox", "Professor Brian Cox"),
        ("Rev Green", "Reverend Green"),
        ("St Paul's Cathedral", "Saint Paul's Cathedral"),
        ("221b Baker St, London", "two hundred and twenty-one b Baker Street, London"),
        ("Mt Everest", "Mount Everest"),
        ("Gov Newsom and Sen Sanders", "Governor Newsom and Senator Sanders"),
        ("Rep Ocasio-Cortez", "Representative Ocasio-Cortez"),
        ("the rep said", "the rep said"),
        ("No 10 said", "Number ten said"),
        ("No. 10 Downing Street", "Number ten Downing Street"),
        ("No one came", "No one came"),
    ],
)
def test_titles(text: str, expected: str) -> None:
    says(text, expected)


def test_titles_rule_alone() -> None:
    assert n.titles("Maj Gen Skibitsky") == "Major General Skibitsky"
    assert n.titles("St Paul's and Baker St") == "Saint Paul's and Baker Street"


def test_number_sign_rule_alone() -> None:
    assert n.number_sign("No 10 and No. 10") == "Number 10 and Number 10"


# --- money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£1.5bn", "one point five billion pounds"),
        ("$500", "five hundred dollars"),
        ("€20m", "twenty million euros"),
        ("£3.50", "three pounds fifty"),
        ("$1", "one dollar"),
        ("£1", "one pound"),
        ("£2.3 million", "two point three million pounds"),
        ("$5,000", "five thousand dollars"),
        ("£50k", "fifty thousand pounds"),
        ("$0.99", "ninety-nine cents"),
        ("€1.00", "one euro"),
        ("50p", "fifty pence"),
        ("US$5", "five U S dollars"),
        ("£5-10bn", "five to ten billion pounds"),
        ("¥100", "one hundred yen"),
    ],
)
def test_money(text: str, expected: str) -> None:
    says(text, expected)


def test_money_rule_alone_means_million_after_currency() -> None:
    assert n.money("€20m") == "twenty million euros"


# --- percentages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30%", "thirty percent"),
        ("30 per cent", "thirty per cent"),
        ("30 percent", "thirty percent"),
        ("1.5%", "one point five percent"),
        ("10-15%", "ten to fifteen percent"),
        ("-2%", "minus two percent"),
    ],
)
def test_percentages(text: str, expected: str) -> None:
    says(text, expected)


# --- units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500kg", "five hundred kilograms"),
        ("1kg", "one kilogram"),
        ("500 kg", "five hundred kilograms"),
        ("500\u00a0kg", "five hundred kilograms"),
        ("10km", "ten kilometres"),
        ("100m sprint", "one-hundred-metre sprint"),
        ("5cm and 2mm", "five centimetres and two millimetres"),
        ("70mph", "seventy miles per hour"),
        ("50 km/h", "fifty kilometres per hour"),
        ("110kph", "one hundred and ten kilometres per hour"),
        ("5kW, 20MW and 3GW", "five kilowatts, twenty megawatts and three gigawatts"),
        ("1lb and 3lbs", "one pound and three pounds"),
        ("6ft", "six feet"),
        ("1ft", "one foot"),
        ("30°C", "thirty degrees Celsius"),
        ("-5°C", "minus five degrees Celsius"),
        ("80°F", "eighty degrees Fahrenheit"),
        ("500 tonnes", "five hundred tonnes"),
        ("1.5bn people", "one point five billion people"),
        ("10-15kg", "ten to fifteen kilograms"),
    ],
)
def test_units(text: str, expected: str) -> None:
    says(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a recipe's amounts: grams spaced as well as glued, spoons and ounces in full
        ("Add 500 g of flour.", "Add five hundred grams of flour."),
        ("2 tbsp light brown sugar", "two tablespoons light brown sugar"),  # a spoonful is never joined
        ("1 tsp. vanilla extract", "one teaspoon vanilla extract"),
        ("½ tsp fine salt", "one half teaspoon fine salt"),
        ("a tbsp of oil", "a tablespoon of oil"),
        ("8 oz of cheese", "eight ounces of cheese"),
        ("1 Tbsp olive oil", "one tablespoon olive oil"),
        ("Add ½ tsp. Stir well.", "Add one half teaspoon. Stir well."),  # the dot ends the sentence
        ("It pulled 3 g-force in the turn.", "It pulled three g-force in the turn."),  # not grams
        ("▢ 2 eggs", "two eggs"),  # a card's checkbox drawn as text
        ("Rated ★★★★☆ by readers", "Rated by readers"),
    ],
)
def test_a_recipes_amounts(text: str, expected: str) -> None:
    says(text, expected)


def test_units_rule_alone() -> None:
    assert n.units("a 500kg bomb") == "a five-hundred-kilogram bomb"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # before a noun (or an adjective and a noun): singular and joined, as said aloud
        ("supplying 500kg ballistic missiles", "supplying five-hundred-kilogram ballistic missiles"),
        ("a 5km run", "a five-kilometre run"),
        ("a 30mph limit", "a thirty-mile-per-hour limit"),
        # anything else after the measure: plural and spaced
        ("500kg of rice", "five hundred kilograms of rice"),
        ("it ran 5km away", "it ran five kilometres away"),
        ("it weighs 500kg.", "it weighs five hundred kilograms."),
        ("a 10-15kg load", "a ten to fifteen kilograms load"),  # a range is not joined
        ("50k people", "fifty thousand people"),  # a count, not a measure
    ],
)
def test_a_unit_before_a_noun_is_singular_and_joined(text: str, expected: str) -> None:
    assert n.units(text) == expected


# --- decades, years and dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 1970s", "the nineteen seventies"),
        ("the 1900s", "the nineteen hundreds"),
        ("the 2000s", "the two thousands"),
        ("the 2010s", "the twenty tens"),
        ("the 80s", "the eighties"),
        ("the ’80s", "the eighties"),
        ("in his 90s", "in his nineties"),
        ("the class of '99", "the class of ninety-nine"),
        ("100s of people", "hundreds of people"),
    ],
)
def test_decades(text: str, expected: str) -> None:
    says(text, expected)


def test_decades_rule_alone() -> None:
    assert n.decades("1970s") == "nineteen seventies"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 1999", "in nineteen ninety-nine"),
        ("since 2023, prices", "since twenty twenty-three, prices"),
        ("the 2024 election", "the twenty twenty-four election"),
        ("it ended in 2005.", "it ended in two thousand and five."),
        ("by 1100", "by eleven hundred"),
        ("2,000 troops", "two thousand troops"),
        ("1500 soldiers", "one thousand five hundred soldiers"),
        ("2023's best", "twenty twenty-three's best"),
        ("on 5 September 2023 he", "on the fifth of September twenty twenty-three he"),
        ("on September 5, 2023 he", "on September fifth, twenty twenty-three he"),
    ],
)
def test_years_and_dates(text: str, expected: str) -> None:
    says(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 5th May", "on the fifth of May"),
        ("21st March", "the twenty-first of March"),
        ("12/05/2023", "the twelfth of May twenty twenty-three"),
        ("5/13/2024", "the thirteenth of May twenty twenty-four"),
        ("on 2023-10-05.", "on the fifth of October twenty twenty-three."),
        ("May 10 people come?", "May ten people come?"),
    ],
)
def test_dates(text: str, expected: str) -> None:
    says(text, expected)


def test_years_rule_alone_needs_a_year_context() -> None:
    assert n.years("in 1999") == "in nineteen ninety-nine"
    assert n.years("1999 soldiers") == "1999 soldiers"


# --- ordinals, times, ranges ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1st", "first"),
        ("2nd", "second"),
        ("23rd", "twenty-third"),
        ("101st", "one hundred and first"),
        ("the 20th-century", "the twentieth-century"),
    ],
)
def test_ordinals(text: str, expected: str) -> None:
    says(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.30am", "ten thirty a m"),
        ("10am", "ten a m"),
        ("at 10.05 pm", "at ten oh five p m"),
        ("at 22:00", "at twenty-two hundred"),
        ("at 14:30", "at fourteen thirty"),
        ("It starts at 10 a.m. Then", "It starts at ten a m. Then"),
    ],
)
def test_times(text: str, expected: str) -> None:
    says(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10-15", "ten to fifteen"),
        ("10–15", "ten to fifteen"),
        ("2019-20", "twenty nineteen to twenty"),
        ("1939–1945", "nineteen thirty-nine to nineteen forty-five"),
        ("a 3-1 win", "a three to one win"),
    ],
)
def test_ranges(text: str, expected: str) -> None:
    says(text, expected)


def test_ranges_rule_alone() -> None:
    assert n.ranges("2019-20 season") == "twenty nineteen to twenty season"


# --- decimals and cardinals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5 million", "one point five million"),
        ("1,500", "one thousand five hundred"),
        ("50", "fifty"),
        ("-5", "minus five"),
        ("3.14", "three point one four"),
        ("0.25", "zero point two five"),
        ("the G7 summit", "the G seven summit"),
        ("a 5G mast", "a five G mast"),
        ("F-16 jets", "F-sixteen jets"),
        ("agent 007", "agent zero zero seven"),
        ("18+", "eighteen plus"),
        ("a 4x4 vehicle", "a four by four vehicle"),
        ("1/2 and 3/4", "one half and three quarters"),
        ("2½ hours", "two and a half hours"),
        ("24/7", "twenty-four seven"),
        ("temperatures hit 40C", "temperatures hit forty degrees Celsius"),
        ("a Type 2C engine", "a Type two C engine"),
        ("rose 3.2pc", "rose three point two percent"),
        ("1,2,3", "one, two, three"),
        ("version 1.5.3", "version one point five point three"),
        ("a .5 chance", "a point five chance"),
        ("1080p video", "one thousand and eighty p video"),
    ],
)
def test_numbers(text: str, expected: str) -> None:
    says(text, expected)


def test_numbers_rule_alone() -> None:
    assert n.numbers("1.5 and -3") == "one point five and minus three"


# --- acronyms, roman numerals, symbols -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the DPRK said", "the D P R K said"),
        ("the BBC reported", "the B B C reported"),
        ("the US and UK", "the U S and U K"),
        ("the EU, FBI and NHS", "the E U, F B I and N H S"),
        ("NATO and NASA", "NATO and NASA"),
        ("COVID and AIDS", "COVID and AIDS"),
        ("Nasa and Covid", "Nasa and Covid"),
        ("MPs voted", "M Ps voted"),
        ("the BBC's view", "the B B C's view"),
        ("KCNA and OECD said", "K C N A and O E C D said"),
        ("the U.S. said", "the U S said"),
        ("WAR IN UKRAINE", "WAR IN UKRAINE"),
        ("Elizabeth II", "Elizabeth the second"),
        ("World War II began", "World War two began"),
        ("Then I went", "Then I went"),
        ("Henry VIII's wives", "Henry the eighth's wives"),
        ("Malcolm X spoke", "Malcolm X spoke"),
        ("Gen Z voters", "Gen Z voters"),
        ("M&S", "M and S"),
        ("salt & pepper", "salt and pepper"),
        ("e.g. this, i.e. that", "for example this, that is that"),
    ],
)
def test_acronyms_and_symbols(text: str, expected: str) -> None:
    says(text, expected)


def test_acronyms_rule_alone_leaves_a_shouting_line() -> None:
    assert n.acronyms("WAR IN UKRAINE\nthe DPRK said") == "WAR IN UKRAINE\nthe D P R K said"


# --- web addresses, e-mail and symbols -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email jane.doe@example.com today.", "Email jane dot doe at example dot com today."),
        ("Write to news@bbc.co.uk", "Write to news at bbc dot co dot U K"),
        ("Write to first_last@example.org.", "Write to first underscore last at example dot org."),
        ("See https://www.bbc.co.uk/news now.", "See bbc dot co dot U K slash news now."),
        ("Go to www.example.com.", "Go to example dot com."),
        ("Apply at gov.uk today", "Apply at gov dot U K today"),
        ("Read example.com/path?utm=1 too", "Read example dot com slash path too"),
        ("at https://example.org/world-news/", "at example dot org slash world news"),
        ("Visit nhs.uk.", "Visit nhs dot U K."),
        ("C++ is old", "C plus plus is old"),
        ("3+2 is five", "three plus two is five"),
        ("Call +44 20", "Call plus forty-four twenty"),
        ("over-18s and 18+ only", "over-eighteens and eighteen plus only"),
        ("in their 20s or 60s", "in their twenties or sixties"),
        ("a 4x4 car", "a four by four car"),
        ("Israel/Gaza talks", "Israel slash Gaza talks"),
        ("cash and/or shares", "cash and or shares"),
        ("#MeToo spread", "hashtag MeToo spread"),
        ("follow @bbcnews", "follow at bbcnews"),
        ("R&D spending", "R and D spending"),
        ("AT&T shares", "A T and T shares"),
    ],
)
def test_web_addresses_and_symbols(text: str, expected: str) -> None:
    says(text, expected)


def test_web_addresses_rule_alone_leaves_prose_with_full_stops() -> None:
    assert n.web_addresses("He left. Then she came.") == "He left. Then she came."
    assert n.web_addresses("a@b.co") == "a at b dot co"


# --- Roman numerals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pope John Paul II", "Pope John Paul the second"),
        ("Louis XIV built it", "Louis the fourteenth built it"),
        ("Rocky IV was", "Rocky the fourth was"),
        ("Charles III was crowned", "Charles the third was crowned"),
        ("Part IV of the report", "Part four of the report"),
        ("World War I ended", "World War one ended"),
        ("Type II diabetes", "Type two diabetes"),
        ("I think so", "I think so"),
    ],
)
def test_roman_numerals(text: str, expected: str) -> None:
    says(text, expected)


# --- the rule table ------------------------------------------------------------------------------


def test_rules_are_named_documented_functions() -> None:
    names = [rule.__name__ for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.__doc__ and "\n" not in rule.__doc__.strip()


def test_rule_order_puts_specific_number_rules_before_the_catch_all() -> None:
    names = [rule.__name__ for rule in RULES]
    assert names.index("money") < names.index("units") < names.index("numbers")
    assert names.index("decades") < names.index("years") < names.index("numbers")
    assert names.index("titles") < names.index("acronyms")
    assert names[-1] == "acronyms"


# --- lexicon -------------------------------------------------------------------------------------


def test_lexicon_replaces_whole_words_only() -> None:
    assert apply_lexicon("Kyiv and Kyivan", {"Kyiv": "Keev"}) == "Keev and Kyivan"


def test_lexicon_is_case_sensitive() -> None:
    assert apply_lexicon("Kyiv and kyiv", {"Kyiv": "Keev"}) == "Keev and kyiv"


def test_lexicon_prefers_longer_keys() -> None:
    lexicon = {"Kim": "Kim", "Kim Jong-un": "Kim Jong Oon"}
    assert apply_lexicon("Kim Jong-un met Kim", lexicon) == "Kim Jong Oon met Kim"


def test_lexicon_does_not_rewrite_its_own_output() -> None:
    assert apply_lexicon("A B", {"A": "B", "B": "C"}) == "B C"


def test_lexicon_wins_over_rules() -> None:
    assert speak("from the DPRK", {"DPRK": "North Korea"}) == "from the North Korea"
    assert speak("Vadym Skibitsky", {"Skibitsky": "Skih-bit-ski"}) == "Vadym Skih-bit-ski"


def test_empty_lexicon_changes_nothing() -> None:
    assert apply_lexicon("Kyiv", {}) == "Kyiv"
    assert speak("Kyiv", None) == speak("Kyiv", {}) == "Kyiv"


# --- normalise() and the reference article -------------------------------------------------------


def test_normalise_fills_speech_and_keeps_text() -> None:
    segments = [
        Segment(kind="headline", voice="narrator", text="North Korea has ‘given dud shells’", paragraph=0),
        Segment(kind="body", voice="narrator", text="It sent 500kg missiles to Kyiv.", paragraph=1),
    ]
    result = normalise(segments, {"Kyiv": "Keev"})
    assert [s.text for s in result] == [s.text for s in segments]
    assert [s.speech for s in result] == [
        "North Korea has given dud shells",
        "It sent five-hundred-kilogram missiles to Keev.",
    ]
    assert [s.kind for s in result] == ["headline", "body"]
    assert segments[1].speech == ""  # inputs are not mutated


def test_reference_article_has_no_digits_brackets_or_quotes() -> None:
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        spoken = speak(line)
        assert not re.search(r"[\d\[\]“”\"‘’]", spoken), (line, spoken)


def test_reference_article_key_phrases() -> None:
    spoken = speak(ARTICLE.read_text(encoding="utf-8"))
    for phrase in (
        "Major General Vadym Skibitsky",
        "five-hundred-kilogram ballistic missiles",
        "one point five million rounds",
        "from the D P R K Democratic People's Republic of Korea",
        "North Korea gives away old stuff, ramps up",
        "thirty per cent capacity",
        "over seventy years",
        "Kyiv's intelligence",
        "WAR IN UKRAINE",
    ):
        assert phrase in spoken


def test_a_bare_link_alone_is_not_said() -> None:
    """A link alone on its line ("http://amzn.to/2hW3x7"), often a shortened one, says nothing a
    listener can use: its sentence is silent, and the text keeps it. A link inside a sentence is read."""
    assert n.speak("http://amzn.to/2hW3x7") == ""
    assert n.speak("www.example.org/ferry") == ""
    assert n.speak("Times are at www.example.org/ferry today.") == "Times are at example dot org slash ferry today."
    [segment] = n.normalise([Segment(kind="body", voice="narrator", text="http://amzn.to/2hW3x7", paragraph=0)])
    assert segment.sentences == ()
