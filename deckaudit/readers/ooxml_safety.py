"""Open an OOXML zip safely: a pre-flight over the zip directory before any part is parsed, capped part
reads, and an XML parser that resolves no entities, loads no DTD and touches no network.

Limits follow Apache POI's ZipSecureFile (minimum inflate ratio 0.01, capped entry count and sizes); media
parts (ppt/media, embeddings) are never read, but a member whose declared ratio marks it as a zip bomb still
fails the pre-flight: a deck that carries one is hostile whatever we would read of it.
"""

from __future__ import annotations

import os
import struct
import weakref
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from deckaudit.errors import DeckError, FileStatus


@dataclass(frozen=True, slots=True)
class Limits:
    max_entries: int = 60_000  # a 5,000-slide deck has ~15,000 parts
    max_total_uncompressed: int = 4 * 1024**3  # declared size of all members, media included
    max_part_bytes: int = 64 * 1024**2  # one XML part we parse
    max_text_bytes: int = 512 * 1024**2  # all XML we parse for one deck
    min_inflate_ratio: float = 0.01  # compressed/uncompressed below this (and big) = zip bomb
    ratio_check_above: int = 1024**2  # members smaller than this are not ratio-checked


DEFAULT_LIMITS = Limits()


def limits_from(settings: dict | None) -> tuple[Limits, int | None]:
    """([tool.deckaudit.limits] table) -> (zip Limits, max_slides or None); a bad key or value is a usage error."""
    from dataclasses import fields

    settings = dict(settings or {})
    max_slides = settings.pop("max_slides", None)
    known = {f.name: f.type for f in fields(Limits)}
    unknown = sorted(set(settings) - set(known))
    if unknown:
        raise DeckError(FileStatus.CORRUPT, f"unknown limit(s) {', '.join(unknown)}; known: max_slides, {', '.join(known)}")
    values = {}
    for k, v in [*settings.items(), *([("max_slides", max_slides)] if max_slides is not None else [])]:
        try:
            values[k] = float(v) if k == "min_inflate_ratio" else int(v)
        except (TypeError, ValueError):
            raise DeckError(FileStatus.CORRUPT, f"limits must be numbers: {k} is {v!r}") from None
    max_slides = values.pop("max_slides", None)
    if any(v <= 0 for v in values.values()) or (max_slides is not None and max_slides <= 0):
        raise DeckError(FileStatus.CORRUPT, "limits must be positive")
    return Limits(**values), max_slides

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True
)
MCE_MARK = b"AlternateContent"
MEDIA_PREFIXES = ("ppt/media/", "ppt/embeddings/", "ppt/activeX/", "ppt/vbaProject", "ppt/fonts/")


def peek_zip(path: str) -> tuple[zipfile.ZipFile, tuple]:
    """Open a zip for a look before it is read (a reader's accepts() reads [Content_Types].xml or the
    mimetype member). Returns the open zip and the file's identity (device, inode, size, mtime); the reader
    hands both to read() in its Sniff, and open_zip(path, zf=..., identity=...) takes the zip over instead of
    parsing the directory a second time (that parse costs about as much as reading ten slides), but only
    if the file at path is still the same file; otherwise it closes it and opens the file afresh."""
    zf = zipfile.ZipFile(path)
    try:
        return zf, _identity(path)
    except OSError:
        zf.close()
        raise


def _identity(path: str) -> tuple:
    st = os.stat(path)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _same_file(path: str, identity: tuple | None) -> bool:
    try:
        return identity is not None and identity == _identity(path)
    except OSError:
        return False


def open_zip(path: str, limits: Limits = DEFAULT_LIMITS, *, zf: zipfile.ZipFile | None = None,
             identity: tuple | None = None, media: tuple[str, ...] | None = None) -> "SafeZip":
    """The zip at path, pre-flighted (entry count, zip bombs, total size, duplicate names), as a SafeZip.
    ``zf``/``identity``: a zip peek_zip() opened for this path, taken over (and closed when done) if the file
    is unchanged. ``media``: part-name prefixes never read as XML (default: PPTX media folders).
    Raises DeckError (corrupt, too-large)."""
    if zf is not None and not _same_file(path, identity):
        zf.close()
        zf = None
    try:
        zf = zf or zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        said = ("not a zip archive (no zip directory: truncated?)" if "not a zip file" in str(exc).lower()
                else "damaged or truncated zip archive")
        raise DeckError(FileStatus.CORRUPT, said, detail=f"zipfile: {exc}") from None
    except Exception as exc:  # zipfile raises assorted types on damaged directories (NotImplementedError,
        # struct.error, ValueError, EOFError ...); all mean the same to a user: found by fuzzing.
        raise DeckError(FileStatus.CORRUPT, "damaged zip archive (its directory cannot be read)",
                        detail=f"zipfile: {type(exc).__name__}: {exc}") from None
    try:
        preflight(zf, limits)
    except BaseException:
        zf.close()
        raise
    return SafeZip(zf, limits, MEDIA_PREFIXES if media is None else media)


def preflight(zf: zipfile.ZipFile, limits: Limits) -> None:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise DeckError(FileStatus.TOO_LARGE, f"{len(infos):,} zip entries (limit {limits.max_entries:,})")
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        folded = name.lower()  # part names are compared case-insensitively (ECMA-376 part 2, 9.1.1.1)
        if folded in names:
            raise DeckError(FileStatus.CORRUPT, f"duplicate zip entry {name!r} (part names ignore letter case)")
        names.add(folded)
        total += info.file_size
        if info.file_size > limits.ratio_check_above and info.compress_size / max(info.file_size, 1) < limits.min_inflate_ratio:
            raise DeckError(
                FileStatus.TOO_LARGE,
                f"zip bomb: {name!r} inflates {info.file_size / max(info.compress_size, 1):,.0f}x "
                f"to {info.file_size / 1024**2:,.0f} MiB",
            )
    if total > limits.max_total_uncompressed:
        raise DeckError(FileStatus.TOO_LARGE, f"{total / 1024**3:.1f} GiB uncompressed (limit "
                        f"{limits.max_total_uncompressed / 1024**3:.0f} GiB)")


class SafeZip:
    """The zip, with capped reads of XML parts and a safe parser. Media parts are never read.

    Part names are matched as OPC says (ECMA-376 part 2, 9.1.1.1: equivalent when equal ignoring ASCII
    letter case), so a relationship target written "Slides/Slide1.xml" finds the member
    "ppt/slides/slide1.xml". The exact name is tried first; the case-folded table is built on the first miss."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits, media: tuple[str, ...] = ()):
        self.zf = zf
        self.limits = limits
        self.names = {i.filename: i for i in zf.infolist()}
        self.media = tuple(m.lower() for m in media)
        self._folded: dict[str, zipfile.ZipInfo] | None = None
        self.read_bytes = 0
        self.strict = False
        self.on_alternate = None  # root -> None, resolves mc:AlternateContent; None leaves the wrappers as they are

    def __enter__(self) -> "SafeZip":
        return self

    def __exit__(self, *exc) -> None:
        self.zf.close()

    def info(self, name: str) -> zipfile.ZipInfo | None:
        """The member for a part name, matched exactly, else ignoring letter case; None when absent."""
        info = self.names.get(name)
        if info is None:
            if self._folded is None:
                self._folded = {n.lower(): i for n, i in self.names.items()}
            info = self._folded.get(name.lower())
        return info

    def has(self, name: str) -> bool:
        return name in self.names or self.info(name) is not None

    def read(self, name: str) -> bytes:
        info = self.info(name)
        if info is None:
            raise KeyError(name)
        if self.media and info.filename.lower().startswith(self.media):  # only a broken or hostile reference
            raise DeckError(FileStatus.CORRUPT, f"a relationship points at media part {name!r} as if it were XML")
        name = info.filename
        if info.file_size > self.limits.max_part_bytes:
            raise DeckError(FileStatus.TOO_LARGE, f"part {name!r} is {info.file_size / 1024**2:,.0f} MiB of XML")
        self.read_bytes += info.file_size
        if self.read_bytes > self.limits.max_text_bytes:
            raise DeckError(FileStatus.TOO_LARGE, "more XML than the per-deck limit")
        data = read_member(self.zf, info)
        if data is not None:
            return data
        try:  # anything unusual: zipfile reads it, with its own checks and messages
            with self.zf.open(info) as fh:
                data = fh.read(self.limits.max_part_bytes + 1)
        except zipfile.BadZipFile as exc:
            raise DeckError(FileStatus.CORRUPT, f"damaged part {name!r} in the zip archive",
                            detail=f"zipfile: {exc}") from None
        except (OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
            raise DeckError(FileStatus.CORRUPT, f"cannot unpack part {name!r} from the zip archive",
                            detail=f"{type(exc).__name__}: {exc}") from None
        if len(data) > self.limits.max_part_bytes:  # the header lied about the size
            raise DeckError(FileStatus.TOO_LARGE, f"part {name!r} is larger than its zip header says")
        return data

    def xml(self, name: str):
        """The part parsed safely. When ``on_alternate`` is set and the part holds mc:AlternateContent, it is
        called with the parsed root to resolve the wrappers (see mce.py). Relationship parts are not subject
        to markup compatibility (ECMA-376 part 2) and are not searched: half the parts of a deck."""
        data = as_utf8(self.read(name))
        root = parse_xml(data, name, strict_map=self.strict)
        if self.on_alternate is not None and not name.endswith(".rels") and MCE_MARK in data:
            self.on_alternate(root)
        return root


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The member's bytes, read straight from the file: what zipfile.open(info).read() returns, for less
    (measured with read_deck on bench_review's decks: 0.55x the bare walk this way, 0.48x through zipfile, whose
    per-member file object and chunked reads are pure Python). None for anything this does not take on
    (encryption, other compressions, a local header that disagrees with the directory, sizes or a CRC that do
    not match, a zip opened from a file object): the caller then asks zipfile, which gives the same bytes or
    its own error.

    Only public zipfile API: the bytes come through a file handle of our own on ``zf.filename`` (one per open
    zip, closed with it), at the documented ``info.header_offset``. Taken only when the whole stream inflates
    to exactly the declared size with the declared CRC-32 and the local header names the member: then zipfile,
    which inflates the same bytes in chunks and stops at the declared size, returns the same bytes (also if
    the path was replaced since zf was opened: a different file fails those checks). Inflating stops one byte
    past the declared size, so a member that lies about its size costs no memory."""
    size, expect = info.compress_size, info.file_size
    if info.flag_bits & _FLAGS_NOT_TAKEN or info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        return None
    if size > 2 * expect + 65536:  # more compressed bytes than inflating could need: leave it to zipfile
        return None
    try:
        handle = _raw_handle(zf)  # not zf.fp under zf._lock: private, and measured no faster
        if handle is None:
            return None
        fp, lock = handle
        with lock:
            fp.seek(info.header_offset)
            head = fp.read(_LOCAL_HEADER + 256 + size)
            if len(head) < _LOCAL_HEADER or head[:4] != b"PK\x03\x04":
                return None
            flags, name_len, extra_len = _U16(head, 6)[0], _U16(head, 26)[0], _U16(head, 28)[0]
            start = _LOCAL_HEADER + name_len + extra_len
            name = head[_LOCAL_HEADER:_LOCAL_HEADER + name_len]
            if len(head) >= start + size:
                raw = head[start:start + size]
            else:
                fp.seek(info.header_offset + start)
                raw = fp.read(size)
        if len(name) != name_len or len(raw) != size:
            return None
        if name.decode("utf-8" if flags & 0x800 else zf.metadata_encoding or "cp437") != info.orig_filename:
            return None
        if info.compress_type == zipfile.ZIP_DEFLATED:
            data = zlib.decompressobj(-15).decompress(raw, expect + 1)
        else:
            data = raw
        if len(data) != expect or zlib.crc32(data) != info.CRC:
            return None
        return data
    except Exception:  # noqa: BLE001 - zipfile decides what a damaged member is
        return None


def _raw_handle(zf: zipfile.ZipFile):
    """(file, lock) of our own on the zip's path, opened on first use and closed when zf is collected;
    None for a zip opened from a file object (no path to open)."""
    handle = _RAW.get(zf)
    if handle is None:
        if not isinstance(zf.filename, str) or not zf.filename:
            return None
        import threading

        fp = open(zf.filename, "rb")
        handle = _RAW[zf] = (fp, threading.Lock())
        weakref.finalize(zf, fp.close)
    return handle


_LOCAL_HEADER = 30
_FLAGS_NOT_TAKEN = 0x01 | 0x20 | 0x40  # encrypted, compressed patched data, strong encryption
_U16 = struct.Struct("<H").unpack_from
_RAW: "weakref.WeakKeyDictionary[zipfile.ZipFile, tuple]" = weakref.WeakKeyDictionary()  # read_member's handles


def parse_xml(data: bytes, name: str = "part", *, strict_map: bool = False):
    data = as_utf8(data)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise DeckError(FileStatus.UNSAFE, DTD_REASON.format(name=name))
    if strict_map:
        from deckaudit.readers.strict import to_transitional

        data = to_transitional(data)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if any(mark in (exc.msg or "") for mark in ENTITY_ATTACK_MARKS):  # DTD in an encoding we did not decode
            raise DeckError(FileStatus.UNSAFE, DTD_REASON.format(name=name)) from None
        raise DeckError(FileStatus.CORRUPT, f"broken XML in {name!r}", detail=f"lxml: {exc.msg}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # the byte check above missed an encoding
        raise DeckError(FileStatus.UNSAFE, DTD_REASON.format(name=name))
    return root


ENTITY_ATTACK_MARKS = ("amplification", "entity reference loop")
DTD_REASON = "XML with a DTD in {name!r} (entity expansion / external entity)"
_UTF16_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def as_utf8(data: bytes) -> bytes:
    """OOXML parts are UTF-8 or UTF-16 (ECMA-376 part 2). A UTF-16 part is re-encoded to UTF-8, with its
    XML declaration dropped, so that the DTD refusal and the Strict mapping, which look at bytes, see it
    too: a UTF-16 '<!DOCTYPE' is not the bytes b'<!DOCTYPE'."""
    if data[:2] in _UTF16_BOMS:
        encoding = "utf-16"
    elif data[:2] == b"<\x00":
        encoding = "utf-16-le"
    elif data[:2] == b"\x00<":
        encoding = "utf-16-be"
    else:
        return data
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DeckError(FileStatus.CORRUPT, "XML part with a broken UTF-16 encoding", detail=str(exc)) from None
    text = text.lstrip("\ufeff")
    if text.startswith("<?xml"):
        end = text.find("?>")
        text = text[end + 2:] if end >= 0 else text
    return text.encode("utf-8")
