// ImagePrep Studio. The page draws vector shapes and shows what the server says: the server normalizes the
// uploads, renders the mask with the library's exact rasterizer, runs the bundle rules, submits and keeps
// the history. Shapes are kept in the ORIGINAL photo's upright frame and projected onto the base with the
// transform the server returns, so a new size or fit re-projects them.
'use strict';

const el = (id) => document.getElementById(id);
const S = {
  config: null, model: null, uploads: [], shapes: [], undo: [], redo: [], tool: 'rect', zoom: 1,
  selected: -1, draft: null, drag: null, gen: 0, maskTimer: 0, checkTimer: 0, checkErrors: 1, maskData: null,
  spaceDown: false, nextID: 1, historyTimer: 0, submitting: false,
};

// MARK: server

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : await response.blob();
  if (!response.ok) throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  return body;
}
const postJSON = (path, value) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
const profile = () => S.config.models.find((m) => m.model === S.model);
const photo = () => S.uploads[0];
function status(text) { el('status').textContent = text; }

// MARK: geometry (original frame ⇄ base pixels)

function fwd(p) { const t = photo().transform; return [t.a * p[0] + t.c * p[1] + t.tx, t.b * p[0] + t.d * p[1] + t.ty]; }
function inv(p) {
  const t = photo().transform, det = t.a * t.d - t.b * t.c;
  const x = p[0] - t.tx, y = p[1] - t.ty;
  return [(t.d * x - t.c * y) / det, (-t.b * x + t.a * y) / det];
}
function invLinear(v) { const o = inv([0, 0]), q = inv(v); return [q[0] - o[0], q[1] - o[1]]; }
function scale() { const t = photo().transform; return Math.sqrt(Math.abs(t.a * t.d - t.b * t.c)); }
const r3 = (v) => Math.round(v * 1000) / 1000;

/// A shape of the page (original frame) as shapes/1 entries in base pixels.
function toBase(s) {
  const op = s.op;
  if (s.type === 'rect') {
    const a = fwd([s.x, s.y]), b = fwd([s.x + s.w, s.y + s.h]);
    return { type: 'rect', x: r3(Math.min(a[0], b[0])), y: r3(Math.min(a[1], b[1])), width: r3(Math.abs(b[0] - a[0])), height: r3(Math.abs(b[1] - a[1])), op };
  }
  if (s.type === 'ellipse') {
    const t = photo().transform, c = fwd([s.cx, s.cy]);
    return { type: 'ellipse', cx: r3(c[0]), cy: r3(c[1]), rx: r3(s.rx * Math.hypot(t.a, t.b)), ry: r3(s.ry * Math.hypot(t.c, t.d)), op };
  }
  if (s.type === 'polygon') return { type: 'polygon', points: s.points.map((p) => fwd(p).map(r3)), op };
  // A brush stroke: a disc at every point and a band between consecutive points, one multipolygon.
  const r = s.r * scale(), pts = s.points.map(fwd), polygons = [];
  const disc = (c) => Array.from({ length: 24 }, (_, i) => [r3(c[0] + r * Math.cos(i * Math.PI / 12)), r3(c[1] + r * Math.sin(i * Math.PI / 12))]);
  pts.forEach((p, i) => {
    polygons.push({ points: disc(p) });
    if (i === 0) return;
    const q = pts[i - 1], len = Math.hypot(p[0] - q[0], p[1] - q[1]);
    if (len < 1e-6) return;
    const nx = -(p[1] - q[1]) / len * r, ny = (p[0] - q[0]) / len * r;
    polygons.push({ points: [[q[0] + nx, q[1] + ny], [p[0] + nx, p[1] + ny], [p[0] - nx, p[1] - ny], [q[0] - nx, q[1] - ny]].map((v) => v.map(r3)) });
  });
  return { type: 'multipolygon', polygons, op };
}

function shapesDocument() {
  return JSON.stringify({ imageprep: 'shapes/1', units: 'px', frame: 'base', shapes: S.shapes.map(toBase) });
}

// MARK: history of edits (undo/redo)

function snapshot() { return JSON.stringify({ shapes: S.shapes, invert: el('invert').checked }); }
function remember() { S.undo.push(snapshot()); S.redo = []; updateButtons(); }
function restore(text) {
  const state = JSON.parse(text);
  S.shapes = state.shapes; el('invert').checked = state.invert; S.selected = -1;
  changed();
}
function undo() { if (!S.undo.length) return; S.redo.push(snapshot()); restore(S.undo.pop()); }
function redo() { if (!S.redo.length) return; S.undo.push(snapshot()); restore(S.redo.pop()); }
function changed() { draw(); scheduleMask(); updateButtons(); }

// MARK: mask (rendered by the server, debounced)

function scheduleMask() {
  clearTimeout(S.maskTimer);
  if (!photo()) return;
  document.body.dataset.maskState = 'pending';
  S.maskTimer = setTimeout(sendMask, 150);
}

async function sendMask() {
  const gen = ++S.gen;
  const query = new URLSearchParams({ grow: el('grow').value, shrink: el('shrink').value, feather: el('feather').value,
    invert: el('invert').checked ? '1' : '0', polarity: el('polarity').value });
  if (!S.shapes.length) query.set('clear', '1');
  try {
    const summary = await api('/api/mask?' + query, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: S.shapes.length ? shapesDocument() : '' });
    if (gen !== S.gen) return;
    if (summary.shapes > 0) {
      const blob = await api('/api/mask.png?g=' + gen);
      if (gen !== S.gen) return;
      const bitmap = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bitmap.width, bitmap.height), ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      S.maskData = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      el('mask-info').textContent = `edit ${summary.edit.toLocaleString()} px · soft ${summary.partial.toLocaleString()} px · ${summary.bytes.toLocaleString()} bytes` +
        (summary.warnings.length ? ' · ' + summary.warnings.join('; ') : '');
    } else {
      S.maskData = null;
      el('mask-info').textContent = 'no mask: the whole image may change';
    }
    paintOverlay();
    setExport(summary.shapes > 0);
    document.body.dataset.maskState = 'ready';
    document.body.dataset.maskGen = String(gen);
  } catch (error) {
    if (gen !== S.gen) return;
    document.body.dataset.maskState = 'error';
    S.maskData = null; paintOverlay(); setExport(false);
    el('mask-info').textContent = error.message;
  }
  scheduleCheck();
}

function setExport(on) { for (const id of ['export-mask', 'export-shapes']) el(id).classList.toggle('disabled', !on); }

/// Tints the edit region of the server's mask: coverage read back per the polarity.
function paintOverlay() {
  const canvas = el('overlay'), p = photo();
  if (!p) return;
  canvas.width = p.width; canvas.height = p.height;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const data = S.maskData;
  if (!data || data.width !== p.width || data.height !== p.height) return;
  const out = ctx.createImageData(data.width, data.height), src = data.data, dst = out.data;
  const polarity = el('polarity').value, opacity = el('opacity').value / 100;
  for (let i = 0; i < src.length; i += 4) {
    const e = polarity === 'transparent' ? 1 - src[i + 3] / 255 : polarity === 'white' ? src[i] / 255 : 1 - src[i] / 255;
    dst[i] = 255; dst[i + 1] = 40; dst[i + 2] = 90; dst[i + 3] = Math.round(e * opacity * 255);
  }
  ctx.putImageData(out, 0, 0);
}

// MARK: drawing

function layout() {
  const p = photo();
  el('stage').hidden = !p; el('empty').hidden = !!p;
  if (!p) return;
  const w = p.width * S.zoom, h = p.height * S.zoom;
  for (const id of ['base', 'overlay', 'draw']) { el(id).style.width = w + 'px'; el(id).style.height = h + 'px'; }
  el('stage').style.width = w + 'px'; el('stage').style.height = h + 'px';
  el('base').classList.toggle('pixelated', S.zoom >= 2);
  el('zoom-label').textContent = Math.round(S.zoom * 100) + ' %';
  draw();
}

function outline(ctx, s) {
  const b = toBase(s);
  ctx.beginPath();
  if (b.type === 'rect') ctx.rect(b.x, b.y, b.width, b.height);
  else if (b.type === 'ellipse') ctx.ellipse(b.cx, b.cy, b.rx, b.ry, 0, 0, 2 * Math.PI);
  else if (b.type === 'polygon') { b.points.forEach((q, i) => (i ? ctx.lineTo(...q) : ctx.moveTo(...q))); ctx.closePath(); }
  else {
    const pts = s.points.map(fwd), r = s.r * scale();
    pts.forEach((q, i) => (i ? ctx.lineTo(...q) : ctx.moveTo(...q)));
    ctx.save(); ctx.lineWidth = 2 * r; ctx.lineCap = 'round'; ctx.lineJoin = 'round';
    ctx.strokeStyle = s.op === 'subtract' ? 'rgba(80,160,255,.25)' : 'rgba(255,255,255,.18)'; ctx.stroke(); ctx.restore();
    return;
  }
  ctx.stroke();
}

function draw() {
  const p = photo(), canvas = el('draw');
  if (!p) return;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(p.width * S.zoom * dpr); canvas.height = Math.round(p.height * S.zoom * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(S.zoom * dpr, 0, 0, S.zoom * dpr, 0, 0);
  ctx.lineWidth = 1.5 / S.zoom;
  S.shapes.forEach((s, i) => {
    ctx.strokeStyle = i === S.selected ? '#ffd84c' : s.op === 'subtract' ? '#50a0ff' : '#ffffff';
    ctx.setLineDash(s.op === 'subtract' ? [6 / S.zoom, 4 / S.zoom] : []);
    outline(ctx, s);
  });
  if (S.draft) {
    ctx.strokeStyle = '#4c9aff'; ctx.setLineDash([4 / S.zoom, 3 / S.zoom]);
    if (S.draft.type === 'polygon') {
      const pts = S.draft.points.map(fwd).concat(S.draft.hover ? [fwd(S.draft.hover)] : []);
      ctx.beginPath(); pts.forEach((q, i) => (i ? ctx.lineTo(...q) : ctx.moveTo(...q))); ctx.stroke();
      ctx.setLineDash([]);
      for (const q of S.draft.points.map(fwd)) { ctx.fillStyle = '#4c9aff'; ctx.fillRect(q[0] - 3 / S.zoom, q[1] - 3 / S.zoom, 6 / S.zoom, 6 / S.zoom); }
    } else if (validShape(S.draft)) outline(ctx, S.draft);
  }
}

/// The base pixel under a pointer event.
function basePoint(event) {
  const rect = el('draw').getBoundingClientRect();
  return [(event.clientX - rect.left) / S.zoom, (event.clientY - rect.top) / S.zoom];
}

function validShape(s) {
  if (s.type === 'rect') return s.w * scale() >= 1 && s.h * scale() >= 1;
  if (s.type === 'ellipse') return s.rx * scale() >= 0.5 && s.ry * scale() >= 0.5;
  if (s.type === 'polygon') return s.points.length >= 3;
  return s.points.length >= 1;
}

function hit(point) {
  const o = inv(point);
  for (let i = S.shapes.length - 1; i >= 0; i--) {
    const s = S.shapes[i];
    if (s.type === 'rect' && o[0] >= s.x && o[0] <= s.x + s.w && o[1] >= s.y && o[1] <= s.y + s.h) return i;
    if (s.type === 'ellipse' && ((o[0] - s.cx) / s.rx) ** 2 + ((o[1] - s.cy) / s.ry) ** 2 <= 1) return i;
    if (s.type === 'polygon' && inside(o, s.points)) return i;
    if (s.type === 'stroke' && s.points.some((q) => Math.hypot(q[0] - o[0], q[1] - o[1]) <= s.r)) return i;
  }
  return -1;
}

function inside(p, pts) {
  let c = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < (xj - xi) * (p[1] - yi) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function moveShape(s, d) {
  const m = (q) => [q[0] + d[0], q[1] + d[1]];
  if (s.type === 'rect') { s.x += d[0]; s.y += d[1]; } else if (s.type === 'ellipse') { s.cx += d[0]; s.cy += d[1]; } else s.points = s.points.map(m);
}

function commit(shape) {
  if (!validShape(shape)) return;
  delete shape.hover;
  remember();
  shape.id = S.nextID++;
  S.shapes.push(shape);
  changed();
}

function closePolygon() {
  const d = S.draft;
  if (!d || d.type !== 'polygon') return;
  const pts = [];
  for (const q of d.points) {
    const last = pts[pts.length - 1];
    if (!last || Math.hypot(q[0] - last[0], q[1] - last[1]) * scale() > 0.5) pts.push(q);
  }
  S.draft = null;
  commit({ type: 'polygon', op: d.op, points: pts });
  draw();
}

function onPointerDown(event) {
  if (!photo() || event.button !== 0) return;
  el('viewport').focus({ preventScroll: true });
  if (S.spaceDown) { S.drag = { pan: true, x: event.clientX, y: event.clientY }; return; }
  event.preventDefault();
  el('draw').setPointerCapture?.(event.pointerId);
  const b = basePoint(event), o = inv(b);
  const op = event.altKey || el('subtract').checked ? 'subtract' : 'add';
  if (S.tool === 'polygon') {
    if (!S.draft) S.draft = { type: 'polygon', op, points: [] };
    S.draft.points.push(o);
  } else if (S.tool === 'select') {
    S.selected = hit(b);
    if (S.selected >= 0) { remember(); S.drag = { move: true, last: o }; }
    updateButtons();
  } else if (S.tool === 'brush' || S.tool === 'eraser') {
    S.draft = { type: 'stroke', op: S.tool === 'eraser' ? 'subtract' : 'add', r: el('brush-size').value / 2 / scale(), points: [o] };
    S.drag = { stroke: true };
  } else {
    S.drag = { start: o, op };
    S.draft = null;
  }
  draw();
}

function onPointerMove(event) {
  if (!photo()) return;
  const d = S.drag;
  if (d && d.pan) {
    el('viewport').scrollLeft -= event.clientX - d.x; el('viewport').scrollTop -= event.clientY - d.y;
    d.x = event.clientX; d.y = event.clientY; return;
  }
  const o = inv(basePoint(event));
  if (S.draft && S.draft.type === 'polygon') { S.draft.hover = o; draw(); return; }
  if (!d) return;
  if (d.move) {
    moveShape(S.shapes[S.selected], [o[0] - d.last[0], o[1] - d.last[1]]); d.last = o; d.moved = true; draw(); return;
  }
  if (d.stroke) {
    const last = S.draft.points[S.draft.points.length - 1];
    if (Math.hypot(o[0] - last[0], o[1] - last[1]) >= S.draft.r / 3) S.draft.points.push(o);
    draw(); return;
  }
  const [x0, y0] = d.start;
  S.draft = S.tool === 'rect'
    ? { type: 'rect', op: d.op, x: Math.min(x0, o[0]), y: Math.min(y0, o[1]), w: Math.abs(o[0] - x0), h: Math.abs(o[1] - y0) }
    : { type: 'ellipse', op: d.op, cx: (x0 + o[0]) / 2, cy: (y0 + o[1]) / 2, rx: Math.abs(o[0] - x0) / 2, ry: Math.abs(o[1] - y0) / 2 };
  draw();
}

function onPointerUp(event) {
  const d = S.drag;
  S.drag = null;
  if (!d || d.pan) return;
  if (d.move) { if (d.moved) changed(); else S.undo.pop(); return; }
  onPointerMove(event);
  if (S.draft && S.draft.type !== 'polygon') { const shape = S.draft; S.draft = null; commit(shape); }
  draw();
}

function deleteSelected() {
  if (S.selected < 0) return;
  remember(); S.shapes.splice(S.selected, 1); S.selected = -1; changed();
}

// MARK: view

function setZoom(zoom, anchor) {
  const vp = el('viewport'), old = S.zoom;
  S.zoom = Math.min(32, Math.max(0.05, zoom));
  layout();
  if (anchor) {
    const rect = vp.getBoundingClientRect();
    const ax = anchor[0] - rect.left, ay = anchor[1] - rect.top;
    vp.scrollLeft = (vp.scrollLeft + ax) * S.zoom / old - ax;
    vp.scrollTop = (vp.scrollTop + ay) * S.zoom / old - ay;
  }
}
function zoomFit() {
  const p = photo();
  if (!p) return;
  const vp = el('viewport');
  setZoom(Math.min((vp.clientWidth - 24) / p.width, (vp.clientHeight - 24) / p.height));
}

function setTool(tool) {
  if (S.draft && S.draft.type === 'polygon' && tool !== 'polygon') S.draft = null;
  S.tool = tool;
  document.querySelectorAll('[data-tool]').forEach((b) => b.classList.toggle('active', b.dataset.tool === tool));
  draw();
}

function updateButtons() {
  el('undo').disabled = !S.undo.length; el('redo').disabled = !S.redo.length;
  el('delete').disabled = S.selected < 0; el('clear').disabled = !S.shapes.length;
  el('submit').disabled = S.submitting || !photo() || S.checkErrors > 0 || ['pending', 'error'].includes(document.body.dataset.maskState);
}

function onKey(event) {
  const target = event.target;
  if (target.matches && target.matches('input, textarea, select')) return;
  const key = event.key.toLowerCase(), mod = event.ctrlKey || event.metaKey;
  if (mod && key === 'z') { event.preventDefault(); event.shiftKey ? redo() : undo(); return; }
  if (mod && key === 'y') { event.preventDefault(); redo(); return; }
  if (mod) return;
  if (key === ' ') { event.preventDefault(); S.spaceDown = true; el('viewport').classList.add('panning'); return; }
  if (key === 'enter') { closePolygon(); return; }
  if (key === 'escape') { S.draft = null; draw(); return; }
  if (key === 'backspace' && S.draft && S.draft.type === 'polygon') { event.preventDefault(); S.draft.points.pop(); if (!S.draft.points.length) S.draft = null; draw(); return; }
  if (key === 'delete' || key === 'backspace') { event.preventDefault(); deleteSelected(); return; }
  const tools = { v: 'select', r: 'rect', e: 'ellipse', p: 'polygon', b: 'brush', x: 'eraser' };
  if (tools[key]) { setTool(tools[key]); return; }
  if (key === 'i') { el('invert').click(); return; }
  if (key === 'f') { zoomFit(); return; }
  if (key === '1') { setZoom(1); return; }
  if (key === '+' || key === '=') { setZoom(S.zoom * 1.25); return; }
  if (key === '-') { setZoom(S.zoom / 1.25); }
}

// MARK: uploads

function fileItem(name) {
  const li = document.createElement('li');
  li.textContent = name + ' — uploading…';
  el('files').append(li);
  return li;
}

function describe(upload, index) {
  const rotated = upload.orientation > 1 ? ` · EXIF orientation ${upload.orientation} applied` : '';
  return `${upload.name} → ${upload.width}×${upload.height} PNG (from ${upload.originalWidth}×${upload.originalHeight}${rotated})`;
}

function renderFiles(refused = []) {
  const list = el('files');
  list.replaceChildren();
  S.uploads.forEach((u, i) => {
    const li = document.createElement('li');
    li.dataset.uploadId = u.id;
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = i === 0 ? 'photo (mask) · ' : `reference ${i + 1} · `;
    const remove = document.createElement('button');
    remove.textContent = '×'; remove.title = 'Remove'; remove.addEventListener('click', () => removeUpload(u.id));
    li.append(remove, role, describe(u, i));
    list.append(li);
  });
  for (const text of refused) {
    const li = document.createElement('li');
    li.className = 'refused'; li.textContent = text; list.append(li);
  }
}

async function uploadFiles(files) {
  const limits = profile(), refused = [];
  for (const file of files) {
    const item = fileItem(file.name);
    const ext = (file.name.split('.').pop() || '').toLowerCase();
    try {
      if (S.uploads.length >= limits.maxImages) throw new Error(`${S.model} takes at most ${limits.maxImages} images`);
      if (file.size > limits.maxBytes) throw new Error(`${file.size.toLocaleString()} bytes, over the ${limits.maxBytes.toLocaleString()}-byte limit of ${S.model}`);
      const reply = await api('/api/uploads?name=' + encodeURIComponent(file.name), { method: 'POST', body: file });
      const first = !photo();
      S.uploads = reply.state.uploads;
      if (first) await newBase(true);
    } catch (error) {
      refused.push(`${file.name}: ${error.message}` + (limits.extensions.includes(ext) ? '' : ` (accepted: ${limits.extensions.join(', ')})`));
    }
    item.remove();
  }
  renderFiles(refused);
  scheduleCheck();
}

async function removeUpload(id) {
  const wasPhoto = photo() && photo().id === id;
  const state = await api('/api/uploads/' + id, { method: 'DELETE' });
  S.uploads = state.uploads;
  if (wasPhoto) { S.shapes = []; S.undo = []; S.redo = []; await newBase(true); }
  renderFiles(); scheduleCheck();
}

/// Shows the photo's (new) base; shapes stay in the original frame and are re-projected.
async function newBase(fit) {
  S.maskData = null; paintOverlay(); setExport(false);
  const p = photo();
  if (p) {
    await new Promise((resolve) => { el('base').onload = resolve; el('base').onerror = resolve; el('base').src = `/api/uploads/${p.id}/base.png?v=${Date.now()}`; });
    el('base-info').textContent = `base ${p.width}×${p.height}`;
  }
  layout();
  if (fit) zoomFit();
  scheduleMask(); updateButtons();
}

// MARK: check, submit, history

function scheduleCheck() { clearTimeout(S.checkTimer); S.checkTimer = setTimeout(runCheck, 200); }

function requestOptions() { return { prompt: el('prompt').value, n: Number(el('n').value) }; }

async function runCheck() {
  const max = profile().promptMax;
  el('prompt-count').textContent = `${el('prompt').value.length} / ${max} characters`;
  try {
    const reply = await postJSON('/api/check', requestOptions());
    S.checkErrors = reply.errors;
    const list = el('checks');
    list.replaceChildren();
    const warnings = reply.issues.length - reply.errors, summary = document.createElement('li');
    summary.className = 'summary ' + (reply.errors ? 'error' : '');
    summary.textContent = reply.errors ? `${reply.errors} error${reply.errors > 1 ? 's' : ''}: Submit is disabled until fixed.`
      : 'All rules pass.' + (warnings ? ` ${warnings} warning${warnings > 1 ? 's' : ''}.` : '');
    list.append(summary);
    for (const issue of reply.issues) {
      const li = document.createElement('li');
      li.className = issue.severity; li.dataset.rule = issue.rule;
      const code = document.createElement('code'); code.textContent = `${issue.severity} ${issue.rule} `;
      li.append(code, `${issue.file ? issue.file.split('/').pop() + ': ' : ''}${issue.message}`);
      if (issue.hint) { const hint = document.createElement('span'); hint.className = 'hint'; hint.textContent = issue.hint; li.append(hint); }
      list.append(li);
    }
  } catch (error) { S.checkErrors = 1; status(error.message); }
  updateButtons();
}

async function submit() {
  S.submitting = true; updateButtons(); status('submitting…');
  try {
    const entry = await postJSON('/api/submit', requestOptions());
    status(`task #${entry.localID} submitted (${entry.taskID || 'pending'})`);
  } catch (error) { status('not submitted: ' + error.message); }
  S.submitting = false; updateButtons(); refreshHistory();
}

async function refreshHistory() {
  clearTimeout(S.historyTimer);
  let open = false;
  try {
    const reply = await api('/api/history');
    el('history-summary').textContent = reply.summary;
    open = reply.running > 0;
    const list = el('history');
    list.replaceChildren(...reply.entries.map(historyItem));
  } catch (error) { el('history-summary').textContent = error.message; }
  S.historyTimer = setTimeout(refreshHistory, open ? 1000 : 5000);
}

function historyItem(e) {
  const li = document.createElement('li');
  li.className = e.status; li.dataset.localId = e.localID;
  const head = document.createElement('div');
  const state = document.createElement('span'); state.className = 'state'; state.textContent = e.status;
  head.append(`#${e.localID} `, state, ` · ${e.model} · ${e.size || ''} · n=${e.n || 1} · ${new Date(e.createdAt).toLocaleString()}`);
  const prompt = document.createElement('div'); prompt.textContent = e.prompt;
  const inputs = document.createElement('div'); inputs.className = 'muted'; inputs.textContent = 'inputs: ' + e.inputs.join(', ');
  li.append(head, prompt, inputs);
  if (e.open) { const bar = document.createElement('progress'); bar.max = 100; bar.value = e.progress; li.append(bar); }
  if (e.error) { const err = document.createElement('div'); err.className = 'err'; err.textContent = (e.errorCode ? e.errorCode + ': ' : '') + e.error; li.append(err); }
  e.results.forEach((url, i) => {
    const img = document.createElement('img');
    img.src = url; img.alt = e.savedFiles[i]; img.title = 'saved as ' + e.savedFiles[i]; img.dataset.testid = 'result-image';
    li.append(img);
  });
  return li;
}

// MARK: start

function fillSelect(select, values, chosen) {
  select.replaceChildren(...values.map((v) => { const o = document.createElement('option'); o.value = o.textContent = String(v); return o; }));
  select.value = String(chosen);
}

function applyModel() {
  const m = profile();
  fillSelect(el('size'), m.sizes, el('size').value || 'auto');
  fillSelect(el('n'), m.n, m.n[0]);
  el('upload').accept = m.extensions.map((e) => '.' + e).join(',') + ',image/*';
  el('upload-limits').textContent = `${m.extensions.map((e) => e.toUpperCase()).join(', ')}; max ${(m.maxBytes / 1e6).toLocaleString()} MB each; max ${m.maxImages} files`;
  el('prompt').maxLength = m.promptMax * 2;
  updateCost();
}

/// Shown only when the configuration states a price; none is invented.
function updateCost() {
  const m = profile(), n = Number(el('n').value);
  el('cost').hidden = m.pricePerImage == null;
  if (m.pricePerImage == null) return;
  const usd = m.usdPerImage == null ? '' : ` ($${(m.usdPerImage * n).toFixed(4)})`;
  el('cost').textContent = `estimated cost: ${n} × ${m.pricePerImage.toLocaleString()} = ${(m.pricePerImage * n).toLocaleString()} credits${usd}`;
}

async function settings(change) {
  try {
    const state = await postJSON('/api/settings', change);
    S.uploads = state.uploads; S.model = state.model;
    renderFiles(); await newBase(false);
  } catch (error) { status(error.message); }
}

function wire() {
  document.querySelectorAll('[data-tool]').forEach((b) => b.addEventListener('click', () => setTool(b.dataset.tool)));
  const canvas = el('draw');
  canvas.addEventListener('pointerdown', onPointerDown);
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerup', onPointerUp);
  canvas.addEventListener('dblclick', (e) => { e.preventDefault(); closePolygon(); });
  el('viewport').addEventListener('wheel', (e) => { if (!photo()) return; e.preventDefault(); setZoom(S.zoom * Math.pow(1.0015, -e.deltaY), [e.clientX, e.clientY]); }, { passive: false });
  window.addEventListener('keydown', onKey);
  window.addEventListener('keyup', (e) => { if (e.key === ' ') { S.spaceDown = false; el('viewport').classList.remove('panning'); } });
  el('undo').addEventListener('click', undo); el('redo').addEventListener('click', redo);
  el('delete').addEventListener('click', deleteSelected);
  el('clear').addEventListener('click', () => { if (!S.shapes.length) return; remember(); S.shapes = []; S.selected = -1; changed(); });
  el('invert').addEventListener('click', () => { const now = el('invert').checked; el('invert').checked = !now; remember(); el('invert').checked = now; changed(); });
  for (const id of ['grow', 'shrink', 'feather']) {
    el(id).addEventListener('input', () => { document.querySelector(`output[for=${id}]`).textContent = el(id).value + ' px'; scheduleMask(); });
  }
  el('polarity').addEventListener('change', scheduleMask);
  el('opacity').addEventListener('input', () => { document.querySelector('output[for=opacity]').textContent = el('opacity').value + ' %'; paintOverlay(); });
  el('zoom-fit').addEventListener('click', zoomFit);
  el('zoom-100').addEventListener('click', () => setZoom(1));
  el('upload').addEventListener('change', () => { const files = [...el('upload').files]; el('upload').value = ''; uploadFiles(files); });
  const drop = el('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); uploadFiles([...e.dataTransfer.files]); });
  el('prompt').addEventListener('input', scheduleCheck);
  el('n').addEventListener('change', () => { updateCost(); scheduleCheck(); });
  el('size').addEventListener('change', () => settings({ size: el('size').value }));
  el('model').addEventListener('change', async () => { S.model = el('model').value; applyModel(); await settings({ model: S.model }); scheduleCheck(); });
  el('submit').addEventListener('click', submit);
  window.addEventListener('resize', () => draw());
}

async function start() {
  wire();
  setTool('rect');
  S.config = await api('/api/config');
  S.model = S.config.model;
  el('target').textContent = S.config.target === 'sandbox' ? 'sandbox' : 'API';
  fillSelect(el('model'), S.config.models.map((m) => m.model), S.model);
  el('size').value = '';
  applyModel();
  el('size').value = S.config.state.size;
  S.uploads = S.config.state.uploads;
  renderFiles();
  if (photo()) await newBase(true);
  updateButtons(); scheduleCheck(); refreshHistory();
  document.body.dataset.ready = '1';
}

start().catch((error) => status(error.message));
