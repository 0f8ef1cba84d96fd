// The flash map: regions drawn to scale in an SVG (attributes only, so the page's
// CSP can forbid inline styles), with the ME partitions below, and, for the "after"
// map, the plan's edits on top.
import { editSegments, hex, mapSegments, partitionSegments, size } from './format.js';

const W = 1000;
const MIN = 3; // tiny regions (the 4 KiB descriptor) stay visible

function Bar({ segs, total, y, h, cls, titleOf }) {
  return segs.map((s, i) => {
    const x = (s.start / total) * W;
    const w = Math.max(((s.end - s.start) / total) * W, MIN);
    return (
      <rect key={i} x={x.toFixed(2)} y={y} width={w.toFixed(2)} height={h} class={cls(s)}>
        <title>{titleOf(s)}</title>
      </rect>
    );
  });
}

export function FlashMap({ analysis, plan, id, title }) {
  const inSize = analysis.size;
  const outSize = plan ? plan.output_size : inSize;
  const total = Math.max(inSize, outSize, 1);
  const regions = mapSegments(analysis);
  const parts = partitionSegments(analysis);
  const edits = plan ? editSegments(plan).filter((e) => e.kind !== 'resize') : [];
  const label = (s) => `${s.name}: ${hex(s.start)}–${hex(s.end - 1)} (${size(s.end - s.start)})`;
  const removed = new Set((plan?.partitions ?? []).filter((p) => p.action === 'removed').map((p) => p.name));
  const described = `${title}: ${regions.map(label).join('; ')}${plan ? `; ${edits.length} change${edits.length === 1 ? '' : 's'}${outSize !== inSize ? `, size ${size(outSize)}` : ''}` : ''}`;
  return (
    <figure class="flashmap" id={id}>
      <figcaption>{title}{plan && outSize !== inSize ? ` — ${size(outSize)} (was ${size(inSize)})` : ` — ${size(inSize)}`}</figcaption>
      <svg viewBox={`0 0 ${W} 64`} preserveAspectRatio="none" role="img" aria-label={described}>
        <rect x="0" y="0" width={W} height="40" class="seg-gap" />
        <Bar segs={regions} total={total} y={0} h={40} cls={(s) => `seg seg-${s.kind}`} titleOf={label} />
        {plan && outSize < inSize && (
          <rect x={((outSize / total) * W).toFixed(2)} y="0" width={(((inSize - outSize) / total) * W).toFixed(2)} height="40" class="seg-cut">
            <title>{`cut off: ${hex(outSize)}–${hex(inSize - 1)}`}</title>
          </rect>
        )}
        <Bar segs={parts} total={total} y={44} h={14}
          cls={(s) => `part${plan && removed.has(s.name) ? ' part-removed' : ''}`}
          titleOf={(s) => `partition ${label(s)}${plan && removed.has(s.name) ? ' — removed' : ''}`} />
        {plan && <Bar segs={edits} total={total} y={0} h={58} cls={(s) => `edit edit-${s.kind}`}
          titleOf={(s) => `${s.reason || s.kind}: ${hex(s.start)}–${hex(s.end - 1)}`} />}
      </svg>
      <ul class="legend">
        {regions.map((s, i) => (
          <li key={i}><span class={`swatch seg-${s.kind}`} aria-hidden="true" />{s.name} <span class="meta">{hex(s.start)}–{hex(s.end - 1)}, {size(s.end - s.start)}</span></li>
        ))}
        {plan && edits.some((e) => e.kind === 'fill') && <li><span class="swatch edit-fill" aria-hidden="true" />erased (0xFF)</li>}
        {plan && edits.some((e) => e.kind === 'write') && <li><span class="swatch edit-write" aria-hidden="true" />bytes written</li>}
        {plan && edits.some((e) => e.kind === 'move') && <li><span class="swatch edit-move" aria-hidden="true" />moved</li>}
        {parts.length > 0 && <li><span class="swatch part" aria-hidden="true" />ME partitions{plan ? ' (faded: removed)' : ''}</li>}
      </ul>
    </figure>
  );
}
