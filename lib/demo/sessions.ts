// Multi-turn sessions: each turn's image is made by applying an operation to the previous turn's
// output, and later prompts refer back ("make it a bit brighter"), as in Pico-Banana's multi-turn set.
import type { Operation } from "./image-ops";
import { addText, outpaint, pasteCutout, zoomIn } from "./ops-compose";
import { comic } from "./ops-style";
import { brighten, denoise, goldenHour, storm, toneShift, vintage } from "./ops-tone";

export type DemoSession = { id: number; photo: string; turns: { prompt: string; operation: Operation }[] };

export const DEMO_SESSIONS: DemoSession[] = [
  {
    id: 101,
    photo: "palace.jpg",
    turns: [
      { prompt: "Extend the canvas on both sides to show more of the blue sky", operation: outpaint(16 / 9) },
      { prompt: "Make the sky look like a stormy evening", operation: storm({ rain: false }) },
      {
        prompt: "Add the word 'Greetings' in gold letters at the top",
        operation: addText({ text: "Greetings", x: 0.5, y: 0.2, size: 0.16, font: "DejaVu Serif", weight: "bold", fill: "#e8b84a", stroke: "#3b2a08" }),
      },
    ],
  },
  {
    id: 102,
    photo: "motorcycle.jpg",
    turns: [
      { prompt: "Shift the entire image's color tone to a much warmer, golden hue", operation: toneShift("warm", 1.6) },
      { prompt: "Zoom in closely on the fuel tank and the engine", operation: zoomIn({ x: 0.33, y: 0.18, width: 0.45, height: 0.55 }) },
      { prompt: "Transform it into a bold comic book art style", operation: comic },
      { prompt: "Make it a bit brighter", operation: brighten(1.2) },
    ],
  },
  {
    id: 103,
    photo: "yellow-flower.jpg",
    turns: [
      {
        prompt: "Add a small black-and-white butterfly on the petals",
        operation: pasteCutout({ photo: "butterfly.jpg", from: { x: 0, y: 0.2, width: 1, height: 0.68 }, at: { x: 0.55, y: 0.45 }, width: 0.22 }),
      },
      { prompt: "Give it warm late-afternoon light", operation: goldenHour(0.8) },
      { prompt: "Now zoom in on the butterfly", operation: zoomIn({ x: 0.38, y: 0.22, width: 0.36, height: 0.46 }) },
      { prompt: "Make it look like an old film photo", operation: vintage({ grain: 26, vignette: 0.5 }) },
      { prompt: "Remove the grain but keep the colours", operation: denoise },
    ],
  },
];
