// The details below the workflow: the whole checklist (folded, but for what failed or warns),
// the flash map, the tables, the CSE firmware and the descriptor.
import { CheckList } from './check-list.jsx';
import { CseView } from './cse-view.jsx';
import { DescriptorView } from './descriptor-view.jsx';
import { FlashMap } from './flashmap.jsx';
import { Tables } from './tables.jsx';

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
