"""Recognise a file from its first bytes, so a misnamed file gets the right reader or a clear reason."""

from __future__ import annotations

import os

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: legacy .ppt or encrypted OOXML
PDF_MAGIC = b"%PDF-"


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def is_cfb(head: bytes) -> bool:
    return head.startswith(CFB_MAGIC)


def is_pdf(head: bytes) -> bool:
    # The PDF spec lets the header sit anywhere in the first 1024 bytes.
    return PDF_MAGIC in head[:1024]


def describe(head: bytes, path: str) -> str:
    """A one-line reason for a file no reader accepted."""
    ext = os.path.splitext(path)[1].lower()
    if is_zip(head):
        return "a zip file but not a presentation (PPTX, ODP or Keynote)"
    if is_cfb(head):
        return "an OLE compound file that is neither a .ppt nor an encrypted deck"
    if head.startswith(b"{\\rtf"):
        return "an RTF document, not a deck"
    if ext in {".key"}:
        return "not a Keynote zip (an old Keynote package folder?); export it from Keynote to PPTX or PDF"
    if head.lstrip().startswith(b"<?xml") and b"opendocument" in head:
        return "a flat OpenDocument XML file; save it as .odp or .pptx"
    try:
        head.decode("utf-8")
        looks_text = True
    except UnicodeDecodeError:
        looks_text = False
    if looks_text:
        return f"a text file, not a deck (named {ext or 'without extension'})"
    return "not a PPTX, ODP, Keynote, PPT or PDF file"
