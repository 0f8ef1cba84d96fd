// Several files: what they are (the person's choice), the files, and the engine's answer: its
// headline and lines (for reads that differ: the ranges, the regions they fall in, the pattern).
import { CheckList } from './details.jsx';
import { Choice } from './choice.jsx';
import { Headline } from './headline.jsx';
import { Progress } from './progress.jsx';
import { size } from './format.js';

const KINDS = [
  { id: 'chips', label: 'The two chips of one board', button: 'Join the reads and check the image',
    help: 'one read of each chip (as on the ThinkPad X230, T430, T440p, W541); joined into the whole flash image' },
  { id: 'same', label: 'Two or three reads of the same chip', button: 'Compare the reads',
    help: 'before cleaning: reads through a loose clip differ' },
  { id: 'verify', label: 'The image you wrote and its read-back', button: 'Verify the read-back',
    help: 'after writing, or after the first boot: is the ME state on the chip what you wrote?' },
];

export function ReadsPanel({ reads: r }) {
  const kind = KINDS.find((k) => k.id === r.kind);
  const shown = r.result?.report;
  return (
    <details id="reads" class="reads" open={r.open} onToggle={(e) => r.setOpen(e.currentTarget.open)} data-answers={r.answers}>
      <summary>Two flash chips, several reads of one chip, or a read-back?</summary>
      <fieldset id="reads-kind">
        <legend>What are these files?</legend>
        {KINDS.map((k) => (
          <Choice key={k.id} id={`reads-${k.id}`} type="radio" name="reads-kind" checked={r.kind === k.id}
            onChange={() => r.choose(k.id)} label={k.label} help={k.help} />
        ))}
      </fieldset>
      <div class="open-row">
        <input id="reads-files" type="file" multiple class="file-input visually-hidden"
          onChange={(e) => { r.take(e.currentTarget.files); e.currentTarget.value = ''; }} />
        <label for="reads-files" class="button">Choose the files…</label>
        {r.files.length > 0 && <span id="reads-list" class="meta">{r.files.map((f) => `${f.name} (${size(f.size)})`).join(', ')}</span>}
      </div>
      {r.kind === 'verify' && r.files.length === 2 && (
        <p class="choice">
          <label for="reads-written">The image you wrote</label>{' '}
          <select id="reads-written" value={r.written} onChange={(e) => r.setWritten(Number(e.currentTarget.value))}>
            {r.files.map((f, i) => <option key={i} value={i}>{f.name}</option>)}
          </select>
          <span class="hint"> — the other file is the read-back</span>
        </p>
      )}
      <div class="clean-row">
        <button id="reads-run" type="button" class="primary" disabled={!kind || !r.files.length || r.busy} onClick={r.run}>
          {kind ? kind.button : 'Say what the files are'}</button>
        {r.busy && <Progress id="reads-progress" label="Reading the files…" />}
      </div>
      {r.result?.error && <p id="reads-error" class="error" role="alert">{r.result.error}</p>}
      {shown && (
        <div id="reads-result" data-kind={r.result.kind} data-outcomes={shown.outcomes?.join(' ')}
          data-patterns={shown.patterns?.join(' ')} data-error={shown.error}>
          <Headline id="reads-verdict" headline={shown.headline} />
          <CheckList id="reads-checks" lines={shown.checks} />
        </div>
      )}
    </details>
  );
}
