// One checklist line per finding the engine reported: its state as an icon and in words (for
// screen readers), the title, the detail, and the offset where something is wrong.
import { hex } from './format.js';

const ICON = { ok: '✓', info: 'ℹ', warn: '⚠', fail: '✗' };
const WORD = { ok: 'passed', info: 'note', warn: 'warning', fail: 'failed' };

export function CheckList({ lines, id }) {
  return (
    <ul id={id} class="checks">
      {lines.map((c, i) => (
        <li key={`${i}:${c.id}`} class={c.state} data-check={c.id} data-state={c.state}>
          <span class="icon" aria-hidden="true">{ICON[c.state]}</span>
          <span class="visually-hidden">{WORD[c.state]}: </span>
          <span class="label">{c.title}</span>
          {c.detail && <span class="detail"> — {c.detail}</span>}
          {c.offset !== null && c.state !== 'ok' && <span class="meta"> (at {hex(c.offset)})</span>}
        </li>
      ))}
    </ul>
  );
}
