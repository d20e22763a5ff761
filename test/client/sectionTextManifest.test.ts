// What package.json promises for long section texts: the defaults that keep 50,000-character
// lines workable, the side editor's language and settings, and the escaped paste bindings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonStringLiteral } from '../../client/src/sectionText/jsonString';
import { sideEditorFileName } from '../../client/src/sectionText/sectionTexts';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributes = pkg.contributes;

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
}

describe('package.json: long section texts', () => {
  it('wraps clinikdoc lines and still colours a line holding a full 50,000-character text', () => {
    const defaults = contributes.configurationDefaults['[clinikdoc]'];
    assert.equal(defaults['editor.wordWrap'], 'on');
    // A full-length text of prose (escapes add a few percent) on one line with its key.
    const line = `      "text": ${jsonStringLiteral('a'.repeat(50_000))},`;
    assert.ok(defaults['editor.maxTokenizationLineLength'] >= line.length, 'a plain 50,000-character text line is tokenized');
  });

  it('gives the side editor (its tab title) the clinikdoc-text language, wrapped, with nothing changed on save', () => {
    const language = contributes.languages.find((l: { id: string }) => l.id === 'clinikdoc-text');
    assert.ok(language, 'the clinikdoc-text language');
    const patterns: RegExp[] = language.filenamePatterns.map(globToRegExp);
    for (const site of [
      { path: ['sections', 1, 'text'], title: 'Hospital Course' },
      { path: ['sections', 0, 'sections', 2, 'text'], title: 'Day 1 / Day 2' },
      { path: ['sections', 3, 'text'], title: undefined },
      { path: ['sections', 3, 'text'], title: '  ' },
    ]) {
      const name = sideEditorFileName(site);
      assert.ok(!name.includes('/'), name);
      assert.ok(patterns.some((p) => p.test(name)), `${name} gets the clinikdoc-text language`);
    }
    assert.equal(sideEditorFileName({ path: ['sections', 1, 'text'], title: 'Hospital Course' }), 'Hospital Course — text');
    assert.equal(sideEditorFileName({ path: ['sections', 3, 'text'], title: undefined }), 'Section 4 — text');
    assert.ok(!patterns.some((p) => p.test('discharge-summary.clinikdoc.json')));
    const text = contributes.configurationDefaults['[clinikdoc-text]'];
    assert.equal(text['editor.wordWrap'], 'on');
    for (const key of ['files.trimTrailingWhitespace', 'files.insertFinalNewline', 'files.trimFinalNewlines']) {
      assert.equal(text[key], false, `${key}: saving must not change the clinician's text`);
    }
  });

  it('contributes Edit Section Text for clinikdoc editors, activating on it and on restored side editors', () => {
    // The command activates ClinikDoc as every contributed command does (VS Code ≥ 1.74); a side
    // editor restored after a reload needs the file system's event, which nothing implies.
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'clinikapi.editSectionText'));
    assert.ok(pkg.activationEvents.includes('onFileSystem:clinikdoc-text'));
    const palette = contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'clinikapi.editSectionText');
    assert.match(palette.when, /editorLangId == clinikdoc/);
    assert.equal(contributes.configuration.properties['clinikapi.sectionText.writeBackOnType'].default, false);
  });

  it('binds paste to the escaped paste only inside a JSON string of a clinikdoc editor, with plain paste one chord away', () => {
    const bindings = contributes.keybindings as { command: string; key: string; mac?: string; when: string }[];
    const escaped = bindings.find((b) => b.command === 'clinikapi.pasteEscaped');
    const plain = bindings.find((b) => b.command === 'editor.action.clipboardPasteAction');
    assert.ok(escaped && plain);
    assert.equal(escaped.key, 'ctrl+v');
    assert.equal(escaped.mac, 'cmd+v');
    for (const b of [escaped, plain]) {
      for (const part of ['editorLangId == clinikdoc', 'clinikapi.cursorInJsonString', 'clinikapi.pasteEscapedByKeybinding', '!editorReadonly']) {
        assert.ok(b.when.includes(part), `${b.command}: ${part}`);
      }
    }
  });
});
