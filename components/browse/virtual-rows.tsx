"use client";
// The grid's windowing: only the rows on screen are rendered. TanStack Virtual's useVirtualizer
// returns an object whose methods answer differently without the object changing, which the React
// Compiler cannot memoise (react-hooks/incompatible-library). So it lives alone in this component,
// opted out of the compiler ("use no memo"), and hands out only plain values (indexes, offsets,
// sizes), never the virtualizer: the grid and the cards around it stay safely memoisable.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, type ReactNode, type RefObject } from "react";

type Props = {
  scrollRef: RefObject<HTMLDivElement | null>;
  rowCount: number;
  rowHeight: number;
  gap: number;
  /** Called when the last rendered row is within three rows of the end (fetch the next page). */
  onNearEnd: () => void;
  renderRow: (index: number) => ReactNode;
};

export function VirtualRows({ scrollRef, rowCount, rowHeight, gap, onNearEnd, renderRow }: Props) {
  "use no memo";
  // The rule's concern (a memoised component reading a stale virtualizer) cannot arise here: see above.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight + gap,
    overscan: 4,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastRow >= rowCount - 3) onNearEnd();
  }, [lastRow, rowCount, onNearEnd]);

  return (
    <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
      {virtualRows.map((row) => (
        <div key={row.key} className="absolute left-0 right-0" style={{ top: row.start, height: rowHeight }}>
          {renderRow(row.index)}
        </div>
      ))}
    </div>
  );
}
