// The flashing workflow with more than one file, beside the single dump: the two chips of one board
// (the engine joins them and the whole image becomes the open image), two or three reads of one chip
// (the engine compares them), or the written image and its read-back (the engine verifies it). The
// engine cannot yet tell by itself which of these a set of files is, so the person says; every
// answer (joined or refused, the reads agree or not, the ME state as written or not) is the engine's.
import { useState } from 'preact/hooks';
import { MAX_SIZE } from './session.js';
import { size } from './format.js';

export function useReads(engine, session) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState(null); // 'chips' | 'same' | 'verify'
  const [files, setFiles] = useState([]);
  const [written, setWritten] = useState(0); // verify: which file is the written image
  const [result, setResult] = useState(null); // { kind, report } or { error }
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState(0); // how many answers came: the tests wait for the next

  const take = (list) => {
    setFiles([...list]);
    setWritten(0);
    setResult(null);
    setOpen(true);
  };
  const choose = (k) => {
    setKind(k);
    setResult(null);
  };

  // The engine's functions take two files (join, verify) or two and more (compare).
  function problem() {
    const big = files.find((f) => f.size > MAX_SIZE);
    if (big) return `${big.name} is ${size(big.size)}; flash dumps are at most ${size(MAX_SIZE)} (two 32 MiB chips).`;
    if (kind === 'chips' && files.length !== 2) return 'Choose two files: one read of each chip.';
    if (kind === 'verify' && files.length !== 2) return 'Choose two files: the image you wrote and the read-back.';
    if (kind === 'same' && files.length < 2) return 'Choose two or three reads of the same chip.';
    return '';
  }

  const answer = (r, words) => {
    setResult(r);
    setAnswers((n) => n + 1);
    session.say(words);
  };

  async function run() {
    const why = problem();
    if (why) return answer({ error: why }, why);
    setBusy(true);
    setResult(null);
    try {
      const bytes = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
      let report;
      if (kind === 'chips') {
        const joined = await engine.join(bytes[0], bytes[1], files.map((f) => f.name));
        report = joined.join;
        if (joined.report) session.adopt(joined.report); // the whole image: checked below, like one dump
      } else if (kind === 'same') {
        report = await engine.compare(bytes);
      } else {
        report = await engine.verify(bytes[written], bytes[1 - written]);
      }
      answer({ kind, report }, report.headline.title);
    } catch (e) {
      answer({ error: e.message }, e.message);
    } finally {
      setBusy(false);
    }
  }

  return { open, setOpen, kind, choose, files, take, written, setWritten, result, answers, busy, run };
}
