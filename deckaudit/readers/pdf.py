"""PDF decks: one slide per page, read with pypdfium2 (default) or pdfplumber (--pdf-engine pdfplumber).

Measured (../shared/docs/extraction-pitfalls.md): pypdfium2 is ~35x faster than pdfplumber and right on
rotated and letter-spaced pages. Page text is normalised (textnorm). The title is the line set in the
largest type near the top of the page; pictures are image objects with the share of the page they cover.
A page with pictures but no characters is flagged no-text-layer, never guessed. Notes-page and handout
exports are detected and their pages marked, because page i is then not slide i.

Every pdfium handle (document, page, text page) is closed in a ``finally``: pdfium memory is not Python's,
and a bulk run over thousands of files would otherwise grow without bound.
"""

from __future__ import annotations

import re

from deckaudit.deck import Box, Deck, Slide
from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers import _decor as decor
from deckaudit.readers._area import union_area
from deckaudit.readers._spacing import repair_spacing, rewrite_page
from deckaudit.readers.base import Reader, Sniff
from deckaudit.readers.sniff import is_pdf
from deckaudit.textnorm import normalise_text

MAX_TEXT_PER_PAGE = 100_000  # characters read from one page; a slide never holds this much
MAX_LINES_PER_PAGE = 400  # lines measured for title and boxes; the text itself is not cut by this
MAX_IMAGES_PER_PAGE = 2_000  # stop counting pictures past this (hostile or generated PDFs)
MAX_FORM_DEPTH = 4  # how deep to look for pictures inside nested form XObjects
MAX_BOXES = 200  # boxes kept per page and kind
ENGINES = ("auto", "pypdfium2", "pdfplumber")


def accepts(head: bytes, path: str) -> bool:
    return is_pdf(head)


def read(path: str, options) -> Deck:
    engine = getattr(options, "pdf_engine", "auto") or "auto"
    if engine not in ENGINES:
        raise DeckError(FileStatus.UNSUPPORTED, f"unknown PDF engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "pdfplumber":
        from deckaudit.readers.pdf_plumber import read_with_pdfplumber

        pages, meta = read_with_pdfplumber(path, options)
    else:
        engine = "pypdfium2"
        pages, meta = _read_pdfium(path, options)
    warnings: list[str] = []
    if engine == "pypdfium2":
        reference = _References(path)
        repaired_by = {_repair_glyphs(path, pages, warnings, reference),
                       repair_spacing(pages, reference, warnings, _page_list, MAX_REPAIR_PAGES)} - {None}
        engine += "".join(f"+{name}" for name in sorted(repaired_by))
    if engine.startswith("pypdfium2") and _read_vertical(path, pages, warnings) and "pdfminer" not in engine:
        engine += "+pdfminer"
    if _ocr_pages(path, pages, getattr(options, "ocr", "auto") or "auto", warnings):
        engine += "+tesseract"
    deck = _assemble(path, pages, meta, engine, keep_boxes=getattr(options, "boxes", True))
    deck.warnings[:0] = warnings
    return deck


# --- glyphs without a Unicode mapping ----------------------------------------------------------------------

# What pdfium hands back for a glyph it cannot map to Unicode (a ligature named /f_f_i, a code with no
# /ToUnicode entry): the raw character code as a control character, U+FFFD, or a private-use code point.
# Tab, CR and LF are pdfium's own layout characters; U+FFFE is its hyphenation marker (textnorm handles it).
_HOLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]"
_HAS_HOLE = re.compile(_HOLE)
_HOLE_IN_WORD = re.compile(rf"[^\W\d_]{_HOLE}|{_HOLE}[^\W\d_]")  # not a lone bullet from a symbol font
# a word with one or more holes in it, and at least one letter: "o\x1fces", "signi\x1dcant", "sta\x1c"
_HOLED_WORD = re.compile(rf"(?:[^\W\d_]|{_HOLE})*{_HOLE}(?:[^\W\d_]|{_HOLE})*")
_REF_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")  # words, hyphenated ones whole ("HANDS-ON")
_CONTROL_HOLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_REPAIR_PAGES = 200  # pages handed to another engine in one deck


def _repair_glyphs(path: str, pages: list[dict], warnings: list[str], reference=None) -> str | None:
    """Fill the holes pdfium leaves where a glyph has no Unicode mapping ("o\x1fces" for "offices": a
    ligature drawn with a glyph named /f_f_i) from an engine that reads glyph names: ``pdftotext`` (poppler)
    when it is on PATH, else pdfminer (the pdfplumber extra). Only the holed words of the affected pages are
    replaced, each by the one word of that engine's page text it fits (the hole standing for one to three
    letters), so pdfium's order and lines are kept. Returns the engine used, or None. Holes that cannot be
    filled are dropped (never a line break inside a word) and named in ``warnings``."""
    # the plain character class first: ~10x faster than _HOLE_IN_WORD on pages without a hole (nearly all)
    holed = [i for i, pg in enumerate(pages) if _HAS_HOLE.search(pg["text"]) and _HOLE_IN_WORD.search(pg["text"])]
    if not holed:
        return None
    holed = holed[:MAX_REPAIR_PAGES]
    engine, reference = (reference or _References(path))(holed)
    fixed = left = 0
    for i in holed:
        pg = pages[i]
        words = _reference_words(reference.get(i, ""))
        mapping: dict[str, str] = {}
        for token in set(_HOLED_WORD.findall(pg["text"])):
            if not _REF_WORD.search(token):
                continue  # a lone symbol (a bullet from a symbol font mapped to private use): not a word
            fill = _fill(token, words)
            # a raw code left in would read as a control or a line break ("e\nect"): drop it; keep other symbols
            mapping[token] = fill if fill is not None else _CONTROL_HOLE.sub("", token)
            fixed += fill is not None
            left += fill is None
        rewrite_page(pg, lambda t: _replace_tokens(t, mapping))
    if left:
        where = ", ".join(str(i + 1) for i in holed[:15]) + (" ..." if len(holed) > 15 else "")
        how = (f"{engine} could not read them either" if engine else
               "install poppler-utils (pdftotext) or pip install 'deckaudit[pdfplumber]' to repair them")
        warnings.append(f"{left} word{'s' if left != 1 else ''} with glyphs that have no Unicode mapping "
                        f"(page{'s' if len(holed) != 1 else ''} {where}) read with letters missing; {how}")
    return engine if fixed else None


def _replace_tokens(text: str, mapping: dict[str, str]) -> str:
    return _HOLED_WORD.sub(lambda m: mapping.get(m.group(0), m.group(0)), text) if mapping else text


def _reference_words(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in _REF_WORD.findall(normalise_text(text)):
        for part in {w, *re.split("[-\u2010]", w)}:  # "drop-offs" fills "drop-o?s" and "o?s"
            counts[part] = counts.get(part, 0) + 1
    return counts


def _fill(token: str, words: dict[str, int]) -> str | None:
    """The reference word that ``token`` is with its holes filled by one to three letters (or a hyphen) each:
    the most frequent when several fit, matched with case first, then without. None when none fits."""
    if not words:
        return None
    parts = re.split(f"{_HOLE}+", token)
    pattern = "([^\\W\\d_]{1,3}|[-\u2010])".join(re.escape(p) for p in parts)
    for flags in (0, re.IGNORECASE):
        rx = re.compile(pattern, flags)
        fits = [w for w in words if rx.fullmatch(w)]
        if fits:
            best = max(fits, key=lambda w: words[w])
            if flags:  # keep the case pdfium read for the letters it had
                m = rx.fullmatch(best)
                return "".join(p + (m.group(k + 1) if k < len(parts) - 1 else "") for k, p in enumerate(parts))
            return best
    return None


class _References:
    """Another engine's page text for one deck, fetched when first asked for and kept, so the glyph and the
    spacing repairs share one ``pdftotext`` run where their pages overlap. Called with page indices, returns
    (engine name or None, {page index: text}) for those pages; the engine is chosen by the first call."""

    def __init__(self, path: str):
        self.path = path
        self.engine: str | None = None
        self.asked = False
        self.texts: dict[int, str] = {}

    def __call__(self, pages: list[int]) -> tuple[str | None, dict[int, str]]:
        missing = [i for i in pages if i not in self.texts]
        if missing and (self.engine or not self.asked):
            engine, got = _reference_text(self.path, sorted(missing), prefer=self.engine)
            if not self.asked:
                self.engine, self.asked = engine, True
            if engine == self.engine:
                self.texts.update(got)
        return self.engine, {i: self.texts[i] for i in pages if i in self.texts}


def _reference_text(path: str, pages: list[int], prefer: str | None = None) -> tuple[str | None, dict[int, str]]:
    """The affected pages' text from another engine: (engine name, {page index: text}), or (None, {}).
    ``prefer`` names the engine an earlier call for the same deck used ("pdfminer" skips pdftotext), so one
    deck's reference text comes from one engine."""
    import shutil
    import subprocess

    first, last = pages[0] + 1, pages[-1] + 1
    if prefer in (None, "pdftotext") and shutil.which("pdftotext"):
        try:
            done = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-f", str(first), "-l", str(last), path, "-"],
                                  capture_output=True, timeout=60, check=False)
            if done.returncode == 0:
                texts = done.stdout.decode("utf-8", errors="replace").split("\f")
                return "pdftotext", {i: texts[i - pages[0]] for i in pages if i - pages[0] < len(texts)}
        except (OSError, subprocess.SubprocessError):
            pass
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        return None, {}
    out = {}
    for i in pages:
        try:
            out[i] = extract_text(path, page_numbers=[i])
        except Exception:  # pdfminer raises many kinds on damaged files: that page is just not repaired
            continue
    return ("pdfminer", out) if out else (None, {})


# --- vertical writing (tategaki) ---------------------------------------------------------------------------

def _read_vertical(path: str, pages: list[dict], warnings: list[str]) -> bool:
    """Pages with vertical (-V CMap) text, which pdfium cannot read, get it from pdfminer's layout analysis
    (``detect_vertical``): its vertical text boxes, columns in reading order, right to left, after the page's
    horizontal text. Returns whether any page got text this way. Without pdfminer (the pdfplumber extra) the
    pages are named in ``warnings``."""
    todo = [i for i, pg in enumerate(pages) if pg.get("vertical")]
    if not todo:
        return False
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextBoxVertical
    except ImportError:
        warnings.append(f"vertical text (tategaki) on {_page_list([i + 1 for i in todo])} is not read: "
                        "pip install 'deckaudit[pdfplumber]' to read it")
        return False
    read_any = False
    for i in todo:
        try:
            (layout,) = extract_pages(path, page_numbers=[i], laparams=LAParams(detect_vertical=True))
        except Exception:  # pdfminer raises many kinds on damaged files: that page keeps what pdfium read
            continue
        boxes = [el for el in layout if isinstance(el, LTTextBoxVertical)]
        # right to left; a box's own lines (columns) are already sorted right to left by pdfminer
        columns = [ln.get_text().strip() for box in sorted(boxes, key=lambda b: (-b.x1, -b.y1)) for ln in box]
        columns = [c for c in columns if c and c not in pages[i]["text"]]
        if columns:
            pg = pages[i]
            pg["text"] = (pg["text"].rstrip() + "\n" if pg["text"].strip() else "") + "\n".join(columns)
            read_any = True
    return read_any


# --- OCR ---------------------------------------------------------------------------------------------------

def _blank(page: dict) -> bool:
    return not page["text"] or page["text"].isspace()


def _ocr_pages(path: str, pages: list[dict], mode: str, warnings: list[str]) -> bool:
    """OCR the pages that need it (see readers/ocr.py for the modes), in place: an OCR'd page gets the text and
    lines Tesseract read and ``ocr`` set. Pages left without text are named in ``warnings``. Returns whether
    OCR added text to any page."""
    from deckaudit.readers import ocr

    try:
        ocr.check_mode(mode)
    except ValueError as exc:
        raise DeckError(FileStatus.UNSUPPORTED, str(exc)) from None
    # A page with no characters but pictures or drawn shapes may carry its words as pixels or outlines.
    unread = [i for i, pg in enumerate(pages) if _blank(pg) and (pg["pictures"] or pg.get("objects", 0))]
    todo = [i for i, pg in enumerate(pages) if pg["pictures"] or pg.get("objects", 0)] if mode == "always" else unread
    found = {}
    if todo and mode != "never" and ocr.available():
        found = ocr.ocr_pdf_pages(path, todo[:ocr.MAX_PAGES])
    for i, got in found.items():
        pg = pages[i]
        if _blank(pg):
            if got.text.strip():
                pg.update(text=got.text, lines=got.lines, ocr="ocr")
        else:
            extra = ocr.merge_lines(pg["text"], got.text.split("\n"))
            if extra:
                pg.update(text=pg["text"].rstrip() + "\n" + "\n".join(extra), ocr="text+ocr")
    still = [i + 1 for i in unread if _blank(pages[i]) and pages[i]["pictures"]]
    if still:
        n, where = len(still), _page_list(still)
        if mode == "never":
            why = "OCR is off (--ocr never)"
        elif not ocr.available():
            why = ocr.INSTALL_HINT
            ocr.hint_once(n)
        elif ocr.out_of_time():
            why = "OCR stopped at the time limit"
        elif len(todo) > ocr.MAX_PAGES:
            why = f"OCR reads at most {ocr.MAX_PAGES} pages of a deck, or found no words"
        else:
            why = "OCR found no words on them"
        warnings.append(f"{FileStatus.NO_TEXT_LAYER}: {n} of {len(pages)} pages have no text layer and were not read "
                        f"({where}); {why}")
    return any(pg.get("ocr") for pg in pages)


def _page_list(numbers: list[int], limit: int = 15) -> str:
    """'pages 1-3, 7' for sorted page numbers."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs]
    shown = ", ".join(parts[:limit]) + (" ..." if len(parts) > limit else "")
    return f"page{'s' if len(numbers) != 1 else ''} {shown}"


# --- pypdfium2 ---------------------------------------------------------------------------------------------

def _open(path: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise DeckError(FileStatus.ENCRYPTED, "PDF needs a password") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise DeckError(FileStatus.ENCRYPTED, "PDF uses an unsupported security handler") from None
        if code == raw.FPDF_ERR_FORMAT:
            raise DeckError(FileStatus.CORRUPT, "damaged PDF (not a readable PDF structure)") from None
        if code == raw.FPDF_ERR_FILE:
            raise DeckError(FileStatus.UNREADABLE, "cannot read the file") from None
        raise DeckError(FileStatus.CORRUPT, "damaged PDF, or a PDF with no pages (pdfium cannot load it)") from None
    except (OSError, ValueError) as exc:
        raise DeckError(FileStatus.CORRUPT, "cannot open the PDF (damaged or not a PDF)", detail=str(exc)) from None


def _read_pdfium(path: str, options) -> tuple[list[dict], dict]:
    """Pages through the raw PDFium API: the pypdfium2 page and text-page wrappers (finalizers, weak
    references) cost about a quarter of the page time on slide PDFs. Handles are closed in ``finally``."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = _open(path)
    try:
        n = len(doc)
        if n == 0:
            raise DeckError(FileStatus.EMPTY, "the PDF has no pages")
        if n > options.max_slides:
            raise DeckError(FileStatus.TOO_LARGE, f"{n:,} pages (limit {options.max_slides:,})")
        try:
            m = doc.get_metadata_dict(skip_empty=True)
            meta = {"title": m.get("Title", ""), "author": m.get("Author", "")}
        except (pdfium.PdfiumError, UnicodeError, ValueError):  # metadata is optional
            meta = {}
        pages = []
        layers = _Layers(path)
        for i in range(n):
            page = raw.FPDF_LoadPage(doc.raw, i)
            if not page:
                raise DeckError(FileStatus.CORRUPT, f"damaged PDF: page {i + 1} cannot be loaded")
            try:
                pages.append(_page_pdfium(page, raw, layers))
            finally:
                raw.FPDF_ClosePage(page)
        return pages, meta
    finally:
        doc.close()


class _Layers(dict):
    """Optional-content group name -> off in the default view, decided once per document (see _layers_off).
    Whether the file can have layers at all (_may_have_layers, a search of its bytes) is found out when first
    needed, at the first text object with marked content: a PDF without marked content never pays for it."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._possible: bool | None = None

    def possible(self) -> bool:
        if self._possible is None:
            self._possible = _may_have_layers(self.path)
        return self._possible


class _Frame:
    """Maps pdfium's unrotated page coordinates (points, y up) to fractions of the page as displayed
    (0..1, y down), applying /Rotate."""

    def __init__(self, page, raw):
        box = raw.FS_RECTF()
        if not raw.FPDF_GetPageBoundingBox(page, box):
            box.left, box.bottom, box.right, box.top = 0.0, 0.0, raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        self.left, self.bottom = box.left, box.bottom
        self.w, self.h = abs(box.right - box.left) or 1.0, abs(box.top - box.bottom) or 1.0
        self.rotation = (raw.FPDFPage_GetRotation(page) % 4) * 90
        self.display = (self.h, self.w) if self.rotation in (90, 270) else (self.w, self.h)

    def rect(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x, y, w, h) fractions of the displayed page, y from the top, not clipped."""
        u0, u1 = (left - self.left) / self.w, (right - self.left) / self.w
        v0, v1 = 1.0 - (top - self.bottom) / self.h, 1.0 - (bottom - self.bottom) / self.h  # v0 <= v1
        if self.rotation == 90:
            return 1.0 - v1, u0, v1 - v0, u1 - u0
        if self.rotation == 180:
            return 1.0 - u1, 1.0 - v1, u1 - u0, v1 - v0
        if self.rotation == 270:
            return v0, 1.0 - u1, v1 - v0, u1 - u0
        return u0, v0, u1 - u0, v1 - v0


def _page_pdfium(page, raw, layers: "_Layers | None") -> dict:
    """One page's text, lines and pictures. Text the audience never sees (a layer that is off, text wholly
    outside the page box) is taken out of the in-memory page before its text is read, and returned apart
    as ``hidden``: [(why, text)]. ``vertical`` counts text objects in vertical writing, which pdfium cannot
    read (see _read_vertical)."""
    frame = _Frame(page, raw)
    pictures, unseen, vertical = _scan_objects(page, frame, raw, layers)
    hidden = _take_out(page, unseen, raw) if unseen else []
    text, lines = _text_and_lines(page, frame, raw)
    width, height = frame.display
    return {"text": text, "lines": lines, "pictures": pictures, "width": width, "height": height,
            "objects": raw.FPDFPage_CountObjects(page), "hidden": hidden, "vertical": vertical}


def _text_and_lines(page, frame: _Frame, raw):
    tp = raw.FPDFText_LoadPage(page)
    if not tp:
        raise DeckError(FileStatus.CORRUPT, "damaged PDF: a page's text cannot be loaded")
    try:
        text, direct = _page_text(tp, raw)
        return text, _lines(tp, text, direct, frame, raw) if text and not text.isspace() else []
    finally:
        raw.FPDFText_ClosePage(tp)


def _page_text(tp, raw) -> tuple[str, bool]:
    """The page text, at most MAX_TEXT_PER_PAGE characters, and whether text and char indices agree.

    FPDFText_GetText writes as many UTF-16 units as the *text* indices of the range span, which can exceed
    the char count when pdfium inserts characters (crbug.com/pdfium/2079), so the buffer is sized from the
    text indices of the first and last characters that produce text, found by a bounded scan (like
    pypdfium2's get_text_range, without its recursion)."""
    import ctypes

    count = min(raw.FPDFText_CountChars(tp), MAX_TEXT_PER_PAGE)
    to_text = raw.FPDFText_GetTextIndexFromCharIndex
    first, last = 0, count - 1
    while first <= last and to_text(tp, first) < 0:
        first += 1
    while last >= first and to_text(tp, last) < 0:
        last -= 1
    if first > last:
        return "", True
    size = to_text(tp, last) - to_text(tp, first) + 2  # with the NUL terminator
    buffer = (ctypes.c_ushort * size)()
    written = raw.FPDFText_GetText(tp, first, last - first + 1, buffer)
    text = bytes(buffer)[: 2 * max(0, written - 1)].decode("utf-16-le", errors="ignore")
    return text, first == 0 and len(text) == count


def _lines(tp, text: str, direct: bool, frame: _Frame, raw) -> list[tuple[float, float, str, float, float]]:
    """Text lines as (size, top, text, left, right), all fractions of the displayed page height or width.

    pdfium ends lines with CRLF. Only the first and last character of each line are measured, so this
    costs two calls per line rather than one per character. The size is the height of the first
    character's loose box (the font's full height as drawn): pdfium's FPDFText_GetFontSize reports the Tf
    operand, which is 1 for exporters that scale type through the text matrix.
    """
    loose_box = raw.FPDFText_GetLooseCharBox
    to_char = None if direct else raw.FPDFText_GetCharIndexFromTextIndex
    first, last = raw.FS_RECTF(), raw.FS_RECTF()
    found = []  # (text, left, bottom, right, top, first char's width, first char's height) in page points
    pos = 0
    for line in text.split("\r\n"):
        start, pos = pos, pos + len(line) + 2
        stripped = line.strip()
        if not stripped:
            continue
        i = start if line[0] != " " else start + len(line) - len(line.lstrip())
        j = start + len(line) - 1 if line[-1] != " " else start + len(line.rstrip()) - 1
        if to_char is not None:
            i, j = to_char(tp, i), to_char(tp, j)
        if i < 0 or not loose_box(tp, i, first):
            continue
        fl, fb, fr, ft = first.left, first.bottom, first.right, first.top
        if j > i and loose_box(tp, j, last):
            found.append((stripped, min(fl, last.left), min(fb, last.bottom), max(fr, last.right), max(ft, last.top),
                          fr - fl, ft - fb))
        else:
            found.append((stripped, fl, fb, fr, ft, fr - fl, ft - fb))
        if len(found) >= MAX_LINES_PER_PAGE:
            break
    if frame.rotation == 0:  # the common case, without the general mapping
        x0, y0, w, h = frame.left, frame.bottom, frame.w, frame.h
        return [(ch / h, 1.0 - (t - y0) / h, line, (l - x0) / w, (r - x0) / w) for line, l, b, r, t, _cw, ch in found]
    out = []
    for line, l, b, r, t, cw, ch in found:
        x, y, w, _h = frame.rect(l, b, r, t)
        size = ch / frame.h if frame.rotation == 180 else cw / frame.w
        out.append((abs(size), y, line, x, x + w))
    return out


def _scan_objects(page, frame: _Frame, raw, layers: "_Layers | None"):
    """One pass over the page objects: image bounds as (x, y, w, h) fractions of the displayed page; the text
    objects the audience never sees, as (object, its form or None, why): wholly outside the visible page box
    (CropBox within MediaBox: text left on a layout program's pasteboard) or marked as optional content (a
    layer) that the default view hides; and the number of text objects in vertical writing. Form XObjects are searched to a small depth; their children's bounds are in form space, so the
    form matrices are applied. ``layers`` remembers, for the document, which groups are off; None, or a file
    that cannot have layers, and marked content is not looked at (tagged PDFs mark every object: that costs)."""
    import ctypes

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    name = _NameReader(raw)
    get_type, get_bounds, count_marks = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds, raw.FPDFPageObj_CountMarks
    image, form, text = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_TEXT
    out: list[tuple[float, float, float, float]] = []
    layered: dict[str, list[tuple[object, object]]] = {}  # optional-content group name -> its text objects
    unseen: list[tuple[object, object, str]] = []
    vertical = 0
    x0, y0 = frame.left, frame.bottom
    x1, y1 = x0 + frame.w, y0 + frame.h
    # (container, object count, object getter, matrix from its space to page space or None, depth)
    stack = [(page, raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject, None, 0)]
    while stack:
        container, count, get, to_page, depth = stack.pop()
        for i in range(count):
            obj = get(container, i)
            kind = get_type(obj)
            if kind == text:
                owner = None if container is page else container
                if get_bounds(obj, *refs):
                    l, b, r, t = left.value, bottom.value, right.value, top.value
                    if to_page is not None:
                        l, b, r, t = _transform((l, b, r, t), to_page)
                    if r <= x0 or l >= x1 or t <= y0 or b >= y1:
                        unseen.append((obj, owner, "outside the page"))
                        continue
                    if r - l < 1e-3 and t - b > 1.0:  # pdfium gives vertical writing no width and no characters
                        vertical += 1
                if layers is not None and count_marks(obj):
                    if layers.possible():
                        group = name.layer(obj)
                        if group is not None:
                            layered.setdefault(group, []).append((obj, owner))
                    else:
                        layers = None  # the file has no layers: marks are not looked at again
            elif kind == image:
                if len(out) < MAX_IMAGES_PER_PAGE and get_bounds(obj, *refs):
                    box = (left.value, bottom.value, right.value, top.value)
                    out.append(frame.rect(*(box if to_page is None else _transform(box, to_page))))
            elif kind == form and depth < MAX_FORM_DEPTH:
                matrix = raw.FS_MATRIX()
                if raw.FPDFPageObj_GetMatrix(obj, matrix):
                    m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                    stack.append((obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject,
                                  m if to_page is None else _compose(m, to_page), depth + 1))
    if layered:
        unseen += [(obj, owner, "in a layer that is off") for obj, owner in _layers_off(page, layered, raw, layers)]
    return out, unseen, vertical


MAX_OBJECT_STREAMS = 500  # object streams inflated when looking for /OCProperties; past this, assume layers


def _may_have_layers(path: str) -> bool:
    """Whether the file can hold optional content: its catalog has /OCProperties (viewers ignore layers without
    it). Searched in the raw bytes and, when the file packs objects into compressed object streams (where the
    catalog may sit), in those streams inflated. True when it cannot tell (an encrypted or unusual stream), so
    a layered file is never missed; False for most slide PDFs, which then skip the per-object mark checks."""
    import mmap
    import zlib

    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            if data.find(b"/OCProperties") >= 0:
                return True
            pos, seen = data.find(b"/ObjStm"), 0
            while pos >= 0:
                seen += 1
                if seen > MAX_OBJECT_STREAMS:
                    return True
                start = data.find(b"stream", pos)
                if start < 0:
                    return True
                start += 6
                start += 2 if data[start:start + 2] == b"\r\n" else 1
                try:
                    inflated = zlib.decompressobj().decompress(data[start:start + 16 * 1024 * 1024], 64 * 1024 * 1024)
                except zlib.error:
                    return True  # not Flate, or encrypted: cannot tell
                if b"/OCProperties" in inflated:
                    return True
                pos = data.find(b"/ObjStm", start)
    except (OSError, ValueError):
        return True
    return False



class _NameReader:
    """Reads marked-content names with one reused buffer: tagged PDFs (PowerPoint's exports) mark every text
    object, so this runs thousands of times a deck and must not allocate."""

    def __init__(self, raw):
        import ctypes

        self.raw = raw
        self.buffer = (ctypes.c_ushort * 128)()
        self.size = ctypes.c_ulong()
        self.size_ref = ctypes.byref(self.size)
        self.capacity = ctypes.sizeof(self.buffer)

    def layer(self, obj) -> str | None:
        """The optional-content group an object is marked with (/OC /name BDC ... EMC): its /Name, or "" for
        a group without one; None when the object is not optional content."""
        raw, buffer = self.raw, self.buffer
        for k in range(raw.FPDFPageObj_CountMarks(obj)):
            mark = raw.FPDFPageObj_GetMark(obj, k)
            # "OC" in UTF-16LE with its terminator is 6 bytes: compare units, no decoding
            if (mark and raw.FPDFPageObjMark_GetName(mark, buffer, self.capacity, self.size_ref)
                    and self.size.value == 6 and buffer[0] == 0x4F and buffer[1] == 0x43):
                if raw.FPDFPageObjMark_GetParamStringValue(mark, b"Name", buffer, self.capacity, self.size_ref):
                    return bytes(buffer)[: max(0, min(self.size.value, self.capacity) - 2)].decode("utf-16-le", "replace")
                return ""
        return None


LAYER_RENDER_SIDE = 600  # pixels: enough for 6 pt type on a slide page to change pixels


def _layers_off(page, layered: dict, raw, layers: dict) -> list:
    """The text objects of the optional-content groups that the default view hides. Whether a group is on is
    decided by the viewer's rules (/OCProperties /D: BaseState, ON, OFF, and membership dictionaries); pdfium
    applies them when it renders, so a group is off when making its text invisible changes no pixel of the
    page. Text drawn invisible on purpose (render mode 3, as OCR'd PDFs carry theirs) is not tested and kept.
    A group's state holds for the whole document (the default configuration is per group, not per page), so it
    is decided once, on the first page that draws text in it: two small renders per layer per document."""
    invisible = raw.FPDF_TEXTRENDERMODE_INVISIBLE
    base = None
    hidden = []
    for name, objects in layered.items():
        drawn = [(obj, owner, raw.FPDFTextObj_GetTextRenderMode(obj)) for obj, owner in objects]
        drawn = [d for d in drawn if d[2] != invisible]
        if not drawn:
            continue
        if name not in layers:
            if base is None:
                base = _render_small(page, raw)
            for obj, _owner, _mode in drawn:
                raw.FPDFTextObj_SetTextRenderMode(obj, invisible)
            try:
                layers[name] = _render_small(page, raw) == base
            finally:
                for obj, _owner, mode in drawn:
                    raw.FPDFTextObj_SetTextRenderMode(obj, mode)
        if layers[name]:
            hidden += [(obj, owner) for obj, owner, _mode in drawn]
    return hidden


def _render_small(page, raw) -> bytes:
    """The page rendered in grey at LAYER_RENDER_SIDE pixels on its long side, as raw bytes."""
    import ctypes

    w, h = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
    scale = LAYER_RENDER_SIDE / max(w, h, 1.0)
    pw, ph = max(1, round(w * scale)), max(1, round(h * scale))
    bitmap = raw.FPDFBitmap_Create(pw, ph, 0)
    if not bitmap:
        return b""
    try:
        raw.FPDFBitmap_FillRect(bitmap, 0, 0, pw, ph, 0xFFFFFFFF)
        raw.FPDF_RenderPageBitmap(bitmap, page, 0, 0, pw, ph, 0, raw.FPDF_GRAYSCALE)
        return ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), raw.FPDFBitmap_GetStride(bitmap) * ph)
    finally:
        raw.FPDFBitmap_Destroy(bitmap)


def _take_out(page, unseen: list, raw) -> list[tuple[str, str]]:
    """Remove the unseen text objects from the (in-memory) page so the text page never sees them, and return
    their text as (why, text). The file is not changed."""
    import ctypes

    remove_from_form = getattr(raw, "FPDFFormObj_RemoveObject", None)  # pdfium builds before 2023 lack it
    if remove_from_form is None:
        unseen = [u for u in unseen if u[1] is None]  # such text stays in the slide text, as before
    out = []
    tp = raw.FPDFText_LoadPage(page)
    try:
        for obj, _owner, why in unseen:
            size = raw.FPDFTextObj_GetText(obj, tp, None, 0) if tp else 0
            text = ""
            if size > 2:
                buffer = (ctypes.c_ushort * (size // 2))()
                raw.FPDFTextObj_GetText(obj, tp, buffer, size)
                text = bytes(buffer)[: size - 2].decode("utf-16-le", errors="ignore")
            if text.strip():
                out.append((why, text.strip()))
    finally:
        if tp:
            raw.FPDFText_ClosePage(tp)
    for obj, owner, _why in unseen:
        removed = raw.FPDFPage_RemoveObject(page, obj) if owner is None else remove_from_form(owner, obj)
        if removed:
            raw.FPDFPageObj_Destroy(obj)
    return out


def _transform(box, m):
    """Bounds of a (left, bottom, right, top) box after the affine matrix m = (a, b, c, d, e, f)."""
    a, b, c, d, e, f = m
    l, bt, r, t = box
    xs, ys = [], []
    for x, y in ((l, bt), (l, t), (r, bt), (r, t)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _compose(inner, outer):
    """The matrix applying `inner` first, then `outer`."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _clip(rect):
    """A (x, y, w, h) fraction rectangle cut to the page, or None when nothing of it is on the page."""
    x, y, w, h = rect
    x0, y0, x1, y1 = max(0.0, x), max(0.0, y), min(1.0, x + w), min(1.0, y + h)
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1 - x0, y1 - y0


# --- shared by both engines --------------------------------------------------------------------------------

TITLE_ZONE = 0.6  # a title starts in the top 60% of the page


def _title(lines, text: str) -> str:
    """The line in the largest type (ties: the higher one) that starts in the top of the page and has a
    word in it, with the lines in the same size directly above and below it (a wrapped title, up to three
    lines). Falls back to the first line of the page text that has a word in it.

    Lines above count because the measured size of a line is its tallest glyph's loose box: a wrapped title's
    last line can measure a hair larger than its first ("other." under "You're running a dozen disconnected
    tools that don't talk to each"), and would otherwise be the title alone."""
    best = None
    for ln in lines:  # lines are (size, top, text, left, right)
        if ln[1] <= TITLE_ZONE and (best is None or ln[0] > best[0] + 1e-4 or (ln[0] > best[0] - 1e-4 and ln[1] < best[1])):
            if _has_word(ln[2]):
                best = ln
    if best is None:  # the first line of the text with a word in it: never a lone page number ("6")
        return next((ln for ln in text.split("\n") if _has_word(ln)), "")[:120]
    above = _wrapped(lines, best, above=True, room=2)
    below = _wrapped(lines, best, above=False, room=2 - len(above))
    return normalise_text(" ".join([*reversed(above), best[2], *below]))[:300]


def _wrapped(lines, best, *, above: bool, room: int) -> list[str]:
    """The lines of ``best``'s wrapped title on one side of it, nearest first, at most ``room``: each in the
    same size (within 5%), at most 1.6 sizes from the one before and within 5 sizes of ``best``. A line beside
    the title's column (a diagram's label, the next column) is skipped, not taken nor taken as the end; above,
    a line without a word ends it."""
    size, top, out = best[0], best[1], []
    near = [ln for ln in lines if (best[1] - 5 * size <= ln[1] < best[1] if above else best[1] < ln[1] <= best[1] + 5 * size)]
    for ln in sorted(near, key=lambda ln: -ln[1] if above else ln[1]):
        if ln[3] >= best[4] or ln[4] <= best[3]:
            continue
        if len(out) == room or abs(ln[0] - size) > 0.05 * size or abs(ln[1] - top) > 1.6 * size or (above and not _has_word(ln[2])):
            break
        out.append(ln[2])
        top = ln[1]
    return out


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


def _has_word(line: str) -> bool:
    return _TWO_LETTERS.search(line) is not None


def _status(text: str, pictures: int) -> SlideStatus:
    if text:
        return SlideStatus.OK
    return SlideStatus.NO_TEXT_LAYER if pictures else SlideStatus.EMPTY


def _assemble(path: str, pages: list[dict], meta: dict, engine: str, keep_boxes: bool = True) -> Deck:
    slides, rects, unseen = [], [], []
    for i, pg in enumerate(pages, 1):
        text = normalise_text(pg["text"])
        pics = [r for r in map(_clip, pg["pictures"]) if r is not None]
        boxes = []
        if keep_boxes:
            boxes = [Box("text", x0, top, max(0.0, x1 - x0), size, t[:200])
                     for size, top, t, x0, x1 in pg["lines"][:MAX_BOXES]]
            boxes += [Box("picture", *r) for r in pics[:MAX_BOXES]]
        hidden = pg.get("hidden") or []
        slides.append(Slide(index=i, title=_title(pg["lines"], text) if text else "", text=text,
                            pictures=len(pics), picture_area=union_area(pics), status=_status(text, len(pics)),
                            boxes=boxes, text_source=pg.get("ocr", ""),
                            hidden_text=normalise_text("\n".join(t for _why, t in hidden))))
        if hidden:
            whys = sorted({why for why, _t in hidden})
            unseen.append(f"page {i}: {len(hidden)} text object{'s' if len(hidden) != 1 else ''} "
                          f"{' or '.join(whys)}")
        rects.append(pics)
    decor.apply(slides, rects)  # backgrounds and template pictures are not content (status stays as read)
    statuses = {s.status for s in slides}
    # A deck of pages with no text layer still gets a report: each page is named as not read (a warning from
    # the OCR step says why), none is counted.
    if SlideStatus.OK not in statuses and SlideStatus.NO_TEXT_LAYER not in statuses:
        raise DeckError(FileStatus.EMPTY, f"all {len(slides)} pages are empty")
    first = pages[0]
    deck = Deck(path=path, format="pdf", variant="pdf", slides=slides, title=normalise_text(meta.get("title") or ""),
                author=normalise_text(meta.get("author") or ""), aspect=first["width"] / (first["height"] or 1.0),
                engine=engine)
    if unseen:
        deck.warnings.append("text the audience never sees is kept out of the slide text (listed apart as hidden "
                             "text): " + "; ".join(unseen[:10]) + (" ..." if len(unseen) > 10 else ""))
    _detect_layouts(deck, pages)
    return deck


# --- notes pages and handouts ------------------------------------------------------------------------------

NOTES_OVERLAP = 0.6  # share of a slide page's words a notes page must repeat


def _words(text: str) -> set[str]:
    return {w for w in text.lower().split() if len(w) > 2}


def _detect_layouts(deck: Deck, pages: list[dict]) -> None:
    """Notes pages (landscape slide pages, then portrait pages repeating them) and handouts (portrait pages
    holding several shrunken slides). Either way page i is not slide i, so the deck says so."""
    landscape = [p["width"] >= p["height"] for p in pages]
    if any(landscape) and not all(landscape) and _mark_notes_pages(deck, landscape):
        return
    handouts = [i for i, p in enumerate(pages) if not landscape[i] and _looks_like_handout(p)]
    if handouts and len(handouts) >= max(1, len(pages) // 2):
        for i in handouts:
            deck.slides[i].status = SlideStatus.HANDOUT_PAGE
        deck.layout = "handout"
        deck.warnings.append("handout layout: slide mapping unreliable (several slides per page); "
                             "audit the deck itself or a slides-only export")


def _mark_notes_pages(deck: Deck, landscape: list[bool]) -> int:
    slides = deck.slides
    wide = [(i, _words(slides[i].text)) for i, is_wide in enumerate(landscape) if is_wide]
    matched = 0
    for i, is_wide in enumerate(landscape):
        if is_wide or slides[i].status is not SlideStatus.OK:
            continue
        words = _words(slides[i].text)
        target, seen = max(wide, key=lambda iw: len(iw[1] & words) / (len(iw[1]) or 1))
        if not seen or len(seen & words) / len(seen) < NOTES_OVERLAP:
            continue
        matched += 1
        slides[i].status = SlideStatus.NOTES_PAGE
        extra = [ln for ln in slides[i].text.splitlines() if not set(ln.lower().split()) <= seen]
        if extra and not slides[target].notes:
            slides[target].notes = "\n".join(extra)
    if matched:
        deck.layout = "notes-pages"
        deck.warnings.append(f"notes-page layout: {matched} notes pages repeat slide pages; only the slide pages "
                             "are slides")
    return matched


def _looks_like_handout(page: dict) -> bool:
    """Slide frames scaled down and repeated at a regular pitch on a portrait page.

    A brochure page has a full-size heading and irregular blocks; a handout has only small text (slides
    shrunk to a third or less) in two or more clusters whose tops are evenly spaced.
    """
    lines = page["lines"]
    if len(lines) < 4 or max(size for size, *_ in lines) > 0.03:
        return False
    tops = sorted(top for _, top, *_ in lines)
    starts = [tops[0]] + [b for a, b in zip(tops, tops[1:]) if b - a > 0.05]
    if len(starts) < 2:
        return False
    pitches = [b - a for a, b in zip(starts, starts[1:])]
    regular = max(pitches) - min(pitches) < 0.04 if len(pitches) > 1 else pitches[0] > 0.2
    two_columns = any(x0 > 0.45 for *_, x0, _x1 in lines) and any(x0 < 0.2 for *_, x0, _x1 in lines)
    return regular and (len(starts) >= 3 or two_columns)


class PdfReader(Reader):
    """The registry's PDF entry (see readers/base.py): the %PDF- header in the first KiB, read() above."""

    name = "pdf"
    extensions = (".pdf",)
    magic = (b"%PDF-",)

    def accepts(self, head: bytes, path: str) -> Sniff | None:
        return Sniff(self, path) if is_pdf(head) else None

    def read(self, path: str, options, sniff: Sniff | None = None) -> Deck:
        return read(path, options)
