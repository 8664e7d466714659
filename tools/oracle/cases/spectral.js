// Golden cases for pytfjs/ops/spectral.py: fft, ifft, rfft, irfft and tf.signal (frame, stft,
// hannWindow, hammingWindow). TF.js has no gradient for FFT/IFFT/Real/Imag/Complex, so only
// signal.frame (slices and concats) has gradient goldens here; the spectral gradients are
// checked numerically in tests/ops/test_spectral.py.
// Left out on purpose (pytfjs follows TF, see the module docstring): irfft of rank 1 (TF.js
// returns [1, n]) and of rank >= 4 (TF.js flattens the batch), hannWindow(1)/hammingWindow(1)
// (TF.js: NaN), fft of an empty inner dimension (TF.js throws). Complex inputs/outputs holding
// +-Infinity are left out until the checker decodes complex64 without `re + 1j*im` (which turns
// inf+0j's neighbours into NaN); tests/ops/test_spectral.py checks them against TF.js.
module.exports = (h) => {
  const cx = (shape, seed) => h.rand(shape, {dtype: 'complex64', seed});
  const cases = [];
  for (const op of ['fft', 'ifft']) {
    cases.push(
      {id: `${op}/pow2`, op, args: [cx([8], 1)]},
      {id: `${op}/len1`, op, args: [cx([1], 2)]},
      {id: `${op}/len2`, op, args: [cx([2], 3)]},
      {id: `${op}/non_pow2`, op, args: [cx([5], 4)]},
      {id: `${op}/len12`, op, args: [cx([12], 5)]},
      {id: `${op}/batched`, op, args: [cx([3, 4], 6)]},
      {id: `${op}/rank3`, op, args: [cx([2, 3, 6], 7)]},
      {id: `${op}/empty_batch`, op, args: [h.vals('complex64', [0, 4], [])]},
      {id: `${op}/nan`, op, args: [h.vals('complex64', [2, 3], [1, 0, 'NaN', 0, 3, 1, 1, 2, 0.5, 0, -1, 1])]},
      {id: `${op}/float32_input`, op, args: [h.rand([4])], expect_error: true},
      {id: `spectral.${op}/alias`, op: `spectral.${op}`, args: [cx([2, 4], 8)]},
    );
  }
  cases.push(
    {id: 'rfft/pow2', op: 'rfft', args: [h.rand([8], {seed: 11})]},
    {id: 'rfft/odd', op: 'rfft', args: [h.rand([5], {seed: 12})]},
    {id: 'rfft/len1', op: 'rfft', args: [h.rand([1], {seed: 13})]},
    {id: 'rfft/len2', op: 'rfft', args: [h.rand([2], {seed: 14})]},
    {id: 'rfft/batched', op: 'rfft', args: [h.rand([3, 6], {seed: 15})]},
    {id: 'rfft/rank3', op: 'rfft', args: [h.rand([2, 2, 7], {seed: 16})]},
    {id: 'rfft/crop', op: 'rfft', args: [h.rand([2, 6], {seed: 17}), 4]},
    {id: 'rfft/crop_odd', op: 'rfft', args: [h.rand([6], {seed: 18}), 3]},
    {id: 'rfft/pad', op: 'rfft', args: [h.rand([2, 5], {seed: 19}), 8]},
    {id: 'rfft/same_length', op: 'rfft', args: [h.rand([5], {seed: 20}), 5]},
    {id: 'rfft/empty_batch', op: 'rfft', args: [h.rand([0, 4])]},
    {id: 'rfft/nan', op: 'rfft', args: [h.vals('float32', [2, 4], [1, 'NaN', 2, 3, 1, 2, 3, 4])]},
    {id: 'rfft/int32', op: 'rfft', args: [h.ints([4], -3, 3, {seed: 21})], expect_error: true},
    {id: 'spectral.rfft/alias', op: 'spectral.rfft', args: [h.rand([6], {seed: 22})]},
    {id: 'irfft/len2', op: 'irfft', args: [cx([3, 2], 31)]},
    {id: 'irfft/len1', op: 'irfft', args: [cx([2, 1], 32)]},
    {id: 'irfft/batched', op: 'irfft', args: [cx([2, 5], 33)]},
    {id: 'irfft/batched_even', op: 'irfft', args: [cx([3, 4], 34)]},
    {id: 'irfft/rank3', op: 'irfft', args: [cx([2, 2, 3], 35)]},
    {id: 'irfft/rank3_len2', op: 'irfft', args: [cx([2, 2, 2], 36)]},
    {id: 'irfft/empty_batch', op: 'irfft', args: [h.vals('complex64', [0, 4], [])]},
    {id: 'spectral.irfft/alias', op: 'spectral.irfft', args: [cx([2, 4], 37)]},
    {id: 'signal.frame/basic', op: 'signal.frame', args: [h.rand([17], {seed: 41}), 5, 3]},
    {id: 'signal.frame/non_overlap', op: 'signal.frame', args: [h.rand([16], {seed: 42}), 4, 4]},
    {id: 'signal.frame/gap', op: 'signal.frame', args: [h.rand([12], {seed: 43}), 2, 5]},
    {id: 'signal.frame/pad_end', op: 'signal.frame', args: [h.rand([17], {seed: 44}), 6, 4, true]},
    {id: 'signal.frame/pad_value', op: 'signal.frame', args: [h.rand([17], {seed: 45}), 6, 5, true, 2]},
    {id: 'signal.frame/pad_end_exact', op: 'signal.frame', args: [h.rand([8], {seed: 46}), 4, 4, true]},
    {id: 'signal.frame/step1', op: 'signal.frame', args: [h.rand([6], {seed: 47}), 3, 1]},
    {id: 'signal.frame/too_long', op: 'signal.frame', args: [h.rand([3], {seed: 48}), 5, 1]},
    {id: 'signal.frame/int32_pad', op: 'signal.frame', args: [h.ints([5], -5, 5, {seed: 49}), 2, 2, true, 7]},
    {id: 'signal.frame/bool', op: 'signal.frame', args: [h.bools([5], {seed: 50}), 2, 1]},
    {id: 'signal.frame/special', op: 'signal.frame', args: [h.vals('float32', [5], ['NaN', 'Infinity', '-Infinity', '-0', 1]), 2, 1]},
    {id: 'cosineWindow/hann_even', op: 'cosineWindow', args: [8, h.float(0.5), h.float(0.5)]},
    {id: 'cosineWindow/hamming_odd', op: 'cosineWindow', args: [7, h.float(0.54), h.float(0.46)]},
    {id: 'cosineWindow/custom', op: 'cosineWindow', args: [5, h.float(0.25), h.float(0.75)]},
    {id: 'signal.hannWindow/even', op: 'signal.hannWindow', args: [8]},
    {id: 'signal.hannWindow/odd', op: 'signal.hannWindow', args: [7]},
    {id: 'signal.hannWindow/two', op: 'signal.hannWindow', args: [2]},
    {id: 'signal.hannWindow/zero', op: 'signal.hannWindow', args: [0]},
    {id: 'signal.hammingWindow/even', op: 'signal.hammingWindow', args: [10]},
    {id: 'signal.hammingWindow/odd', op: 'signal.hammingWindow', args: [5]},
    {id: 'signal.hammingWindow/two', op: 'signal.hammingWindow', args: [2]},
    {id: 'signal.stft/default', op: 'signal.stft', args: [h.rand([16], {seed: 61}), 5, 2]},
    {id: 'signal.stft/pow2_frame', op: 'signal.stft', args: [h.rand([20], {seed: 62}), 8, 4]},
    {id: 'signal.stft/fft_length', op: 'signal.stft', args: [h.rand([12], {seed: 63}), 4, 2, 6]},
    {id: 'signal.stft/fft_length_crop', op: 'signal.stft', args: [h.rand([12], {seed: 64}), 6, 3, 4]},
    {id: 'signal.stft/hamming', op: 'signal.stft', args: [h.rand([16], {seed: 65}), 6, 3, null, h.callable('signal.hammingWindow')],
     js: (tf, a) => tf.signal.stft(a[0], a[1], a[2], undefined, a[4])},
    {id: 'signal.stft/short', op: 'signal.stft', args: [h.rand([3], {seed: 66}), 4, 2]},
    {id: 'grad/signal.frame/overlap', op: 'signal.frame', kind: 'grad', args: [h.gradInput(0), 3, 2],
     grad: {mode: 'grad', xs: [h.rand([9], {seed: 71})], dy: h.rand([4, 3], {seed: 72})}},
    {id: 'grad/signal.frame/pad_end', op: 'signal.frame', kind: 'grad', args: [h.gradInput(0), 4, 3, true],
     grad: {mode: 'grad', xs: [h.rand([10], {seed: 73})], dy: h.rand([4, 4], {seed: 74})}},
    {id: 'grad/signal.frame/no_dy', op: 'signal.frame', kind: 'grad', args: [h.gradInput(0), 2, 1],
     grad: {mode: 'grad', xs: [h.rand([5], {seed: 75})]}},
  );
  return cases;
};
