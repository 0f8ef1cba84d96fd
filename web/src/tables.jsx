// The regions, masters, partitions and modules of the image, and what the preview does to each.
import { hex, size } from './format.js';

function regionNames(regionIndices, regions) {
  return regions.filter((r) => regionIndices.includes(r.index)).map((r) => r.name).join(', ') || 'none';
}

export function Tables({ analysis, plan }) {
  const regions = analysis.descriptor?.regions ?? [];
  const masters = analysis.descriptor?.masters ?? [];
  const entries = analysis.me?.fpt.entries ?? [];
  const modules = analysis.me?.modules ?? [];
  const fate = (list, name) => list?.find((v) => v.name === name)?.action ?? '—';
  return (
    <>
      {regions.length > 0 && (
        <details open>
          <summary>Regions ({regions.filter((r) => r.used).length} used)</summary>
          <div class="scroll">
            <table id="regions">
              <thead><tr><th scope="col">#</th><th scope="col">Region</th><th scope="col">Range</th><th scope="col">Size</th></tr></thead>
              <tbody>{regions.map((r) => (
                <tr key={r.index} class={r.used ? '' : 'unused'}>
                  <td>{r.index}</td><td>{r.name}</td>
                  <td>{r.used ? `${hex(r.base, 8)}–${hex(r.limit, 8)}` : 'unused'}</td>
                  <td>{r.used ? size(r.limit - r.base + 1) : ''}</td>
                </tr>))}</tbody>
            </table>
          </div>
          {masters.length > 0 && (
            <div class="scroll">
              <table id="masters">
                <thead><tr><th scope="col">Master</th><th scope="col">May read</th><th scope="col">May write</th></tr></thead>
                <tbody>{masters.map((m) => (
                  <tr key={m.index}><td>{m.name}</td><td>{regionNames(m.read, regions)}</td><td>{regionNames(m.write, regions)}</td></tr>))}</tbody>
              </table>
            </div>
          )}
        </details>
      )}
      {entries.length > 0 && (
        <details open>
          <summary>Partitions ({entries.length})</summary>
          <div class="scroll">
            <table id="partitions">
              <thead><tr><th scope="col">Name</th><th scope="col">Range (in the ME region)</th><th scope="col">Size</th><th scope="col">With these options</th></tr></thead>
              <tbody>{entries.map((e, i) => {
                const action = plan ? fate(plan.partitions, e.name) : '—';
                return (
                  <tr key={i} class={action === 'removed' ? 'removed' : ''}>
                    <td><code>{e.name}</code></td>
                    <td>{e.offset === 0xffffffff || e.length === 0 ? 'no data' : `${hex(e.offset, 8)}–${hex(e.offset + e.length - 1, 8)}`}</td>
                    <td>{size(e.length)}</td><td>{action}</td>
                  </tr>
                );
              })}</tbody>
            </table>
          </div>
        </details>
      )}
      {modules.length > 0 && (
        <details>
          <summary>FTPR modules ({modules.length})</summary>
          <div class="scroll">
            <table id="modules">
              <thead><tr><th scope="col">Module</th><th scope="col">Compression</th><th scope="col">Offset</th><th scope="col">Size</th><th scope="col">With these options</th></tr></thead>
              <tbody>{modules.map((m, i) => {
                const action = plan ? fate(plan.modules, m.name) : '—';
                return (
                  <tr key={i} class={action === 'removed' ? 'removed' : ''}>
                    <td><code>{m.name}</code></td><td>{m.compression}</td><td>{hex(m.offset, 6)}</td><td>{size(m.size)}</td><td>{action}</td>
                  </tr>
                );
              })}</tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}
