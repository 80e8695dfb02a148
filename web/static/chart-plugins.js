/*
 * chart.js plugins shared by the server renderer (server/charts/render.ts imports this
 * file) and the results pages (loaded as a classic script before charts.js). One source,
 * so a chart looks the same as a PNG, an SVG, in the PDF and in the browser.
 *
 * Chart configurations are plain data (no callbacks): these plugins read only data
 * fields from the configuration.
 *   - wijkBackground: paints the canvas white (PNG/SVG would be transparent otherwise).
 *   - wijkPatterns: a dataset with `pattern: 'diagonal' | 'dots' | 'cross'` is filled
 *     with that hatching over its colour, legend included — information not in colour alone.
 *   - wijkValueLabels: prints each bar's value (`options.plugins.wijkValueLabels`:
 *     { display, decimals, suffix, decimalComma, inside, minInside, insideEnd }).
 */
(function (root) {
  'use strict';

  var background = {
    id: 'wijkBackground',
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };

  function newTile(size) {
    if (patterns.createTile) return patterns.createTile(size, size);
    var c = root.document.createElement('canvas');
    c.width = size;
    c.height = size;
    return c;
  }

  function drawPattern(tileCtx, kind, colour, size) {
    tileCtx.fillStyle = colour;
    tileCtx.fillRect(0, 0, size, size);
    tileCtx.strokeStyle = '#ffffff';
    tileCtx.fillStyle = '#ffffff';
    tileCtx.lineWidth = size / 6;
    if (kind === 'diagonal' || kind === 'cross') {
      tileCtx.beginPath();
      tileCtx.moveTo(-1, size + 1);
      tileCtx.lineTo(size + 1, -1);
      tileCtx.moveTo(-1, 1);
      tileCtx.lineTo(1, -1);
      tileCtx.moveTo(size - 1, size + 1);
      tileCtx.lineTo(size + 1, size - 1);
      if (kind === 'cross') {
        tileCtx.moveTo(-1, -1);
        tileCtx.lineTo(size + 1, size + 1);
      }
      tileCtx.stroke();
    } else if (kind === 'dots') {
      tileCtx.beginPath();
      tileCtx.arc(size / 2, size / 2, size / 6, 0, Math.PI * 2);
      tileCtx.fill();
    }
  }

  var patterns = {
    id: 'wijkPatterns',
    /** Set by the server renderer: (w, h) => canvas. In the browser a DOM canvas is used. */
    createTile: null,
    beforeUpdate: function (chart) {
      chart.data.datasets.forEach(function (ds) {
        if (!ds.pattern || ds.pattern === 'none') return;
        if (ds._wijkColour === undefined) ds._wijkColour = ds.backgroundColor;
        if (typeof ds._wijkColour !== 'string') return;
        var size = 10 * (chart.currentDevicePixelRatio || 1);
        var tile = newTile(size);
        drawPattern(tile.getContext('2d'), ds.pattern, ds._wijkColour, size);
        var pattern = chart.ctx.createPattern(tile, 'repeat');
        if (pattern) ds.backgroundColor = pattern;
      });
    },
  };

  function luminance(colour) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || '');
    if (!m) return 1;
    var c = [m[1], m[2], m[3]].map(function (h) {
      var v = parseInt(h, 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function format(value, opts) {
    var s = Number(value).toFixed(opts.decimals === undefined ? 2 : opts.decimals);
    if (/^-0([.,]0*)?$/.test(s)) s = s.slice(1);
    if (opts.decimalComma !== false) s = s.replace('.', ',');
    return s + (opts.suffix || '');
  }

  var valueLabels = {
    id: 'wijkValueLabels',
    defaults: { display: false },
    afterDatasetsDraw: function (chart, _args, opts) {
      if (!opts || !opts.display) return;
      var ctx = chart.ctx;
      var horizontal = chart.options.indexAxis === 'y';
      var size = opts.fontSize || 11;
      ctx.save();
      ctx.font = '600 ' + size + 'px ' + ((chart.options.font && chart.options.font.family) || 'Inter');
      chart.data.datasets.forEach(function (ds, i) {
        if (ds.valueLabels === false || ds.type === 'line') return;
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden || !chart.isDatasetVisible(i)) return;
        meta.data.forEach(function (bar, j) {
          var raw = ds.data[j];
          var value = Array.isArray(raw) ? raw[1] - raw[0] : raw;
          if (value === null || value === undefined || Number.isNaN(value)) return;
          var text = format(value, opts);
          var props = bar.getProps(['x', 'y', 'base', 'width', 'height'], true);
          var inside = opts.inside || opts.insideEnd;
          if (inside && opts.insideEnd) {
            var room = horizontal ? Math.abs(props.x - props.base) : Math.abs(props.y - props.base);
            if (ctx.measureText(text).width + 8 > room) return;
            var bg = ds._wijkColour || ds.backgroundColor;
            ctx.fillStyle = luminance(bg) < 0.3 ? '#ffffff' : '#000000';
            if (ds.pattern && ds.pattern !== 'none') {
              // On a hatched bar the text gets a solid backdrop of its own.
              var w = ctx.measureText(text).width + 6;
              ctx.save();
              ctx.fillStyle = '#ffffff';
              if (horizontal) ctx.fillRect(props.x - w - 3, props.y - size * 0.7, w, size * 1.4);
              else ctx.fillRect(props.x - w / 2, props.y + 3, w, size * 1.4);
              ctx.restore();
              ctx.fillStyle = '#000000';
            }
            if (horizontal) {
              ctx.textAlign = 'right';
              ctx.textBaseline = 'middle';
              ctx.fillText(text, props.x - 6, props.y);
            } else {
              ctx.textAlign = 'center';
              ctx.textBaseline = 'top';
              ctx.fillText(text, props.x, props.y + 4);
            }
          } else if (opts.inside) {
            var length = horizontal ? Math.abs(props.x - props.base) : Math.abs(props.y - props.base);
            if (value < (opts.minInside || 0) || ctx.measureText(text).width + 4 > length) return;
            var colour = ds._wijkColour || ds.backgroundColor;
            ctx.fillStyle = luminance(colour) < 0.3 ? '#ffffff' : '#000000';
            ctx.textAlign = 'center';
            ctx.textBaseline = 'middle';
            if (horizontal) ctx.fillText(text, (props.x + props.base) / 2, props.y);
            else ctx.fillText(text, props.x, (props.y + props.base) / 2);
          } else {
            ctx.fillStyle = '#000000';
            if (horizontal) {
              ctx.textAlign = value < 0 ? 'right' : 'left';
              ctx.textBaseline = 'middle';
              ctx.fillText(text, value < 0 ? props.x - 4 : props.x + 4, props.y);
            } else {
              ctx.textAlign = 'center';
              ctx.textBaseline = value < 0 ? 'top' : 'bottom';
              ctx.fillText(text, props.x, value < 0 ? props.y + 3 : props.y - 3);
            }
          }
        });
      });
      ctx.restore();
    },
  };

  root.WijkmeterChartPlugins = { background: background, patterns: patterns, valueLabels: valueLabels };
})(globalThis);
