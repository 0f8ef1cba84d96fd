// A running step, shown where the user started it.
export function Progress({ id, label }) {
  return (
    <div class="progress" id={id} aria-busy="true">
      <progress aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
