"""OpenDocument Presentation (.odp, .otp templates), read with zipfile + lxml like PPTX.

The package goes through the same safety pre-flight as a PPTX (ooxml_safety.open_zip: entry count, zip
bombs, total size; capped part reads; XML parsed with no DTD, no entities, no network); pictures are never
read. The Deck carries the same facts as a PPTX one:

- order: ``draw:page`` elements in document order (ODF has no separate order list);
- title: the ``presentation:class="title"`` frame, else the topmost short text;
- text: every text frame, shape, table (a merged cell once; ``table:covered-table-cell`` skipped) and chart
  (title, series names, categories from the chart object's own table), groups (``draw:g``) to any depth;
- notes: ``presentation:notes`` kept apart; comments (``office:annotation``) are not slide text;
- pictures (``draw:image`` as a frame's first content) and the share of the slide they cover; alt text from
  ``svg:title`` / ``svg:desc``;
- hidden: ``presentation:visibility="hidden"`` on the page's drawing-page style;
- layout: the master page's name; text on the master that is not a placeholder is boilerplate.

Positions are ODF lengths (cm, mm, in, pt, pc, px) turned into fractions of the page size from styles.xml.
Shapes inside a group carry page coordinates in ODF, so no group transform is needed.
"""

from __future__ import annotations

import math
import re

from deckaudit.deck import Box, Deck, Slide
from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers import _decor as decor
from deckaudit.readers.base import Reader, Sniff, check_slide_count, slide_status
from deckaudit.readers.ooxml_safety import DEFAULT_LIMITS, SafeZip, open_zip
from deckaudit.readers.sniff import ZIP_MAGIC, is_zip

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "chart": "urn:oasis:names:tc:opendocument:xmlns:chart:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
OFFICE, DRAW, PRES, TEXT, TABLE, SVG, STYLE, FO, XLINK, CHART = (
    f"{{{NS[k]}}}" for k in ("office", "draw", "presentation", "text", "table", "svg", "style", "fo", "xlink", "chart"))

MIMETYPES = {
    b"application/vnd.oasis.opendocument.presentation-template": "otp",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
EXTENSIONS = (".odp", ".otp")
MEDIA = ("Pictures/", "media/", "Thumbnails/", "Configurations2/")
# Drawing shapes that carry text directly (text:p children), besides frames and groups.
SHAPES = {f"{DRAW}{n}" for n in ("custom-shape", "rect", "ellipse", "circle", "polygon", "polyline", "path", "line",
                                  "connector", "caption", "measure", "regular-polygon")}
_UNITS = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "pc": 2.54 / 6, "px": 2.54 / 96}
_TRANSLATE = None  # compiled on first use: most decks never rotate a shape


def _mimetype_in_head(head: bytes) -> str | None:
    """The ODF variant when the zip starts with the stored "mimetype" member ODF requires (ODF 1.2 part 3,
    3.3): the member name at offset 30 and its bytes right after the header."""
    if len(head) < 38 or head[30:38] != b"mimetype":
        return None
    name_len, extra_len = int.from_bytes(head[26:28], "little"), int.from_bytes(head[28:30], "little")
    start = 30 + name_len + extra_len
    body = head[start:start + 80]
    for mime, variant in MIMETYPES.items():  # the template type first: it extends the other
        if body.startswith(mime):
            return variant
    return None


class OdpReader(Reader):
    """OpenDocument presentations (LibreOffice Impress, Google Slides' .odp export)."""

    name = "odp"
    extensions = EXTENSIONS
    magic = ZIP_MAGIC

    def accepts(self, head: bytes, path: str) -> Sniff | None:
        if not is_zip(head):
            return None
        variant = _mimetype_in_head(head)
        if variant:
            return Sniff(self, path, kind=variant)
        if path.lower().endswith(EXTENSIONS):  # damaged or unusual: read() names the problem
            return Sniff(self, path, kind=path.lower().rsplit(".", 1)[-1])
        return None

    def read(self, path: str, options, sniff: Sniff | None = None) -> Deck:
        limits = getattr(options, "limits", None) or DEFAULT_LIMITS
        with open_zip(path, limits, media=MEDIA) as zf:
            return _OdpReader(zf, path, options).deck()


def _length(value: str | None) -> float | None:
    """An ODF length in cm, or None when absent or not a length."""
    if not value:
        return None
    number = value.strip().rstrip("abcdefghijklmnopqrstuvwxyz")
    factor = _UNITS.get(value.strip()[len(number):] or "cm")
    if factor is None:
        return None
    try:
        value = float(number) * factor
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # a broken length makes the geometry unknown, not the deck


def _para_text(p) -> str:
    """The text of one text:p / text:h: spans and links followed, text:s as spaces, text:tab as a tab,
    text:line-break as a newline, comments and their anchors left out."""
    out = [p.text or ""]
    for child in p:
        tag = child.tag
        if tag == f"{TEXT}s":
            try:
                count = int(child.get(f"{TEXT}c") or 1)
            except ValueError:
                count = 1
            out.append(" " * max(1, min(count, 100)))
        elif tag == f"{TEXT}tab":
            out.append("\t")
        elif tag == f"{TEXT}line-break":
            out.append("\n")
        elif tag in (f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}note"):
            pass
        elif isinstance(tag, str):
            out.append(_para_text(child))
        out.append(child.tail or "")
    return "".join(out)


_PARAGRAPH_TAGS = (f"{TEXT}p", f"{TEXT}h")
_SKIP_TAGS = (f"{OFFICE}annotation", f"{PRES}notes", f"{SVG}title", f"{SVG}desc", f"{OFFICE}event-listeners")


def _paragraphs(el) -> list[str]:
    """The non-blank paragraphs under el, in document order, without comments."""
    out: list[str] = []
    stack = [iter(el)]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag in _PARAGRAPH_TAGS:
                text = _para_text(child).strip()
                if text:
                    out.append(text)
            elif isinstance(tag, str) and tag not in _SKIP_TAGS:
                stack.append(iter(child))
                break
        else:
            stack.pop()
    return out


class _Page:
    def __init__(self):
        self.title = ""
        self.texts: list[str] = []
        self.alt: list[str] = []
        self.pictures = 0
        self.picture_rects: list[tuple[float, float, float, float]] = []
        self.boxes: list[Box] = []
        self.candidates: list[tuple[float, str]] = []  # (top, first line) of short texts


class _OdpReader:
    def __init__(self, zf: SafeZip, path: str, options):
        self.zf, self.path, self.options = zf, path, options
        self.width, self.height = 28.0, 15.75  # cm: LibreOffice's 16:9 default, used when styles say nothing
        self.masters: dict[str, tuple[str, str]] = {}  # name -> (display name, boilerplate)
        self.hidden_styles: set[str] = set()

    def deck(self) -> Deck:
        self._refuse_encrypted()
        variant = self._variant()
        if not self.zf.has("content.xml"):
            raise DeckError(FileStatus.CORRUPT, "OpenDocument package without content.xml")
        content = self.zf.xml("content.xml")
        if content.find(f"{OFFICE}body/{OFFICE}presentation") is None:
            kind = next((c.tag.split("}")[-1] for c in content.iterfind(f"{OFFICE}body/*")), "nothing")
            raise DeckError(FileStatus.UNSUPPORTED, f"an OpenDocument {kind}, not a presentation")
        styles = self.zf.xml("styles.xml") if self.zf.has("styles.xml") else None
        if styles is not None:
            self._styles(styles)
        self._hidden(content)
        if styles is not None:
            self._hidden(styles)
        pages = content.findall(f"{OFFICE}body/{OFFICE}presentation/{DRAW}page")
        check_slide_count(len(pages), self.options)
        slides, rects = [], []
        for index, page in enumerate(pages, 1):
            slide, pics = self.page(index, page)
            slides.append(slide)
            rects.append(pics)
        decor.apply(slides, rects)
        deck = Deck(path=self.path, format="odp", variant=variant, slides=slides,
                    aspect=self.width / self.height, engine="lxml")
        self._meta(deck)
        return deck

    # --- package --------------------------------------------------------------------------------------
    def _refuse_encrypted(self) -> None:
        if self.zf.has("META-INF/manifest.xml"):
            manifest = self.zf.xml("META-INF/manifest.xml")
            if manifest.find(f".//{{{NS['manifest']}}}encryption-data") is not None:
                raise DeckError(FileStatus.ENCRYPTED, "password-protected OpenDocument presentation; "
                                                      "remove the password and try again")

    def _variant(self) -> str:
        info = self.zf.info("mimetype")
        if info is None or info.file_size > 200:
            return "odp"
        mime = self.zf.read("mimetype").strip()
        for known, variant in MIMETYPES.items():
            if mime == known:
                return variant
        if mime.startswith(b"application/vnd.oasis.opendocument."):
            kind = mime.decode("ascii", "replace").rsplit(".", 1)[-1]
            raise DeckError(FileStatus.UNSUPPORTED, f"an OpenDocument {kind}, not a presentation")
        return "odp"

    def _styles(self, styles) -> None:
        layouts = {}
        for pl in styles.iter(f"{STYLE}page-layout"):
            props = pl.find(f"{STYLE}page-layout-properties")
            if props is not None:
                w, h = _length(props.get(f"{FO}page-width")), _length(props.get(f"{FO}page-height"))
                if w and h and w > 0 and h > 0:
                    layouts[pl.get(f"{STYLE}name")] = (w, h)
        first = True
        for mp in styles.iter(f"{STYLE}master-page"):
            name = mp.get(f"{STYLE}name") or ""
            display = mp.get(f"{STYLE}display-name") or name
            boiler = []
            for el in mp:
                if el.get(f"{PRES}class") is None and (el.tag == f"{DRAW}frame" or el.tag in SHAPES):
                    boiler.extend(_paragraphs(el))
            self.masters[name] = (display, "\n".join(dict.fromkeys(boiler)))
            size = layouts.get(mp.get(f"{STYLE}page-layout-name"))
            if first and size:
                self.width, self.height = size
                first = False

    def _hidden(self, root) -> None:
        for st in root.iter(f"{STYLE}style"):
            if st.get(f"{STYLE}family") != "drawing-page":
                continue
            props = st.find(f"{STYLE}drawing-page-properties")
            if props is not None and props.get(f"{PRES}visibility") == "hidden":
                self.hidden_styles.add(st.get(f"{STYLE}name"))

    def _meta(self, deck: Deck) -> None:
        try:
            if self.zf.has("meta.xml"):
                meta = self.zf.xml("meta.xml")
                deck.title = (meta.findtext(f".//{{{NS['dc']}}}title") or "").strip()
                deck.author = (meta.findtext(f".//{{{NS['meta']}}}initial-creator")
                               or meta.findtext(f".//{{{NS['dc']}}}creator") or "").strip()
        except DeckError as exc:  # metadata is optional
            deck.warnings.append(f"document properties unreadable: {exc.reason}")

    # --- one page -------------------------------------------------------------------------------------
    def page(self, index: int, page) -> tuple[Slide, list]:
        pg = _Page()
        self.walk(page, pg)
        title = pg.title or (min(pg.candidates)[1] if pg.candidates else "")
        texts = pg.texts
        if title and title in texts:
            texts = [title] + [t for t in texts if t is not title]
        text = "\n".join(texts)
        notes = ""
        if self.options.notes:
            found = page.find(f"{PRES}notes")
            if found is not None:
                notes = "\n".join(p for frame in found.iter(f"{DRAW}frame")
                                  if frame.get(f"{PRES}class") in (None, "notes") for p in _paragraphs(frame))
        hidden = (page.get(f"{DRAW}style-name") in self.hidden_styles
                  or page.get(f"{PRES}visibility") == "hidden")
        layout, boilerplate = self.masters.get(page.get(f"{DRAW}master-page-name") or "", ("", ""))
        from deckaudit.readers._area import union_area

        slide = Slide(
            index=index,
            title=" ".join(title.split()),
            text=text,
            notes=notes,
            alt_texts=pg.alt,
            pictures=pg.pictures,
            picture_area=union_area(pg.picture_rects) if pg.picture_rects else 0.0,
            layout=layout,
            hidden=hidden,
            status=slide_status(text, pg.pictures, hidden),
            boilerplate=boilerplate,
            boxes=pg.boxes if self.options.boxes else [],
        )
        return slide, pg.picture_rects

    def walk(self, parent, pg: _Page) -> None:
        for el in parent:
            tag = el.tag
            if tag == f"{DRAW}g" or tag == f"{DRAW}a":  # a group, or shapes wrapped in a hyperlink
                self.walk(el, pg)
            elif tag == f"{DRAW}frame":
                self.frame(el, pg)
            elif tag in SHAPES:
                self.text_shape(el, pg, "text")

    def _rect(self, el) -> tuple[float, float, float, float] | None:
        """(x, y, w, h) as fractions of the page, or None when the shape has no usable geometry."""
        x, y = _length(el.get(f"{SVG}x")), _length(el.get(f"{SVG}y"))
        w, h = _length(el.get(f"{SVG}width")), _length(el.get(f"{SVG}height"))
        if (x is None or y is None) and el.get(f"{DRAW}transform"):
            global _TRANSLATE
            if _TRANSLATE is None:
                _TRANSLATE = re.compile(r"translate\s*\(\s*([^\s,)]+)[\s,]+([^\s,)]+)\s*\)")
            m = _TRANSLATE.search(el.get(f"{DRAW}transform"))
            if m:
                x, y = _length(m.group(1)), _length(m.group(2))
        if x is None or y is None or w is None or h is None:
            return None
        return x / self.width, y / self.height, max(0.0, w) / self.width, max(0.0, h) / self.height

    def _box(self, pg: _Page, kind: str, rect, text: str = "") -> None:
        if rect is not None:
            pg.boxes.append(Box(kind, *rect, text[:200]))

    def text_shape(self, el, pg: _Page, kind: str, paras: list[str] | None = None) -> None:
        paras = _paragraphs(el) if paras is None else paras
        text = "\n".join(paras)
        rect = self._rect(el)
        if not text:
            return
        pg.texts.append(text)
        self._box(pg, kind, rect, text)
        cls = el.get(f"{PRES}class")
        if cls == "title" and not pg.title:
            pg.title = " ".join(paras)
        elif kind == "text" and len(text) <= 120 and sum(ch.isalpha() for ch in text) >= 3:
            pg.candidates.append((rect[1] if rect is not None else 1.0, text.split("\n")[0]))

    def _alt(self, el, pg: _Page) -> None:
        for tag in (f"{SVG}title", f"{SVG}desc"):
            value = " ".join((el.findtext(tag) or "").split())
            if value:
                pg.alt.append(value)
                return

    def frame(self, el, pg: _Page) -> None:
        if el.get(f"{PRES}placeholder") == "true":  # an empty placeholder: its prompt is not slide text
            return
        content = next((c for c in el if isinstance(c.tag, str) and c.tag not in (f"{SVG}title", f"{SVG}desc")), None)
        if content is None:
            return
        tag = content.tag
        if tag == f"{DRAW}text-box":
            self.text_shape(el, pg, "text", _paragraphs(content))
        elif tag == f"{DRAW}image":
            rect = self._rect(el)
            pg.pictures += 1
            if rect is not None:
                pg.picture_rects.append(rect)
                self._box(pg, "picture", rect)
            self._alt(el, pg)
            text = "\n".join(_paragraphs(content))  # a caption typed onto the picture
            if text:
                pg.texts.append(text)
        elif tag == f"{TABLE}table":
            self._alt(el, pg)
            text = _table_text(content)
            if text:
                pg.texts.append(text)
            self._box(pg, "table", self._rect(el), text)
        elif tag in (f"{DRAW}object", f"{DRAW}object-ole"):
            self._alt(el, pg)
            text = self.chart(content)
            if text:
                pg.texts.append(text)
            self._box(pg, "chart" if text else "other", self._rect(el), text)
        else:
            self._box(pg, "other", self._rect(el))

    def chart(self, obj) -> str:
        """Title, series names and categories of an embedded chart object ("Object 1/content.xml")."""
        href = (obj.get(f"{XLINK}href") or "").removeprefix("./").strip("/")
        if not href or ".." in href.split("/"):
            return ""
        part = f"{href}/content.xml"
        if not self.zf.has(part):
            return ""
        root = self.zf.xml(part)
        chart = root.find(f".//{CHART}chart")
        if chart is None:
            return ""
        parts = []
        for tag in (f"{CHART}title", f"{CHART}subtitle"):
            el = chart.find(tag)
            if el is not None:
                parts.extend(_paragraphs(el))
        table = chart.find(f"{TABLE}table")
        if table is not None:
            header = table.find(f"{TABLE}table-header-rows/{TABLE}table-row")
            if header is not None:
                series = [" ".join(_paragraphs(c)) for c in header.iterfind(f"{TABLE}table-cell")][1:]
                series = [s for s in series if s]
                if series:
                    parts.append(", ".join(dict.fromkeys(series)))
            cats = []
            for row in table.iterfind(f"{TABLE}table-rows/{TABLE}table-row"):
                first = row.find(f"{TABLE}table-cell")
                if first is not None:
                    cats.extend(_paragraphs(first))
            if cats:
                parts.append(", ".join(dict.fromkeys(cats)))
        return "\n".join(parts)


def _table_rows(table):
    """The table:table-row elements of a table, also inside header-rows, rows and row-groups."""
    for el in table:
        if el.tag == f"{TABLE}table-row":
            yield el
        elif el.tag in (f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"):
            yield from _table_rows(el)


def _table_text(table) -> str:
    """One line per row, cells joined with " | ". A merged cell (number-columns/rows-spanned) is read once
    where it starts; the table:covered-table-cell elements it hides are skipped, text and all."""
    rows = []
    for tr in _table_rows(table):
        cells = [" ".join(_paragraphs(tc)) for tc in tr.iterfind(f"{TABLE}table-cell")]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)
