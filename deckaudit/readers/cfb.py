"""OLE compound files (CFB): a password-protected OOXML deck, or a legacy PowerPoint 97-2003 .ppt.

Both start with D0 CF 11 E0. We tell them apart by the stream names in the directory (stored as UTF-16LE):
an encrypted OOXML package holds "EncryptionInfo" and "EncryptedPackage"; a .ppt holds
"PowerPoint Document". Reading the first few hundred KiB is enough: directory sectors come early in files
written by Office and by msoffcrypto-tool.

A .ppt is read by converting it to PPTX with LibreOffice (readers/convert.py) when ``soffice`` is installed.
A password-protected .ppt is refused first: its CurrentUserAtom carries the encrypted header token
(MS-PPT 2.3.2), and LibreOffice would stop at a password prompt that no one answers.
"""

from __future__ import annotations

import re

from deckaudit.deck import Deck
from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers.base import Reader, Sniff
from deckaudit.readers.sniff import CFB_MAGIC, is_cfb

_SCAN = 4 * 1024 * 1024
# CurrentUserAtom (MS-PPT 2.3.2): record header (recVer/recInstance 0, recType 0x0FF6, recLen), size 0x14,
# then headerToken: 0xF3D1C4DF when the document is encrypted (0xE391C05F when it is not).
_ENCRYPTED_USER_ATOM = re.compile(rb"\x00\x00\xf6\x0f.{4}\x14\x00\x00\x00\xdf\xc4\xd1\xf3", re.S)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _scan(path: str) -> bytes:
    """The first and the last few MiB of the file (directory sectors and small streams live there)."""
    with open(path, "rb") as fh:
        data = fh.read(_SCAN)
        fh.seek(0, 2)
        size = fh.tell()
        if size > 2 * _SCAN:
            fh.seek(size - _SCAN)
            data += fh.read(_SCAN)
        elif size > _SCAN:
            fh.seek(_SCAN)
            data += fh.read()
    return data


def classify_cfb(path: str) -> str:
    """"encrypted" (a password-protected OOXML package), "ppt", "ppt-encrypted", or "other"."""
    data = _scan(path)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return "encrypted"
    if _utf16("PowerPoint Document") in data or _utf16("Current User") in data:
        return "ppt-encrypted" if _ppt_encrypted(path, data) else "ppt"
    return "other"


def _ppt_encrypted(path: str, data: bytes) -> bool:
    if _ENCRYPTED_USER_ATOM.search(data):
        return True
    try:  # msoffcrypto-tool, when installed, parses the streams properly
        from msoffcrypto.format.ppt97 import Ppt97File
    except ImportError:
        return False
    try:
        with open(path, "rb") as fh:
            return bool(Ppt97File(fh).is_encrypted())
    except Exception:  # noqa: BLE001 - a damaged .ppt is LibreOffice's to judge
        return False


def raise_for_cfb(path: str, head: bytes) -> str:
    """Raise DeckError for an OLE file that cannot be read as a deck; return "ppt" for a readable .ppt."""
    if not is_cfb(head):
        raise DeckError(FileStatus.UNSUPPORTED, "not an OLE compound file")
    kind = classify_cfb(path)
    if kind == "encrypted":
        raise DeckError(FileStatus.ENCRYPTED, "password-protected PowerPoint file; remove the password and try again")
    if kind == "ppt-encrypted":
        raise DeckError(FileStatus.ENCRYPTED, "password-protected PowerPoint 97-2003 .ppt; remove the password and try again")
    if kind == "ppt":
        return kind
    raise DeckError(FileStatus.UNSUPPORTED, "an OLE compound file that is not a PowerPoint deck")


class CfbReader(Reader):
    """OLE compound files: legacy .ppt (converted through LibreOffice) and encrypted OOXML (refused)."""

    name = "ole"
    extensions = (".ppt", ".pps", ".pot")
    magic = (CFB_MAGIC,)

    def read(self, path: str, options, sniff: Sniff | None = None) -> Deck:
        with open(path, "rb") as fh:
            raise_for_cfb(path, fh.read(8))
        from deckaudit.readers.convert import convert_and_read

        return convert_and_read(path, options, "ppt")
