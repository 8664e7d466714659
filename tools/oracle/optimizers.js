// Records TF.js 4.22 optimizer trajectories for tests/train/test_optimizers.py.
// Problem: loss(w, b) = sum((x @ w + b - y)^2) / n with fixed data; 20 minimize() steps per config.
// Run: node optimizers.js > ../../tests/goldens/optimizers.json
const tf = require('@tensorflow/tfjs');
tf.setBackend('cpu');
const X = [[0.5, -1.25], [1.5, 0.75], [-0.25, 2.0], [1.0, 1.0]];
const Y = [[1.0], [-0.5], [2.25], [0.25]];
const W0 = [[0.125], [-0.5]];
const B0 = [0.25];
const configs = [
  ['sgd', [0.1]],
  ['momentum', [0.05, 0.9]],
  ['momentum', [0.05, 0.9, true]],
  ['rmsprop', [0.01]],
  ['rmsprop', [0.01, 0.8, 0.5]],
  ['rmsprop', [0.01, 0.9, 0.3, null, true]],
  ['adam', [0.05]],
  ['adam', [0.02, 0.8, 0.95, 1e-4]],
  ['adamax', [0.05]],
  ['adamax', [0.05, 0.85, 0.99, null, 0.1]],
  ['adadelta', [0.1]],
  ['adadelta', [0.05, 0.8, 1e-6]],
  ['adagrad', [0.1]],
  ['adagrad', [0.2, 0.5]],
];
const out = {tfjs_version: tf.version.tfjs, backend: 'cpu', x: X, y: Y, w0: W0, b0: B0, steps: 20, cases: []};
for (const [name, args] of configs) {
  const w = tf.variable(tf.tensor2d(W0));
  const b = tf.variable(tf.tensor1d(B0));
  const x = tf.tensor2d(X), y = tf.tensor2d(Y);
  const opt = tf.train[name](...args);
  const traj = [], losses = [];
  for (let i = 0; i < 20; i++) {
    const cost = opt.minimize(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))), true);
    losses.push(cost.dataSync()[0]); cost.dispose();
    traj.push([Array.from(w.dataSync()), Array.from(b.dataSync())]);
  }
  out.cases.push({optimizer: name, args, losses, trajectory: traj, config: opt.getConfig()});
  opt.dispose(); w.dispose(); b.dispose(); x.dispose(); y.dispose();
}
console.log(JSON.stringify(out));
