"""Pages pasted as text, written for the tests: a site's menu, and a page's lines cleaned as narrate does."""

from __future__ import annotations

from narrate.article import Article, Document
from narrate.clean import clean

MENU = ["Skip to content", "Home", "Local", "Weather", "Sport", "Opinion", "Subscribe"]


def clean_lines(lines: list[str]) -> Article:
    """The article narrate finds in a page pasted as these lines."""
    return clean(Document(source="page.txt", stem="page", format="text", text="\n".join(lines) + "\n"))
