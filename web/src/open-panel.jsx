// Opening a dump: the file button, the sample, and the progress and errors of reading one.
import { Progress } from './progress.jsx';

export function OpenPanel({ session: s }) {
  const empty = !s.report;
  return (
    <section class="open" aria-labelledby="open-title">
      <h2 id="open-title" class={empty ? '' : 'visually-hidden'}>Open a flash dump</h2>
      {empty && <p>Drop a flash dump (a full SPI flash image or a bare ME/TXE region) anywhere on this page, or choose it.</p>}
      <div class="open-row">
        <input id="file" type="file" class="file-input visually-hidden"
          onChange={(e) => { s.openFile(e.currentTarget.files[0]); e.currentTarget.value = ''; }} />
        <label for="file" class="button primary">Choose a flash dump…</label>
        <button id="sample" type="button" onClick={s.openSample}>Try a sample image</button>
        {!empty && <button type="button" class="link" onClick={s.reset}>Start over</button>}
      </div>
      {s.engineError && <p class="error" role="alert">The engine could not start: {s.engineError}</p>}
      {s.busy?.where === 'open' && <Progress id="progress" label={s.busy.label} />}
      {s.error && <div id="error" class="error" role="alert">{s.error}</div>}
    </section>
  );
}
