import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEMPLATE } from '../../src/core/incident/incidentDocument';
import { DEFAULT_POSTMORTEM } from '../../src/core/incident/postmortem';
import { checkTemplateText, MAX_TEMPLATE_BYTES } from '../../src/core/templates/checkTemplate';

const NAME = 'incident-traceability.md';
const FIXTURES = join(__dirname, '..', 'fixtures', 'templates');
const SAMPLE = join(__dirname, '..', 'fakes', 'github', 'demo', 'northwind-example', 'handbook', 'main', 'templates');

describe('checkTemplateText', () => {
  it('accepts the fixtures, the demo\'s templates and the built-in ones', () => {
    for (const dir of [FIXTURES, SAMPLE]) {
      for (const file of readdirSync(dir)) assert.equal(checkTemplateText(readFileSync(join(dir, file), 'utf8'), file), undefined, file);
    }
    assert.equal(checkTemplateText(DEFAULT_TEMPLATE, 'built-in'), undefined);
    assert.equal(checkTemplateText(DEFAULT_POSTMORTEM, 'built-in'), undefined);
    assert.equal(checkTemplateText('', NAME), undefined);
  });

  it('refuses a template larger than 1 MB, counting bytes, not characters', () => {
    assert.equal(MAX_TEMPLATE_BYTES, 1024 * 1024);
    assert.equal(checkTemplateText('a'.repeat(MAX_TEMPLATE_BYTES), NAME), undefined);
    assert.equal(checkTemplateText('a'.repeat(MAX_TEMPLATE_BYTES + 1), NAME), `Template ${NAME}: it is larger than 1 MB, the most a template may be`);
    assert.equal(checkTemplateText('é'.repeat(700_000), NAME), `Template ${NAME}: it is larger than 1 MB, the most a template may be`);
  });

  it('refuses what is not text', () => {
    assert.equal(checkTemplateText('# Title\n\u0000\u0001', NAME), `Template ${NAME}: it is not text (binary content), not Markdown`);
    const png = '\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
    assert.match(checkTemplateText(png, NAME) ?? '', /not text/);
    const garbled = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '\uFFFD' : String.fromCharCode(i % 8 === 1 ? 2 : 65))).join('');
    assert.match(checkTemplateText(garbled, NAME) ?? '', /not text/);
  });

  it('refuses a file that is not Markdown by its name', () => {
    assert.equal(checkTemplateText('%PDF-1.7', 'template.pdf'), 'Template template.pdf: it is a .pdf file, not Markdown');
    assert.equal(checkTemplateText('{"a": 1}', 'template.json'), 'Template template.json: it is a .json file, not Markdown');
    assert.equal(checkTemplateText('# T', 'template'), undefined);
  });

  it('refuses an HTML page: the link was the web page, not the raw file', () => {
    const message = `Template ${NAME}: it is an HTML page, not the raw Markdown (was the link a web page?)`;
    assert.equal(checkTemplateText('<!DOCTYPE html>\n<html lang="en">', NAME), message);
    assert.equal(checkTemplateText('\uFEFF\n  <html>\n<head>', NAME), message);
    assert.equal(checkTemplateText('# Title\n\n<html> in the text is fine\n', NAME), undefined);
  });

  it('refuses a malformed front matter: never closed, not YAML, not a mapping', () => {
    assert.equal(checkTemplateText('---\nowner: sre\n# Title\n', NAME), `Template ${NAME}: its front matter (the --- block at the top) is never closed by a --- line`);
    assert.match(checkTemplateText('---\nowner: [sre\n---\n# T\n', NAME) ?? '', /^Template incident-traceability\.md: its front matter is not valid YAML: /);
    assert.equal(checkTemplateText('---\n- a\n- b\n---\n# T\n', NAME), `Template ${NAME}: its front matter is not a mapping of fields (key: value lines)`);
    assert.equal(checkTemplateText('---\nowner: sre\nowner: ops\n---\n', NAME), `Template ${NAME}: its front matter sets "owner" twice`);
    assert.equal(checkTemplateText(`---\n${'note: x\n'.repeat(10_000)}---\n`, NAME), `Template ${NAME}: its front matter is 79 KB; a record's is read up to 64 KB`);
    assert.equal(checkTemplateText('---\r\nowner: sre\r\n---\r\n# T\r\n', NAME), undefined);
    assert.equal(checkTemplateText('# T\n---\nnot: [front matter\n---\n', NAME), undefined);
  });

  it('completes on hostile text', () => {
    for (const text of ['-'.repeat(MAX_TEMPLATE_BYTES), `---\n${'a: b\n'.repeat(100_000)}---\n`, '---\n'.repeat(200_000), '\uFFFD'.repeat(100_000), `${' '.repeat(MAX_TEMPLATE_BYTES - 10)}<html>`]) {
      checkTemplateText(text, NAME);
    }
  });
});
