"""PPTX and its variants (.pptm .ppsx .potx, Strict OOXML) read with zipfile + lxml.

Measured (../shared/docs/extraction-pitfalls.md): about 5x faster than python-pptx, and it keeps what
python-pptx loses: SmartArt text, notes written as text boxes, hidden flags, sections, alt text. Slides
come in presentation order (p:sldIdLst through the relationships, never file names); groups are walked to
any depth; tables, chart titles/categories/series and SmartArt data become slide text; notes are found
through the slide's notesSlide relationship and kept apart. Media parts are never read.
"""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from deckaudit.deck import Box, Deck, Slide
from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.marks import is_own_tag, strip_own_notes
from deckaudit.readers import _decor as decor
from deckaudit.readers.base import Reader, Sniff, check_slide_count, finish, slide_status
from deckaudit.readers.ooxml_safety import DEFAULT_LIMITS, SafeZip, open_zip, peek_zip, read_member
from deckaudit.readers.sniff import ZIP_MAGIC, is_zip
from deckaudit.readers.strict import STRICT_MARK, rel_type

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "c14": "http://schemas.microsoft.com/office/drawing/2007/8/2/chart",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "cx": "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
P, A, R = (f"{{{NS[k]}}}" for k in ("p", "a", "r"))

VARIANTS = {
    "presentationml.presentation.main": "pptx",
    "presentationml.slideshow.main": "ppsx",
    "presentationml.template.main": "potx",
    "ms-powerpoint.presentation.macroenabled.main": "pptm",
    "ms-powerpoint.slideshow.macroenabled.main": "ppsm",
    "ms-powerpoint.template.macroenabled.main": "potm",
}
DECK_EXTENSIONS = (".pptx", ".pptm", ".ppsx", ".potx", ".ppsm", ".potm")
NOTES_SKIP = {"sldImg", "sldNum", "dt", "hdr", "ftr"}
TITLE_TYPES = {"title", "ctrTitle"}

_T = etree.XPath(".//a:t/text()", namespaces=NS)
_A_P, _A_T, _A_BR = f"{A}p", f"{A}t", f"{A}br"
_A_FLD = f"{A}fld"
_M_T = f"{{{NS['m']}}}t"  # Office math (OMML) runs: a14:m/m:oMathPara/m:oMath ... m:r/m:t, in a paragraph
_ON = ("1", "true", "on")

# The parts of a shape the reader looks at, fetched in one XPath union rather than a find() per part (about
# five times faster on the corpus; shape() was a third of the reading time). Each tag below is reached by one
# path only, so the first node of a tag in document order is exactly what el.find(that path) returns:
# _parts_plain() is the find() version the tests hold this to.
_CNVPR, _PH, _TXBODY = f"{P}cNvPr", f"{P}ph", f"{P}txBody"
_A_XFRM, _P_XFRM, _BLIPFILL, _A_OFF, _A_EXT = f"{A}xfrm", f"{P}xfrm", f"{A}blipFill", f"{A}off", f"{A}ext"
_PARTS = {
    "sp": ("p:nvSpPr/p:cNvPr", "p:nvSpPr/p:nvPr/p:ph", "p:txBody", "p:spPr/a:xfrm", "p:xfrm", "p:spPr/a:blipFill"),
    "pic": ("p:nvPicPr/p:cNvPr", "p:spPr/a:xfrm", "p:xfrm"),
    "notes": ("p:nvSpPr/p:nvPr/p:ph", "p:txBody"),
}
_PARTS_XPATH = {kind: etree.XPath(" | ".join(paths), namespaces=NS) for kind, paths in _PARTS.items()}


class PptxReader(Reader):
    """PowerPoint Open XML packages (.pptx and its variants, Strict). The zip accepts() opens to read
    [Content_Types].xml travels to read() in the Sniff, so the directory is parsed once."""

    name = "pptx"
    extensions = DECK_EXTENSIONS
    magic = ZIP_MAGIC

    def accepts(self, head: bytes, path: str) -> Sniff | None:
        if not is_zip(head):
            return None
        zf = None
        try:
            zf, identity = peek_zip(path)
            info = zf.NameToInfo.get("[Content_Types].xml") or _folded_info(zf, "[Content_Types].xml")
            if info is None:
                zf.close()
                return None
            if info.file_size > 4 * 1024**2:
                return Sniff(self, path, handle=zf, facts={"identity": identity})  # absurd: read() refuses it
            types = read_member(zf, info)
            if types is None:
                types = zf.read(info)
        except Exception:  # zipfile raises assorted types on damaged zips (zlib.error, NotImplementedError ...)
            if zf is not None:
                zf.close()
            # A damaged zip: ours if it looks like a deck, so the user hears "corrupt", not "unsupported".
            if path.lower().endswith(DECK_EXTENSIONS) or b"ppt/" in head:
                return Sniff(self, path)
            return None
        low = types.lower()
        if b"presentationml" in low or b"powerpoint" in low:
            return Sniff(self, path, handle=zf, facts={"identity": identity})
        zf.close()
        return None

    def read(self, path: str, options, sniff: Sniff | None = None) -> Deck:
        limits = getattr(options, "limits", None) or DEFAULT_LIMITS
        zf = sniff.take() if sniff is not None else None
        identity = sniff.facts.get("identity") if sniff is not None else None
        with open_zip(path, limits, zf=zf, identity=identity) as safe:
            safe.on_alternate = _resolve_alternate
            return _Reader(safe, path, options).deck()


def _folded_info(zf, name: str):
    """A member whose name equals name ignoring letter case (OPC part names are case-insensitive)."""
    low = name.lower()
    for info in zf.infolist():
        if info.filename.lower() == low:
            return info
    return None


UNDERSTOOD = frozenset({
    NS["p"], NS["a"], NS["r"], NS["c"], NS["dgm"], NS["dsp"], NS["m"], NS["a14"], NS["c14"],
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
})


def understands(uri: str) -> bool:
    """The namespaces whose mc:Choice content this reader reads: PresentationML and DrawingML, Office math
    (a14:m holding m:oMath), chart and chartex parts, SmartArt. Ink, 3D models, zoom and OLE previews are
    taken from their mc:Fallback (a picture)."""
    return uri in UNDERSTOOD or (uri.startswith("http://schemas.microsoft.com/office/drawing/") and uri.endswith("/chartex"))


def _resolve_alternate(root) -> None:
    """Resolve mc:AlternateContent in a parsed part (mce.resolve with understands()), then turn Office math runs
    (m:t, which PowerPoint writes only inside such a wrapper's a14 Choice) into DrawingML text runs, so the
    one-pass paragraph walk reads an equation as text without looking for math in every part."""
    from deckaudit.readers.mce import resolve

    if resolve(root, understands):
        for t in root.iter(_M_T):
            t.tag = _A_T


def read(path: str, options) -> Deck:
    """Read a PPTX without the registry (tests, tools): ``PptxReader().read`` and the shared finishing checks."""
    return finish(PptxReader().read(path, options), options)


def _emu(el, attr: str, default: float = 0.0) -> float:
    """A coordinate or size in EMU. A value that is not a finite number counts as the default: a broken
    position makes the geometry unknown, it does not make the deck unreadable (found by mutating parts)."""
    try:
        value = float(el.get(attr, default))
    except (TypeError, ValueError):
        return default
    return value if math.isfinite(value) else default


def _extent(el, attr: str) -> float:
    """A size that divides: positive, else 1."""
    value = _emu(el, attr, 1.0)
    return value if value > 0 else 1.0


def _font_size(run) -> int | None:
    try:
        return int(run.get("sz") or "")
    except ValueError:
        return None


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return _join(posixpath.dirname(base_part), target)


@lru_cache(maxsize=4096)
def _join(folder: str, target: str) -> str:
    """A relative target resolved against a part's folder (the same few targets recur on every slide)."""
    return posixpath.normpath(posixpath.join(folder, target))


def _rels_path(part: str) -> str:
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def _paragraphs(el) -> list[str]:
    """The non-blank paragraphs under el, a:br kept as a line break (Office math arrives as a:t, see
    _resolve_alternate). One pass over the tree: about twice
    as fast as an XPath per body and an iter per paragraph (measured on the benchmark decks)."""
    out: list[str] = []
    parts: list[str] | None = None  # text of the current paragraph; None before the first a:p
    for node in el.iter(_A_P, _A_T, _A_BR):
        if node.tag == _A_P:
            _flush(parts, out)
            parts = []
        elif parts is not None:
            parts.append("\n" if node.tag == _A_BR else (node.text or ""))
    _flush(parts, out)
    return out


def _parts(el, kind: str) -> dict:
    """{tag: element} for the parts of a shape (``kind`` "sp" or "pic") or a notes-page shape ("notes") in
    _PARTS: for each path, the element el.find(path) returns, keyed by its tag (absent when there is none)."""
    found: dict = {}
    for node in _PARTS_XPATH[kind](el):
        if node.tag not in found:
            found[node.tag] = node
    return found


def _parts_plain(el, kind: str) -> dict:
    """What _parts() returns, with one el.find() per path: the reference the fast path is tested against."""
    found = {}
    for path in _PARTS[kind]:
        node = el.find(path, namespaces=NS)
        if node is not None:
            found[node.tag] = node
    return found


def _off_ext(xfrm):
    """(xfrm.find(a:off), xfrm.find(a:ext)) in one pass over its few children."""
    off = ext = None
    for child in xfrm:
        tag = child.tag
        if tag == _A_OFF:
            if off is None:
                off = child
        elif tag == _A_EXT and ext is None:
            ext = child
    return off, ext


def _flush(parts: list[str] | None, out: list[str]) -> None:
    text = "".join(parts).strip() if parts else ""
    if text:
        out.append(text)


@dataclass
class _Xfrm:
    """Maps child coordinates of a group onto slide coordinates."""

    ox: float = 0.0
    oy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def apply(self, x, y, w, h):
        return self.ox + x * self.sx, self.oy + y * self.sy, w * self.sx, h * self.sy

    def child(self, grp_xfrm) -> "_Xfrm":
        if grp_xfrm is None:
            return self
        off, ext = grp_xfrm.find(f"{A}off"), grp_xfrm.find(f"{A}ext")
        choff, chext = grp_xfrm.find(f"{A}chOff"), grp_xfrm.find(f"{A}chExt")
        if off is None or ext is None or choff is None or chext is None:
            return self
        cx, cy = _extent(chext, "cx"), _extent(chext, "cy")
        sx, sy = _emu(ext, "cx") / cx, _emu(ext, "cy") / cy
        gx, gy = _emu(off, "x") - _emu(choff, "x") * sx, _emu(off, "y") - _emu(choff, "y") * sy
        return _Xfrm(self.ox + gx * self.sx, self.oy + gy * self.sy, self.sx * sx, self.sy * sy)


@dataclass
class _SlideParts:
    title: str = ""
    texts: list[str] = field(default_factory=list)
    alt: list[str] = field(default_factory=list)
    pictures: int = 0
    picture_rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    title_candidates: list[tuple[float, float, str]] = field(default_factory=list)  # (-font size, y, text)


class _Reader:
    def __init__(self, zf: SafeZip, path: str, options):
        self.zf, self.path, self.options = zf, path, options
        self._layout_cache: dict[str, tuple[str, str, dict]] = {}
        self._master_cache: dict[str, tuple[list[str], dict]] = {}
        self.cx = self.cy = 1.0
        self._picture_rects: list[list[tuple[float, float, float, float]]] = []  # per slide, for decor.apply

    # --- package ----------------------------------------------------------------------------------
    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type tail, resolved internal target). External targets are never followed."""
        rp = _rels_path(part)
        if not self.zf.has(rp):
            return {}
        out = {}
        for rel in self.zf.xml(rp).iter(f"{{{NS['rel']}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            out[rel.get("Id")] = (rel_type(rel.get("Type", "")), _resolve(part, rel.get("Target", "")))
        return out

    def main_part(self) -> tuple[str, str]:
        types = self.zf.xml("[Content_Types].xml")
        for o in types.iter(f"{{{NS['ct']}}}Override"):
            ct = (o.get("ContentType") or "").lower()
            for key, variant in VARIANTS.items():
                if key in ct:
                    return o.get("PartName", "").lstrip("/"), variant
        for _id, (kind, target) in self.rels("").items() if self.zf.has("_rels/.rels") else []:
            if kind == "officeDocument":
                return target, "pptx"
        raise DeckError(FileStatus.UNSUPPORTED, "a zip file but not a PowerPoint deck")

    # --- deck -------------------------------------------------------------------------------------
    def deck(self) -> Deck:
        try:
            main, variant = self.main_part()
            raw = self.zf.read(main)
        except KeyError as exc:
            raise DeckError(FileStatus.CORRUPT, "the presentation part the package points to is missing",
                            detail=str(exc)) from None
        if STRICT_MARK in raw[:8192] or STRICT_MARK in raw:
            self.zf.strict = True
            variant += "-strict"
        pres = self.zf.xml(main)
        if pres.tag != f"{P}presentation":  # e.g. a .docx whose package merely mentions a presentation
            raise DeckError(FileStatus.UNSUPPORTED, "a zip file but not a PowerPoint deck")
        sz = pres.find(f"{P}sldSz")
        if sz is not None:
            self.cx, self.cy = _extent(sz, "cx"), _extent(sz, "cy")
        rels = self.rels(main)
        ids = [(s.get("id"), s.get(f"{R}id")) for s in pres.iterfind(f"{P}sldIdLst/{P}sldId")]
        check_slide_count(len(ids), self.options)
        sections = self.sections(pres)
        slides = []
        broken: list[DeckError] = []
        for index, (sid, rid) in enumerate(ids, 1):
            kind_target = rels.get(rid)
            if kind_target is None or not self.zf.has(kind_target[1]):
                raise DeckError(FileStatus.CORRUPT, f"slide {index} points at a missing part")
            rects_before = len(self._picture_rects)
            try:
                slides.append(self.slide(index, kind_target[1], sections.get(sid, "")))
            except DeckError as exc:
                if exc.status is not FileStatus.CORRUPT:
                    raise  # too large, unsafe: the whole file is refused
                # One slide's broken XML does not lose the deck: the slide is named and not counted.
                broken.append(exc)
                del self._picture_rects[rects_before:]
                self._picture_rects.append([])  # decor.apply pairs these with the slides, one each
                slides.append(Slide(index=index, status=SlideStatus.UNREADABLE, section=sections.get(sid, "")))
        if broken and len(broken) == len(slides):
            raise broken[0]  # nothing could be read: the deck is corrupt, as one slide's deck always was
        decor.apply(slides, self._picture_rects)
        deck = Deck(path=self.path, format="pptx", variant=variant, slides=slides, aspect=self.cx / self.cy, engine="lxml")
        for exc, s in zip(broken, [s for s in slides if s.status is SlideStatus.UNREADABLE]):
            deck.warnings.append(f"slide {s.index} could not be read ({exc.reason}): named, not counted")
        self.properties(deck)
        # --- OCR hook (issue 14, owned by readers/ocr.py): slides whose text is only inside a picture ---
        from deckaudit.readers.ocr import ocr_pptx_slides

        ocr_pptx_slides(deck, self.zf, [rels[rid][1] for _sid, rid in ids], self.rels, getattr(self.options, "ocr", "auto"))
        return deck  # base.finish refuses a deck without slides or whose slides are all empty

    def sections(self, pres) -> dict[str, str]:
        out = {}
        for sec in pres.iter(f"{{{NS['p14']}}}section"):
            name = sec.get("name", "")
            for sid in sec.iter(f"{{{NS['p14']}}}sldId"):
                out[sid.get("id")] = name
        return out

    def properties(self, deck: Deck) -> None:
        try:
            if self.zf.has("docProps/core.xml"):
                core = self.zf.xml("docProps/core.xml")
                deck.title = (core.findtext(f"{{{NS['dc']}}}title") or "").strip()
                deck.author = (core.findtext(f"{{{NS['dc']}}}creator") or "").strip()
            if self.zf.has("docProps/app.xml"):
                app = self.zf.xml("docProps/app.xml")
                deck.company = (app.findtext(f"{{{NS['ep']}}}Company") or "").strip()
        except DeckError as exc:  # metadata is optional; a broken part is a warning, not a failure
            deck.warnings.append(f"document properties unreadable: {exc.reason}")

    # --- one slide ----------------------------------------------------------------------------------
    def slide(self, index: int, part: str, section: str) -> Slide:
        root = self.zf.xml(part)
        rels = self.rels(part)
        layout_name, boilerplate, ph_pos = "", "", {}
        for kind, target in rels.values():
            if kind == "slideLayout" and self.zf.has(target):
                layout_name, boilerplate, ph_pos = self.layout(target)
        sp = _SlideParts()
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is not None:
            self.walk(tree, _Xfrm(), sp, rels, ph_pos)
        title = sp.title or (min(sp.title_candidates)[2] if sp.title_candidates else "")
        texts = sp.texts
        if title and title in texts:
            texts = [title] + [t for t in texts if t is not title]
        text = "\n".join(texts)
        notes = ""
        if self.options.notes:
            for kind, target in rels.values():
                if kind == "notesSlide" and self.zf.has(target):
                    notes = self.notes(target)
        self._picture_rects.append(sp.picture_rects)
        hidden = root.get("show") in ("0", "false")
        return Slide(
            index=index,
            title=" ".join(title.split()),
            text=text,
            notes=notes,
            alt_texts=sp.alt,
            pictures=sp.pictures,
            picture_area=_covered(sp.picture_rects),  # decoration is taken out deck-wide (see deck())
            section=section,
            layout=layout_name,
            hidden=hidden,
            status=slide_status(text, sp.pictures, hidden),
            boilerplate=boilerplate,
            boxes=sp.boxes if self.options.boxes else [],
        )

    def walk(self, tree, xf: _Xfrm, sp: _SlideParts, rels, ph_pos) -> None:
        for el in tree:
            tag = el.tag
            if tag == f"{P}grpSp":  # mc:AlternateContent is resolved when the part is parsed (mce.py)
                self.walk(el, xf.child(el.find(f"{P}grpSpPr/{A}xfrm")), sp, rels, ph_pos)
            elif tag == f"{P}sp":
                self.shape(el, xf, sp, ph_pos)
            elif tag == f"{P}pic":
                self.picture(el, xf, sp)
            elif tag == f"{P}graphicFrame":
                self.frame(el, xf, sp, rels)

    def _rect(self, el, xf: _Xfrm, ph_pos=None, ph=None, parts: dict | None = None):
        """The shape's rectangle in slide EMU (x, y, w, h), or None. ``parts``: _parts(el) when the caller has it."""
        if parts is None:
            x = el.find(f"{P}spPr/{A}xfrm")
            if x is None:
                x = el.find(f"{P}xfrm")
        else:
            x = parts.get(_A_XFRM)
            if x is None:
                x = parts.get(_P_XFRM)
        if x is not None:
            off, ext = _off_ext(x)
            if off is not None and ext is not None:
                return xf.apply(_emu(off, "x"), _emu(off, "y"), _emu(ext, "cx"), _emu(ext, "cy"))
        if ph is not None and ph_pos:  # a placeholder inherits its position from the layout
            return ph_pos.get((ph.get("type") or "body", ph.get("idx") or "")) or ph_pos.get((ph.get("type") or "body", ""))
        return None

    def _box(self, sp: _SlideParts, kind: str, rect, text: str = "") -> None:
        if rect is None:
            return
        x, y, w, h = rect
        sp.boxes.append(Box(kind, x / self.cx, y / self.cy, w / self.cx, h / self.cy, text[:200]))

    def shape(self, el, xf, sp: _SlideParts, ph_pos) -> None:
        parts = _parts(el, "sp")
        cnv = parts.get(_CNVPR)
        if is_own_tag(cnv):  # deckaudit annotate's tag is not slide text (marks.py)
            return
        ph = parts.get(_PH)
        body = parts.get(_TXBODY)
        paras = _paragraphs(body) if body is not None else []
        text = "\n".join(paras)
        rect = self._rect(el, xf, ph_pos, ph, parts)
        if _BLIPFILL in parts:  # a shape filled with a picture
            self._picture_fact(sp, rect, cnv)
        if not text:
            return
        sp.texts.append(text)
        self._box(sp, "text", rect, text)
        if ph is not None and ph.get("type") in TITLE_TYPES and not sp.title:
            sp.title = " ".join(paras)
        elif rect is not None and len(text) <= 120 and sum(map(str.isalpha, text)) >= 3:  # not a page number
            runs = el.iter(f"{A}rPr", f"{A}defRPr", f"{A}endParaRPr")
            sizes = [size for size in map(_font_size, runs) if size is not None]
            size = max(sizes) if sizes else 1800  # unknown size: PowerPoint's default 18 pt
            sp.title_candidates.append((-size, rect[1], text.split("\n")[0]))

    def _picture_fact(self, sp: _SlideParts, rect, cnv) -> None:
        sp.pictures += 1
        if rect is not None:
            x, y, w, h = rect
            sp.picture_rects.append((x / self.cx, y / self.cy, w / self.cx, h / self.cy))
            self._box(sp, "picture", rect)
        if cnv is not None:
            for attr in ("descr", "title"):
                v = (cnv.get(attr) or "").strip()
                if v:
                    sp.alt.append(v)
                    break

    def picture(self, el, xf, sp: _SlideParts) -> None:
        parts = _parts(el, "pic")
        self._picture_fact(sp, self._rect(el, xf, parts=parts), parts.get(_CNVPR))

    def frame(self, el, xf, sp: _SlideParts, rels) -> None:
        rect = self._rect(el, xf)
        data = el.find(f"{A}graphic/{A}graphicData")
        if data is None:
            return
        uri = data.get("uri", "")
        cnv = el.find(f"{P}nvGraphicFramePr/{P}cNvPr")
        if cnv is not None and (cnv.get("descr") or "").strip():
            sp.alt.append(cnv.get("descr").strip())
        if uri.endswith("/table"):
            text = _table_text(data)
            if text:
                sp.texts.append(text)
            self._box(sp, "table", rect, text)
        elif uri.endswith(("/chart", "/chartex")):  # chartex: Office 2016+ waterfall, treemap, sunburst, ...
            ex = uri.endswith("/chartex")
            ref = data.find(f"{{{NS['cx' if ex else 'c']}}}chart")
            target = rels.get(ref.get(f"{R}id")) if ref is not None else None
            read = self.chartex if ex else self.chart
            text = read(target[1]) if target and self.zf.has(target[1]) else ""
            if text:
                sp.texts.append(text)
            self._box(sp, "chart", rect, text)
        elif uri.endswith("/diagram"):
            ids = data.find(f"{{{NS['dgm']}}}relIds")
            text = self.smartart(ids, rels) if ids is not None else ""
            if text:
                sp.texts.append(text)
            self._box(sp, "diagram", rect, text)
        else:
            self._box(sp, "other", rect)

    def chart(self, part: str) -> str:
        root = self.zf.xml(part)
        c = f"{{{NS['c']}}}"
        title_el = root.find(f"{c}chart/{c}title")
        title = ""
        if title_el is not None:
            title = " ".join(t for t in _T(title_el) if t.strip())
            if not title:  # a title linked to a cell: c:tx/c:strRef/c:strCache/c:pt/c:v
                title = " ".join(v.text.strip() for v in title_el.iter(f"{c}v") if v.text and v.text.strip())
        series, cats = [], []
        for ser in root.iter(f"{c}ser"):
            tx = ser.find(f"{c}tx")
            if tx is not None:
                series.extend(v.text for v in tx.iter(f"{c}v") if v.text)
            cat = ser.find(f"{c}cat")
            if cat is not None and not cats:
                cats = [v.text for v in cat.iter(f"{c}v") if v.text]
        parts = [title] if title else []
        if series:
            parts.append(", ".join(dict.fromkeys(series)))
        if cats:
            parts.append(", ".join(dict.fromkeys(cats)))
        return "\n".join(parts)

    def chartex(self, part: str) -> str:
        """Title, series names and categories of a chartex part (cx:chartSpace), like chart() for classic
        charts. Categories are the string dimensions' points, every level (treemap and sunburst branches)."""
        root = self.zf.xml(part)
        cx = f"{{{NS['cx']}}}"
        parts = []
        title = root.find(f"{cx}chart/{cx}title")
        if title is not None:
            words = [v.text.strip() for v in title.iter(f"{cx}v") if v.text and v.text.strip()]
            words = words or [" ".join(p.split()) for p in _paragraphs(title)]
            if words:
                parts.append(" ".join(dict.fromkeys(words)))
        series = []
        for ser in root.iter(f"{cx}series"):
            tx = ser.find(f"{cx}tx")
            if tx is not None:
                series.extend(v.text.strip() for v in tx.iter(f"{cx}v") if v.text and v.text.strip())
        if series:
            parts.append(", ".join(dict.fromkeys(series)))
        cats = []
        for dim in root.iter(f"{cx}strDim"):
            for lvl in dim.iterfind(f"{cx}lvl"):
                cats.extend(pt.text.strip() for pt in lvl.iterfind(f"{cx}pt") if pt.text and pt.text.strip())
        if cats:
            parts.append(", ".join(dict.fromkeys(cats)))
        return "\n".join(parts)

    def smartart(self, ids, rels) -> str:
        dm = rels.get(ids.get(f"{R}dm"))
        texts = []
        if dm and self.zf.has(dm[1]):
            root = self.zf.xml(dm[1])
            d = f"{{{NS['dgm']}}}"
            for pt in root.iter(f"{d}pt"):
                if pt.get("type", "node") in ("node", "asst"):
                    body = pt.find(f"{d}t")
                    if body is not None:
                        texts.extend(_paragraphs(body))
        if not texts:  # fall back to the cached drawing
            for kind, target in rels.values():
                if kind == "diagramDrawing" and self.zf.has(target):
                    for tb in self.zf.xml(target).iter(f"{{{NS['dsp']}}}txBody"):
                        texts.extend(_paragraphs(tb))
        return "\n".join(texts)

    def notes(self, part: str) -> str:
        root = self.zf.xml(part)
        out = []
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is None:
            return ""
        for el in tree.iter(f"{P}sp"):
            parts = _parts(el, "notes")
            ph = parts.get(_PH)
            if ph is not None and ph.get("type") in NOTES_SKIP:
                continue
            body = parts.get(_TXBODY)
            if body is None:
                continue
            if next(body.iter(_A_FLD), None) is not None:  # a page-number or date field in a plain text box
                body = _without_fields(body)
            out.extend(_paragraphs(body))
        return strip_own_notes("\n".join(out))  # nor annotate's notes block (marks.py)

    def layout(self, part: str) -> tuple[str, str, dict]:
        """(layout name, boilerplate text from layout and master, placeholder positions)."""
        hit = self._layout_cache.get(part)
        if hit is not None:
            return hit
        root = self.zf.xml(part)
        name = root.find(f"{P}cSld").get("name", "") if root.find(f"{P}cSld") is not None else ""
        boiler, pos = self._fixed_text(root), self._placeholders(root)
        for kind, target in self.rels(part).values():
            if kind == "slideMaster" and self.zf.has(target):
                master_text, master_pos = self.master(target)
                boiler += master_text
                for k, v in master_pos.items():
                    pos.setdefault(k, v)
        result = (name, "\n".join(dict.fromkeys(boiler)), pos)
        self._layout_cache[part] = result
        return result

    def master(self, part: str) -> tuple[list[str], dict]:
        """(fixed text, placeholder positions) of a slide master, read once per deck: the layouts of a deck
        share one or two masters, and a master is the largest part a slide leads to. Read-only for callers."""
        hit = self._master_cache.get(part)
        if hit is None:
            root = self.zf.xml(part)
            hit = self._master_cache[part] = (self._fixed_text(root), self._placeholders(root))
        return hit

    @staticmethod
    def _fixed_text(root) -> list[str]:
        """Text on a layout or master that is not a placeholder: taglines, 'Confidential', logos' words."""
        out = []
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is None:
            return out
        for el in tree.iter(f"{P}sp"):
            if el.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None and el.find(f"{P}txBody") is not None:
                out.extend(_paragraphs(el.find(f"{P}txBody")))
        return out

    def _placeholders(self, root) -> dict:
        pos = {}
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is None:
            return pos
        for el in tree.iter(f"{P}sp"):
            ph = el.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph is None:
                continue
            rect = self._rect(el, _Xfrm())
            if rect is not None:
                key_type = ph.get("type") or "body"
                pos.setdefault((key_type, ph.get("idx") or ""), rect)
                pos.setdefault((key_type, ""), rect)
        return pos


NOTES_FIELDS = ("slidenum", "datetime")  # a:fld types that are page furniture, not what the speaker says


def _without_fields(body):
    """A copy of a notes text body without its slide-number and date fields. LibreOffice's PPTX export (and so
    every .ppt/.key converted through it) puts the notes page number in a text box that is not a placeholder,
    as a slidenum field whose cached text is the literal "<number>"."""
    from copy import deepcopy

    body = deepcopy(body)
    for fld in list(body.iter(f"{A}fld")):
        if (fld.get("type") or "").lower().startswith(NOTES_FIELDS):
            fld.getparent().remove(fld)
    return body


def _table_text(data) -> str:
    """A table's text, one line per row, cells joined with " | ". A merged cell's text is read once, in the
    row and column where it starts (gridSpan/rowSpan); the cells it covers (hMerge/vMerge) are skipped even
    when they still hold text, which PowerPoint does not show."""
    rows = []
    for tr in data.iter(f"{A}tr"):
        cells = []
        for tc in tr.iterfind(f"{A}tc"):
            if tc.get("hMerge") in _ON or tc.get("vMerge") in _ON:
                continue
            cell = " ".join(_paragraphs(tc))
            if cell:
                cells.append(cell)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _covered(rects) -> float:
    """Share of the slide covered by pictures (overlaps counted once, clipped to the slide)."""
    if not rects:
        return 0.0
    from deckaudit.readers._area import union_area

    return union_area(rects)
