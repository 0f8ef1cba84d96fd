// One radio button or checkbox; when the engine refuses it, it is disabled and says why.
export function Choice({ id, type, name, checked, reason = '', onChange, label, flag, help }) {
  const why = reason ? `${id}-why` : undefined;
  return (
    <div class={`choice${reason ? ' disabled' : ''}`}>
      <input id={id} type={type} name={name} checked={checked && !reason} disabled={!!reason}
        aria-describedby={why} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}{flag && <> <code>{flag}</code></>}</label>
      {help && !reason && <span class="hint"> — {help}</span>}
      {reason && <span id={why} class="why"> — unavailable: {reason}</span>}
    </div>
  );
}
