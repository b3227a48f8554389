"""Words pdfium reads run together, and letters "fake bold" doubles (used by readers/pdf.py).

Some exporters place every glyph on its own and draw no space glyph between words; pdfium then decides
where words end from the gaps, and on some decks decides wrongly: "You'rerunningadozendisconnectedtools".
poppler's ``pdftotext`` (or pdfminer) reads the same page with its spaces. Pages are checked in steps, so
the pages without the problem (nearly all) cost three regular-expression searches, ~16 us a slide page
(under 1% of reading it):

1. trigger (every page, raw pdfium text): a run of 16 or more letters, 16 letters one space apart (a
   letter-spaced heading that normalisation closes up into one word), or fake bold (below);
2. candidates (triggered pages, normalised text): such runs not inside a web or e-mail address, a path or
   a handle;
3. confirmation (the reference engine's text of the candidate pages): a run is glued when its chunk (the
   text between spaces) is, in the reference page, two or more consecutive chunks; a chunk the reference
   also has whole ("responsibilities", "openmainframeproject", "PathMatchingResourcePatternResolver") is
   left alone.

Once one page of a deck is confirmed, the exporter is known to drop spaces, so every chunk of that deck's
pages is checked the same way against the reference: shorter glued words ("talktoeach"), punctuation that
lost its space ("first.Platform"), and letter-spaced headings that normalisation closed up ("W H E R E T H E"
-> "WHERETHE" -> "WHERE THE"). A glued chunk gets spaces inserted where the reference has them; pdfium's own
characters are kept (the two engines may differ in apostrophes, quotes or ligatures: only the word
boundaries are taken from the other), so the repair can add spaces and nothing else.

"Fake bold" (the text drawn twice at the same origins, in a bold and a regular font) makes pdfium read every
character twice: "(( AAdd bbuuddggeett cchhaarrggeedd sseeppaarraatteellyy ))". A line holding a token of eight
or more characters that all come in identical pairs has its paired tokens halved ("AAdd", "((" too): no
English word has that shape, so no other engine is asked.
"""

from __future__ import annotations

import re
from typing import Callable

from deckaudit.textnorm import normalise_text

# Letters of scripts that separate words with spaces (Latin, Greek, Cyrillic). CJK and Thai runs of any
# length are normal text and never trigger.
_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
MIN_GLUED = 16  # letters in a run that starts a check; English words this long are rare, and are left alone
_RUN = re.compile(rf"[{_L}]{{{MIN_GLUED},}}")  # also the trigger, on the raw text: ~8 us on a slide page
# 16 letters one space apart, as pdfium reads a letter-spaced heading ("W H E R E T H E ...") that normalisation
# closes up into one word. Unrolled, so the engine looks only at spaces: ~2 us a page, against ~11 us for the
# same pattern written with a repeat.
_SPACED = re.compile(" " + " ".join([f"[{_L}]"] * (MIN_GLUED - 1)))
# A run inside a web or e-mail address, a path or a handle is a name as written, not glued words.
_ADDRESS_AROUND = re.compile(r"[./@#_\\:]")
_CHUNK = re.compile(r"\S+")  # what is compared between the engines: text between spaces, punctuation and all
# Fake bold: eight letters each doubled ("sseeppaa"), as a cheap test on the raw page text.
_DOUBLED = re.compile(rf"([{_L}])\1([{_L}])\2([{_L}])\3([{_L}])\4")  # ~7 us on a slide page
MIN_DOUBLED = 8  # characters of a doubled token before its line is halved
LIKELY_GLUED = 20  # without a reference engine, a page is named when a run is this long or it has two runs

Reference = Callable[[list[int]], "tuple[str | None, dict[int, str]]"]


def _triggered(raw: str) -> bool:
    """The cheap per-page test (module docstring, step 1) on pdfium's raw page text."""
    return _RUN.search(raw) is not None or _SPACED.search(raw) is not None or _DOUBLED.search(raw) is not None


def _key(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def _halve(token: str) -> str | None:
    """The token with every character pair made one ("sseeppaa" -> "sepa"), or None if it is not paired."""
    if len(token) >= 2 and len(token) % 2 == 0 and token[0::2] == token[1::2]:
        return token[0::2]
    return None


def _fake_bold(token: str) -> bool:
    """A token of MIN_DOUBLED+ paired characters with letters, not one letter repeated ("XXXXXXXX")."""
    half = _halve(token) if len(token) >= MIN_DOUBLED else None
    return bool(half) and len(set(half)) >= 3 and _DOUBLED.search(token) is not None


def _halve_line(line: str) -> str:
    """A line with fake-bold tokens halved: every whitespace-separated token that is made of character pairs,
    when the line holds one such token of MIN_DOUBLED or more characters with letters in it."""
    tokens = line.split(" ")
    if not any(_fake_bold(t) for t in tokens):
        return line
    return " ".join(_halve(t) or t for t in tokens)


def halve_fake_bold(text: str) -> str:
    """``text`` with the fake-bold lines halved (see _halve_line); other lines as they were."""
    if not _DOUBLED.search(text):
        return text
    return "\n".join(_halve_line(ln) if _DOUBLED.search(ln) else ln for ln in text.split("\n"))


def _candidates(text: str) -> list[str]:
    """Runs of MIN_GLUED+ letters in normalised text that are not part of an address, path or handle."""
    out = []
    for m in _RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if _ADDRESS_AROUND.match(before) or (_ADDRESS_AROUND.match(after) and m.end() + 1 < len(text)
                                              and not text[m.end() + 1].isspace()):
            continue
        out.append(m.group(0))
    return out


def _glued_chunks(text: str) -> set[str]:
    """The whitespace-separated chunks of ``text`` that hold a candidate run."""
    runs = _candidates(text)
    return {chunk for chunk in text.split() if any(run in chunk for run in runs)}


def _likely_glued(runs: list[str]) -> bool:
    """Without a reference, whether a page's runs are worth a warning: a run longer than nearly every English
    word, or two different runs (one long word such as "interoperability" alone is not named)."""
    return any(len(r) >= LIKELY_GLUED for r in runs) or len({r.lower() for r in runs}) >= 2


class _RefPage:
    """One page of the reference engine's text: its whitespace-separated chunks' keys in order, indexed by
    first character."""

    def __init__(self, text: str):
        self.keys = [_key(w) for w in normalise_text(text).split()]
        self.vocab = set(self.keys)
        self.starts: dict[str, list[int]] = {}
        for j, k in enumerate(self.keys):
            self.starts.setdefault(k[0], []).append(j)

    def split(self, chunk: str) -> list[int] | None:
        """Where to cut ``chunk`` (offsets) so its pieces are two or more consecutive reference chunks, or
        None. A chunk the reference has whole is never cut, nor one whose pieces would include two single
        characters in a row ("I N T E RO P E R A B I L I T Y": the reference read a letter-spaced word)."""
        key = _key(chunk)
        if key in self.vocab or len(key) != len(chunk) or not key:
            return None
        keys = self.keys
        for j in self.starts.get(key[0], ()):
            pos, cuts, k = 0, [], j
            while k < len(keys) and key.startswith(keys[k], pos):
                if len(keys[k]) == 1 and k > j and len(keys[k - 1]) == 1:
                    break
                pos += len(keys[k])
                k += 1
                if pos == len(key):
                    return cuts or None
                cuts.append(pos)
        return None


def _spaced(chunk: str, cuts: list[int]) -> str:
    bounds = [0, *cuts, len(chunk)]
    return " ".join(chunk[a:b] for a, b in zip(bounds, bounds[1:]))


def _cuts_run(chunk: str, cuts: list[int] | None) -> bool:
    """Whether a cut falls inside one of the chunk's runs of MIN_GLUED+ letters (what confirms a page)."""
    return bool(cuts) and any(m.start() < c < m.end() for m in _RUN.finditer(chunk) for c in cuts)


def _apply(text: str, mapping: dict[str, str]) -> str:
    return _CHUNK.sub(lambda m: mapping.get(m.group(0), m.group(0)), text) if mapping else text


def rewrite_page(pg: dict, fn: Callable[[str], str]) -> None:
    """Apply ``fn`` to a reader page dict's text and to the text of each of its lines ((size, top, text, left,
    right)), in place: a repair changes both alike, so the title (from the lines) and the text agree."""
    pg["text"] = fn(pg["text"])
    pg["lines"] = [(size, top, fn(t), left, right) for size, top, t, left, right in pg["lines"]]


def repair_spacing(pages: list[dict], reference: Reference, warnings: list[str], page_list: Callable,
                   max_pages: int = 200) -> str | None:
    """Repair, in place, pdfium pages whose words run together and fake-bold doubled letters (module
    docstring). ``pages`` are the reader's page dicts (``text``: pdfium's text, ``lines``: (size, top, text,
    left, right)); the text and lines of a page that is looked at are normalised here. ``reference(indices)``
    returns (engine name or None, {page index: text}) from another engine; it is asked for at most
    ``max_pages`` pages of a deck. ``page_list`` formats page numbers for the warning ("pages 4-5"). When no
    engine is there, the pages that may be glued are named in ``warnings`` and left as read. Returns the
    engine whose spacing was used, or None when no word was split."""
    triggered = [i for i, pg in enumerate(pages) if _triggered(pg["text"])]
    if not triggered:
        return None
    glued = []
    for i in triggered:
        pg = pages[i]
        rewrite_page(pg, lambda t: halve_fake_bold(normalise_text(t)))
        if _candidates(pg["text"]):
            glued.append(i)
    if not glued:
        return None
    glued = glued[:max_pages]
    engine, texts = reference(glued)
    if not engine:
        likely = [i + 1 for i in glued if _likely_glued(_candidates(pages[i]["text"]))]
        if likely:
            warnings.append(f"words may run together on {page_list(likely)} (pdfium read no space between "
                            "them); install poppler-utils (pdftotext) or pip install 'deckaudit[pdfplumber]' "
                            "to check and repair them")
        return None
    refs = {i: _RefPage(texts[i]) for i in glued if i in texts}
    confirmed = [i for i in glued if i in refs and any(_cuts_run(chunk, refs[i].split(chunk))
                                                       for chunk in _glued_chunks(pages[i]["text"]))]
    if not confirmed:
        return None
    # the exporter drops spaces: every page of the deck is checked, word by word
    rest = [i for i, pg in enumerate(pages) if i not in refs and pg["text"].strip()][:max(0, max_pages - len(refs))]
    if rest:
        more_engine, more = reference(rest)
        if more_engine == engine:
            refs.update((i, _RefPage(more[i])) for i in rest if i in more)
    split_any = False
    for i, ref in refs.items():
        pg = pages[i]
        if i not in triggered:
            rewrite_page(pg, normalise_text)
        mapping = {}
        for token in set(pg["text"].split()):
            cuts = ref.split(token)
            if cuts:
                mapping[token] = _spaced(token, cuts)
        if mapping:
            split_any = True
            rewrite_page(pg, lambda t: _apply(t, mapping))
    return engine if split_any else None
