// The page's state around one opened image: the engine's report, what the user picked, the
// preview of that choice, the cleaned outputs. Every answer comes from the engine; this hook
// only asks, waits and keeps the answers (and drops stale ones when a newer file was opened).
import { useEffect, useRef, useState } from 'preact/hooks';
import { sha256 } from './sha256.js';
import { size } from './format.js';

export const MAX_SIZE = 64 * 1024 * 1024; // two 32 MiB chips: the engine's own limit

/** The options the current choice sends to the engine. */
export function optionsOf(report, choice) {
  if (!report || !choice.preset) return null;
  if (choice.preset === 'advanced') return choice.advanced;
  const preset = report.presets.find((p) => p.id === choice.preset);
  if (!preset) return null;
  if (preset.id !== 'hap') return preset.options;
  return { ...preset.options, platform: choice.platform, allow_fdv_override: choice.allowFdv };
}

const NO_OPTIONS = {};
const firstChoice = (report) => ({ preset: report.default_preset, advanced: NO_OPTIONS, platform: 'auto', allowFdv: false });

export function useSession(engine) {
  const [engineInfo, setEngineInfo] = useState(null);
  const [engineError, setEngineError] = useState('');
  const [input, setInput] = useState(null); // { name, size, sha256, sample }
  const [report, setReport] = useState(null); // the report of the open image (a check)
  const [choice, setChoice] = useState(null);
  const [preview, setPreview] = useState(null); // { busy, report }
  const [result, setResult] = useState(null); // { report, files, ms } after a clean
  const [busy, setBusy] = useState(null); // { where: 'open' | 'clean', label }
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const generation = useRef(0);
  const urls = useRef([]);
  // The preview that follows an open is not announced: the status keeps saying what was checked.
  const chosen = useRef(false);

  useEffect(() => {
    engine.ready.then(setEngineInfo, (e) => setEngineError(e.message));
  }, [engine]);

  // Timings for the end-to-end tests and the benchmark, taken once the answer is on screen.
  const measure = (name, mark) => {
    if (performance.getEntriesByName(mark).length) performance.measure(name, mark);
  };
  useEffect(() => report && measure('meclean-open-to-report', 'meclean-open'), [report]);
  useEffect(() => result?.files.length && measure('meclean-clean-to-download', 'meclean-clean'), [result]);

  const fresh = () => {
    for (const u of urls.current) URL.revokeObjectURL(u);
    urls.current = [];
    setResult(null);
  };
  const say = (text) => setStatus(text);

  async function open(name, load, sample = false) {
    const my = ++generation.current;
    chosen.current = false;
    fresh();
    setError('');
    setBusy({ where: 'open', label: `Reading ${name}…` });
    try {
      const answer = await load();
      if (my !== generation.current) return;
      const opened = answer.report;
      setInput({ name, size: opened.input.size, sha256: null, sample });
      setReport(opened);
      setChoice(firstChoice(opened));
      setPreview(null);
      setBusy(null);
      say(`Checked ${name} (${size(opened.input.size)}): ${opened.verdict.title}.`);
      engine.digest().then((digest) => {
        if (my === generation.current) setInput((i) => i && { ...i, sha256: digest });
      }, () => {});
    } catch (e) {
      if (my !== generation.current) return;
      setBusy(null);
      setError(`Could not check ${name}: ${e.message}`);
      say(`Could not check ${name}: ${e.message}`);
    }
  }

  async function openFile(file) {
    if (!file) return;
    performance.mark('meclean-open');
    if (file.size > MAX_SIZE) {
      generation.current++;
      setReport(null);
      const msg = `${file.name} is ${size(file.size)}; flash dumps are at most ${size(MAX_SIZE)} (two 32 MiB chips). Is this the right file?`;
      setError(msg);
      say(msg);
      return;
    }
    await open(file.name, async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.length === 0) throw new Error('the file is empty');
      return { report: await engine.open(bytes, file.name) };
    });
  }

  const openSample = () => open('meclean-sample.bin', async () => ({ report: await engine.open(await engine.sample(), 'meclean-sample.bin') }), true);

  function openEmbedded() {
    const { offset } = report.analysis.triage.embedded;
    const name = `${input.name.replace(/\.[^.]*$/, '')}-at-0x${offset.toString(16)}.bin`;
    return open(name, async () => ({ report: await engine.openEmbedded(name) }));
  }

  // The preview follows the choice: a plan with the chosen options, nothing written.
  const options = optionsOf(report, choice ?? {});
  const optionsKey = JSON.stringify(options);
  useEffect(() => {
    fresh();
    if (!report || !options) {
      setPreview(null);
      return undefined;
    }
    let stale = false;
    setPreview((p) => ({ busy: true, report: p?.report ?? null }));
    engine.report(options).then(
      (planned) => {
        if (stale) return;
        setPreview({ busy: false, report: planned });
        const n = planned.plan?.edits.length ?? 0;
        if (chosen.current) say(planned.refusal ? `Refused: ${planned.refusal.words || planned.refusal.message}` : `Preview ready: ${n} change${n === 1 ? '' : 's'} with ${planned.request.flags || 'no flags'}.`);
      },
      (e) => !stale && setPreview({ busy: false, report: null, error: e.message }),
    );
    return () => { stale = true; };
  }, [report, optionsKey]);

  async function clean() {
    const my = generation.current;
    performance.mark('meclean-clean');
    fresh();
    setBusy({ where: 'clean', label: 'Cleaning the image…' });
    try {
      const answer = await engine.clean(options);
      if (my !== generation.current) return;
      setBusy(null);
      if (answer.report.refusal) {
        setResult({ report: answer.report, files: [] });
        say(`Cleaning was refused: ${answer.report.refusal.words || answer.report.refusal.message}`);
        return;
      }
      const bytesOf = { image: answer.image, descriptor: answer.descriptor, me_region: answer.me };
      const files = answer.report.outputs.map((o) => {
        const bytes = o.role === 'layout' ? new TextEncoder().encode(answer.report.flash_write.layout)
          : o.role === 'chip' ? answer.image.subarray(o.offset, o.offset + o.size) : bytesOf[o.role];
        const url = URL.createObjectURL(new Blob([bytes], { type: o.role === 'layout' ? 'text/plain' : 'application/octet-stream' }));
        urls.current.push(url);
        return { ...o, url, bytes, sha256: null };
      });
      setResult({ report: answer.report, files, ms: answer.ms });
      say(`The new image is ready to download: ${files[0].name}, ${size(files[0].size)}.`);
      // The SHA-256 of every output, shown when ready: the download does not wait for it.
      Promise.all(files.map((f) => sha256(f.bytes))).then((digests) => {
        if (my !== generation.current) return;
        setResult((r) => r && { ...r, files: r.files.map((f, i) => ({ ...f, sha256: digests[i] })) });
      });
    } catch (e) {
      setBusy(null);
      setResult({ report: null, files: [], error: e.message });
      say(`Cleaning failed: ${e.message}`);
    }
  }

  function reset() {
    generation.current++;
    fresh();
    setReport(null);
    setInput(null);
    setPreview(null);
    setError('');
    say('Ready for another file.');
  }

  const change = (patch) => {
    chosen.current = true;
    setChoice((c) => ({ ...c, ...patch }));
  };
  // An image the engine has already opened (the join of two chip reads) becomes this session's.
  const adopt = (opened) => open(opened.input.name, async () => ({ report: opened }));
  return {
    engineInfo, engineError, input, report, choice, change, options, preview, result, busy, error, status,
    openFile, openSample, openEmbedded, adopt, clean, reset, say, track: (url) => urls.current.push(url),
  };
}
