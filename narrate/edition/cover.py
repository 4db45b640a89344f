"""Cover art, drawn with Pillow: the show's cover, each edition's dated cover, each article's title card.

- `cover.png`, the show's (channel) artwork, never changes from day to day: the
  show's title with no date, or the configured artwork ([edition] artwork);
- `edition-<date>.png`, one edition's cover: the same with its date drawn on;
- an article's MP3 carries a title card with its headline.

Podcast directories ask for square art of 1400 to 3000 px. Configured artwork
is measured from its header before anything is decoded: an image over 3000 px
a side (Apple's maximum) is refused in one line, so a small file claiming to be
a huge image (a decompression bomb) is never expanded in memory.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path

from narrate.errors import ConfigError

SIZE = 1400
MAX_SIZE = 3000  # Apple's largest podcast artwork, and narrate's limit for configured artwork
CARD_SIZE = 800  # an article's title card: shown small by players, and kept small in every MP3
BACKGROUND = (23, 37, 58)
ACCENT = (242, 166, 90)
INK = (246, 242, 234)
MUTED = (176, 190, 208)


def artwork_image(path: Path):  # type: ignore[no-untyped-def]
    """The configured artwork, cropped square and scaled into 1400 to 3000 px, as a Pillow image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)  # reads the header only
    except FileNotFoundError as err:
        raise ConfigError(f"[edition] artwork {path} not found", "Fix the path in narrate.toml (relative paths start at narrate.toml's folder)") from err
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise _too_large(path, f"over {(Image.MAX_IMAGE_PIXELS or 0) // 1_000_000} million pixels") from err
    except (UnidentifiedImageError, OSError) as err:
        raise ConfigError(f"[edition] artwork {path} is not an image Pillow can read", "Use a PNG or JPEG file") from err
    with img:
        if max(img.size) > MAX_SIZE:
            raise _too_large(path, f"{img.width}×{img.height} px")
        try:
            img.load()
            image = img.convert("RGB")
        except (OSError, ValueError) as err:
            raise ConfigError(f"[edition] artwork {path} could not be decoded ({err})", "Save it again as a PNG or JPEG file") from err
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    target = min(MAX_SIZE, max(SIZE, side))
    if target != side:
        image = image.resize((target, target), Image.Resampling.LANCZOS)
    return image


def _too_large(path: Path, size: str) -> ConfigError:
    return ConfigError(
        f"[edition] artwork {path} is {size}: the limit is {MAX_SIZE:,} px a side",
        f"Scale it down to between {SIZE:,} and {MAX_SIZE:,} px square",
    )


def square_png(path: Path) -> bytes:
    """Configured artwork as a square PNG (checked from its header first)."""
    return _png(artwork_image(path))


def show_cover(title: str, artwork: Path | None = None) -> bytes:
    """`cover.png`: the configured artwork, else the show's title. No date: it must not change from day to day."""
    if artwork is not None:
        return square_png(artwork)
    return _png(_drawn(title, None, SIZE))


def edition_cover(title: str, date_line: str, artwork: Path | None = None) -> bytes:
    """`edition-<date>.png`: the show's cover with the edition's date drawn on it."""
    if artwork is None:
        return _png(_drawn(title, date_line, SIZE))
    from PIL import ImageDraw

    image = artwork_image(artwork)
    size = image.width
    draw = ImageDraw.Draw(image)
    band = size // 7
    draw.rectangle((0, size - band, size, size), fill=BACKGROUND)
    font = _font(max(24, band // 3))
    draw.text((size // 20, size - band + (band - font.size) // 2), date_line, font=font, fill=INK)
    return _png(image)


def title_card(headline: str, credit: str = "") -> bytes:
    """An article's cover art: its headline, and under it who published it, when known."""
    return _png(_drawn(headline or "narrate", credit or None, CARD_SIZE))


def draw_cover(title: str, date_line: str | None, size: int = SIZE) -> bytes:
    """A plain, legible cover: the title large, an optional line under it, a waveform as the mark."""
    return _png(_drawn(title, date_line, size))


def _drawn(title: str, line: str | None, size: int):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = size // 10
    # the mark: a row of bars like a speech waveform, deterministic
    bars, bar_w = 28, max(2, size // 70)
    span = size - 2 * margin
    base = int(size * 0.30)
    for i in range(bars):
        x = margin + i * span // bars
        h = int(size * 0.11 * (0.35 + 0.65 * abs(math.sin(i * 0.9) * math.cos(i * 0.37))))
        draw.rounded_rectangle((x, base - h, x + bar_w, base + h), radius=bar_w // 2, fill=ACCENT)
    title_font = _fit(draw, title, size, span)
    lines = _wrap(draw, title, title_font, span)[:4]
    y = int(size * 0.46)
    for text in lines:
        draw.text((margin, y), text, font=title_font, fill=INK)
        y += int(title_font.size * 1.15)
    if line:
        small = _font(max(16, size // 22))
        draw.rectangle((margin, y + size // 40, margin + size // 8, y + size // 40 + size // 200), fill=ACCENT)
        draw.text((margin, y + size // 20), _wrap(draw, line, small, span)[0], font=small, fill=MUTED)
    return image


def _font(points: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    return ImageFont.load_default(size=points)


def _fit(draw, title: str, size: int, width: int):  # type: ignore[no-untyped-def]
    """The largest font size at which the title fits in three lines."""
    for points in (size // 9, size // 11, size // 13, size // 16, size // 20):
        font = _font(points)
        if len(_wrap(draw, title, font, width)) <= 3:
            return font
    return _font(size // 20)


def _wrap(draw, text: str, font, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    # zlib's default level: 5 % larger than PIL's optimize=True and five times faster (70 ms less per article)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
