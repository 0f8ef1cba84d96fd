// Before you flash: the notes every careful person reads, whatever the image.
export function SafetyNotes({ report }) {
  return (
    <div id="safety" class="notes">
      <h3>Before you flash</h3>
      <ul>
        <li>Keep the original dump somewhere safe, and a second copy elsewhere: it is the only way back.</li>
        <li>Have an external programmer (a CH341A or similar with a clip) ready in case the machine does not start.</li>
        <li>The vendor's flasher may skip the ME region, and the descriptor may forbid the host from writing it: use <code>flashrom</code> with a layout, or an external programmer.</li>
        <li>Clean a dump of <em>your own</em> board: a vendor's update image lacks your board's MAC address and serial numbers.</li>
        <li>On machines with Boot Guard, a modified image may be refused and the machine may not start; “Soft-disable only” changes the least.</li>
        {report.input.kind === 'me' && <li>This is a bare ME/TXE region: put the result back into your full dump before writing it.</li>}
      </ul>
    </div>
  );
}
