"use client";
// Responsive canvas: the stage follows its container's size through a ResizeObserver.
import { useEffect, useRef, useState } from "react";
import type { Size } from "@/lib/canvas/geometry";

export function useElementSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      // Whole pixels: sub-pixel jitter would otherwise resize the stage on every layout pass.
      const width = Math.floor(element.clientWidth);
      const height = Math.floor(element.clientHeight);
      setSize((previous) => (previous.width === width && previous.height === height ? previous : { width, height }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return [ref, size] as const;
}
