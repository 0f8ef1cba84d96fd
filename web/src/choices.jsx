// What to do: the engine's presets, each available or refused with the engine's reason, before
// any click; for "Set HAP for this platform" the chipset; for Advanced me_cleaner's options.
import { Advanced } from './advanced.jsx';
import { Choice } from './choice.jsx';
import { describe } from './format.js';

export function Choices({ session: s }) {
  const { report, choice } = s;
  if (!choice) return null;
  return (
    <section id="options" aria-labelledby="options-title">
      <h2 id="options-title">What to do</h2>
      <fieldset class="presets">
        <legend>Preset</legend>
        {report.presets.map((p) => (
          <Choice key={p.id} id={`preset-${p.id}`} type="radio" name="preset" checked={choice.preset === p.id}
            reason={p.refusal && p.refusal.remedy !== 'choose_platform' ? describe(p.refusal) : ''}
            onChange={() => s.change({ preset: p.id })} label={p.label} flag={p.flags} help={p.help} warning={p.warning} />
        ))}
      </fieldset>
      {choice.preset === 'hap' && <HapControls report={report} choice={choice} change={s.change} preview={s.preview} />}
      {choice.preset === 'advanced' && <Advanced choice={choice} change={s.change} controls={(s.preview?.report ?? report).controls} />}
    </section>
  );
}

function HapControls({ report, choice, change, preview }) {
  const hap = report.hap;
  const refusal = preview?.report?.refusal;
  const guess = report.analysis.descriptor?.platform;
  return (
    <fieldset id="hap-controls" class="advanced">
      <legend>Where this chipset keeps the HAP bit</legend>
      <p class="choice">
        <label for="hap-platform">Chipset</label>{' '}
        <select id="hap-platform" value={choice.platform} onChange={(e) => change({ platform: e.currentTarget.value })}>
          <option value="auto">{hap.identified ? `As the descriptor says (${guess?.name})` : 'As the descriptor says (not certain: choose below)'}</option>
          {hap.candidates.map((c) => (
            <option key={c.id} value={c.id} disabled={!c.usable}>
              {c.name} — PCHSTRP{c.strap}, confidence {c.confidence}{c.usable ? '' : ' (too uncertain to write)'}
            </option>
          ))}
        </select>
      </p>
      {(choice.allowFdv || refusal?.remedy === 'allow_fdv_override') && (
        <div class="choice">
          <input id="hap-force-fdv" type="checkbox" checked={choice.allowFdv} onChange={(e) => change({ allowFdv: e.currentTarget.checked })} />
          <label for="hap-force-fdv">Set the HAP bit although the descriptor's signature covers it</label>
          <span class="hint"> — the board may then refuse to boot; only with an external programmer at hand</span>
        </div>
      )}
      <details>
        <summary>Known HAP locations for this firmware ({hap.candidates.length})</summary>
        <ul class="candidates">{hap.candidates.map((c) => <li key={c.id}><strong>{c.name}</strong>: PCHSTRP{c.strap}{c.second_strap ? ` and PCHSTRP${c.second_strap}` : ''}, byte {`0x${c.byte_offset.toString(16)}`}; confidence {c.confidence}; {c.sources}</li>)}</ul>
      </details>
    </fieldset>
  );
}
