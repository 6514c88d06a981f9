// Opens a PDF with pdf.js (the Firefox viewer's engine): every page must
// load and yield text; prints the page count and the first page's text.
// Usage: node .ci/pdfjs-check.mjs PDF PDFJS_DIR EXPECTED_TEXT
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [pdfPath, pdfjsDir, expected] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(join(pdfjsDir, "node_modules/pdfjs-dist/legacy/build/pdf.mjs")));
const data = new Uint8Array(readFileSync(pdfPath));
const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
let all = "";
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  all += content.items.map((it) => it.str).join("") + "\n";
}
const outline = await doc.getOutline();
if (!all.includes(expected)) {
  console.error(`pdf.js: "${expected}" not found in the text`);
  process.exit(1);
}
console.log(`pdf.js: ${doc.numPages} pages, ${outline ? outline.length : 0} top-level bookmarks, text ok`);
