// Undeclared copies carry the original's name plus a re-upload suffix: strip those to compare.

const SUFFIXES = [
  /[-_.](gguf|awq|gptq|mlx|exl2|exl3|fp8|fp16|bf16|int4|int8|i1|imatrix|onnx|hqq|eetq|bnb|nf4)$/i,
  /[-_.]bnb[-_]?4bit$/i,
  /[-_.](\d+(\.\d+)?)[-_]?bits?$/i, // -4bit, -8bit, -4.0bpw
  /[-_.]\d+(\.\d+)?bpw$/i,
  /[-_.](i?q\d(_[a-z0-9]+)*)$/i, // Q4_K_M, IQ3_XS, q8_0
  /[-_.]f(16|32)$/i,
  /[-_.]unsloth$/i,
];

/** `bartowski/QwQ-32B-Preview-GGUF` and `mlx-community/QwQ-32B-Preview-4bit` → `qwq-32b-preview`. */
export function normaliseName(idOrName: string): string {
  let name = (idOrName.split('/').pop() ?? '').replace(/\.gguf$/i, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of SUFFIXES) {
      const next = name.replace(re, '');
      if (next !== name && next.length > 0) {
        name = next;
        changed = true;
      }
    }
  }
  return name.toLowerCase();
}

/** A name that only differs from the original's by re-upload suffixes. */
export const looksLikeCopyOf = (candidate: string, original: string) => {
  const a = candidate.split('/').pop() ?? '';
  return normaliseName(a) === normaliseName(original) && a.toLowerCase() !== (original.split('/').pop() ?? '').toLowerCase();
};
