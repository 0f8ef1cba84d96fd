// One radio button or checkbox; when the engine refuses it, it is disabled and says why; when the
// engine warns about it (a check line), the warning follows it.
export function Choice({ id, type, name, checked, reason = '', onChange, label, flag, help, warning = null }) {
  const why = reason ? `${id}-why` : warning ? `${id}-warning` : undefined;
  return (
    <div class={`choice${reason ? ' disabled' : ''}`}>
      <input id={id} type={type} name={name} checked={checked && !reason} disabled={!!reason}
        aria-describedby={why} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}{flag && <> <code>{flag}</code></>}</label>
      {help && !reason && <span class="hint"> — {help}</span>}
      {reason && <span id={why} class="why"> — unavailable: {reason}</span>}
      {warning && !reason && <span id={why} class="why"> — ⚠ {warning.title}</span>}
      {warning && !reason && checked && warning.detail && <p id={`${id}-warning-detail`} class="warn-box">{warning.detail}</p>}
    </div>
  );
}
