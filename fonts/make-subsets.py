#!/usr/bin/env python3
"""Build the bundled font subsets in this folder.

Two kinds of faces, four of each (Serif and Sans, Regular and Bold):

* CJK faces: the Korean faces (collection index 1) of Debian's
  ``fonts-noto-cjk``, subset with ``pyftsubset``:

    NotoSerifCJK-Regular.ttc -> NotoSerifCJKkr-Regular-subset.otf
    NotoSerifCJK-Bold.ttc    -> NotoSerifCJKkr-Bold-subset.otf
    NotoSansCJK-Regular.ttc  -> NotoSansCJKkr-Regular-subset.otf
    NotoSansCJK-Bold.ttc     -> NotoSansCJKkr-Bold-subset.otf

  Every face gets ``unicodes.txt`` (Latin, punctuation and symbols, all
  Hangul syllables and jamo, kana, and the legacy CJK character sets);
  the Regular faces also get ``unicodes-han.txt``, every Han character of
  CJK Unified Ideographs and Extension A. A rare Han character in a bold
  run is set from the Regular face of its family (the font book's
  fallback), which keeps the Bold faces 7 MB smaller each.

* Supplements: what the CJK face of the same family and weight lacks of
  that repertoire (Latin Extended-A such as Ł ś Ž, the Latin, modifier,
  sub/superscript and fraction characters of KS X 1001), from Noto Serif
  or Noto Sans of Debian's ``fonts-noto-core``, plus the few symbols of the
  legacy character sets that neither has (∼ ≒ from Noto Sans Math, ◈ from
  Noto Sans Symbols2), merged into one small TrueType face:

    NotoSerif-Regular.ttf -> NotoSerifKIC-Supplement-Regular.ttf
    NotoSerif-Bold.ttf    -> NotoSerifKIC-Supplement-Bold.ttf
    NotoSans-Regular.ttf  -> NotoSansKIC-Supplement-Regular.ttf
    NotoSans-Bold.ttf     -> NotoSansKIC-Supplement-Bold.ttf

Expected inputs: Debian packages fonts-noto-cjk 1:20220127+repack1-1
(Noto Serif CJK 2.001, Noto Sans CJK 2.004) and fonts-noto-core 20201225-1
(Noto Serif/Sans 2.004, Noto Sans Math 2.001, Noto Sans Symbols2 2.003),
subset with fontTools 4.68.0. Other versions still work but will give
different bytes; the script warns.

The output is deterministic (``--no-recalc-timestamp`` keeps the source
fonts' head.modified, and the script runs with PYTHONHASHSEED=0, without
which fontTools' layout tables vary from run to run): running it twice
gives identical files.

Usage:
    python3 fonts/make-subsets.py                       # Debian paths
    python3 fonts/make-subsets.py --src-dir DIR --core-dir DIR
    python3 fonts/make-subsets.py --text some.md ...    # add + check chars
    python3 fonts/make-subsets.py --check-only --text some.md
    python3 fonts/make-subsets.py --bold-han            # measure: Han in Bold too

``--text FILE`` adds every character of FILE (control characters excepted)
to the repertoire and, after building, checks that every character of FILE
other than controls and white space is in each CJK face's cmap.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import unicodedata

EXPECTED_DEBIAN_VERSION = "1:20220127+repack1-1"
EXPECTED_CORE_VERSION = "20201225-1"
EXPECTED_FONTTOOLS_VERSION = "4.68.0"
DEFAULT_SRC_DIR = "/usr/share/fonts/opentype/noto"
DEFAULT_CORE_DIR = "/usr/share/fonts/truetype/noto"
FONT_NUMBER = 1  # TTC faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (Sans: 5-9 Mono)

# (source .ttc, output .otf, sha256 of the source from the Debian package,
#  whether the face gets every Han character)
FACES = [
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKkr-Regular-subset.otf",
     "a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481", True),
    ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKkr-Bold-subset.otf",
     "a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac", False),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKkr-Regular-subset.otf",
     "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a", True),
    ("NotoSansCJK-Bold.ttc", "NotoSansCJKkr-Bold-subset.otf",
     "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb", False),
]

# (Latin source in fonts-noto-core, its sha256, output, the CJK face whose
#  gaps it fills, family name of the output)
SUPPLEMENTS = [
    ("NotoSerif-Regular.ttf",
     "9d7583b7dc9e812afd32a14280c5cac3160012efe50c8d08938f4fea266ff67f",
     "NotoSerifKIC-Supplement-Regular.ttf", "NotoSerifCJKkr-Regular-subset.otf",
     "Noto Serif KIC Supplement", "Regular"),
    ("NotoSerif-Bold.ttf",
     "0af0ff2be8f84910fb21ec5fe1b6b7395e3073250502a334baf6ca2f860c88fe",
     "NotoSerifKIC-Supplement-Bold.ttf", "NotoSerifCJKkr-Bold-subset.otf",
     "Noto Serif KIC Supplement", "Bold"),
    ("NotoSans-Regular.ttf",
     "89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d",
     "NotoSansKIC-Supplement-Regular.ttf", "NotoSansCJKkr-Regular-subset.otf",
     "Noto Sans KIC Supplement", "Regular"),
    ("NotoSans-Bold.ttf",
     "e83493c945848ecd4a9ad0f6d19164541a0d3e23a9c952304a00a46e00272ac5",
     "NotoSansKIC-Supplement-Bold.ttf", "NotoSansCJKkr-Bold-subset.otf",
     "Noto Sans KIC Supplement", "Bold"),
]

# Symbols of the legacy character sets that neither Noto CJK nor Noto
# Serif/Sans draw, taken from these (in order; Regular weight only).
SYMBOL_SOURCES = [
    ("NotoSansMath-Regular.ttf",
     "8242bd1e55368b27e32455260754cf9aa58f3ad7ea80664b66c21f1b09910d6c"),
    ("NotoSansSymbols2-Regular.ttf",
     "876598db5f1e3bef2bc77c4d94c5b0d5d2c1620be4878a06f18fb5434e331688"),
]

# The families: the faces a character of a serif (sans) run may be set from
# without leaving the family. Used for the coverage report.
FAMILIES = [
    ("serif", ["NotoSerifCJKkr-Regular-subset.otf", "NotoSerifCJKkr-Bold-subset.otf",
               "NotoSerifKIC-Supplement-Regular.ttf", "NotoSerifKIC-Supplement-Bold.ttf"]),
    ("sans", ["NotoSansCJKkr-Regular-subset.otf", "NotoSansCJKkr-Bold-subset.otf",
              "NotoSansKIC-Supplement-Regular.ttf", "NotoSansKIC-Supplement-Bold.ttf"]),
]

LAYOUT_SCRIPTS = ",".join([
    "DFLT.dflt",
    "hang.dflt", "hang.KOR",
    "hani.dflt", "hani.KOR",
    "latn.dflt", "latn.KOR",
    "kana.dflt", "kana.KOR",
    "grek.dflt", "grek.KOR",
    "cyrl.dflt", "cyrl.KOR",
])

# The ideographic em box of Noto CJK (OS/2 typo ascender/descender): the
# supplements get it too, so a line with a supplement glyph keeps the
# baseline of a line without (the font book centres this box in the line).
CJK_TYPO_ASCENDER, CJK_TYPO_DESCENDER = 880, -120

# Unicode blocks kept whole in every face (code points a face lacks are
# simply skipped).
BLOCKS = [
    (0x0020, 0x017F, "Basic Latin (printable), Latin-1, Latin Extended-A"),
    (0x1100, 0x11FF, "Hangul Jamo (conjoining)"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x20CF, "Superscripts and Subscripts, Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2300, 0x23FF, "Miscellaneous Technical"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x2500, 0x25FF, "Box Drawing, Block Elements, Geometric Shapes"),
    (0x2600, 0x26FF, "Miscellaneous Symbols"),
    (0x2700, 0x27BF, "Dingbats"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3040, 0x30FF, "Hiragana, Katakana"),
    (0x3130, 0x318F, "Hangul Compatibility Jamo"),
    (0x31F0, 0x31FF, "Katakana Phonetic Extensions"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months"),
    (0x3300, 0x33FF, "CJK Compatibility"),
    (0xA960, 0xA97F, "Hangul Jamo Extended-A"),
    (0xAC00, 0xD7A3, "Hangul Syllables (all 11,172)"),
    (0xD7B0, 0xD7FF, "Hangul Jamo Extended-B"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]

# Only the Regular faces: every Han character of these blocks.
HAN_BLOCKS = [
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
]


# What each family must cover (tests/fonts.rs asserts the same): these
# blocks' assigned code points and the KS X 1001 symbols.
REQUIRED = [
    (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xD7B0, 0xD7FF),
    (0xAC00, 0xD7A3),  # Hangul jamo and syllables
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF),  # Han
    (0x3040, 0x30FF), (0x31F0, 0x31FF),  # kana
]


def _decode_dbcs(codec, code):
    try:
        s = bytes([code >> 8, code & 0xFF]).decode(codec)
    except UnicodeDecodeError:
        return None
    return ord(s) if len(s) == 1 else None


def _charset(codec, lo, hi, trails):
    """Every 2-byte code in [lo, hi] (with the given trail bytes) that decodes
    to exactly one character."""
    out = set()
    for lead in range(lo >> 8, (hi >> 8) + 1):
        for trail in trails:
            code = lead << 8 | trail
            if lo <= code <= hi:
                cp = _decode_dbcs(codec, code)
                if cp is not None:
                    out.add(cp)
    return out


EUC_TRAILS = range(0xA1, 0xFF)
BIG5_TRAILS = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))


def is_han(cp):
    name = unicodedata.name(chr(cp), "")
    return name.startswith("CJK UNIFIED IDEOGRAPH") or name.startswith(
        "CJK COMPATIBILITY IDEOGRAPH")


def is_assigned(cp):
    return unicodedata.category(chr(cp)) != "Cn"


def legacy_charsets():
    """Whole repertoires of the legacy CJK 2-byte charsets, as decoded by
    Python's codecs (so the result depends only on Python's mapping tables)."""
    return [
        # KS X 1001 (EUC-KR rows 0xA1-0xFE): symbols, Greek, Cyrillic, kana,
        # 2,350 Hangul, 4,888 Hanja (268 of them compatibility ideographs).
        ("KS X 1001", _charset("euc_kr", 0xA1A1, 0xFEFE, EUC_TRAILS)),
        # GB 2312: symbols, pinyin, Greek, Cyrillic, kana, bopomofo, 6,763 hanzi.
        ("GB 2312", _charset("gb2312", 0xA1A1, 0xFEFE, EUC_TRAILS)),
        # Big5 symbols A140-A3BF and level 1 (frequent hanzi) A440-C67E.
        ("Big5 symbols", _charset("big5", 0xA140, 0xA3BF, BIG5_TRAILS)),
        ("Big5 level 1", _charset("big5", 0xA440, 0xC67E, BIG5_TRAILS)),
    ]


def ksx1001_symbols():
    """KS X 1001 less its Hangul syllables and Hanja: the punctuation,
    symbols, jamo, Latin, Greek, Cyrillic and kana a Korean text may hold."""
    chars = _charset("euc_kr", 0xA1A1, 0xFEFE, EUC_TRAILS)
    return sorted(c for c in chars if not is_han(c) and not 0xAC00 <= c <= 0xD7A3)


def text_chars(path):
    with open(path, encoding="utf-8") as f:
        return {ord(ch) for ch in f.read() if unicodedata.category(ch) != "Cc"}


def repertoire(text_files):
    """The code points every face is asked for (unicodes.txt), with the
    lines that describe where they come from."""
    cps = set()
    stats = []
    for lo, hi, name in BLOCKS:
        cps.update(range(lo, hi + 1))
        stats.append(("U+%04X-%04X %s" % (lo, hi, name), hi - lo + 1, None))
    for name, chars in legacy_charsets():
        hans = sum(1 for c in chars if is_han(c))
        stats.append(("%s (%d chars, %d Han)" % (name, len(chars), hans),
                      len(chars), len(chars - cps)))
        cps |= chars
    for path in text_files:
        chars = text_chars(path)
        stats.append(("text %s (%d chars)" % (os.path.basename(path), len(chars)),
                      len(chars), len(chars - cps)))
        cps |= chars
    return cps, stats


def han_repertoire():
    cps = set()
    for lo, hi, _ in HAN_BLOCKS:
        cps.update(range(lo, hi + 1))
    return cps


def write_unicodes(path, cps, stats):
    lines = [
        "# Repertoire of every bundled font subset; generated by make-subsets.py,",
        "# do not edit. One code point per line; pyftsubset ignores '#' comments.",
        "#",
    ]
    for label, total, new in stats:
        if label.startswith("text ") and not new:
            continue  # keep the file independent of --text when it adds nothing
        if new is None:
            lines.append("#   %s" % label)
        else:
            lines.append("#   %s: %d new" % (label, new))
    lines.append("# Total: %d code points." % len(cps))
    for cp in sorted(cps):
        ch = chr(cp)
        if unicodedata.category(ch)[0] in "LNPS":
            lines.append("U+%04X  # %s" % (cp, ch))
        else:
            lines.append("U+%04X" % cp)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_han_unicodes(path):
    lines = [
        "# The Regular CJK faces' Han repertoire, besides unicodes.txt; generated",
        "# by make-subsets.py, do not edit. Ranges; code points a face lacks are",
        "# skipped.",
    ]
    for lo, hi, name in HAN_BLOCKS:
        lines.append("U+%04X-%04X  # %s" % (lo, hi, name))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_ksx1001(path):
    """The KS X 1001 characters other than Hangul syllables and Hanja, for
    tests/fonts.rs: every one must be in a bundled face of each family."""
    cps = ksx1001_symbols()
    lines = [
        "# KS X 1001 less its 2,350 Hangul syllables and 4,888 Hanja: %d" % len(cps),
        "# punctuation marks, symbols, jamo, Latin, Greek, Cyrillic and kana",
        "# (Python's euc_kr codec, rows A1-FE). Generated by make-subsets.py;",
        "# read by tests/fonts.rs.",
    ]
    for cp in cps:
        lines.append("U+%04X  # %s" % (cp, chr(cp)))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _dpkg_version(package):
    try:
        return subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def check_environment(src_dir, core_dir):
    import fontTools

    if fontTools.version != EXPECTED_FONTTOOLS_VERSION:
        print("warning: fontTools %s, output was made with %s; bytes will differ"
              % (fontTools.version, EXPECTED_FONTTOOLS_VERSION), file=sys.stderr)
    for package, want in [("fonts-noto-cjk", EXPECTED_DEBIAN_VERSION),
                          ("fonts-noto-core", EXPECTED_CORE_VERSION)]:
        ver = _dpkg_version(package)
        if ver and ver != want:
            print("warning: %s %s installed, expected %s" % (package, ver, want),
                  file=sys.stderr)
    sources = [(src_dir, src, want) for src, _, want, _ in FACES]
    sources += [(core_dir, src, want) for src, want, *_ in SUPPLEMENTS]
    sources += [(core_dir, src, want) for src, want in SYMBOL_SOURCES]
    for folder, src, want in sources:
        got = sha256(os.path.join(folder, src))
        if got != want:
            print("warning: %s sha256 %s, expected %s" % (src, got, want),
                  file=sys.stderr)


def pyftsubset(args):
    cmd = [sys.executable, "-m", "fontTools.subset"] + args
    print("+ pyftsubset " + " ".join(args), flush=True)
    subprocess.run(cmd, check=True)


def subset_cjk(src, unicodes_files, out):
    pyftsubset([
        src,
        "--font-number=%d" % FONT_NUMBER,
        *["--unicodes-file=%s" % u for u in unicodes_files],
        "--layout-scripts=%s" % LAYOUT_SCRIPTS,
        "--layout-features=*",
        "--name-IDs=*",
        "--name-languages=*",
        "--notdef-outline",
        "--no-recalc-timestamp",
        "--output-file=%s" % out,
    ])


def add_format12(path):
    """Gives the subset at `path` a format 12 cmap (3,10) beside its format 4
    ones, as the source fonts have. pyftsubset drops it when every code
    point is in the BMP, but ttf-parser (rustybuzz's parser, as of 0.25)
    reads the glyphIdArray of format 4 as signed: a character whose glyph
    ID is 32,768 or more through that array is missing for it (海 and 230
    other Han in the Regular faces). Format 12 has no such array; ttf-parser
    asks the next subtable when format 4 says "missing". Only fonts with
    more than 32,768 glyphs need it; only the cmap table is rewritten, the
    others are copied as they are."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = TTFont(path, recalcTimestamp=False)
    cmap = font["cmap"]
    if font["maxp"].numGlyphs <= 0x8000 or any(t.format == 12 for t in cmap.tables):
        return  # no glyph ID the bug could hit, or done already
    sub = CmapSubtable.newSubtable(12)
    sub.platformID, sub.platEncID, sub.language = 3, 10, 0
    sub.cmap = dict(font.getBestCmap())
    cmap.tables.append(sub)
    cmap.tables.sort(key=lambda t: (t.platformID, t.platEncID, t.language))
    tmp = path + ".tmp"
    font.save(tmp)
    os.replace(tmp, path)


def cmap_of(path):
    from fontTools.ttLib import TTFont

    return TTFont(path, lazy=True).getBestCmap()


def make_supplement(core_dir, latin_src, cjk_path, cps, out, family, style, tmp):
    """What the CJK face at `cjk_path` lacks of `cps`: from `latin_src`,
    then the legacy charsets' remaining symbols from SYMBOL_SOURCES, merged
    into one face named `family`."""
    from fontTools import merge
    from fontTools.ttLib import TTFont

    have = set(cmap_of(cjk_path))
    gaps = sorted(c for c in cps if c not in have and is_assigned(c))
    parts = []
    latin = os.path.join(core_dir, latin_src)
    latin_cmap = cmap_of(latin)
    take = [c for c in gaps if c in latin_cmap]
    have |= set(take)
    legacy = set().union(*(chars for _, chars in legacy_charsets()))
    for i, (src, want) in enumerate([(latin_src, None)] + SYMBOL_SOURCES):
        path = os.path.join(core_dir, src)
        if i > 0:
            cmap = cmap_of(path)
            take = [c for c in gaps if c in legacy and c not in have and c in cmap]
            have |= set(take)
        if not take:
            continue
        part = os.path.join(tmp, "%d-%s" % (i, os.path.basename(out)))
        pyftsubset([
            path,
            "--unicodes=%s" % ",".join("U+%04X" % c for c in take),
            "--layout-features=*",
            "--no-hinting",
            "--drop-tables+=DSIG,MATH",
            "--name-IDs=0,1,2,3,4,5,6,13,14",
            "--notdef-outline",
            "--no-recalc-timestamp",
            "--output-file=%s" % part,
        ])
        parts.append(part)
    notices = []  # every source's copyright notice (nameID 0), in order
    for part in parts:
        notice = TTFont(part)["name"].getDebugName(0)
        if notice and notice not in notices:
            notices.append(notice)
    font = merge.Merger().merge(parts) if len(parts) > 1 else TTFont(parts[0])
    # Same em box as the CJK faces (see CJK_TYPO_ASCENDER).
    os2 = font["OS/2"]
    os2.sTypoAscender, os2.sTypoDescender = CJK_TYPO_ASCENDER, CJK_TYPO_DESCENDER
    # A Modified Version: its own names (Noto has no Reserved Font Name).
    ps = family.replace(" ", "").replace("KICSupplement", "KIC-Supplement")
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (0, 1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=rec.nameID)
    names.setName(" ".join(notices), 0, 3, 1, 0x409)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(style, 2, 3, 1, 0x409)
    names.setName("%s-%s; kicweekly subset" % (ps, style), 3, 3, 1, 0x409)
    names.setName("%s %s" % (family, style), 4, 3, 1, 0x409)
    names.setName("%s-%s" % (ps.replace("-", ""), style), 6, 3, 1, 0x409)
    font["head"].created = TTFont(latin)["head"].created
    font["head"].modified = TTFont(latin)["head"].modified
    font.recalcTimestamp = False
    font.save(out)


def check_coverage(out_dir, cps, text_files):
    ok = True
    for _, out, _, _ in FACES:
        path = os.path.join(out_dir, out)
        cmap = cmap_of(path)
        absent = sorted(cp for cp in cps if cp not in cmap)
        print("%s: %d bytes, sha256 %s" % (out, os.path.getsize(path), sha256(path)))
        print("  cmap %d code points; %d of unicodes.txt not in the face"
              % (len(cmap), len(absent)))
        for t in text_files:
            with open(t, encoding="utf-8") as f:
                need = {ord(ch) for ch in f.read()
                        if unicodedata.category(ch) != "Cc" and not ch.isspace()}
            missing = sorted(cp for cp in need if cp not in cmap)
            if missing:
                ok = False
                print("  %s: MISSING %d: %s" % (t, len(missing), " ".join(
                    "U+%04X(%s)" % (cp, chr(cp)) for cp in missing)))
            else:
                print("  %s: all %d characters covered" % (t, len(need)))
    for _, _, out, _, _, _ in SUPPLEMENTS:
        path = os.path.join(out_dir, out)
        cmap = cmap_of(path)
        print("%s: %d bytes, sha256 %s; cmap %d code points" % (
            out, os.path.getsize(path), sha256(path), len(cmap)))
    # What must be set from a face of each family (tests/fonts.rs checks the
    # same): assigned code points of the blocks and of KS X 1001.
    required = {c for lo, hi in REQUIRED for c in range(lo, hi + 1) if is_assigned(c)}
    required |= set(ksx1001_symbols())
    for family, files in FAMILIES:
        have = set()
        for f in files:
            have |= set(cmap_of(os.path.join(out_dir, f)))
        gaps = sorted(c for c in required if c not in have)
        print("%s family: %d of the %d required code points covered; in none "
              "of its faces: %s" % (
                  family, len(required) - len(gaps), len(required),
                  " ".join("U+%04X" % c for c in gaps) or "none"))
    return ok


def main():
    # fontTools orders parts of GSUB/GPOS by iterating sets of glyph names:
    # with Python's per-process string hashing, two runs gave different
    # bytes. A fixed hash seed, for this process and pyftsubset's, makes
    # the output reproducible.
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src-dir", default=DEFAULT_SRC_DIR,
                    help="directory holding the fonts-noto-cjk .ttc files "
                         "(default %(default)s)")
    ap.add_argument("--core-dir", default=DEFAULT_CORE_DIR,
                    help="directory holding the fonts-noto-core .ttf files "
                         "(default %(default)s)")
    ap.add_argument("--out-dir", default=here,
                    help="where to write unicodes*.txt and the fonts "
                         "(default: this script's folder)")
    ap.add_argument("--text", action="append", default=[], metavar="FILE",
                    help="add FILE's characters to the repertoire and check "
                         "their coverage afterwards (repeatable)")
    ap.add_argument("--check-only", action="store_true",
                    help="build nothing; only check the existing fonts")
    ap.add_argument("--bold-han", action="store_true",
                    help="give the Bold faces every Han character too (to "
                         "measure; the bundled Bold faces do not have it)")
    ap.add_argument("--supplements-only", action="store_true",
                    help="keep the CJK subsets as they are; rebuild only the "
                         "supplements (they depend on the CJK subsets' cmaps)")
    args = ap.parse_args()

    cps, stats = repertoire(args.text)
    unicodes = os.path.join(args.out_dir, "unicodes.txt")
    unicodes_han = os.path.join(args.out_dir, "unicodes-han.txt")
    if not args.check_only:
        check_environment(args.src_dir, args.core_dir)
        write_unicodes(unicodes, cps, stats)
        write_han_unicodes(unicodes_han)
        write_ksx1001(os.path.join(args.out_dir, "ksx1001-symbols.txt"))
        print("wrote %s (%d code points) and %s" % (unicodes, len(cps), unicodes_han),
              flush=True)
        for src, out, _, han in FACES:  # one at a time: each needs ~420 MB, 1 core
            if args.supplements_only:
                continue
            files = [unicodes] + ([unicodes_han] if han or args.bold_han else [])
            subset_cjk(os.path.join(args.src_dir, src), files,
                       os.path.join(args.out_dir, out))
            add_format12(os.path.join(args.out_dir, out))
        with tempfile.TemporaryDirectory() as tmp:
            for src, _, out, cjk, family, style in SUPPLEMENTS:
                make_supplement(args.core_dir, src, os.path.join(args.out_dir, cjk),
                                cps, os.path.join(args.out_dir, out), family, style, tmp)
    return 0 if check_coverage(args.out_dir, cps, args.text) else 1


if __name__ == "__main__":
    sys.exit(main())
