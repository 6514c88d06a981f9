"""The web page's text against the PDF's text, with pdfcheck's own
text_fidelity measure (Hangul, Han and ASCII letters and digits, NFKC,
paragraph by paragraph, in order), both ways:

  web -> pdf: each paragraph of the page's text found in the PDF's lines
              (pdfcheck's check_fidelity with the page as source). All
              lines: pdfcheck takes a small isolated line in a page's top
              or bottom 15 % for a running head or folio, and so drops the
              copyright line under the contents and captions at a page's
              foot, which the page holds too;
  pdf -> web: each body line of the PDF (running heads and folios left
              out) found in the page's text.

Usage: python web-fidelity.py PDFCHECK_PY PDF PAGE_TEXT
Prints one JSON object; exits 0 (the caller gates)."""
import importlib.util
import json
import re
import sys

tool, pdf, page_text = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("pdfcheck", tool)
pc = importlib.util.module_from_spec(spec)
sys.modules["pdfcheck"] = pc
spec.loader.exec_module(pc)

# pdfcheck reads generated caption labels ("사진 3)", "표 1)") as the
# source's "사진:" / "표:"; both texts are read so here.
LABEL = re.compile(r"(사진|표)\s*\d+\)")
doc = pc.load(pdf)
web = LABEL.sub(r"\1", open(page_text, encoding="utf-8").read())


class AllLines:
    """The PDF with its margin lines counted as body lines."""

    def __init__(self, doc):
        self.doc = doc

    def body_lines(self):
        return self.doc.lines


forward = pc.check_fidelity(AllLines(doc), web)


class Line:
    def __init__(self, text):
        self.text = text


class WebDoc:
    """The page's text as pdfcheck's Doc: one body line per line."""

    def __init__(self, text):
        self._lines = [Line(l) for l in text.splitlines() if l.strip()]

    def body_lines(self):
        return self._lines


pdf_paragraphs = LABEL.sub(r"\1", "\n\n".join(l.text for l in doc.body_lines()))
backward = pc.check_fidelity(WebDoc(web), pdf_paragraphs)
print(json.dumps({
    "web_in_pdf": forward.details["coverage"],
    "pdf_in_web": backward.details["coverage"],
    "ratio": round(2.0 * forward.details["coverage"] * forward.details["source_chars"]
                   / max(forward.details["source_chars"] + forward.details["pdf_chars"], 1), 4),
    "web_chars": forward.details["source_chars"],
    "pdf_chars": forward.details["pdf_chars"],
    "web_not_in_pdf": forward.details["diffs"],
    "pdf_not_in_web": backward.details["diffs"],
}, ensure_ascii=False))
