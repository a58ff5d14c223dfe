#!/usr/bin/env python3
# Prints the two tables of src/core/char_width.cpp: python3 scripts/char_width_table.py
# Python 3.11's Unicode data is 14.0; what Unicode 15.0 added as East Asian
# Wide or zero width is listed here by hand (CJK Extension H falls in the plane-wide default).
import unicodedata, sys
assert unicodedata.unidata_version == "14.0.0"

def ranges(pred):
    out = []
    start = None
    for cp in range(0x110000):
        if pred(cp):
            if start is None: start = cp
        elif start is not None:
            out.append((start, cp - 1)); start = None
    if start is not None: out.append((start, 0x10FFFF))
    return out

# Unicode 15.0 additions with East_Asian_Width W.
wide15 = [(0x1B132, 0x1B132), (0x1B155, 0x1B155), (0x1F6DC, 0x1F6DC), (0x1FA75, 0x1FA77),
          (0x1FA87, 0x1FA88), (0x1FAAD, 0x1FAAF), (0x1FABB, 0x1FABD), (0x1FABF, 0x1FABF),
          (0x1FACE, 0x1FACF), (0x1FADA, 0x1FADB), (0x1FAE8, 0x1FAE8), (0x1FAF7, 0x1FAF8)]
# Unicode 15.0 additions that are combining marks (Mn) or format controls (Cf).
zero15 = [(0x0ECE, 0x0ECE), (0x10EFD, 0x10EFF), (0x11241, 0x11241), (0x11F00, 0x11F01),
          (0x11F36, 0x11F3A), (0x11F40, 0x11F40), (0x11F42, 0x11F42), (0x13439, 0x13440),
          (0x13447, 0x13455), (0x1E08F, 0x1E08F), (0x1E4EC, 0x1E4EF)]
def in15(cp): return any(a <= cp <= b for a, b in wide15)

def cat_is_unassigned(cp): return unicodedata.category(chr(cp)) == "Cn"

def wide(cp):
    # Unassigned code points in the CJK ideograph planes and blocks default to W.
    if 0x20000 <= cp <= 0x2FFFD or 0x30000 <= cp <= 0x3FFFD: return True
    if 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF: return True
    c = chr(cp)
    if unicodedata.category(c) == "Mn": return False  # combining marks win
    if cat_is_unassigned(cp): return in15(cp)
    return unicodedata.east_asian_width(c) in ("W", "F")

def zero(cp):
    c = chr(cp)
    cat = unicodedata.category(c)
    if cp == 0x00AD: return False  # soft hyphen shows as a hyphen
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF: return True  # Hangul medial vowels, final consonants
    return cat in ("Mn", "Me", "Cf") or cp == 0x200B or any(a <= cp <= b for a, b in zero15)

def emit(name, rs):
    print(f"constexpr Range {name}[] = {{")
    print(", ".join(f"{{0x{a:X}, 0x{b:X}}}" for a, b in rs) + ",")
    print("};")

def merged(rs, dont_care):
    # Joins ranges whose gap holds only code points the lookup never asks about
    # (zero width is looked up first) or that are not assigned (in the wide
    # blocks, what comes to be assigned there is wide too).
    out = [list(rs[0])]
    for a, b in rs[1:]:
        if all(dont_care(cp) for cp in range(out[-1][1] + 1, a)):
            out[-1][1] = b
        else:
            out.append([a, b])
    return [tuple(r) for r in out]

def unassigned(cp): return cat_is_unassigned(cp) and not in15(cp)
emit("zero_width", ranges(zero))
emit("wide", merged(ranges(wide), lambda cp: zero(cp) or unassigned(cp)))
