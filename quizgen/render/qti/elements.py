"""The XML building blocks of a Canvas QTI package: text2qti's stable identifiers, child elements,
HTML material, and the serialised document."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

PREFIX = "quizgen"


def ident(*parts: str) -> str:
    """A stable identifier hash (text2qti's length: 64 hex digits)."""
    return hashlib.blake2b(":".join(parts).encode()).hexdigest()[:64]


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def add_material(parent: ET.Element, html: str, texttype: str = "text/html") -> None:
    material = sub(parent, "material")
    sub(material, "mattext", html, texttype=texttype)


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, "  ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    ).encode()
