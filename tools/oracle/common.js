'use strict';
// Helpers shared by the oracle scripts that build, save and reload TF.js models (interop.js,
// zoo.js, io_fixtures.js, graph_models.js, layers_parity.js): seeded values, JSON and model files,
// a directory IO handler for tf.loadLayersModel, and the TF.js converter's rounding helpers.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {mulberry32, strHash} = require('./lib');

// n float32 values uniform in [lo, hi), from a seeded mulberry32 stream.
function randFloats(n, seed, lo = -1, hi = 1) {
  const r = mulberry32(seed);
  return Float32Array.from({length: n}, () => lo + (hi - lo) * r());
}
// Compact JSON (one line) plus a newline; creates the folder.
function writeJSON(p, obj) {
  fs.mkdirSync(path.dirname(p), {recursive: true});
  fs.writeFileSync(p, JSON.stringify(obj) + '\n');
}

// ------------------------------------------------------------------ the converter's rounding
function roundHalfEven(x) {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
function f32ToF16Bits(v) {  // IEEE round to nearest even, overflow to inf
  const x = new Uint32Array(new Float32Array([v]).buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h;  // a carry into the exponent is correct, up to inf
}

// ------------------------------------------------------------------ models
// model.predict on float32 inputs [{shape, values}], as [{shape, values}].
async function outputsOf(model, inputs) {
  const xs = inputs.map((i) => tf.tensor(i.values, i.shape, 'float32'));
  let ys = model.predict(xs.length === 1 ? xs[0] : xs);
  ys = Array.isArray(ys) ? ys : [ys];
  const out = [];
  for (const y of ys) out.push({shape: y.shape, values: Array.from(await y.data())});
  tf.dispose([...xs, ...ys]);
  return out;
}
// Writes model artifacts as DIR/model.json + one shard (DIR is emptied first); `extraKeys` names
// the optional artifact fields (trainingConfig, ...) copied into model.json when present.
function writeArtifacts(dir, a, extraKeys = []) {
  fs.rmSync(dir, {recursive: true, force: true});
  fs.mkdirSync(dir, {recursive: true});
  const shard = 'group1-shard1of1.bin';
  fs.writeFileSync(path.join(dir, shard), Buffer.from(a.weightData));
  const mj = {modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy,
              convertedBy: a.convertedBy, weightsManifest: [{paths: [shard], weights: a.weightSpecs}]};
  for (const k of extraKeys) if (a[k] != null) mj[k] = a[k];
  writeJSON(path.join(dir, 'model.json'), mj);
}
// An IO handler loading DIR/model.json and its shards with fs (no tfjs-node).
function dirHandler(dir) {
  return {
    load: async () => {
      const mj = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(mj, async (manifest) => {
        const specs = [];
        const bufs = [];
        for (const g of manifest) {
          specs.push(...g.weights);
          for (const p of g.paths) bufs.push(fs.readFileSync(path.join(dir, p)));
        }
        const b = Buffer.concat(bufs);
        return [specs, b.buffer.slice(b.byteOffset, b.byteOffset + b.length)];
      });
    },
  };
}
// The artifacts model.save gives (with the save `config`, e.g. {includeOptimizer: true}).
async function saveToMemory(model, config) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => { artifacts = a; return {modelArtifactsInfo: {}}; }), config);
  return artifacts;
}

module.exports = {
  mulberry32, strHash, randFloats, writeJSON, roundHalfEven, f32ToF16Bits, outputsOf,
  writeArtifacts, dirHandler, saveToMemory,
};
