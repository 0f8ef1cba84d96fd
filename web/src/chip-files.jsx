// A two-chip flash goes back one chip at a time with an external programmer. The engine names a
// file per chip (its bytes are a slice of the new image), its SHA-256, the command that writes it
// (none for a chip the clean left unchanged: do not rewrite it) and the one that reads it back.
import { CopyText } from './copy-text.jsx';
import { size } from './format.js';

export function ChipFiles({ report, files }) {
  const w = report.flash_write;
  const regionName = (i) => w.regions.find((r) => r.index === i)?.name ?? `region ${i}`;
  return (
    <div id="chip-files" class="notes">
      <h3>One file per chip, for an external programmer</h3>
      {w.chips.map((c) => {
        const f = files.find((x) => x.role === 'chip' && x.name === c.name);
        return (
          <div key={c.number} id={`chip${c.number}`} class="chip" data-changed={String(c.changed)}>
            <h4>Chip {c.number} <span class="meta">· {size(c.length)} · {c.regions.map(regionName).join(', ') || 'no region'}</span></h4>
            {f && <p><a id={`download-chip${c.number}`} class="button" href={f.url} download={f.name}>
              Download <span class="filename">{f.name}</span></a></p>}
            <p class="meta">SHA-256 <code class="hash" id={`chip${c.number}-sha256`}>{c.sha256}</code></p>
            {c.write_command
              ? <><p>Write it:</p><CopyText id={`chip${c.number}-write`} text={c.write_command} /></>
              : <p id={`chip${c.number}-keep`} class="warn-box">Unchanged by the clean: do not rewrite this chip.</p>}
            <p>Read it back, to check it with “The image you wrote and its read-back” above:</p>
            <CopyText id={`chip${c.number}-read`} text={c.read_command} />
          </div>
        );
      })}
    </div>
  );
}
