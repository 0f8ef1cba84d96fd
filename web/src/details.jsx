// The details below the workflow: the whole checklist (folded, but for what failed or warns),
// the flash map, the tables, the CSE firmware and the descriptor.
import { CseView } from './cse-view.jsx';
import { DescriptorView } from './descriptor-view.jsx';
import { FlashMap } from './flashmap.jsx';
import { Tables } from './tables.jsx';
import { hex } from './format.js';

const ICON = { ok: '✓', info: 'ℹ', warn: '⚠', fail: '✗' };
const WORD = { ok: 'passed', info: 'note', warn: 'warning', fail: 'failed' };

export function CheckList({ lines, id }) {
  return (
    <ul id={id} class="checks">
      {lines.map((c, i) => (
        <li key={`${i}:${c.id}`} class={c.state} data-check={c.id} data-state={c.state}>
          <span class="icon" aria-hidden="true">{ICON[c.state]}</span>
          <span class="visually-hidden">{WORD[c.state]}: </span>
          <span class="label">{c.title}</span>
          {c.detail && <span class="detail"> — {c.detail}</span>}
          {c.offset !== null && c.state !== 'ok' && <span class="meta"> (at {hex(c.offset)})</span>}
        </li>
      ))}
    </ul>
  );
}

export function Details({ report, preview, input }) {
  const attention = report.checks.filter((c) => c.state === 'warn' || c.state === 'fail');
  const plan = preview && !preview.refusal ? preview.plan : null;
  return (
    <section id="details" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      {attention.length > 0 && <CheckList id="attention" lines={attention} />}
      <details id="checklist">
        <summary>All checks ({report.checks.length}; {attention.length} need attention)</summary>
        <CheckList id="checks" lines={report.checks} />
      </details>
      {report.input.kind !== 'unknown' && <FlashMap analysis={report.analysis} id="map-before" title="Flash map" />}
      <Tables analysis={report.analysis} plan={plan} />
      <CseView analysis={report.analysis} />
      <DescriptorView report={report} input={input} />
    </section>
  );
}
