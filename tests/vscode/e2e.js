// End-to-end test of the VS Code extension for real: VS Code (code-server, served on 127.0.0.1
// only) in Debian's Chromium, driven through puppeteer-core as a user would: open the example,
// wait for the Problems entries, hover both "SAM"s, accept the completion of "sparse au", apply
// the quick fix. Run by run.sh, which installs the .vsix, starts code-server and passes:
//   GLOSSA_VSCODE_URL        the workbench URL with ?folder= the project
//   GLOSSA_E2E_RESULTS       file this script appends "PASS name" / "FAIL name: why" lines to
//   GLOSSA_E2E_SHOTS         folder for one screenshot per step (CI artefacts)
//   GLOSSA_PUPPETEER         path of the puppeteer-core module; CHROMIUM the browser binary
// Every wait has a timeout that only guards against a hang: a timeout is a failure.
'use strict';

const fs = require('fs');
const path = require('path');
const puppeteer = require(process.env.GLOSSA_PUPPETEER || 'puppeteer-core');

const WAIT_MS = 60000;
const results = process.env.GLOSSA_E2E_RESULTS;
const shots = process.env.GLOSSA_E2E_SHOTS;

function record(ok, name, why) {
  fs.appendFileSync(results, ok ? `PASS ${name}\n` : `FAIL ${name}: ${why}\n`);
  return ok;
}

// Text of the editor's rendered lines, top to bottom (monaco renders spaces as U+00A0).
async function editorLines(page) {
  return page.$$eval('.part.editor .monaco-editor .view-line', (nodes) =>
    nodes
      .map((n) => ({ top: parseFloat(n.style.top) || 0, text: n.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
  );
}

// Waits until `fn` (run in the page) returns a truthy value; that value, or null on timeout.
async function until(page, fn, arg) {
  try {
    const handle = await page.waitForFunction(fn, { timeout: WAIT_MS, polling: 200 }, arg);
    return await handle.jsonValue();
  } catch (_) {
    return null;
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

// Moves the mouse over the first occurrence of `needle` in the editor line that holds `lineHas`
// (the token's middle). Inlay hints split a line's text, so the line is found by a phrase of its
// own and the needle in one of its text nodes.
async function hoverText(page, needle, lineHas) {
  const box = await page.evaluate(([needle, lineHas]) => {
    for (const line of document.querySelectorAll('.part.editor .monaco-editor .view-line')) {
      if (!line.textContent.replace(/\u00a0/g, ' ').includes(lineHas)) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(needle);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 3);
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
      }
    }
    return null;
  }, [needle, lineHas]);
  if (!box) return false;
  await page.mouse.move(1, 1);
  await new Promise((r) => setTimeout(r, 300));
  await page.mouse.move(box.x, box.y);
  return true;
}

async function hoverCheck(page, needle, lineHas, want, not, name, file) {
  await page.keyboard.press('Escape');
  if (!(await hoverText(page, needle, lineHas))) {
    return record(false, name, `"${needle}" not on screen in a line with "${lineHas}"`);
  }
  const text = await until(
    page,
    ([want]) => {
      const h = [...document.querySelectorAll('.monaco-hover')].map((n) => n.textContent).join(' ');
      return h.toLowerCase().includes(want) ? h : null;
    },
    [want]
  );
  await shot(page, file);
  const lower = (text || '').toLowerCase();
  return record(text !== null && !lower.includes(not), name, `hover: ${JSON.stringify(text)}`);
}

async function run(page) {
  await page.goto(process.env.GLOSSA_VSCODE_URL, { waitUntil: 'domcontentloaded', timeout: WAIT_MS });
  const workbench = await until(page, () => !!document.querySelector('.monaco-workbench .part.editor'));
  await shot(page, '01-workbench');
  if (!record(!!workbench, 'code-server shows the workbench', 'no .monaco-workbench')) return;

  // Open doc.md with Quick Open.
  await page.click('.monaco-workbench .part.editor');
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyP');
  await page.keyboard.up('Control');
  await until(page, () => !!document.querySelector('.quick-input-widget input:focus'));
  await page.keyboard.type('doc.md');
  await until(page, () =>
    [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes('doc.md'))
  );
  await page.keyboard.press('Enter');
  const opened = await until(page, () =>
    [...document.querySelectorAll('.part.editor .monaco-editor .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes('Notes on segmentation'))
  );
  await shot(page, '02-doc-open');
  if (!record(!!opened, 'Quick Open opens doc.md in an editor', 'no editor with the document')) return;

  // Problems: the deprecated-term warning from the server.
  await page.keyboard.down('Control');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyM');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Control');
  const problem = await until(page, () => {
    const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent);
    return rows.find((r) => r.includes('"finetuning" is deprecated')) || null;
  });
  await shot(page, '03-problems');
  record(!!problem, 'Problems lists the deprecated-term warning on "finetuning"', 'no such entry');
  await page.click('.part.editor .monaco-editor .view-lines');

  await hoverCheck(page, 'SAM', 'segment the wafer', 'segment anything model', 'scanning acoustic microscopy',
    'hover on "SAM" beside "segment ... images" shows the segmentation model', '04-hover-vision');
  await hoverCheck(page, 'SAM', 'voids and delamination', 'scanning acoustic microscopy', 'segment anything model',
    'hover on "SAM" beside "voids and delamination" shows acoustic microscopy', '05-hover-acoustic');
  await page.mouse.move(1, 1);

  // Completion: at the end of the document, type "sparse au", Ctrl+Space, accept with Enter.
  await page.click('.part.editor .monaco-editor .view-lines');
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.type('We train a sparse au', { delay: 30 });
  await page.keyboard.down('Control');
  await page.keyboard.press('Space');
  await page.keyboard.up('Control');
  const offered = await until(page, () => {
    const rows = [...document.querySelectorAll('.suggest-widget .monaco-list-row')].map((r) => r.textContent);
    return rows.length && rows[0].includes('sparse autoencoder') ? rows : null;
  });
  await shot(page, '06-completion-menu');
  record(!!offered, 'the suggest widget offers "sparse autoencoder" first', 'no such suggestion');
  await page.keyboard.press('Enter');
  const completed = await until(page, () =>
    [...document.querySelectorAll('.part.editor .monaco-editor .view-line')].some((l) =>
      l.textContent.replace(/\u00a0/g, ' ') === 'We train a sparse autoencoder')
  );
  await shot(page, '07-completed');
  record(!!completed, 'accepting it makes the line "We train a sparse autoencoder"',
    `lines: ${JSON.stringify(await editorLines(page))}`);

  // Quick fix: go to line 5 column 5 ("finetuning"), Ctrl+., pick "Replace with 'fine-tuning'".
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyG');
  await page.keyboard.up('Control');
  await until(page, () => !!document.querySelector('.quick-input-widget input:focus'));
  await page.keyboard.type('5:5');
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 500));
  await page.keyboard.down('Control');
  await page.keyboard.press('Period');
  await page.keyboard.up('Control');
  const item = await until(page, () => {
    const rows = [...document.querySelectorAll('.action-widget .monaco-list-row')];
    const i = rows.findIndex((r) => r.textContent.includes('Replace with'));
    return i >= 0 ? i + 1 : null;
  });
  await shot(page, '08-quick-fix-menu');
  if (record(!!item, 'Ctrl+. lists "Replace with \'fine-tuning\'"', 'no such action')) {
    await page.click(`.action-widget .monaco-list-row:nth-child(${item})`);
  }
  const fixed = await until(page, () =>
    [...document.querySelectorAll('.part.editor .monaco-editor .view-line')].some((l) =>
      l.textContent.replace(/\u00a0/g, ' ') === 'Our fine-tuning recipe follows the paper.')
  );
  await shot(page, '09-fixed');
  record(!!fixed, 'the quick fix makes the line say "fine-tuning"', `lines: ${JSON.stringify(await editorLines(page))}`);
  // doc.md's warning (line 5) goes; plugin.md's stays (workspace diagnostics list every file).
  const cleared = await until(page, () =>
    ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) =>
      r.textContent.includes('"finetuning" is deprecated') && r.textContent.includes('[Ln 5,'))
  );
  await shot(page, '10-problems-after');
  record(!!cleared, 'the warning leaves Problems after the fix', 'still listed');
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--window-size=1400,900'],
    defaultViewport: { width: 1400, height: 900 },
  });
  let status = 0;
  try {
    const page = await browser.newPage();
    await run(page);
  } catch (err) {
    record(false, 'test script', String(err && err.stack ? err.stack.split('\n')[0] : err));
    status = 3;
  } finally {
    await browser.close();
  }
  process.exit(status);
})();
