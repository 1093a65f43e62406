"use client";
// The Konva stage: draws the two images (and the heatmap) per pane under one view transform.
// It only draws and forwards wheel/drag input to the view controller; all maths is in lib/canvas.
// Loaded client-side only (next/dynamic, ssr: false) because Konva needs a DOM canvas.
import Konva from "konva";
import { useEffect, useRef, type ReactNode } from "react";
import { Group, Image as KonvaImage, Layer, Rect, Stage } from "react-konva";
import type { CommonFrame, FittedImage } from "@/lib/canvas/common-frame";
import type { Rect as Box } from "@/lib/canvas/geometry";
import type { CompareModeState } from "@/lib/canvas/modes";
import type { Pane } from "@/lib/canvas/panes";
import { swipeClip } from "@/lib/canvas/swipe";
import { imagePixelScale, viewToStage, type ViewState } from "@/lib/canvas/view";
import type { BlinkSide } from "./use-blink";
import type { ViewController } from "./use-view-controller";
import { wheelZoomHandler } from "./wheel-zoom";

declare global {
  interface Window {
    Konva?: typeof Konva;
  }
}
// Konva registers itself on window when imported; make it explicit because e2e tests read
// window.Konva.stages to find the stage by id.
if (typeof window !== "undefined") window.Konva = Konva;

/** Opacity of the edit under the difference heatmap: enough context, little distraction. */
const DIFFERENCE_BACKDROP_OPACITY = 0.3;
/** From this many screen pixels per image pixel on, pixels are drawn as crisp squares. */
const PIXELATED_FROM = 2;

export type CompareStageProps = {
  stageId: string;
  width: number;
  height: number;
  panes: readonly Pane[];
  modeState: CompareModeState;
  layout: CommonFrame;
  leftImage: HTMLImageElement | null;
  rightImage: HTMLImageElement | null;
  heatmap: HTMLCanvasElement | null;
  blinkSide: BlinkSide;
  controller: ViewController;
  /** Exposed on the Konva stage (stage.getAttr) for e2e assertions. */
  testAttrs: Record<string, string | number | boolean | null>;
};

type PaneGroupProps = { pane: Pane; clip?: Box; view: ViewState; layout: CommonFrame; children: ReactNode };

/** A pane's clip (stage units) around the frame transform (frame units). */
function PaneGroup({ pane, clip, view, layout, children }: PaneGroupProps) {
  const transform = viewToStage(view, { width: pane.width, height: pane.height }, layout.frame);
  const box = clip ?? { x: 0, y: 0, width: pane.width, height: pane.height };
  return (
    <Group x={pane.x} y={pane.y} clipX={box.x} clipY={box.y} clipWidth={box.width} clipHeight={box.height}>
      <Group x={transform.x} y={transform.y} scaleX={transform.scale} scaleY={transform.scale}>
        {children}
      </Group>
    </Group>
  );
}

function FittedKonvaImage({ image, fitted, opacity = 1 }: { image: HTMLImageElement; fitted: FittedImage; opacity?: number }) {
  const { x, y, width, height } = fitted.rect;
  return <KonvaImage image={image} x={x} y={y} width={width} height={height} opacity={opacity} />;
}

/** Which images each pane shows, with their clips, for the current mode. */
function paneContent(state: CompareModeState, pane: Pane, blinkSide: BlinkSide) {
  const clips = state.mode === "swipe" ? swipeClip(state.split, pane) : null;
  switch (state.mode) {
    case "side-by-side":
      return {
        left: pane.side === "left",
        right: pane.side === "right",
        rightOpacity: 1,
        leftClip: undefined,
        rightClip: undefined,
        hasHeatmap: false,
      };
    case "swipe":
      return { left: true, right: true, rightOpacity: 1, leftClip: clips?.left, rightClip: clips?.right, hasHeatmap: false };
    case "onion":
      return { left: true, right: true, rightOpacity: state.opacity, leftClip: undefined, rightClip: undefined, hasHeatmap: false };
    case "difference":
      return {
        left: false,
        right: true,
        rightOpacity: DIFFERENCE_BACKDROP_OPACITY,
        leftClip: undefined,
        rightClip: undefined,
        hasHeatmap: true,
      };
    case "blink":
      return {
        left: blinkSide === "left",
        right: blinkSide === "right",
        rightOpacity: 1,
        leftClip: undefined,
        rightClip: undefined,
        hasHeatmap: false,
      };
  }
}

export function CompareStage(props: CompareStageProps) {
  const { stageId, width, height, panes, modeState, layout, leftImage, rightImage, heatmap, blinkSide, controller, testAttrs } = props;
  const stageRef = useRef<Konva.Stage>(null);
  const view = controller.view;
  const viewport = { width: panes[0].width, height: panes[0].height };
  const isLeftPixelated = imagePixelScale(view, layout.source, viewport, layout.frame) >= PIXELATED_FROM;
  const isRightPixelated = imagePixelScale(view, layout.edit, viewport, layout.frame) >= PIXELATED_FROM;

  useEffect(() => {
    stageRef.current?.setAttrs(testAttrs);
  });

  const onWheel = wheelZoomHandler(panes, controller.zoomAt);

  const contents = panes.map((pane) => ({ pane, content: paneContent(modeState, pane, blinkSide) }));

  return (
    <Stage ref={stageRef} id={stageId} width={width} height={height} onWheel={onWheel}>
      <Layer listening={false} imageSmoothingEnabled={!isLeftPixelated}>
        {contents.map(({ pane }) => (
          <PaneGroup key={`frame-${pane.side}`} pane={pane} view={view} layout={layout}>
            <Rect x={0} y={0} width={layout.frame.width} height={layout.frame.height} fill="#171717" />
          </PaneGroup>
        ))}
        {contents.map(({ pane, content }) =>
          content.left && leftImage ? (
            <PaneGroup key={`left-${pane.side}`} pane={pane} clip={content.leftClip} view={view} layout={layout}>
              <FittedKonvaImage image={leftImage} fitted={layout.source} />
            </PaneGroup>
          ) : null,
        )}
      </Layer>
      <Layer listening={false} imageSmoothingEnabled={!isRightPixelated}>
        {contents.map(({ pane, content }) =>
          content.right && rightImage ? (
            <PaneGroup key={`right-${pane.side}`} pane={pane} clip={content.rightClip} view={view} layout={layout}>
              <FittedKonvaImage image={rightImage} fitted={layout.edit} opacity={content.rightOpacity} />
            </PaneGroup>
          ) : null,
        )}
        {contents.map(({ pane, content }) =>
          content.hasHeatmap && heatmap ? (
            <PaneGroup key={`heatmap-${pane.side}`} pane={pane} view={view} layout={layout}>
              <KonvaImage image={heatmap} x={0} y={0} width={layout.frame.width} height={layout.frame.height} />
            </PaneGroup>
          ) : null,
        )}
      </Layer>
    </Stage>
  );
}
