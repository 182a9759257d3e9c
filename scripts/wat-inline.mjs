// Inlining for the WebAssembly text kernels (scripts/build-wat.mjs): every call to a function marked `(@inline)`
// (an annotation, WebAssembly's syntax for tool metadata) is replaced by the function's body. Node 20's V8 does not
// inline WebAssembly calls, and the kernels call small functions (simd-math.wat's exp, sigmoid, tanh) in their
// innermost loops: as calls the LSTM's forward gate math took 30 % longer than the same code written out.
//
// A call `(call $f a b)` becomes `(block (result …) a b local.set $f.b local.set $f.a <zero $f's locals> <body>)`
// (calls to inline functions must be written folded, with their operands). The callee's
// parameters and locals become locals of the caller named `$f.x`, shared by all the caller's call sites of $f:
// safe because inline functions may not recurse, so no two activations of one are alive at once, and each inlined
// body starts by zeroing its locals as a call would. `br 0` at the body's top level leaves the block as it left the
// function; `return` is refused. The inline functions stay in the module as well (they are valid functions).
//
// The text is edited in place, so everything that is not a call keeps its text; the caller validates the
// original text with wabt first (its errors point at the source), then compiles this function's output.

/** An S-expression of the text: a list (with its children) or an atom, each with its [start, end) in the text. */
function parse(text) {
  const root = { list: true, items: [], start: 0, end: text.length };
  const stack = [root];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ';' && text[i + 1] === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '(' && text[i + 1] === ';') {
      let depth = 0;
      do {
        if (text.startsWith('(;', i)) (depth++, (i += 2));
        else if (text.startsWith(';)', i)) (depth--, (i += 2));
        else i++;
      } while (depth > 0 && i < text.length);
    } else if (ch === '(') {
      const node = { list: true, items: [], start: i, end: -1 };
      stack.at(-1).items.push(node);
      stack.push(node);
      i++;
    } else if (ch === ')') {
      const node = stack.pop();
      if (stack.length === 0) throw new Error(`unbalanced ')' at offset ${i}`);
      node.end = ++i;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      const start = i;
      if (ch === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        i++;
      } else {
        while (i < text.length && !/[\s()";]/.test(text[i])) i++;
      }
      stack.at(-1).items.push({ list: false, text: text.slice(start, i), start, end: i });
    }
  }
  if (stack.length !== 1) throw new Error('unbalanced (');
  return root;
}

const head = (node) => (node.list && node.items[0] && !node.items[0].list ? node.items[0].text : undefined);
const LOCAL_OPS = new Set(['local.get', 'local.set', 'local.tee']);
const HEADER = new Set(['export', 'import', 'type', 'param', 'result', 'local']);
const ZERO = { i32: '(i32.const 0)', i64: '(i64.const 0)', f32: '(f32.const 0)', f64: '(f64.const 0)', v128: '(v128.const i64x2 0 0)' };

/** A function's name, parameters, results, locals and the index of its first body item. */
function describe(fn) {
  const name = fn.items[1] && !fn.items[1].list && fn.items[1].text.startsWith('$') ? fn.items[1].text : undefined;
  const info = { node: fn, name, params: [], results: [], locals: [], inline: false, body: fn.items.length };
  for (let k = name ? 2 : 1; k < fn.items.length; k++) {
    const item = fn.items[k];
    const h = head(item);
    if (h === '@inline') info.inline = true;
    else if (h?.startsWith('@')) continue;
    else if (HEADER.has(h)) {
      const words = item.items.slice(1).map((a) => a.text);
      if (h === 'param' || h === 'local') {
        const named = words[0]?.startsWith('$');
        if (info.inline && !named) throw new Error(`inline function ${name}: name its ${h}s`);
        (h === 'param' ? info.params : info.locals).push(...(named ? [{ name: words[0], type: words[1] }] : words.map((type) => ({ type }))));
      } else if (h === 'result') info.results.push(...words);
    } else {
      info.body = k;
      break;
    }
  }
  return info;
}

/** The text with every call to an `(@inline)` function replaced by its body. */
export function inlineCalls(text) {
  const root = parse(text);
  const fields = root.items.length === 1 && head(root.items[0]) === 'module' ? root.items[0].items : root.items;
  const funcs = fields.filter((f) => head(f) === 'func').map(describe);
  const inline = new Map(funcs.filter((f) => f.inline && f.name).map((f) => [f.name, f]));
  if (inline.size === 0) return text;

  /**
   * The text of `node` with calls inlined; `rename` maps the names of an inline body's own locals, `needed`
   * collects the `$f.x` locals the caller must declare, `active` the inline functions being expanded (recursion).
   */
  function rewrite(node, rename, needed, active) {
    if (!node.list) return node.text;
    const h = head(node);
    if (h === 'return' && active.length) throw new Error(`inline function ${active.at(-1)}: no return (end the body with its value)`);
    if (h === 'call' && inline.has(node.items[1]?.text)) {
      const args = node.items.slice(2).map((a) => rewrite(a, rename, needed, active));
      return expandCall(inline.get(node.items[1].text), args, needed, active);
    }
    return text.slice(node.start, node.items[0]?.start ?? node.end - 1) + rewriteSeq(node.items, rename, needed, active) + text.slice(node.items.at(-1)?.end ?? node.end - 1, node.end);
  }

  /** A sequence of items (a list's, or a function body's) with the original text between them. */
  function rewriteSeq(items, rename, needed, active) {
    return items
      .map((child, k) => {
        const prev = items[k - 1];
        const gap = k === 0 ? '' : text.slice(prev.end, child.start);
        if (!child.list && prev && !prev.list && prev.text === 'call' && inline.has(child.text))
          throw new Error(`call ${child.text}: write calls to inline functions folded, (call ${child.text} …operands)`);
        if (!child.list && prev && !prev.list && LOCAL_OPS.has(prev.text) && rename) {
          if (!rename.has(child.text)) throw new Error(`inline function ${active.at(-1)}: ${prev.text} ${child.text}: use the names of its params and locals`);
          return gap + rename.get(child.text);
        }
        return gap + rewrite(child, rename, needed, active);
      })
      .join('');
  }

  function expandCall(fn, args, needed, active) {
    if (active.includes(fn.name)) throw new Error(`inline function ${fn.name} calls itself (${[...active, fn.name].join(' → ')})`);
    if (args.length !== fn.params.length) throw new Error(`call ${fn.name}: ${args.length} operands for ${fn.params.length} params`);
    const prefix = fn.name + '.';
    const rename = new Map([...fn.params, ...fn.locals].map((l) => [l.name, prefix + l.name.slice(1)]));
    for (const l of [...fn.params, ...fn.locals]) needed.set(rename.get(l.name), l.type);
    const body = rewriteSeq(fn.node.items.slice(fn.body), rename, needed, [...active, fn.name]);
    return [
      `(block ${fn.results.map((r) => `(result ${r})`).join(' ')}`,
      ...args,
      ...fn.params.toReversed().map((p) => `local.set ${rename.get(p.name)}`),
      ...fn.locals.map((l) => `(local.set ${rename.get(l.name)} ${ZERO[l.type] ?? fail(`inline function ${fn.name}: local of type ${l.type}`)})`),
      body,
    ].join(' ') + ')';
  }

  // Edit the callers (every function that is not itself inline), from the end of the text so offsets hold.
  const edits = [];
  for (const fn of funcs.filter((f) => !f.inline)) {
    const needed = new Map();
    const body = fn.node.items.slice(fn.body);
    const rewritten = rewriteSeq(body, undefined, needed, []);
    if (needed.size === 0) continue;
    const declarations = [...needed].map(([name, type]) => `(local ${name} ${type})`).join(' ');
    edits.push({ start: body[0].start, end: body.at(-1).end, text: `${declarations}\n${rewritten}` });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;

}

function fail(message) {
  throw new Error(message);
}
