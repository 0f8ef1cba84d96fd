// The engine's verdict: what the file is, whether it can be cleaned, what to do next.
import { hex, size } from './format.js';

const ICON = { ok: '✓', info: 'ℹ', warn: '⚠', fail: '✗' };

export function Verdict({ report, onOpenEmbedded }) {
  const v = report.verdict;
  const embedded = report.analysis.triage?.embedded;
  return (
    <div id="verdict" class={`verdict ${v.state}`} data-state={v.state} role={v.state === 'fail' ? 'alert' : undefined}>
      <p class="title"><span aria-hidden="true">{ICON[v.state]}</span> <strong>{v.title}</strong></p>
      {v.detail && <p class="detail">{v.detail}</p>}
      {v.next && <p class="next" id="next-step">{v.next}</p>}
      {embedded && (
        <p><button id="open-embedded" type="button" class="primary" onClick={onOpenEmbedded}>
          Work on the flash image inside ({hex(embedded.offset)}, {size(embedded.length)})</button></p>
      )}
    </div>
  );
}
