// CSME 12+ / IFWI firmware as the engine read it: layout, boot partitions and their $CPD
// directories, the data partition, the FTPR manifest.
import { hex, size } from './format.js';

function crcText(v) {
  return v === true ? 'ok' : v === false ? 'WRONG' : '—';
}

export function CseView({ analysis }) {
  const c = analysis.cse;
  if (!c) return null;
  const sig = c.manifest?.signature;
  const bps = c.boot_partitions;
  return (
    <details id="cse" class="cse" open>
      <summary>CSE firmware: {c.name} {c.version}</summary>
      <table id="cse-facts">
        <tbody>
          <tr><th scope="row">Version</th><td>{c.name} {c.version}</td></tr>
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
            <tbody>{b.entries.map((e, j) => (
              <tr key={j}>
                <td>{e.type}</td><td><code>{e.name}</code>{e.secondary ? ' (S-BPDT)' : ''}</td><td><code>{hex(e.offset)}</code></td><td>{size(e.size)}</td>
                <td>{e.directory
                  ? <details><summary>{e.directory.name}: {e.directory.items.length} items, integrity {e.directory.integrity_ok ? 'ok' : 'FAILED'}</summary>
                      <table><thead><tr><th scope="col">Item</th><th scope="col">Offset</th><th scope="col">Size</th><th scope="col">Huffman</th></tr></thead>
                        <tbody>{e.directory.items.map((it, k) => (
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
            <tbody>{c.data_partition.entries.map((e, i) => (
              <tr key={i}><td><code>{e.name}</code></td><td><code>{hex(e.offset)}</code></td><td>{size(e.length)}</td></tr>))}</tbody>
          </table>
        </>
      )}
      <p class="hint">Offsets are file offsets unless a column says otherwise. Removing CSE partitions or modules is not offered: on CSME 12 and later most FTPR modules are mandatory and the partitions are covered by CRCs and signatures.</p>
    </details>
  );
}
