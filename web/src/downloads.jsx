// The outputs of a clean, their SHA-256 (filled in when computed) and the reports.
import { useMemo } from 'preact/hooks';
import { ChipFiles } from './chip-files.jsx';
import { describe, size, textReport } from './format.js';

const ID = { image: 'download', descriptor: 'download-descriptor', me_region: 'download-me', layout: 'download-layout' };

function useBlobUrl(text, type, track) {
  return useMemo(() => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    track(url);
    return url;
  }, [text]);
}

export function Downloads({ session: s }) {
  const { result } = s;
  if (result.files.length) return <Files session={s} />;
  const why = result.report?.refusal ? describe(result.report.refusal) : result.error;
  return <p id="clean-error" class="error" role="alert">Nothing was written: {why}</p>;
}

function Files({ session: s }) {
  const { result, input, engineInfo } = s;
  const hashes = [{ name: input.name, label: 'Input', size: input.size, sha256: input.sha256 },
    ...result.files.map((f) => ({ name: f.name, label: f.label, size: f.size, sha256: f.sha256 }))];
  const stem = input.name.replace(/\.[^.]*$/, '');
  const json = useBlobUrl(JSON.stringify({ ...result.report, files: hashes }, null, 2) + '\n', 'application/json', s.track);
  const text = useBlobUrl(textReport(result.report, engineInfo?.version ?? '', hashes), 'text/plain', s.track);
  return (
    <section id="downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Download</h2>
      <ul class="downloads">
        {result.files.filter((f) => f.role !== 'chip').map((f) => (
          <li key={f.role}>
            <a id={ID[f.role]} class={f.role === 'image' ? 'button primary' : 'button'} href={f.url} download={f.name}>
              Download the {f.label.replace(/^./, (c) => c.toLowerCase())} <span class="filename">{f.name}</span></a>{' '}
            <span class="meta">{size(f.size)}</span>
          </li>
        ))}
        <li><a id="report-json" class="button" href={json} download={`${stem}-meclean-report.json`}>JSON report</a></li>
        <li><a id="report-txt" class="button" href={text} download={`${stem}-meclean-report.txt`}>Text report</a></li>
      </ul>
      {result.report.flash_write?.chips.length > 0 && <ChipFiles report={result.report} files={result.files} />}
      <div class="scroll">
        <table id="hashes">
          <caption>SHA-256</caption>
          <thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">SHA-256</th></tr></thead>
          <tbody>{hashes.map((h) => (
            <tr key={h.name}><td>{h.name}</td><td>{size(h.size)}</td><td><code class="hash">{h.sha256 ?? 'computing…'}</code></td></tr>))}</tbody>
        </table>
      </div>
    </section>
  );
}
