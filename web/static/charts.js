/*
 * Starts the charts of a results page: every <canvas data-chart="id"> gets the chart.js
 * configuration from the JSON island <script type="application/json" id="id">, drawn
 * with the same plugins as on the server (chart-plugins.js). And the ZIP download with
 * progress: the archive is streamed folder by folder (a team each, then the wave's), so
 * the page reads the names of the files as they arrive and shows which folder of how
 * many is being made, and the megabytes received.
 */
(function () {
  'use strict';
  var plugins = window.WijkmeterChartPlugins;
  if (window.Chart && plugins) {
    window.Chart.register(plugins.background, plugins.patterns, plugins.valueLabels);
    window.Chart.defaults.font.family = 'Inter, system-ui, sans-serif';
  }

  function loadFont() {
    if (!window.FontFace || !document.fonts) return Promise.resolve();
    var faces = [
      new FontFace('Inter', 'url(/werkruimte/grafieken/inter-400.woff2)', { weight: '400' }),
      new FontFace('Inter', 'url(/werkruimte/grafieken/inter-700.woff2)', { weight: '700' }),
    ];
    return Promise.all(
      faces.map(function (f) {
        return f.load().then(function () {
          document.fonts.add(f);
        });
      }),
    ).catch(function () {});
  }

  function startCharts() {
    if (!window.Chart) return;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var island = document.getElementById(canvas.getAttribute('data-chart'));
      if (!island) return;
      var config = JSON.parse(island.textContent);
      config.options = config.options || {};
      config.options.responsive = true;
      config.options.maintainAspectRatio = true;
      config.options.aspectRatio = canvas.width / canvas.height;
      canvas.parentElement.style.maxWidth = canvas.width + 'px';
      new window.Chart(canvas, config);
    });
  }

  /**
   * Folder names of the ZIP entries in a streamed archive: each entry starts with a local
   * file header (PK\x03\x04, the name's length at byte 26, the name at byte 30). Bytes of a
   * header cut by a chunk boundary are kept for the next chunk. A name must look like the
   * archive's own ("team/file.ext"), so a chance PK\x03\x04 inside a picture counts for nothing.
   */
  function folderCounter(onFolder) {
    var seen = {};
    var carry = new Uint8Array(0);
    return function (chunk) {
      var bytes = chunk;
      if (carry.length > 0) {
        bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry, 0);
        bytes.set(chunk, carry.length);
      }
      var keepFrom = Math.max(0, bytes.length - 300);
      for (var i = bytes.indexOf(0x50); i !== -1 && i < bytes.length; i = bytes.indexOf(0x50, i + 1)) {
        if (bytes[i + 1] !== 0x4b || bytes[i + 2] !== 0x03 || bytes[i + 3] !== 0x04) continue;
        if (i + 30 > bytes.length) {
          keepFrom = Math.min(keepFrom, i);
          break;
        }
        var length = bytes[i + 26] | (bytes[i + 27] << 8);
        if (i + 30 + length > bytes.length) {
          keepFrom = Math.min(keepFrom, i);
          break;
        }
        var name = String.fromCharCode.apply(null, bytes.subarray(i + 30, i + 30 + length));
        var match = /^([a-z0-9-]+)\/[a-z0-9-]+\.(png|svg|txt)$/.exec(name);
        if (match && !seen[match[1]]) {
          seen[match[1]] = true;
          onFolder(Object.keys(seen).length);
        }
      }
      carry = bytes.slice(keepFrom);
    };
  }

  function zipDownloads() {
    document.querySelectorAll('.zip-download[data-zip-url]').forEach(function (box) {
      var link = box.querySelector('a');
      var status = box.querySelector('.zip-progress');
      if (!link || !status || !window.fetch || !window.ReadableStream) return;
      var total = Number(box.getAttribute('data-zip-folders')) || 0;
      link.addEventListener('click', function (event) {
        event.preventDefault();
        status.hidden = false;
        var text = status.querySelector('span');
        var bar = status.querySelector('progress');
        var en = document.documentElement.lang === 'en';
        text.textContent = en ? 'Making the charts…' : 'Grafieken worden gemaakt…';
        bar.removeAttribute('value');
        var folder = 0;
        var received = 0;
        function show() {
          var mb = (received / 1048576).toFixed(1).replace('.', en ? '.' : ',');
          if (total > 0 && folder > 0) {
            bar.max = total;
            bar.value = folder - 1;
            text.textContent = en
              ? 'Folder ' + folder + ' of ' + total + ', ' + mb + ' MB received…'
              : 'Map ' + folder + ' van ' + total + ', ' + mb + ' MB ontvangen…';
          } else text.textContent = mb + (en ? ' MB received…' : ' MB ontvangen…');
        }
        var count = folderCounter(function (n) {
          folder = n;
        });
        fetch(box.getAttribute('data-zip-url'), { credentials: 'same-origin' })
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            var reader = response.body.getReader();
            var parts = [];
            function pump() {
              return reader.read().then(function (step) {
                if (step.done) return;
                parts.push(step.value);
                received += step.value.length;
                count(step.value);
                show();
                return pump();
              });
            }
            return pump().then(function () {
              var url = URL.createObjectURL(new Blob(parts, { type: 'application/zip' }));
              var a = document.createElement('a');
              a.href = url;
              a.download = 'grafieken.zip';
              document.body.appendChild(a);
              a.click();
              a.remove();
              setTimeout(function () {
                URL.revokeObjectURL(url);
              }, 10000);
              bar.max = 1;
              bar.value = 1;
              text.textContent = en ? 'Done.' : 'Klaar.';
            });
          })
          .catch(function () {
            text.textContent = en
              ? 'The download failed; try the link again.'
              : 'Het downloaden is mislukt; probeer de link opnieuw.';
          });
      });
    });
  }

  function start() {
    loadFont().then(startCharts);
    zipDownloads();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
