"use client";
// Three-up pair view: the source and both edits side by side with locked zoom and pan (wheel
// about the cursor, drag to pan, + / − / 0 keys, fit and 1:1). The view is owned by the parent
// so it persists from pair to pair and is shared with the other pair views.
import dynamic from "next/dynamic";
import { useMemo, type ReactNode } from "react";
import { useElementSize } from "@/components/compare/use-element-size";
import { useLoadedImage } from "@/components/compare/use-loaded-image";
import { usePanGesture } from "@/components/compare/use-pan-gesture";
import { useViewController } from "@/components/compare/use-view-controller";
import { useKeymap } from "@/components/keymap/use-keymap";
import type { ViewState } from "@/lib/canvas/view";
import type { KeyScope } from "@/lib/keymap";
import { threeUpLayout, threeUpPanes, type ThreeUpSlot } from "@/lib/pairs/three-up";
import { ZoomBar } from "./zoom-bar";

const ThreeUpStage = dynamic(() => import("./three-up-stage").then((module) => module.ThreeUpStage), {
  ssr: false,
  loading: () => <div className="flex h-full items-center justify-center text-sm text-neutral-500">Loading canvas…</div>,
});

export type ThreeUpImage = { url: string; label: string };

export type ThreeUpCanvasProps = {
  stageId: string;
  images: Record<ThreeUpSlot, ThreeUpImage>;
  view: ViewState;
  onViewChange: (view: ViewState) => void;
  height: string;
  shortcutScopes: readonly KeyScope[] | null;
  testAttrs: Record<string, string | number | boolean | null>;
  /** Controls shown left of the zoom buttons (the pair view switcher). */
  toolbar?: ReactNode;
};

const chip = "pointer-events-none absolute top-2 left-2 rounded bg-neutral-950/80 px-2 py-0.5 text-xs font-medium text-neutral-200 ring-1 ring-neutral-700";

export function ThreeUpCanvas({ stageId, images, view, onViewChange, height, shortcutScopes, testAttrs, toolbar }: ThreeUpCanvasProps) {
  const [containerRef, stageSize] = useElementSize<HTMLDivElement>();
  const source = useLoadedImage(images.source.url);
  const left = useLoadedImage(images.left.url);
  const right = useLoadedImage(images.right.url);
  const layout = useMemo(() => threeUpLayout(source.size, left.size, right.size), [source.size, left.size, right.size]);
  const panes = useMemo(() => threeUpPanes(stageSize), [stageSize]);
  const viewport = useMemo(() => ({ width: panes[0].width, height: panes[0].height }), [panes]);
  const controller = useViewController(view, onViewChange, layout?.compare ?? null, viewport);
  const pan = usePanGesture(controller.pan, controller.isReady);
  useKeymap(shortcutScopes, { "zoom-in": controller.zoomIn, "zoom-out": controller.zoomOut, "zoom-fit": controller.fit });
  const loaded = { source, left, right };
  // Three panes of a wide frame need far less height than the page offers: size to the content.
  const fitted = layout && stageSize.width > 0 ? Math.ceil((panes[0].width * layout.frame.height) / layout.frame.width) + 2 : null;
  const boxHeight = fitted ? `min(${fitted}px, ${height})` : height;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {toolbar}
        <ZoomBar controller={controller} />
      </div>
      <div
        ref={containerRef}
        className={`relative w-full touch-none select-none overflow-hidden rounded-md border border-neutral-800 bg-neutral-950 ${pan.isPanning ? "cursor-grabbing" : "cursor-grab"}`}
        style={{ height: boxHeight }}
        data-compare-mode="three-up"
        data-zoom={controller.view.zoom.toFixed(4)}
        {...pan.handlers}
      >
        {stageSize.width > 0 && layout && (
          <ThreeUpStage
            stageId={stageId}
            width={stageSize.width}
            height={stageSize.height}
            panes={panes}
            layout={layout}
            images={{ source: source.image, left: left.image, right: right.image }}
            controller={controller}
            testAttrs={{ ...testAttrs, compareMode: "three-up", zoom: controller.view.zoom, leftStatus: left.status, rightStatus: right.status, sourceStatus: source.status }}
          />
        )}
        {panes.map((pane) => (
          <div key={pane.slot} className="pointer-events-none absolute" style={{ left: pane.x, top: pane.y, width: pane.width, height: pane.height }}>
            <span className={chip}>{images[pane.slot].label}</span>
            {loaded[pane.slot].status !== "loaded" && (
              <div className="absolute inset-0 flex items-center justify-center text-sm">
                {loaded[pane.slot].status === "error" ? (
                  <span role="alert" className="rounded bg-red-950/80 px-3 py-1.5 text-red-200 ring-1 ring-red-800">Image missing: {images[pane.slot].label}</span>
                ) : (
                  <span role="status" className="text-neutral-400">Loading {images[pane.slot].label}…</span>
                )}
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
