import { createTheme, type MantineColor } from "@mantine/core";

/**
 * The one design-token file: colours, spacing, type and layout sizes. Components read these
 * (or the Mantine theme built from them); nothing else hard-codes a colour or a size.
 */

/** Semantic tones. Status pills, alerts and badges pick a tone, never a raw colour. */
export const tones = {
  neutral: "gray",
  info: "blue",
  progress: "indigo",
  warning: "yellow",
  success: "green",
  danger: "red",
  muted: "dark",
  accent: "teal",
} as const satisfies Record<string, MantineColor>;

export type Tone = keyof typeof tones;

export const colors = {
  brand: "teal",
  /** Background of the navigation and top bar. */
  chrome: "var(--mantine-color-gray-0)",
  border: "var(--mantine-color-gray-3)",
  textDimmed: "var(--mantine-color-dimmed)",
  rowActive: "var(--mantine-color-teal-0)",
  rowActiveOutline: "var(--mantine-color-teal-6)",
  codeBackground: "var(--mantine-color-gray-0)",
  simulatedClock: "orange",
} as const;

/** Spacing scale in px (Mantine keys xs…xl). Dense by default: people work here all day. */
export const spacing = {
  xs: 4,
  sm: 8,
  md: 12,
  lg: 16,
  xl: 24,
} as const;

export const layout = {
  headerHeight: 56,
  navbarWidth: 224,
  /** Pages read best up to this width; tables may use the full width. */
  contentMaxWidth: 1400,
  drawerWidth: 720,
  /** Below this width the clock control moves from the top bar into the navigation. */
  wideQuery: "(min-width: 62em)",
} as const;

/**
 * Charts (uPlot canvases and inline SVG sparklines). Series colours are a palette, not tones:
 * a second line on a chart is not a warning. Reference lines (seats, thresholds) are gray and
 * dashed. Canvas needs real colours, so charts resolve these names through the Mantine theme.
 */
export const charts = {
  series: ["teal", "blue", "violet", "orange", "pink", "cyan"],
  reference: "gray",
  /** Shade of each palette colour used for lines. */
  shade: 6,
  height: 220,
  sparkline: { width: 96, height: 24 },
} as const satisfies { series: readonly MantineColor[]; reference: MantineColor; shade: number; height: number; sparkline: { width: number; height: number } };

export type ChartColor = (typeof charts.series)[number];

export const typography = {
  fontFamily:
    "Inter, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  monoFontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
  /** Table body text. */
  tableFontSize: "sm",
} as const;

export const timing = {
  /** How often lists with work in flight (pending/sending/retrying) refresh. */
  liveRefreshMs: 3_000,
  /** How often the clock badge re-reads the server clock. */
  clockRefreshMs: 60_000,
  searchDebounceMs: 250,
  filterDebounceMs: 350,
} as const;

const px = (n: number): string => `${n}px`;

export const theme = createTheme({
  primaryColor: colors.brand,
  fontFamily: typography.fontFamily,
  fontFamilyMonospace: typography.monoFontFamily,
  defaultRadius: "sm",
  spacing: {
    xs: px(spacing.xs),
    sm: px(spacing.sm),
    md: px(spacing.md),
    lg: px(spacing.lg),
    xl: px(spacing.xl),
  },
  headings: { sizes: { h1: { fontSize: "1.5rem", lineHeight: "1.3" } } },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: "sm", fz: typography.tableFontSize } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    // Every control is labelled: icon-only close buttons get their names here once.
    Modal: { defaultProps: { centered: true, closeButtonProps: { "aria-label": "Close dialog" } } },
    Drawer: { defaultProps: { closeButtonProps: { "aria-label": "Close details" } } },
    Notification: { defaultProps: { closeButtonProps: { "aria-label": "Dismiss notification" } } },
  },
});
