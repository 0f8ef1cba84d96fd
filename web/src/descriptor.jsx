// The Descriptor view (issue 4), the CSE firmware section and the HAP-by-platform controls (issue 5),
// and the flashrom instructions after cleaning. Pure rendering: the facts come from model.js.
import { useEffect, useMemo } from 'preact/hooks';
import {
  HAP_PLATFORMS, componentRows, cseName, descriptorChecks, fileStem, hapRefusal, hex, layoutName,
  layoutText, mapRows, masters, num, regions, size,
} from './model.js';

const STATUS_ICON = { ok: '✓', warning: '⚠', error: '✗', skipped: '–' };
const STATUS_CLASS = { ok: 'ok', warning: 'warn', error: 'fail', skipped: 'skip' };

/** A blob: URL for `text` that lives as long as the component shows it. */
function useTextUrl(text, type = 'text/plain') {
  const url = useMemo(() => (text ? URL.createObjectURL(new Blob([text], { type })) : ''), [text]);
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  return url;
}

const list = (v) => (Array.isArray(v) ? v : []);

export function DescriptorView({ analysis, input }) {
  const d = analysis?.descriptor;
  const layout = useMemo(() => (d ? layoutText(analysis) : ''), [analysis]);
  const layoutUrl = useTextUrl(layout);
  if (!d) return null;
  const rs = regions(analysis);
  const used = rs.filter((r) => r.used);
  const ms = masters(analysis);
  const p = d.platform ?? {};
  const checksList = descriptorChecks(analysis);
  const straps = list(d.pch_straps);
  const north = list(d.north_straps);
  const bits = list(analysis.disable_bits);
  const bitAt = (strapOffset) => bits.find((b) => num(b.offset) >= strapOffset && num(b.offset) < strapOffset + 4);
  const fpsba = num(d.fpsba) ?? 0;
  const layoutName_ = `${fileStem(input?.name)}.layout`;
  return (
    <details id="descriptor-view" class="descriptor-view">
      <summary>Descriptor (IFD v{d.ifd_version}, {used.length} regions, {p.name ?? 'chipset unknown'})</summary>

      <h4>Platform</h4>
      <p id="platform-guess">
        <strong>{p.name ?? 'unknown'}</strong>{p.sku && p.sku !== 'n/a' ? `, SKU ${p.sku}` : ''} — confidence <strong>{p.confidence ?? '?'}</strong>
        {p.rule && <> (rule: <code>{p.rule}</code>)</>}
      </p>

      <h4>Maps</h4>
      <table id="descriptor-maps">
        <thead><tr><th scope="col">Register</th><th scope="col">Value</th><th scope="col">Fields</th></tr></thead>
        <tbody>{mapRows(d).map(([name, value, fields]) => (
          <tr key={name}><td>{name}</td><td><code>{hex(value, 8)}</code></td><td>{fields}</td></tr>))}</tbody>
      </table>

      <h4>Component section</h4>
      <table id="descriptor-component">
        <tbody>{componentRows(d).map(([label, value]) => <tr key={label}><th scope="row">{label}</th><td>{value}</td></tr>)}</tbody>
      </table>

      <h4>Regions</h4>
      <table id="descriptor-regions">
        <thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">Layout name</th><th scope="col">Base</th><th scope="col">Limit</th><th scope="col">Size</th></tr></thead>
        <tbody>{rs.map((r) => (
          <tr key={r.index} class={r.used ? '' : 'unused'} data-region={layoutName(r.index)}>
            <td>{r.index}</td><td>{r.name}</td><td><code>{layoutName(r.index)}</code></td>
            {r.used ? <><td><code>{hex(r.base, 8)}</code></td><td><code>{hex(r.limit, 8)}</code></td><td>{size(r.limit - r.base + 1)}</td></>
              : <td colSpan={3}>unused</td>}
          </tr>))}</tbody>
      </table>
      <p>
        <a id="layout-download" class="button" href={layoutUrl} download={layoutName_}>Download the flashrom layout <span class="filename">{layoutName_}</span></a>
      </p>
      <pre id="layout-text">{layout}</pre>

      {ms.length > 0 && (
        <>
          <h4>Master access</h4>
          <table id="descriptor-masters" class="matrix">
            <thead><tr><th scope="col">Master</th><th scope="col">Access</th>{used.map((r) => <th scope="col" key={r.index}>{layoutName(r.index)}</th>)}</tr></thead>
            <tbody>{ms.flatMap((m) => ['read', 'write'].map((what) => (
              <tr key={`${m.index}-${what}`}>
                {what === 'read' && <th scope="row" rowSpan={2}>{m.name} (FLMSTR{m.index})</th>}
                <td>{what}</td>
                {used.map((r) => <td key={r.index}>{(m[what] >> r.index) & 1 ? 'yes' : '–'}</td>)}
              </tr>)))}</tbody>
          </table>
        </>
      )}

      {straps.length > 0 && (
        <details id="descriptor-straps">
          <summary>PCH straps ({straps.length}, FPSBA {hex(fpsba)}){north.length ? ` and processor straps (${north.length})` : ''}</summary>
          <table>
            <thead><tr><th scope="col">Strap</th><th scope="col">Offset</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead>
            <tbody>{straps.map((v, i) => {
              const b = bitAt(fpsba + 4 * i);
              return <tr key={i}><td>PCHSTRP{i}</td><td><code>{hex(fpsba + 4 * i, 3)}</code></td><td><code>{hex(v, 8)}</code></td>
                <td>{b ? `${b.name} (bit ${b.bit}) = ${b.set ? 1 : 0}` : ''}</td></tr>;
            })}
            {north.map((v, i) => <tr key={`n${i}`}><td>PROCSTRP{i}</td><td><code>{hex((num(d.fmsba) ?? 0) + 4 * i, 3)}</code></td><td><code>{hex(v, 8)}</code></td><td></td></tr>)}</tbody>
          </table>
        </details>
      )}

      {list(d.vscc).length > 0 && (
        <details id="descriptor-vscc">
          <summary>VSCC table ({d.vscc.length})</summary>
          <table>
            <thead><tr><th scope="col">#</th><th scope="col">JEDEC ID</th><th scope="col">VSCC</th></tr></thead>
            <tbody>{d.vscc.map((v, i) => <tr key={i}><td>{i}</td><td><code>{hex(v.jid, 6)}</code></td><td><code>{hex(v.vscc, 8)}</code></td></tr>)}</tbody>
          </table>
        </details>
      )}

      {checksList.length > 0 && (
        <>
          <h4>Descriptor checks</h4>
          <ul id="descriptor-checks" class="checks">
            {checksList.map((c) => (
              <li key={c.code} class={STATUS_CLASS[c.status]} data-check={c.code} data-status={c.status}>
                <span class="icon" aria-hidden="true">{STATUS_ICON[c.status]}</span>
                <span class="visually-hidden">{c.status}: </span>
                <span class="label">{c.title}</span> <code class="code">{c.code}</code>
                {c.status === 'skipped' && c.detail && <span class="detail"> — skipped: {c.detail}</span>}
                {c.findings.length > 0 && (
                  <ul class="findings">{c.findings.map((f, i) => (
                    <li key={i} class={f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : ''}>
                      {f.severity}: <code>{f.code}</code> {f.message}{f.offset !== undefined ? ` (at ${hex(f.offset)})` : ''}
                    </li>))}</ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

function crcText(v) {
  return v === true ? 'ok' : v === false ? 'WRONG' : '—';
}

export function CseView({ analysis }) {
  const c = analysis?.cse;
  if (!c) return null;
  const sig = c.manifest?.signature;
  const bps = list(c.boot_partitions);
  return (
    <details id="cse" class="cse" open>
      <summary>CSE firmware: {cseName(c)} {c.version}</summary>
      <table id="cse-facts">
        <tbody>
          <tr><th scope="row">Version</th><td>{cseName(c)} {c.version}</td></tr>
          <tr><th scope="row">Build target</th><td>{c.build_target || '—'}</td></tr>
          <tr><th scope="row">Layout</th><td>{c.layout} at {hex(c.layout_offset)}, CRC {crcText(c.layout_crc_ok)}</td></tr>
          {c.manifest && <tr><th scope="row">FTPR manifest</th><td>at {hex(c.manifest.offset)}: {sig?.scheme}, {c.manifest.key_bits}-bit key — signature <strong>{sig?.strict_valid || sig?.me_cleaner_valid ? 'valid' : 'NOT valid'}</strong></td></tr>}
          {c.manifest && <tr><th scope="row">Key</th><td>SHA-256 <code class="hash">{c.manifest.key_sha256}</code><br />MD5 <code class="hash">{c.manifest.key_md5}</code></td></tr>}
        </tbody>
      </table>
      {bps.map((b, i) => (
        <div key={i} class="bpdt">
          <h4>Boot partition {i + 1}{b.recovery ? ' (recovery)' : ''}: BPDT v{b.version} at {hex(b.offset)}, CRC {crcText(b.crc_ok)}{b.fit_version ? `, FIT ${b.fit_version}` : ''}</h4>
          <table class="cse-bpdt">
            <thead><tr><th scope="col">Type</th><th scope="col">Entry</th><th scope="col">Offset</th><th scope="col">Size</th><th scope="col">$CPD directory</th></tr></thead>
            <tbody>{list(b.entries).map((e, j) => (
              <tr key={j}>
                <td>{e.type}</td><td><code>{e.name}</code>{e.secondary ? ' (S-BPDT)' : ''}</td><td><code>{hex(e.offset)}</code></td><td>{size(e.size)}</td>
                <td>{e.directory
                  ? <details><summary>{e.directory.name}: {list(e.directory.items).length} items, integrity {e.directory.integrity_ok ? 'ok' : 'FAILED'}</summary>
                      <table><thead><tr><th scope="col">Item</th><th scope="col">Offset</th><th scope="col">Size</th><th scope="col">Huffman</th></tr></thead>
                        <tbody>{list(e.directory.items).map((it, k) => (
                          <tr key={k}><td><code>{it.name}</code></td><td><code>{hex(it.offset)}</code></td><td>{size(it.size)}</td><td>{it.huffman ? 'yes' : ''}</td></tr>))}</tbody></table>
                    </details>
                  : '—'}</td>
              </tr>))}</tbody>
          </table>
        </div>
      ))}
      {c.data_partition && (
        <>
          <h4>Data partition ($FPT v{hex(c.data_partition.header_version)}) at {hex(c.data_partition.offset)}, CRC {crcText(c.data_partition.crc_ok)}</h4>
          <table id="cse-data">
            <thead><tr><th scope="col">Entry</th><th scope="col">Offset (in the data partition)</th><th scope="col">Size</th></tr></thead>
            <tbody>{list(c.data_partition.entries).map((e, i) => (
              <tr key={i}><td><code>{e.name}</code></td><td><code>{hex(e.offset)}</code></td><td>{size(e.length)}</td></tr>))}</tbody>
          </table>
        </>
      )}
      <p class="hint">Offsets are file offsets unless a column says otherwise. Removing CSE partitions or modules is not offered: on CSME 12 and later most FTPR modules are mandatory and the partitions are covered by CRCs and signatures.</p>
    </details>
  );
}

/** The platform choice of "Set HAP for this platform". */
export function HapControls({ analysis, hap, setHap }) {
  const guess = analysis?.descriptor?.platform;
  return (
    <fieldset id="hap-controls" class="advanced">
      <legend>HAP location</legend>
      <p class="choice">
        <label for="hap-platform">Chipset</label>{' '}
        <select id="hap-platform" value={hap.platform} onChange={(e) => setHap((h) => ({ ...h, platform: e.currentTarget.value }))}>
          <option value="auto">Detect from the descriptor{guess?.name ? ` (${guess.name}, ${guess.confidence})` : ''}</option>
          {HAP_PLATFORMS.map((p) => <option key={p.id} value={p.id}>{p.name} — {p.id} (confidence {p.confidence})</option>)}
        </select>
      </p>
      <div class="choice">
        <input id="hap-force-fdv" type="checkbox" checked={hap.allowFdvOverride}
          onChange={(e) => setHap((h) => ({ ...h, allowFdvOverride: e.currentTarget.checked }))} />
        <label for="hap-force-fdv">Set HAP even if a descriptor signature (FDV) covers it <code>--force-fdv</code></label>
        <span class="hint"> — the board may then refuse to boot</span>
      </div>
    </fieldset>
  );
}

/** The engine's refusal of -s --platform, in plain words with the candidate locations. */
export function HapRefusal({ problem }) {
  const r = hapRefusal(problem);
  if (!r) return null;
  return (
    <div id="hap-refusal" class="error" role="alert" data-code={r.code}>
      <p><strong>meclean will not set the HAP bit:</strong> {r.title}.</p>
      {r.words && <p>{r.words}</p>}
      {r.detail && <p>{r.detail}</p>}
      {r.candidates.length > 0 && (
        <details open>
          <summary>Known HAP locations ({r.candidates.length})</summary>
          <ul class="candidates">{r.candidates.map((c) => <li key={c.id}><code>{c.id}</code>: {c.text}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

/** After cleaning: the layout file of what is written and the flashrom command for the changed regions. */
export function FlashromWrite({ flash }) {
  if (!flash) return null;
  return (
    <div id="flashrom" class="notes">
      <h3>Write only the changed regions with flashrom</h3>
      {flash.from === 'descriptor' && <p>The layout follows the extracted descriptor (with <code>-t</code> its ME region is shrunk).</p>}
      <p>Changed: <strong id="changed-regions">{flash.changed.join(', ') || 'none'}</strong>; unchanged: {flash.unchanged.join(', ') || 'none'}.</p>
      {flash.command && <pre id="flashrom-command">{flash.command}</pre>}
      {flash.notes.map((n, i) => <p key={i} class="warn-box">{n}</p>)}
      <pre id="flash-layout-text">{flash.layout}</pre>
    </div>
  );
}
