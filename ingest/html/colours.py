"""CSS colour values (named, #rgb, #rrggbb, rgb()/rgba()) as #RRGGBB."""
from __future__ import annotations

import re
from typing import Optional

from ..common import hex_colour, rgb_hex

# The named colours of CSS Color Module Level 4.
NAMED_COLOURS: dict[str, str] = {
    "aliceblue": "#F0F8FF", "antiquewhite": "#FAEBD7", "aqua": "#00FFFF", "aquamarine": "#7FFFD4",
    "azure": "#F0FFFF", "beige": "#F5F5DC", "bisque": "#FFE4C4", "black": "#000000",
    "blanchedalmond": "#FFEBCD", "blue": "#0000FF", "blueviolet": "#8A2BE2", "brown": "#A52A2A",
    "burlywood": "#DEB887", "cadetblue": "#5F9EA0", "chartreuse": "#7FFF00", "chocolate": "#D2691E",
    "coral": "#FF7F50", "cornflowerblue": "#6495ED", "cornsilk": "#FFF8DC", "crimson": "#DC143C",
    "cyan": "#00FFFF", "darkblue": "#00008B", "darkcyan": "#008B8B", "darkgoldenrod": "#B8860B",
    "darkgray": "#A9A9A9", "darkgreen": "#006400", "darkgrey": "#A9A9A9", "darkkhaki": "#BDB76B",
    "darkmagenta": "#8B008B", "darkolivegreen": "#556B2F", "darkorange": "#FF8C00",
    "darkorchid": "#9932CC", "darkred": "#8B0000", "darksalmon": "#E9967A",
    "darkseagreen": "#8FBC8F", "darkslateblue": "#483D8B", "darkslategray": "#2F4F4F",
    "darkslategrey": "#2F4F4F", "darkturquoise": "#00CED1", "darkviolet": "#9400D3",
    "deeppink": "#FF1493", "deepskyblue": "#00BFFF", "dimgray": "#696969", "dimgrey": "#696969",
    "dodgerblue": "#1E90FF", "firebrick": "#B22222", "floralwhite": "#FFFAF0",
    "forestgreen": "#228B22", "fuchsia": "#FF00FF", "gainsboro": "#DCDCDC", "ghostwhite": "#F8F8FF",
    "gold": "#FFD700", "goldenrod": "#DAA520", "gray": "#808080", "green": "#008000",
    "greenyellow": "#ADFF2F", "grey": "#808080", "honeydew": "#F0FFF0", "hotpink": "#FF69B4",
    "indianred": "#CD5C5C", "indigo": "#4B0082", "ivory": "#FFFFF0", "khaki": "#F0E68C",
    "lavender": "#E6E6FA", "lavenderblush": "#FFF0F5", "lawngreen": "#7CFC00",
    "lemonchiffon": "#FFFACD", "lightblue": "#ADD8E6", "lightcoral": "#F08080",
    "lightcyan": "#E0FFFF", "lightgoldenrodyellow": "#FAFAD2", "lightgray": "#D3D3D3",
    "lightgreen": "#90EE90", "lightgrey": "#D3D3D3", "lightpink": "#FFB6C1",
    "lightsalmon": "#FFA07A", "lightseagreen": "#20B2AA", "lightskyblue": "#87CEFA",
    "lightslategray": "#778899", "lightslategrey": "#778899", "lightsteelblue": "#B0C4DE",
    "lightyellow": "#FFFFE0", "lime": "#00FF00", "limegreen": "#32CD32", "linen": "#FAF0E6",
    "magenta": "#FF00FF", "maroon": "#800000", "mediumaquamarine": "#66CDAA",
    "mediumblue": "#0000CD", "mediumorchid": "#BA55D3", "mediumpurple": "#9370DB",
    "mediumseagreen": "#3CB371", "mediumslateblue": "#7B68EE", "mediumspringgreen": "#00FA9A",
    "mediumturquoise": "#48D1CC", "mediumvioletred": "#C71585", "midnightblue": "#191970",
    "mintcream": "#F5FFFA", "mistyrose": "#FFE4E1", "moccasin": "#FFE4B5", "navajowhite": "#FFDEAD",
    "navy": "#000080", "oldlace": "#FDF5E6", "olive": "#808000", "olivedrab": "#6B8E23",
    "orange": "#FFA500", "orangered": "#FF4500", "orchid": "#DA70D6", "palegoldenrod": "#EEE8AA",
    "palegreen": "#98FB98", "paleturquoise": "#AFEEEE", "palevioletred": "#DB7093",
    "papayawhip": "#FFEFD5", "peachpuff": "#FFDAB9", "peru": "#CD853F", "pink": "#FFC0CB",
    "plum": "#DDA0DD", "powderblue": "#B0E0E6", "purple": "#800080", "rebeccapurple": "#663399",
    "red": "#FF0000", "rosybrown": "#BC8F8F", "royalblue": "#4169E1", "saddlebrown": "#8B4513",
    "salmon": "#FA8072", "sandybrown": "#F4A460", "seagreen": "#2E8B57", "seashell": "#FFF5EE",
    "sienna": "#A0522D", "silver": "#C0C0C0", "skyblue": "#87CEEB", "slateblue": "#6A5ACD",
    "slategray": "#708090", "slategrey": "#708090", "snow": "#FFFAFA", "springgreen": "#00FF7F",
    "steelblue": "#4682B4", "tan": "#D2B48C", "teal": "#008080", "thistle": "#D8BFD8",
    "tomato": "#FF6347", "turquoise": "#40E0D0", "violet": "#EE82EE", "wheat": "#F5DEB3",
    "white": "#FFFFFF", "whitesmoke": "#F5F5F5", "yellow": "#FFFF00", "yellowgreen": "#9ACD32",
}
# Values that mean "no background of its own".
NO_COLOUR = frozenset({"transparent", "inherit", "initial", "unset", "none", "auto", "currentcolor",
                       "windowtext", "window", "revert"})
_RGB = re.compile(r"^rgba?\(\s*([^)]*)\)$", re.I)


def parse_colour(value: Optional[str]) -> Optional[str]:
    """#RRGGBB for a CSS colour value, None for no colour or a value not understood."""
    if not value:
        return None
    value = value.strip().lower().rstrip(";").strip()
    if value.startswith("!"):
        return None
    value = value.replace("!important", "").strip()
    if value in NO_COLOUR:
        return None
    if value in NAMED_COLOURS:
        return NAMED_COLOURS[value]
    if value.startswith("#"):
        if len(value) == 9:  # #rrggbbaa
            return None if value[7:] == "00" else hex_colour(value[:7])
        if len(value) == 5:  # #rgba
            return None if value[4] == "0" else hex_colour(value[:4])
        return hex_colour(value)
    m = _RGB.match(value)
    if m:
        return _rgb(m.group(1))
    if re.fullmatch(r"[0-9a-f]{6}", value):  # bgcolor="ff0000" without the "#"
        return hex_colour(value)
    return None


def first_colour(value: Optional[str]) -> Optional[str]:
    """The colour inside a ``background`` shorthand ("url(x) #fff no-repeat", "rgb(1, 2, 3)")."""
    if not value:
        return None
    for token in re.findall(r"rgba?\([^)]*\)|#[0-9a-fA-F]{3,8}\b|[a-zA-Z]+", value):
        colour = parse_colour(token)
        if colour:
            return colour
    return None


def _rgb(args: str) -> Optional[str]:
    parts = [p for p in re.split(r"[\s,/]+", args.strip()) if p]
    if len(parts) < 3:
        return None
    if len(parts) >= 4 and _channel(parts[3], 1.0) == 0:
        return None  # fully transparent
    channels = [_channel(p, 255.0) for p in parts[:3]]
    if any(c is None for c in channels):
        return None
    return rgb_hex(*channels)


def _channel(token: str, scale: float) -> Optional[float]:
    try:
        if token.endswith("%"):
            return float(token[:-1]) / 100 * scale
        return float(token)
    except ValueError:
        return None
