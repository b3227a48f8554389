"""OLE compound files (CFB): a password-protected OOXML deck, or a legacy PowerPoint 97-2003 .ppt.

Both start with D0 CF 11 E0. We tell them apart by the stream names in the directory (stored as UTF-16LE):
an encrypted OOXML package holds "EncryptionInfo" and "EncryptedPackage"; a .ppt holds
"PowerPoint Document". Reading the first few hundred KiB is enough: directory sectors come early in files
written by Office and by msoffcrypto-tool.
"""

from __future__ import annotations

from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers.sniff import is_cfb

_SCAN = 4 * 1024 * 1024


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def classify_cfb(path: str) -> str:
    """"encrypted", "ppt", or "other"."""
    with open(path, "rb") as fh:
        data = fh.read(_SCAN)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return "encrypted"
    if _utf16("PowerPoint Document") in data or _utf16("Current User") in data:
        return "ppt"
    return "other"


def raise_for_cfb(path: str, head: bytes) -> None:
    if not is_cfb(head):
        return
    kind = classify_cfb(path)
    if kind == "encrypted":
        raise DeckError(FileStatus.ENCRYPTED, "password-protected PowerPoint file; remove the password and try again")
    if kind == "ppt":
        raise DeckError(FileStatus.UNSUPPORTED, "legacy PowerPoint 97-2003 .ppt; save it as .pptx or PDF")
    raise DeckError(FileStatus.UNSUPPORTED, "an OLE compound file that is not a PowerPoint deck")
