"""OOXML Markup Compatibility (ECMA-376 part 3): resolve ``mc:AlternateContent`` the way an application does.

An ``mc:AlternateContent`` holds one or more ``mc:Choice`` elements, each naming in ``Requires`` the namespace
prefixes it needs, and an optional ``mc:Fallback``. A consumer takes the first Choice whose required namespaces
it understands, else the Fallback, else nothing (part 3, 10.2). Reading every branch doubles the text (an
equation and its picture's fallback text, a new chart type and its "not available in your version" box);
reading only the first Choice loses text when it needs something the reader cannot read. Resolving in the
parsed tree, before any walker sees it, covers every place the wrapper appears: shapes, group members,
graphic frames, runs inside paragraphs, chart parts, notes, layouts.
"""

from __future__ import annotations

from collections.abc import Callable

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ALTERNATE = f"{{{MC_NS}}}AlternateContent"
CHOICE = f"{{{MC_NS}}}Choice"
FALLBACK = f"{{{MC_NS}}}Fallback"
MARK = b"AlternateContent"  # a part without these bytes has nothing to resolve


def resolve(root, understands: Callable[[str], bool]) -> int:
    """Replace every mc:AlternateContent under root (root itself excluded) by the children of the branch a
    consumer that understands the namespace URIs for which ``understands(uri)`` is true would take.
    Returns how many wrappers were resolved. Nested wrappers inside the taken branch are resolved too."""
    wrappers = list(root.iter(ALTERNATE))
    for ac in wrappers:
        parent = ac.getparent()
        if parent is None:  # inside a branch that an outer wrapper discarded
            continue
        branch = choose(ac, understands)
        kept = list(branch) if branch is not None else []
        index = parent.index(ac)
        parent[index:index + 1] = kept
    return len(wrappers)


def choose(ac, understands: Callable[[str], bool]):
    """The mc:Choice or mc:Fallback element to use, or None when neither applies."""
    for child in ac:
        if child.tag == CHOICE:
            required = (child.get("Requires") or "").split()
            nsmap = child.nsmap
            if all(prefix in nsmap and understands(nsmap[prefix]) for prefix in required):
                return child
        elif child.tag == FALLBACK:
            return child
    return None
