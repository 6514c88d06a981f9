#!/usr/bin/env python3
"""Build the bundled font subsets in this folder.

Generates ``unicodes.txt`` (the repertoire) and runs ``pyftsubset`` four
times, one face at a time, on the Korean faces (collection index 1) of
Debian's ``fonts-noto-cjk``:

    NotoSerifCJK-Regular.ttc -> NotoSerifCJKkr-Regular-subset.otf
    NotoSerifCJK-Bold.ttc    -> NotoSerifCJKkr-Bold-subset.otf
    NotoSansCJK-Regular.ttc  -> NotoSansCJKkr-Regular-subset.otf
    NotoSansCJK-Bold.ttc     -> NotoSansCJKkr-Bold-subset.otf

Expected inputs: Debian package fonts-noto-cjk 1:20220127+repack1-1
(Noto Serif CJK 2.001, Noto Sans CJK 2.004), subset with fontTools 4.68.0.
Other versions still work but will give different bytes; the script warns.

The output is deterministic (``--no-recalc-timestamp`` keeps the source
fonts' head.modified): running it twice gives identical files.

Usage:
    python3 fonts/make-subsets.py                       # Debian paths
    python3 fonts/make-subsets.py --src-dir DIR         # other .ttc location
    python3 fonts/make-subsets.py --text some.md ...    # add + check chars
    python3 fonts/make-subsets.py --check-only --text some.md

``--text FILE`` adds every character of FILE (control characters excepted)
to the repertoire and, after building, checks that every character of FILE
other than controls and white space is in each font's cmap.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import unicodedata

EXPECTED_DEBIAN_VERSION = "1:20220127+repack1-1"
EXPECTED_FONTTOOLS_VERSION = "4.68.0"
DEFAULT_SRC_DIR = "/usr/share/fonts/opentype/noto"
FONT_NUMBER = 1  # TTC faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (Sans: 5-9 Mono)

# (source .ttc, output .otf, sha256 of the source from the Debian package)
FACES = [
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKkr-Regular-subset.otf",
     "a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481"),
    ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKkr-Bold-subset.otf",
     "a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac"),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKkr-Regular-subset.otf",
     "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"),
    ("NotoSansCJK-Bold.ttc", "NotoSansCJKkr-Bold-subset.otf",
     "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb"),
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

# Unicode blocks kept whole (code points the font lacks are simply skipped).
BLOCKS = [
    (0x0020, 0x017F, "Basic Latin (printable), Latin-1, Latin Extended-A"),
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
    (0x3130, 0x318F, "Hangul Compatibility Jamo"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months"),
    (0x3300, 0x33FF, "CJK Compatibility"),
    (0xAC00, 0xD7A3, "Hangul Syllables (all 11,172)"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
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


def text_chars(path):
    with open(path, encoding="utf-8") as f:
        return {ord(ch) for ch in f.read() if unicodedata.category(ch) != "Cc"}


def repertoire(text_files):
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


def write_unicodes(path, cps, stats):
    lines = [
        "# Repertoire of the bundled font subsets; generated by make-subsets.py,",
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


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_environment(src_dir):
    import fontTools

    if fontTools.version != EXPECTED_FONTTOOLS_VERSION:
        print("warning: fontTools %s, output was made with %s; bytes will differ"
              % (fontTools.version, EXPECTED_FONTTOOLS_VERSION), file=sys.stderr)
    try:
        ver = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "fonts-noto-cjk"],
            capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        ver = ""
    if ver and ver != EXPECTED_DEBIAN_VERSION:
        print("warning: fonts-noto-cjk %s installed, expected %s"
              % (ver, EXPECTED_DEBIAN_VERSION), file=sys.stderr)
    for src, _, want in FACES:
        got = sha256(os.path.join(src_dir, src))
        if got != want:
            print("warning: %s sha256 %s, expected %s (fonts-noto-cjk %s)"
                  % (src, got, want, EXPECTED_DEBIAN_VERSION), file=sys.stderr)


def subset(src, unicodes_file, out):
    cmd = [
        sys.executable, "-m", "fontTools.subset", src,
        "--font-number=%d" % FONT_NUMBER,
        "--unicodes-file=%s" % unicodes_file,
        "--layout-scripts=%s" % LAYOUT_SCRIPTS,
        "--layout-features=*",
        "--name-IDs=*",
        "--name-languages=*",
        "--notdef-outline",
        "--no-recalc-timestamp",
        "--output-file=%s" % out,
    ]
    print("+ pyftsubset " + " ".join(cmd[3:]), flush=True)
    subprocess.run(cmd, check=True)


def check_coverage(out_dir, cps, text_files):
    from fontTools.ttLib import TTFont

    ok = True
    for _, out, _ in FACES:
        path = os.path.join(out_dir, out)
        cmap = TTFont(path, lazy=True).getBestCmap()
        absent = sorted(cp for cp in cps if cp not in cmap)
        han_absent = [cp for cp in absent if is_han(cp)]
        print("%s: %d bytes, sha256 %s" % (out, os.path.getsize(path), sha256(path)))
        print("  cmap %d code points; %d requested code points not in the "
              "face (%d Han%s)" % (
                  len(cmap), len(absent), len(han_absent),
                  (": " + "".join(chr(c) for c in han_absent)) if han_absent else ""))
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
    return ok


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src-dir", default=DEFAULT_SRC_DIR,
                    help="directory holding the fonts-noto-cjk .ttc files "
                         "(default %(default)s)")
    ap.add_argument("--out-dir", default=here,
                    help="where to write unicodes.txt and the .otf files "
                         "(default: this script's folder)")
    ap.add_argument("--text", action="append", default=[], metavar="FILE",
                    help="add FILE's characters to the repertoire and check "
                         "their coverage afterwards (repeatable)")
    ap.add_argument("--check-only", action="store_true",
                    help="build nothing; only check the existing fonts")
    args = ap.parse_args()

    cps, stats = repertoire(args.text)
    unicodes = os.path.join(args.out_dir, "unicodes.txt")
    if not args.check_only:
        check_environment(args.src_dir)
        write_unicodes(unicodes, cps, stats)
        print("wrote %s (%d code points)" % (unicodes, len(cps)), flush=True)
        for src, out, _ in FACES:  # one at a time: each needs ~260 MB, 1 core
            subset(os.path.join(args.src_dir, src), unicodes,
                   os.path.join(args.out_dir, out))
    return 0 if check_coverage(args.out_dir, cps, args.text) else 1


if __name__ == "__main__":
    sys.exit(main())
