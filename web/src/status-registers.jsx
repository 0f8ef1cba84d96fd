// The status words as the engine decoded them: each HFSTS register, its fields with their bits,
// value, meaning and source. Folded: the verdict and its lines say what they mean.
export function StatusRegisters({ report: r }) {
  return (
    <details id="status-registers">
      <summary>Decoded status registers ({r.registers.map((g) => g.name).join(', ')})</summary>
      <p id="status-layout">{r.layout.name ? `Decoded as ${r.layout.name}` : 'Generation not known: only the fields every generation shares'}
        {r.layout.why ? ` — ${r.layout.why}` : ''}.</p>
      {r.input.device_id && <p>MEI device <code>8086:{r.input.device_id.slice(2)}</code>{r.input.device_name ? ` — ${r.input.device_name}` : ''}
        {r.input.firmware_version ? `; firmware ${r.input.firmware_version}` : ''}</p>}
      {r.registers.map((g) => (g.fields.length === 0
        ? <p key={g.name} id={`status-${g.name}`}><strong>{g.name} = <code>{g.hex}</code></strong> <span class="meta">(no named fields)</span></p>
        : (
          <div class="scroll" key={g.name}>
            <table id={`status-${g.name}`} class="registers">
              <caption>{g.name} = <code>{g.hex}</code></caption>
              <thead><tr><th scope="col">Field</th><th scope="col">Bits</th><th scope="col">Value</th><th scope="col">Meaning</th><th scope="col">Source</th></tr></thead>
              <tbody>{g.fields.map((f) => (
                <tr key={f.key}>
                  <td>{f.label}</td>
                  <td>{f.bits[0] === f.bits[1] ? f.bits[0] : `${f.bits[0]}:${f.bits[1]}`}</td>
                  <td>{f.value}</td>
                  <td>{f.meaning}</td>
                  <td class="meta">{f.source} (confidence {f.confidence})</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
        )))}
    </details>
  );
}
