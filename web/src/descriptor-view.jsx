// The flash descriptor as the engine read it: platform, maps, component section, regions with
// their flashrom layout, master access, straps, VSCC table and the descriptor checks.
import { useEffect, useMemo } from 'preact/hooks';
import { CheckList } from './check-list.jsx';
import { hex, size } from './format.js';

function useTextUrl(text) {
  const url = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

export function DescriptorView({ report, input }) {
  const d = report.analysis.descriptor;
  if (!d) return null;
  return <Descriptor d={d} report={report} layoutName={`${input.name.replace(/\.[^.]*$/, '')}.layout`} />;
}

function Descriptor({ d, report, layoutName }) {
  const layoutUrl = useTextUrl(d.layout);
  const used = d.regions.filter((r) => r.used);
  const p = d.platform;
  const bits = report.analysis.disable_bits;
  const bitAt = (at) => bits.find((b) => b.offset >= at && b.offset < at + 4);
  const c = d.component;
  return (
    <details id="descriptor-view" class="descriptor-view">
      <summary>Descriptor (IFD v{d.ifd_version}, {used.length} regions, {p.name})</summary>
      <h4>Platform</h4>
      <p id="platform-guess"><strong>{p.name}</strong>{p.sku !== 'n/a' ? `, SKU ${p.sku}` : ''} — confidence <strong>{p.confidence}</strong>
        {p.rule && <> (rule: <code>{p.rule}</code>)</>}</p>
      <h4>Maps</h4>
      <div class="scroll">
        <table id="descriptor-maps">
          <thead><tr><th scope="col">Register</th><th scope="col">Value</th><th scope="col">Fields</th></tr></thead>
          <tbody>{d.map_rows.map((row) => (
            <tr key={row.register}><td>{row.register}</td><td><code>{hex(row.value, 8)}</code></td>
              <td>{row.fields.map(([label, value]) => `${label.replace(/\s+/g, ' ')} ${value}`).join('; ')}</td></tr>))}</tbody>
        </table>
      </div>
      <h4>Component section</h4>
      <table id="descriptor-component">
        <tbody>
          {c.present ? <>
            <tr><th scope="row">FLCOMP</th><td><code>{hex(c.flcomp, 8)}</code></td></tr>
            {c.rows.map(([label, value]) => <tr key={label}><th scope="row">{label}</th><td>{value}</td></tr>)}
            <tr><th scope="row">FLILL</th><td><code>{hex(c.flill, 8)}</code></td></tr>
          </> : <tr><th scope="row">Component section</th><td>outside the file</td></tr>}
        </tbody>
      </table>
      <h4>Regions</h4>
      <div class="scroll">
        <table id="descriptor-regions">
          <thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">Layout name</th><th scope="col">Base</th><th scope="col">Limit</th><th scope="col">Size</th></tr></thead>
          <tbody>{d.regions.map((r) => (
            <tr key={r.index} class={r.used ? '' : 'unused'} data-region={r.layout_name}>
              <td>{r.index}</td><td>{r.name}</td><td><code>{r.layout_name}</code></td>
              {r.used ? <><td><code>{hex(r.base, 8)}</code></td><td><code>{hex(r.limit, 8)}</code></td><td>{size(r.limit - r.base + 1)}</td></>
                : <td colSpan={3}>unused</td>}
            </tr>))}</tbody>
        </table>
      </div>
      <p><a id="layout-download" class="button" href={layoutUrl} download={layoutName}>Download the flashrom layout <span class="filename">{layoutName}</span></a></p>
      <pre id="layout-text">{d.layout}</pre>
      {d.masters.length > 0 && (
        <>
          <h4>Master access</h4>
          <div class="scroll">
            <table id="descriptor-masters" class="matrix">
              <thead><tr><th scope="col">Master</th><th scope="col">Access</th>{used.map((r) => <th scope="col" key={r.index}>{r.layout_name}</th>)}</tr></thead>
              <tbody>{d.masters.flatMap((m) => ['read', 'write'].map((what) => (
                <tr key={`${m.index}-${what}`}>
                  {what === 'read' && <th scope="row" rowSpan={2}>{m.name} (FLMSTR{m.index})</th>}
                  <td>{what}</td>
                  {used.map((r) => <td key={r.index}>{m[what].includes(r.index) ? 'yes' : '–'}</td>)}
                </tr>)))}</tbody>
            </table>
          </div>
        </>
      )}
      {d.pch_straps.length > 0 && (
        <details id="descriptor-straps">
          <summary>PCH straps ({d.pch_straps.length}, FPSBA {hex(d.fpsba)}){d.north_straps.length ? ` and processor straps (${d.north_straps.length})` : ''}</summary>
          <div class="scroll">
            <table>
              <thead><tr><th scope="col">Strap</th><th scope="col">Offset</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead>
              <tbody>{d.pch_straps.map((v, i) => {
                const b = bitAt(d.fpsba + 4 * i);
                return <tr key={i}><td>PCHSTRP{i}</td><td><code>{hex(d.fpsba + 4 * i, 3)}</code></td><td><code>{hex(v, 8)}</code></td>
                  <td>{b ? `${b.name} (bit ${b.bit}) = ${b.set ? 1 : 0}` : ''}</td></tr>;
              })}
              {d.north_straps.map((v, i) => <tr key={`n${i}`}><td>PROCSTRP{i}</td><td><code>{hex(d.fmsba + 4 * i, 3)}</code></td><td><code>{hex(v, 8)}</code></td><td></td></tr>)}</tbody>
            </table>
          </div>
        </details>
      )}
      {d.vscc.length > 0 && (
        <details id="descriptor-vscc">
          <summary>VSCC table ({d.vscc.length})</summary>
          <table>
            <thead><tr><th scope="col">#</th><th scope="col">JEDEC ID</th><th scope="col">VSCC</th></tr></thead>
            <tbody>{d.vscc.map((v, i) => <tr key={i}><td>{i}</td><td><code>{hex(v.jid, 6)}</code></td><td><code>{hex(v.vscc, 8)}</code></td></tr>)}</tbody>
          </table>
        </details>
      )}
      <h4>Descriptor checks</h4>
      <CheckList id="descriptor-checks" lines={report.checks.filter((c) => c.id.startsWith('ifd-'))} />
    </details>
  );
}
