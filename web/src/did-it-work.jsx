// "Did it work?": after flashing, the person pastes what the machine says about its ME (the words of
// /sys/class/mei/mei0/fw_status, intelmetool -m or -b, MEInfo -fwsts, lspci -vvv -xxx of the MEI
// device) or says there is no MEI device. The engine decodes it (docs/schema/status.schema.json);
// this section shows its verdict and lines, the decoded registers (folded), where a paste it could
// not read goes wrong, and the engine's question about the generation when it needs the answer.
// With an image open, the engine takes the generation from that image.
import { useEffect, useRef, useState } from 'preact/hooks';
import { CheckList } from './details.jsx';
import { Headline } from './headline.jsx';
import { StatusRegisters } from './status-registers.jsx';
import { textPosition } from './format.js';

export function DidItWork({ engine, session: s }) {
  const [text, setText] = useState('');
  const [noDevice, setNoDevice] = useState(false);
  const [generation, setGeneration] = useState(null); // the person's answer for this paste, once asked
  const [answer, setAnswer] = useState(null); // { report, layouts, text } or { error }
  const [busy, setBusy] = useState(false);
  const area = useRef(null);
  const asked = useRef(0);

  async function check(chosen = generation) {
    const my = ++asked.current;
    const pasted = text;
    setBusy(true);
    try {
      const a = await engine.status(pasted, { no_device: noDevice, generation: chosen ?? undefined });
      if (my !== asked.current) return;
      setAnswer({ ...a, text: pasted, n: my });
      s.say(`Did it work? ${a.report.headline.title}.`);
    } catch (e) {
      if (my !== asked.current) return;
      setAnswer({ error: e.message, n: my });
      s.say(`The status could not be checked: ${e.message}`);
    } finally {
      if (my === asked.current) setBusy(false);
    }
  }
  // A newly opened image may tell the generation: ask again.
  useEffect(() => { if (answer?.report) check(); }, [s.report]);

  const choose = (id) => {
    setGeneration(id);
    check(id);
  };
  // Puts the cursor where the engine stopped reading (line and column of the text it read).
  const showError = (e) => {
    const [from, to] = textPosition(answer.text, e.line, e.column);
    area.current.focus();
    area.current.setSelectionRange(from, to);
  };
  const r = answer?.report;
  return (
    <section id="did-it-work" aria-labelledby="did-it-work-title" data-answers={answer?.n ?? 0}>
      <h2 id="did-it-work-title">Did it work?</h2>
      <p>After flashing, boot Linux and paste what it says about the ME: the words of{' '}
        <code>/sys/class/mei/mei0/fw_status</code>, the output of <code>intelmetool -m</code> or <code>-b</code>,
        of MEInfo <code>-fwsts</code>, or of <code>lspci -vvv -xxx -s 00:16.0</code>. It stays on this computer.</p>
      <form id="status-form" onSubmit={(e) => { e.preventDefault(); check(); }}>
        <label for="status-paste" class="block">What the machine says</label>
        <textarea id="status-paste" ref={area} rows={6} spellcheck={false} value={text}
          onInput={(e) => { setText(e.currentTarget.value); setGeneration(null); }} />
        <div class="choice">
          <input id="status-no-device" type="checkbox" checked={noDevice} onChange={(e) => setNoDevice(e.currentTarget.checked)} />
          <label for="status-no-device">There is no MEI device (no <code>/sys/class/mei/mei0</code>)</label>
        </div>
        <button id="status-check" type="submit" class="primary" disabled={busy}>Check the status</button>
      </form>
      {answer?.error && <p id="status-failed" class="error" role="alert">{answer.error}</p>}
      {r && (
        <div id="status-result" aria-busy={busy ? 'true' : 'false'} data-verdict={r.verdict}>
          <Headline id="status-verdict" headline={r.headline} />
          {r.error?.line > 0 && (
            <p><button id="status-error-go" type="button" class="link" onClick={() => showError(r.error)}>
              Show {r.error.where} in the text</button></p>
          )}
          {(r.layout.generation_needed || generation) && (
            <Generation layouts={answer.layouts} value={generation} why={r.layout.why} onChoose={choose} />
          )}
          {r.lines.length > 0 && <CheckList id="status-lines" lines={r.lines} />}
          {r.registers.length > 0 && <StatusRegisters report={r} />}
        </div>
      )}
    </section>
  );
}

// The engine's question: which generation's register layout decodes these words.
function Generation({ layouts, value, why, onChoose }) {
  return (
    <fieldset id="status-generation">
      <legend>Which ME generation does this machine have?</legend>
      {why && <p class="hint">{why}</p>}
      {layouts.map((l) => (
        <div class="choice" key={l.id}>
          <input id={`status-generation-${l.id}`} type="radio" name="status-generation" value={l.id}
            checked={value === l.id} onChange={() => onChoose(l.id)} />
          <label for={`status-generation-${l.id}`}>{l.name}</label>
        </div>
      ))}
    </fieldset>
  );
}
