// The manifest (package.json) promises that VS Code enforces for us: where the key may go, what an
// untrusted workspace may do, and where Submit appears.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_ID } from '../../shared/protocol';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

describe('package.json', () => {
  it('declares the clinikdoc language for *.clinikdoc.json with a configuration and a JSON grammar', () => {
    const lang = contributes.languages.find((l: { id: string }) => l.id === 'clinikdoc');
    assert.deepEqual(lang.extensions, ['.clinikdoc.json']);
    const config = JSON.parse(readFileSync(join(root, lang.configuration), 'utf8'));
    assert.deepEqual(config.comments, {}, 'no comment tokens: comments are not allowed in a document');
    assert.ok(config.brackets.length >= 2 && config.autoClosingPairs.length >= 3);
    const grammar = contributes.grammars.find((g: { language: string }) => g.language === 'clinikdoc');
    const tm = JSON.parse(readFileSync(join(root, grammar.path), 'utf8'));
    assert.equal(tm.scopeName, grammar.scopeName);
    assert.deepEqual(tm.patterns, [{ include: 'source.json' }]);
  });

  it('activates on the language, every command and the view as VS Code implies since 1.74, declaring only what is not implied', () => {
    // VS Code ≥ 1.74 activates an extension on the languages, commands and views it contributes.
    const [major, minor] = String(pkg.engines.vscode).replace(/^\^/, '').split('.').map(Number);
    assert.ok(major! > 1 || minor! >= 74, pkg.engines.vscode);
    assert.deepEqual(pkg.activationEvents, ['onFileSystem:clinikdoc-text'], 'a file system provider is not a contribution: its event stays');
    assert.ok(contributes.languages.some((l: { id: string }) => l.id === LANGUAGE_ID));
    const commands = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(commands, [
      'clinikapi.amendSubmittedDocument', 'clinikapi.checkWhetherCreated', 'clinikapi.clearApiKey', 'clinikapi.clearSubmissionHistory',
      'clinikapi.compareWithSubmitted', 'clinikapi.copyDocumentId', 'clinikapi.editSectionText', 'clinikapi.newDocument',
      'clinikapi.openPreview', 'clinikapi.openSubmittedDocument', 'clinikapi.pasteEscaped', 'clinikapi.setApiKey', 'clinikapi.submitDocument',
    ]);
    const sectionText = readFileSync(join(root, 'client/src/sectionText/register.ts'), 'utf8');
    assert.match(sectionText, /registerFileSystemProvider\(/);
  });

  it('the walkthrough: six steps, each with a picture from the package and completed by a real event', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.equal(walkthrough.id, 'firstHour');
    const extensionSource = readFileSync(join(root, 'client/src/walkthrough/firstStart.ts'), 'utf8');
    assert.ok(extensionSource.includes(`'${pkg.publisher}.${pkg.name}#${walkthrough.id}'`), 'the id firstStart.ts opens');
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['setTestKey', 'newDocument', 'fixProblems', 'openPreview', 'submit', 'submissions']);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    const contextKeys = new Map<string, RegExp>([
      ['clinikapi.testKeySet', /setContext', 'clinikapi\.testKeySet'/],
      ['clinikapi.createdDocument', /setContext', 'clinikapi\.createdDocument'/],
      ['clinikapi.fixedProblems', /setContext', 'clinikapi\.fixedProblems'/],
      ['clinikapi.submittedToSandbox', /setContext', 'clinikapi\.submittedToSandbox'/],
    ]);
    const client = ['apiKey/keyStatusBar.ts', 'newDocument/register.ts', 'walkthrough/register.ts', 'submit/register.ts'].map((f) => readFileSync(join(root, 'client/src', f), 'utf8')).join('\n');
    for (const step of walkthrough.steps) {
      assert.ok(step.description.length < 500, `${step.id}: a short text`);
      assert.match(step.description, /\]\(command:[\w.]+\)/, `${step.id}: a button that does it`);
      assert.ok(step.media.svg && existsSync(join(root, step.media.svg)), `${step.id}: ${step.media.svg}`);
      assert.ok(step.media.altText, step.id);
      assert.match(ignore, /^!media\/walkthrough\/\*\*$/m, 'the pictures are in the package');
      // An SVG picture is drawn with the theme's colours (light, dark, high contrast).
      const svg = readFileSync(join(root, step.media.svg), 'utf8');
      assert.match(svg, /var\(--vscode-/, `${step.id}: theme colours`);
      assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b|rgb\(/i, `${step.id}: no fixed colour`);
      assert.equal(step.completionEvents.length, 1, step.id);
      const [event] = step.completionEvents as string[];
      const context = /^onContext:([\w.]+)/.exec(event!);
      if (context) assert.match(client, contextKeys.get(context[1]!)!, `${step.id}: something sets ${context[1]}`);
      else if (event!.startsWith('onCommand:')) assert.ok(contributes.commands.some((c: { command: string }) => `onCommand:${c.command}` === event), event);
      else assert.ok(contributes.views.explorer.some((v: { id: string }) => `onView:${v.id}` === event), event);
    }
  });

  it('clinikapi.baseUrl is application-scoped: a workspace cannot send the key elsewhere', () => {
    const props = contributes.configuration.properties;
    assert.equal(props['clinikapi.baseUrl'].scope, 'application');
    assert.equal(props['clinikapi.baseUrl'].default, 'https://api.clinikapi.com');
    assert.equal(props['clinikapi.confirmLiveSubmissions'].scope, 'application');
    assert.equal(props['clinikapi.confirmLiveSubmissions'].default, true);
    assert.equal(props['clinikapi.requestTimeoutSeconds'].default, 30);
  });

  it('the baseUrl pattern accepts https, and http only for exactly localhost, 127.0.0.1 and [::1] (same rule as the client)', () => {
    const re = new RegExp(contributes.configuration.properties['clinikapi.baseUrl'].pattern);
    for (const ok of ['https://api.clinikapi.com', 'https://eu.example.org/base', 'http://127.0.0.1:8787', 'http://localhost:3000', 'http://[::1]:9']) {
      assert.ok(re.test(ok), ok);
    }
    for (const bad of ['http://api.clinikapi.com', 'http://evil.example:80', 'ftp://x', 'https://x?y=1', 'http://127.0.0.1.evil.com', 'http://127.0.0.2:8787', 'http://127.1.2.3']) {
      assert.ok(!re.test(bad), bad);
    }
  });

  it('protocol tracing (which writes document text to an output channel) is a user setting only, off by default', () => {
    // vscode-languageclient reads `<client id>.trace.server`; the client's id is the language id.
    const startClient = readFileSync(join(root, 'client/src/languageServer/startClient.ts'), 'utf8');
    // Both runtimes (node/main.ts, browser/main.ts) build the client with the id startClient gives.
    assert.match(startClient, /runtime\.createLanguageClient\(context, LANGUAGE_ID,/);
    assert.equal(LANGUAGE_ID, 'clinikdoc');
    const trace = contributes.configuration.properties[`${LANGUAGE_ID}.trace.server`];
    assert.ok(trace, 'declared, so it has a scope');
    assert.equal(trace.scope, 'application', 'a workspace .vscode/settings.json cannot turn it on');
    assert.equal(trace.default, 'off');
    assert.deepEqual(trace.enum, ['off', 'messages', 'verbose']);
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('clinikdoc.trace.server'));
    assert.match(trace.markdownDescription, /document text/);
  });

  it('an untrusted workspace is supported only in a limited way, and Submit is disabled there', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('clinikapi.baseUrl'));
    const submit = contributes.commands.find((c: { command: string }) => c.command === 'clinikapi.submitDocument');
    assert.equal(submit.enablement, 'isWorkspaceTrusted');
    for (const menu of ['editor/title', 'editor/context']) {
      const entry = contributes.menus[menu].find((m: { command: string }) => m.command === 'clinikapi.submitDocument');
      assert.match(entry.when, /resourceLangId == clinikdoc/, menu);
      assert.match(entry.when, /isWorkspaceTrusted/, menu);
    }
  });

  it('the ClinikAPI view and its actions: amending is disabled where submitting is, and a workspace cannot turn off the duplicate search', () => {
    assert.deepEqual(contributes.views.explorer.map((v: { id: string }) => v.id), ['clinikapi.submissions']);
    const amend = contributes.commands.find((c: { command: string }) => c.command === 'clinikapi.amendSubmittedDocument');
    assert.equal(amend.enablement, 'isWorkspaceTrusted');
    const items = contributes.menus['view/item/context'];
    const check = items.filter((m: { command: string }) => m.command === 'clinikapi.checkWhetherCreated');
    assert.ok(check.length > 0 && check.every((m: { when: string }) => m.when.includes('viewItem =~ /^clinikapi\\.submission\\.(unknown|notFoundYet|sent)$/')), 'Check only on items whose outcome is unknown');
    const search = contributes.configuration.properties['clinikapi.duplicateSearch'];
    assert.equal(search.scope, 'application');
    assert.equal(search.default, 'liveKeys');
    assert.deepEqual(search.enum, ['liveKeys', 'allKeys', 'off']);
  });

  it('runs in VS Code for the Web too, and in virtual workspaces (github.dev): nothing in it needs a file on disk', () => {
    assert.equal(pkg.main, './dist/extension.js');
    // One client bundle for both extension hosts (client/src/main.ts picks the host's entry).
    assert.equal(pkg.browser, './dist/extension.js');
    assert.deepEqual(pkg.capabilities.virtualWorkspaces, { supported: true });
  });

  it('is ready for a listing: keywords, a gallery banner, the icon, and the README\'s images in the package', () => {
    assert.ok(pkg.keywords.length >= 3 && pkg.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    assert.ok(pkg.keywords.includes('clinikapi'));
    assert.match(pkg.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    assert.equal(pkg.icon, 'media/icon.png');
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 1);
    for (const image of images) {
      // No invented public URL: every image is a file of the package, relative to the README.
      assert.doesNotMatch(image, /^[a-z]+:/i, image);
      assert.ok(existsSync(join(root, image)), image);
      assert.match(image, /^docs\/images\//, image);
    }
    assert.match(ignore, /^!docs\/images\/\*\*$/m);
    assert.match(pkg.scripts.package, /--no-rewrite-relative-links/, 'relative links stay relative: there is no public URL to rewrite them to');
  });

  it('packages only what the extension needs', () => {
    assert.match(pkg.scripts.package, /--production/);
    assert.match(pkg.scripts.package, /vsce package --no-dependencies/);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m, 'everything is excluded unless listed');
    for (const kept of ['dist/extension.js', 'dist/server.js', 'dist/browser/server.js', 'schemas/**', 'snippets/**', 'package.json']) {
      assert.ok(ignore.includes(`!${kept}`), kept);
    }
    for (const s of contributes.snippets) assert.ok(existsSync(join(root, s.path)), s.path);
  });
});
