// Static proof, over the syntax trees of client/src, that the API key has one way in and two ways
// out: typed into the password box → SecretStorage; SecretStorage → the submission → the
// `x-api-key` header (and the redaction list that scrubs it from every text). And that nothing in
// the client writes settings, files, or any state but the content-free submission records.
//
// When this test fails, a new use of the key (or a new write) has appeared: read it, and if it is
// safe, widen the rule here with the reason.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const clientSrc = join(root, 'client', 'src');

interface Source {
  path: string;
  file: ts.SourceFile;
}

function sources(): Source[] {
  const out: Source[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        out.push({ path: relative(root, path), file: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true) });
      }
    }
  };
  walk(clientSrc);
  return out;
}

const all = sources();

function nodes(file: ts.SourceFile): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return out;
}

function where(src: Source, node: ts.Node): string {
  const { line } = src.file.getLineAndCharacterOfPosition(node.getStart());
  return `${src.path}:${line + 1}: ${node.parent?.getText().slice(0, 120)}`;
}

function unwrap(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  return n;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : e.getText();
}

/** Every place an identifier bound to `decl` is used, in the function (or file) around it. */
function usesOf(decl: ts.VariableDeclaration | ts.ParameterDeclaration): ts.Identifier[] {
  const name = (decl.name as ts.Identifier).text;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return nodes(scope as ts.SourceFile).filter(
    (n): n is ts.Identifier => ts.isIdentifier(n) && n.text === name && n !== decl.name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n),
  );
}

/** Why this use of a key-holding expression is safe, or undefined. */
function safeUse(expr: ts.Node): string | undefined {
  const n = unwrap(expr);
  const p = n.parent;
  if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
    const callee = calleeName(p);
    if (callee === 'apiKeyKind') return 'reduced to its kind (test/live)';
    if (callee === 'apiKeyProblem') return 'checked for its shape';
    // The reads that resolve ids (client/src/api/clinikApiReads.ts) hold the key to send it in
    // their own x-api-key header, checked below like the create's.
    if (callee === 'configure' && /\breads$/.test((p.expression as ts.PropertyAccessExpression).expression?.getText() ?? '')) return 'handed to the reads client (ClinikApiReads.configure)';
    if (callee === 'set' && /\bkeys$/.test((p.expression as ts.PropertyAccessExpression).expression.getText())) return 'stored in SecretStorage (KeyStore.set)';
  }
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return 'tested for presence';
  if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind) && /^undefined$/.test((p.left === n ? p.right : p.left).getText())) {
    return 'compared with undefined';
  }
  if (ts.isPropertyAccessExpression(p) && p.expression === n && p.name.text === 'trim' && ts.isCallExpression(p.parent)) return 'trimmed (the result is checked the same way)';
  if (ts.isPropertyAssignment(p) && p.initializer === n && /^['"]x-api-key['"]$/.test(p.name.getText())) return 'the request header';
  if ((ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && p.initializer === n)) && p.name.getText() === 'apiKey') {
    const call = p.parent.parent;
    if (ts.isCallExpression(call) && calleeName(call) === 'submitDocument') return 'handed to the submission flow';
    if (ts.isCallExpression(call) && calleeName(call) === 'documentsConnection') return 'handed to the documents client (api/connection.ts)';
    // Bound to its origin for the one ClinikAPI client (api/clinikApi.ts), whose one use of it is the header.
    if (ts.isCallExpression(call) && calleeName(call) === 'bind') return 'bound to its origin (api/clinikApi.ts bind)';
  }
  if (ts.isArrayLiteralExpression(p) && ts.isVariableDeclaration(p.parent) && p.parent.name.getText() === 'secrets') return 'the redaction list';
  return undefined;
}

/** SecretStorage is used by keyStore.ts alone (extension.ts only hands context.secrets to it). */
function secretStorageUses(srcs: Source[]): string[] {
  const offending: string[] = [];
  for (const src of srcs) {
    if (src.path.endsWith('client/src/apiKey/keyStore.ts')) continue;
    for (const n of nodes(src.file)) {
      const secretsAccess = ts.isPropertyAccessExpression(n) && n.name.text === 'secrets' && n.expression.getText() !== 'this';
      const secretsType = ts.isTypeReferenceNode(n) && /SecretStorage$/.test(n.typeName.getText());
      if (secretsType) offending.push(where(src, n));
      if (secretsAccess) {
        const ok = src.path.endsWith('client/src/extension.ts') && ts.isNewExpression(n.parent) && n.parent.expression.getText() === 'KeyStore';
        if (!ok) offending.push(where(src, n));
      }
    }
  }
  return offending;
}

/** Reads of the stored key (`keys.get()`) whose value goes anywhere but a safe use. */
function unsafeKeyReads(srcs: Source[]): { reads: string[]; unsafe: string[] } {
  const reads: string[] = [];
  const unsafe: string[] = [];
  for (const src of srcs) {
    for (const n of nodes(src.file)) {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'get' || n.arguments.length !== 0) continue;
      const receiver = n.expression.expression.getText();
      if (!/(^|\.)keys$/.test(receiver) && !(receiver === 'this' && src.path.endsWith('keyStore.ts'))) continue;
      reads.push(src.path);
      const outer = unwrap(n);
      if (ts.isVariableDeclaration(outer.parent) && outer.parent.initializer === outer) {
        for (const use of usesOf(outer.parent)) if (!safeUse(use)) unsafe.push(where(src, use));
      } else if (!safeUse(n)) {
        unsafe.push(where(src, n));
      }
    }
  }
  return { reads, unsafe };
}

/** Uses of the typed key (the input box's value, its trimmed copy, validateInput's parameter). */
function unsafeTypedKeyUses(src: Source): { checked: number; unsafe: string[] } {
  const unsafe: string[] = [];
  let checked = 0;
  for (const n of nodes(src.file)) {
    if (ts.isVariableDeclaration(n) && n.initializer && /showInputBox|\.trim\(\)/.test(n.initializer.getText())) {
      checked++;
      for (const use of usesOf(n)) if (!safeUse(use)) unsafe.push(where(src, use));
    }
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'validateInput' && ts.isArrowFunction(n.initializer)) {
      for (const param of n.initializer.parameters) {
        checked++;
        for (const use of usesOf(param)) if (!safeUse(use)) unsafe.push(where(src, use));
      }
    }
  }
  return { checked, unsafe };
}

/** `<anything>.apiKey` used anywhere but a safe use. */
function unsafeApiKeyProperties(srcs: Source[]): { uses: number; unsafe: string[] } {
  const unsafe: string[] = [];
  let uses = 0;
  for (const src of srcs) {
    for (const n of nodes(src.file)) {
      if (!ts.isPropertyAccessExpression(n) || n.name.text !== 'apiKey') continue;
      uses++;
      if (!safeUse(n)) unsafe.push(where(src, n));
    }
  }
  return { uses, unsafe };
}

/** Files writing the "x-api-key" literal. */
function headerPlaces(srcs: Source[]): string[] {
  const places: string[] = [];
  for (const src of srcs) {
    for (const n of nodes(src.file)) if (ts.isStringLiteral(n) && n.text.toLowerCase() === 'x-api-key') places.push(src.path);
  }
  return places;
}

/** Writes to settings, files, or state other than the submission records. */
function persistentWrites(srcs: Source[]): string[] {
  const offending: string[] = [];
  for (const src of srcs) {
    for (const n of nodes(src.file)) {
      if (ts.isImportDeclaration(n) && /^['"](node:)?fs(\/promises)?['"]$/.test(n.moduleSpecifier.getText())) offending.push(`${src.path}: imports fs`);
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && /^['"](node:)?fs/.test(n.arguments[0]?.getText() ?? '')) offending.push(`${src.path}: requires fs`);
      if (ts.isIdentifier(n) && n.text === 'ConfigurationTarget') offending.push(where(src, n));
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
        const method = n.expression.name.text;
        const receiver = n.expression.expression.getText();
        // Hash.update (createHmac(...).update(...)) feeds a digest; it writes nothing.
        const hashing = /createHmac\(|createHash\(/.test(receiver);
        // The submission records (content-free, see the tests below) are the state the client keeps.
        // So is the walkthrough's one boolean (walkthrough/firstStart.ts: opened once).
        const stateStore =
          (src.path.endsWith('record/submissionRecords.ts') && (receiver === 'this.store' || receiver === 'store')) ||
          (src.path.endsWith('walkthrough/firstStart.ts') && receiver === 'this.store');
        // The copy-forward index (hashes and offsets, in memory) is fed by its feed alone.
        const memoryIndex = src.path.endsWith('copyForward/copyForwardFeed.ts') && receiver === 'this.index';
        if (method === 'update' && !hashing && !stateStore && !memoryIndex) offending.push(where(src, n));
        if (/^(writeFile|appendFile|createWriteStream|writeFileSync|appendFileSync|rename|copy|createDirectory)$/.test(method) && /\bfs\b/.test(receiver)) offending.push(where(src, n));
      }
    }
  }
  return offending;
}

describe('the API key flows only into SecretStorage and the request header (static, client/src)', () => {
  it('finds the client sources', () => {
    assert.ok(all.length >= 15, `only ${all.length} files`);
    assert.ok(all.some((s) => s.path.endsWith('submit/submitFlow.ts')));
  });

  it('SecretStorage is used by keyStore.ts alone (extension.ts only hands context.secrets to it)', () => {
    assert.deepEqual(secretStorageUses(all), []);
  });

  it('every read of the stored key goes to apiKeyKind or, once, to the submission flow', () => {
    const { reads, unsafe } = unsafeKeyReads(all);
    assert.ok(reads.some((p) => p.endsWith('submit/register.ts')), 'the submit command reads the key');
    assert.deepEqual(unsafe, []);
  });

  it('the typed key goes only to the shape check and SecretStorage', () => {
    const src = all.find((s) => s.path.endsWith('apiKey/setApiKeyCommand.ts'));
    assert.ok(src);
    const { checked, unsafe } = unsafeTypedKeyUses(src);
    assert.ok(checked >= 3, `only ${checked} bindings of the typed key found`);
    assert.deepEqual(unsafe, []);
  });

  it('inside the submission core, request.apiKey reaches only the header, the kind and the redaction list', () => {
    const { uses, unsafe } = unsafeApiKeyProperties(all);
    assert.ok(uses >= 4, `only ${uses} uses`);
    assert.deepEqual(unsafe, []);
  });

  it('x-api-key is written in one place, the one ClinikAPI client, and its headers go only to the transport', () => {
    assert.deepEqual(headerPlaces(all), ['client/src/api/clinikApi.ts']);
    for (const [file, sender] of [['api/clinikApi.ts', 'transport']] as const) {
      const flow = all.find((s) => s.path.endsWith(file))!;
      const headers = nodes(flow.file).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText() === 'headers');
      assert.ok(headers, file);
      for (const use of usesOf(headers)) {
        const p = use.parent;
        const ok = ts.isShorthandPropertyAssignment(p) && ts.isCallExpression(p.parent.parent) && calleeName(p.parent.parent) === sender;
        assert.ok(ok, `headers used at ${where(flow, use)}`);
      }
    }
  });

  it('the client never writes settings, files, or any state but the submission records', () => {
    assert.deepEqual(persistentWrites(all), []);
  });

  it('the language server never sees the key: server/src names no key, secret or header', () => {
    const offending: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|js)$/.test(name) && /apiKey|x-api-key|SecretStorage|\.secrets\b|clk_(test|live)_/i.test(readFileSync(path, 'utf8'))) offending.push(relative(root, path));
      }
    };
    walk(join(root, 'server', 'src'));
    assert.deepEqual(offending, []);
  });

  it('a submission record keeps ids, times, the target, its state and a keyed hash of the content: never content, titles or names', () => {
    const src = all.find((s) => s.path.endsWith('record/submissionRecords.ts'))!;
    const entry = nodes(src.file).find((n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === 'SubmissionRecord');
    assert.deepEqual(entry?.members.map((m) => m.name?.getText()).sort(), [
      'action', 'checkedAt', 'claimedAt', 'documentId', 'file', 'fingerprint', 'key', 'keyKind', 'origin', 'requestId', 'searches', 'sentAt', 'settleAt', 'state', 'time', 'window',
    ]);
    // What the store writes is always a Stored: the salt and the records.
    const stored = nodes(src.file).find((n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === 'Stored');
    assert.deepEqual(stored?.members.map((m) => m.name?.getText()).sort(), ['records', 'salt']);
  });
});

/** The rules catch what they are for: each leak below, written as code would, is found. */
describe('the static rules catch leaks (self-test on code written to leak)', () => {
  const source = (path: string, text: string): Source => ({ path, file: ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true) });

  it('a stored key read and logged, shown, or put in settings', () => {
    for (const leak of [
      'output.appendLine(`key ${apiKey}`);',
      'void vscode.window.showErrorMessage(apiKey);',
      'await vscode.workspace.getConfiguration("clinikapi").update("key", apiKey);',
      'console.log(apiKey);',
      'const copy = apiKey;',
    ]) {
      const src = source('client/src/commands/leaky.ts', `async function f(services: any) {\n  const apiKey = await services.keys.get();\n  ${leak}\n  await submitDocument({ apiKey }, deps);\n}`);
      assert.equal(unsafeKeyReads([src]).unsafe.length, 1, leak);
    }
  });

  it('a typed key echoed back', () => {
    const src = source(
      'client/src/apiKey/setApiKeyCommand.ts',
      'async function f(keys: any) {\n  const key = await vscode.window.showInputBox({ validateInput: (v) => `bad: ${v}` });\n  const trimmed = key.trim();\n  await keys.set(trimmed);\n  vscode.window.showInformationMessage(`saved ${trimmed}`);\n}',
    );
    assert.equal(unsafeTypedKeyUses(src).unsafe.length, 2);
  });

  it('request.apiKey in a log line, SecretStorage elsewhere, a second header, a settings or file write', () => {
    assert.equal(unsafeApiKeyProperties([source('client/src/submission/x.ts', 'deps.log(`sending with ${req.apiKey}`);')]).unsafe.length, 1);
    assert.equal(secretStorageUses([source('client/src/apiKey/keyStatusBar.ts', 'const k = context.secrets.get("clinikapi.apiKey");')]).length, 1);
    assert.equal(headerPlaces([source('client/src/other.ts', 'const h = { "X-API-KEY": k };')]).length, 1);
    assert.equal(persistentWrites([source('client/src/a.ts', 'import { writeFileSync } from "node:fs";')]).length, 1);
    assert.equal(persistentWrites([source('client/src/a.ts', 'context.workspaceState.update("k", key);')]).length, 1);
    assert.equal(persistentWrites([source('client/src/a.ts', 'config.update("baseUrl", u, vscode.ConfigurationTarget.Global);')]).length, 2);
    assert.equal(persistentWrites([source('client/src/a.ts', 'await vscode.workspace.fs.writeFile(uri, bytes);')]).length, 1);
    assert.equal(persistentWrites([source('client/src/a.ts', 'createHmac("sha256", salt).update(text);')]).length, 0);
  });
});
