// The page, top-down as a careful user works: open a dump → the verdict → what to do (presets,
// preview) → before you flash → download → how to write it back and check it; then the details.
import { useState } from 'preact/hooks';
import { useSession } from './session.js';
import { OpenPanel } from './open-panel.jsx';
import { Verdict } from './verdict.jsx';
import { Choices } from './choices.jsx';
import { Preview } from './preview.jsx';
import { SafetyNotes } from './safety.jsx';
import { Downloads } from './downloads.jsx';
import { FlashHelp } from './flash-help.jsx';
import { Details } from './details.jsx';
import { Footer } from './footer.jsx';

export function App({ engine }) {
  const s = useSession(engine);
  const [dragging, setDragging] = useState(false);
  const onDragOver = (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (e) => {
    e.preventDefault();
    setDragging(false);
    s.openFile(e.dataTransfer?.files?.[0]);
  };
  const report = s.report;
  const done = s.result?.files.length > 0;
  return (
    <div id="drop" class={`app${dragging ? ' dragging' : ''}`} onDragOver={onDragOver} onDragEnter={onDragOver}
      onDragLeave={(e) => !e.relatedTarget && setDragging(false)} onDrop={onDrop}>
      <header class="top">
        <h1>meclean</h1>
        <p class="tagline">Neutralise Intel ME/TXE firmware like <code>me_cleaner</code>.</p>
        <p class="local" id="local">Runs in your browser — nothing is uploaded.</p>
      </header>
      <div id="status" class="visually-hidden" role="status" aria-live="polite">{s.status}</div>
      <main>
        <OpenPanel session={s} />
        {dragging && <div class="drop-overlay" aria-hidden="true">Drop the flash dump to check it</div>}
        {report && (
          <section id="report" aria-labelledby="report-title">
            <h2 id="report-title" class="visually-hidden">Report</h2>
            <p class="meta">{s.input.name} · {report.input.size.toLocaleString('en')} bytes
              {s.input.sha256 && <> · SHA-256 <code class="hash">{s.input.sha256}</code></>}</p>
            <Verdict report={report} onOpenEmbedded={s.openEmbedded} />
            <Choices session={s} />
            {s.preview && <Preview report={report} preview={s.preview} busy={s.busy} onClean={s.clean} />}
            <SafetyNotes report={report} />
            {s.result && <Downloads session={s} />}
            {done && <FlashHelp result={s.result} kind={report.input.kind} />}
            <Details report={report} preview={s.preview?.report} input={s.input} />
          </section>
        )}
      </main>
      <Footer engineVersion={s.engineInfo?.version} />
    </div>
  );
}
