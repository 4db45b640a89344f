"""Cover art: a square PNG showing the edition's title and date, drawn with Pillow.

Podcast directories ask for square art of 1400 to 3000 px. A configured
artwork file ([edition] artwork) is used instead when set, cropped square and
scaled into that range.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from narrate.config import Edition
from narrate.errors import ConfigError

SIZE = 1400
MAX_SIZE = 3000
BACKGROUND = (23, 37, 58)
ACCENT = (242, 166, 90)
INK = (246, 242, 234)
MUTED = (176, 190, 208)


def artwork(edition: Edition) -> bytes | None:
    """The configured artwork as a square PNG, or None when none is configured."""
    if not edition.artwork:
        return None
    return square_png(Path(edition.artwork))


def square_png(path: Path) -> bytes:
    """Any image Pillow reads, centre-cropped to a square of 1400 to 3000 px, as PNG."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            img.load()
            image = img.convert("RGB")
    except FileNotFoundError as err:
        raise ConfigError(f"[edition] artwork {path} not found", "Fix the path in narrate.toml, or remove it to draw a cover") from err
    except (UnidentifiedImageError, OSError) as err:
        raise ConfigError(f"[edition] artwork {path} is not an image Pillow can read", "Use a PNG or JPEG file") from err
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    target = min(MAX_SIZE, max(SIZE, side))
    if target != side:
        image = image.resize((target, target), Image.Resampling.LANCZOS)
    return _png(image)


def draw_cover(title: str, date_line: str, size: int = SIZE) -> bytes:
    """A plain, legible cover: the title large, the date under it, a waveform as the mark."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = size // 10
    # the mark: a row of bars like a speech waveform, deterministic
    bars, bar_w = 28, size // 70
    span = size - 2 * margin
    base = int(size * 0.30)
    for i in range(bars):
        x = margin + i * span // bars
        h = int(size * 0.11 * (0.35 + 0.65 * abs(math.sin(i * 0.9) * math.cos(i * 0.37))))
        draw.rounded_rectangle((x, base - h, x + bar_w, base + h), radius=bar_w // 2, fill=ACCENT)
    title_font = _fit(draw, title, ImageFont, size, span)
    lines = _wrap(draw, title, title_font, span)[:4]
    y = int(size * 0.46)
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.15)
    small = ImageFont.load_default(size=max(24, size // 22))
    draw.rectangle((margin, y + size // 40, margin + size // 8, y + size // 40 + size // 200), fill=ACCENT)
    draw.text((margin, y + size // 20), date_line, font=small, fill=MUTED)
    return _png(image)


def _fit(draw, title: str, font_module, size: int, width: int):  # type: ignore[no-untyped-def]
    """The largest font size at which the title fits in three lines."""
    for points in (size // 9, size // 11, size // 13, size // 16, size // 20):
        font = font_module.load_default(size=points)
        if len(_wrap(draw, title, font, width)) <= 3:
            return font
    return font_module.load_default(size=size // 20)


def _wrap(draw, text: str, font, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
