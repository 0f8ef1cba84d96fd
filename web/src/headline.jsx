// What a report of the engine says first ({ state, title, detail, next }, core/base/verdict.hpp):
// the image's verdict, a join, a comparison, a read-back, a status paste. Rendered as it is.
const ICON = { ok: '✓', info: 'ℹ', warn: '⚠', fail: '✗' };

export function Headline({ id, headline: h, nextId = `${id}-next`, children }) {
  return (
    <div id={id} class={`verdict ${h.state}`} data-state={h.state} role={h.state === 'fail' ? 'alert' : undefined}>
      <p class="title"><span aria-hidden="true">{ICON[h.state]}</span> <strong>{h.title}</strong></p>
      {h.detail && <p class="detail">{h.detail}</p>}
      {h.next && <p class="next" id={nextId}>{h.next}</p>}
      {children}
    </div>
  );
}
