// What the chosen options change, before anything is written, and the button that does it.
import { FlashMap } from './flashmap.jsx';
import { Progress } from './progress.jsx';
import { describe, groupedEdits, hex, size } from './format.js';

const EDIT_WORDS = { fill: 'erase (0xFF)', write: 'write', move: 'move', resize: 'resize' };

function Refused({ refusal, hap }) {
  return (
    <div id={hap ? 'hap-refusal' : 'preview-error'} class="error" role="alert" data-code={refusal.code} data-remedy={refusal.remedy}>
      <p><strong>{hap ? 'meclean will not set the HAP bit here.' : 'meclean refuses these options.'}</strong> {describe(refusal)}</p>
    </div>
  );
}

export function Preview({ report, preview, busy, onClean }) {
  const planned = preview.report;
  if (!planned) {
    return <section id="preview" aria-busy="true"><h2>What will change</h2><p>{preview.error ?? 'Planning…'}</p></section>;
  }
  const flags = planned.request.flags || 'no flags';
  if (planned.refusal) {
    return (
      <section id="preview" aria-busy={preview.busy ? 'true' : 'false'}>
        <h2 id="preview-title">What will change <span class="flags">({flags})</span></h2>
        <Refused refusal={planned.refusal} hap={!!planned.request.options.platform} />
      </section>
    );
  }
  const plan = planned.plan;
  const inSize = report.input.size;
  const sig = plan.final_signature;
  return (
    <section id="preview" aria-labelledby="preview-title" aria-busy={preview.busy ? 'true' : 'false'}>
      <h2 id="preview-title">What will change <span class="flags">({flags})</span></h2>
      <p>{plan.edits.length} change{plan.edits.length === 1 ? '' : 's'}; the new image will be {size(plan.output_size)}
        {plan.output_size !== inSize ? ` (the input is ${size(inSize)})` : ''}.
        {sig && <> The FTPR signature {sig.me_cleaner_valid ? 'still verifies' : <strong>would no longer verify</strong>} afterwards.</>}
        {' '}Nothing is written until you press “Clean the image”.</p>
      {planned.warnings.filter((f) => f.severity !== 'info').map((f, i) => <p key={i} class="warn-box">{f.message}</p>)}
      <div class="clean-row">
        <button id="clean" type="button" class="primary" onClick={onClean} disabled={!!busy || preview.busy}>Clean the image</button>
        {busy?.where === 'clean' && <Progress id="clean-progress" label={busy.label} />}
      </div>
      <FlashMap analysis={report.analysis} plan={plan} id="map-after" title="After" />
      <details open={plan.edits.length <= 12}>
        <summary>Every change ({plan.edits.length})</summary>
        <div class="scroll">
          <table id="edits">
            <thead><tr><th scope="col">Change</th><th scope="col">Where (file offsets)</th><th scope="col">Size</th><th scope="col">Why</th></tr></thead>
            <tbody>
              {groupedEdits(plan).map((g, i) => (
                <tr key={i}>
                  <td>{EDIT_WORDS[g.kind] ?? g.kind}{g.count > 1 ? ` ×${g.count}` : ''}</td>
                  <td>{g.kind === 'resize' ? `new size ${size(g.items[0].length)}`
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
        </div>
      </details>
      <details>
        <summary>me_cleaner's output</summary>
        <pre id="log">{planned.log.join('\n')}</pre>
      </details>
    </section>
  );
}
