// The web editions in a real browser (Debian's chromium through
// puppeteer-core), as a reader and a reviewer would look at them:
//
//   index.html at 375 px and 1280 px: no horizontal scroll, every picture
//     and font loads, every link within the edition resolves, Korean line
//     breaking is on, axe-core finds no serious or critical violation, and
//     its text is the PDF's body text (pdfcheck's fidelity measure, both
//     ways, through .ci/web-fidelity.py); full-page screenshots are saved;
//   paste.html: no class, <style>, <script>, <link>, no URL outside the
//     page in any attribute (pictures are data URIs, web links become
//     their text), and the same text as index.html;
//   the archive index out/index.html (when there): the same page checks,
//     and its search box finds an article by a word of its title.
//
// Usage: node .ci/web-check.mjs NODE_MODULES_DIR OUT_DIR SHOTS_DIR ISSUE...
// Environment: CHROMIUM (default /usr/bin/chromium); PDFCHECK_PYTHON and
// PDFCHECK (pdfcheck.py) for the fidelity measure, skipped without them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const [modules, outDir, shots, ...issues] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), "node_modules", "x.js"));
const puppeteer = require("puppeteer-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const here = dirname(fileURLToPath(import.meta.url));
const WIDTHS = [375, 1280];
// Coverage the text must reach both ways (pdfcheck passes a PDF at 0.995).
const FIDELITY = 0.995;

mkdirSync(shots, { recursive: true });
const failures = [];
const fail = (what, msg) => failures.push(`${what}: ${msg}`);
let checks = 0;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--font-render-hinting=none"],
});

/** Opens `file` at `width`, fonts and pictures loaded. */
async function open(file, width) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map((i) => i.decode().catch(() => {})));
  });
  return page;
}

/** The checks every page gets: scroll, pictures, fonts, links, axe. */
async function pageChecks(what, file, page, width) {
  const r = await page.evaluate(() => {
    const doc = document.documentElement;
    const images = [...document.images];
    const faces = [...document.fonts];
    const ids = new Set([...document.querySelectorAll("[id]")].map((e) => e.id));
    const links = [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"));
    return {
      scroll: doc.scrollWidth - doc.clientWidth,
      wide: [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
        .filter((e) => !e.closest("[tabindex]"))
        .slice(0, 3)
        .map((e) => e.outerHTML.slice(0, 80)),
      broken: images.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute("src").slice(0, 60)),
      images: images.length,
      faces: faces.length,
      // "unloaded" is a face no text on the page needed (a subset of
      // invisible characters): only a face the browser refused fails.
      unloaded: faces.filter((f) => f.status === "error").map((f) => f.family),
      internal: links.filter((h) => h.startsWith("#")).filter((h) => !ids.has(decodeURIComponent(h.slice(1)))),
      links,
    };
  });
  checks++;
  if (r.scroll > 0) fail(what, `scrolls ${r.scroll} px sideways at ${width} px (${r.wide.join(" | ")})`);
  if (r.broken.length) fail(what, `pictures that do not load: ${r.broken.join(", ")}`);
  if (r.unloaded.length) fail(what, `fonts the browser refused: ${r.unloaded.join(", ")}`);
  if (r.internal.length) fail(what, `links to no element: ${r.internal.slice(0, 5).join(", ")}`);
  for (const href of r.links) {
    if (/^(https?:|mailto:|tel:|#)/i.test(href)) continue;
    const [path, frag] = href.split("#");
    const target = resolve(dirname(file), decodeURIComponent(path));
    if (!existsSync(target)) {
      fail(what, `link to a missing file: ${href}`);
    } else if (frag && target.endsWith(".html") && !readFileSync(target, "utf8").includes(`id="${frag}"`)) {
      fail(what, `link to a missing place: ${href}`);
    } else if (frag && target.endsWith(".pdf") && !/^page=\d+$/.test(frag)) {
      fail(what, `link into a PDF that is not a page: ${href}`);
    }
  }
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ["violations"] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, help: v.help }));
  });
  const bad = axe.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) fail(what, `axe at ${width} px: ${bad.map((v) => `${v.id} (${v.impact}, ${v.n}×: ${v.help})`).join("; ")}`);
  const minor = axe.filter((v) => !bad.includes(v)).map((v) => `${v.id} (${v.impact})`);
  return { images: r.images, faces: r.faces, links: r.links.length, minor };
}

/** The page's text, and the words' breaking rules on its paragraphs. */
async function text(page) {
  return page.evaluate(() => {
    const p = document.querySelector("main p") || document.body;
    const s = getComputedStyle(p);
    // The same text without the tables, whose cells the PDF's line-based
    // extraction reads line by line across a row, a cell's lines apart.
    const tables = [...document.querySelectorAll("table")];
    tables.forEach((t) => { t.hidden = true; });
    const prose = document.body.innerText;
    tables.forEach((t) => { t.hidden = false; });
    return { text: document.body.innerText, prose, tables: tables.length, wordBreak: s.wordBreak, lineBreak: s.lineBreak, zh: document.querySelectorAll('[lang="zh"]').length };
  });
}

/** paste.html: inline styles only, nothing from outside, the same text. */
async function pasteChecks(n, dir, indexText) {
  const what = `${n}/paste.html`;
  const file = join(dir, "paste.html");
  const html = readFileSync(file, "utf8");
  checks++;
  if (/\sclass\s*=/i.test(html)) fail(what, "has a class attribute");
  if (/<style[\s>]/i.test(html)) fail(what, "has a <style> element");
  if (/<script[\s>]/i.test(html)) fail(what, "has a <script> element");
  if (/<link[\s>]/i.test(html)) fail(what, "has a <link> element");
  if (/@font-face|url\(/i.test(html)) fail(what, "loads a font or a resource from CSS");
  const page = await open(file, 375);
  const r = await page.evaluate(() => ({
    external: [...document.querySelectorAll("*")]
      .flatMap((e) => [...e.attributes].map((a) => a.value))
      .filter((v) => /^\s*(https?:)?\/\//i.test(v) || /url\(/i.test(v)),
    resources: [...document.querySelectorAll("[src],[srcset],[poster],[data]")]
      .map((e) => e.getAttribute("src") || e.getAttribute("srcset") || "")
      .filter((u) => !u.startsWith("data:")),
    broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).length,
    text: document.body.innerText,
    hyperlinks: [...document.querySelectorAll("a[href]")].length,
  }));
  if (r.external.length) fail(what, `URLs outside the page: ${r.external.slice(0, 3).join(", ")}`);
  if (r.resources.length) fail(what, `resources from outside the page: ${r.resources.slice(0, 3).join(", ")}`);
  if (r.broken) fail(what, `${r.broken} pictures do not load`);
  const words = (t) => t.replace(/\s+/g, "");
  if (words(r.text) !== words(indexText)) fail(what, "its text differs from index.html's");
  await page.close();
  return r.hyperlinks;
}

/** pdfcheck's fidelity measure of `text` against the PDF, both ways. */
function measure(n, pdf, text, name) {
  const textFile = join(shots, `${n}${name}.txt`);
  writeFileSync(textFile, text);
  const run = spawnSync(process.env.PDFCHECK_PYTHON, [join(here, "web-fidelity.py"), process.env.PDFCHECK, pdf, textFile], { encoding: "utf8" });
  if (run.status !== 0) {
    fail(`${n}`, `fidelity measure failed: ${run.stderr.slice(-300)}`);
    return null;
  }
  return JSON.parse(run.stdout);
}

/** The page's text is the PDF's: every paragraph of the page in the PDF
 *  and every body line of the PDF on the page (coverage 0.995). With
 *  tables, whose multi-line cells the PDF's extraction interleaves, the
 *  page's prose must reach 0.995 and the whole text 0.95 both ways. */
function fidelity(n, pdf, t) {
  const tool = process.env.PDFCHECK;
  if (!process.env.PDFCHECK_PYTHON || !tool || !existsSync(tool)) return "fidelity not measured (no pdfcheck)";
  const f = measure(n, pdf, t.text, "");
  if (!f) return "";
  checks++;
  const floor = t.tables ? 0.95 : FIDELITY;
  if (f.web_in_pdf < floor) fail(`${n}/index.html`, `text not in the PDF: coverage ${f.web_in_pdf} ${JSON.stringify(f.web_not_in_pdf)}`);
  if (f.pdf_in_web < floor) fail(`${n}/index.html`, `PDF text not on the page: coverage ${f.pdf_in_web} ${JSON.stringify(f.pdf_not_in_web)}`);
  let note = `text: page in PDF ${f.web_in_pdf}, PDF on page ${f.pdf_in_web}`;
  if (t.tables) {
    const p = measure(n, pdf, t.prose, "-prose");
    if (p && p.web_in_pdf < FIDELITY) fail(`${n}/index.html`, `prose not in the PDF: coverage ${p.web_in_pdf} ${JSON.stringify(p.web_not_in_pdf)}`);
    if (p) note += ` (${t.tables} tables; prose in PDF ${p.web_in_pdf})`;
  }
  return note;
}

for (const n of issues) {
  const dir = join(outDir, n);
  const file = join(dir, "index.html");
  if (!existsSync(file)) {
    fail(n, `${file} was not written`);
    continue;
  }
  let indexText = "";
  const notes = [];
  for (const width of WIDTHS) {
    const page = await open(file, width);
    const r = await pageChecks(`${n}/index.html`, file, page, width);
    if (width === WIDTHS[0]) {
      const t = await text(page);
      indexText = t.text;
      checks++;
      if (t.wordBreak !== "keep-all" || t.lineBreak !== "strict") fail(`${n}/index.html`, `paragraphs break with word-break ${t.wordBreak}, line-break ${t.lineBreak}`);
      notes.push(`${r.images} pictures, ${r.faces} fonts, ${r.links} links, ${t.zh} zh spans`);
      notes.push(fidelity(n, join(outDir, `${n}.pdf`), t));
    }
    if (r.minor.length) notes.push(`axe minor at ${width}: ${r.minor.join(", ")}`);
    await page.screenshot({ path: join(shots, `${n}-${width}.png`), fullPage: true });
    await page.close();
  }
  const hyperlinks = await pasteChecks(n, dir, indexText);
  console.log(`web ${n}: ${notes.filter(Boolean).join("; ")}; paste.html ok (${hyperlinks} hyperlinks kept)`);
}

const archive = join(outDir, "index.html");
if (existsSync(archive)) {
  for (const width of WIDTHS) {
    const page = await open(archive, width);
    const r = await pageChecks("index.html", archive, page, width);
    await page.screenshot({ path: join(shots, `archive-${width}.png`), fullPage: width === WIDTHS[0] });
    if (width === WIDTHS[1]) {
      console.log(`archive index: ${r.images} pictures, ${r.links} links${r.minor.length ? `; axe minor: ${r.minor.join(", ")}` : ""}`);
      await searchChecks(page);
    }
    await page.close();
  }
}

/** Types a word of some articles' titles into the search box: each such
 *  article must stay in view, and articles without the word must not. */
async function searchChecks(page) {
  const items = await page.evaluate(() =>
    [...document.querySelectorAll("[data-s]")].map((li) => li.querySelector("a").textContent));
  const picks = [...new Set([0, Math.floor(items.length / 2), items.length - 1])].filter((i) => i >= 0);
  for (const i of picks) {
    const words = items[i].replace(/【[^】]*】/g, " ").split(/[\s,.·…'"“”‘’()（）「」<>]+/).filter((w) => w.length >= 2);
    const word = words.sort((a, b) => b.length - a.length)[0];
    if (!word) continue;
    await page.$eval("#q", (q) => { q.value = ""; });
    await page.type("#q", word);
    const r = await page.evaluate((title, word) => {
      const lis = [...document.querySelectorAll("[data-s]")];
      const visible = (li) => li.offsetParent !== null;
      const target = lis.find((li) => li.querySelector("a").textContent === title);
      const wrong = lis.filter((li) => visible(li) && !li.getAttribute("data-s").includes(word.toLowerCase()));
      return { found: target && visible(target), shown: lis.filter(visible).length, wrong: wrong.length, status: document.getElementById("n").textContent };
    }, items[i], word);
    checks++;
    if (!r.found) fail("index.html", `searching "${word}" hides the article "${items[i]}"`);
    if (r.wrong) fail("index.html", `searching "${word}" shows ${r.wrong} articles without it`);
    console.log(`archive search "${word}": ${r.shown} of ${items.length} articles shown (${r.status})`);
  }
}

await browser.close();
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`web-check: ${checks} checks, ${failures.length} failures, screenshots in ${shots}`);
process.exit(failures.length ? 1 : 0);
