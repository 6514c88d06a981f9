"""Text round trip: every paragraph of the source is found, in order, in
the PDF's extracted text (pdftotext), comparing Hangul, Han, Latin letters
and digits only. Prints the coverage and fails below 0.999."""
import re
import subprocess
import sys

pdf, source = sys.argv[1], sys.argv[2]
KEEP = re.compile(r"[0-9A-Za-z\uac00-\ud7a3\u3130-\u318f\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")


def letters(s):
    return "".join(KEEP.findall(s))


body = open(source, encoding="utf-8").read().split("\n---\n", 1)[1]
parts = {l[2:].strip() for l in body.splitlines() if l.startswith("# ")}
raw = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                     check=True, capture_output=True, text=True).stdout
# Running heads and folios are page furniture, not body text.
lines = [l for l in raw.splitlines()
         if not re.fullmatch(r"\s*\d+\s*", l) and "주간 창업 312 편" not in l
         and l.strip() not in parts]
text = letters("\n".join(lines))
# One unit per source line (list items, captions); generated labels dropped.
units = [re.sub(r"^(사진|표):", "", l.strip()) for l in body.splitlines()]
paragraphs = [letters(re.sub(r"\]\([^)]*\)", "]", u)) for u in units]
paragraphs = [p for p in paragraphs if p]
pos = found = total = 0
missing = []
for p in paragraphs:
    total += len(p)
    i = text.find(p, pos)
    if i < 0:
        i = text.find(p)
    if i >= 0:
        found += len(p)
        pos = i + len(p)
    else:
        missing.append(p[:30])
coverage = found / total
print(f"text round trip: {len(paragraphs)} paragraphs, coverage {coverage:.4f}")
for m in missing[:5]:
    print("  not found:", m)
sys.exit(0 if coverage >= 0.999 else 1)
