"""Clutter: which lines the line rules claim, and every rule the benchmark's ablation can switch off.

The line rules themselves live in `rules` (one predicate a kind of line) and
`metadata` (bylines and dates); this module applies them, each line once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from narrate.clean.appeals import (
    is_author_note,
    is_call_to_action,
    is_cookie_notice,
    is_disclosure,
    is_newsletter,
    is_newsletter_blurb,
    is_paywall,
    is_reader_appeal,
    is_revision_note,
    is_tip_line,
)
from narrate.clean.captions import is_credited_caption, is_photo_credit, is_pictures_credit, is_posed_caption
from narrate.clean.dates import is_date_line
from narrate.clean.metadata import (
    is_byline,
    is_dated_byline,
    is_entry_time,
    is_named_dateline,
)
from narrate.clean.rules import (
    DISABLED,
    is_ad_marker,
    is_cross_link,
    is_gallery_slide,
    is_player_chrome,
    is_read_more,
    is_section_label,
    is_share_button,
    is_shouted_promo,
    is_site_furniture,
    is_source_markup,
    is_trailer,
)

# The line rules, applied in order to every line after the headline. Section
# labels are handled by position (see `trim.drop_clutter`).
LINE_RULES: tuple[Callable[[str], bool], ...] = (
    is_paywall,
    is_ad_marker,
    is_photo_credit,
    is_pictures_credit,
    is_credited_caption,
    is_posed_caption,
    is_share_button,
    is_read_more,
    is_cross_link,
    is_newsletter,
    is_newsletter_blurb,
    is_author_note,
    is_shouted_promo,
    is_cookie_notice,
    is_site_furniture,
    is_player_chrome,
    is_gallery_slide,
    is_reader_appeal,
    is_call_to_action,
    is_tip_line,
    is_revision_note,
    is_disclosure,
    is_source_markup,
    is_byline,
    is_date_line,
    is_dated_byline,
    is_entry_time,
)


# Every rule the benchmark's ablation can switch off, by name.
RULES: tuple[str, ...] = (
    *(rule.__name__ for rule in LINE_RULES),
    "is_trailer", "is_section_label", "end_of_story", "drop_inner_boxes", "is_comments_start", "is_copyright",
    "drop_captions",
    "drop_repeats", "title_echo", "byline_near_headline", "top_matter", "title_heads", "author_bio", "gap_resumes",
    "numbered_items", "teaser_lists", "byline_lines", "off_topic_lines", "top_labels", "comment_threads",
    "shouted_headline", "bio_anywhere", "closing_sentence", "footer_links", "introduced_lists", "later_story", "signed_headline", "prose_resumes", "lead_prose", "pasted_code", "coauthor_lines", "long_resume",
    "whole_page", "structured_body", "writers_bio", "offer_boxes", "shop_prices", "newsletter_names",
    "filed_from", "wire_credit", "name_over_job", "longest_part", "drop_caps", "sure_reach", "desk_bylines",
    "dated_parts", "count_buttons", "comma_names", "byline_with_bio", "role_in_lower_case", "name_at_place",
    "counters", "picture_credit_after", "credits_after_writer", "blog_title", "share_row_ends", "trailing_tags",
    "licensing_button", "button_counts", "top_job_titles", "standfirst_above", "introduced_headline",
    "recipe_card", "pasted_recipe_card", "headline_like_title", "repeated_share_rows", "layout_tables",
    "site_first_title", "gaps_between", "comma_end_names", "declared_author", "person_over_desk",
    "writer_box", "comment_rules", "shown_summary", "lower_headline", "site_desk", "outlet_under_names",
    "job_under_name", "whole_entries", "marked_headline", "pager", "delivery_times", "update_after_date",
    "name_then_job", "outlet_desk", "names_with_jobs", "reworded_title", "title_shown",
    "marked_captions", "post_footer", "name_job_line", "dated_furniture",
    "credit_for_outlet", "wire_lead", "subheading_after_ad",
    "set_headline", "marked_factboxes", "job_under_standfirst", "pull_quote_speaker",
    "long_titles_in_boxes", "excerpt_lists", "excerpt_boxes", "name_under_byline",
    "agency_under_name",
)


# Byline and date lines are dropped from what is read, but they are part of the
# story's top, not clutter: the headline and the story's ends are found as if
# they were story lines (treating them as clutter moved the start of the story
# on both corpora's tuning halves).
_METADATA = frozenset({"is_byline", "is_date_line", "is_dated_byline", "is_entry_time"})


def is_metadata(text: str) -> bool:
    """A byline or dateline, the named kind too ("Jane Smith | 5 March 2024"): never a headline."""
    return is_byline(text) or is_date_line(text) or is_dated_byline(text) or is_named_dateline(text)


def is_line_rule_clutter(text: str) -> bool:
    """True when a line rule that is switched on claims the line."""
    return _line_rule_clutter(text, frozenset(DISABLED))


def is_clutter(text: str) -> bool:
    """True when any line rule, the trailer rule or the section-label rule claims the line."""
    return _clutter(text, frozenset(DISABLED))


# The story finders ask the same line again and again (is it clutter? does a story follow it?);
# each line is judged once (`_claims`; once more for each set of rules the ablation switches off), so cleaning
# stays linear.
def _line_rule_clutter(text: str, disabled: frozenset[str]) -> bool:
    return not _claims(text, frozenset(DISABLED)) <= disabled


@lru_cache(maxsize=1 << 16)
def _claims(text: str, switched_off: frozenset[str]) -> frozenset[str]:
    """The names of the line rules that claim a line, switched on or not: each rule judges a line once,
    whichever rules a caller leaves out (the metadata rules). A rule's own parts can be switched off
    (`credit_for_outlet` inside `is_photo_credit`), so what is switched off is part of the key."""
    return frozenset(rule.__name__ for rule in LINE_RULES if rule(text))


@lru_cache(maxsize=1 << 16)
def _clutter(text: str, disabled: frozenset[str]) -> bool:
    return (
        _line_rule_clutter(text, disabled | _METADATA)
        or ("is_trailer" not in disabled and is_trailer(text))
        or ("is_section_label" not in disabled and is_section_label(text))
    )

