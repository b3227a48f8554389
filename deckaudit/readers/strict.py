"""Strict OOXML (ISO 29500 strict, purl.oclc.org namespaces) mapped onto the transitional namespaces.

A transitional-only walker silently finds 0 slides in a Strict file, which then looks empty or like a
scan. Rewriting the namespace URIs before parsing lets one walker read both.
"""

from __future__ import annotations

STRICT_TO_TRANSITIONAL = {
    b"http://purl.oclc.org/ooxml/presentationml/main": b"http://schemas.openxmlformats.org/presentationml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/chart": b"http://schemas.openxmlformats.org/drawingml/2006/chart",
    b"http://purl.oclc.org/ooxml/drawingml/diagram": b"http://schemas.openxmlformats.org/drawingml/2006/diagram",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/picture": b"http://schemas.openxmlformats.org/drawingml/2006/picture",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
}
STRICT_MARK = b"http://purl.oclc.org/ooxml/"


def is_strict(data: bytes) -> bool:
    return STRICT_MARK in data


def to_transitional(data: bytes) -> bytes:
    if STRICT_MARK not in data:
        return data
    for strict, trans in STRICT_TO_TRANSITIONAL.items():
        data = data.replace(strict, trans)
    return data


def rel_type(t: str) -> str:
    """The last path segment of a relationship type, the same for strict and transitional."""
    return t.rsplit("/", 1)[-1]
