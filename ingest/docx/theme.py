"""Theme colours (word/theme/theme1.xml) and cell shading (w:shd) resolved to #RRGGBB."""
from __future__ import annotations

from typing import Optional

from lxml import etree

from .styles import W
from ..common import hex_colour, rgb_hex

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# w:themeFill / w:themeColor value -> slot of the theme's a:clrScheme (default colour map).
_THEME_SLOT = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
    "text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
    "accent4": "accent4", "accent5": "accent5", "accent6": "accent6",
    "hyperlink": "hlink", "followedHyperlink": "folHlink",
}


def theme_colours(root: Optional[etree._Element]) -> dict[str, str]:
    """Slot name (dk1, lt1, accent1, ...) -> #RRGGBB from a theme part."""
    colours: dict[str, str] = {}
    if root is None:
        return colours
    scheme = root.find(f".//{A}clrScheme")
    if scheme is None:
        return colours
    for slot in scheme:
        if not isinstance(slot.tag, str):
            continue
        name = etree.QName(slot).localname
        for colour in slot:
            tag = etree.QName(colour).localname if isinstance(colour.tag, str) else ""
            value = colour.get("val") if tag == "srgbClr" else colour.get("lastClr") if tag == "sysClr" else None
            hex_value = hex_colour(value)
            if hex_value:
                colours[name] = hex_value
                break
    return colours


class ShadingResolver:
    """Turns a w:shd element into the colour a reader sees, or None for no fill."""

    def __init__(self, theme: dict[str, str]):
        self._theme = theme

    def fill(self, shd: Optional[etree._Element]) -> Optional[str]:
        if shd is None:
            return None
        pattern = (shd.get(W + "val") or "clear").lower()
        if pattern == "nil":
            return None
        if pattern == "solid":  # a solid pattern paints the pattern colour over the fill
            colour = self._colour(shd.get(W + "color"), shd.get(W + "themeColor"),
                                  shd.get(W + "themeTint"), shd.get(W + "themeShade"))
            if colour:
                return colour
        return self._colour(shd.get(W + "fill"), shd.get(W + "themeFill"),
                            shd.get(W + "themeFillTint"), shd.get(W + "themeFillShade"))

    def _colour(self, value: Optional[str], theme_name: Optional[str],
                tint: Optional[str], shade: Optional[str]) -> Optional[str]:
        direct = hex_colour(value) if value and value.lower() != "auto" else None
        base = self._theme.get(_THEME_SLOT.get(theme_name or "", ""))
        if base is None:
            return direct
        if (tint or shade) and direct:
            return direct  # Word writes its own tinted result alongside the theme reference
        return _tint_shade(base, tint, shade)


def _tint_shade(base: str, tint: Optional[str], shade: Optional[str]) -> str:
    r, g, b = (int(base[i:i + 2], 16) for i in (1, 3, 5))
    t = _byte_fraction(tint)
    if t is not None:
        r, g, b = (255 - (255 - v) * t for v in (r, g, b))
    s = _byte_fraction(shade)
    if s is not None:
        r, g, b = (v * s for v in (r, g, b))
    return rgb_hex(r, g, b)


def _byte_fraction(value: Optional[str]) -> Optional[float]:
    try:
        return int(value, 16) / 255 if value else None
    except ValueError:
        return None
