// Writes tests/fixtures/graph/tfjs_op_list.json: every TF op name the TF.js converter
// (installed version) executes, by category. Used by tests/graph and pytfjs/graph/gen_docs.
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, 'node_modules/@tensorflow/tfjs-converter/dist/operations/op_list');
const out = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const mod = require(path.join(dir, f));
  out[f.replace(/\.js$/, '')] = mod.json.map((d) => d.tfOpName);
}
const version = require('./node_modules/@tensorflow/tfjs-converter/package.json').version;
const dest = path.join(__dirname, '../../tests/fixtures/graph/tfjs_op_list.json');
fs.writeFileSync(dest, JSON.stringify({tfjs_converter: version, categories: out}, null, 1) + '\n');
console.log('wrote', dest);
