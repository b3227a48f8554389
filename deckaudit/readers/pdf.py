"""PDF decks: one slide per page, read with pypdfium2 (default) or pdfplumber (--pdf-engine pdfplumber).

Measured (../shared/docs/extraction-pitfalls.md): pypdfium2 is ~35x faster than pdfplumber and right on
rotated and letter-spaced pages. Text is normalised (textnorm). Titles come from the tallest text line near
the top; pictures are image objects, with the share of the page they cover. A page with pictures but no
characters is flagged no-text-layer, never guessed. Notes-page and handout exports are detected and their
pages marked, because page i is then not slide i.
"""

from __future__ import annotations

from deckaudit.deck import Box, Deck, Slide
from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers._area import union_area
from deckaudit.readers.sniff import is_pdf
from deckaudit.textnorm import normalise_text

MAX_TEXT_PER_PAGE = 200_000  # characters; a page with more is not a slide
MAX_IMAGES_PER_PAGE = 2_000  # stop counting pictures past this (hostile or generated PDFs)


def accepts(head: bytes, path: str) -> bool:
    return is_pdf(head)


def read(path: str, options) -> Deck:
    engine = getattr(options, "pdf_engine", "auto")
    if engine == "pdfplumber":
        from deckaudit.readers.pdf_plumber import read_with_pdfplumber

        pages, meta = read_with_pdfplumber(path, options)
    else:
        pages, meta = _read_pdfium(path, options)
    return _assemble(path, pages, meta, engine="pdfplumber" if engine == "pdfplumber" else "pypdfium2")


# --- pypdfium2 ---------------------------------------------------------------------------------------------

def _open(path: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise DeckError(FileStatus.ENCRYPTED, "PDF needs a password to open") from None
        raise DeckError(FileStatus.CORRUPT, f"damaged PDF ({msg.split('(')[-1].rstrip(')') or msg})") from None
    except (OSError, ValueError) as exc:
        raise DeckError(FileStatus.CORRUPT, f"cannot open the PDF ({exc})") from None


def _read_pdfium(path: str, options) -> tuple[list[dict], dict]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = _open(path)
    try:
        n = len(doc)
        if n == 0:
            raise DeckError(FileStatus.EMPTY, "the PDF has no pages")
        if n > options.max_slides:
            raise DeckError(FileStatus.TOO_LARGE, f"{n:,} pages (limit {options.max_slides:,})")
        meta = {}
        try:
            m = doc.get_metadata_dict(skip_empty=True)
            meta = {"title": m.get("Title", ""), "author": m.get("Author", "")}
        except Exception:  # metadata is optional
            meta = {}
        pages = []
        for i in range(n):
            page = doc[i]
            try:
                pages.append(_page_pdfium(page, raw, pdfium, options))
            finally:
                page.close()
        return pages, meta
    except pdfium.PdfiumError as exc:
        raise DeckError(FileStatus.CORRUPT, f"damaged PDF page ({exc})") from None
    finally:
        doc.close()


def _page_pdfium(page, raw, pdfium, options) -> dict:
    w, h = page.get_size()
    w, h = w or 1.0, h or 1.0
    rotation = page.get_rotation() % 180
    tp = page.get_textpage()
    try:
        nchars = tp.count_chars()
        text = tp.get_text_range(count=min(nchars, MAX_TEXT_PER_PAGE)) if nchars > 0 else ""
        lines = _lines(tp, w, h) if nchars > 0 else []
    finally:
        tp.close()
    rects = _image_rects(page.raw, raw, w, h)
    pw, ph = (h, w) if rotation else (w, h)
    return {"text": text, "lines": lines, "pictures": rects, "width": pw, "height": ph}


def _image_rects(page_raw, raw, w: float, h: float) -> list[tuple[float, float, float, float]]:
    """Image objects' bounds as page fractions, through the raw PDFium API (the object wrappers cost more
    than the text itself on busy pages). Form XObjects are searched to a small depth."""
    import ctypes

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    image, form = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
    out: list[tuple[float, float, float, float]] = []
    stack = [(raw.FPDFPage_CountObjects(page_raw), lambda i: raw.FPDFPage_GetObject(page_raw, i), 0)]
    while stack:
        count, get, depth = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == image:
                if raw.FPDFPageObj_GetBounds(obj, *refs):
                    l, b, r, t = left.value, bottom.value, right.value, top.value
                    out.append((l / w, 1 - t / h, (r - l) / w, (t - b) / h))
                    if len(out) >= MAX_IMAGES_PER_PAGE:
                        return out
            elif kind == form and depth < 4:
                stack.append((raw.FPDFFormObj_CountObjects(obj), (lambda o: lambda j: raw.FPDFFormObj_GetObject(o, j))(obj), depth + 1))
    return out


def _lines(tp, w: float, h: float) -> list[tuple[float, float, str, float, float]]:
    """Text lines as (height, top, text, left, right) in page fractions; heights stand in for font sizes."""
    n = min(tp.count_rects(), 600)
    rows: dict[int, list] = {}
    for i in range(n):
        left, bottom, right, top = tp.get_rect(i)
        rows.setdefault(round(bottom / 3), []).append((left, bottom, right, top))
    out = []
    for parts in rows.values():
        left, right = min(p[0] for p in parts), max(p[2] for p in parts)
        bottom, top = min(p[1] for p in parts), max(p[3] for p in parts)
        height = max(p[3] - p[1] for p in parts)
        out.append((height / h, 1 - top / h, (left, bottom, right, top), left / w, right / w))
    # Only the few tallest lines need their text (title candidates); the rest keep geometry only.
    out.sort(key=lambda r: -r[0])
    lines = []
    for k, (height, top, rect, x0, x1) in enumerate(out):
        text = tp.get_text_bounded(*rect).strip() if k < 6 else ""
        lines.append((height, top, text, x0, x1))
    return lines


# --- shared ------------------------------------------------------------------------------------------------

def _title(lines, text: str) -> str:
    """The tallest line with words in the top 60% of the page (ties: the higher one), when it is a real line
    of the page text; otherwise the first line of the text."""
    best = None
    for height, top, line, *_ in lines:
        line = normalise_text(line).replace("\n", " ")
        if top > 0.6 or not any(len(w) >= 3 and w.isalpha() for w in line.split()) or line not in text:
            continue
        key = (round(height, 3), -top)
        if best is None or key > best[0]:
            best = (key, line)
    if best:
        return best[1]
    return text.split("\n", 1)[0][:120] if text else ""


def _assemble(path: str, pages: list[dict], meta: dict, engine: str) -> Deck:
    slides = []
    for i, pg in enumerate(pages, 1):
        text = normalise_text(pg["text"])
        title = _title(pg["lines"], text)
        pics = pg["pictures"]
        boxes = [Box("text", x0, top, max(0.0, x1 - x0), hgt, t[:200]) for hgt, top, t, x0, x1 in pg["lines"][:200]]
        boxes += [Box("picture", *r) for r in pics[:200]]
        if text:
            status = SlideStatus.OK
        elif pics:
            status = SlideStatus.NO_TEXT_LAYER
        else:
            status = SlideStatus.EMPTY
        slides.append(Slide(index=i, title=title, text=text, pictures=len(pics), picture_area=union_area(pics),
                            status=status, boxes=boxes))
    first = pages[0]
    deck = Deck(path=path, format="pdf", variant="pdf", slides=slides, title=(meta.get("title") or "").strip(),
                author=(meta.get("author") or "").strip(), aspect=first["width"] / first["height"], engine=engine)
    if all(s.status is SlideStatus.NO_TEXT_LAYER for s in slides) or (
        all(s.status in (SlideStatus.NO_TEXT_LAYER, SlideStatus.EMPTY) for s in slides)
        and any(s.status is SlideStatus.NO_TEXT_LAYER for s in slides)
    ):
        raise DeckError(FileStatus.NO_TEXT_LAYER, "no text layer on any page (a scan?); run OCR first, e.g. ocrmypdf")
    if all(s.status is SlideStatus.EMPTY for s in slides):
        raise DeckError(FileStatus.EMPTY, f"all {len(slides)} pages are empty")
    _detect_layouts(deck, pages)
    return deck


def _words(text: str) -> set[str]:
    return {w for w in text.lower().split() if len(w) > 2}


def _detect_layouts(deck: Deck, pages: list[dict]) -> None:
    """Notes pages (landscape slides followed by portrait pages repeating them) and handouts."""
    landscape = [p["width"] >= p["height"] for p in pages]
    slides = deck.slides
    if any(landscape) and not all(landscape):
        matched = 0
        wide = [(i, _words(slides[i].text)) for i, is_wide in enumerate(landscape) if is_wide]
        for i, is_wide in enumerate(landscape):
            if is_wide:
                continue
            words = _words(slides[i].text)
            best = max(wide, key=lambda iw: len(iw[1] & words) / (len(iw[1]) or 1), default=None)
            if best and best[1] and len(best[1] & words) / len(best[1]) >= 0.6:
                matched += 1
                slides[i].status = SlideStatus.NOTES_PAGE
                target = slides[best[0]]
                extra = [ln for ln in slides[i].text.splitlines() if not set(ln.lower().split()) <= best[1]]
                if extra and not target.notes:
                    target.notes = "\n".join(extra)
        if matched:
            deck.layout = "notes-pages"
            deck.warnings.append(f"notes-page layout: {matched} notes pages repeat slides; only slide pages are counted")
            return
    handouts = [i for i, p in enumerate(pages) if not landscape[i] and _looks_like_handout(p)]
    if handouts and len(handouts) >= max(1, len(pages) // 2):
        for i in handouts:
            slides[i].status = SlideStatus.HANDOUT_PAGE
        deck.layout = "handout"
        deck.warnings.append("handout layout: several slides per page, slide mapping unreliable; export the deck itself")


def _looks_like_handout(page: dict) -> bool:
    """Slide frames scaled down and repeated at a regular pitch on a portrait page.

    A brochure page has a full-size heading and irregular blocks; a handout has only small text (slides
    shrunk to a third or less) in two or more clusters whose tops are evenly spaced.
    """
    lines = page["lines"]
    if len(lines) < 4 or max(h for h, *_ in lines) > 0.03:
        return False
    tops = sorted(t for _, t, *_ in lines)
    starts = [tops[0]] + [b for a, b in zip(tops, tops[1:]) if b - a > 0.05]
    if len(starts) < 2:
        return False
    pitches = [b - a for a, b in zip(starts, starts[1:])]
    regular = max(pitches) - min(pitches) < 0.04 if len(pitches) > 1 else pitches[0] > 0.2
    columns = len({round(x0, 1) for *_, x0, _x1 in lines if x0 > 0.45}) > 0 and any(x0 < 0.2 for *_, x0, _x1 in lines)
    return regular and (len(starts) >= 3 or columns)
