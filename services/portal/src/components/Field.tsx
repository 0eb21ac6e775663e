import type { ReactNode } from 'react';

/** A labelled field with its error right under the label, where the eye already is. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 20 }}>
      <label htmlFor={id} style={{ display: 'block', fontWeight: 600, fontSize: 17 }}>
        {label}
      </label>
      {hint && <p className="caption">{hint}</p>}
      {error && (
        <p className="field-error" id={`${id}-loi`}>
          <span className="sr-only">Lỗi: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
