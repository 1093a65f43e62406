"use client";
// Three-up pair view: the source and both edits with locked zoom and pan (wheel about the cursor,
// drag to pan, + / − / 0 keys, fit and 1:1). The panes are laid out from the space and the
// images' shape (lib/pairs/three-up.ts): the two edits as large as the box allows, the source as a
// reference; labels sit above the panes, never on the pictures. The view is owned by the parent
// so it persists from pair to pair and is shared with the other pair views.
import dynamic from "next/dynamic";
import { useMemo, type ReactNode } from "react";
import { useElementSize } from "@/components/compare/use-element-size";
import { useLoadedImage, type LoadedImage } from "@/components/compare/use-loaded-image";
import { usePanGesture } from "@/components/compare/use-pan-gesture";
import { useViewController } from "@/components/compare/use-view-controller";
import { ImagePlaceholder } from "@/components/images/image-placeholder";
import { useKeymap } from "@/components/keymap/use-keymap";
import type { ViewState } from "@/lib/canvas/view";
import type { KeyScope } from "@/lib/keymap";
import { THREE_UP_LABEL, threeUpLayout, threeUpPanes, type ThreeUpSlot } from "@/lib/pairs/three-up";
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
  /** The most height the view may take (CSS); it uses less when the images need less. */
  height: string;
  shortcutScopes: readonly KeyScope[] | null;
  testAttrs: Record<string, string | number | boolean | null>;
  /** Controls shown left of the zoom buttons (the pair view switcher). */
  toolbar?: ReactNode;
};

function PaneState({ loaded, label }: { loaded: LoadedImage; label: string }) {
  if (loaded.status === "loaded") return null;
  if (loaded.status === "error") {
    return (
      <div role="alert" className="absolute inset-0" data-image-status="missing">
        <ImagePlaceholder label={label} failure={loaded.failure} />
      </div>
    );
  }
  return (
    <span role="status" className="absolute inset-0 flex items-center justify-center text-sm text-neutral-400">
      Loading {label}…
    </span>
  );
}

export function ThreeUpCanvas({ stageId, images, view, onViewChange, height, shortcutScopes, testAttrs, toolbar }: ThreeUpCanvasProps) {
  const [boxRef, box] = useElementSize<HTMLDivElement>();
  const source = useLoadedImage(images.source.url);
  const left = useLoadedImage(images.left.url);
  const right = useLoadedImage(images.right.url);
  const layout = useMemo(() => threeUpLayout(source.size, left.size, right.size), [source.size, left.size, right.size]);
  const placed = useMemo(() => threeUpPanes(box, layout?.frame ?? null), [box, layout]);
  const panes = placed.panes;
  // Zoom limits, 1:1 and the read-out refer to the edits: the controller's viewport is an edit pane.
  const viewport = useMemo(() => ({ width: panes[1].width, height: panes[1].height }), [panes]);
  const controller = useViewController(view, onViewChange, layout?.compare ?? null, viewport);
  const pan = usePanGesture(controller.pan, controller.isReady);
  useKeymap(shortcutScopes, { "zoom-in": controller.zoomIn, "zoom-out": controller.zoomOut, "zoom-fit": controller.fit });
  const loaded = { source, left, right };
  const stageHeight = Math.max(0, Math.ceil(placed.size.height));

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {toolbar}
        <ZoomBar controller={controller} />
      </div>
      {/* The measuring box has the full allowed height; the view itself takes only what the panes use. */}
      <div className="relative w-full overflow-hidden" style={{ height: stageHeight }}>
        <div ref={boxRef} aria-hidden className="pointer-events-none invisible absolute inset-x-0 top-0" style={{ height }} />
        <div
          className={`relative w-full touch-none select-none overflow-hidden ${pan.isPanning ? "cursor-grabbing" : "cursor-grab"}`}
          style={{ height: stageHeight }}
          data-compare-mode="three-up"
          data-arrangement={placed.arrangement}
          data-zoom={controller.view.zoom.toFixed(4)}
          {...pan.handlers}
        >
          {box.width > 0 && layout && (
            <ThreeUpStage
              stageId={stageId}
              width={box.width}
              height={stageHeight}
              panes={panes}
              layout={layout}
              images={{ source: source.image, left: left.image, right: right.image }}
              controller={controller}
              testAttrs={{
                ...testAttrs,
                compareMode: "three-up",
                arrangement: placed.arrangement,
                zoom: controller.view.zoom,
                leftStatus: left.status,
                rightStatus: right.status,
                sourceStatus: source.status,
              }}
            />
          )}
          {panes.map((pane) => (
            <div key={pane.slot}>
              <span
                className="pointer-events-none absolute truncate text-xs font-medium text-neutral-300"
                style={{ left: pane.x, top: pane.y - THREE_UP_LABEL, width: pane.width, lineHeight: `${THREE_UP_LABEL - 4}px` }}
                data-pane-label={pane.slot}
              >
                {images[pane.slot].label}
                {pane.slot === "source" && placed.arrangement !== "row" ? <span className="text-neutral-500"> · reference</span> : null}
              </span>
              <div className="pointer-events-none absolute" style={{ left: pane.x, top: pane.y, width: pane.width, height: pane.height }}>
                <PaneState loaded={loaded[pane.slot]} label={images[pane.slot].label} />
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
