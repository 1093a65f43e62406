// Pure compare-canvas maths: geometry, common frame, view transform, modes, swipe, difference.
export * from "./geometry";
export * from "./common-frame";
export * from "./view";
export * from "./modes";
export * from "./panes";
export * from "./swipe";
export * from "./difference";
export * from "./settings";
