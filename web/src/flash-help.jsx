// How to write the new image back, in the order the engine recommends, and how to check it worked.
import { CopyText } from './copy-text.jsx';

export function FlashHelp({ result, kind }) {
  const w = result.report.flash_write;
  return (
    <section id="flashrom" aria-labelledby="flash-title" class="notes">
      <h2 id="flash-title">Write it back</h2>
      {w && (
        <>
          {w.whole_image_first || !w.regions_command
            ? <p>Write the whole image:</p>
            : <p>Write only the regions that changed (<strong id="changed-regions">{w.regions.filter((r) => r.changed).map((r) => r.name).join(', ')}</strong>), with the layout file below:</p>}
          <CopyText id="flashrom-command" text={w.whole_image_first || !w.regions_command ? w.whole_command : w.regions_command} />
          {w.notes.map((n, i) => <p key={i} class={w.needs_external_programmer || w.whole_image_first ? 'warn-box' : ''}>{n}</p>)}
          {!w.whole_image_first && w.regions_command && <><p>Or the whole image:</p><CopyText id="flashrom-whole" text={w.whole_command} /></>}
          <details>
            <summary>flashrom layout ({w.layout_file})</summary>
            <pre id="flash-layout-text">{w.layout}</pre>
          </details>
        </>
      )}
      {kind === 'me' && <p>You cleaned a bare ME/TXE region: put it back into the ME region of your full dump (for example with <code>ifdtool -i ME:me.bin</code>) and write that.</p>}
      <div id="after-download" tabIndex={-1}>
        <h3>After flashing: check that the ME is neutralised</h3>
        <ol>
          <li>Boot Linux and run <code>intelmetool -m</code> (from coreboot's <code>util/intelmetool</code>; it may need the kernel parameter <code>iomem=relaxed</code>), or read <code>/sys/class/mei/mei0/fw_status</code>.</li>
          <li>Paste what it prints into <a id="to-did-it-work" href="#did-it-work">Did it work?</a> below: meclean reads the status and tells you.</li>
          <li>If the machine does not start, write the original dump back with your external programmer.</li>
        </ol>
      </div>
    </section>
  );
}
