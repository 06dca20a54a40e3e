"""Spreadsheet colours to #RRGGBB: ARGB values, the indexed palette, and theme colours with their tint
(resolved from the workbook's theme part, ``xl/theme/theme1.xml``)."""
from __future__ import annotations

import colorsys
import math
from typing import Optional

from lxml import etree

from ..common import hex_colour, rgb_hex
from ..docx.theme import theme_colours

# Excel numbers the theme's colour slots with the first two pairs swapped (light before dark).
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def workbook_theme(theme_xml: Optional[bytes]) -> list[Optional[str]]:
    """The theme's colours in Excel's index order (None where the theme leaves a slot out)."""
    if not theme_xml:
        return [None] * len(_THEME_ORDER)
    try:
        root = etree.fromstring(theme_xml, parser=_SAFE)
    except etree.XMLSyntaxError:
        return [None] * len(_THEME_ORDER)
    slots = theme_colours(root)
    return [slots.get(name) for name in _THEME_ORDER]


def apply_tint(base: str, tint: float) -> str:
    """Excel's tint: a fraction towards white (positive) or black (negative) of the HLS lightness,
    on Excel's 0-255 lightness scale (so "Olive Green, Accent 3, Darker 25%" is #76923C as Excel shows)."""
    if not tint:
        return base
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    lum = round(light * 255)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + 255 * tint
    r, g, b = colorsys.hls_to_rgb(h, max(0, min(255, math.floor(lum))) / 255, s)
    return rgb_hex(r * 255, g * 255, b * 255)


class ColourResolver:
    """An openpyxl Color (rgb, indexed or theme with tint) to #RRGGBB, or None (automatic / unset)."""

    def __init__(self, theme: list[Optional[str]], palette: Optional[list[str]] = None):
        from openpyxl.styles.colors import COLOR_INDEX

        self._theme = theme
        self._palette = list(palette) if palette else list(COLOR_INDEX)

    def colour(self, color) -> Optional[str]:
        if color is None:
            return None
        kind = getattr(color, "type", None)
        tint = float(getattr(color, "tint", 0) or 0)
        base: Optional[str] = None
        if kind == "rgb":
            value = color.rgb
            if isinstance(value, str) and len(value) == 8:
                value = value[2:]  # ARGB: Excel draws a fill whatever its alpha byte says
            base = hex_colour(value) if isinstance(value, str) else None
        elif kind == "indexed":
            idx = color.indexed
            if isinstance(idx, int) and 0 <= idx < len(self._palette) and idx < 64:
                value = self._palette[idx]
                base = hex_colour(value[-6:]) if isinstance(value, str) else None
        elif kind == "theme":
            idx = color.theme
            if isinstance(idx, int) and 0 <= idx < len(self._theme):
                base = self._theme[idx]
        if base is None:
            return None
        return apply_tint(base, tint) if tint else base
