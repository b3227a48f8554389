"""Plain text, Markdown and email (.eml) as a Deck of paragraph "slides", for ``deckaudit text``.

Outreach emails and web copy have no slides; each paragraph is audited like a slide. Email (stdlib
``email``): the text/plain part is preferred, an HTML part is stripped to text otherwise; the sender's domain
names the seller. Quoted replies and the signature are dropped (from plain text too: pasted emails).
Markdown: a heading titles the paragraphs under it; markup, links, code and front matter are stripped.
Read only when asked for: ``deckaudit review`` never treats a text file as a deck, so this module is not in
the reader registry, but it has the same two functions.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from deckaudit.deck import Deck, Slide
from deckaudit.errors import DeckError, FileStatus

MAX_BYTES = 5 * 1024 * 1024
MAX_PARAGRAPHS = 5_000
_HEADER = re.compile(rb"^(?:from|to|subject|date|mime-version|message-id|received|return-path|content-type):", re.I | re.M)
_QUOTE_START = re.compile(r"^(?:on\b.{0,200}\bwrote:|-{2,} ?(?:original|forwarded) message ?-{2,}|_{5,}|from: .+|begin forwarded message:?)$", re.I)
_SIGNATURE = re.compile(r"^(?:--|-- |best regards,?|kind regards,?|warm regards,?|regards,?|cheers,?|thanks,?|thank you,?|best,?|all the best,?|sincerely,?|sent from my .+)$", re.I)
_MD_LINE = re.compile(r"^\s{0,3}(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s?)+")
_MD_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the words
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"</?[a-zA-Z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis and code spans
]
_FENCE = re.compile(r"^\s{0,3}(```|~~~).*?^\s{0,3}\1\s*$", re.M | re.S)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def accepts(head: bytes, path: str) -> bool:
    """Text, Markdown or email: no NUL bytes (after a UTF-16 BOM check)."""
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" not in head


def read(path: str, options=None) -> Deck:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, exc.strerror or str(exc), path) from None
    return read_text(data, path)


class _HTMLText(HTMLParser):
    """The visible text of an HTML email body, without scripts, styles and quoted replies."""

    _SKIP = {"script", "style", "head", "title", "blockquote"}
    _BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
    _LINE = {"br", "li", "tr"}
    _VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: does it hide its content?

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag in self._LINE:
            self.parts.append("\n")
        if tag in self._VOID:
            return
        marks = " ".join(str(v) for k, v in attrs if k in ("class", "id") and v).lower()
        quoted = any(m in marks for m in ("gmail_quote", "divrplyfwdmsg", "moz-cite-prefix", "yahoo_quoted", "signature"))
        self.stack.append(tag in self._SKIP or quoted)

    def handle_endtag(self, tag):
        if tag in self._VOID or not self.stack:
            return
        self.stack.pop()
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not any(self.stack):
            self.parts.append(re.sub(r"\s+", " ", data))  # HTML whitespace, line breaks included, is one space


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def looks_like_email(data: bytes, name: str) -> bool:
    if name.lower().endswith(".eml"):
        return True
    head = data[:4096]
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return len(_HEADER.findall(block)) >= 2 and _HEADER.match(head) is not None


_WEBMAIL = {"gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "icloud", "me", "mac", "aol", "gmx",
            "proton", "protonmail", "mail", "web", "fastmail", "zoho", "yandex", "example"}


def sender_organisation(from_header: str) -> str:
    """The sender's organisation from the From: address ("sam@northwind.co.uk" -> "northwind"), the seller
    of an outreach email; "" for webmail and unparsable addresses."""
    from email.utils import parseaddr

    domain = parseaddr(from_header)[1].rpartition("@")[2].lower().strip(".")
    labels = domain.split(".")[:-1]  # drop the top-level domain
    if len(labels) > 1 and labels[-1] in ("co", "com", "org", "net", "ac", "gov", "ltd", "plc"):
        labels = labels[:-1]
    org = labels[-1] if labels else ""
    return org if len(org) >= 3 and org not in _WEBMAIL and org.replace("-", "").isalnum() else ""


def email_body(data: bytes) -> tuple[str, str, str]:
    """(subject, body text, sender organisation) of an email: the text/plain part, else the HTML part
    stripped to text."""
    import email
    import email.policy

    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        subject = " ".join(str(msg.get("subject") or "").split())
        sender = sender_organisation(str(msg.get("from") or ""))
        part = msg.get_body(preferencelist=("plain", "html"))
        if part is None:
            raise DeckError(FileStatus.EMPTY, "the email has no text or HTML body")
        try:
            body = part.get_content()
        except (LookupError, UnicodeError):  # an unknown or lying charset
            body = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    except DeckError:
        raise
    except Exception as exc:  # the email package raises many kinds on malformed MIME
        raise DeckError(FileStatus.CORRUPT, "malformed email (its MIME structure cannot be parsed)",
                        detail=f"email: {type(exc).__name__}: {exc}") from None
    if not isinstance(body, str):
        raise DeckError(FileStatus.EMPTY, "the email has no text or HTML body")
    if part.get_content_subtype() == "html":
        body = html_to_text(body)
    return subject, body, sender


def drop_quotes_and_signature(text: str) -> str:
    """The new message only: stop at a reply header or a sign-off, skip '>' quoted lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        s = line.strip()
        two = f"{s} {lines[i + 1].strip()}" if i + 1 < len(lines) and s.lower().startswith("on ") else s
        if _QUOTE_START.match(s) or _QUOTE_START.match(two) or _SIGNATURE.match(s):
            break
        if s.startswith(">"):
            continue
        out.append(line)
    return "\n".join(out)


def strip_markdown(text: str) -> str:
    text = _FENCE.sub("", _FRONT_MATTER.sub("", text))
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    return text


def paragraphs(text: str, markdown: bool) -> list[tuple[str, str]]:
    """(title, text) per paragraph. In Markdown a heading titles the paragraphs under it and opens the
    text of the first one; elsewhere a short first line is the title."""
    out, heading, heading_used = [], "", True
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if markdown:
            rest = []
            for ln in lines:
                m = _HEADING.match(ln)
                if m:
                    if rest:
                        out.append(_paragraph(heading, heading_used, rest))
                        heading_used, rest = True, []
                    heading, heading_used = m.group(1).strip(), False
                elif not re.fullmatch(r"[-*_=\s]{3,}", ln):  # rules and setext underlines
                    rest.append(_MD_LINE.sub("", ln).strip())
            lines = [ln for ln in rest if ln]
            if lines:
                out.append(_paragraph(heading, heading_used, lines))
                heading_used = True
        elif lines:
            lines = unwrap(lines)
            out.append((lines[0] if len(lines[0]) <= 80 else "", "\n".join(lines)))
    return out


_LIST_ITEM = re.compile(r"^(?:[-*+•]\s|\d+[.)]\s)")


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (emails wrap at ~72 characters) so that a sentence is on one line; short
    lines, lines ending a sentence and list items stay lines."""
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= 50 and not out[-1].endswith((".", "!", "?", ":")) and not _LIST_ITEM.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _paragraph(heading: str, heading_used: bool, lines: list[str]) -> tuple[str, str]:
    body = "\n".join(lines)
    if heading and not heading_used:
        return heading, f"{heading}\n{body}"
    return heading or (lines[0] if len(lines[0]) <= 80 else ""), body


def decode(data: bytes, name: str) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    if b"\0" in data[:4096]:
        raise DeckError(FileStatus.UNSUPPORTED, "binary data, not text (use 'deckaudit review' for decks)", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def deck_format(data: bytes) -> str:
    """What a file that is a deck (or another document format) is, by its magic bytes: 'a PDF', 'a zip
    archive (PPTX, ODP or Keynote)', 'an OLE compound file (.ppt or an encrypted Office file)'; '' for
    anything else. A PDF is recognised even uncompressed or encrypted (all ASCII, no NUL
    bytes), which the binary-data check would let through."""
    from deckaudit.readers.sniff import PDF_MAGIC, is_cfb, is_zip

    head = data[:1024].lstrip()
    if head.startswith(PDF_MAGIC):  # at the start, not anywhere in the head as sniff.is_pdf allows: a text may quote it
        return "a PDF"
    if is_zip(head):
        return "a zip archive (PPTX, ODP or Keynote)"
    if is_cfb(head):
        return "an OLE compound file (.ppt or an encrypted Office file)"
    return ""


def read_text(data: bytes, name: str) -> Deck:
    """A Deck of paragraphs from the bytes of a text, Markdown or email file (name: for messages and
    the format guess; '<stdin>' for piped input)."""
    if len(data) > MAX_BYTES:
        raise DeckError(FileStatus.TOO_LARGE, f"more than {MAX_BYTES // 1024**2} MiB of text", name)
    if not data.strip():
        raise DeckError(FileStatus.EMPTY, "no text", name)
    not_text = deck_format(data)
    if not_text:  # its raw bytes would be audited as paragraphs ('%PDF-1.3', '/Type /Page' ...)
        raise DeckError(FileStatus.UNSUPPORTED, f"{not_text}, not text: use 'deckaudit review'", name)
    company = ""
    if looks_like_email(data, name):
        subject, body, company = email_body(data)
        body = drop_quotes_and_signature(body)
        text = f"{subject}\n\n{body}" if subject else body
        variant, markdown = "email", False
    else:
        text = decode(data, name)
        markdown = name.lower().endswith((".md", ".markdown", ".mdown")) or bool(re.search(r"^#{1,6} \S", text, re.M))
        variant = "markdown" if markdown else "text"
        text = strip_markdown(text) if markdown else drop_quotes_and_signature(text)  # pasted emails too
    paras = paragraphs(text.replace("\r\n", "\n").replace("\r", "\n"), markdown)
    if not paras:
        raise DeckError(FileStatus.EMPTY, "no text", name)
    if len(paras) > MAX_PARAGRAPHS:
        raise DeckError(FileStatus.TOO_LARGE, f"{len(paras)} paragraphs (limit {MAX_PARAGRAPHS})", name)
    slides = [Slide(index=i, title=title, text=body) for i, (title, body) in enumerate(paras, 1)]
    return Deck(path=name, format="text", variant=variant, slides=slides, engine="text", company=company)
