// The engine's verdict: what the file is, whether it can be cleaned, what to do next.
import { Headline } from './headline.jsx';
import { hex, size } from './format.js';

export function Verdict({ report, onOpenEmbedded }) {
  const embedded = report.analysis.triage?.embedded;
  return (
    <Headline id="verdict" headline={report.verdict} nextId="next-step">
      {embedded && (
        <p><button id="open-embedded" type="button" class="primary" onClick={onOpenEmbedded}>
          Work on the flash image inside ({hex(embedded.offset)}, {size(embedded.length)})</button></p>
      )}
    </Headline>
  );
}
