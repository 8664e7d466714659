// TF.js peers for bench/run.py: one (backend, workload) measurement, one JSON line on stdout.
//   node bench/node/bench.js --backend cpu|wasm --workload mobilenet_v1_b1 --spec DIR [--runs 30]
//   node bench/node/bench.js --import       (time to require @tensorflow/tfjs)
// The model is built from the layer list and weights that bench/specs.py exported to DIR
// (<model>.json + <model>.bin), so the architecture and weights equal the Python rows'.
// BN is folded into the conv weights, as the TF.js converter does for a graph model; the
// convolutions use tf.fused.conv2d / tf.fused.depthwiseConv2d (TF.js' fastest eager path).
// The fixture workloads (esrgan_x2, synthetic_cnn, text_rnn, rvm, faceboxes) load the real TF.js
// model from ../shared/fixtures/tfjs_models instead: see mainFixture below.
'use strict';
const fs = require('fs');
const path = require('path');

function args() {
  const a = {runs: 30, minRuns: 10, warmup: 3, budget: 60, mode: 'time'};
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) {
    const k = v[i].replace(/^--/, '');
    if (k === 'import') a.import = true;
    else a[k.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = v[++i];
  }
  for (const k of ['runs', 'minRuns', 'warmup', 'budget']) a[k] = Number(a[k]);
  return a;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

function median(xs) {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function load(tf, file) {
  const spec = JSON.parse(fs.readFileSync(file + '.json', 'utf8'));
  const buf = fs.readFileSync(file + '.bin');
  const arr = (ref) => {
    const n = ref.shape.reduce((p, q) => p * q, 1);
    const f = new Float32Array(buf.buffer, buf.byteOffset + ref.offset, n).slice();
    return tf.tensor(f, ref.shape, 'float32');
  };
  return spec.map((lay) => {
    const d = {};
    for (const [k, v] of Object.entries(lay)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && 'offset' in v) d[k] = arr(v);
      else if (Array.isArray(v) && v.length && typeof v[0] === 'object') d[k] = v.map(arr);
      else d[k] = v;
    }
    return d;
  });
}

function mobilenet(tf, layers, x) {
  return () => tf.tidy(() => {
    let h = x;
    const saved = [];
    for (const lay of layers) {
      if (lay.type === 'conv' || lay.type === 'dw') {
        const fn = lay.type === 'conv' ? tf.fused.conv2d : tf.fused.depthwiseConv2d;
        h = fn({x: h, filter: lay.w, strides: lay.stride, pad: 'same', bias: lay.bias,
                activation: lay.act});
      } else if (lay.type === 'res_begin') saved.push(h);
      else if (lay.type === 'res_end') h = tf.add(h, saved.pop());
      else if (lay.type === 'gap') h = tf.mean(h, [1, 2]);
      else if (lay.type === 'dense') {
        h = tf.fused.matMul({a: h, b: lay.w, bias: lay.b, activation: lay.act});
      }
    }
    return h;
  });
}

function cnnTrain(tf, entries) {
  const p = {};
  for (const e of entries) p[e.name] = e.w;
  const v = {};
  for (const k of ['c1w', 'c1b', 'c2w', 'c2b', 'd1w', 'd1b', 'd2w', 'd2b']) v[k] = tf.variable(p[k]);
  const x = p.x, y = p.y, n = x.shape[0];
  const opt = tf.train.adam(1e-3);
  const loss = () => {
    let h = tf.fused.conv2d({x, filter: v.c1w, strides: 1, pad: 'valid', bias: v.c1b, activation: 'relu'});
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.fused.conv2d({x: h, filter: v.c2w, strides: 1, pad: 'valid', bias: v.c2b, activation: 'relu'});
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.reshape(h, [n, 1600]);
    h = tf.fused.matMul({a: h, b: v.d1w, bias: v.d1b, activation: 'relu'});
    const logits = tf.fused.matMul({a: h, b: v.d2w, bias: v.d2b});
    return tf.losses.softmaxCrossEntropy(y, logits);
  };
  return () => tf.tidy(() => opt.minimize(loss, true, Object.values(v)));
}

// ---------------------------------------------------------------- fixture models
// ../shared/fixtures/tfjs_models: bench/specs.py wrote DIR/fx_<workload>.json (model.json path,
// format, the TF.js call, the case-0 inputs' names/shapes/dtypes/offsets) and .bin (the inputs).
// The model is read from disk with fs (no tfjs-node) through an IOHandler.
function modelHandler(tf, modelJsonPath) {
  const dir = path.dirname(modelJsonPath);
  const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
  return {
    load: () => tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      const specs = [];
      const bufs = [];
      for (const group of manifest) {
        for (const p of group.paths) {
          const b = fs.readFileSync(path.join(dir, decodeURIComponent(p)));
          bufs.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
        }
        specs.push(...group.weights);
      }
      return [specs, tf.io.concatenateArrayBuffers(bufs)];
    }),
  };
}

async function fixture(tf, file) {
  const fx = JSON.parse(fs.readFileSync(file + '.json', 'utf8'));
  const buf = fs.readFileSync(file + '.bin');
  const xs = fx.inputs.map((i) => {
    const n = i.shape.reduce((p, q) => p * q, 1);
    const Arr = i.dtype === 'int32' ? Int32Array : Float32Array;
    const data = new Arr(buf.buffer.slice(buf.byteOffset + i.offset, buf.byteOffset + i.offset + 4 * n));
    return tf.tensor(data, i.shape, i.dtype);
  });
  const handler = modelHandler(tf, fx.model_json);
  const model = fx.format === 'layers' ? await tf.loadLayersModel(handler) : await tf.loadGraphModel(handler);
  const named = {};
  fx.inputs.forEach((i, k) => { named[i.name] = xs[k]; });
  const asList = (o) => (Array.isArray(o) ? o : (o instanceof tf.Tensor ? [o] : Object.values(o)));
  // One call = what the TF.js user calls, then dataSync() of every output, then dispose.
  const readBack = (out) => {
    const ts = asList(out);
    const data = ts.map((t) => ({shape: t.shape, dtype: t.dtype, data: t.dataSync()}));
    tf.dispose(ts);
    return data;
  };
  if (fx.call === 'executeAsync') return async () => readBack(await model.executeAsync(named));
  if (fx.call === 'execute') return () => readBack(model.execute(named));
  return () => readBack(model.predict(fx.format === 'layers' ? (xs.length > 1 ? xs : xs[0]) : named));
}

// The first call's outputs, raw little-endian, for run.py to compare with the fixture's reference.
function writeOutputs(outs, file) {
  let offset = 0;
  const meta = outs.map((o) => {
    const m = {shape: o.shape, dtype: o.dtype, offset};
    offset += o.data.byteLength;
    return m;
  });
  fs.writeFileSync(file, Buffer.concat(outs.map((o) => Buffer.from(o.data.buffer, o.data.byteOffset,
                                                                   o.data.byteLength))));
  return meta;
}

async function mainFixture(tf, a, file) {
  const t0 = now();
  const fn = await fixture(tf, file);
  const buildS = (now() - t0) / 1e3;
  const call = async () => fn();
  const first = await call();
  for (let i = 1; i < a.warmup; i++) await call();
  const outFile = file + '.' + a.backend + '.out.bin';
  const res = {build_s: buildS, backend: tf.getBackend(), tfjs: tf.version.tfjs,
               outputs_file: outFile, outputs_raw: writeOutputs(first, outFile)};
  const times = [];
  const start = now();
  while (times.length < a.runs) {
    const t = now();
    await call();
    times.push(now() - t);
    if (now() - start > a.budget * 1e3 && times.length >= a.minRuns) break;
  }
  Object.assign(res, {n: times.length, median_ms: median(times), min_ms: Math.min(...times), times_ms: times,
                      num_tensors: tf.memory().numTensors});
  console.log(JSON.stringify(res));
}

async function main() {
  const a = args();
  if (a.import) {
    const t0 = now();
    require('@tensorflow/tfjs');
    console.log(JSON.stringify({import_ms: now() - t0}));
    return;
  }
  const tf = require('@tensorflow/tfjs');
  if (a.backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(a.backend);
  await tf.ready();
  const fxFile = path.join(a.spec, 'fx_' + a.workload);
  if (fs.existsSync(fxFile + '.json')) return mainFixture(tf, a, fxFile);
  if (a.workload !== 'cnn_train' && !/^mobilenet_v[12]_b\d+$/.test(a.workload)) {
    throw new Error(`no workload ${a.workload} in ${a.spec} (fixture models need fx_${a.workload}.json)`);
  }
  const t0 = now();
  let fn;
  if (a.workload === 'cnn_train') {
    fn = cnnTrain(tf, load(tf, path.join(a.spec, 'cnn')));
  } else {
    const [model, batch] = a.workload.split('_b');
    const layers = load(tf, path.join(a.spec, model));
    const img = load(tf, path.join(a.spec, 'image_b' + batch))[0].w;
    fn = mobilenet(tf, layers, img);
  }
  const buildS = (now() - t0) / 1e3;
  // One call = run + read back (dataSync), as the Python rows include .numpy().
  const call = () => {
    const out = fn();
    const data = out.dataSync();
    out.dispose();
    return data;
  };
  const outs = [];
  const warm = a.mode === 'mem' ? 3 : (a.workload === 'cnn_train' ? Math.max(a.warmup, 2) : a.warmup);
  for (let i = 0; i < warm; i++) {
    const d = call();
    outs.push(a.workload === 'cnn_train' ? d[0] : Array.from(d.slice(0, 1000)));
  }
  const res = {build_s: buildS, backend: tf.getBackend(), tfjs: tf.version.tfjs,
               out: a.workload === 'cnn_train' ? outs.slice(0, 2) : outs[0]};
  if (a.mode === 'time') {
    const times = [];
    const start = now();
    while (times.length < a.runs) {
      const t = now();
      call();
      times.push(now() - t);
      if (now() - start > a.budget * 1e3 && times.length >= a.minRuns) break;
    }
    Object.assign(res, {n: times.length, median_ms: median(times), min_ms: Math.min(...times),
                        times_ms: times});
  }
  res.num_tensors = tf.memory().numTensors;
  console.log(JSON.stringify(res));
}

main().catch((e) => { console.error(e); process.exit(1); });
