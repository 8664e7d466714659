'use strict';
// Writes the TF.js byte-compatibility fixtures of pytfjs.io into tests/fixtures/io/ (small,
// deterministic). Run: `cd tools/oracle && node io_fixtures.js`.
//
// What comes from real TF.js 4.22 (cpu backend):
//   dense_model/   a Sequential model saved with tf.io.withSaveHandler (model.json + one shard);
//                  expected.json holds model.getWeights() values.
//   tensors/       tf.io.encodeWeights of float32/int32/bool/complex64/string/scalar/empty tensors.
//   quantized/     weight bytes quantized uint8/uint16/float16 by the TF.js converter's algorithm
//                  (TF.js JS has no quantizer; quantize() below ports tensorflowjs/quantization.py:
//                  float64 arithmetic, range nudged so 0 is exact, round half to even), and the
//                  values that tf.io.decodeWeights gives for them.
//   shared_models.json  for each ../../shared/fixtures/tfjs_models model: sha256 of the float32/
//                  int32/uint8 bytes that tf.io.decodeWeights gives, over all weights in order.
// Float values are written as JSON numbers (exact for float32); NaN/Infinity as strings.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const tf = require('@tensorflow/tfjs');
const {mulberry32, randFloats, roundHalfEven, f32ToF16Bits} = require('./common');

const OUT = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'io');
const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'tfjs_models');

const num = (v) => (Object.is(v, -0) ? "-0" : Number.isFinite(v) ? v : String(v));
function writeJSON(p, obj) {
  fs.mkdirSync(path.dirname(p), {recursive: true});
  fs.writeFileSync(p, JSON.stringify(obj, null, 1) + '\n');
}
function writeModel(dir, modelJSON, data) {
  fs.mkdirSync(dir, {recursive: true});
  fs.writeFileSync(path.join(dir, 'group1-shard1of1.bin'), Buffer.from(data));
  writeJSON(path.join(dir, 'model.json'), modelJSON);
}
async function valuesOf(t) {
  if (t.dtype === 'string') return (await t.bytes()).map((b) => Buffer.from(b).toString('hex'));
  return Array.from(await t.data(), num);
}

// --- the converter's quantizer, ported (see header) ---
function quantizeAffine(vals, qdtype) {
  const qmax = qdtype === 'uint8' ? 255 : 65535;
  let lo = Infinity, hi = -Infinity;
  for (const v of vals) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const out = qdtype === 'uint8' ? new Uint8Array(vals.length) : new Uint16Array(vals.length);
  if (lo === hi) return {codes: out, meta: {min: lo, scale: 1.0}};
  const scale = (hi - lo) / qmax;
  let nmin = lo, nmax = hi;
  if (lo <= 0 && 0 <= hi) {
    const zero = roundHalfEven((0 - lo) / scale);
    nmin = -zero * scale;
    nmax = qmax * scale + nmin;
  }
  for (let i = 0; i < vals.length; i++) {
    const c = Math.min(Math.max(vals[i], nmin), nmax);
    out[i] = roundHalfEven((c - nmin) / scale);
  }
  return {codes: out, meta: {min: nmin, scale}};
}

async function denseModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 3, inputShape: [4], activation: 'relu', name: 'd1'}));
  model.add(tf.layers.dense({units: 2, name: 'd2'}));
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(randFloats(w.size, 100 + i), w.shape)));
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => { artifacts = a; return {modelArtifactsInfo: {}}; }));
  const dir = path.join(OUT, 'dense_model');
  const manifest = [{paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs}];
  const modelJSON = {modelTopology: artifacts.modelTopology, format: artifacts.format,
    generatedBy: artifacts.generatedBy, convertedBy: artifacts.convertedBy, weightsManifest: manifest};
  writeModel(dir, modelJSON, artifacts.weightData);
  const expected = {};
  const vals = model.getWeights();
  const names = artifacts.weightSpecs.map((s) => s.name);
  for (let i = 0; i < names.length; i++) expected[names[i]] = await valuesOf(vals[i]);
  writeJSON(path.join(dir, 'expected.json'), {specs: artifacts.weightSpecs, values: expected});
}

async function tensors() {
  const ts = [
    {name: 'f32', tensor: tf.tensor(randFloats(6, 1), [2, 3])},
    {name: 'f32_special', tensor: tf.tensor([0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4028234663852886e38], [7])},
    {name: 'i32', tensor: tf.tensor([0, 1, -1, 2147483647, -2147483648], [5], 'int32')},
    {name: 'b', tensor: tf.tensor([true, false, true], [3], 'bool')},
    {name: 'c64', tensor: tf.complex([1.5, -2], [0.25, 3])},
    {name: 'scalar', tensor: tf.scalar(7.5)},
    {name: 'empty', tensor: tf.zeros([0, 3])},
    {name: 's', tensor: tf.tensor(['hello', '', 'wörld ✓', '日本'], [2, 2], 'string')},
    {name: 's_scalar', tensor: tf.scalar('x')},
  ];
  const {data, specs} = await tf.io.encodeWeights(ts);
  const decoded = tf.io.decodeWeights(data, specs);
  const values = {};
  for (const s of specs) values[s.name] = await valuesOf(decoded[s.name]);
  const dir = path.join(OUT, 'tensors');
  writeModel(dir, {format: 'weights', generatedBy: 'io_fixtures.js',
    weightsManifest: [{paths: ['group1-shard1of1.bin'], weights: specs}]}, data);
  writeJSON(path.join(dir, 'expected.json'), {specs, values});
}

async function quantized() {
  const src = {
    w_mixed: {vals: randFloats(40, 7, -0.8, 1.3), shape: [5, 8]},
    w_pos: {vals: randFloats(12, 8, 0.5, 2.5), shape: [12]},
    w_neg: {vals: randFloats(6, 9, -3, -1), shape: [2, 3]},
    w_const: {vals: Float32Array.from([0.75, 0.75, 0.75]), shape: [3]},
    w_f16: {vals: Float32Array.from([0, -0, 1, -2.5, 65504, 65519.996, 65520, 1e-8, 6.1e-5, 3.14159, -1e6, Infinity, 5.960464477539063e-8]), shape: [13]},
  };
  const out = {};
  for (const qd of ['uint8', 'uint16', 'float16']) {
    const specs = [];
    const bufs = [];
    for (const [name, {vals, shape}] of Object.entries(src)) {
      if (qd !== 'float16' && name === 'w_f16') continue;
      let bytes, q;
      if (qd === 'float16') {
        const h = Uint16Array.from(vals, f32ToF16Bits);
        bytes = new Uint8Array(h.buffer);
        q = {dtype: qd, original_dtype: 'float32'};
      } else {
        const {codes, meta} = quantizeAffine(vals, qd);
        bytes = new Uint8Array(codes.buffer);
        q = {dtype: qd, min: meta.min, scale: meta.scale, original_dtype: 'float32'};
      }
      specs.push({name, shape, dtype: 'float32', quantization: q});
      bufs.push(bytes);
    }
    const total = bufs.reduce((a, b) => a + b.length, 0);
    const data = new Uint8Array(total);
    let off = 0;
    for (const b of bufs) { data.set(b, off); off += b.length; }
    const decoded = tf.io.decodeWeights(data.buffer, specs);
    const values = {};
    for (const s of specs) values[s.name] = await valuesOf(decoded[s.name]);
    const dir = path.join(OUT, 'quantized_' + qd);
    writeModel(dir, {format: 'weights', generatedBy: 'io_fixtures.js',
      weightsManifest: [{paths: ['group1-shard1of1.bin'], weights: specs}]}, data);
    out[qd] = values;
    writeJSON(path.join(dir, 'expected.json'), {specs, values});
  }
  const inputs = {};
  for (const [name, {vals, shape}] of Object.entries(src)) inputs[name] = {shape, values: Array.from(vals, num)};
  writeJSON(path.join(OUT, 'quantized_inputs.json'), inputs);
}

async function sharedModels() {
  if (!fs.existsSync(SHARED)) return;
  const out = {};
  for (const name of fs.readdirSync(SHARED).sort()) {
    const mj = path.join(SHARED, name, 'model.json');
    if (!fs.existsSync(mj)) continue;
    const modelJSON = JSON.parse(fs.readFileSync(mj, 'utf8'));
    const specs = [], bufs = [];
    for (const g of modelJSON.weightsManifest) {
      specs.push(...g.weights);
      for (const p of g.paths) bufs.push(fs.readFileSync(path.join(SHARED, name, p)));
    }
    const data = Buffer.concat(bufs);
    const ab = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const decoded = tf.io.decodeWeights(ab, specs);
    const hash = crypto.createHash('sha256');
    const dtypes = {};
    for (const s of specs) {
      const t = decoded[s.name];
      dtypes[t.dtype] = (dtypes[t.dtype] || 0) + 1;
      const d = await t.data();
      hash.update(Buffer.from(d.buffer, d.byteOffset, d.byteLength));
    }
    out[name] = {count: specs.length, dtypes, sha256: hash.digest('hex')};
    tf.dispose(Object.values(decoded));
  }
  writeJSON(path.join(OUT, 'shared_models.json'), out);
}

(async () => {
  await tf.setBackend('cpu');
  await denseModel();
  await tensors();
  await quantized();
  await sharedModels();
  console.log('wrote', OUT);
})().catch((e) => { console.error(e); process.exit(1); });
