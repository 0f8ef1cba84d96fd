// A command that wraps on narrow screens, with a button that copies it.
import { useState } from 'preact/hooks';

export function CopyText({ id, text }) {
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false));
  return (
    <div class="copy-text">
      <pre id={id}>{text}</pre>
      <button type="button" class="link" onClick={copy}>{copied ? 'Copied' : 'Copy'}</button>
    </div>
  );
}
