"""The audio edition: many articles as one programme, with its pages, covers and feed.

- `make`: `build()` narrates the articles, join their levelled audio with a spoken
  introduction and closing line into `edition-<date>.mp3`, then write everything else;
- `settings`: every `[edition]` setting checked before any audio work;
- `manifests`: the editions already in an output folder (`edition-YYYY-MM-DD.json`);
- `cover`: the show's stable `cover.png`, each edition's dated cover, each article's title card;
- `feed`: `feed.xml`, one item per edition;
- `player`: each edition's page `edition-<date>.html` and the folder's `index.html`.

Importing the package is cheap: `narrate.edition.cover` (which every article
uses for its title card) does not load the rest.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EditionResult", "Story", "build", "chime", "edition_date", "headline_list", "spoken_date"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from narrate.edition import make as module

        return getattr(module, name)
    raise AttributeError(name)
