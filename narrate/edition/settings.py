"""Every `[edition]` setting checked before any audio is made.

A setting that would only fail once the feed or the page is written (a category
holding a double quote made lxml raise after the whole edition had been
synthesised) is refused here, in one line, with exit 2. The check goes as far
as rendering an empty feed and a page with the settings, so whatever the feed
writer or the template would refuse is refused now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from narrate.config import Config, Edition
from narrate.errors import ConfigError
from narrate.transcript import plain

# Apple Podcasts categories and their subcategories, as listed in Apple's podcaster guide.
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature",
                "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running",
               "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
CATEGORY_SEPARATOR = " > "  # `category = "News > Daily News"`
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
EMAIL = re.compile(r"[^@\s\"<>]+@[^@\s\"<>]+\.[^@\s\"<>]+")


@dataclass(frozen=True)
class Category:
    """An Apple category, with its subcategory when one is given."""

    name: str
    sub: str | None = None


def category(text: str) -> Category:
    """`News` or `News > Daily News`, checked against Apple's list; case and spacing as Apple writes them."""
    parent, _, sub = (part.strip() for part in text.partition(CATEGORY_SEPARATOR.strip()))
    names = {name.lower(): name for name in APPLE_CATEGORIES}
    name = names.get(" ".join(parent.split()).lower())
    if name is None:
        raise ConfigError(
            f"[edition] category {plain(text)!r} is not one of Apple's podcast categories",
            f"Use one of: {', '.join(APPLE_CATEGORIES)}; a subcategory as e.g. \"News > Daily News\"",
        )
    if not sub:
        return Category(name)
    subs = {s.lower(): s for s in APPLE_CATEGORIES[name]}
    found = subs.get(" ".join(sub.split()).lower())
    if found is None:
        choices = ", ".join(APPLE_CATEGORIES[name]) or "none"
        raise ConfigError(f"[edition] category {plain(text)!r}: {plain(sub)!r} is not a subcategory of {name}", f"{name} has: {choices}")
    return Category(name, found)


def resolve(config: Config, value: str) -> Path:
    """A path from narrate.toml, relative to narrate.toml's own folder (else the current folder)."""
    path = Path(value).expanduser()
    if path.is_absolute() or not config.path:
        return path
    return Path(config.path).resolve().parent / path


def check(config: Config) -> None:
    """Refuse, in one line, any [edition] setting that could fail once the audio has been made."""
    from narrate.edition import cover, feed, player

    settings = config.edition
    for name in ("title", "author"):
        if not plain(getattr(settings, name)):
            raise ConfigError(f"[edition] {name} is empty", f"Give the show a {name} in narrate.toml")
    category(settings.category)
    if not LANGUAGE.fullmatch(settings.language):
        raise ConfigError(f"[edition] language {plain(settings.language)!r} is not a language code", "Write e.g. en, en-GB or fr")
    if settings.owner_email and not EMAIL.fullmatch(settings.owner_email):
        raise ConfigError(f"[edition] owner_email {plain(settings.owner_email)!r} is not an e-mail address", "Write e.g. news@example.org")
    if settings.artwork:
        cover.square_png(resolve(config, settings.artwork))  # size read from the header first, then decoded
    separator(config, settings)
    # Whatever the feed writer or the page template would refuse, refused now.
    feed.build_feed(Path("."), config, manifests=[])
    player.render(player.sample_manifest(plain(settings.title)), settings.language)


def separator(config: Config, settings: Edition) -> None:
    if settings.separator in ("chime", "silence"):
        return
    path = resolve(config, settings.separator)
    if not path.is_file():
        raise ConfigError(
            f"[edition] separator {plain(settings.separator)!r} is neither chime, silence nor a file",
            "Give chime, silence or the path of a short audio file (relative to narrate.toml)",
        )
