"""Plain text, Markdown and email (.eml) as a Deck of paragraph "slides", for `deckaudit text`.

Outreach emails and web copy have no slides; each paragraph is audited like a slide. Email: the text/plain
part is preferred, HTML is stripped to text otherwise; quoted replies and signatures are dropped.
Only read when asked for: `deckaudit review` never treats a text file as a deck.
"""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser

from deckaudit.deck import Deck, Slide
from deckaudit.errors import DeckError, FileStatus

MAX_BYTES = 5 * 1024 * 1024
_QUOTE_START = re.compile(r"^(?:on .{0,120} wrote:|-{2,} ?original message ?-{2,}|from: .+)$", re.I)
_SIGNATURE = re.compile(r"^(?:-- ?|best regards,?|kind regards,?|regards,?|cheers,?|thanks,?|best,?|sent from my .+)$", re.I)
_MD = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in ("p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4"):
            self.parts.append("\n\n" if tag in ("p", "div", "h1", "h2", "h3", "h4") else "\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return "".join(p.parts)


def _email_body(raw: bytes) -> tuple[str, str]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    subject = str(msg.get("subject") or "")
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise DeckError(FileStatus.EMPTY, "the email has no text body")
    body = part.get_content()
    if part.get_content_subtype() == "html":
        body = html_to_text(body)
    return subject, body


def _drop_quotes_and_signature(text: str) -> str:
    out = []
    for line in text.splitlines():
        s = line.strip()
        if _QUOTE_START.match(s) or _SIGNATURE.match(s):
            break
        if s.startswith(">"):
            continue
        out.append(line)
    return "\n".join(out)


def paragraphs(text: str, markdown: bool) -> list[tuple[str, str]]:
    """(title, text) per paragraph; a Markdown heading titles the paragraphs under it."""
    out, heading = [], ""
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.rstrip() for ln in block.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        if markdown and len(lines) == 1 and lines[0].lstrip().startswith("#"):
            heading = lines[0].lstrip("# ").strip()
            continue
        clean = [_MD.sub("", ln).strip() for ln in lines] if markdown else [ln.strip() for ln in lines]
        body = "\n".join(clean)
        title = heading or (clean[0] if len(clean[0]) <= 80 else "")
        out.append((title, body if body.startswith(title) else f"{title}\n{body}" if heading else body))
    return out


def read_text(data: bytes, name: str) -> Deck:
    if len(data) > MAX_BYTES:
        raise DeckError(FileStatus.TOO_LARGE, f"{len(data) / 1024**2:.1f} MiB of text (limit {MAX_BYTES // 1024**2} MiB)", name)
    lower = name.lower()
    head = data[:2048].decode("utf-8", "replace").lower()
    is_email = lower.endswith(".eml") or ("\nsubject:" in "\n" + head and ("\nfrom:" in "\n" + head or "mime-version" in head))
    if b"\0" in data[:4096]:
        raise DeckError(FileStatus.UNSUPPORTED, "binary data, not text (use 'deckaudit review' for decks)", name)
    if is_email:
        subject, body = _email_body(data)
        variant, markdown = "email", False
        body = _drop_quotes_and_signature(body)
        if subject:
            body = f"{subject}\n\n{body}"
    else:
        body = data.decode("utf-8", errors="replace")
        markdown = lower.endswith((".md", ".markdown")) or bool(re.search(r"^#{1,6} ", body, re.M))
        variant = "markdown" if markdown else "text"
    paras = paragraphs(body, markdown)
    if not paras:
        raise DeckError(FileStatus.EMPTY, "no text", name)
    slides = [Slide(index=i, title=t, text=x) for i, (t, x) in enumerate(paras, 1)]
    return Deck(path=name, format="text", variant=variant, slides=slides, engine="text")
