"""A correct ToUnicode map for characters beyond U+FFFF (emoji, mathematical letters).

reportlab's ``makeToUnicodeCMap`` writes each character's code point as ``<%04X>``: a character
above U+FFFF becomes five or six hex digits, which is not a valid PDF string, so text extraction,
search, copy and screen readers lose it although it prints. A ToUnicode map holds UTF-16BE, so such
a character must be written as its surrogate pair (U+1F600 → ``<D83DDE00>``). For every character
up to U+FFFF the output is byte for byte what reportlab writes, so reproducible PDFs stay the same.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with each character written as UTF-16BE."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def _utf16(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def install() -> None:
    """Make reportlab's TrueType subsets use :func:`to_unicode_cmap` (idempotent)."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
