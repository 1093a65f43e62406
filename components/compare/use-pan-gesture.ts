"use client";
// Drag to pan: pointer events on the canvas container with pointer capture, so a drag that
// leaves the canvas keeps panning until release. Returns props to spread on the container.
import { useRef, useState, type PointerEvent } from "react";

export function usePanGesture(onPan: (dx: number, dy: number) => void, isEnabled: boolean) {
  const last = useRef<{ id: number; x: number; y: number } | null>(null);
  const [isPanning, setIsPanning] = useState(false);

  const end = (event: PointerEvent<HTMLElement>) => {
    if (last.current?.id !== event.pointerId) return;
    last.current = null;
    setIsPanning(false);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };

  return {
    isPanning,
    handlers: {
      onPointerDown: (event: PointerEvent<HTMLElement>) => {
        if (!isEnabled || event.button !== 0 || last.current) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        last.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
        setIsPanning(true);
      },
      onPointerMove: (event: PointerEvent<HTMLElement>) => {
        const start = last.current;
        if (!start || start.id !== event.pointerId) return;
        const dx = event.clientX - start.x;
        const dy = event.clientY - start.y;
        last.current = { id: start.id, x: event.clientX, y: event.clientY };
        if (dx !== 0 || dy !== 0) onPan(dx, dy);
      },
      onPointerUp: end,
      onPointerCancel: end,
      onLostPointerCapture: end,
    },
  };
}
