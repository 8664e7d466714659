'use strict';
// TF.js training-parity goldens for the Layers API: builds a small MLP and a small CNN in
// TF.js 4.22 with fixed weights and data, trains 5 epochs with SGD (shuffle false, fixed batch
// size) and records the initial weights, the data, the per-epoch history and the final
// predictions into tests/goldens/layers_parity.json. tests/layers/test_tfjs_parity.py rebuilds
// the same models in pytfjs and compares.
//
//   cd tools/oracle && node layers_parity.js          # writes ../../tests/goldens/layers_parity.json
//   node layers_parity.js --check                     # prints, writes nothing
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {mulberry32} = require('./common');

// Values on a grid of multiples of 1/32 in [-scale, scale]: exact in float32 and in JSON.
function grid(n, seed, scale) {
  const r = mulberry32(seed);
  const out = [];
  for (let i = 0; i < n; i++) out.push(Math.round((r() * 2 - 1) * scale * 32) / 32);
  return out;
}

const size = (shape) => shape.reduce((a, b) => a * b, 1);

function oneHot(labels, k) {
  return labels.map((c) => Array.from({length: k}, (_, j) => (j === c ? 1 : 0)));
}

async function runCase(spec) {
  const model = tf.sequential({layers: spec.layers()});
  // Fixed initial weights.
  const weights = model.weights.map((w, i) => ({
    name: w.originalName, shape: w.shape, values: grid(size(w.shape), 100 + i, spec.weightScale),
  }));
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const n = spec.samples;
  const xShape = [n, ...spec.inputShape];
  const xValues = grid(size(xShape), 7, 1);
  const r = mulberry32(11);
  const labels = Array.from({length: n}, () => Math.floor(r() * spec.classes));
  const x = tf.tensor(xValues, xShape);
  const y = tf.tensor2d(oneHot(labels, spec.classes));
  model.compile({optimizer: tf.train.sgd(spec.lr), loss: 'categoricalCrossentropy', metrics: ['accuracy']});
  const hist = await model.fit(x, y, {epochs: spec.epochs, batchSize: spec.batchSize, shuffle: false, verbose: 0});
  const pred = model.predict(x);
  const history = {};
  for (const [k, v] of Object.entries(hist.history)) history[k] = v.map(Number);
  return {
    description: spec.description,
    model_config: JSON.parse(JSON.stringify(model.toJSON(null, false))),
    optimizer: {class_name: 'sgd', learning_rate: spec.lr},
    loss: 'categorical_crossentropy',
    batch_size: spec.batchSize,
    epochs: spec.epochs,
    initial_weights: weights,
    x: {shape: xShape, values: xValues},
    labels,
    history,
    predictions: {shape: pred.shape, values: Array.from(await pred.data())},
    final_weights: await Promise.all(model.weights.map(async (w) => Array.from(await w.read().data()))),
  };
}

const CASES = {
  mlp: {
    description: 'dense(8, relu) -> dense(3, softmax); 12 samples of 4 features',
    layers: () => [
      tf.layers.dense({units: 8, activation: 'relu', inputShape: [4], name: 'hidden'}),
      tf.layers.dense({units: 3, activation: 'softmax', name: 'probs'}),
    ],
    inputShape: [4], samples: 12, classes: 3, lr: 0.1, batchSize: 4, epochs: 5, weightScale: 0.75,
  },
  cnn: {
    description: 'conv2d(4, 3x3, relu) -> max_pooling2d(2) -> flatten -> dense(3, softmax); 10 images 6x6x1',
    layers: () => [
      tf.layers.conv2d({filters: 4, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1], name: 'conv'}),
      tf.layers.maxPooling2d({poolSize: 2, name: 'pool'}),
      tf.layers.flatten({name: 'flat'}),
      tf.layers.dense({units: 3, activation: 'softmax', name: 'probs'}),
    ],
    inputShape: [6, 6, 1], samples: 10, classes: 3, lr: 0.1, batchSize: 4, epochs: 5, weightScale: 0.5,
  },
};

(async () => {
  await tf.setBackend('cpu');
  const out = {tfjs_version: tf.version.tfjs, backend: tf.getBackend(), cases: {}};
  for (const [name, spec] of Object.entries(CASES)) out.cases[name] = await runCase(spec);
  const text = JSON.stringify(out, null, 1) + '\n';
  if (process.argv.includes('--check')) {
    for (const [name, c] of Object.entries(out.cases)) console.log(name, JSON.stringify(c.history));
    return;
  }
  const file = path.join(__dirname, '..', '..', 'tests', 'goldens', 'layers_parity.json');
  fs.writeFileSync(file, text);
  console.log(`wrote ${file}`);
})();
