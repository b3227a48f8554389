"""OCR for pages without a text layer and slides whose text is only inside a picture (Tesseract).

Tesseract runs as the ``tesseract`` program through pytesseract (a thin, well-kept wrapper around the CLI:
no native code of ours, and the user installs Tesseract with their package manager). PDF pages are rendered
with pypdfium2 so that the long side of the page is OCR_LONG_SIDE pixels, in grey: slide PDFs come in every
page size (720x405 pt from PowerPoint, 1280x720 pt from Google Slides, A4 from others), and type on a slide is
sized relative to the slide, not in points, so a fixed pixel size reads them all alike. Measured on 23 corpus
pages whose text layer is the answer key (docs/extraction.md): 1000 px 2.1 pages/s, 84% of the words;
1600 px 1.7 pages/s, 93%; 2200 px 1.4 pages/s, 94%.

Modes (``ReadOptions.ocr``): "auto" OCRs only pages/slides with no text at all, "always" OCRs every page or
picture and adds the lines the text layer lacks, "never" never runs Tesseract. Without Tesseract the pages
stay ``no-text-layer`` (named in the report, not counted) and :data:`INSTALL_HINT` says what to install.

Nothing heavy is imported at module level: importing this module costs nothing until OCR runs.
"""

from __future__ import annotations

import io
import shutil
import sys
import time
from dataclasses import dataclass

MODES = ("auto", "always", "never")
OCR_LONG_SIDE = 1600  # pixels on the rendered page's long side (see the module docstring for the measurement)
MAX_PAGES = 300  # pages (or slides) OCR'd in one deck: a 10,000-page scan is not a slide deck
PAGE_TIMEOUT_S = 60  # one Tesseract call; a page that takes longer is left unread
MIN_WORD_CONFIDENCE = 30  # Tesseract's 0..100 word confidence; below it, photo texture read as letters
MIN_PICTURE_SIDE = 48  # pixels: icons and bullets are not worth a Tesseract call
MAX_PICTURE_PIXELS = 40_000_000  # a decompression bomb is not OCR'd
LANG = "eng"
INSTALL_HINT = ("install Tesseract to read them with OCR: Debian/Ubuntu 'apt install tesseract-ocr', "
                "macOS 'brew install tesseract', Windows: the Tesseract installer (github.com/UB-Mannheim/tesseract)")

_SETTINGS: dict = {"progress": False, "hint_shown": False, "deadline": None}
_AVAILABLE: dict[str, str | None] = {}


def configure(*, progress: bool) -> None:
    """Let OCR print a progress line (and the install hint, once) on stderr. The CLI turns this on unless
    --quiet; library callers get no output by default."""
    _SETTINGS["progress"] = progress


def set_deadline(deadline: float | None) -> None:
    """Stop OCR at this time.monotonic() value (None: no limit). Bulk workers set it below their per-file
    timeout, so a big scanned deck is stored with the pages read so far (the rest named as not read) instead
    of timing out, and a warm run then reuses it rather than OCRing it again."""
    _SETTINGS["deadline"] = deadline


def out_of_time() -> bool:
    deadline = _SETTINGS["deadline"]
    return deadline is not None and time.monotonic() >= deadline


def _page_timeout() -> float:
    deadline = _SETTINGS["deadline"]
    return PAGE_TIMEOUT_S if deadline is None else max(1.0, min(PAGE_TIMEOUT_S, deadline - time.monotonic()))


def check_mode(mode: str) -> str:
    """The mode, or ValueError naming the choices."""
    if mode not in MODES:
        raise ValueError(f"unknown OCR mode {mode!r} (choose from {', '.join(MODES)})")
    return mode


def tesseract_version() -> str | None:
    """Tesseract's version ("5.3.0") when the ``tesseract`` program is on PATH and pytesseract is installed, else
    None. Asked once per process (one subprocess call). Read as pytesseract.get_tesseract_version() reads it,
    without importing pytesseract: that import pulls in numpy and PIL (~0.2 s and ~25 MB), and bulk asks for the
    version in the parent on every run (the settings key) where no OCR runs."""
    if "version" not in _AVAILABLE:
        version = None
        if shutil.which("tesseract"):
            try:
                version = _version_of("tesseract") if _installed("pytesseract") else None
            except Exception:  # the program does not run, or says something that is not a version: no OCR
                version = None
        _AVAILABLE["version"] = version
    return _AVAILABLE["version"]


def _installed(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


MIN_TESSERACT = "3.05"  # pytesseract's TESSERACT_MIN_VERSION


def _version_of(program: str) -> str | None:
    """``program --version`` parsed like pytesseract 0.3's get_tesseract_version (the first word, without
    leading non-digits and without a "-suffix", as a PEP 440 version); None below MIN_TESSERACT (where
    pytesseract would exit the process). Raises OSError when the program does not run and
    packaging.version.InvalidVersion on a version it cannot parse."""
    import string
    import subprocess

    from packaging.version import Version  # pytesseract's own dependency

    raw = subprocess.check_output([program, "--version"], stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  timeout=PAGE_TIMEOUT_S).decode("utf-8")
    word = raw.lstrip(string.printable[10:]).partition(" ")[0].partition("-")[0]
    version = Version(word)
    return str(version).split()[0] if version >= Version(MIN_TESSERACT) else None


def available() -> bool:
    return tesseract_version() is not None


def hint_once(count: int, what: str = "pages") -> None:
    """Print the install hint on stderr once per process, when the CLI asked for notices."""
    if _SETTINGS["progress"] and not _SETTINGS["hint_shown"]:
        _SETTINGS["hint_shown"] = True
        said = f"{count} {what} have no text layer and were" if count != 1 else f"1 {what.rstrip('s')} has no text layer and was"
        print(f"deckaudit: {said} not read; {INSTALL_HINT}", file=sys.stderr)


class Progress:
    """'deckaudit: OCR deck.pdf: page 3/12' on stderr while OCR runs: rewritten in place on a terminal,
    one line at the start and one at the end otherwise. Silent unless configure(progress=True)."""

    def __init__(self, name: str, total: int, unit: str = "page"):
        self.name, self.total, self.unit = name, total, unit
        self.on = _SETTINGS["progress"] and total > 0
        self.tty = self.on and sys.stderr.isatty()
        self.t0 = time.monotonic()
        if self.on and not self.tty:
            print(f"deckaudit: OCR {name}: {total} {unit}{'s' if total != 1 else ''}...", file=sys.stderr, flush=True)

    def step(self, done: int) -> None:
        if self.tty:
            print(f"\rdeckaudit: OCR {self.name}: {self.unit} {done}/{self.total}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.on:
            took = time.monotonic() - self.t0
            end = "\r\x1b[K" if self.tty else ""
            print(f"{end}deckaudit: OCR {self.name}: {self.total} {self.unit}{'s' if self.total != 1 else ''} "
                  f"in {took:.1f} s", file=sys.stderr, flush=True)


_RULES = set("|!()[]{}/\\_~-—–=:;.,'\"`")  # what Tesseract makes of bars, rules and specks


@dataclass(slots=True)
class OcrText:
    """What Tesseract read on one image: the text (lines joined by "\\n", paragraphs kept as lines) and the
    lines as (size, top, text, left, right), fractions of the image height or width, the shape the PDF
    reader's title finder takes."""

    text: str
    lines: list[tuple[float, float, str, float, float]]


def ocr_image(image, lang: str = LANG) -> OcrText:
    """OCR a PIL image. Words under MIN_WORD_CONFIDENCE are dropped. Raises RuntimeError when Tesseract
    fails or times out (callers leave that page unread)."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(image, lang=lang, output_type=pytesseract.Output.DICT, timeout=_page_timeout())
    except (pytesseract.TesseractError, RuntimeError, OSError) as exc:
        raise RuntimeError(f"tesseract failed: {exc}") from None
    width, height = image.size
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if not word or not word.strip():
            continue
        try:
            conf = float(data["conf"][i])
        except (TypeError, ValueError):
            conf = -1.0
        if conf < MIN_WORD_CONFIDENCE:
            continue
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    out_lines, texts = [], []
    for key in sorted(lines):
        idx = lines[key]
        words = [data["text"][i].strip() for i in idx]
        while words and not any(ch.isalnum() for ch in words[0]) and set(words[0]) <= _RULES:
            words, idx = words[1:], idx[1:]  # a bar or a rule beside the text read as "|" or ")"
        while words and not any(ch.isalnum() for ch in words[-1]) and set(words[-1]) <= _RULES:
            words, idx = words[:-1], idx[:-1]
        if not any(any(ch.isalnum() for ch in w) for w in words):
            continue  # punctuation and rules read as letters
        text = " ".join(words)
        top = min(data["top"][i] for i in idx)
        bottom = max(data["top"][i] + data["height"][i] for i in idx)
        left = min(data["left"][i] for i in idx)
        right = max(data["left"][i] + data["width"][i] for i in idx)
        texts.append(text)
        out_lines.append(((bottom - top) / height, top / height, text, left / width, right / width))
    return OcrText("\n".join(texts), out_lines)


def ocr_picture_bytes(data: bytes, lang: str = LANG) -> str:
    """OCR one picture given as the bytes of an image file (PNG, JPEG, GIF, BMP, TIFF: whatever Pillow
    opens). Returns the text read ("" when the picture is too small, too large, not an image Pillow can
    open, or holds no words). Never raises; call only when available() is True."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.width < MIN_PICTURE_SIDE or im.height < MIN_PICTURE_SIDE or im.width * im.height > MAX_PICTURE_PIXELS:
                return ""
            im.load()
            image = im.convert("L")
    except Exception:  # Pillow raises many kinds on bad or exotic images: such a picture is just not read
        return ""
    try:
        return ocr_image(image, lang).text
    except RuntimeError:
        return ""


def render_page(pdf, index: int, long_side: int = OCR_LONG_SIDE):
    """Page ``index`` (0-based) of an open pypdfium2 PdfDocument as a grey PIL image whose long side is
    ``long_side`` pixels, rotated as displayed."""
    page = pdf[index]
    try:
        w, h = page.get_size()
        scale = long_side / max(w, h, 1.0)
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            return bitmap.to_pil().copy()
        finally:
            bitmap.close()
    finally:
        page.close()


def ocr_pdf_pages(path: str, indices: list[int], lang: str = LANG) -> dict[int, OcrText]:
    """OCR the given 0-based pages of a PDF: {index: OcrText}. A page Tesseract fails on is left out.
    Shows a progress line when configured. Raises nothing of its own; call only when available() is True."""
    import os

    import pypdfium2 as pdfium

    out: dict[int, OcrText] = {}
    if not indices:
        return out
    progress = Progress(os.path.basename(path), len(indices))
    pdf = pdfium.PdfDocument(path)
    try:
        for done, i in enumerate(indices, 1):
            if out_of_time():
                break
            progress.step(done)
            try:
                out[i] = ocr_image(render_page(pdf, i), lang)
            except (RuntimeError, pdfium.PdfiumError):
                continue
    finally:
        pdf.close()
        progress.close()
    return out


def merge_lines(text: str, ocr_lines: list[str]) -> list[str]:
    """The OCR lines that the text layer lacks ("always" mode on a page that has text): a line counts as new
    when most of its words (of two letters or more) are not in ``text``."""
    import re

    known = set(re.findall(r"\w{2,}", text.lower()))
    new = []
    for line in ocr_lines:
        words = re.findall(r"\w{2,}", line.lower())
        if words and sum(w not in known for w in words) > len(words) / 2:
            new.append(line)
    return new


# --- PPTX: slides whose text is only inside a picture ----------------------------------------------------

_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def ocr_pptx_slides(deck, zf, slide_parts: list[str], rels, mode: str = "auto", lang: str = LANG) -> None:
    """The PPTX reader's OCR step, called once at the end of reading with the open SafeZip, the slide part
    names in slide order and the reader's ``rels(part) -> {rId: (kind, target)}``. In "auto" mode slides with
    pictures and no text at all get the text Tesseract reads in their pictures (``text_source = "ocr"``); in
    "always" mode every slide with pictures gets the lines its text lacks (``"text+ocr"``). Does nothing in
    "never" mode or without Tesseract (then slides with pictures and no text are counted in a warning)."""
    if mode == "never":
        return
    # Not s.pictures: a screenshot filling the slide is counted as a background there, yet it is the content.
    todo = [i for i, s in enumerate(deck.slides)
            if getattr(s.status, "value", s.status) != "unreadable"  # a broken slide part: named, not OCR'd
            and (mode == "always" or not s.text.strip()) and _blip_targets(zf, slide_parts[i], rels)][:MAX_PAGES]
    if not todo:
        return
    if not available():
        empty = [deck.slides[i].index for i in todo if not deck.slides[i].text.strip()]
        if empty:
            deck.warnings.append(f"{len(empty)} slide(s) with text only inside pictures not read "
                                 f"({_list(empty)}); {INSTALL_HINT}")
            hint_once(len(empty), "slides")
        return
    import os

    from deckaudit.textnorm import normalise_text

    progress = Progress(os.path.basename(deck.path), len(todo), unit="slide")
    read_any = False
    try:
        for done, i in enumerate(todo, 1):
            if out_of_time():
                deck.warnings.append(f"OCR stopped at the time limit: {_list([deck.slides[k].index for k in todo[done - 1:]])} "
                                     "not read")
                break
            progress.step(done)
            slide, part = deck.slides[i], slide_parts[i]
            texts = []
            for target in _blip_targets(zf, part, rels):
                data = _read_media(zf, target)
                got = ocr_picture_bytes(data, lang) if data else ""
                if got.strip():
                    texts.append(got)
            if not texts:
                continue
            lines = normalise_text("\n".join(texts)).split("\n")
            if slide.text.strip():
                lines = merge_lines(slide.text, lines)
                if not lines:
                    continue
                slide.text = slide.text + "\n" + "\n".join(lines)
                slide.text_source = "text+ocr"
            else:
                slide.text = "\n".join(lines)
                slide.title = slide.title or lines[0][:300]
                slide.text_source = "ocr"
            read_any = True
    finally:
        progress.close()
    if read_any and "tesseract" not in deck.engine:
        deck.engine = f"{deck.engine}+tesseract" if deck.engine else "tesseract"


MAX_PICTURE_BYTES = 64 * 1024**2  # a picture file larger than this is not OCR'd


def _read_media(zf, name: str) -> bytes:
    """A media part's bytes, at most MAX_PICTURE_BYTES (SafeZip reads XML parts only; the zip pre-flight has
    already checked sizes and compression ratios). b"" when it cannot be read."""
    import zipfile
    import zlib

    info = zf.names.get(name)
    if info is None or info.file_size > MAX_PICTURE_BYTES:
        return b""
    try:
        with zf.zf.open(info) as fh:
            data = fh.read(MAX_PICTURE_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error):
        return b""
    return data if len(data) <= MAX_PICTURE_BYTES else b""


def _blip_targets(zf, part: str, rels) -> list[str]:
    """The picture parts a slide embeds (a:blip/@r:embed, in document order, each once)."""
    rel_map = rels(part)
    out: list[str] = []
    for blip in zf.xml(part).iter(_BLIP):
        target = rel_map.get(blip.get(_EMBED), (None, None))[1]
        if target and target not in out and zf.has(target):
            out.append(target)
    return out


def _list(indices: list[int], limit: int = 12) -> str:
    shown = ", ".join(map(str, indices[:limit]))
    return f"slide{'s' if len(indices) != 1 else ''} {shown}{' ...' if len(indices) > limit else ''}"
