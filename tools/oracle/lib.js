'use strict';
// Helper API (`h`) for the golden case files in ./cases, plus the value encoders shared by
// gen_goldens.js.  A case file is `module.exports = (h) => [case, ...]`; the helpers below return
// plain marker objects that gen_goldens.js turns into TF.js values (to run the case) and into the
// golden JSON encoding of /work/shared/conformance/README.md ("Golden format").
//
// Every generated value is deterministic: h.rand/h.ints/h.bools draw from a seeded mulberry32
// stream, and floats lie on a grid of multiples of 1/32, so they are exact in float32 and in JSON.

const MARK = '__h';
const B64_THRESHOLD = 512;

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function strHash(s) {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

function sizeOf(shape) {
  if (!Array.isArray(shape)) throw new Error('shape must be an array, got ' + JSON.stringify(shape));
  return shape.reduce((a, b) => a * b, 1);
}

function parseSpecial(v) {
  if (typeof v !== 'string') return v;
  switch (v) {
    case 'NaN': return NaN;
    case 'Infinity': case 'inf': return Infinity;
    case '-Infinity': case '-inf': return -Infinity;
    case '-0': return -0;
    default: throw new Error('unknown special float ' + JSON.stringify(v));
  }
}

const DTYPES = ['float32', 'int32', 'bool', 'complex64', 'string'];

function tensorMarker(dtype, shape, data) {
  if (!DTYPES.includes(dtype)) throw new Error('unknown dtype ' + dtype);
  const n = sizeOf(shape);
  const want = dtype === 'complex64' ? 2 * n : n;
  if (data.length !== want) {
    throw new Error(`tensor of shape [${shape}] (${dtype}) needs ${want} values, got ${data.length}`);
  }
  return {[MARK]: 'tensor', dtype, shape: shape.slice(), data};
}

// Build the `h` helper object.  `category` seeds the default stream so that cases without an
// explicit seed are still reproducible (they depend only on their order within the file).
function makeHelpers(category) {
  let autoSeed = strHash(String(category || '')) % 100000;
  const nextSeed = () => (autoSeed++);

  function gridFloat(rng, min, max) {
    const lo = Math.ceil(min * 32), hi = Math.floor(max * 32);
    if (hi < lo) throw new Error(`empty range [${min}, ${max}]`);
    return (lo + Math.floor(rng() * (hi - lo + 1))) / 32;
  }

  const h = {
    // Float tensor (default float32) with values on the 1/32 grid in [min, max].
    rand(shape, opts = {}) {
      const {dtype = 'float32', seed = nextSeed(), min = -3, max = 3} = opts;
      const rng = mulberry32(seed * 7919 + 17);
      const n = sizeOf(shape);
      let data;
      if (dtype === 'float32') data = Array.from({length: n}, () => gridFloat(rng, min, max));
      else if (dtype === 'complex64') data = Array.from({length: 2 * n}, () => gridFloat(rng, min, max));
      else if (dtype === 'int32') {
        const lo = Math.ceil(min), hi = Math.floor(max);
        data = Array.from({length: n}, () => lo + Math.floor(rng() * (hi - lo + 1)));
      } else if (dtype === 'bool') data = Array.from({length: n}, () => rng() < 0.5);
      else throw new Error('h.rand: unsupported dtype ' + dtype);
      return tensorMarker(dtype, shape, data);
    },
    // int32 tensor with values in [lo, hi] (both inclusive).
    ints(shape, lo = 0, hi = 10, opts = {}) {
      const {seed = nextSeed()} = opts;
      const rng = mulberry32(seed * 7919 + 23);
      const n = sizeOf(shape);
      return tensorMarker('int32', shape, Array.from({length: n}, () => lo + Math.floor(rng() * (hi - lo + 1))));
    },
    bools(shape, opts = {}) {
      const {seed = nextSeed()} = opts;
      const rng = mulberry32(seed * 7919 + 29);
      return tensorMarker('bool', shape, Array.from({length: sizeOf(shape)}, () => rng() < 0.5));
    },
    // Explicit values; 'NaN', 'Infinity', '-Infinity', '-0' strings are allowed for floats.
    // complex64 data is interleaved [re0, im0, ...]; string data is a list of strings.
    vals(dtype, shape, flat) {
      if (!Array.isArray(flat)) flat = [flat];
      let data;
      if (dtype === 'float32' || dtype === 'complex64') data = flat.map((v) => Math.fround(parseSpecial(v)));
      else if (dtype === 'int32') data = flat.map((v) => { if (!Number.isInteger(v)) throw new Error('h.vals int32: ' + v); return v | 0; });
      else if (dtype === 'bool') data = flat.map((v) => !!v);
      else if (dtype === 'string') data = flat.map((v) => String(v));
      else throw new Error('h.vals: unknown dtype ' + dtype);
      return tensorMarker(dtype, shape, data);
    },
    // A Python float argument (JSON would read 2.0 as an int).
    float(v) { return {[MARK]: 'float', v: parseSpecial(v)}; },
    // Raw TensorLike data (nested JS arrays / scalars); elem: 'float' | 'int' | 'bool' | 'str'.
    tensorlike(value, elem = 'float') { return {[MARK]: 'tensorlike', value, elem}; },
    // The k-th argument of the differentiated function (gradient cases only).
    gradInput(k) { return {[MARK]: 'grad_input', k}; },
    // A package attribute such as 'Reduction.SUM' (tf.Reduction.SUM in TF.js).
    attr(name) { return {[MARK]: 'attr', name}; },
    // A function returning a constant (e.g. randFunction of tf.rand).
    constantFn(v) { return {[MARK]: 'constant_fn', v}; },
    // A function calling op(...args, ...rest) (e.g. the lstmCells of multiRNNCell).
    callable(op, args = [], opts = {}) { return {[MARK]: 'callable', op, args, py_name: opts.py_name || pyName(op)}; },
    // An explicit "skipped optional parameter" (undefined in TF.js, None in Python).
    skip() { return undefined; },
  };
  return h;
}

// ---------------------------------------------------------------------------------------------
// names
// ---------------------------------------------------------------------------------------------
function snake(name) {
  // acronyms are one word: isNaN -> is_nan, batchToSpaceND -> batch_to_space_nd, grayscaleToRGB -> grayscale_to_rgb
  return name.replace(/NaN/g, 'Nan').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase();
}

// TF.js name -> python name: namespaces kept, each part snake_cased.
function pyName(op) {
  return op.split('.').map(snake).join('.');
}

function camel(name) {
  return name.replace(/_([a-z\d])/g, (m, c) => c.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// encoding values into golden JSON
// ---------------------------------------------------------------------------------------------
function encFloat(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  // shortest decimal that round-trips through float32
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}

function b64Of(dtype, data) {
  let buf;
  if (dtype === 'float32' || dtype === 'complex64') buf = Buffer.from(new Float32Array(data).buffer);
  else if (dtype === 'int32') buf = Buffer.from(new Int32Array(data).buffer);
  else if (dtype === 'bool') buf = Buffer.from(Uint8Array.from(data, (b) => (b ? 1 : 0)).buffer);
  else throw new Error('no b64 for ' + dtype);
  return buf.toString('base64');
}

// A TF.js result that cannot be a valid tensor (a TF.js bug): never recorded, not even as an
// expected error.
function malformed(msg) {
  const e = new Error(msg);
  e.oracleMalformed = true;
  return e;
}

// Encode dtype/shape/flat data (JS array or typed array) as a golden tensor.
function encodeTensorData(dtype, shape, flat, opts = {}) {
  if (!Array.from(shape).every((d) => Number.isInteger(d) && d >= 0)) {
    throw malformed(`malformed TF.js tensor shape [${Array.from(shape)}]`);
  }
  const out = {tensor: true, dtype, shape: Array.from(shape)};
  if (opts.omitData) { out.data_omitted = true; return out; }
  const n = flat.length;
  const want = sizeOf(out.shape) * (dtype === 'complex64' ? 2 : 1);
  if (n !== want) throw malformed(`malformed TF.js tensor: shape [${out.shape}] with ${n} values`);
  if (dtype !== 'string' && n > B64_THRESHOLD) {
    out.b64 = b64Of(dtype, Array.from(flat, (v) => (dtype === 'bool' ? !!v : v)));
    return out;
  }
  if (dtype === 'float32' || dtype === 'complex64') out.data = Array.from(flat, encFloat);
  else if (dtype === 'int32') out.data = Array.from(flat, (v) => v | 0);
  else if (dtype === 'bool') out.data = Array.from(flat, (v) => !!v);
  else if (dtype === 'string') out.data = Array.from(flat, (v) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8')));
  else throw new Error('unknown dtype ' + dtype);
  return out;
}

function isMarker(v, kind) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v[MARK] !== undefined && (kind === undefined || v[MARK] === kind);
}

function encodeNumberArg(v) {
  if (Number.isFinite(v) && !Object.is(v, -0)) return v;
  return {float: encFloat(v)};
}

// Encode a case argument (markers, plain values, arrays, option objects).
function encodeArg(v) {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(encodeArg);
  if (typeof v === 'number') return encodeNumberArg(v);
  if (typeof v !== 'object') return v;
  if (isMarker(v)) {
    switch (v[MARK]) {
      case 'tensor': return encodeTensorData(v.dtype, v.shape, v.data);
      case 'float': return {float: encFloat(v.v)};
      case 'tensorlike': return {tensorlike: encodeTensorlike(v.value), elem: v.elem};
      case 'grad_input': return {grad_input: v.k};
      case 'attr': return {attr: v.name};
      case 'constant_fn': return {constant_fn: typeof v.v === 'number' && !Number.isInteger(v.v) ? {float: encFloat(v.v)} : v.v};
      case 'callable': return {callable: {op: v.op, py_name: v.py_name, args: encodeArg(v.args)}};
      default: throw new Error('unknown marker ' + v[MARK]);
    }
  }
  const out = {};
  for (const k of Object.keys(v)) out[k] = encodeArg(v[k]);
  return out;
}

function encodeTensorlike(v) {
  if (Array.isArray(v)) return v.map(encodeTensorlike);
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : encFloat(v);
  if (typeof v === 'string') return parseSpecialOrKeep(v);
  return v;
}

function parseSpecialOrKeep(s) { return s; }

module.exports = {
  MARK, B64_THRESHOLD, mulberry32, strHash, makeHelpers, snake, pyName, camel, encFloat,
  encodeTensorData, encodeArg, isMarker, parseSpecial,
};
