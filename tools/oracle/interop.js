'use strict';
// Layers-model interop between pytfjs and TensorFlow.js 4.22 (cpu backend).
//
//   node interop.js build OUTDIR     builds TF.js models with fixed (seeded) weights covering Dense,
//                                    Conv2D, DepthwiseConv2D, SeparableConv2D, BatchNormalization,
//                                    pooling, LSTM, GRU, Embedding, Bidirectional and merge layers,
//                                    saves each with model.save (plus uint8/uint16/float16-quantized
//                                    copies, quantized as the TF.js converter does) into
//                                    OUTDIR/<name>/ with io.json = {inputs, outputs} (TF.js's
//                                    predictions on seeded inputs).
//   node interop.js predict DIR      for every DIR/<name>/ holding model.json + io.json, loads the
//                                    model with tf.loadLayersModel and writes
//                                    DIR/<name>/tfjs_outputs.json = {outputs, optimizer, weights}.
//
// Values are JSON numbers (exact for float32). tests/io/test_tfjs_interop.py drives both commands;
// tests/fixtures/tfjs_saved/ is the committed output of `build`.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {mulberry32, randFloats, writeJSON, roundHalfEven, f32ToF16Bits, outputsOf, writeArtifacts, dirHandler,
       saveToMemory} = require('./common');

const L = tf.layers;

// ------------------------------------------------------------------ models
function mlp() {
  const m = tf.sequential({name: 'mlp'});
  m.add(L.dense({units: 6, inputShape: [4], activation: 'relu', name: 'd1'}));
  m.add(L.dense({units: 3, activation: 'softmax', name: 'd2'}));
  return {model: m, inputs: [{shape: [3, 4], seed: 1}]};
}
function conv() {
  const x = tf.input({shape: [8, 8, 3], name: 'img'});
  let h = L.conv2d({filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'c1'}).apply(x);
  h = L.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2, padding: 'valid', name: 'dw'}).apply(h);
  h = L.batchNormalization({name: 'bn'}).apply(h);
  h = L.separableConv2d({filters: 5, kernelSize: 3, padding: 'same', activation: 'relu', name: 'sep'}).apply(h);
  h = L.maxPooling2d({poolSize: 2, name: 'mp'}).apply(h);
  h = L.averagePooling2d({poolSize: 2, strides: 1, padding: 'same', name: 'ap'}).apply(h);
  const g = L.globalAveragePooling2d({name: 'gap'}).apply(h);
  const y = L.dense({units: 3, name: 'out'}).apply(g);
  return {model: tf.model({inputs: x, outputs: y, name: 'conv'}), inputs: [{shape: [2, 8, 8, 3], seed: 2}]};
}
function rnn() {
  const x = tf.input({shape: [6], name: 'tokens'});
  let h = L.embedding({inputDim: 20, outputDim: 5, maskZero: true, name: 'emb'}).apply(x);
  h = L.bidirectional({layer: L.lstm({units: 4, returnSequences: true}), mergeMode: 'concat', name: 'bi'}).apply(h);
  h = L.gru({units: 3, name: 'gru'}).apply(h);
  const y = L.dense({units: 2, activation: 'tanh', name: 'out'}).apply(h);
  return {model: tf.model({inputs: x, outputs: y, name: 'rnn'}),
          inputs: [{shape: [3, 6], tokens: 20, seed: 3, zeros_tail: true}]};
}
function merge() {
  const a = tf.input({shape: [4], name: 'a'});
  const b = tf.input({shape: [4], name: 'b'});
  const ha = L.dense({units: 5, name: 'da'}).apply(a);
  const hb = L.dense({units: 5, name: 'db'}).apply(b);
  const add = L.add({name: 'add'}).apply([ha, hb]);
  const mul = L.multiply({name: 'mul'}).apply([ha, hb]);
  const avg = L.average({name: 'avg'}).apply([ha, hb]);
  const mx = L.maximum({name: 'max'}).apply([ha, hb]);
  const mn = L.minimum({name: 'min'}).apply([ha, hb]);
  const cat = L.concatenate({name: 'cat'}).apply([add, mul, avg, mx, mn]);
  const y1 = L.dense({units: 2, name: 'y1'}).apply(cat);
  const dot = L.dot({axes: 1, name: 'dot'}).apply([ha, hb]);
  return {model: tf.model({inputs: [a, b], outputs: [y1, dot], name: 'merge'}),
          inputs: [{shape: [3, 4], seed: 4}, {shape: [3, 4], seed: 5}]};
}
const BUILDERS = {mlp, conv, rnn, merge};
// name -> [builder, quantization of float32 weights (as the TF.js converter writes it)]
const VARIANTS = {
  mlp: ['mlp', null], conv: ['conv', null], rnn: ['rnn', null], merge: ['merge', null],
  conv_uint8: ['conv', 'uint8'], rnn_uint16: ['rnn', 'uint16'], merge_float16: ['merge', 'float16'],
};

function fixWeights(model, seed) {
  model.setWeights(model.weights.map((w, i) => {
    const pos = /variance/.test(w.originalName);
    return tf.tensor(randFloats(w.shape.reduce((a, b) => a * b, 1), seed * 100 + i,
                                pos ? 0.5 : -0.6, pos ? 1.5 : 0.6), w.shape);
  }));
}
function makeInput(spec) {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  let vals;
  if (spec.tokens) {
    const r = mulberry32(spec.seed);
    vals = Array.from({length: n}, () => 1 + Math.floor(r() * (spec.tokens - 1)));
    if (spec.zeros_tail) {  // masked (padding) steps at the end of some rows
      const t = spec.shape[1];
      for (let row = 1; row < spec.shape[0]; row++) for (let k = 0; k < row; k++) vals[row * t + t - 1 - k] = 0;
    }
  } else {
    vals = Array.from(randFloats(n, spec.seed));
  }
  return {shape: spec.shape, values: vals};
}

// ------------------------------------------------------------------ quantization (converter's)
function quantize(vals, qdtype) {
  if (qdtype === 'float16') return {bytes: Buffer.from(Uint16Array.from(vals, f32ToF16Bits).buffer), meta: {}};
  const qmax = qdtype === 'uint8' ? 255 : 65535;
  let lo = Infinity, hi = -Infinity;
  for (const v of vals) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const out = qdtype === 'uint8' ? new Uint8Array(vals.length) : new Uint16Array(vals.length);
  if (lo === hi) return {bytes: Buffer.from(out.buffer), meta: {min: lo, scale: 1.0}};
  const scale = (hi - lo) / qmax;
  let nmin = lo, nmax = hi;
  if (lo <= 0 && 0 <= hi) {
    const zero = roundHalfEven((0 - lo) / scale);
    nmin = -zero * scale;
    nmax = qmax * scale + nmin;
  }
  for (let i = 0; i < vals.length; i++) out[i] = roundHalfEven((Math.min(Math.max(vals[i], nmin), nmax) - nmin) / scale);
  return {bytes: Buffer.from(out.buffer), meta: {min: nmin, scale}};
}
function quantizeArtifacts(a, qdtype) {
  const parts = [];
  const specs = [];
  let off = 0;
  const data = Buffer.from(a.weightData);
  for (const s of a.weightSpecs) {
    const n = s.shape.reduce((x, y) => x * y, 1);
    const nbytes = 4 * n;  // the models here hold float32 / int32 only
    const raw = data.subarray(off, off + nbytes);
    off += nbytes;
    if (s.dtype === 'float32' && s.group == null) {
      const vals = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + nbytes));
      const {bytes, meta} = quantize(vals, qdtype);
      parts.push(bytes);
      specs.push({...s, quantization: {dtype: qdtype, ...meta}});
    } else {
      parts.push(raw);
      specs.push(s);
    }
  }
  return {...a, weightSpecs: specs, weightData: Buffer.concat(parts)};
}

// ------------------------------------------------------------------ build / predict
// model.json fields kept when present (mlp_adam saves its training config).
const EXTRA_KEYS = ['trainingConfig', 'userDefinedMetadata', 'signature'];

async function build(outDir) {
  const made = {};
  for (const [vname, [bname, qdtype]] of Object.entries(VARIANTS)) {
    if (!made[bname]) {
      const {model, inputs} = BUILDERS[bname]();
      fixWeights(model, Object.keys(BUILDERS).indexOf(bname) + 1);
      made[bname] = {model, inputs: inputs.map(makeInput), artifacts: await saveToMemory(model)};
    }
    const {inputs} = made[bname];
    let a = made[bname].artifacts;
    if (qdtype) a = quantizeArtifacts(a, qdtype);
    const dir = path.join(outDir, vname);
    writeArtifacts(dir, a, EXTRA_KEYS);
    const loaded = await tf.loadLayersModel(dirHandler(dir));  // outputs as TF.js gives them
    writeJSON(path.join(dir, 'io.json'), {inputs, outputs: await outputsOf(loaded, inputs),
                                          quantization: qdtype});
    loaded.dispose();
  }
  // A compiled model trained for two steps, saved with its optimizer (Adam) state.
  const {model, inputs} = mlp();
  fixWeights(model, 9);
  model.compile({optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy']});
  const x = tf.tensor(randFloats(12, 7), [3, 4]);
  const y = tf.oneHot(tf.tensor1d([0, 2, 1], 'int32'), 3).toFloat();
  await model.fit(x, y, {epochs: 2, batchSize: 3, verbose: 0});
  const a = await saveToMemory(model, {includeOptimizer: true});
  const dir = path.join(outDir, 'mlp_adam');
  writeArtifacts(dir, a, EXTRA_KEYS);
  const ins = inputs.map(makeInput);
  writeJSON(path.join(dir, 'io.json'), {inputs: ins, outputs: await outputsOf(model, ins), quantization: null,
                                        optimizer: await optimizerInfo(model)});
  tf.dispose([x, y]);
}

async function optimizerInfo(model) {
  if (model.optimizer == null) return null;
  const ws = await model.optimizer.getWeights();
  const weights = [];
  for (const w of ws) weights.push({name: w.name, shape: w.tensor.shape, values: Array.from(await w.tensor.data())});
  return {class_name: model.optimizer.getClassName(), config: model.optimizer.getConfig(), weights};
}

async function predict(dir) {
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'io.json')) &&
                                                   fs.existsSync(path.join(dir, n, 'model.json'))).sort();
  for (const name of names) {
    const d = path.join(dir, name);
    const io = JSON.parse(fs.readFileSync(path.join(d, 'io.json'), 'utf8'));
    const result = {};
    try {
      const model = await tf.loadLayersModel(dirHandler(d));
      result.outputs = await outputsOf(model, io.inputs);
      result.optimizer = await optimizerInfo(model);
      result.weights = model.weights.map((w) => w.originalName);
      model.dispose();
    } catch (e) {
      result.error = String(e && e.stack || e);
    }
    writeJSON(path.join(d, 'tfjs_outputs.json'), result);
    console.log(`${name}: ${result.error ? 'ERROR ' + result.error.split('\n')[0] : 'ok'}`);
  }
}

async function main() {
  await tf.setBackend('cpu');
  const [cmd, dir] = process.argv.slice(2);
  if (cmd === 'build' && dir) return build(path.resolve(dir));
  if (cmd === 'predict' && dir) return predict(path.resolve(dir));
  console.error('usage: node interop.js build OUTDIR | predict DIR');
  process.exit(2);
}
main().catch((e) => { console.error(e); process.exit(1); });
