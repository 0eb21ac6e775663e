import { Button } from 'antd';
import { useRef, type ChangeEvent } from 'react';

// Kept in the page for the file chooser and for tests, but out of sight and out of the Tab order: the button is the control.
const HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/**
 * A button that opens the file chooser for one PDF. The browser's own file
 * field labels itself in the language of the browser's installation ("Choose
 * File"), not the page's.
 */
export function PdfPicker({ id, label, disabled, onPick }: { id: string; label: string; disabled?: boolean; onPick: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onPick(file);
    event.target.value = '';
  };
  return (
    <>
      <input ref={input} id={id} type="file" accept="application/pdf,.pdf" tabIndex={-1} aria-label={label} style={HIDDEN} disabled={disabled} onChange={picked} />
      <Button id={`${id}-button`} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
    </>
  );
}
