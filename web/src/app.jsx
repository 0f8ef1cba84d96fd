import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  PRESETS, advancedReasons, checks, defaultAdvanced, describeProblem, editSegments, engineOptions, fileStem, groupedEdits,
  firmware, flagsOf, hex, kindOf, masters, num, parseJson, presetReasons, refusal, regions, size, verdict,
  HAP_PRESET, flashPlan, hapApplies, hapReason,
} from './model.js';
import { FlashMap } from './flashmap.jsx';
import { sha256 } from './sha256.js';
import { CseView, DescriptorView, FlashromWrite, HapControls, HapRefusal } from './descriptor.jsx';
import { Footer } from './footer.jsx';

const MAX_SIZE = 64 * 1024 * 1024;
const ICON = { ok: '✓', warn: '⚠', fail: '✗', skip: '–' };
const ICON_WORD = { ok: 'passed', warn: 'warning', fail: 'failed', skip: 'skipped' };

function blobUrl(parts, type = 'application/octet-stream') {
  return URL.createObjectURL(new Blob(parts, { type }));
}

// ---------------------------------------------------------------------------

export function App({ engine }) {
  const [phase, setPhase] = useState('empty'); // empty | busy | report
  const [engineInfo, setEngineInfo] = useState(null);
  const [engineError, setEngineError] = useState('');
  const [progress, setProgress] = useState(null); // { step, steps, label }
  const [status, setStatus] = useState('');
  const [input, setInput] = useState(null); // { name, size, sha256 }
  const [analysis, setAnalysis] = useState(null);
  const [error, setError] = useState('');
  const [preset, setPreset] = useState('recommended');
  const [advanced, setAdvanced] = useState(defaultAdvanced);
  const [hap, setHap] = useState({ platform: 'auto', allowFdvOverride: false }); // "Set HAP for this platform"
  const [preview, setPreview] = useState(null); // worker answer (plan parsed)
  const [result, setResult] = useState(null); // downloads
  const [downloaded, setDownloaded] = useState(false);
  const [dragging, setDragging] = useState(false);
  const generation = useRef(0); // drops a stale answer when a newer file was opened
  const urls = useRef([]);
  const inputDigest = useRef(null); // Promise of the open file's SHA-256 (hex)
  const pendingAnnouncement = useRef(''); // the check result, announced together with the first preview

  useEffect(() => {
    engine.ready.then(setEngineInfo, (e) => setEngineError(e.message));
  }, [engine]);

  // Timings for the e2e report (performance.getEntriesByType('measure')), taken after the render.
  useEffect(() => {
    if (analysis && performance.getEntriesByName('meclean-open').length) performance.measure('meclean-open-to-report', 'meclean-open');
  }, [analysis]);
  useEffect(() => {
    if (result?.ok && performance.getEntriesByName('meclean-clean').length) performance.measure('meclean-clean-to-download', 'meclean-clean');
  }, [result]);

  const kind = kindOf(analysis);
  const options = useMemo(() => engineOptions(preset, advanced, hap), [preset, advanced, hap]);
  // A CSE image (CSME 12+) has an analysis problem for me_cleaner but can still get its HAP bit set.
  const workable = !!analysis && (!analysis.problem || hapApplies(analysis));
  const refused = !analysis ? ''
    : preset === 'hap' ? hapReason(analysis) || refusal(options, kind)
    : presetReasons(kind, analysis)[preset] || refusal(options, kind);

  function step(step, steps, label) {
    setProgress({ step, steps, label });
    setStatus(`Step ${step} of ${steps}: ${label}`);
  }

  function releaseUrls() {
    for (const u of urls.current) URL.revokeObjectURL(u);
    urls.current = [];
  }

  async function open(name, bytes, sample = false) {
    const my = ++generation.current;
    const length = bytes.length;
    releaseUrls();
    setPhase('busy');
    setError('');
    setAnalysis(null);
    setPreview(null);
    setResult(null);
    setDownloaded(false);
    try {
      step(2, 3, 'starting the engine…');
      await engine.ready;
      step(3, 3, 'checking the image…');
      // The worker takes the bytes at once and hashes them after the check: Web Crypto hashes
      // 16 MiB on the calling thread (~50 ms), which here would hold back the report.
      // The report does not wait for the SHA-256: it is filled in when ready, and clean() waits for it.
      const answering = engine.analyze(bytes); // transfers `bytes` to the worker
      const digesting = engine.digest();
      digesting.catch(() => {});
      inputDigest.current = digesting;
      const answer = await answering;
      const info = { name, size: length, sha256: null, sample };
      if (my !== generation.current) return;
      digesting.then((digest) => {
        if (my === generation.current) setInput((i) => (i ? { ...i, sha256: digest } : i));
      }, () => {});
      const parsed = parseJson(answer.analysis);
      setInput(info);
      setAnalysis(parsed);
      const k = kindOf(parsed);
      setPreset(parsed?.cse && parsed.problem && hapApplies(parsed) ? 'hap' : presetReasons(k).recommended ? 'clean' : 'recommended');
      setAdvanced(defaultAdvanced());
      setHap({ platform: 'auto', allowFdvOverride: false });
      setPhase('report');
      setProgress(null);
      if (parsed?.problem && !parsed.cse) {
        setError(describeProblem(parsed.problem));
        setStatus(`Cannot clean ${name}: ${describeProblem(parsed.problem)}`);
      } else {
        pendingAnnouncement.current = `Checked ${name} (${size(info.size)}): ${verdict(parsed).title}.`;
        setStatus(pendingAnnouncement.current);
      }
    } catch (e) {
      if (my !== generation.current) return;
      setPhase('empty');
      setProgress(null);
      setError(`Could not check ${name}: ${e.message}`);
      setStatus(`Could not check ${name}: ${e.message}`);
    }
  }

  async function openFile(file) {
    if (!file) return;
    if (file.size > MAX_SIZE) {
      const msg = `${file.name} is ${size(file.size)}; flash dumps are at most ${size(MAX_SIZE)} (two 32 MiB chips). Is this the right file?`;
      generation.current++;
      setAnalysis(null);
      setPhase('empty');
      setError(msg);
      setStatus(msg);
      return;
    }
    setPhase('busy');
    performance.mark('meclean-open');
    step(1, 3, `reading ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.length === 0) throw new Error('the file is empty');
      await open(file.name, bytes);
    } catch (e) {
      setPhase('empty');
      setProgress(null);
      setError(`Could not read ${file.name}: ${e.message}`);
      setStatus(`Could not read ${file.name}: ${e.message}`);
    }
  }

  async function openSample() {
    setPhase('busy');
    step(1, 3, 'making the sample image…');
    try {
      await engine.ready;
      const answer = await engine.sample();
      await open('meclean-sample.bin', answer.bytes, true);
    } catch (e) {
      setPhase('empty');
      setProgress(null);
      setError(`Could not make the sample image: ${e.message}`);
    }
  }

  // The plain image the engine found inside the open file (a capsule, a mirrored read...), opened
  // as a file of its own: everything that follows (report, clean, downloads) is about that image.
  async function openEmbedded() {
    const { offset, length } = analysis.triage.embedded;
    const name = `${fileStem(input.name)}-at-${hex(offset)}.bin`;
    setPhase('busy');
    step(1, 3, `taking the image at ${hex(offset)} out of ${input.name}…`);
    try {
      const answer = await engine.extract(offset, length);
      await open(name, answer.bytes);
    } catch (e) {
      setPhase('report');
      setProgress(null);
      setError(`Could not open the image inside ${input.name}: ${e.message}`);
    }
  }

  // The preview follows the options: inspect + plan, nothing written.
  useEffect(() => {
    if (!analysis || !workable) return;
    setResult(null);
    setDownloaded(false);
    releaseUrls();
    if (refused) {
      setPreview(null);
      return;
    }
    let stale = false;
    setPreview((p) => (p ? { ...p, busy: true } : { busy: true }));
    engine.preview(options).then(
      (answer) => {
        if (stale) return;
        const plan = parseJson(answer.plan);
        setPreview({ ...answer, plan, busy: false });
        const n = (plan?.edits ?? []).length;
        const before = pendingAnnouncement.current ? `${pendingAnnouncement.current} ` : '';
        pendingAnnouncement.current = '';
        setStatus(before + (answer.ok ? `Preview ready: ${n} change${n === 1 ? '' : 's'} with ${flagsOf(options) || 'no flags'}.` : `This combination is refused: ${answer.error}`));
      },
      (e) => !stale && setPreview({ ok: false, error: e.message, busy: false }),
    );
    return () => { stale = true; };
  }, [analysis, options, refused, workable]);

  async function clean() {
    const my = generation.current;
    performance.mark('meclean-clean');
    releaseUrls();
    setResult(null);
    setDownloaded(false);
    try {
      step(1, 2, 'cleaning the image…');
      const answer = await engine.clean(options);
      if (my !== generation.current) return;
      if (!answer.ok) {
        setProgress(null);
        setResult({ ok: false, error: answer.error });
        setStatus(`Cleaning failed: ${answer.error}`);
        return;
      }
      step(2, 2, 'computing SHA-256 of the outputs…');
      const inputSha = await inputDigest.current;
      const stem = fileStem(input.name);
      const files = [];
      const add = async (id, label, name, bytes) => {
        const url = blobUrl([bytes]);
        urls.current.push(url);
        files.push({ id, label, name, url, size: bytes.length, sha256: await sha256(bytes) });
      };
      await add('download', 'Cleaned image', `${stem}-meclean.bin`, answer.image);
      if (answer.descriptor) await add('download-descriptor', 'Extracted descriptor (-D)', `${stem}-descriptor.bin`, answer.descriptor);
      if (answer.me) await add('download-me', 'Extracted ME region (-M)', `${stem}-me.bin`, answer.me);
      const plan = parseJson(answer.plan);
      let flash = null;
      if (answer.flash && !answer.flash.error) {
        flash = flashPlan(analysis, answer.flash.layout, answer.flash, files[0].name);
        flash.from = answer.flash.from;
        const layoutUrl = blobUrl([flash.layout], 'text/plain');
        urls.current.push(layoutUrl);
        files.push({ id: 'download-layout', label: 'flashrom layout', name: flash.layoutFile, url: layoutUrl, size: flash.layout.length, sha256: await sha256(new TextEncoder().encode(flash.layout)) });
      }
      const hashes = [{ name: input.name, role: 'input', size: input.size, sha256: inputSha },
        ...files.map((f) => ({ name: f.name, role: f.label, size: f.size, sha256: f.sha256 }))];
      const report = {
        tool: 'meclean (web)',
        version: engineInfo?.version ?? '',
        flags: flagsOf(options),
        options,
        input: { name: input.name, size: input.size, sha256: inputSha },
        outputs: files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
        analysis,
        plan,
        flashrom: flash && { layout: flash.layout, changed: flash.changed, unchanged: flash.unchanged, command: flash.command, notes: flash.notes },
        log: answer.log,
      };
      const jsonUrl = blobUrl([JSON.stringify(report, null, 2) + '\n'], 'application/json');
      const text = `${answer.log}\n\nmeclean (web) ${engineInfo?.version ?? ''}, options: ${flagsOf(options) || '(none)'}\nSHA-256:\n${hashes.map((h) => `  ${h.sha256}  ${h.name}`).join('\n')}\n`;
      const textUrl = blobUrl([text], 'text/plain');
      urls.current.push(jsonUrl, textUrl);
      if (my !== generation.current) return;
      setResult({ ok: true, files, hashes, flash, jsonUrl, jsonName: `${stem}-meclean-report.json`, textUrl, textName: `${stem}-meclean-report.txt`, ms: answer.ms });
      setProgress(null);
      setStatus(`The cleaned image is ready to download: ${files[0].name}, ${size(files[0].size)}.`);
    } catch (e) {
      setProgress(null);
      setResult({ ok: false, error: e.message });
      setStatus(`Cleaning failed: ${e.message}`);
    }
  }

  function reset() {
    generation.current++;
    releaseUrls();
    setPhase('empty');
    setAnalysis(null);
    setInput(null);
    setPreview(null);
    setResult(null);
    setError('');
    setStatus('Ready for another file.');
    document.getElementById('file')?.focus();
  }

  // Whole-window drop zone.
  const onDragOver = (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (e) => {
    if (!e.relatedTarget) setDragging(false);
  };
  const onDrop = (e) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer?.files?.[0];
    if (file) openFile(file);
  };

  return (
    <div id="drop" class={`app${dragging ? ' dragging' : ''}`} onDragOver={onDragOver} onDragEnter={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <header class="top">
        <h1>meclean</h1>
        <p class="tagline">Neutralise Intel ME/TXE firmware like <code>me_cleaner</code>.</p>
        <p class="local" id="local">Runs in your browser — nothing is uploaded.</p>
      </header>

      <div id="status" class="visually-hidden" role="status" aria-live="polite">{status}</div>

      <main>
        <section class="open" aria-labelledby="open-title">
          <h2 id="open-title" class={phase === 'empty' ? '' : 'visually-hidden'}>Open a flash dump</h2>
          {phase === 'empty' && (
            <p>Drop a flash dump (a full SPI flash image or a bare ME/TXE region) anywhere on this page, or choose it.</p>
          )}
          <div class="open-row">
            <input id="file" type="file" class="file-input visually-hidden" onChange={(e) => { openFile(e.currentTarget.files[0]); e.currentTarget.value = ''; }} />
            <label for="file" class="button primary">Choose a flash dump…</label>
            <button id="sample" type="button" onClick={openSample} disabled={engineInfo && !engineInfo.hasSample}
              title={engineInfo && !engineInfo.hasSample ? 'This build has no sample image' : ''}>Try a sample image</button>
            {phase !== 'empty' && <button type="button" class="link" onClick={reset}>Start over</button>}
          </div>
          {engineError && <p class="error" role="alert">The engine could not start: {engineError}</p>}
          {progress && (
            <div class="progress" id="progress">
              <progress max={progress.steps} value={progress.step} aria-label="Progress" />
              <span>Step {progress.step} of {progress.steps}: {progress.label}</span>
            </div>
          )}
          {error && !analysis?.problem && (
            <div id="error" class="error" role="alert">
              {error}
            </div>
          )}
        </section>

        {dragging && <div class="drop-overlay" aria-hidden="true">Drop the flash dump to check it</div>}

        {analysis && input && (
          <Report analysis={analysis} input={input} preview={preview} onOpenEmbedded={openEmbedded} />
        )}

        {analysis && input && workable && (
          <section aria-labelledby="options-title" id="options">
            <h2 id="options-title">Options</h2>
            <Options kind={kind} preset={preset} setPreset={setPreset} advanced={advanced} setAdvanced={setAdvanced}
              analysis={analysis} hap={hap} setHap={setHap} />
            {refused && <p id="refused" class="warn-box" role="alert">{refused}</p>}
          </section>
        )}

        {workable && !refused && preview && (
          <Preview analysis={analysis} preview={preview} options={options} />
        )}

        {workable && !refused && preview?.ok && !preview.busy && (
          <section aria-labelledby="write-title" id="write">
            <h2 id="write-title">Clean and download</h2>
            <SafetyNotes />
            {!result && <button id="clean" type="button" class="primary" onClick={clean} disabled={!!progress}>
              Clean the image ({flagsOf(options) || 'no flags'})</button>}
            {result && !result.ok && <p id="clean-error" class="error" role="alert">Cleaning failed: {result.error}</p>}
            {result?.ok && <Downloads result={result} onDownload={() => setDownloaded(true)} />}
            {result?.ok && <FlashromWrite flash={result.flash} />}
            {downloaded && <AfterDownload kind={kind} analysis={analysis} />}
          </section>
        )}
      </main>

      <Footer engineVersion={engineInfo?.version} />
    </div>
  );
}

// ---------------------------------------------------------------------------

// What the engine's triage found (a file that is not a plain dump of the right size) and the
// offer to work on the plain image inside. `explained`: the verdict already says what it is.
function Triage({ triage, explained, onOpenEmbedded }) {
  if (!triage) return null;
  const e = triage.embedded;
  const button = e && (
    <p>
      <button id="open-embedded" type="button" class="primary" onClick={onOpenEmbedded}>
        Work on the flash image inside ({hex(e.offset)}–{hex(e.offset + e.length - 1)}, {size(e.length)})
      </button>
    </p>
  );
  if (explained) return <div id="triage" data-kind={triage.kind}>{button}</div>;
  return (
    <div id="triage" class="warn-box" data-kind={triage.kind}>
      <p>{triage.what} {triage.advice}</p>
      {button}
    </div>
  );
}

function Report({ analysis, input, preview, onOpenEmbedded }) {
  const v = verdict(analysis);
  const items = checks(analysis);
  const findings = (analysis.findings ?? []).filter((f) => f.severity !== 'info' && f.code !== analysis.problem?.code);
  return (
    <section aria-labelledby="report-title" id="report">
      <h2 id="report-title" class="visually-hidden">Report</h2>
      <div id="verdict" class={`verdict ${v.state}`}>
        <span class="icon" aria-hidden="true">{ICON[v.state]}</span>
        <div>
          <p class="verdict-title"><span class="visually-hidden">{ICON_WORD[v.state]}: </span>{v.title}</p>
          {analysis.problem && !analysis.cse
            ? <p id="error" role="alert"><strong>{input.name}:</strong> {v.detail}</p>
            : v.detail && <p>{v.detail}</p>}
          {input.sample && <p id="sample-note">This is meclean's synthetic sample: a made-up board with ME 7-style firmware signed with meclean's own test key. It contains no Intel code; do not flash it.</p>}
          <Triage triage={analysis.triage} explained={!!analysis.problem} onOpenEmbedded={onOpenEmbedded} />
          <p class="meta">{input.name} · {size(input.size)} · SHA-256 <code class="hash">{input.sha256 ?? 'computing…'}</code></p>
        </div>
      </div>

      <h3>Checks</h3>
      <ul id="checks" class="checks">
        {items.map((c) => (
          <li key={c.id} class={c.state} data-check={c.id} data-state={c.state}>
            <span class="icon" aria-hidden="true">{ICON[c.state]}</span>
            <span class="visually-hidden">{ICON_WORD[c.state]}: </span>
            <span class="label">{c.label}</span>
            {c.detail && <span class="detail"> — {c.detail}</span>}
          </li>
        ))}
      </ul>
      {findings.length > 0 && (
        <details open={findings.some((f) => f.severity === 'error')}>
          <summary>Findings ({findings.length})</summary>
          <ul class="findings">
            {findings.map((f, i) => (
              <li key={i} class={f.severity === 'error' ? 'fail' : 'warn'}>
                <code>{f.code}</code> {describeProblem(f)}
              </li>
            ))}
          </ul>
        </details>
      )}

      {kindOf(analysis) !== 'unknown' && (
        <>
          <h3>Flash map</h3>
          <FlashMap analysis={analysis} id="map-before" title="Before" />
        </>
      )}
      <Tables analysis={analysis} plan={preview?.ok ? preview.plan : null} />
      <CseView analysis={analysis} />
      <DescriptorView analysis={analysis} input={input} />
    </section>
  );
}

function regionNames(mask, all) {
  const names = [];
  for (const r of all) if ((mask >> r.index) & 1) names.push(r.name);
  return names.join(', ') || 'none';
}

function Tables({ analysis, plan }) {
  const rs = regions(analysis);
  const ms = masters(analysis);
  const fw = firmware(analysis);
  const entries = fw?.entries ?? [];
  const modules = fw?.modules ?? [];
  const verdictOf = (items, name) => (items ?? []).find((v) => v.name === name);
  return (
    <>
      {rs.length > 0 && (
        <details open>
          <summary>Regions ({rs.filter((r) => r.used).length} used)</summary>
          <table id="regions">
            <thead><tr><th scope="col">#</th><th scope="col">Region</th><th scope="col">Range</th><th scope="col">Size</th></tr></thead>
            <tbody>
              {rs.map((r) => (
                <tr key={r.index} class={r.used ? '' : 'unused'}>
                  <td>{r.index}</td><td>{r.name}</td>
                  <td>{r.used ? `${hex(r.base, 8)}–${hex(r.limit, 8)}` : 'unused'}</td>
                  <td>{r.used ? size(r.limit - r.base + 1) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ms.length > 0 && (
            <table id="masters">
              <thead><tr><th scope="col">Master</th><th scope="col">May read</th><th scope="col">May write</th></tr></thead>
              <tbody>
                {ms.map((m) => (
                  <tr key={m.index}><td>{m.name}</td><td>{regionNames(m.read, rs)}</td><td>{regionNames(m.write, rs)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      )}
      {entries.length > 0 && (
        <details open>
          <summary>Partitions ({entries.length})</summary>
          <table id="partitions">
            <thead><tr><th scope="col">Name</th><th scope="col">Range (in the ME region)</th><th scope="col">Size</th><th scope="col">With these options</th></tr></thead>
            <tbody>
              {entries.map((e, i) => {
                const v = plan ? verdictOf(plan.partitions, e.name) : null;
                const off = num(e.offset) ?? 0;
                const len = num(e.length) ?? 0;
                return (
                  <tr key={i} class={v?.action === 'removed' ? 'removed' : ''}>
                    <td><code>{e.name}</code></td>
                    <td>{off === 0xffffffff || len === 0 ? 'no data' : `${hex(off, 8)}–${hex(off + len - 1, 8)}`}</td>
                    <td>{size(len)}</td>
                    <td>{v ? v.action : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      )}
      {modules.length > 0 && (
        <details>
          <summary>FTPR modules ({modules.length})</summary>
          <table id="modules">
            <thead><tr><th scope="col">Module</th><th scope="col">Compression</th><th scope="col">Offset</th><th scope="col">Size</th><th scope="col">With these options</th></tr></thead>
            <tbody>
              {modules.map((m, i) => {
                const v = plan ? verdictOf(plan.modules, m.name) : null;
                return (
                  <tr key={i} class={v?.action === 'removed' ? 'removed' : ''}>
                    <td><code>{m.name}</code></td><td>{m.compression}</td><td>{hex(m.offset, 6)}</td><td>{size(m.size)}</td><td>{v ? v.action : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------

function Options({ kind, preset, setPreset, advanced, setAdvanced, analysis, hap, setHap }) {
  const reasons = presetReasons(kind, analysis);
  const offerHap = hapApplies(analysis);
  const adv = advancedReasons(advanced, kind);
  const set = (patch) => setAdvanced((a) => ({ ...a, ...patch }));
  const check = (key, label, flag) => (
    <Choice id={`opt-${key}`} type="checkbox" checked={advanced[key]} reason={adv[key]}
      onChange={(on) => set({ [key]: on })} label={label} flag={flag} />
  );
  return (
    <>
      <fieldset class="presets">
        <legend>Preset</legend>
        {PRESETS.map((p) => (
          <Choice key={p.id} id={`preset-${p.id}`} type="radio" name="preset" checked={preset === p.id}
            reason={reasons[p.id]} onChange={() => setPreset(p.id)} label={p.label} flag={p.flags} help={p.help} />
        ))}
        {offerHap && (
          <Choice id="preset-hap" type="radio" name="preset" checked={preset === 'hap'} reason={hapReason(analysis)}
            onChange={() => setPreset('hap')} label={HAP_PRESET.label} flag={HAP_PRESET.flags} help={HAP_PRESET.help} />
        )}
      </fieldset>
      {offerHap && preset === 'hap' && <HapControls analysis={analysis} hap={hap} setHap={setHap} />}
      {preset === 'advanced' && (
        <fieldset class="advanced" id="advanced">
          <legend>Advanced</legend>
          <fieldset>
            <legend>ME disable bit</legend>
            <Choice id="opt-disable-none" type="radio" name="disable" checked={advanced.disable === 'none'} onChange={() => set({ disable: 'none' })} label="Leave the HAP/AltMeDisable bit alone" />
            <Choice id="opt-disable-S" type="radio" name="disable" checked={advanced.disable === 'S'} reason={adv['disable-S']} onChange={() => set({ disable: 'S' })} label="Clean and set the bit" flag="-S" />
            <Choice id="opt-disable-s" type="radio" name="disable" checked={advanced.disable === 's'} reason={adv['disable-s']} onChange={() => set({ disable: 's' })} label="Only set the bit" flag="-s" />
          </fieldset>
          {check('relocate', 'Relocate FTPR to the start of the ME region', '-r')}
          {check('truncate', 'Truncate the ME image to its minimum size', '-t')}
          {check('keep_modules', 'Keep all FTPR modules', '-k')}
          {check('restrict_me_master', 'Restrict the ME master to its own region (descriptor)', '-d')}
          {check('extract_descriptor', 'Also save the (modified) descriptor as a separate file', '-D')}
          {check('extract_me', 'Also save the (modified) ME region as a separate file', '-M')}
          <fieldset>
            <legend>Partitions to keep or remove</legend>
            <Choice id="opt-list-none" type="radio" name="listmode" checked={advanced.listMode === 'none'} onChange={() => set({ listMode: 'none' })} label="me_cleaner's default" />
            <Choice id="opt-list-whitelist" type="radio" name="listmode" checked={advanced.listMode === 'whitelist'} reason={adv.whitelist} onChange={() => set({ listMode: 'whitelist' })} label="Keep these partitions too (whitelist)" flag="-w" />
            <Choice id="opt-list-blacklist" type="radio" name="listmode" checked={advanced.listMode === 'blacklist'} reason={adv.blacklist} onChange={() => set({ listMode: 'blacklist' })} label="Remove only these partitions (blacklist)" flag="-b" />
            {advanced.listMode !== 'none' && (
              <p class="choice">
                <label for="opt-list">Partition names, comma-separated</label>{' '}
                <input id="opt-list" type="text" value={advanced.list} spellcheck={false} autocomplete="off"
                  onInput={(e) => set({ list: e.currentTarget.value.toUpperCase() })} placeholder="EFFS,MFS" />
              </p>
            )}
            <p class="hint">A whitelist and a blacklist cannot be combined; neither works with relocate (-r).</p>
          </fieldset>
        </fieldset>
      )}
    </>
  );
}

function Choice({ id, type, name, checked, reason = '', onChange, label, flag, help }) {
  const why = reason ? `${id}-why` : undefined;
  return (
    <div class={`choice${reason ? ' disabled' : ''}`}>
      <input id={id} type={type} name={name} checked={checked && !reason} disabled={!!reason}
        aria-describedby={why} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}{flag && <> <code>{flag}</code></>}</label>
      {help && !reason && <span class="hint"> — {help}</span>}
      {reason && <span id={why} class="why"> — unavailable: {reason}</span>}
    </div>
  );
}

// ---------------------------------------------------------------------------

function Preview({ analysis, preview, options }) {
  if (preview.busy && !preview.plan) return <section id="preview" aria-busy="true"><h2>What will change</h2><p>Planning…</p></section>;
  if (!preview.ok)
    return (
      <section id="preview">
        <h2>What will change</h2>
        {options.platform && preview.plan?.problem
          ? <HapRefusal problem={preview.plan.problem} />
          : <p id="preview-error" class="error" role="alert">meclean refuses these options: {preview.error}</p>}
      </section>
    );
  const plan = preview.plan ?? {};
  const edits = editSegments(plan);
  const outSize = num(plan.output_size) ?? num(analysis.size);
  const sig = plan.final_signature;
  const warnings = (plan.findings ?? []).filter((f) => f.severity !== 'info');
  return (
    <section id="preview" aria-labelledby="preview-title" aria-busy={preview.busy ? 'true' : 'false'}>
      <h2 id="preview-title">What will change <span class="flags">({flagsOf(options) || 'no flags'})</span></h2>
      <p>Nothing is written until you press “Clean the image”. {edits.length} change{edits.length === 1 ? '' : 's'}; the output will be {size(outSize)}{outSize !== num(analysis.size) ? ` (the input is ${size(analysis.size)})` : ''}.
        {sig && <> The FTPR signature {sig.me_cleaner_valid ? 'still verifies' : <strong>would no longer verify</strong>} afterwards.</>}</p>
      {warnings.map((f, i) => <p key={i} class="warn-box">{describeProblem(f)}</p>)}
      <FlashMap analysis={analysis} plan={plan} id="map-after" title="After" />
      <table id="edits">
        <thead><tr><th scope="col">Change</th><th scope="col">Where (file offsets)</th><th scope="col">Bytes</th><th scope="col">Why</th></tr></thead>
        <tbody>
          {groupedEdits(plan).map((g, i) => (
            <tr key={i}>
              <td>{EDIT_WORDS[g.kind] ?? g.kind}{g.count > 1 ? ` ×${g.count}` : ''}</td>
              <td>{g.kind === 'resize' ? `new size ${hex(g.items[0].length)}`
                : g.kind === 'move' && g.count === 1 ? `${hex(g.source)} → ${hex(g.start)}–${hex(g.end - 1)}`
                : g.count === 1 ? `${hex(g.start)}–${hex(g.end - 1)}`
                : <details><summary>{`${g.count} ranges within ${hex(g.start)}–${hex(g.end - 1)}`}</summary>
                    <ul class="ranges">{g.items.map((e, j) => <li key={j}>{hex(e.start)}–{hex(e.end - 1)}</li>)}</ul></details>}</td>
              <td>{size(g.bytes)}</td>
              <td>{g.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>me_cleaner's output</summary>
        <pre id="log">{preview.log}</pre>
      </details>
    </section>
  );
}

const EDIT_WORDS = { fill: 'erase (0xFF)', write: 'write', move: 'move', resize: 'resize' };

function SafetyNotes() {
  return (
    <div id="safety" class="notes">
      <h3>Before you flash</h3>
      <ul>
        <li>Keep the original dump somewhere safe: it is the only way back.</li>
        <li>Have an external programmer (a CH341A or similar with a clip) ready in case the machine does not start.</li>
        <li>The vendor's flasher may skip the ME region: write the whole image with an external programmer or <code>flashrom</code>.</li>
        <li>Clean a dump of <em>your own</em> board: a vendor's update image lacks your board's MAC address and serial numbers.</li>
        <li>On machines with Boot Guard, a modified image may be refused and the machine may not start.</li>
      </ul>
    </div>
  );
}

function Downloads({ result, onDownload }) {
  return (
    <div id="downloads">
      <ul class="downloads">
        {result.files.map((f) => (
          <li key={f.id}>
            <a id={f.id} class={f.id === 'download' ? 'button primary' : 'button'} href={f.url} download={f.name} onClick={onDownload}>
              Download {f.label.toLowerCase()} <span class="filename">{f.name}</span></a> <span class="meta">{size(f.size)}</span>
          </li>
        ))}
        <li><a id="report-json" class="button" href={result.jsonUrl} download={result.jsonName}>JSON report</a></li>
        <li><a id="report-txt" class="button" href={result.textUrl} download={result.textName}>Text report (log)</a></li>
      </ul>
      <table id="hashes">
        <caption>SHA-256</caption>
        <thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">SHA-256</th></tr></thead>
        <tbody>
          {result.hashes.map((h) => (
            <tr key={h.name}><td>{h.name}</td><td>{size(h.size)}</td><td><code class="hash">{h.sha256}</code></td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AfterDownload({ kind }) {
  return (
    <div id="after-download" class="notes" tabIndex={-1}>
      <h3>After flashing: check that the ME is neutralised</h3>
      <ol>
        <li>Boot Linux and run <code>intelmetool -m</code> (from coreboot's <code>util/intelmetool</code>; it may need the kernel parameter <code>iomem=relaxed</code>).</li>
        <li>On Skylake and newer, expect <code>Error Code: Image Failure</code> — the ME stopped after its bring-up.</li>
        <li>Before Skylake, expect <code>Progress Phase State: M0 kernel load</code>.</li>
        <li>If the machine does not start, write the original dump back with your external programmer.</li>
        {kind !== 'full' && <li>You cleaned a bare ME/TXE image: put it back into the ME region of your full dump (e.g. with <code>ifdtool -i ME:me.bin</code>).</li>}
      </ol>
    </div>
  );
}

