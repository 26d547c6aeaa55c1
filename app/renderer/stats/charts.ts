/** Small d3 charts for the statistics view: horizontal bars for counts, a histogram for durations. Text via .text() only. */
import { bin, format, max, scaleBand, scaleLinear, select, axisBottom, axisLeft } from 'd3';

export interface Bar {
  label: string;
  value: number;
  cls: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgFor(container: HTMLElement, title: string, width: number, height: number): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  container.appendChild(svg);
  return svg;
}

export function barChart(container: HTMLElement, width: number, title: string, bars: readonly Bar[]): void {
  const shown = bars.slice(0, 20);
  const rowH = 22;
  const margin = { top: 6, right: 48, bottom: 6, left: 110 };
  const height = margin.top + margin.bottom + Math.max(1, shown.length) * rowH;
  const svg = select(svgFor(container, title, width, height));
  if (shown.length === 0) {
    svg.append('text').attr('class', 'empty').attr('x', 8).attr('y', 18).text('nothing yet');
    return;
  }
  const x = scaleLinear().domain([0, max(shown, (b) => b.value) ?? 1]).range([0, width - margin.left - margin.right]);
  const y = scaleBand<string>().domain(shown.map((b, i) => `${i}`)).range([margin.top, height - margin.bottom]).padding(0.18);
  const g = svg.append('g').attr('transform', `translate(${margin.left},0)`);
  const rows = g.selectAll('g.bar').data(shown).join('g').attr('class', (b) => `bar ${b.cls}`);
  rows.append('rect').attr('x', 0).attr('y', (_, i) => y(`${i}`)!).attr('height', y.bandwidth()).attr('width', (b) => Math.max(1, x(b.value)));
  rows.append('text').attr('class', 'bar-value').attr('x', (b) => x(b.value) + 4).attr('y', (_, i) => y(`${i}`)! + y.bandwidth() / 2 + 4).text((b) => String(b.value));
  rows.append('text').attr('class', 'bar-label').attr('x', -6).attr('text-anchor', 'end').attr('y', (_, i) => y(`${i}`)! + y.bandwidth() / 2 + 4)
    .text((b) => (b.label.length > 16 ? b.label.slice(0, 15) + '…' : b.label));
  rows.append('title').text((b) => `${b.label}: ${b.value}`);
}

export function histogram(container: HTMLElement, width: number, title: string, values: readonly number[], unit: string, height = 180): void {
  const svg = select(svgFor(container, title, width, height));
  if (values.length === 0) {
    svg.append('text').attr('class', 'empty').attr('x', 8).attr('y', 18).text('no samples');
    return;
  }
  const margin = { top: 8, right: 12, bottom: 30, left: 40 };
  const hi = max(values) ?? 1;
  const x = scaleLinear().domain([0, hi > 0 ? hi : 1]).nice().range([margin.left, width - margin.right]);
  const bins = bin().domain(x.domain() as [number, number]).thresholds(x.ticks(20))(values as number[]);
  const highest = max(bins, (b) => b.length) ?? 1;
  const y = scaleLinear().domain([0, highest]).nice().range([height - margin.bottom, margin.top]);
  svg.append('g').attr('class', 'bins').selectAll('rect').data(bins).join('rect')
    .attr('x', (b) => x(b.x0!) + 1).attr('width', (b) => Math.max(0, x(b.x1!) - x(b.x0!) - 1))
    .attr('y', (b) => y(b.length)).attr('height', (b) => y(0) - y(b.length))
    .append('title').text((b) => `${b.x0}–${b.x1} ${unit}: ${b.length}`);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(x).ticks(6));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(Math.min(4, highest)).tickFormat(format('d')));
  svg.append('text').attr('class', 'axis-title').attr('x', width - margin.right).attr('y', height - 2).attr('text-anchor', 'end').text(unit);
}
