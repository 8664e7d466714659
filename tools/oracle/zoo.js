'use strict';
// The interop model zoo (tests/fixtures/zoo/spec.json: one small model per layer class) in real
// TensorFlow.js 4.22 (cpu backend).
//
//   node zoo.js build OUTDIR     builds every zoo model TF.js has the layers for with the TF.js API
//                                (tf.layers.<factory>(config), seeded weights), saves it with
//                                model.save into OUTDIR/<name>/ and writes io.json = {inputs,
//                                outputs}: TF.js's predictions, after reloading the saved files,
//                                on seeded inputs. tests/fixtures/zoo/tfjs/ is the committed output.
//   node zoo.js predict DIR      for every DIR/<name>/ with model.json + io.json (pytfjs's saved
//                                zoo), loads it with tf.loadLayersModel and writes
//                                DIR/<name>/tfjs_outputs.json = {outputs} or {error}.
//
// tests/io/test_zoo.py drives both. Values are JSON numbers (exact for float32).
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {mulberry32, writeJSON, outputsOf, writeArtifacts, dirHandler, saveToMemory} = require('./common');

const SPEC = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'fixtures', 'zoo',
                                                  'spec.json'), 'utf8'));
const L = tf.layers;

// ------------------------------------------------------------------ spec -> TF.js models
// pytfjs factory names whose TF.js spelling is not the plain camelCase.
const FACTORY = {
  simple_rnn: 'simpleRNN', simple_rnn_cell: 'simpleRNNCell', stacked_rnn_cells: 'stackedRNNCells',
  leaky_re_lu: 'leakyReLU', re_lu: 'reLU', thresholded_re_lu: 'thresholdedReLU',
  cropping2d: 'cropping2D',
};
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

function value(v) {
  if (v && typeof v === 'object' && !Array.isArray(v) && 'l' in v) return layer(v);
  if (Array.isArray(v) && v.length && v.every((e) => e && typeof e === 'object' && 'l' in e)) return v.map(layer);
  return v;
}
function layer(spec) {
  const fname = FACTORY[spec.l] || camel(spec.l);
  if (typeof L[fname] !== 'function') throw new Error(`TF.js has no tf.layers.${fname}`);
  const cfg = {};
  for (const [k, v] of Object.entries(spec.c || {})) cfg[camel(k)] = value(v);
  return L[fname](cfg);
}
function build(spec) {
  if (spec.seq) return tf.sequential({layers: spec.layers.map(layer), name: spec.name});
  const env = {};
  const layers = {};
  const inputs = spec.inputs.map((i) => (env[i.name] = tf.input({shape: i.shape, name: i.name})));
  for (const node of spec.nodes) {
    let lay;
    if (node.sub) lay = build(node.sub);
    else if (node.reuse) lay = layers[node.reuse];
    else lay = layer({l: node.l, c: {...(node.c || {}), name: node.n}});
    layers[node.n] = lay;
    env[node.n] = lay.apply(Array.isArray(node.in) ? node.in.map((s) => env[s]) : env[node.in]);
  }
  const outs = spec.outputs.map((o) => env[o]);
  return tf.model({inputs: inputs.length > 1 ? inputs : inputs[0], outputs: outs.length > 1 ? outs : outs[0],
                   name: spec.name});
}
function seedWeights(model, seed) {
  const r = mulberry32(seed);
  model.setWeights(model.weights.map((w) => {
    const pos = /variance/.test(w.originalName);
    const [lo, hi] = pos ? [0.5, 1.5] : [-0.6, 0.6];
    const n = w.shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Float32Array.from({length: n}, () => lo + (hi - lo) * r()), w.shape, w.dtype);
  }));
}
function makeInputs(spec, seed) {
  const r = mulberry32(seed);
  return spec.data.map((d) => {
    const shape = d.shape;
    const n = shape.reduce((a, b) => a * b, 1);
    let vals = d.tokens ? Array.from({length: n}, () => 1 + Math.floor(r() * (d.tokens - 1)))
                        : Array.from(Float32Array.from({length: n}, () => -1 + 2 * r()));
    if (d.zeros_tail) {  // row k: its last k time steps are padding (all zeros)
      const t = shape[1];
      const per = n / (shape[0] * t);
      for (let row = 1; row < shape[0]; row++) {
        for (let k = 0; k < Math.min(row, t - 1); k++) {
          const base = (row * t + t - 1 - k) * per;
          for (let j = 0; j < per; j++) vals[base + j] = 0;
        }
      }
    }
    return {shape, values: vals};
  });
}

// ------------------------------------------------------------------ build / predict
async function buildAll(outDir) {
  const names = SPEC.models.map((m) => m.name);
  const failed = [];
  for (const spec of SPEC.models) {
    if (spec.tfjs === false) continue;
    try {
      await buildOne(outDir, spec, names.indexOf(spec.name));
    } catch (e) {
      failed.push(spec.name);
      console.log(`${spec.name}: ERROR ${String(e && e.stack || e)}`);
    }
  }
  if (failed.length) throw new Error(`failed: ${failed.join(', ')}`);
}

async function buildOne(outDir, spec, i) {
  {
    const model = build(spec);
    seedWeights(model, 100 + i);
    const inputs = makeInputs(spec, 200 + i);
    const dir = path.join(outDir, spec.name);
    writeArtifacts(dir, await saveToMemory(model));
    const before = await outputsOf(model, inputs);
    model.dispose();
    const loaded = await tf.loadLayersModel(dirHandler(dir));
    const outputs = await outputsOf(loaded, inputs);
    loaded.dispose();
    if (JSON.stringify(before) !== JSON.stringify(outputs)) throw new Error(`${spec.name}: TF.js's own round trip changed the predictions`);
    writeJSON(path.join(dir, 'io.json'), {inputs, outputs});
    console.log(`${spec.name}: ok`);
  }
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
  if (cmd === 'build' && dir) return buildAll(path.resolve(dir));
  if (cmd === 'predict' && dir) return predict(path.resolve(dir));
  console.error('usage: node zoo.js build OUTDIR | predict DIR');
  process.exit(2);
}
main().catch((e) => { console.error(e); process.exit(1); });
