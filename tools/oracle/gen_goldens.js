#!/usr/bin/env node
'use strict';
// Records golden cases with the pinned @tensorflow/tfjs 4.22.0 on the cpu backend.
//
//   node gen_goldens.js                 # every cases/*.js
//   node gen_goldens.js slice_join ...  # only these categories
//   node gen_goldens.js --keep-going X  # write the file even when some cases throw (they are left out)
//   node gen_goldens.js --check X       # run the cases, write nothing
//
// Output: ../../tests/goldens/<category>.jsonl (format of /work/shared/conformance/README.md),
// ../../tests/goldens/errors/<category>.jsonl (cases with `expect_error: true`), and a merged
// ../../tests/goldens/manifest.json.  See README.md next to this file.

const fs = require('fs');
const path = require('path');
const lib = require('./lib');

const HERE = __dirname;
const CASES_DIR = path.join(HERE, 'cases');
const OUT_DIR = path.resolve(HERE, '..', '..', 'tests', 'goldens');
const ERR_DIR = path.join(OUT_DIR, 'errors');
const GRAD_RTOL = 1e-3;
const GRAD_ATOL = 1e-4;
const CASE_FIELDS = new Set(['id', 'op', 'args', 'kwargs', 'js', 'kind', 'grad', 'py_name', 'py_aliases', 'rtol',
  'atol', 'compare', 'note', 'expect_error']);

let tf;

// ---------------------------------------------------------------------------------------------
// markers -> TF.js values
// ---------------------------------------------------------------------------------------------
function resolveDotted(root, dotted) {
  let obj = root;
  for (const part of dotted.split('.')) {
    if (obj == null || !(part in Object(obj))) throw new Error(`tf.${dotted} does not exist`);
    obj = obj[part];
  }
  return obj;
}

function resolveOp(op) {
  const parts = op.split('.');
  const fn = resolveDotted(tf, op);
  if (typeof fn !== 'function') throw new Error(`tf.${op} is not a function`);
  const owner = parts.length > 1 ? resolveDotted(tf, parts.slice(0, -1).join('.')) : tf;
  return fn.bind(owner);
}

function makeTensor(m) {
  if (m.dtype === 'complex64') {
    const n = m.data.length / 2;
    const re = [], im = [];
    for (let i = 0; i < n; i++) { re.push(m.data[2 * i]); im.push(m.data[2 * i + 1]); }
    return tf.complex(tf.tensor(re, m.shape, 'float32'), tf.tensor(im, m.shape, 'float32'));
  }
  return tf.tensor(m.data, m.shape, m.dtype);
}

function tensorlikeToJs(v, elem) {
  if (Array.isArray(v)) return v.map((x) => tensorlikeToJs(x, elem));
  if (elem === 'float' && typeof v === 'string') return lib.parseSpecial(v);
  return v;
}

function toJs(v, xs) {
  if (v === undefined || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => toJs(x, xs));
  if (typeof v !== 'object') return v;
  if (lib.isMarker(v)) {
    switch (v[lib.MARK]) {
      case 'tensor': return makeTensor(v);
      case 'float': return v.v;
      case 'tensorlike': return tensorlikeToJs(v.value, v.elem);
      case 'grad_input':
        if (!xs) throw new Error('h.gradInput() outside a gradient case');
        if (v.k >= xs.length) throw new Error(`h.gradInput(${v.k}) but only ${xs.length} inputs`);
        return xs[v.k];
      case 'attr': return resolveDotted(tf, v.name);
      case 'constant_fn': return () => v.v;
      case 'callable': {
        const fn = resolveOp(v.op);
        const cargs = toJs(v.args, xs);
        return (...rest) => fn(...cargs, ...rest);
      }
      default: throw new Error('unknown marker ' + v[lib.MARK]);
    }
  }
  if (v instanceof tf.Tensor) return v;
  const out = {};
  for (const k of Object.keys(v)) out[k] = toJs(v[k], xs);
  return out;
}

function kwargsToJs(kwargs, xs) {
  const out = {};
  for (const k of Object.keys(kwargs)) out[lib.camel(k)] = toJs(kwargs[k], xs);
  return out;
}

function kwargsToGolden(kwargs) {
  const out = {};
  for (const k of Object.keys(kwargs)) out[lib.snake(k)] = lib.encodeArg(kwargs[k]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// TF.js outputs -> golden JSON
// ---------------------------------------------------------------------------------------------
async function encodeOutput(v, omitData) {
  if (v instanceof tf.Tensor) {
    const data = v.dtype === 'string' ? v.dataSync() : await v.data();
    return lib.encodeTensorData(v.dtype, v.shape, data, {omitData});
  }
  if (Array.isArray(v)) {
    const out = [];
    for (const x of v) out.push(await encodeOutput(x, omitData));
    return out;
  }
  if (typeof v === 'number') {
    return Number.isFinite(v) && !Object.is(v, -0) ? v : {float: lib.encFloat(v)};
  }
  if (v !== null && typeof v === 'object') {
    const fields = {};
    for (const k of Object.keys(v)) fields[lib.snake(k)] = await encodeOutput(v[k], omitData);
    return {fields};
  }
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  throw new Error('cannot encode output ' + String(v));
}

// The recorded values are omitted for random ops: make sure TF.js itself meets the stated properties.
async function checkShapeDtype(v, mode) {
  if (Array.isArray(v)) { for (const x of v) await checkShapeDtype(x, mode); return; }
  if (!(v instanceof tf.Tensor)) return;
  const d = Array.from(await v.data(), Number);
  for (const x of d) {
    if (mode.finite && !Number.isFinite(x)) throw new Error(`compare.finite violated by TF.js: ${x}`);
    if (mode.min !== undefined && x < mode.min - 1e-6) throw new Error(`compare.min violated by TF.js: ${x}`);
    if (mode.max !== undefined && x > mode.max + 1e-6) throw new Error(`compare.max violated by TF.js: ${x}`);
    if (mode.integer && x !== Math.round(x)) throw new Error(`compare.integer violated by TF.js: ${x}`);
  }
}

function selectOutput(r, sel) {
  if (sel === undefined || sel === null) return r;
  if (typeof sel === 'number') return r[sel];
  if (sel in r) return r[sel];
  const c = lib.camel(sel);
  if (c in r) return r[c];
  throw new Error(`output has no field ${sel}`);
}

// ---------------------------------------------------------------------------------------------
// running a case
// ---------------------------------------------------------------------------------------------
function defaultJs(c) {
  if (c.kwargs && Object.keys(c.kwargs).length) {
    throw new Error(`case ${c.id}: kwargs given without a js function (say how TF.js is called)`);
  }
  const fn = resolveOp(c.op);
  return (tfm, args) => fn(...args);
}

async function runCase(c) {
  const kwargs = c.kwargs || {};
  const jsFn = c.js || defaultJs(c);
  const isGrad = c.kind === 'grad';
  const omit = !!(c.compare && (c.compare.mode === 'shape_dtype' || c.compare.mode === 'dropout'));
  if (!isGrad) {
    const out = await jsFn(tf, toJs(c.args || []), kwargsToJs(kwargs));
    if (omit && c.compare.mode === 'shape_dtype') await checkShapeDtype(out, c.compare);
    return encodeOutput(out, omit);
  }
  const g = c.grad;
  if (!g || !['grad', 'grads'].includes(g.mode) || !Array.isArray(g.xs) || !g.xs.length) {
    throw new Error(`case ${c.id}: a gradient case needs grad: {mode: 'grad'|'grads', xs: [...], dy?}`);
  }
  const xs = g.xs.map(makeTensor);
  const dy = g.dy ? makeTensor(g.dy) : undefined;
  const sel = g.select;
  const f = (...ts) => selectOutput(jsFn(tf, toJs(c.args || [], ts), kwargsToJs(kwargs, ts)), sel);
  let res;
  if (g.mode === 'grad') {
    if (xs.length !== 1) throw new Error(`case ${c.id}: mode 'grad' takes exactly one x`);
    res = dy === undefined ? tf.grad(f)(xs[0]) : tf.grad(f)(xs[0], dy);
  } else {
    res = dy === undefined ? tf.grads(f)(xs) : tf.grads(f)(xs, dy);
  }
  return encodeOutput(res, false);
}

function goldenLine(c, category, expected) {
  const isGrad = c.kind === 'grad';
  const o = {
    id: c.id,
    op: c.op,
    py_name: c.py_name || lib.pyName(c.op),
  };
  if (c.py_aliases) o.py_aliases = c.py_aliases;
  o.category = isGrad ? 'grad' : category;
  o.kind = isGrad ? 'grad' : 'forward';
  o.args = lib.encodeArg(c.args || []);
  o.kwargs = kwargsToGolden(c.kwargs || {});
  const rtol = c.rtol !== undefined ? c.rtol : (isGrad ? GRAD_RTOL : undefined);
  const atol = c.atol !== undefined ? c.atol : (isGrad ? GRAD_ATOL : undefined);
  if (rtol !== undefined) o.rtol = rtol;
  if (atol !== undefined) o.atol = atol;
  if (c.compare) o.compare = c.compare;
  if (c.note) o.note = c.note;
  if (isGrad) {
    o.grad = {
      mode: c.grad.mode,
      xs: c.grad.xs.map((x) => lib.encodeArg(x)),
      dy: c.grad.dy ? lib.encodeArg(c.grad.dy) : null,
      select: c.grad.select === undefined || c.grad.select === null
        ? null : (typeof c.grad.select === 'string' ? lib.snake(c.grad.select) : c.grad.select),
    };
  }
  if (expected === undefined) o.expect_error = true;
  else o.expected = expected;
  return o;
}

function validateCase(c, i, category) {
  const where = `${category}.js case #${i}${c && c.id ? ` (${c.id})` : ''}`;
  if (!c || typeof c !== 'object') throw new Error(`${where}: not an object`);
  if (typeof c.id !== 'string' || !c.id) throw new Error(`${where}: missing id`);
  if (typeof c.op !== 'string' || !c.op) throw new Error(`${where}: missing op`);
  for (const k of Object.keys(c)) if (!CASE_FIELDS.has(k)) throw new Error(`${where}: unknown field ${k}`);
  if (c.kind !== undefined && !['forward', 'grad'].includes(c.kind)) throw new Error(`${where}: bad kind ${c.kind}`);
  if (c.kind === 'grad' && !c.id.startsWith('grad/')) throw new Error(`${where}: gradient ids start with grad/`);
  if (c.args !== undefined && !Array.isArray(c.args)) throw new Error(`${where}: args must be a list`);
}

async function runCategory(category, opts) {
  const file = path.join(CASES_DIR, category + '.js');
  delete require.cache[require.resolve(file)];
  const factory = require(file);
  if (typeof factory !== 'function') throw new Error(`${file} must export (h) => [cases]`);
  const cases = factory(lib.makeHelpers(category));
  if (!Array.isArray(cases)) throw new Error(`${file}: the factory must return a list of cases`);
  const seen = new Set();
  const lines = [], errLines = [], failures = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    validateCase(c, i, category);
    if (seen.has(c.id)) throw new Error(`${category}: duplicate case id ${c.id}`);
    seen.add(c.id);
    tf.engine().startScope();
    let expected, error;
    try {
      expected = await runCase(c);
    } catch (e) {
      error = e;
    } finally {
      tf.engine().endScope();
    }
    if (error && error.oracleMalformed) {
      failures.push(`${c.id}: ${error.message} (a TF.js bug: leave the case out and say so in a comment)`);
      continue;
    }
    if (c.expect_error) {
      if (!error) {
        failures.push(`${c.id}: expect_error is set but TF.js did not throw`);
        continue;
      }
      const o = goldenLine(c, category, undefined);
      o.error = String(error && error.message || error).split('\n')[0].slice(0, 300);
      errLines.push(o);
      continue;
    }
    if (error) {
      failures.push(`${c.id}: TF.js threw: ${String(error && error.message || error).split("\n")[0]}` + (process.env.ORACLE_DEBUG ? "\n" + error.stack : ""));
      continue;
    }
    lines.push(goldenLine(c, category, expected));
  }
  return {lines, errLines, failures};
}

function summarize(category, lines) {
  const ops = {};
  for (const l of lines) {
    const e = ops[l.op] || (ops[l.op] = {py_name: l.py_name, forward: 0, grad: 0});
    e[l.kind === 'grad' ? 'grad' : 'forward'] += 1;
  }
  const sorted = {};
  for (const k of Object.keys(ops).sort()) sorted[k] = ops[k];
  return {
    cases: lines.length,
    forward: lines.filter((l) => l.kind !== 'grad').length,
    grad: lines.filter((l) => l.kind === 'grad').length,
    ops: sorted,
  };
}

function writeManifest(updates) {
  const mpath = path.join(OUT_DIR, 'manifest.json');
  let old = {};
  if (fs.existsSync(mpath)) {
    try { old = JSON.parse(fs.readFileSync(mpath, 'utf8')); } catch (e) { old = {}; }
  }
  const cats = Object.assign({}, old.categories || {}, updates);
  // drop categories whose golden file is gone
  for (const k of Object.keys(cats)) if (!fs.existsSync(path.join(OUT_DIR, k + '.jsonl'))) delete cats[k];
  const sortedCats = {};
  for (const k of Object.keys(cats).sort()) sortedCats[k] = cats[k];
  const ops = {};
  for (const [cat, info] of Object.entries(sortedCats)) {
    for (const [op, o] of Object.entries(info.ops || {})) {
      const e = ops[op] || (ops[op] = {py_name: o.py_name, forward: 0, grad: 0, categories: []});
      e.forward += o.forward;
      e.grad += o.grad;
      if (!e.categories.includes(cat)) e.categories.push(cat);
    }
  }
  const sortedOps = {};
  for (const k of Object.keys(ops).sort()) sortedOps[k] = ops[k];
  const manifest = {
    generator: 'tools/oracle/gen_goldens.js',
    tfjs_version: tf.version.tfjs || tf.version_core,
    backend: tf.getBackend(),
    n_cases: Object.values(sortedCats).reduce((a, c) => a + c.cases, 0),
    n_ops: Object.keys(sortedOps).length,
    categories: sortedCats,
    ops: sortedOps,
  };
  fs.writeFileSync(mpath, JSON.stringify(manifest, null, 1) + '\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const keepGoing = argv.includes('--keep-going');
  const checkOnly = argv.includes('--check');
  let cats = argv.filter((a) => !a.startsWith('--')).map((a) => a.replace(/\.js$/, '').replace(/^.*\//, ''));
  if (!cats.length) cats = fs.readdirSync(CASES_DIR).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();

  // quiet TF.js's "install tfjs-node" banner; the cpu backend is what the checker matches
  for (const k of ['log', 'warn', 'info']) {
    const orig = console[k];
    console[k] = (...a) => {
      const s = a.map(String).join(' ');
      if (/^=+$|Hi, looks like you are running TensorFlow\.js in Node|Hi there|tfjs-node/.test(s.trim())) return;
      orig(...a);
    };
  }
  tf = require('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  await tf.ready();
  if (tf.version.tfjs !== '4.22.0') throw new Error(`expected @tensorflow/tfjs 4.22.0, got ${tf.version.tfjs}`);

  fs.mkdirSync(OUT_DIR, {recursive: true});
  const updates = {};
  let bad = 0;
  for (const cat of cats) {
    let res;
    try {
      res = await runCategory(cat, {});
    } catch (e) {
      console.error(`${cat}: ${e.stack || e}`);
      bad++;
      continue;
    }
    for (const f of res.failures) console.error(`ERROR ${cat}: ${f}`);
    if (res.failures.length) bad++;
    const leaked = tf.memory().numTensors;
    if (res.failures.length && !keepGoing) {
      console.error(`${cat}: ${res.failures.length} case(s) failed; nothing written (use --keep-going to write the rest)`);
      continue;
    }
    const summary = summarize(cat, res.lines);
    console.log(`${cat}: ${summary.forward} forward + ${summary.grad} grad cases, ${Object.keys(summary.ops).length} ops` +
      (res.errLines.length ? `, ${res.errLines.length} expected-error cases` : '') +
      (leaked ? ` (${leaked} TF.js tensors alive)` : ''));
    if (checkOnly) continue;
    fs.writeFileSync(path.join(OUT_DIR, cat + '.jsonl'), res.lines.map((l) => JSON.stringify(l)).join('\n') + (res.lines.length ? '\n' : ''));
    const epath = path.join(ERR_DIR, cat + '.jsonl');
    if (res.errLines.length) {
      fs.mkdirSync(ERR_DIR, {recursive: true});
      fs.writeFileSync(epath, res.errLines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    } else if (fs.existsSync(epath)) {
      fs.unlinkSync(epath);
    }
    updates[cat] = summary;
  }
  if (!checkOnly && Object.keys(updates).length) writeManifest(updates);
  process.exitCode = bad ? 1 : 0;
}

main().catch((e) => { console.error(e.stack || e); process.exit(2); });
