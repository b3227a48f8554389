"""suggestion: for each about-us slide, a concrete rewrite hint built from what drove the call."""

from __future__ import annotations

KIND = "suggestion"

# (evidence text contains, hint) — first match wins; the order goes from the most specific picture to words.
HINTS = [
    (("logo", "partner logo"), "replace the logo wall with one customer story in their numbers: their problem, what changed, the result"),
    (("quadrant", "gartner", "forrester", "wave", "marketscape", "analyst"), "analyst positioning is about us: say what that capability changes for this customer, or move it to the appendix"),
    (("award", "recogni", "certif", "badge"), "awards prove little to a buyer: name the risk the certification removes for them"),
    (("company facts", "history", "founded", "offices", "employees", "headcount", "at a glance"), "cut company facts to one line; say what your size or history means for them (e.g. a local team that answers in 4 hours)"),
    (("our team", "team photos", "leadership", "founder"), "introduce people by the customer problem each will work on"),
    (("traction", "funding", "market size", "tam", "raising", "revenue"), "lead with the customer's problem and the results customers got before the numbers that matter to us"),
    (("case study", "success story", "customers include", "trusted by", "proof"), "tell the case as the customer's story: their problem and their numbers first, then our part"),
    (("pricing", "plans", "packages", "licens"), "frame the price against the cost of their problem (e.g. 'less than one week of overtime')"),
    (("product is the subject", "our product and offer", "features", "module", "platform", "architecture", "integrat"), "rewrite features as outcomes with the customer as the subject: what do they do, get or stop doing?"),
]
DEFAULT = "lead with the outcome the customer gets"


def suggest(slide_report, we: int, you: int) -> str:
    evidence = " ".join(e.text.lower() for e in slide_report.verdict.evidence if e.toward == "about-us")
    alt = " ".join(a.lower() for a in slide_report.slide.alt_texts)
    haystack = f"{evidence} {alt}"
    hint = next((h for keys, h in HINTS if any(k in haystack for k in keys)), DEFAULT)
    parts = [f"{we}× 'we/our', {you}× 'you'"]
    title = " ".join(slide_report.slide.title.split())
    if title:
        parts.append(f"headline '{title[:60]}'")
    return f"{'; '.join(parts)} — {hint}"
