"""Code in pasted text: a run of code lines is never read line by line.

A saved page marks its code (`<pre>`, `<code>`) and Markdown fences it; text
copied from a browser keeps neither mark, only the lines. A line is code by its
shape: an assignment ("pool_size = 40"), a call ("time.sleep(delay)"), an import,
a block's bracket, a shell command ("$ pip install …", "git clone …"). A run of
such lines (blank lines, the block's language label and its "Copy" button
between them) becomes the one sentence the other formats use (`CODE_NOTE`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.clean.rules import enabled, words_in

# A code block is never read line by line: the listener hears this once in its place (every format).
CODE_NOTE = "A code example is left out here."

_CODE_SHAPES = re.compile(
    "|".join((
        r"\{\s*$",  # a block's start
        r"[(=\[].*;\s*$",  # a statement's end (a list's item may end in a semicolon too)
        r"^[\])}]+[;,)]*\s*$",  # a block's end
        r"^(?:import\s+[\w.]+(?:\s+as\s+\w+)?|from\s+[\w.]+\s+import\s+[\w*, ]+)\s*$",
        r"^(?:def|class|function|func|fn|const|let|var|return|public|private|static|async|package|#include|using)\s+\S.*[(){}=:;]",
        r"^[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*(?::=|[-+*/]?=)\s*\S",  # an assignment: "pool_size = 40", "delay := 3"
        r"^[\w.]+\([^()]*(?:\([^()]*\)[^()]*)*\)\s*;?\s*$",  # a call: "time.sleep(delay)"
        r"^\[[a-z_][\w.-]*\]\s*$",  # an ini file's section: "[server]"
        r"^(?:for|if|elif|else|while|with|try|except|finally)\b[^.]*:\s*$",  # a lower-case block opener: "for x in xs:"
        r'^"[\w.-]+"\s*:\s*\S',  # a JSON key
        r"^</?[a-z][\w-]*(?:\s[^<>]*)?>",  # a tag
    ))
)
# A shell command is code even alone: "$ pip install narrate", "git clone https://…".
_COMMAND = re.compile(
    r"^(?:[$%>]|>>>)\s+\S"
    r"|^(?:sudo|pip3?|npm|npx|yarn|pnpm|git|docker|kubectl|curl|wget|apt(?:-get)?|brew|cargo|mkdir|export|chmod)\s+[-\w./:@]"
)
# What stands around a code block in a browser's copy: its copy button and its language ("ini", "go").
_COPY = re.compile(r"^(?:copy(?: code| to clipboard)?|copied!?)$", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z][a-z0-9+#-]{0,11}$")
_LABELS_ABOVE = 4  # lines above a block that may be its labels (and blank lines)
_SENTENCE_WORDS = 12  # a line this long that ends a sentence is prose, whatever signs it has


def is_code_line(text: str) -> bool:
    """A line shaped like code, not like prose."""
    line = text.strip()
    if len(words_in(line)) >= _SENTENCE_WORDS and line.endswith((".", "?", "!", "”", '"')):
        return False
    return bool(_CODE_SHAPES.search(line) or _COMMAND.match(line))


def _label(line: str) -> bool:
    return bool(_COPY.match(line.strip()) or _LANGUAGE.match(line.strip()))


def drop_code(lines: Sequence[str]) -> list[str]:
    """The page's lines with each run of code lines (two or more, or one shell command) replaced by one
    line saying it is left out; blank lines and a block's labels between code lines go with them."""
    if not enabled("pasted_code"):
        return list(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not is_code_line(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j, code, last = i, 0, i
        while j < len(lines) and (not lines[j].strip() or is_code_line(lines[j]) or _label(lines[j])):
            if lines[j].strip() and is_code_line(lines[j]):
                code, last = code + 1, j
            j += 1
        if code >= 2 or _COMMAND.match(lines[i].strip()):
            above: list[str] = []
            while out and len(above) < _LABELS_ABOVE and (not out[-1].strip() or _label(out[-1])):
                above.append(out.pop())
            if not any(map(_label, above)):  # blank lines only: they stay; a block's labels go with it
                out.extend(reversed(above))
            out.extend(("", CODE_NOTE, ""))
            i = last + 1
        else:
            out.append(lines[i])
            i += 1
    return out
