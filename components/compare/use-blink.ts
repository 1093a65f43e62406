"use client";
// Blink mode: which image is showing. Alternates every intervalMs while active and not paused.
import { useEffect, useState } from "react";

export type BlinkSide = "left" | "right";

export function useBlink(isActive: boolean, intervalMs: number, isPaused: boolean) {
  const [side, setSide] = useState<BlinkSide>("left");

  useEffect(() => {
    if (!isActive || isPaused) return;
    const timer = window.setInterval(() => setSide((current) => (current === "left" ? "right" : "left")), Math.max(50, intervalMs));
    return () => window.clearInterval(timer);
  }, [isActive, isPaused, intervalMs]);

  const toggle = () => setSide((current) => (current === "left" ? "right" : "left"));
  return { side, setSide, toggle };
}
