/**
 * The `website` honeypot: off-screen, hidden from assistive tech, out of the tab order and
 * never autofilled, so only robots fill it in (the API then quietly drops the request).
 */
export function Honeypot({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div aria-hidden="true" style={{ position: "absolute", left: -10_000, top: "auto", width: 1, height: 1, overflow: "hidden" }}>
      <label htmlFor="signup-website">Website</label>
      <input id="signup-website" type="text" name="website" tabIndex={-1} autoComplete="off" value={value} onChange={(e) => onChange(e.currentTarget.value)} />
    </div>
  );
}
