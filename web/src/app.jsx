// The page, top-down as a careful user works: open a dump (or join the reads of two chips, compare
// reads of one chip, verify a read-back) → the verdict → what to do (presets, preview) → before you
// flash → download → how to write it back; then the details; and, after flashing, "Did it work?".
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
import { useReads } from './reads.js';
import { ReadsPanel } from './reads-panel.jsx';
import { DidItWork } from './did-it-work.jsx';
import { Footer } from './footer.jsx';

export function App({ engine }) {
  const s = useSession(engine);
  const reads = useReads(engine, s);
  const [dragging, setDragging] = useState(false);
  const onDragOver = (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (e) => {
    e.preventDefault();
    setDragging(false);
    const files = e.dataTransfer?.files;
    if (files?.length > 1) reads.take(files); // several files: the person says what they are
    else s.openFile(files?.[0]);
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
        <ReadsPanel reads={reads} />
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
        <DidItWork engine={engine} session={s} />
      </main>
      <Footer engineVersion={s.engineInfo?.version} />
    </div>
  );
}
