(function () {
  'use strict';
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var tParsed = performance.now();
  var SVG = 'http://www.w3.org/2000/svg';
  var STATUS = { source: 'source', credited: 'credits its source', credits_other: 'credits another source',
    unattributed: 'unattributed', unknown: 'attribution unknown' };

  function add(el, kids) {
    if (kids == null) return el;
    if (!Array.isArray(kids)) kids = [kids];
    for (var i = 0; i < kids.length; i++) {
      var k = kids[i];
      if (k == null || k === false) continue;
      if (Array.isArray(k)) { add(el, k); continue; }
      el.appendChild(typeof k === 'object' ? k : document.createTextNode(String(k)));
    }
    return el;
  }
  // Builds an element; text always goes in as text nodes, never as markup.
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v; else el.setAttribute(k, v === true ? '' : String(v));
    }
    return add(el, kids);
  }
  function s(tag, attrs, kids) {
    var el = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) el.setAttribute(k, String(attrs[k]));
    return add(el, kids);
  }
  function safeUrl(u) { return typeof u === 'string' && /^https?:\/\/\S+$/i.test(u) ? u : null; }
  function ext(u, label) {
    var url = safeUrl(u);
    return url ? h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, label || url) : null;
  }
  function pct(x) { return x == null ? '–' : (x * 100).toFixed(0) + ' %'; }
  function day(t) {
    var d = new Date(Math.round(t * 86400000));
    return isNaN(d.getTime()) ? '?' : d.toISOString().slice(0, 10);
  }
  function badge(st) { return h('span', { class: 'badge st-' + st }, STATUS[st] || st); }
  function cut(text, n) { return text.length > n ? text.slice(0, n) + '…' : text; }
  function join(xs) { return xs.filter(function (x) { return x; }).join(' · '); }

  // ---- timeline (inline SVG) ----
  function timeline(items) {
    // items: {label, t:[start,end]|null, cls}
    var dated = items.filter(function (x) { return x.t; });
    var undated = items.filter(function (x) { return !x.t; });
    var box = h('div', { class: 'timeline-box' });
    if (dated.length) {
      var shown = dated.slice(0, 60);
      var lo = Infinity, hi = -Infinity;
      shown.forEach(function (x) { lo = Math.min(lo, x.t[0]); hi = Math.max(hi, x.t[1]); });
      if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
      var W = 760, L = 200, R = 20, row = 16, top = 8;
      var H = top + shown.length * row + 24;
      var x = function (t) { return L + (t - lo) / (hi - lo) * (W - L - R); };
      var g = s('svg', { class: 'timeline', viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img' });
      add(g, s('title', {}, 'Timeline from ' + day(lo) + ' to ' + day(hi)));
      shown.forEach(function (it, i) {
        var y = top + i * row;
        add(g, s('text', { x: 0, y: y + 11 }, cut(it.label, 30)));
        var x0 = x(it.t[0]), x1 = x(it.t[1]);
        if (x1 - x0 < 3) {
          add(g, s('circle', { cx: x0, cy: y + 7, r: 4, class: 'point ' + (it.cls || '') }, s('title', {}, it.tip || it.label)));
        } else {
          add(g, s('rect', { x: x0, y: y + 2, width: x1 - x0, height: 10, rx: 2, class: 'span ' + (it.cls || '') },
            s('title', {}, it.tip || it.label)));
        }
      });
      var ay = top + shown.length * row + 4;
      add(g, s('line', { x1: L, x2: W - R, y1: ay, y2: ay, class: 'axis' }));
      add(g, s('text', { x: L, y: ay + 14 }, day(lo)));
      add(g, s('text', { x: W - R, y: ay + 14, 'text-anchor': 'end' }, day(hi)));
      add(box, g);
      if (dated.length > shown.length) add(box, h('p', { class: 'muted' }, (dated.length - shown.length) + ' more dated documents not drawn'));
    }
    if (undated.length) {
      add(box, h('p', { class: 'warn' }, 'Undated or unreadable date: ' + undated.map(function (x) { return x.label; }).join(', ')));
    }
    return box;
  }

  // ---- a paged, filterable list ----
  function pagedList(root, items, opts) {
    var size = D.page, page = 0, query = '', extra = false, hay = [];
    var controls = h('div', { class: 'controls' });
    var input = h('input', { type: 'search', placeholder: opts.placeholder, 'aria-label': opts.placeholder });
    add(controls, input);
    var box = null;
    if (opts.extraLabel) {
      box = h('input', { type: 'checkbox' });
      add(controls, h('label', {}, [box, ' ' + opts.extraLabel]));
    }
    var info = h('span', { class: 'muted' });
    var prev = h('button', { type: 'button' }, '‹ previous');
    var next = h('button', { type: 'button' }, 'next ›');
    var pager = h('div', { class: 'pager' }, [prev, info, next]);
    var list = h('div', { class: 'list' });
    add(root, [controls, pager, list]);
    function haystack(i) {
      if (hay[i] === undefined) hay[i] = opts.haystack(items[i]).toLowerCase();
      return hay[i];
    }
    function matches() {
      var q = query.toLowerCase().trim(), out = [];
      for (var i = 0; i < items.length; i++) {
        if (extra && !opts.extra(items[i])) continue;
        if (q && haystack(i).indexOf(q) < 0) continue;
        out.push(i);
      }
      return out;
    }
    var current = [];
    function render() {
      current = matches();
      var pages = Math.max(1, Math.ceil(current.length / size));
      page = Math.min(Math.max(page, 0), pages - 1);
      list.textContent = '';
      var slice = current.slice(page * size, page * size + size);
      slice.forEach(function (i) { add(list, opts.render(items[i], i)); });
      info.textContent = 'page ' + (page + 1) + ' of ' + pages + ' · ' + current.length + ' of ' + items.length + ' ' + opts.noun;
      prev.disabled = page === 0; next.disabled = page >= pages - 1;
    }
    input.addEventListener('input', function () { query = input.value; page = 0; render(); });
    if (box) box.addEventListener('change', function () { extra = box.checked; page = 0; render(); });
    prev.addEventListener('click', function () { page--; render(); });
    next.addEventListener('click', function () { page++; render(); });
    render();
    return {
      // Shows item i (clearing filters that hide it) and returns its element.
      reveal: function (i) {
        if (current.indexOf(i) < 0) { query = ''; input.value = ''; extra = false; if (box) box.checked = false; }
        current = matches();
        page = Math.floor(current.indexOf(i) / size);
        render();
        return document.getElementById(opts.idOf(items[i]));
      },
      find: function (q, onlyExtra) {
        query = q; input.value = q; extra = !!onlyExtra; if (box) box.checked = extra; page = 0; render();
        root.scrollIntoView();
      }
    };
  }

  function lazyDetails(id, summaryKids, build) {
    var d = h('details', { class: 'item', id: id }, h('summary', {}, summaryKids));
    var built = false;
    d.addEventListener('toggle', function () {
      if (d.open && !built) { built = true; add(d, h('div', { class: 'body' }, build())); }
    });
    return d;
  }

  // ---- clusters ----
  function plabel(p) { return join([p.outlet, p.doc, p.date]); }
  function plink(p) { return h('a', { href: '#p-' + p.uid }, plabel(p)); }

  // segs: [0, nl, nr] equal, [1, nl] left only, [2, nr] right only; lengths
  // in UTF-16 units into the left text lt and the right text rt.
  function diffSides(segs, lt, rt) {
    var l = h('div', {}), r = h('div', {}), i = 0, j = 0;
    segs.forEach(function (sg) {
      if (sg[0] === 0) { add(l, lt.slice(i, i + sg[1])); add(r, rt.slice(j, j + sg[2])); i += sg[1]; j += sg[2]; }
      else if (sg[0] === 1) { add(l, h('del', {}, lt.slice(i, i + sg[1]))); i += sg[1]; }
      else { add(r, h('ins', {}, rt.slice(j, j + sg[1]))); j += sg[1]; }
    });
    return [l, r];
  }

  function clusterBody(c) {
    var out = [];
    c.notes.forEach(function (n) { out.push(h('p', { class: 'warn' }, n)); });
    out.push(h('h3', {}, 'Timeline'));
    out.push(timeline(c.p.map(function (p, i) {
      return { label: p.outlet || p.doc, t: p.t, tip: plabel(p) + ' — ' + (STATUS[p.st] || ''),
        cls: i === c.src ? 'src' : (p.st === 'unattributed' || p.st === 'credits_other' ? 'un' : '') };
    })));
    out.push(h('h3', {}, 'Copy tree'));
    if (!c.e.length) out.push(h('p', { class: 'muted' }, 'No copy edges were decided for this cluster.'));
    var ul = h('ul', { class: 'tree' });
    c.tree.forEach(function (row) {
      var p = c.p[row[0]], li = h('li', {}, [plink(p), badge(p.st)]);
      li.style.paddingLeft = Math.min(row[1], 20) * 1.4 + 'em';
      if (row[2] != null) {
        var e = c.e[row[2]], par = c.p[e.p];
        add(li, [' ← copied from ', plink(par), e.conf == null ? ' (confidence unknown)' : ' (confidence ' + e.conf.toFixed(2) + ')']);
        if (e.warn) add(li, h('span', { class: 'warn' }, ' ⚠ ' + e.warn));
        if (e.ev.length) {
          var ev = h('ul', { class: 'ev' });
          e.ev.forEach(function (x) { add(ev, h('li', {}, [h('b', {}, x[0] + ': '), x[1]])); });
          add(li, ev);
        }
      }
      add(ul, li);
    });
    out.push(ul);
    out.push(h('h3', {}, 'Passages (' + c.n + ')'));
    c.p.forEach(function (p) {
      var head = h('div', {}, [h('b', {}, p.outlet || '(no outlet)'), ' · ', p.doc, ' · ',
        p.date ? p.date + (p.prec ? ' (' + p.prec + ')' : '') : h('span', { class: 'warn' }, 'no date'),
        badge(p.st)]);
      if (p.title) add(head, [' · ', h('i', {}, p.title)]);
      var meta = h('div', { class: 'muted' }, ['characters ' + p.b + '–' + p.e]);
      var link = ext(p.url);
      if (link) add(meta, [' · ', link]); else if (p.raw_url) add(meta, [' · URL not linked: ', p.raw_url]);
      if (p.credit || p.credited) add(meta, [' · credit: ', p.credit || '', p.credited ? ' → ' + p.credited : '']);
      out.push(h('div', { class: 'passage', id: 'p-' + p.uid }, [head, meta,
        h('blockquote', {}, p.text + (p.cut ? ' [cut]' : ''))]));
    });
    if (c.more_p) out.push(h('p', { class: 'muted' }, c.more_p + ' more passages not listed'));
    if (c.pairs.length) {
      out.push(h('h3', {}, 'Aligned passages'));
      var box = h('div', {});
      var shown = 0;
      var more = h('button', { type: 'button' });
      var showSome = function () {
        c.pairs.slice(shown, shown + 5).forEach(function (pr) {
          var a = c.p[pr.a], b = c.p[pr.b];
          add(box, h('div', { class: 'muted' }, [plink(a), ' ↔ ', plink(b),
            pr.score != null ? ' · score ' + pr.score.toFixed(2) : '', pr.mw != null ? ' · ' + pr.mw + ' matched words' : '',
            pr.cut ? ' · texts cut for display' : '']));
          add(box, h('div', { class: 'sbs pair' }, diffSides(pr.d, pr.at != null ? pr.at : a.text, pr.bt != null ? pr.bt : b.text)));
        });
        shown = Math.min(c.pairs.length, shown + 5);
        more.hidden = shown >= c.pairs.length;
        more.textContent = 'show more pairs (' + (c.pairs.length - shown) + ' left)';
      };
      more.addEventListener('click', showSome);
      showSome();
      out.push(box, more);
    }
    if (c.more_pairs) out.push(h('p', { class: 'muted' }, c.more_pairs + ' more aligned pairs not shown'));
    return out;
  }

  var uidToCluster = {};
  D.clusters.forEach(function (c, i) { c.p.forEach(function (p) { if (!(p.uid in uidToCluster)) uidToCluster[p.uid] = i; }); });
  var idToCluster = {};
  D.clusters.forEach(function (c, i) { if (!(c.id in idToCluster)) idToCluster[c.id] = i; });

  var clusterList = pagedList(document.getElementById('cluster-list'), D.clusters, {
    placeholder: 'Filter clusters: outlet, document, title or text', noun: 'clusters',
    extraLabel: 'only clusters with unattributed copies', extra: function (c) { return c.un > 0; },
    idOf: function (c) { return 'c-' + c.id; },
    haystack: function (c) {
      return 'cluster ' + c.id + ' ' + c.outlets.join(' ') + ' ' +
        c.p.map(function (p) { return [p.doc, p.title || '', p.text].join(' '); }).join(' ');
    },
    render: function (c, i) {
      var sp = c.src != null ? c.p[c.src] : c.p[0];
      var sum = [h('b', {}, '#' + (i + 1) + ' · cluster ' + c.id), ' · ' + c.no + ' outlets · ' + c.nd + ' documents · ' + c.n + ' passages'];
      if (sp) sum.push(' · ' + (c.src != null ? 'source: ' : 'first: ') + join([sp.outlet || sp.doc, sp.date]));
      if (c.un) sum.push(h('span', { class: 'badge st-unattributed' }, c.un + ' unattributed'));
      if (sp) sum.push(h('span', { class: 'snippet' }, cut(sp.text, 200)));
      return lazyDetails('c-' + c.id, sum, function () { return clusterBody(c); });
    }
  });

  // ---- quotes, stories, narratives ----
  function docRow(d) {
    var where = d.cluster != null ? h('a', { href: '#c-' + d.cluster }, 'cluster ' + d.cluster) : null;
    return h('li', {}, [join([d.date || 'no date', d.outlet, d.doc]), d.title ? [' · ', h('i', {}, d.title)] : null,
      d.lang ? ' · ' + d.lang : null, d.url ? [' · ', ext(d.url, 'link')] : null, where ? [' · ', where] : null,
      d.story != null ? [' · ', h('a', { href: '#st-' + d.story }, 'story ' + d.story)] : null,
      d.stance ? [' · ', h('span', { class: 'badge' }, d.stance)] : null,
      d.stance_ev ? h('div', { class: 'muted quote-text' }, '“' + d.stance_ev + '”') : null]);
  }
  function docTimeline(docs) {
    return timeline(docs.map(function (d) { return { label: d.outlet || d.doc, t: d.t, tip: join([d.outlet, d.doc, d.date]) }; }));
  }
  var lists = {};
  var qroot = document.getElementById('quote-list');
  var quoteOwner = {};
  if (qroot) {
    D.quotes.forEach(function (sp, i) { sp.quotes.forEach(function (q) { quoteOwner[q.id] = i; }); });
    lists.quotes = pagedList(qroot, D.quotes, {
      placeholder: 'Filter speakers and quotes', noun: 'speakers', idOf: function (sp) { return 'sp-' + D.quotes.indexOf(sp); },
      haystack: function (sp) { return sp.name + ' ' + (sp.role || '') + ' ' + sp.quotes.map(function (q) { return q.text; }).join(' '); },
      render: function (sp, i) {
        return lazyDetails('sp-' + i, [h('b', {}, sp.name), sp.role ? ' · ' + sp.role : '', ' · ' + sp.quotes.length + ' quotes, ' + sp.n + ' appearances'], function () {
          return sp.quotes.map(function (q) {
            var ul = h('ul', {});
            q.apps.forEach(function (a) {
              var ev = a.passage != null ? h('a', { href: '#p-' + a.passage }, 'passage') : a.cluster != null ? h('a', { href: '#c-' + a.cluster }, 'cluster ' + a.cluster) : ext(a.url, 'link');
              var li = h('li', {}, [join([a.date || 'no date', a.outlet, a.doc]), a.first ? h('span', { class: 'badge st-source' }, 'first appearance') : null,
                a.altered ? h('span', { class: 'badge st-credits_other' }, 'altered wording') : null,
                a.as_written ? ' · speaker as written: ' + a.as_written : null, ev ? [' · ', ev] : null]);
              if (a.d) add(li, h('div', { class: 'sbs' }, diffSides(a.d, q.text, a.text)));
              add(ul, li);
            });
            return h('div', { id: 'q-' + q.id, class: 'passage' }, [h('div', { class: 'quote-text' }, '« ' + q.text + ' »'), ul]);
          });
        });
      }
    });
  }
  var sroot = document.getElementById('story-list');
  if (sroot) {
    lists.stories = pagedList(sroot, D.stories, {
      placeholder: 'Filter stories', noun: 'stories', idOf: function (st) { return 'st-' + st.id; },
      haystack: function (st) { return st.title + ' ' + st.outlets.join(' ') + ' ' + st.entities.join(' ') + ' ' + st.docs.map(function (d) { return d.doc + ' ' + (d.title || ''); }).join(' '); },
      render: function (st) {
        return lazyDetails('st-' + st.id, [h('b', {}, 'story ' + st.id + ' · ' + st.title), ' · ' + join([st.from, st.to]) + ' · ' + st.docs.length + ' documents, ' + st.outlets.length + ' outlets'], function () {
          return [h('p', {}, 'Languages: ' + (st.langs.join(', ') || '–') + ' · entities: ' + (st.entities.join(', ') || '–')),
            docTimeline(st.docs), h('ul', {}, st.docs.map(docRow))];
        });
      }
    });
  }
  var nroot = document.getElementById('narrative-list');
  if (nroot) {
    lists.narratives = pagedList(nroot, D.narratives, {
      placeholder: 'Filter narratives', noun: 'narratives', idOf: function (n) { return 'n-' + n.id; },
      haystack: function (n) { return n.label + ' ' + n.entities.join(' ') + ' ' + n.phrases.join(' '); },
      render: function (n) {
        return lazyDetails('n-' + n.id, [h('b', {}, 'narrative ' + n.id + ' · ' + n.label), ' · ' + n.stories.length + ' stories, ' + n.docs.length + ' documents'], function () {
          return [h('p', {}, 'Entities: ' + (n.entities.join(', ') || '–') + ' · phrases: ' + (n.phrases.join(' / ') || '–')),
            h('p', {}, ['Stories: '].concat(n.stories.map(function (id) { return [h('a', { href: '#st-' + id }, String(id)), ' ']; }))),
            docTimeline(n.docs), h('ul', {}, n.docs.map(docRow))];
        });
      }
    });
  }

  // ---- in-page navigation: #c-ID, #p-UID, #q-ID, #st-ID, #n-ID, #find=TEXT, #unattributed ----
  function openAndShow(det, target) {
    if (!det) return;
    if (!det.open) det.open = true;
    det.dispatchEvent(new Event('toggle'));
    var el = target ? document.getElementById(target) : det;
    (el || det).scrollIntoView();
    if (el && el !== det) el.classList.add('target');
  }
  function route() {
    var hs = location.hash.slice(1), m;
    try { hs = decodeURIComponent(hs); } catch (e) { return; }
    if ((m = /^c-(\d+)$/.exec(hs)) && m[1] in idToCluster) openAndShow(clusterList.reveal(idToCluster[m[1]]));
    else if ((m = /^p-(\d+)$/.exec(hs)) && m[1] in uidToCluster) openAndShow(clusterList.reveal(uidToCluster[m[1]]), hs);
    else if ((m = /^q-(\d+)$/.exec(hs)) && lists.quotes && m[1] in quoteOwner) openAndShow(lists.quotes.reveal(quoteOwner[m[1]]), hs);
    else if ((m = /^st-(\d+)$/.exec(hs)) && lists.stories) {
      var si = D.stories.findIndex(function (x) { return String(x.id) === m[1]; });
      if (si >= 0) openAndShow(lists.stories.reveal(si));
    } else if ((m = /^n-(\d+)$/.exec(hs)) && lists.narratives) {
      var ni = D.narratives.findIndex(function (x) { return String(x.id) === m[1]; });
      if (ni >= 0) openAndShow(lists.narratives.reveal(ni));
    } else if ((m = /^find=(.*)$/.exec(hs))) clusterList.find(m[1], false);
    else if (hs === 'unattributed') clusterList.find('', true);
  }
  window.addEventListener('hashchange', route);
  route();
  // Timings (ms since navigation start) for the size/speed measurements.
  document.body.setAttribute('data-timing', 'script start ' + Math.round(t0) + ', data parsed ' +
    Math.round(tParsed) + ', ready ' + Math.round(performance.now()));
  document.body.setAttribute('data-ready', '1');
})();
