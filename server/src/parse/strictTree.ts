import type { Node } from 'jsonc-parser';

/**
 * The syntax tree jsonc-parser's `parseTree` builds, node for node (same types, offsets, lengths,
 * values, colon offsets, parents), for a text that is strict JSON; undefined as soon as the text
 * is anything else, and then the caller runs `parseTree`, which also reports the errors. Written
 * for speed on what ClinikDoc files are almost always: valid JSON, often large.
 *
 * Whitespace is only what JSON allows (space, tab, line feed, carriage return). Nesting is bounded
 * by the caller (parseDocument refuses text deeper than MAX_NESTING before parsing).
 */
export function strictParseTree(text: string): Node | undefined {
  const parser = new StrictParser(text);
  try {
    parser.skipWhitespace();
    const root = parser.value(undefined);
    parser.skipWhitespace();
    if (parser.pos !== text.length) return undefined;
    delete (root as { parent?: Node }).parent; // as parseTree leaves its root
    return root;
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  }
}

const NOT_STRICT = new Error('not strict JSON');

type Building = { -readonly [K in keyof Node]: Node[K] } & { children?: Node[] };

/** Where a string token ends, or where it stops being plain (an escape or a control character). */
const STRING_STOP = /["\\\u0000-\u001f]/g;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class StrictParser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  value(parent: Building | undefined): Building {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === 0x7b) return this.object(parent);
    if (c === 0x5b) return this.array(parent);
    if (c === 0x22) {
      const value = this.string();
      return { type: 'string', offset: start, length: this.pos - start, parent, value };
    }
    if (c === 0x74 && text.startsWith('true', start)) return this.keyword(parent, 4, true);
    if (c === 0x66 && text.startsWith('false', start)) return this.keyword(parent, 5, false);
    if (c === 0x6e && text.startsWith('null', start)) return this.keyword(parent, 4, null);
    NUMBER.lastIndex = start;
    const number = NUMBER.exec(text);
    if (!number) throw NOT_STRICT;
    this.pos = start + number[0].length;
    this.endOfWord();
    return { type: 'number', offset: start, length: number[0].length, parent, value: Number(number[0]) };
  }

  private keyword(parent: Building | undefined, length: number, value: boolean | null): Building {
    const offset = this.pos;
    this.pos += length;
    this.endOfWord();
    return { type: value === null ? 'null' : 'boolean', offset, length, parent, value };
  }

  /** A word (number or keyword) must not run on into letters or digits: `truex`, `01`. */
  private endOfWord(): void {
    const c = this.text.charCodeAt(this.pos);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x5f || c >= 0x80) {
      throw NOT_STRICT;
    }
  }

  /** A string token at `pos` (its opening quote); leaves `pos` after its closing quote. */
  private string(): string {
    const text = this.text;
    const start = this.pos;
    // Short strings (keys, ids) one character at a time; long ones (section texts) by regex.
    let end = start + 1;
    const shortEnd = Math.min(start + 64, text.length);
    while (end < shortEnd) {
      const c = text.charCodeAt(end);
      if (c === 0x22 || c === 0x5c || c < 0x20) break;
      end++;
    }
    if (end === shortEnd) {
      STRING_STOP.lastIndex = end;
      const stop = STRING_STOP.exec(text);
      if (!stop) throw NOT_STRICT;
      end = stop.index;
    }
    if (text.charCodeAt(end) === 0x22) {
      this.pos = end + 1;
      return text.substring(start + 1, end);
    }
    // Escapes: find the end, then let JSON.parse decode (and check) them.
    for (;;) {
      const c = text.charCodeAt(end);
      if (c === 0x5c) end += 2;
      else if (c === 0x22) break;
      else if (c < 0x20 || Number.isNaN(c)) throw NOT_STRICT;
      else end++;
    }
    this.pos = end + 1;
    try {
      return JSON.parse(text.substring(start, end + 1)) as string;
    } catch {
      throw NOT_STRICT;
    }
  }

  private object(parent: Building | undefined): Building {
    const text = this.text;
    const node: Building = { type: 'object', offset: this.pos, length: -1, parent, children: [] };
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      node.length = this.pos - node.offset;
      return node;
    }
    const children: Node[] = [];
    for (;;) {
      if (text.charCodeAt(this.pos) !== 0x22) throw NOT_STRICT;
      const keyStart = this.pos;
      // Every field in the literal and children as an exact pair: a smaller node than parseTree's,
      // whose colonOffset lands outside the object and whose children array is grown for 16.
      const property: Building = { type: 'property', offset: keyStart, length: -1, parent: node, children: undefined, colonOffset: -1 };
      children.push(property);
      const name = this.string();
      const key = { type: 'string', value: name, offset: keyStart, length: this.pos - keyStart, parent: property } as Building;
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) !== 0x3a) throw NOT_STRICT;
      property.colonOffset = this.pos;
      this.pos++;
      this.skipWhitespace();
      const value = this.value(property);
      property.children = [key, value];
      property.length = value.offset + value.length - property.offset;
      this.skipWhitespace();
      const c = text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipWhitespace();
      } else if (c === 0x7d) {
        this.pos++;
        node.length = this.pos - node.offset;
        node.children = children.slice(); // exact size: this one is kept with the document
        return node;
      } else {
        throw NOT_STRICT;
      }
    }
  }

  private array(parent: Building | undefined): Building {
    const text = this.text;
    const node: Building = { type: 'array', offset: this.pos, length: -1, parent, children: [] };
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      node.length = this.pos - node.offset;
      return node;
    }
    const children: Node[] = [];
    for (;;) {
      children.push(this.value(node));
      this.skipWhitespace();
      const c = text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipWhitespace();
      } else if (c === 0x5d) {
        this.pos++;
        node.length = this.pos - node.offset;
        node.children = children.slice();
        return node;
      } else {
        throw NOT_STRICT;
      }
    }
  }
}
