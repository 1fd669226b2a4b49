/**
 * A small, dependency-free SVG line chart for the guides. Deterministic: the same data always gives
 * the same bytes, so committed charts can be checked against a fresh rendering.
 */

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly colour: string;
  /** Draw as steps (horizontal then vertical) instead of straight segments. */
  readonly steps?: boolean;
  /** Draw each point as a dot instead of joining them (observed values under a fitted line). */
  readonly dots?: boolean;
}

/** A shaded band between two curves over the same x values (a confidence interval). */
export interface Area {
  readonly name: string;
  readonly colour: string;
  /** `[x, lower, upper]` per x, in order of x. */
  readonly points: readonly (readonly [number, number, number])[];
}

export interface Band {
  readonly from: number;
  readonly to: number;
  readonly colour: string;
  readonly label: string;
}

export interface Marker {
  readonly x: number;
  readonly label: string;
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Horizontal bands on the y axis (segments). */
  readonly bands?: readonly Band[];
  /** Vertical lines at x (segment changes). */
  readonly markers?: readonly Marker[];
  /** Shaded bands drawn under the series, listed in the legend after them. */
  readonly areas?: readonly Area[];
  readonly xTicks: readonly { readonly at: number; readonly label: string }[];
  readonly yTicks: readonly number[];
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
}

const round = (value: number) => Number(value.toFixed(2));
const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function lineChart(chart: LineChart): string {
  const width = chart.width ?? 680;
  const height = chart.height ?? 320;
  const left = 56;
  const right = 180;
  const top = 36;
  const bottom = 44;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const [x0, x1] = chart.xRange;
  const [y0, y1] = chart.yRange;
  const x = (value: number) => round(left + ((value - x0) / (x1 - x0)) * plotWidth);
  const y = (value: number) => round(top + (1 - (value - y0) / (y1 - y0)) * plotHeight);
  const clampY = (value: number) => Math.min(y1, Math.max(y0, value));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="600">${escapeXml(chart.title)}</text>`,
  ];
  for (const band of chart.bands ?? []) {
    const from = clampY(band.from);
    const to = clampY(band.to);
    parts.push(
      `<rect x="${left}" y="${y(to)}" width="${plotWidth}" height="${round(y(from) - y(to))}" fill="${band.colour}" opacity="0.18"/>`,
      `<text x="${left + plotWidth + 12}" y="${round((y(from) + y(to)) / 2 + 4)}" fill="#555">${escapeXml(band.label)}</text>`,
    );
  }
  for (const tick of chart.yTicks) {
    parts.push(
      `<line x1="${left}" x2="${left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e3e3e3"/>`,
      `<text x="${left - 8}" y="${round(y(tick) + 4)}" text-anchor="end" fill="#333">${tick}</text>`,
    );
  }
  for (const tick of chart.xTicks) {
    parts.push(
      `<line x1="${x(tick.at)}" x2="${x(tick.at)}" y1="${top + plotHeight}" y2="${top + plotHeight + 5}" stroke="#333"/>`,
      `<text x="${x(tick.at)}" y="${top + plotHeight + 18}" text-anchor="middle" fill="#333">${escapeXml(tick.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${left + plotWidth}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="#333"/>`,
    `<text x="${left + plotWidth / 2}" y="${height - 6}" text-anchor="middle" fill="#333">${escapeXml(chart.xLabel)}</text>`,
    `<text x="14" y="${top + plotHeight / 2}" text-anchor="middle" fill="#333" transform="rotate(-90 14 ${top + plotHeight / 2})">${escapeXml(chart.yLabel)}</text>`,
  );
  (chart.markers ?? []).forEach((marker, index) => {
    parts.push(
      `<line x1="${x(marker.x)}" x2="${x(marker.x)}" y1="${top}" y2="${top + plotHeight}" stroke="#b00020" stroke-dasharray="4 3"/>`,
      `<text x="${round(x(marker.x) - 4)}" y="${top + 12 + (index % 2) * 14}" text-anchor="end" fill="#b00020">${escapeXml(marker.label)}</text>`,
    );
  });
  const legendOffset = chart.series.length;
  (chart.areas ?? []).forEach((area, index) => {
    const upper = area.points.map(([px, , high]) => `${x(px)} ${y(clampY(high))}`);
    const lower = area.points.map(([px, low]) => `${x(px)} ${y(clampY(low))}`).reverse();
    const row = top + 8 + (legendOffset + index) * 20;
    parts.push(
      `<path d="M${[...upper, ...lower].join(' L')} Z" fill="${area.colour}" opacity="0.25" stroke="none"/>`,
      `<rect x="${left + plotWidth + 12}" y="${row - 6}" width="20" height="12" fill="${area.colour}" opacity="0.25"/>`,
      `<text x="${left + plotWidth + 38}" y="${row + 4}" fill="#333">${escapeXml(area.name)}</text>`,
    );
  });
  chart.series.forEach((series, index) => {
    if (series.dots) {
      for (const [px, py] of series.points) {
        parts.push(`<circle cx="${x(px)}" cy="${y(clampY(py))}" r="3" fill="${series.colour}"/>`);
      }
      parts.push(
        `<circle cx="${left + plotWidth + 22}" cy="${top + 8 + index * 20}" r="4" fill="${series.colour}"/>`,
        `<text x="${left + plotWidth + 38}" y="${top + 12 + index * 20}" fill="#333">${escapeXml(series.name)}</text>`,
      );
      return;
    }
    const path = series.points
      .map(([px, py], i) => {
        if (i === 0) return `M${x(px)} ${y(clampY(py))}`;
        return series.steps ? `H${x(px)} V${y(clampY(py))}` : `L${x(px)} ${y(clampY(py))}`;
      })
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${series.colour}" stroke-width="2"/>`,
      `<line x1="${left + plotWidth + 12}" x2="${left + plotWidth + 32}" y1="${top + 8 + index * 20}" y2="${top + 8 + index * 20}" stroke="${series.colour}" stroke-width="3"/>`,
      `<text x="${left + plotWidth + 38}" y="${top + 12 + index * 20}" fill="#333">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
