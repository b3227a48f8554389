"""The optional pdfplumber engine (--pdf-engine pdfplumber): slower (pdfminer.six underneath, ~35x) and
wrong on rotated and letter-spaced pages, but useful when a PDF's geometry matters more than speed.
Returns the same page dictionaries as the pypdfium2 path, so the rest of the reader is shared."""

from __future__ import annotations

from deckaudit.errors import DeckError, FileStatus


def read_with_pdfplumber(path: str, options) -> tuple[list[dict], dict]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise DeckError(FileStatus.UNSUPPORTED, "pdfplumber is not installed: pip install 'deckaudit[pdfplumber]'") from None
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect:
        raise DeckError(FileStatus.ENCRYPTED, "PDF needs a password to open") from None
    except Exception as exc:  # pdfplumber wraps pdfminer errors, often with an empty message
        if "password" in repr(exc).lower() or type(exc).__name__ == "PdfminerException" and not str(exc):
            raise DeckError(FileStatus.ENCRYPTED, "PDF needs a password to open") from None
        raise DeckError(FileStatus.CORRUPT, "damaged PDF (pdfplumber cannot open it)",
                        detail=f"pdfplumber: {type(exc).__name__}: {exc}") from None
    with pdf:
        n = len(pdf.pages)
        if n == 0:
            raise DeckError(FileStatus.EMPTY, "the PDF has no pages")
        if n > options.max_slides:
            raise DeckError(FileStatus.TOO_LARGE, f"{n:,} pages (limit {options.max_slides:,})")
        pages = []
        for page in pdf.pages:
            w, h = float(page.width) or 1.0, float(page.height) or 1.0
            page = page.dedupe_chars()
            text = page.extract_text() or ""
            lines = []
            for ln in page.extract_text_lines(return_chars=False)[:600]:
                top, bottom = float(ln["top"]), float(ln["bottom"])
                lines.append(((bottom - top) / h, top / h, ln["text"], float(ln["x0"]) / w, float(ln["x1"]) / w))
            lines.sort(key=lambda r: -r[0])
            pics = [(float(im["x0"]) / w, float(im["top"]) / h, (float(im["x1"]) - float(im["x0"])) / w,
                     (float(im["bottom"]) - float(im["top"])) / h) for im in page.images]
            drawn = len(page.objects.get("curve", ())) + len(page.objects.get("rect", ())) + len(page.objects.get("line", ()))
            pages.append({"text": text, "lines": lines, "pictures": pics, "width": w, "height": h,
                          "objects": len(pics) + drawn})
        meta = {k.lower(): str(v) for k, v in (pdf.metadata or {}).items() if k in ("Title", "Author")}
    return pages, meta
