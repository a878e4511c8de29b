"""The small markup of a profile's long text, and turning imported HTML into it.

Stored text is plain: paragraphs are separated by a blank line, a line starting "- " is a bullet,
and a link is written [words](https://address) or [words](/path-on-this-site). Nothing else is
markup, so text from an editor or an import can never carry a script or a style into a page.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from markupsafe import Markup, escape

SIMPLE_PARAGRAPH = re.compile(r"^\s*(?:<p>)?([^<]*)(?:</p>)?\s*$")
# A web address, or a path on this site ("//host" would be another site, so it is not a link).
LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|/(?!/))[^\s)]*)\)")


def _inline(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in LINK.finditer(line):
        parts.append(str(escape(line[position : match.start()])))
        parts.append(f'<a class="govuk-link" href="{escape(match.group(2))}">{escape(match.group(1))}</a>')
        position = match.end()
    parts.append(str(escape(line[position:])))
    return "".join(parts)


def render(text: str) -> Markup:
    """GOV.UK paragraphs, bullet lists and links from stored text; everything else is escaped."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        paragraph = [line for line in lines if not line.startswith("- ")]
        bullets = [line[2:] for line in lines if line.startswith("- ")]
        if paragraph:
            blocks.append('<p class="govuk-body">' + " ".join(_inline(line) for line in paragraph) + "</p>")
        if bullets:
            items = "".join(f"<li>{_inline(item)}</li>" for item in bullets)
            blocks.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
    # Every part was escaped above; only our own tags and the checked addresses are markup.
    return Markup("".join(blocks))  # noqa: S704  # nosec B704


def plain(text: str) -> str:
    """The words alone, for search indexes and summaries: links keep their words."""
    text = LINK.sub(r"\1", text)
    lines = (line.strip() for line in text.splitlines())
    return " ".join((line[2:] if line.startswith("- ") else line) for line in lines if line)


class _ToText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.href: str | None = None
        self.link_words: list[str] = []

    def _flush(self, prefix: str = "") -> None:
        words = " ".join("".join(self.current).split())
        if words:
            self.blocks.append(prefix + words)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "ul", "ol", "div", "br", "h2", "h3", "h4"} or tag == "li":
            self._flush()
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_words = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href is not None:
            words = " ".join("".join(self.link_words).split())
            href = self.href.strip()
            if words and (href.startswith(("http://", "https://", "/"))):
                self.current.append(f"[{words}]({href.replace(' ', '%20').replace(')', '%29')})")
            else:
                self.current.append(words)
            self.href = None
        elif tag == "li":
            self._flush("- ")
        elif tag in {"p", "ul", "ol", "div", "h2", "h3", "h4"}:
            self._flush()

    def handle_data(self, data: str) -> None:
        (self.link_words if self.href is not None else self.current).append(data)


def from_html(html: str) -> str:
    """Stored text from a source's HTML: paragraphs, bullets and links kept, all other markup dropped."""
    if not html:
        return ""
    # Most short items are one bare paragraph: no parser needed.
    simple = SIMPLE_PARAGRAPH.match(html)
    if simple:
        return " ".join(unescape(simple.group(1)).split())
    parser = _ToText()
    parser.feed(html)
    parser.close()
    parser._flush()
    text = ""
    for block in parser.blocks:
        bullet = block.startswith("- ")
        if text:
            previous_bullet = text.rsplit("\n", 1)[-1].startswith("- ")
            text += "\n" if bullet and previous_bullet else "\n\n"
        text += block
    return text
