// The live preview in a real headless Chromium: `kicweekly watch --serve`
// on a copy of issue 312, the page opened, the source edited on disk, and
// the edited page's picture seen to change without a reload; the scroll
// position kept, a jump to the edit when it is out of view, and a failed
// build's diagnostics shown instead of the pages.
//
//   node tests/web/preview.mjs KICWEEKLY_BINARY CHROMIUM NODE_MODULES_DIR
//
// Run by .ci/run, which installs chromium and puppeteer-core; screenshots
// go to target/web/.

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [bin, chromium, modules] = process.argv.slice(2);
if (!bin || !chromium || !modules) {
  console.error("usage: node tests/web/preview.mjs KICWEEKLY CHROMIUM NODE_MODULES_DIR");
  process.exit(2);
}
const puppeteer = createRequire(path.resolve(modules) + "/")("puppeteer-core");
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const shots = path.join(repo, "target/web");
fs.mkdirSync(shots, { recursive: true });

// A project of its own: the test edits the issue.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "kicweekly-preview-"));
fs.cpSync(path.join(repo, "issues/312"), path.join(root, "issues/312"), { recursive: true });
const md = path.join(root, "issues/312/issue.md");
const original = fs.readFileSync(md, "utf8");
const marker = "몇 가지 정책 조치를 발표했다.";
if (!original.includes(marker)) throw new Error("the marker sentence is not in issue 312");

let passed = 0;
let failed = 0;
async function check(name, f) {
  try {
    await f();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e.message}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const watcher = spawn(bin, ["--root", root, "watch", "312", "--serve", "--out", path.join(root, "out")], {
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve, reject) => {
  let out = "";
  const timer = setTimeout(() => reject(new Error(`no preview address in: ${out}`)), 30000);
  watcher.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/preview at (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  watcher.on("exit", (code) => reject(new Error(`watch exited with ${code}: ${out}`)));
});

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let edits = 0;
function edit(text) {
  edits++;
  fs.writeFileSync(md, text ?? original.replace(marker, `${marker} 미리보기 수정 ${edits}번째 문장.`));
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(url);
  const allLoaded = () => {
    const imgs = [...document.querySelectorAll(".page img")];
    return imgs.length > 3 && imgs.every((i) => i.src && i.complete && i.naturalWidth > 0);
  };
  const state = () =>
    page.evaluate(() => ({
      srcs: [...document.querySelectorAll(".page img")].map((i) => i.src),
      loaded: [...document.querySelectorAll(".page img")].map((i) => i.complete && i.naturalWidth > 0),
      scrollY: window.scrollY,
      landed: [...document.querySelectorAll(".page")].findIndex((p) => p.classList.contains("landed")),
      marker: window.__notReloaded === true,
      banner: !document.getElementById("diagnostics").hidden,
      pagesShown: !document.getElementById("pages").hidden,
    }));
  // The edited page's picture is replaced by a loaded one with another address.
  const changedAfter = async (before) => {
    await page.waitForFunction(
      (old) => {
        const imgs = [...document.querySelectorAll(".page img")];
        return imgs.some((i, k) => i.src !== old[k] && i.complete && i.naturalWidth > 0);
      },
      { timeout: 20000 },
      before.srcs,
    );
    return state();
  };

  await check("the pages appear as pictures", async () => {
    await page.waitForFunction(allLoaded, { timeout: 60000 });
    const s = await state();
    assert(s.srcs.length >= 10, `only ${s.srcs.length} pages`);
    await page.screenshot({ path: path.join(shots, "preview.png") });
  });
  await page.evaluate(() => {
    window.__notReloaded = true;
  });

  let landed = -1;
  await check("an edit on disk changes the edited page's picture, without a reload", async () => {
    const before = await state();
    edit();
    const after = await changedAfter(before);
    assert(after.marker, "the page was reloaded");
    landed = after.landed;
    assert(landed >= 0, "no page is marked as where the edit landed");
    assert(after.srcs[landed] !== before.srcs[landed], `page ${landed + 1}'s picture did not change`);
    const changed = after.srcs.filter((s, k) => s !== before.srcs[k]).length;
    assert(changed < after.srcs.length / 2, `${changed} of ${after.srcs.length} pictures reloaded for one sentence`);
    // The new picture differs from the old one in its pixels, not only its name.
    const differ = await page.evaluate(async (a, b) => {
      const [x, y] = await Promise.all([a, b].map((u) => fetch(u).then((r) => r.arrayBuffer())));
      if (x.byteLength !== y.byteLength) return true;
      const [p, q] = [new Uint8Array(x), new Uint8Array(y)];
      return p.some((v, k) => v !== q[k]);
    }, before.srcs[landed], after.srcs[landed]);
    assert(differ, "the new picture is the old one");
  });

  await check("the scroll position is kept when the edit is in view", async () => {
    await page.evaluate((k) => document.querySelectorAll(".page")[k].scrollIntoView({ block: "center" }), landed);
    await new Promise((r) => setTimeout(r, 200));
    const before = await state();
    edit();
    const after = await changedAfter(before);
    assert(Math.abs(after.scrollY - before.scrollY) < 2, `scrolled from ${before.scrollY} to ${after.scrollY}`);
    assert(after.marker, "the page was reloaded");
  });

  await check("an edit out of view is jumped to", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await new Promise((r) => setTimeout(r, 200));
    const before = await state();
    edit();
    await changedAfter(before);
    const inView = await page.evaluate((k) => {
      const r = document.querySelectorAll(".page")[k].getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    }, landed);
    assert(inView, `page ${landed + 1} is not in view after the edit`);
    await page.screenshot({ path: path.join(shots, "preview-edited.png") });
  });

  await check("a failed build shows its diagnostics, located, instead of the pages", async () => {
    // A part the template does not have is an error (a too-deep heading
    // is read as an article title, with a warning).
    const part = original.split("\n").find((l) => l.startsWith("# "));
    const heading = `# 없는 ${part.slice(2)}`;
    edit(original.replace(part, heading));
    await page.waitForFunction(() => !document.getElementById("diagnostics").hidden, { timeout: 20000 });
    const s = await state();
    assert(!s.pagesShown, "the pages are still shown");
    const text = await page.$eval("#diagnostics", (e) => e.textContent);
    assert(/issue\.md:\d+:\d+/.test(text), `no file:line:col in: ${text}`);
    assert(text.includes(heading.slice(2)), `the source line is not shown: ${text}`);
    await page.screenshot({ path: path.join(shots, "preview-error.png") });
  });

  await check("fixing the source brings the pages back", async () => {
    edit(original);
    await page.waitForFunction(() => document.getElementById("diagnostics").hidden, { timeout: 20000 });
    await page.waitForFunction(allLoaded, { timeout: 20000 });
    const s = await state();
    assert(s.pagesShown && s.marker, "the pages did not come back in place");
  });
} finally {
  await browser.close();
  watcher.kill();
  fs.writeFileSync(md, original);
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(`preview: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
