// Run by tests/browser.py in a copy of an HTML report (without its Content-Security-Policy,
// which forbids scripts): the page's text column, and for every chart its box, the union of
// what it draws, and each label with its box, the box it is clipped to (the viewport and every
// ancestor that hides overflow), the shapes drawn over it and the labels it overlaps. Boxes are
// [left, top, right, bottom]; the result is written as JSON into the pre element svccheck-layout.
(() => {
  const box = e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const meets = (a, b) => Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 1
    && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 1;
  const clip = e => {
    const c = [0, -1e9, window.innerWidth, 1e9];
    for (let a = e.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a), b = box(a);
      if (s.overflowX !== 'visible') { c[0] = Math.max(c[0], b[0]); c[2] = Math.min(c[2], b[2]); }
      if (s.overflowY !== 'visible') { c[1] = Math.max(c[1], b[1]); c[3] = Math.min(c[3], b[3]); }
    }
    return c;
  };
  const paints = e => {
    const s = getComputedStyle(e);
    return s.fill !== 'none' || s.stroke !== 'none';
  };
  const main = document.querySelector('main'), style = getComputedStyle(main), m = box(main);
  const out = {
    column: [m[0] + parseFloat(style.paddingLeft), m[2] - parseFloat(style.paddingRight)],
    charts: [],
  };
  for (const svg of document.querySelectorAll('figure svg[role=img]')) {
    const drawn = [...svg.querySelectorAll('*')].filter(
      e => !['title', 'g', 'desc'].includes(e.tagName) && e.getClientRects().length);
    // A line's box has no width of its own: its stroke gives it one.
    const boxes = drawn.map(e => {
      const b = box(e);
      const half = e.tagName === 'line' ? parseFloat(getComputedStyle(e).strokeWidth) / 2 : 0;
      return [b[0] - half, b[1] - half, b[2] + half, b[3] + half];
    });
    const ink = boxes.reduce((u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]),
                                        Math.max(u[2], b[2]), Math.max(u[3], b[3])]);
    const labels = [];
    drawn.forEach((e, i) => {
      if (e.tagName !== 'text') return;
      labels.push({text: e.textContent, box: boxes[i], clip: clip(e),
        covered: drawn.slice(i + 1).filter((f, j) => f.tagName !== 'text' && paints(f)
          && meets(boxes[i], boxes[i + 1 + j])).map(f => f.tagName),
        overlaps: drawn.filter((f, j) => f !== e && f.tagName === 'text'
          && meets(boxes[i], boxes[j])).map(f => f.textContent)});
    });
    out.charts.push({title: svg.getAttribute('aria-label'), fluid: !!svg.closest('figure.chart'),
                     box: box(svg), ink: ink, labels: labels});
  }
  const pre = document.createElement('pre');
  pre.id = 'svccheck-layout';
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
})();
